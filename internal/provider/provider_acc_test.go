// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/wixtf/terraform-provider-wix/internal/wixfake"
)

// A Headless OAuth client mints without any instance ID, and the request
// then carries none.
func TestAccAccessToken_headlessWithoutInstance(t *testing.T) {
	fake := newFake(t)
	cfg := fmt.Sprintf(`
provider "wix" {
  api_url       = %q
  client_id     = %q
  client_secret = %q
}
data "wix_access_token" "test" {}
`, fake.URL(), wixfake.HeadlessClientID, wixfake.HeadlessClientSecret)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.wix_access_token.test", tfjsonpath.New("access_token"), issuedFor(fake, wixfake.HeadlessClientID, "")),
			},
			Check: func(*terraform.State) error {
				for _, r := range fake.TokenRequestLog() {
					if r.HasInstanceID {
						return fmt.Errorf("a token request carried an instance ID field")
					}
				}
				return nil
			},
		}},
	})
}

// Settings left out of the provider block come from WIX_*; settings in the
// block win over the environment.
func TestAccProvider_environmentAndPrecedence(t *testing.T) {
	fake := newFake(t)
	t.Setenv(envAPIURL, fake.URL())
	t.Setenv(envClientID, wixfake.SecondClientID)
	t.Setenv(envClientSecret, wixfake.SecondClientSecret)
	t.Setenv(envInstanceID, wixfake.SecondOnlyInstanceID)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
provider "wix" {}
data "wix_access_token" "test" {}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.wix_access_token.test", tfjsonpath.New("access_token"), issuedFor(fake, wixfake.SecondClientID, wixfake.SecondOnlyInstanceID)),
				},
			},
			{
				Config: fmt.Sprintf(`
provider "wix" {
  client_id     = %q
  client_secret = %q
  instance_id   = %q
}
data "wix_access_token" "test" {}
`, wixfake.DemoClientID, wixfake.DemoClientSecret, wixfake.DemoInstanceID2),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.wix_access_token.test", tfjsonpath.New("access_token"), issuedFor(fake, wixfake.DemoClientID, wixfake.DemoInstanceID2)),
				},
			},
		},
	})
}

func TestAccAccessToken_errors(t *testing.T) {
	fake := newFake(t)
	noCreds := fmt.Sprintf("provider \"wix\" {\n  api_url = %q\n}\n", fake.URL())
	cases := []struct {
		name, config string
		want         *regexp.Regexp
	}{
		{"wrong secret", fmt.Sprintf(`
provider "wix" {
  api_url       = %q
  client_id     = %q
  client_secret = "not-the-right-secret"
  instance_id   = %q
}
data "wix_access_token" "test" {}
`, fake.URL(), wixfake.DemoClientID, wixfake.DemoInstanceID),
			errRe("Wix Rejected the Client Credentials", "HTTP 401", "invalid_client", "client_secret", "in the provider \"wix\" block")},
		{"unknown instance on the resource", providerBlock(fake) + `
data "wix_access_token" "test" {
  instance_id = "aaaaaaaa-0000-4000-8000-00000000dead"
}`, errRe("Wix Does Not Know This App Instance", "instance_id on this wix_access_token", "uninstalled")},
		{"app uninstalled", providerBlock(fake) + fmt.Sprintf(`
data "wix_access_token" "test" {
  instance_id = %q
}`, wixfake.RemovedInstanceID), errRe("Wix Does Not Know This App Instance")},
		{"no credentials anywhere", noCreds + `data "wix_access_token" "test" {}`,
			errRe("Missing Wix Client Credentials", "client_id (or WIX_CLIENT_ID) and", "client_secret (or WIX_CLIENT_SECRET)")},
		{"app without instance ID", fmt.Sprintf(`
provider "wix" {
  api_url       = %q
  client_id     = %q
  client_secret = %q
}
data "wix_access_token" "test" {}
`, fake.URL(), wixfake.DemoClientID, wixfake.DemoClientSecret),
			errRe("Wix Rejected the Token Request", "carried no instance ID", "set instance_id")},
		{"plain http to a remote host", `
provider "wix" {
  api_url = "http://www.wixapis.com"
}
data "wix_access_token" "test" {}`, errRe("Invalid Wix API URL", "plain http is only allowed to a loopback host")},
		{"unreachable api", fmt.Sprintf(`
provider "wix" {
  api_url       = "http://127.0.0.1:1"
  client_id     = %q
  client_secret = %q
  instance_id   = %q
}
data "wix_access_token" "test" {}
`, wixfake.DemoClientID, wixfake.DemoClientSecret, wixfake.DemoInstanceID), errRe("Cannot Reach the Wix API", "connection refused", "http://127.0.0.1:1/oauth2/token")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: tc.config, ExpectError: tc.want}},
			})
		})
	}
	// Credentials on the token itself: only the ephemeral resource takes them.
	for _, tc := range []struct {
		name, config string
		want         *regexp.Regexp
	}{
		{"empty client_id on the resource", providerBlock(fake) + `
ephemeral "wix_access_token" "test" {
  client_id = ""
}`, errRe("Invalid Client ID", "client_id is set to an empty string")},
		{"secret with a trailing newline", providerBlock(fake) + `
ephemeral "wix_access_token" "test" {
  client_secret = "abc\n"
}`, errRe("Invalid Client Secret", "leading or trailing whitespace")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				TerraformVersionChecks:   skipBelowEphemeral,
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: tc.config, ExpectError: tc.want}},
			})
		})
	}
}

func TestAccProvider_envValueChecked(t *testing.T) {
	fake := newFake(t)
	t.Setenv(envAPIURL, "ftp://www.wixapis.com")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      providerBlock(fake) + `provider "wix" { alias = "env" }` + "\n" + `data "wix_access_token" "test" { provider = wix.env }`,
			ExpectError: errRe("Invalid WIX_API_URL", "the WIX_API_URL environment variable is not usable", "scheme must be https"),
		}},
	})
}

// A provider setting that is unknown during plan (it comes from a resource
// not created yet) does not fail the plan: the ephemeral token is minted at
// apply, and the data source says how to wait for it.
func TestAccProvider_unknownDuringPlan(t *testing.T) {
	fake := newFake(t)
	provider := fmt.Sprintf(`
resource "terraform_data" "secret" {
  input = %q
}
provider "wix" {
  api_url       = %q
  client_id     = %q
  client_secret = terraform_data.secret.output
  instance_id   = %q
}
`, wixfake.DemoClientSecret, fake.URL(), wixfake.DemoClientID, wixfake.DemoInstanceID)
	ephemeralStep := resource.TestStep{
		Config:            provider + `ephemeral "wix_access_token" "test" {}` + echoBlock("ephemeral.wix_access_token.test"),
		ConfigStateChecks: tokenChecks(tfjsonpath.New("data"), fake, wixfake.DemoClientID, wixfake.DemoInstanceID),
	}
	if os.Getenv("TF_ACC_PROVIDER_HOST") == "registry.opentofu.org" {
		// Known limitation: OpenTofu (1.12) refuses an ephemeral result that
		// is not wholly known, so there the plan fails. This step records
		// that behaviour, so a change in it is noticed.
		ephemeralStep = resource.TestStep{
			Config:      ephemeralStep.Config,
			ExpectError: errRe("produced a value", "for ephemeral.wix_access_token.test that is not wholly known"),
		}
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   skipBelowEphemeral,
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			ephemeralStep,
			{
				Config: provider + `
resource "terraform_data" "later" {
  input = "x"
}
data "wix_access_token" "waits" {
  depends_on = [terraform_data.later]
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.wix_access_token.waits", tfjsonpath.New("expires_at"), knownvalue.StringExact(testExpiresAt)),
				},
			},
		},
	})
	fake2 := newFake(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "terraform_data" "secret" {
  input = %q
}
provider "wix" {
  api_url       = %q
  client_id     = %q
  client_secret = terraform_data.secret.output
}
data "wix_access_token" "test" {}
`, wixfake.DemoClientSecret, fake2.URL(), wixfake.DemoClientID),
			ExpectError: errRe("Wix Credentials Not Known Until Apply", "client_secret in the provider \"wix\" block", "depends_on"),
		}},
	})
}

// errRe matches the given parts in order, whatever line wrapping Terraform
// applies to the diagnostic text.
func errRe(parts ...string) *regexp.Regexp {
	quoted := make([]string, len(parts))
	for i, p := range parts {
		quoted[i] = strings.Join(strings.Fields(regexp.QuoteMeta(p)), `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, ".*"))
}

// The retry settings bound how often a failing Wix is asked, and bad
// settings are refused at validate time.
func TestAccProvider_retrySettings(t *testing.T) {
	fake := newFake(t)
	fake.InjectFault(wixfake.TokenPath, wixfake.Fault{Status: 503, Times: 1000})
	cfg := func(settings string) string {
		return fmt.Sprintf(`
provider "wix" {
  api_url       = %q
  client_id     = %q
  client_secret = %q
  instance_id   = %q
%s
}
data "wix_access_token" "test" {}
`, fake.URL(), wixfake.DemoClientID, wixfake.DemoClientSecret, wixfake.DemoInstanceID, settings)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      cfg(`  max_retries = 0`),
				ExpectError: errRe("Wix Failed to Mint a Token", "HTTP 503", "run again later"),
			},
			{
				PreConfig: func() {
					fake.ClearFaults()
					fake.InjectFault(wixfake.TokenPath, wixfake.Fault{Status: 503, Times: 1000})
				},
				Config:      cfg(`  max_retries = 2`),
				ExpectError: errRe("Wix Failed to Mint a Token", "HTTP 503", "(after 3 attempts)"),
			},
			{Config: cfg(`  max_wait = "2 minutes"`), ExpectError: errRe("Invalid Duration", "max_wait", "not a duration")},
			{Config: cfg(`  request_timeout = "0s"`), ExpectError: errRe("Invalid Duration", "request_timeout", "outside the accepted range")},
			{Config: cfg(`  max_retries = 11`), ExpectError: errRe("max_retries", "between 0 and 10")},
			{Config: cfg(`  proxy_url = "ftp://proxy:21"`), ExpectError: errRe("Invalid Proxy URL", "use http, https or socks5")},
			{Config: cfg(`  ca_bundle_file = "/nonexistent/ca.pem"`), ExpectError: errRe("Cannot Read the CA Bundle", "ca_bundle_file in the provider \"wix\" block")},
		},
	})
}
