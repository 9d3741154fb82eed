// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"os"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// Live tests talk to the real Wix API with the credentials in WIX_*.

func testAccLivePreCheck(t *testing.T) {
	t.Helper()
	for _, k := range []string{clientIDSetting.env, clientSecretSetting.env, instanceIDSetting.env} {
		if os.Getenv(k) == "" {
			t.Skipf("live test against the real Wix API: set %s, %s and %s (an app's App ID and App secret and an instance it is installed on) to run it; %s is not set",
				clientIDSetting.env, clientSecretSetting.env, instanceIDSetting.env, k)
		}
	}
}

func liveChecks(addr string, at func(string) tfjsonpath.Path) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(addr, at("access_token"), knownvalue.StringRegexp(regexp.MustCompile(`^\S{20,}$`))),
		statecheck.ExpectKnownValue(addr, at("token_type"), knownvalue.StringRegexp(regexp.MustCompile(`(?i)^bearer$`))),
		statecheck.ExpectKnownValue(addr, at("expires_in"), knownvalue.Int64Func(func(v int64) error {
			if v <= 0 {
				return errExpiresIn
			}
			return nil
		})),
		statecheck.ExpectKnownValue(addr, at("expires_at"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`))),
	}
}

type liveError string

func (e liveError) Error() string { return string(e) }

const errExpiresIn = liveError("expires_in must be positive")

func TestAccLiveDataSource(t *testing.T) {
	testAccLivePreCheck(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(os.Getenv), // the real WIX_* credentials
		Steps: []resource.TestStep{{
			Config:            `data "wix_access_token" "live" {}`,
			ConfigStateChecks: liveChecks("data.wix_access_token.live", tfjsonpath.New),
		}},
	})
}

func TestAccLiveEphemeral(t *testing.T) {
	testAccLivePreCheck(t)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   skipBelowEphemeral,
		ProtoV6ProviderFactories: factories(os.Getenv), // the real WIX_* credentials
		Steps: []resource.TestStep{{
			Config:            `ephemeral "wix_access_token" "live" {}` + echoBlock("ephemeral.wix_access_token.live"),
			ConfigStateChecks: liveChecks("echo.test", tfjsonpath.New("data").AtMapKey),
		}},
	})
}
