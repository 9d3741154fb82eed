// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
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

// liveChecks check a real token's attributes without ever printing the
// token (a failing regular-expression check would).
func liveChecks(addr string, at func(string) tfjsonpath.Path) []statecheck.StateCheck {
	return checkAttrs(addr, at, map[string]knownvalue.Check{
		"access_token": knownvalue.StringFunc(func(v string) error {
			if len(v) < 20 || strings.ContainsAny(v, " \t\r\n") {
				return fmt.Errorf("the access token (%d characters) is not a token: too short, or holding white space", len(v))
			}
			return nil
		}),
		"token_type": knownvalue.StringRegexp(regexp.MustCompile(`(?i)^bearer$`)),
		"expires_in": knownvalue.Int64Func(func(v int64) error {
			if v <= 0 {
				return errors.New("expires_in must be positive")
			}
			return nil
		}),
		"expires_at": knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)),
	})
}

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
