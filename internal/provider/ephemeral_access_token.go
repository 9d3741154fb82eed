// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
)

var (
	_ ephemeral.EphemeralResource              = (*accessTokenEphemeralResource)(nil)
	_ ephemeral.EphemeralResourceWithConfigure = (*accessTokenEphemeralResource)(nil)
)

// accessTokenEphemeralResource is the ephemeral wix_access_token: the token
// never reaches a plan or state file.
type accessTokenEphemeralResource struct{ pd *providerData }

// NewAccessTokenEphemeralResource returns the ephemeral wix_access_token.
func NewAccessTokenEphemeralResource() ephemeral.EphemeralResource {
	return &accessTokenEphemeralResource{}
}

func (r *accessTokenEphemeralResource) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_access_token"
}

func (r *accessTokenEphemeralResource) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Mints a Wix OAuth access token for an app instance with the client credentials grant. " +
			"The token is never stored in a plan or state file: use it in a provider block, a write-only argument, " +
			"or another ephemeral context. Needs Terraform 1.10 or later, or OpenTofu 1.11 or later. " +
			"The token is minted afresh whenever Terraform opens the resource (in plan and again in apply), and lives four hours.",
		Attributes: ephemeralAttributes(),
	}
}

func (r *accessTokenEphemeralResource) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	r.pd = configuredProviderData(req.ProviderData, &resp.Diagnostics, "Ephemeral Resource")
}

func (r *accessTokenEphemeralResource) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	var m accessTokenModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if r.pd == nil {
		resp.Diagnostics.AddError("Provider Not Configured", notConfigured)
		return
	}
	unknown, diags := mintAccessToken(ctx, r.pd, &m, ephemeralToken)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if len(unknown) > 0 {
		// Only during plan: the result stays unknown, and apply opens the
		// resource again with every setting known.
		m.setUnknown()
	}
	resp.Diagnostics.Append(resp.Result.Set(ctx, &m)...)
}
