// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/wixtf/terraform-provider-wix/internal/wixfake"
)

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
	// Client credentials and a refresh token would be stored in state by a
	// data source; the ephemeral resource never stores its arguments.
	ephemeralOnly := []string{"client_id", "client_secret", "refresh_token"}
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
	for _, name := range []string{"client_secret", "refresh_token", "access_token"} {
		if !eresp.Schema.Attributes[name].IsSensitive() {
			t.Errorf("%s must be sensitive", name)
		}
	}
}

// stringValidators are the validators of a string attribute of either kind.
func stringValidators(a interface{ GetType() attr.Type }) []validator.String {
	if v, ok := a.(interface{ StringValidators() []validator.String }); ok {
		return v.StringValidators()
	}
	return nil
}

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
	m, _, mdiags := mintAccessToken(context.Background(), pd, noOverrides, ephemeralTokens)
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
			_, _, d := mintAccessToken(context.Background(), pd, noOverrides, ephemeralTokens)
			counts = append(counts, len(d))
		}
		if counts[0] != 1 || counts[1] != 0 || fake.TokenRequests() != 2 {
			t.Errorf("warnings per mint %v after %d requests, want [1 0] after 2", counts, fake.TokenRequests())
		}
	})
}
