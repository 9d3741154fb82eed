// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/wixtf/terraform-provider-wix/internal/wixfake"
)

func TestAccAccessTokenEphemeral_basic(t *testing.T) {
	fake := newFake(t)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   skipBelowEphemeral,
		ProtoV6ProviderFactories: noEnv,
		Steps: []resource.TestStep{{
			Config:            providerBlock(fake) + `ephemeral "wix_access_token" "test" {}` + echoBlock("ephemeral.wix_access_token.test"),
			ConfigStateChecks: tokenChecks(tfjsonpath.New("data"), fake, wixfake.DemoClientID, wixfake.DemoInstanceID),
		}},
	})
}

// One configuration mints for several instances with for_each, and for a
// second app on the same instance ID: the tokens must not be mixed up.
const overridesConfig = `
%[1]s
%[2]s "wix_access_token" "sites" {
  for_each    = toset([%[3]q, %[4]q])
  instance_id = each.key
}
%[2]s "wix_access_token" "second_app" {
  client_id     = %[5]q
  client_secret = %[6]q
  instance_id   = %[3]q
}
`

func TestAccAccessTokenEphemeral_overrides(t *testing.T) {
	fake := newFake(t)
	cfg := fmt.Sprintf(overridesConfig, providerBlock(fake), "ephemeral", wixfake.DemoInstanceID, wixfake.DemoInstanceID2, wixfake.SecondClientID, wixfake.SecondClientSecret) +
		echoBlock(fmt.Sprintf(`{
    one    = ephemeral.wix_access_token.sites[%q]
    two    = ephemeral.wix_access_token.sites[%q]
    second = ephemeral.wix_access_token.second_app
  }`, wixfake.DemoInstanceID, wixfake.DemoInstanceID2))
	var checks []statecheck.StateCheck
	checks = append(checks, tokenChecks(tfjsonpath.New("data").AtMapKey("one"), fake, wixfake.DemoClientID, wixfake.DemoInstanceID)...)
	checks = append(checks, tokenChecks(tfjsonpath.New("data").AtMapKey("two"), fake, wixfake.DemoClientID, wixfake.DemoInstanceID2)...)
	checks = append(checks, tokenChecks(tfjsonpath.New("data").AtMapKey("second"), fake, wixfake.SecondClientID, wixfake.DemoInstanceID)...)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   skipBelowEphemeral,
		ProtoV6ProviderFactories: noEnv,
		Steps:                    []resource.TestStep{{Config: cfg, ConfigStateChecks: checks}},
	})
}

// Only the ephemeral resource takes client credentials of its own, and
// checks them as the provider block does.
func TestAccAccessTokenEphemeral_invalidCredentials(t *testing.T) {
	fake := newFake(t)
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
			resource.ParallelTest(t, resource.TestCase{
				TerraformVersionChecks:   skipBelowEphemeral,
				ProtoV6ProviderFactories: noEnv,
				Steps:                    []resource.TestStep{{Config: tc.config, ExpectError: tc.want}},
			})
		})
	}
}

func reuseConfig(fake *wixfake.Server, reuse bool) string {
	return fmt.Sprintf(`
provider "wix" {
  api_url       = %q
  client_id     = %q
  client_secret = %q
  instance_id   = %q
  token_reuse   = %t
}
ephemeral "wix_access_token" "same" {
  count = 3
}
`, fake.URL(), wixfake.DemoClientID, wixfake.DemoClientSecret, wixfake.DemoInstanceID, reuse) +
		echoBlock(`ephemeral.wix_access_token.same[*].access_token`)
}

// Several tokens for one app instance in one operation share one token;
// with token_reuse = false each gets its own.
func TestAccAccessTokenEphemeral_reuse(t *testing.T) {
	for _, reuse := range []bool{true, false} {
		t.Run(fmt.Sprintf("token_reuse=%t", reuse), func(t *testing.T) {
			fake := newFake(t)
			var same compare.ValueComparer = compare.ValuesSame()
			if !reuse {
				same = compare.ValuesDiffer() // pairwise over every pair: all three differ
			}
			token := func(i int) tfjsonpath.Path { return tfjsonpath.New("data").AtSliceIndex(i) }
			var checks []statecheck.StateCheck
			for i := range 3 {
				checks = append(checks, statecheck.ExpectKnownValue("echo.test", token(i), issuedFor(fake, wixfake.DemoClientID, wixfake.DemoInstanceID)))
			}
			// Every pair, so that three tokens are all equal, or all different.
			for _, pair := range [][2]int{{0, 1}, {0, 2}, {1, 2}} {
				checks = append(checks, statecheck.CompareValuePairs("echo.test", token(pair[0]), "echo.test", token(pair[1]), same))
			}
			resource.ParallelTest(t, resource.TestCase{
				TerraformVersionChecks:   skipBelowEphemeral,
				ProtoV6ProviderFactories: noEnv,
				Steps:                    []resource.TestStep{{Config: reuseConfig(fake, reuse), ConfigStateChecks: checks}},
			})
		})
	}
}

// An app on Wix's legacy custom authentication: the token from a refresh
// token is a five-minute Bearer token for the installation; refusals and a
// refresh token with an instance ID name what to fix.
func TestAccAccessTokenEphemeral_refreshToken(t *testing.T) {
	fake := newFake(t)
	legacy := func(args string) string {
		return providerBlock(fake) + "ephemeral \"wix_access_token\" \"legacy\" {\n" + args + "\n}\n" + echoBlock("ephemeral.wix_access_token.legacy")
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   skipBelowEphemeral,
		ProtoV6ProviderFactories: noEnv,
		Steps: []resource.TestStep{
			{
				Config:      legacy(fmt.Sprintf("  refresh_token = %q", wixfake.RemovedRefreshToken)),
				ExpectError: errRe("Wix Refused the Refresh Token", "invalid_grant", "refresh_token (from refresh_token on this wix_access_token)", "uninstalled"),
			},
			{
				Config:      legacy(fmt.Sprintf("  refresh_token = %q\n  instance_id = %q", wixfake.DemoRefreshToken, wixfake.DemoInstanceID)),
				ExpectError: errRe("Refresh Token and Instance ID Together", "remove instance_id"),
			},
			{
				Config:      legacy(`  refresh_token = " padded "`),
				ExpectError: errRe("Invalid Refresh Token", "refresh_token has leading or trailing whitespace"),
			},
			// The last step's configuration is destroyed after the test: a valid one.
			{
				Config: legacy(fmt.Sprintf("  refresh_token = %q", wixfake.DemoRefreshToken)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data").AtMapKey("access_token"), knownvalue.StringFunc(func(v string) error {
						it, ok := fake.LookupToken(v)
						if !ok || it.GrantType != "refresh_token" || it.InstanceID != wixfake.DemoInstanceID {
							return fmt.Errorf("the token is not one the fake issued for the demo instance from its refresh token")
						}
						return nil
					})),
					statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data").AtMapKey("token_type"), knownvalue.StringExact("Bearer")),
					statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data").AtMapKey("expires_in"), knownvalue.Int64Exact(300)),
					statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data").AtMapKey("expires_at"), knownvalue.StringExact(testEpoch.Add(5*time.Minute).Format(time.RFC3339))),
				},
			},
		},
	})
}
