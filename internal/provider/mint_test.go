// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/wixtf/terraform-provider-wix/internal/wixfake"
)

// noOverrides is a wix_access_token that sets none of its own settings.
var noOverrides = overrides{clientID: types.StringNull(), clientSecret: types.StringNull(), instanceID: types.StringNull()}

func mintForTest(t *testing.T, fake *wixfake.Server, block map[string]*string) (tokenResult, diag.Diagnostics) {
	t.Helper()
	cfg := map[string]*string{
		"api_url":       strPtr(fake.URL()),
		"client_id":     strPtr(wixfake.DemoClientID),
		"client_secret": strPtr(wixfake.DemoClientSecret),
		"instance_id":   strPtr(wixfake.DemoInstanceID),
	}
	for k, v := range block {
		cfg[k] = v
	}
	pd, diags := configureForTest(t, map[string]string{}, "1.11.0", cfg)
	if diags.HasError() || pd == nil {
		t.Fatalf("Configure failed:\n%s", dumpDiags(diags))
	}
	m, _, mdiags := mintAccessToken(context.Background(), pd, noOverrides, ephemeralToken)
	return m, mdiags
}

// Warnings a user sees on a successful mint: after retries, and for a
// token type other than Bearer. A clean mint has none.
func TestMintAccessToken_warnings(t *testing.T) {
	t.Run("clean", func(t *testing.T) {
		fake := newFake(t)
		m, diags := mintForTest(t, fake, nil)
		if len(diags) != 0 || m.AccessToken.IsNull() {
			t.Fatalf("want a token and no diagnostics, got:\n%s", dumpDiags(diags))
		}
	})
	t.Run("after retries", func(t *testing.T) {
		fake := newFake(t)
		fake.InjectFault(wixfake.TokenPath, wixfake.Fault{Status: 503, Times: 2})
		m, diags := mintForTest(t, fake, nil)
		if diags.HasError() || len(diags) != 1 || m.AccessToken.IsNull() {
			t.Fatalf("want a token and one warning, got:\n%s", dumpDiags(diags))
		}
		d := diags[0]
		if d.Severity() != diag.SeverityWarning || d.Summary() != "Wix Token Request Needed Retries" ||
			!strings.Contains(d.Detail(), "minted after 3 attempts over") ||
			!strings.Contains(d.Detail(), "client "+wixfake.DemoClientID+", instance "+wixfake.DemoInstanceID) {
			t.Errorf("unexpected diagnostic %s: %s", d.Summary(), d.Detail())
		}
		if fake.TokenRequests() != 3 {
			t.Errorf("%d requests, want 3", fake.TokenRequests())
		}
	})
	t.Run("token type", func(t *testing.T) {
		fake := newFake(t)
		fake.InjectFault(wixfake.TokenPath, wixfake.Fault{Status: 200, Body: `{"access_token":"tok-mac","token_type":"MAC","expires_in":14400}`})
		m, diags := mintForTest(t, fake, nil)
		if diags.HasError() || len(diags) != 1 || m.TokenType.ValueString() != "MAC" {
			t.Fatalf("want the token passed on with one warning, got:\n%s", dumpDiags(diags))
		}
		if d := diags[0]; d.Severity() != diag.SeverityWarning || d.Summary() != "Unexpected Wix Token Type" ||
			!strings.Contains(d.Detail(), `token_type "MAC" where it documents "Bearer"`) {
			t.Errorf("unexpected diagnostic %s: %s", d.Summary(), d.Detail())
		}
	})
	t.Run("reused token gives no second warning", func(t *testing.T) {
		fake := newFake(t)
		fake.InjectFault(wixfake.TokenPath, wixfake.Fault{Status: 503})
		pd, diags := configureForTest(t, map[string]string{}, "1.11.0", map[string]*string{
			"api_url": strPtr(fake.URL()), "client_id": strPtr(wixfake.DemoClientID),
			"client_secret": strPtr(wixfake.DemoClientSecret), "instance_id": strPtr(wixfake.DemoInstanceID),
		})
		if diags.HasError() {
			t.Fatal(dumpDiags(diags))
		}
		var counts []int
		for range 2 {
			_, _, d := mintAccessToken(context.Background(), pd, noOverrides, ephemeralToken)
			counts = append(counts, len(d))
		}
		if counts[0] != 1 || counts[1] != 0 || fake.TokenRequests() != 2 {
			t.Errorf("warnings per mint %v after %d requests, want [1 0] after 2", counts, fake.TokenRequests())
		}
	})
}
