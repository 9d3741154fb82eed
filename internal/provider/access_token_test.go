// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
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
// by the test framework's state checks). Its only override is instance_id:
// a second app takes a provider alias, which examples/scenarios/
// data-source-several-apps shows and the end-to-end tests apply (here every
// provider configuration would share one in-process provider server).
func TestAccAccessTokenDataSource_overrides(t *testing.T) {
	fake := newFake(t)
	cfg := providerBlock(fake) + fmt.Sprintf(`
data "wix_access_token" "sites" {
  count       = 2
  instance_id = [%[1]q, %[2]q][count.index]
}
`, wixfake.DemoInstanceID, wixfake.DemoInstanceID2)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.wix_access_token.sites[0]", tfjsonpath.New("access_token"), issuedFor(fake, wixfake.DemoClientID, wixfake.DemoInstanceID)),
				statecheck.ExpectKnownValue("data.wix_access_token.sites[1]", tfjsonpath.New("access_token"), issuedFor(fake, wixfake.DemoClientID, wixfake.DemoInstanceID2)),
				statecheck.ExpectKnownValue("data.wix_access_token.sites[1]", tfjsonpath.New("instance_id"), knownvalue.StringExact(wixfake.DemoInstanceID2)),
			},
		}},
	})
}

// The data source refuses client credentials of its own: every argument of
// a data source is stored in state, and the App secret must never be.
// Terraform's own "Unsupported argument" error is the diagnostic.
func TestAccAccessTokenDataSource_noClientCredentials(t *testing.T) {
	fake := newFake(t)
	for _, attr := range []string{"client_id", "client_secret"} {
		t.Run(attr, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      providerBlock(fake) + fmt.Sprintf("data \"wix_access_token\" \"test\" {\n  %s = %q\n}\n", attr, wixfake.SecondClientSecret),
					ExpectError: errRe("Unsupported argument", fmt.Sprintf("An argument named %q is not expected here", attr)),
				}},
			})
		})
	}
	if n := fake.TokenRequests(); n != 0 {
		t.Errorf("%d token requests were made for a configuration that is invalid", n)
	}
}

// The two kinds of wix_access_token share these attributes, which must agree
// in type, mode, sensitivity, description and validators; the ephemeral
// resource alone takes client credentials, because a data source's arguments
// are stored in state.
func TestAccessTokenSchemas_agree(t *testing.T) {
	ctx := context.Background()
	var eresp ephemeral.SchemaResponse
	NewAccessTokenEphemeralResource().Schema(ctx, ephemeral.SchemaRequest{}, &eresp)
	var dresp datasource.SchemaResponse
	NewAccessTokenDataSource().Schema(ctx, datasource.SchemaRequest{}, &dresp)
	if eresp.Diagnostics.HasError() || dresp.Diagnostics.HasError() {
		t.Fatalf("schema diagnostics: %v %v", eresp.Diagnostics, dresp.Diagnostics)
	}

	shared := []string{"instance_id", "access_token", "token_type", "expires_in", "expires_at"}
	ephemeralOnly := []string{"client_id", "client_secret"}
	if got, want := slices.Sorted(maps.Keys(dresp.Schema.Attributes)), slices.Sorted(slices.Values(shared)); !slices.Equal(got, want) {
		t.Errorf("data source attributes %v, want %v", got, want)
	}
	if got, want := slices.Sorted(maps.Keys(eresp.Schema.Attributes)), slices.Sorted(slices.Values(append(slices.Clone(shared), ephemeralOnly...))); !slices.Equal(got, want) {
		t.Errorf("ephemeral resource attributes %v, want %v", got, want)
	}
	for _, name := range shared {
		e, d := eresp.Schema.Attributes[name], dresp.Schema.Attributes[name]
		if e == nil || d == nil {
			continue // reported above
		}
		if !e.GetType().Equal(d.GetType()) || e.IsOptional() != d.IsOptional() || e.IsComputed() != d.IsComputed() ||
			e.IsRequired() != d.IsRequired() || e.IsSensitive() != d.IsSensitive() ||
			e.GetMarkdownDescription() != d.GetMarkdownDescription() || e.GetMarkdownDescription() == "" {
			t.Errorf("%s differs between the kinds:\n ephemeral:   %#v\n data source: %#v", name, e, d)
		}
		if ev, dv := stringValidators(e), stringValidators(d); fmt.Sprint(ev) != fmt.Sprint(dv) {
			t.Errorf("%s has validators %v on the ephemeral resource and %v on the data source", name, ev, dv)
		}
	}
	if n := len(stringValidators(dresp.Schema.Attributes["instance_id"])); n != 1 {
		t.Errorf("instance_id has %d validators, want the credential check", n)
	}
	if !eresp.Schema.Attributes["client_secret"].IsSensitive() || !eresp.Schema.Attributes["access_token"].IsSensitive() {
		t.Error("client_secret and access_token must be sensitive")
	}
}

// stringValidators are the validators of a string attribute of either kind.
func stringValidators(a interface{ GetType() attr.Type }) []validator.String {
	if v, ok := a.(interface{ StringValidators() []validator.String }); ok {
		return v.StringValidators()
	}
	return nil
}
