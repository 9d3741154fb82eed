// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/wixtf/terraform-provider-wix/internal/wixfake"
)

// testAccProtoV6ProviderFactories serve the provider in-process, with the
// echo provider beside it to carry ephemeral values into state for checks.
var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"wix":  providerserver.NewProtocol6WithError(New("test")()),
	"echo": echoprovider.NewProviderServer(),
}

// testEpoch is the fake's clock: a whole second, so expires_at is exact.
var testEpoch = time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)

const testExpiresAt = "2026-03-04T09:06:07Z" // testEpoch + 4h

func newFake(t *testing.T) *wixfake.Server {
	t.Helper()
	clearWixEnv(t)
	return wixfake.NewTestServer(t, wixfake.Options{Now: func() time.Time { return testEpoch }})
}

// clearWixEnv keeps the developer's own WIX_* settings out of a test.
func clearWixEnv(t *testing.T) {
	t.Helper()
	for _, k := range []string{envClientID, envClientSecret, envInstanceID, envAPIURL} {
		t.Setenv(k, "")
	}
}

// providerBlock configures the provider against the fake with the demo app.
func providerBlock(fake *wixfake.Server) string {
	return fmt.Sprintf(`
provider "wix" {
  api_url       = %q
  client_id     = %q
  client_secret = %q
  instance_id   = %q
}
`, fake.URL(), wixfake.DemoClientID, wixfake.DemoClientSecret, wixfake.DemoInstanceID)
}

// echoBlock puts an ephemeral value into the echo resource's state.
func echoBlock(expr string) string {
	return fmt.Sprintf(`
provider "echo" {
  data = %s
}
resource "echo" "test" {}
`, expr)
}

// issuedFor checks that a token is one the fake minted for this client and
// instance. It never prints the token.
func issuedFor(fake *wixfake.Server, clientID, instanceID string) knownvalue.Check {
	return knownvalue.StringFunc(func(v string) error {
		it, ok := fake.LookupToken(v)
		if !ok {
			return fmt.Errorf("the value is not a token the fake Wix issued")
		}
		if it.ClientID != clientID || it.InstanceID != instanceID {
			return fmt.Errorf("the token was minted for client %q instance %q, want client %q instance %q", it.ClientID, it.InstanceID, clientID, instanceID)
		}
		return nil
	})
}
