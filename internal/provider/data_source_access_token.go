// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

var (
	_ datasource.DataSource              = (*accessTokenDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*accessTokenDataSource)(nil)
)

// accessTokenDataSource is the data source wix_access_token, for Terraform
// releases without ephemeral resources. It stores the token in state.
type accessTokenDataSource struct{ pd *providerData }

// NewAccessTokenDataSource returns the data source wix_access_token.
func NewAccessTokenDataSource() datasource.DataSource {
	return &accessTokenDataSource{}
}

const notConfigured = "The wix provider was not configured before this wix_access_token was read. Please report this issue to the provider developers."

func (d *accessTokenDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_access_token"
}

func (d *accessTokenDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Mints a Wix OAuth access token for an app instance with the client credentials grant, " +
			"for Terraform releases before 1.10. ~> **This data source stores the token in the state file** (marked sensitive, " +
			"but readable by anyone who can read the state). On Terraform 1.10+ or OpenTofu 1.11+ use the " +
			"`wix_access_token` ephemeral resource instead, which never persists the token. A new token is minted at every " +
			"plan and refresh; it lives four hours.",
		Attributes: dataSourceAttributes(),
	}
}

func (d *accessTokenDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.pd = configuredProviderData(req.ProviderData, &resp.Diagnostics, "Data Source")
}

func (d *accessTokenDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m accessTokenModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if d.pd == nil {
		resp.Diagnostics.AddError("Provider Not Configured", notConfigured)
		return
	}
	unknown, diags := mintAccessToken(ctx, d.pd, &m, dataSourceToken)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if len(unknown) > 0 {
		resp.Diagnostics.AddError("Wix Credentials Not Known Until Apply", fmt.Sprintf(
			"This data source is read during plan, but %s is not known until apply: it comes from a resource that is not created yet. "+
				"Add depends_on = [<that resource>] to this data source so that Terraform reads it during apply, "+
				"or use the wix_access_token ephemeral resource (Terraform 1.10+, OpenTofu 1.11+), which waits for the value by itself.",
			strings.Join(unknown, " and ")))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
