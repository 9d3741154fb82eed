// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/wixtf/terraform-provider-wix/internal/wix"
)

var (
	_ ephemeral.EphemeralResource              = (*tokenInfoEphemeralResource)(nil)
	_ ephemeral.EphemeralResourceWithConfigure = (*tokenInfoEphemeralResource)(nil)
)

// tokenInfoEphemeralResource is the ephemeral wix_token_info: what Wix's
// Token Info says about any access token. Ephemeral, so that the token it
// is given stays out of plans and state.
type tokenInfoEphemeralResource struct{ ephemeralBase }

// NewTokenInfoEphemeralResource returns the ephemeral wix_token_info.
func NewTokenInfoEphemeralResource() ephemeral.EphemeralResource {
	return &tokenInfoEphemeralResource{}
}

// tokenInfoModel is the configuration and result of wix_token_info.
type tokenInfoModel struct {
	Token       types.String `tfsdk:"token"`
	Active      types.Bool   `tfsdk:"active"`
	SubjectType types.String `tfsdk:"subject_type"`
	SubjectID   types.String `tfsdk:"subject_id"`
	ClientID    types.String `tfsdk:"client_id"`
	AccountID   types.String `tfsdk:"account_id"`
	SiteID      types.String `tfsdk:"site_id"`
	InstanceID  types.String `tfsdk:"instance_id"`
	IssuedAt    types.String `tfsdk:"issued_at"`
	ExpiresAt   types.String `tfsdk:"expires_at"`
}

func (r *tokenInfoEphemeralResource) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_token_info"
}

func (r *tokenInfoEphemeralResource) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	fact := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc + " Null when the token is not active."}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "What Wix's [Token Info](https://dev.wix.com/docs/rest/app-management/oauth-2/token-info) says " +
			"about an access token: whether it is active, and which app, site and instance it is for. It needs no credentials. " +
			"A token that Wix reports inactive, or refuses to describe, gives `active = false` and null facts rather than an " +
			"error, so that a condition can test it. Needs Terraform 1.10 or later, or OpenTofu 1.11 or later.",
		Attributes: map[string]schema.Attribute{
			"token": schema.StringAttribute{
				Required:            true,
				Sensitive:           true,
				MarkdownDescription: "The access token to describe; takes ephemeral values, such as `ephemeral.wix_access_token.site.access_token`.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"active":       schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the token is active: issued by Wix and not expired."},
			"subject_type": fact("To what kind of subject the token was issued: `APP`, `USER`, `VISITOR` or `MEMBER`."),
			"subject_id":   fact("The ID of that subject (for `APP`, the app's ID)."),
			"client_id":    fact("The ID of the app that created the token."),
			"account_id":   fact("The ID of the account that created the token."),
			"site_id":      fact("The ID of the site the token is for, as a `wix-site-id` header takes it."),
			"instance_id":  fact("The app instance the token is for; null too for a token without one (Headless or site-level)."),
			"issued_at":    fact("When the token was issued, RFC 3339 UTC."),
			"expires_at":   fact("When the token expires, RFC 3339 UTC."),
		},
	}
}

func (r *tokenInfoEphemeralResource) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	var m tokenInfoModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !r.ready(&resp.Diagnostics) {
		return
	}
	if m.Token.IsUnknown() || r.pd.client == nil {
		// Only during plan: apply opens the resource again with the token
		// and the provider's api_url known.
		m.setFacts(nil, types.BoolUnknown(), types.StringUnknown())
		resp.Diagnostics.Append(resp.Result.Set(ctx, &m)...)
		return
	}
	if m.Token.ValueString() != "" { // masking "" would garble every later log line
		ctx = tflog.MaskLogStrings(ctx, m.Token.ValueString())
	}
	info, err := r.pd.client.TokenInfo(ctx, m.Token.ValueString())
	if err != nil {
		resp.Diagnostics.Append(callErrorDiagnostic(err, tokenInfoCall, r.pd.apiURL, r.pd.timeouts))
		return
	}
	if info.Rejected != nil {
		resp.Diagnostics.AddAttributeWarning(path.Root("token"), "Wix Refused to Describe the Token", said(info.Rejected)+
			" So the token is reported as not active, with no facts. Wix refuses tokens it did not issue, and may refuse expired ones.")
	}
	m.setFacts(info, types.BoolValue(info.Active), types.StringNull())
	resp.Diagnostics.Append(resp.Result.Set(ctx, &m)...)
}

// setFacts fills the result from info; with info nil, or where info has no
// such fact, a fact is missing.
func (m *tokenInfoModel) setFacts(info *wix.TokenInfo, active types.Bool, missing types.String) {
	text := func(s string) types.String {
		if s == "" {
			return missing
		}
		return types.StringValue(s)
	}
	when := func(t time.Time) types.String {
		if t.IsZero() {
			return missing
		}
		return types.StringValue(t.UTC().Format(time.RFC3339))
	}
	if info == nil {
		info = &wix.TokenInfo{}
	}
	m.Active = active
	m.SubjectType, m.SubjectID, m.ClientID = text(info.SubjectType), text(info.SubjectID), text(info.ClientID)
	m.AccountID, m.SiteID, m.InstanceID = text(info.AccountID), text(info.SiteID), text(info.InstanceID)
	m.IssuedAt, m.ExpiresAt = when(info.IssuedAt), when(info.ExpiresAt)
}
