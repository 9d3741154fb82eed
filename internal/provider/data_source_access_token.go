// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ datasource.DataSource              = (*accessTokenDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*accessTokenDataSource)(nil)
)

// accessTokenDataSource is the data source wix_access_token, for Terraform
// releases without ephemeral resources. It stores the token in state. It
// takes no client credentials of its own: a data source's arguments are
// stored in state too, and the client secret must never be.
type accessTokenDataSource struct{ dataSourceBase }

// NewAccessTokenDataSource returns the data source wix_access_token.
func NewAccessTokenDataSource() datasource.DataSource {
	return &accessTokenDataSource{}
}

// accessTokenDataSourceModel is the configuration and result of the data
// source wix_access_token.
type accessTokenDataSourceModel struct {
	InstanceID types.String `tfsdk:"instance_id"`
	tokenResult
}

func (d *accessTokenDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_access_token"
}

func (d *accessTokenDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Mints a Wix OAuth access token for an app instance with the client credentials grant, " +
			"for Terraform releases before 1.10 and for arguments that cannot take an ephemeral value. " +
			"~> **This data source stores the token in the state file** (marked sensitive, " +
			"but readable by anyone who can read the state). On Terraform 1.10+ or OpenTofu 1.11+ use the " +
			"`wix_access_token` ephemeral resource instead, which never persists the token. A new token is minted at every " +
			"plan and refresh; it lives four hours. The client ID and secret always come from the provider " +
			"(its block or `" + clientIDSetting.env + "` / `" + clientSecretSetting.env + "`): every argument of a data source is stored " +
			"in state, and the App secret must never be. For several apps, configure one provider alias per app.",
		Attributes: map[string]schema.Attribute{
			"instance_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: descInstanceID,
				Validators:          instanceIDSetting.validators(),
			},
			"access_token": schema.StringAttribute{Computed: true, Sensitive: true, MarkdownDescription: descAccessToken},
			"token_type":   schema.StringAttribute{Computed: true, MarkdownDescription: descTokenType},
			"expires_in":   schema.Int64Attribute{Computed: true, MarkdownDescription: descExpiresIn},
			"expires_at":   schema.StringAttribute{Computed: true, MarkdownDescription: descExpiresAt},
		},
	}
}

func (d *accessTokenDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m accessTokenDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !d.ready(&resp.Diagnostics) {
		return
	}
	result, unknown, diags := mintAccessToken(ctx, d.pd, overrides{instanceID: m.InstanceID}, storedTokens)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if len(unknown) > 0 {
		resp.Diagnostics.Append(unknownUntilApply(unknown, " Or use the wix_access_token ephemeral resource (Terraform 1.10+, OpenTofu 1.11+), which waits for the value by itself."))
		return
	}
	m.tokenResult = result
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
