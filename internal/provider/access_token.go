// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/wixtf/terraform-provider-wix/internal/wix"
)

// What the ephemeral resource and the data source wix_access_token share:
// the descriptions of their common attributes, the computed result, and the
// one function that mints a token for both. Each writes out its own schema.

var (
	descInstanceID = "The app instance to mint the token for: which installation of the app (which site). " +
		"Overrides the provider's `instance_id` (`" + instanceIDSetting.env + "`). When no instance ID is set here or on the provider, " +
		"the request carries none: the client credentials of a Headless project's OAuth app."
	descAccessToken = "The access token, exactly as Wix returns it. " +
		"Wix takes it bare in the `Authorization` header (`Authorization = <token>`); `Bearer <token>` is also accepted."
	descTokenType = "The token type Wix reports: `Bearer`."
	descExpiresIn = "The token's lifetime in seconds, as Wix returned it when the token was minted: 14400 (four hours), or " +
		"300 (five minutes) for a token from a legacy refresh token, for which Wix gives no lifetime. " +
		"A token shared through the provider's `token_reuse` keeps the value it was minted with; `expires_at` is exact either way."
	descExpiresAt = "When the token expires, as an RFC 3339 UTC timestamp (for example `2026-01-02T15:04:05Z`), " +
		"computed from Wix's clock (the response's `Date` header) plus `expires_in`."
)

// tokenResult is the computed part of both kinds of wix_access_token.
type tokenResult struct {
	AccessToken types.String `tfsdk:"access_token"`
	TokenType   types.String `tfsdk:"token_type"`
	ExpiresIn   types.Int64  `tfsdk:"expires_in"`
	ExpiresAt   types.String `tfsdk:"expires_at"`
}

// unknownTokenResult is the result while a setting is known only after apply.
func unknownTokenResult() tokenResult {
	return tokenResult{
		AccessToken: types.StringUnknown(),
		TokenType:   types.StringUnknown(),
		ExpiresIn:   types.Int64Unknown(),
		ExpiresAt:   types.StringUnknown(),
	}
}

// reuseGroup keeps tokens apart in the reuse cache: a data source's token is
// stored in state, so an ephemeral token must never be the same one.
type reuseGroup string

const (
	ephemeralTokens reuseGroup = "ephemeral"
	storedTokens    reuseGroup = "data source"
)

// overrides are a wix_access_token's own settings; a null value means the
// provider's. The data source has only instanceID; refreshToken, which has
// no provider setting, is the ephemeral resource's alone.
type overrides struct {
	clientID, clientSecret, instanceID, refreshToken types.String
}

// credentials is what one token is minted with, and where each part came
// from. With a refresh token the token comes from Wix's legacy custom
// authentication instead of the client credentials grant.
type credentials struct {
	clientID, clientSecret, instanceID, refreshToken resolved
}

// resolveCredentials applies the overrides given on a resource of type
// typeName to the provider's settings.
func resolveCredentials(pd *providerData, o overrides, typeName string) credentials {
	pick := func(v types.String, attr string, fallback resolved, s stringSetting) resolved {
		on := attr + " on this " + typeName
		switch {
		case v.IsUnknown():
			return resolved{unknown: true, source: on, attr: attr}
		case !v.IsNull():
			return resolved{value: v.ValueString(), source: on, attr: attr}
		case !fallback.isSet() && s.name != "":
			fallback.source = fmt.Sprintf("not set: neither %s, nor %s in the provider \"wix\" block, nor the %s environment variable", on, s.name, s.env)
		}
		return fallback
	}
	return credentials{
		clientID:     pick(o.clientID, "client_id", pd.clientID, clientIDSetting),
		clientSecret: pick(o.clientSecret, "client_secret", pd.clientSecret, clientSecretSetting),
		instanceID:   pick(o.instanceID, "instance_id", pd.instanceID, instanceIDSetting),
		refreshToken: pick(o.refreshToken, "refresh_token", resolved{}, stringSetting{}),
	}
}

// mintAccessToken mints (or reuses) a token for the given overrides, as
// the result of a wix_access_token. When a setting it needs is not known yet
// (it comes from a resource that is not created yet) it mints nothing and
// returns the names of those settings.
func mintAccessToken(ctx context.Context, pd *providerData, o overrides, group reuseGroup) (tokenResult, []string, diag.Diagnostics) {
	tok, unknown, diags := obtainToken(ctx, pd, resolveCredentials(pd, o, "wix_access_token"), group)
	switch {
	case len(unknown) > 0:
		return unknownTokenResult(), unknown, diags
	case tok == nil:
		return tokenResult{}, nil, diags
	}
	return tokenResult{
		AccessToken: types.StringValue(tok.AccessToken),
		TokenType:   types.StringValue(tok.TokenType),
		ExpiresIn:   types.Int64Value(tok.ExpiresIn),
		ExpiresAt:   types.StringValue(tok.ExpiresAt.UTC().Format(time.RFC3339)),
	}, nil, diags
}

// obtainToken mints a token for cr, or reuses one through the provider's
// cache within group. It returns no token, and the names of the settings,
// while a setting is not known yet; no token, and the error, when Wix gives
// none. The warnings of a fresh token come with it.
func obtainToken(ctx context.Context, pd *providerData, cr credentials, group reuseGroup) (*wix.Token, []string, diag.Diagnostics) {
	var diags diag.Diagnostics
	var unknown []string
	needs := []resolved{pd.apiURL, cr.clientID, cr.clientSecret, cr.instanceID, cr.refreshToken}
	if cr.refreshToken.value != "" {
		needs = needs[:3] // a refresh token names its installation: no instance ID goes with it
	}
	for _, s := range needs {
		if s.unknown {
			unknown = append(unknown, s.source)
		}
	}
	if len(unknown) > 0 {
		tflog.Debug(ctx, "provider settings are not known yet; no token is minted", map[string]any{"unknown": unknown})
		return nil, unknown, diags
	}
	if d := missingCredentials(cr); d != nil {
		diags.Append(d)
		return nil, nil, diags
	}

	ctx = tflog.MaskLogStrings(ctx, cr.clientSecret.value)
	ctx = tflog.SetField(ctx, "wix_client_id", cr.clientID.value)
	var tok *wix.Token
	var err error
	how := wix.Minted
	if cr.refreshToken.value != "" {
		ctx = tflog.MaskLogStrings(ctx, cr.refreshToken.value)
		tflog.Debug(ctx, "requesting a Wix access token with a refresh token", map[string]any{"token_url": pd.client.URL(wix.LegacyTokenPath)})
		rc := wix.RefreshCredentials{ClientID: cr.clientID.value, ClientSecret: cr.clientSecret.value, RefreshToken: cr.refreshToken.value}
		if pd.cache != nil {
			tok, how, err = pd.cache.RefreshedToken(ctx, pd.client, rc, string(group))
		} else {
			tok, err = pd.client.RefreshAccessToken(ctx, rc)
		}
	} else {
		ctx = tflog.SetField(ctx, "wix_instance_id", cr.instanceID.value)
		tflog.Debug(ctx, "requesting a Wix access token", map[string]any{"token_url": pd.client.TokenURL()})
		wcr := wix.Credentials{ClientID: cr.clientID.value, ClientSecret: cr.clientSecret.value, InstanceID: cr.instanceID.value}
		if pd.cache != nil {
			tok, how, err = pd.cache.AccessToken(ctx, pd.client, wcr, string(group))
		} else {
			tok, err = pd.client.CreateAccessToken(ctx, wcr)
		}
	}
	if err != nil {
		diags.Append(tokenErrorDiagnostic(err, cr, pd.apiURL, pd.timeouts))
		return nil, nil, diags
	}
	ctx = tflog.MaskLogStrings(ctx, tok.AccessToken)
	tflog.Debug(ctx, "obtained a Wix access token", map[string]any{
		"expires_at": tok.ExpiresAt.Format(time.RFC3339), "attempts": tok.Attempts, "how": how.String(),
	})
	if how != wix.Minted {
		return tok, nil, diags // its warnings are the minting call's to give
	}
	for _, w := range tok.Warnings {
		diags.AddWarning("Unexpected Wix Token Type", w)
	}
	if tok.Attempts > 1 {
		diags.AddWarning("Wix Token Request Needed Retries",
			fmt.Sprintf("The token for %s was minted after %d attempts over %s: Wix answered with transient errors (or did not answer) before. "+
				"Nothing needs to change unless this keeps happening; the provider's retry settings bound how long it waits.",
				describeTarget(cr), tok.Attempts, tok.Elapsed.Round(time.Millisecond)))
	}
	return tok, nil, diags
}

// attrPath is the attribute a setting came from on the resource, if it did.
func (s resolved) attrPath() (path.Path, bool) {
	if s.attr == "" {
		return path.Empty(), false
	}
	return path.Root(s.attr), true
}
