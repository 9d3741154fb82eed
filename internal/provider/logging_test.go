// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/wixtf/terraform-provider-wix/internal/wixfake"
)

// A full run at TF_LOG=TRACE, success and failure paths, every data source
// and ephemeral resource: neither the client secret nor any token the fake
// issued may appear in the provider's or the CLI's logs. The test framework
// reads TF_LOG from the process's environment, so this test runs alone.
func TestAccLogging_noSecretsAtTrace(t *testing.T) {
	fake := newFake(t)
	logFile := filepath.Join(t.TempDir(), "trace.log")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logFile)

	// Secrets come from the environment: the test framework writes each
	// step's configuration into the log, which must not hold them either.
	provider := fmt.Sprintf("provider \"wix\" {\n  api_url = %q\n  client_id = %q\n  instance_id = %q\n}\n", fake.URL(), wixfake.DemoClientID, wixfake.DemoInstanceID)
	withSecret := factories(env{"WIX_CLIENT_SECRET": wixfake.DemoClientSecret}.getenv)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: withSecret,
		Steps:                    []resource.TestStep{{Config: provider + `data "wix_access_token" "test" {}` + "\n" + `data "wix_app_instance" "test" {}`}},
	})
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   skipBelowEphemeral,
		ProtoV6ProviderFactories: withSecret,
		Steps: []resource.TestStep{{
			// Opened and used, never stored: echo would put the token into
			// state on purpose, so it is not used here.
			Config: provider + `
ephemeral "wix_access_token" "test" {}
ephemeral "wix_token_info" "test" {
  token = ephemeral.wix_access_token.test.access_token
}
variable "refresh_token" {
  type      = string
  ephemeral = true
}
ephemeral "wix_access_token" "legacy" {
  refresh_token = var.refresh_token
}
locals {
  token_length = length(ephemeral.wix_access_token.test.access_token)
  token_active = ephemeral.wix_token_info.test.active
  legacy_type  = ephemeral.wix_access_token.legacy.token_type
}
`,
			// A variable, as the framework writes each configuration into the log.
			ConfigVariables: config.Variables{"refresh_token": config.StringVariable(wixfake.DemoRefreshToken)},
		}},
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(env{"WIX_CLIENT_SECRET": "wrong-secret-for-the-log-test"}.getenv),
		Steps: []resource.TestStep{{
			Config:      provider + `data "wix_access_token" "test" {}`,
			ExpectError: errRe("Wix Rejected the Client Credentials", "WIX_CLIENT_SECRET"),
		}},
	})

	data, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatalf("reading the trace log: %v", err)
	}
	log := string(data)
	if !strings.Contains(log, "requesting a Wix access token") || !strings.Contains(log, "obtained a Wix access token") {
		t.Fatal("the trace log holds no provider log lines: the test would prove nothing")
	}
	if len(fake.ProtectedCalls()) == 0 {
		t.Fatal("wix_app_instance made no call: the test would prove nothing about its token")
	}
	legacy := 0
	for _, tok := range fake.IssuedTokens() {
		if it, _ := fake.LookupToken(tok); it.GrantType == "refresh_token" {
			legacy++
		}
	}
	if legacy == 0 {
		t.Fatal("no token was minted from the refresh token: the test would prove nothing about it")
	}
	secrets := append([]string{wixfake.DemoClientSecret, "wrong-secret-for-the-log-test", wixfake.DemoRefreshToken}, fake.IssuedTokens()...)
	if len(secrets) < 4 {
		t.Fatal("the fake issued no token")
	}
	for i, s := range secrets {
		what := "an issued token"
		switch {
		case i < 2:
			what = "a client secret"
		case i == 2:
			what = "a refresh token"
		}
		if strings.Contains(log, s) {
			t.Errorf("secret #%d (%s) appears in the TRACE log", i, what)
		}
	}
	t.Logf("checked %d bytes of TRACE log for %d secrets and tokens", len(data), len(secrets))
}
