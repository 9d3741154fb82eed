// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ ephemeral.EphemeralResource                   = (*accessTokenEphemeralResource)(nil)
	_ ephemeral.EphemeralResourceWithConfigure      = (*accessTokenEphemeralResource)(nil)
	_ ephemeral.EphemeralResourceWithValidateConfig = (*accessTokenEphemeralResource)(nil)
)

// accessTokenEphemeralResource is the ephemeral wix_access_token: the token
// never reaches a plan or state file.
type accessTokenEphemeralResource struct{ ephemeralBase }

// NewAccessTokenEphemeralResource returns the ephemeral wix_access_token.
func NewAccessTokenEphemeralResource() ephemeral.EphemeralResource {
	return &accessTokenEphemeralResource{}
}

// accessTokenEphemeralModel is the configuration and result of the
// ephemeral wix_access_token.
type accessTokenEphemeralModel struct {
	InstanceID   types.String `tfsdk:"instance_id"`
	ClientID     types.String `tfsdk:"client_id"`
	ClientSecret types.String `tfsdk:"client_secret"`
	RefreshToken types.String `tfsdk:"refresh_token"`
	tokenResult
}

func (r *accessTokenEphemeralResource) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_access_token"
}

func (r *accessTokenEphemeralResource) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Mints a Wix OAuth access token for an app instance with the client credentials grant (or, with " +
			"`refresh_token`, with Wix's legacy custom authentication). " +
			"The token is never stored in a plan or state file: use it in a provider block, a write-only argument, " +
			"or another ephemeral context. Needs Terraform 1.10 or later, or OpenTofu 1.11 or later. " +
			"The token is minted afresh whenever Terraform opens the resource (in plan and again in apply), and lives four hours " +
			"(five minutes from a refresh token).",
		Attributes: map[string]schema.Attribute{
			"instance_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: descInstanceID,
				Validators:          instanceIDSetting.validators(),
			},
			"client_id": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Overrides the provider's `client_id` (`" + clientIDSetting.env + "`), so that one configuration can mint " +
					"tokens for several apps, for example with `for_each`. The **App ID** of a Wix app or the client ID of a Headless OAuth app.",
				Validators: clientIDSetting.validators(),
			},
			"client_secret": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				MarkdownDescription: "Overrides the provider's `client_secret` (`" + clientSecretSetting.env + "`); " +
					"goes with `client_id`. The **App secret** of a Wix app or the client secret of a Headless OAuth app. " +
					"An ephemeral resource's arguments are never stored; pass the secret from an ephemeral variable " +
					"(`ephemeral = true`) so that a saved plan does not keep it either.",
				Validators: clientSecretSetting.validators(),
			},
			"refresh_token": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				MarkdownDescription: "For an app on Wix's legacy custom authentication: the installation's refresh token. With it the " +
					"token comes from `POST /oauth/access` (the `refresh_token` grant) with the app's client ID and secret, instead of " +
					"the client credentials grant; it lives five minutes (`expires_in` 300 unless Wix says otherwise). It names its " +
					"installation, so it goes without `instance_id`, and it has no environment variable. Takes ephemeral values; " +
					"the guide \"Apps on legacy custom authentication\" says how to get it.",
				Validators: refreshTokenCheck.validators(),
			},
			"access_token": schema.StringAttribute{Computed: true, Sensitive: true, MarkdownDescription: descAccessToken},
			"token_type":   schema.StringAttribute{Computed: true, MarkdownDescription: descTokenType},
			"expires_in":   schema.Int64Attribute{Computed: true, MarkdownDescription: descExpiresIn},
			"expires_at":   schema.StringAttribute{Computed: true, MarkdownDescription: descExpiresAt},
		},
	}
}

// refreshTokenCheck checks refresh_token as the provider's settings check
// the client credentials. It is no provider setting: a refresh token
// belongs to one installation, so it has no default and no environment
// variable.
var refreshTokenCheck = stringSetting{name: "refresh_token", label: "Refresh Token",
	check: credentialCheck{what: "the refresh token Wix gave for the installation", unset: "to mint with the client credentials grant instead"}}

// ValidateConfig refuses a refresh token with an instance ID: the refresh
// token names its installation, and the legacy endpoint takes no instance.
func (r *accessTokenEphemeralResource) ValidateConfig(ctx context.Context, req ephemeral.ValidateConfigRequest, resp *ephemeral.ValidateConfigResponse) {
	var m accessTokenEphemeralModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || m.RefreshToken.IsNull() || m.InstanceID.IsNull() {
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root("instance_id"), "Refresh Token and Instance ID Together",
		"This wix_access_token sets both refresh_token and instance_id. A refresh token belongs to one installation of the app "+
			"already, and Wix's legacy endpoint takes no instance ID with it: remove instance_id (or, to mint with the client "+
			"credentials grant for that instance, remove refresh_token).")
}

func (r *accessTokenEphemeralResource) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	var m accessTokenEphemeralModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !r.ready(&resp.Diagnostics) {
		return
	}
	// With a setting not known yet (only during plan) the result stays
	// unknown, and apply opens the resource again with every setting known.
	o := overrides{clientID: m.ClientID, clientSecret: m.ClientSecret, instanceID: m.InstanceID, refreshToken: m.RefreshToken}
	result, _, diags := mintAccessToken(ctx, r.pd, o, ephemeralTokens)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	m.tokenResult = result
	resp.Diagnostics.Append(resp.Result.Set(ctx, &m)...)
}
