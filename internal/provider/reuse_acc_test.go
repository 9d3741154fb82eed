// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/wixtf/terraform-provider-wix/internal/wixfake"
)

// tokenSet collects token values from state checks and compares them
// without ever printing one.
type tokenSet struct{ seen []string }

func (s *tokenSet) capture(fake *wixfake.Server) knownvalue.Check {
	return knownvalue.StringFunc(func(v string) error {
		if _, ok := fake.LookupToken(v); !ok {
			return fmt.Errorf("the value is not a token the fake Wix issued")
		}
		s.seen = append(s.seen, v)
		return nil
	})
}

// distinct expects this many different tokens among those captured.
func (s *tokenSet) distinct(want int) statecheck.StateCheck {
	return checkFunc(func() error {
		uniq := map[string]bool{}
		for _, v := range s.seen {
			uniq[v] = true
		}
		if len(uniq) != want {
			return fmt.Errorf("%d tokens hold %d different values, want %d", len(s.seen), len(uniq), want)
		}
		s.seen = nil
		return nil
	})
}

type checkFunc func() error

func (f checkFunc) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = f()
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
func TestAccAccessToken_reuse(t *testing.T) {
	for _, reuse := range []bool{true, false} {
		t.Run(fmt.Sprintf("token_reuse=%t", reuse), func(t *testing.T) {
			fake := newFake(t)
			var set tokenSet
			want := 1
			if !reuse {
				want = 3
			}
			var checks []statecheck.StateCheck
			for i := range 3 {
				checks = append(checks, statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data").AtSliceIndex(i), set.capture(fake)))
			}
			checks = append(checks, set.distinct(want))
			resource.Test(t, resource.TestCase{
				TerraformVersionChecks:   skipBelowEphemeral,
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: reuseConfig(fake, reuse), ConfigStateChecks: checks}},
			})
		})
	}
}

// The data source shares tokens in the same way.
func TestAccAccessTokenDataSource_reuse(t *testing.T) {
	fake := newFake(t)
	var set tokenSet
	var checks []statecheck.StateCheck
	for i := range 3 {
		checks = append(checks, statecheck.ExpectKnownValue(fmt.Sprintf("data.wix_access_token.same[%d]", i), tfjsonpath.New("access_token"), set.capture(fake)))
	}
	checks = append(checks, set.distinct(1))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            providerBlock(fake) + "data \"wix_access_token\" \"same\" {\n  count = 3\n}\n",
			ConfigStateChecks: checks,
		}},
	})
}
