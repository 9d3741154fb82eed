// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/wixtf/terraform-provider-wix/internal/wixfake"
)

var skipBelowEphemeral = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)}

// tokenChecks asserts every computed attribute of a token the echo
// resource holds at base.
func tokenChecks(base tfjsonpath.Path, fake *wixfake.Server, clientID, instanceID string) []statecheck.StateCheck {
	const resourceAddr = "echo.test"
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(resourceAddr, base.AtMapKey("access_token"), issuedFor(fake, clientID, instanceID)),
		statecheck.ExpectKnownValue(resourceAddr, base.AtMapKey("token_type"), knownvalue.StringExact("Bearer")),
		statecheck.ExpectKnownValue(resourceAddr, base.AtMapKey("expires_in"), knownvalue.Int64Exact(14400)),
		statecheck.ExpectKnownValue(resourceAddr, base.AtMapKey("expires_at"), knownvalue.StringExact(testExpiresAt)),
	}
}

func TestAccAccessTokenDataSource_basic(t *testing.T) {
	fake := newFake(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(fake) + `data "wix_access_token" "test" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.wix_access_token.test", tfjsonpath.New("access_token"), issuedFor(fake, wixfake.DemoClientID, wixfake.DemoInstanceID)),
				statecheck.ExpectKnownValue("data.wix_access_token.test", tfjsonpath.New("token_type"), knownvalue.StringExact("Bearer")),
				statecheck.ExpectKnownValue("data.wix_access_token.test", tfjsonpath.New("expires_in"), knownvalue.Int64Exact(14400)),
				statecheck.ExpectKnownValue("data.wix_access_token.test", tfjsonpath.New("expires_at"), knownvalue.StringExact(testExpiresAt)),
				statecheck.ExpectKnownValue("data.wix_access_token.test", tfjsonpath.New("instance_id"), knownvalue.Null()),
				statecheck.ExpectSensitiveValue("data.wix_access_token.test", tfjsonpath.New("access_token")),
			},
			Check: func(*terraform.State) error {
				log := fake.TokenRequestLog()
				if len(log) == 0 {
					return fmt.Errorf("no token request reached the fake")
				}
				ua := log[0].UserAgent
				if !strings.HasPrefix(ua, "terraform-provider-wix/test ") || !regexp.MustCompile(`Terraform/\d+\.\d+\.\d+`).MatchString(ua) {
					return fmt.Errorf("User-Agent %q does not name the provider, its version and the Terraform version", ua)
				}
				return nil
			},
		}},
	})
}

func TestAccAccessTokenEphemeral_basic(t *testing.T) {
	fake := newFake(t)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   skipBelowEphemeral,
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
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
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   skipBelowEphemeral,
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    []resource.TestStep{{Config: cfg, ConfigStateChecks: checks}},
	})
}

// The data source with count (for_each on data sources cannot be inspected
// by the test framework's state checks).
func TestAccAccessTokenDataSource_overrides(t *testing.T) {
	fake := newFake(t)
	cfg := providerBlock(fake) + fmt.Sprintf(`
data "wix_access_token" "sites" {
  count       = 2
  instance_id = [%[1]q, %[2]q][count.index]
}
data "wix_access_token" "second_app" {
  client_id     = %[3]q
  client_secret = %[4]q
  instance_id   = %[1]q
}
`, wixfake.DemoInstanceID, wixfake.DemoInstanceID2, wixfake.SecondClientID, wixfake.SecondClientSecret)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.wix_access_token.sites[0]", tfjsonpath.New("access_token"), issuedFor(fake, wixfake.DemoClientID, wixfake.DemoInstanceID)),
				statecheck.ExpectKnownValue("data.wix_access_token.sites[1]", tfjsonpath.New("access_token"), issuedFor(fake, wixfake.DemoClientID, wixfake.DemoInstanceID2)),
				statecheck.ExpectKnownValue("data.wix_access_token.second_app", tfjsonpath.New("access_token"), issuedFor(fake, wixfake.SecondClientID, wixfake.DemoInstanceID)),
				statecheck.ExpectKnownValue("data.wix_access_token.second_app", tfjsonpath.New("client_id"), knownvalue.StringExact(wixfake.SecondClientID)),
				statecheck.ExpectSensitiveValue("data.wix_access_token.second_app", tfjsonpath.New("client_secret")),
			},
		}},
	})
}
