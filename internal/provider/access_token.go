// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"time"

	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	eschema "github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/wixtf/terraform-provider-wix/internal/wix"
)

// The ephemeral resource and the data source share this file: one model,
// one attribute list, one mint function, so the two can never drift apart.

// accessTokenModel is the configuration and result of wix_access_token.
type accessTokenModel struct {
	InstanceID   types.String `tfsdk:"instance_id"`
	ClientID     types.String `tfsdk:"client_id"`
	ClientSecret types.String `tfsdk:"client_secret"`
	AccessToken  types.String `tfsdk:"access_token"`
	TokenType    types.String `tfsdk:"token_type"`
	ExpiresIn    types.Int64  `tfsdk:"expires_in"`
	ExpiresAt    types.String `tfsdk:"expires_at"`
}

// attrSpec describes one attribute for both schema flavours.
type attrSpec struct {
	name       string
	computed   bool // computed output; otherwise an optional input
	isInt      bool
	sensitive  bool
	desc       string
	validators []validator.String
}

var accessTokenAttrs = []attrSpec{
	{name: "instance_id", desc: "The app instance to mint the token for: which installation of the app (which site). " +
		"Overrides the provider's `instance_id` (`" + envInstanceID + "`). When no instance ID is set here or on the provider, " +
		"the request carries none: the client credentials of a Headless project's OAuth app.",
		validators: []validator.String{credentialValidator{kindInstanceID}}},
	{name: "client_id", desc: "Overrides the provider's `client_id` (`" + envClientID + "`), so that one configuration can mint " +
		"tokens for several apps, for example with `for_each`. The **App ID** of a Wix app or the client ID of a Headless OAuth app.",
		validators: []validator.String{credentialValidator{kindClientID}}},
	{name: "client_secret", sensitive: true, desc: "Overrides the provider's `client_secret` (`" + envClientSecret + "`); " +
		"goes with `client_id`. The **App secret** of a Wix app or the client secret of a Headless OAuth app.",
		validators: []validator.String{credentialValidator{kindClientSecret}}},
	{name: "access_token", computed: true, sensitive: true, desc: "The access token, exactly as Wix returns it. " +
		"Wix takes it bare in the `Authorization` header (`Authorization = <token>`); `Bearer <token>` is also accepted."},
	{name: "token_type", computed: true, desc: "The token type Wix reports: `Bearer`."},
	{name: "expires_in", computed: true, isInt: true, desc: "The token's lifetime in seconds, as Wix returned it when the token was minted (14400, four hours). " +
		"A token shared through the provider's `token_reuse` keeps the value it was minted with; `expires_at` is exact either way."},
	{name: "expires_at", computed: true, desc: "When the token expires, as an RFC 3339 UTC timestamp (for example `2026-01-02T15:04:05Z`), " +
		"computed from Wix's clock (the response's `Date` header) plus `expires_in`."},
}

func ephemeralAttributes() map[string]eschema.Attribute {
	out := make(map[string]eschema.Attribute, len(accessTokenAttrs))
	for _, a := range accessTokenAttrs {
		switch {
		case a.isInt:
			out[a.name] = eschema.Int64Attribute{Computed: true, MarkdownDescription: a.desc}
		default:
			out[a.name] = eschema.StringAttribute{Optional: !a.computed, Computed: a.computed, Sensitive: a.sensitive, MarkdownDescription: a.desc, Validators: a.validators}
		}
	}
	return out
}

func dataSourceAttributes() map[string]dschema.Attribute {
	out := make(map[string]dschema.Attribute, len(accessTokenAttrs))
	for _, a := range accessTokenAttrs {
		switch {
		case a.isInt:
			out[a.name] = dschema.Int64Attribute{Computed: true, MarkdownDescription: a.desc}
		default:
			out[a.name] = dschema.StringAttribute{Optional: !a.computed, Computed: a.computed, Sensitive: a.sensitive, MarkdownDescription: a.desc, Validators: a.validators}
		}
	}
	return out
}

// tokenKind separates the tokens of the two kinds in the reuse cache: a
// data source's token is stored in state, so an ephemeral token must never
// be the same one.
type tokenKind string

const (
	ephemeralToken  tokenKind = "ephemeral"
	dataSourceToken tokenKind = "data source"
)

// credentials is what one token is minted with, and where each part came from.
type credentials struct {
	clientID, clientSecret, instanceID setting
}

// resolveCredentials applies the resource's overrides to the provider's settings.
func resolveCredentials(pd *providerData, m *accessTokenModel) credentials {
	pick := func(v types.String, attr string, fallback setting) setting {
		if v.IsNull() || v.IsUnknown() {
			return fallback
		}
		return setting{value: v.ValueString(), source: attr + " on this wix_access_token", attr: attr}
	}
	return credentials{
		clientID:     pick(m.ClientID, "client_id", pd.clientID),
		clientSecret: pick(m.ClientSecret, "client_secret", pd.clientSecret),
		instanceID:   pick(m.InstanceID, "instance_id", pd.instanceID),
	}
}

// mintAccessToken fills the computed attributes of m with a fresh token.
// When a setting it needs is not known yet (it comes from a resource that is
// not created yet) it mints nothing and returns the names of those settings.
func mintAccessToken(ctx context.Context, pd *providerData, m *accessTokenModel, kind tokenKind) (unknown []string, diags diag.Diagnostics) {
	cr := resolveCredentials(pd, m)
	for _, s := range []setting{pd.apiURL, cr.clientID, cr.clientSecret, cr.instanceID} {
		if s.unknown {
			unknown = append(unknown, s.source)
		}
	}
	if len(unknown) > 0 {
		tflog.Debug(ctx, "provider settings are not known yet; no token is minted", map[string]any{"unknown": unknown})
		return unknown, diags
	}
	if d := missingCredentials(cr); d != nil {
		diags.Append(d)
		return nil, diags
	}

	ctx = tflog.MaskLogStrings(ctx, cr.clientSecret.value)
	ctx = tflog.SetField(ctx, "wix_client_id", cr.clientID.value)
	ctx = tflog.SetField(ctx, "wix_instance_id", cr.instanceID.value)
	tflog.Debug(ctx, "requesting a Wix access token", map[string]any{"token_url": pd.client.TokenURL()})

	wcr := wix.Credentials{
		ClientID:     cr.clientID.value,
		ClientSecret: cr.clientSecret.value,
		InstanceID:   cr.instanceID.value,
	}
	var tok *wix.Token
	var err error
	how := wix.Minted
	if pd.cache != nil {
		tok, how, err = pd.cache.AccessToken(ctx, pd.client, wcr, string(kind))
	} else {
		tok, err = pd.client.CreateAccessToken(ctx, wcr)
	}
	if err != nil {
		diags.Append(tokenErrorDiagnostic(err, cr, pd.apiURL, pd.timeouts))
		return nil, diags
	}
	ctx = tflog.MaskLogStrings(ctx, tok.AccessToken)
	tflog.Debug(ctx, "obtained a Wix access token", map[string]any{
		"expires_at": tok.ExpiresAt.Format(time.RFC3339), "attempts": tok.Attempts,
		"how": map[wix.Result]string{wix.Minted: "minted", wix.Joined: "joined a concurrent request", wix.Reused: "reused"}[how],
	})
	if how == wix.Reused {
		// Warnings were given when the token was minted.
		tok = &wix.Token{AccessToken: tok.AccessToken, TokenType: tok.TokenType, ExpiresIn: tok.ExpiresIn, ExpiresAt: tok.ExpiresAt}
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
	m.AccessToken = types.StringValue(tok.AccessToken)
	m.TokenType = types.StringValue(tok.TokenType)
	m.ExpiresIn = types.Int64Value(tok.ExpiresIn)
	m.ExpiresAt = types.StringValue(tok.ExpiresAt.UTC().Format(time.RFC3339))
	return nil, diags
}

// setUnknown marks every computed attribute as known only after apply.
func (m *accessTokenModel) setUnknown() {
	m.AccessToken = types.StringUnknown()
	m.TokenType = types.StringUnknown()
	m.ExpiresIn = types.Int64Unknown()
	m.ExpiresAt = types.StringUnknown()
}

// configuredProviderData is the shared Configure of both kinds.
func configuredProviderData(data any, diags *diag.Diagnostics, kind string) *providerData {
	pd, problem := toProviderData(data)
	if problem != "" {
		diags.AddError("Unexpected "+kind+" Configure Type", problem)
	}
	return pd
}

// attrPath is the attribute a setting came from on the resource, if it did.
func (s setting) attrPath() (path.Path, bool) {
	if s.attr == "" {
		return path.Empty(), false
	}
	return path.Root(s.attr), true
}
