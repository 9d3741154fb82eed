// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/wixtf/terraform-provider-wix/internal/wixfake"
)

func TestAccAccessTokenDataSource_basic(t *testing.T) {
	fake := newFake(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: noEnv,
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
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: noEnv,
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
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: noEnv,
				Steps: []resource.TestStep{{
					Config:      providerBlock(fake) + fmt.Sprintf("data \"wix_access_token\" \"test\" {\n  %s = %q\n}\n", attr, wixfake.SecondClientSecret),
					ExpectError: errRe("Unsupported argument", fmt.Sprintf("An argument named %q is not expected here", attr)),
				}},
			})
		})
	}
	t.Cleanup(func() { // after the parallel subtests
		if n := fake.TokenRequests(); n != 0 {
			t.Errorf("%d token requests were made for a configuration that is invalid", n)
		}
	})
}

// A Headless OAuth client mints without any instance ID, and the request
// then carries none.
func TestAccAccessTokenDataSource_headlessWithoutInstance(t *testing.T) {
	fake := newFake(t)
	cfg := fmt.Sprintf(`
provider "wix" {
  api_url       = %q
  client_id     = %q
  client_secret = %q
}
data "wix_access_token" "test" {}
`, fake.URL(), wixfake.HeadlessClientID, wixfake.HeadlessClientSecret)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: noEnv,
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

// The data source shares tokens in the same way.
func TestAccAccessTokenDataSource_reuse(t *testing.T) {
	fake := newFake(t)
	token := func(i int) string { return fmt.Sprintf("data.wix_access_token.same[%d]", i) }
	var checks []statecheck.StateCheck
	for i := range 3 {
		checks = append(checks, statecheck.ExpectKnownValue(token(i), tfjsonpath.New("access_token"), issuedFor(fake, wixfake.DemoClientID, wixfake.DemoInstanceID)))
	}
	for _, pair := range [][2]int{{0, 1}, {0, 2}, {1, 2}} {
		checks = append(checks, statecheck.CompareValuePairs(token(pair[0]), tfjsonpath.New("access_token"), token(pair[1]), tfjsonpath.New("access_token"), compare.ValuesSame()))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: noEnv,
		Steps: []resource.TestStep{{
			Config:            providerBlock(fake) + "data \"wix_access_token\" \"same\" {\n  count = 3\n}\n",
			ConfigStateChecks: checks,
		}},
	})
}
