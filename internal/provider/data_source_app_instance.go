// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/wixtf/terraform-provider-wix/internal/wix"
)

var (
	_ datasource.DataSource              = (*appInstanceDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*appInstanceDataSource)(nil)
)

// appInstanceDataSource is the data source wix_app_instance: what Wix's Get
// App Instance says about one installation of the app and its site. It
// authenticates with a token it mints itself, which it never returns.
type appInstanceDataSource struct{ dataSourceBase }

// NewAppInstanceDataSource returns the data source wix_app_instance.
func NewAppInstanceDataSource() datasource.DataSource {
	return &appInstanceDataSource{}
}

// appInstanceModel is the configuration and result of wix_app_instance.
type appInstanceModel struct {
	InstanceID       types.String `tfsdk:"instance_id"`
	AppName          types.String `tfsdk:"app_name"`
	AppVersion       types.String `tfsdk:"app_version"`
	IsFree           types.Bool   `tfsdk:"is_free"`
	Permissions      types.List   `tfsdk:"permissions"`
	SiteID           types.String `tfsdk:"site_id"`
	SiteDisplayName  types.String `tfsdk:"site_display_name"`
	Locale           types.String `tfsdk:"locale"`
	PaymentCurrency  types.String `tfsdk:"payment_currency"`
	SiteURL          types.String `tfsdk:"site_url"`
	InstalledWixApps types.List   `tfsdk:"installed_wix_apps"`
}

func (d *appInstanceDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_app_instance"
}

func (d *appInstanceDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Facts about one installation of the app and its site, from Wix's " +
			"[Get App Instance](https://dev.wix.com/docs/rest/app-management/app-instance/get-app-instance): the site's name " +
			"and URL, and the permissions the site owner granted the app. It authenticates with an access token that it mints " +
			"with the provider's credentials and never returns; that token may be shared with the ephemeral `wix_access_token`'s " +
			"(neither is ever stored), never with the data source's. The app needs the **Manage Your App** permission.",
		Attributes: map[string]schema.Attribute{
			"instance_id": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "The app instance to describe. The provider's `instance_id` (`" + instanceIDSetting.env + "`) " +
					"when not set; one of the two is needed.",
				Validators: instanceIDSetting.validators(),
			},
			"app_name":           schema.StringAttribute{Computed: true, MarkdownDescription: "The app's name."},
			"app_version":        schema.StringAttribute{Computed: true, MarkdownDescription: "The version of the app installed on the site; null when Wix sends none."},
			"is_free":            schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the site uses the app for free."},
			"permissions":        schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The permission scopes the site owner granted the app, in Wix's order, such as `WIX_DEVELOPERS.MANAGE_APP_INSTANCE`."},
			"site_id":            schema.StringAttribute{Computed: true, MarkdownDescription: "The site's ID (the meta site ID), as a `wix-site-id` header takes it."},
			"site_display_name":  schema.StringAttribute{Computed: true, MarkdownDescription: "The site's name as its owner sees it."},
			"locale":             schema.StringAttribute{Computed: true, MarkdownDescription: "The site's language, ISO 639-1 (`en`)."},
			"payment_currency":   schema.StringAttribute{Computed: true, MarkdownDescription: "The site's currency, ISO 4217 (`USD`)."},
			"site_url":           schema.StringAttribute{Computed: true, MarkdownDescription: "The site's URL; null until the site is published."},
			"installed_wix_apps": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The Wix apps installed on the site, such as `stores`."},
		},
	}
}

func (d *appInstanceDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m appInstanceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !d.ready(&resp.Diagnostics) {
		return
	}
	cr := resolveCredentials(d.pd, overrides{instanceID: m.InstanceID}, "wix_app_instance")
	if !cr.instanceID.isSet() {
		resp.Diagnostics.AddError("Missing App Instance ID",
			"wix_app_instance describes one installation of the app, and no instance ID is set: set instance_id on this data source, "+
				"or instance_id in the provider \"wix\" block (or "+instanceIDSetting.env+").")
		return
	}
	// The token may be shared with the ephemeral resource's: neither is stored.
	tok, unknown, diags := obtainToken(ctx, d.pd, cr, ephemeralTokens)
	resp.Diagnostics.Append(diags...)
	if len(unknown) > 0 {
		resp.Diagnostics.Append(unknownUntilApply(unknown, ""))
	}
	if tok == nil || resp.Diagnostics.HasError() {
		return
	}
	ctx = tflog.MaskLogStrings(ctx, tok.AccessToken)
	info, err := d.pd.client.GetAppInstance(ctx, tok.AccessToken)
	var apiErr *wix.APIError
	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusUnauthorized && d.pd.cache != nil {
		d.pd.cache.Forget(tok) // Wix no longer takes it: no other type gets it
	}
	if err != nil {
		resp.Diagnostics.Append(appInstanceErrorDiagnostic(err, cr, d.pd))
		return
	}
	m.InstanceID = types.StringValue(cr.instanceID.value)
	m.AppName = types.StringPointerValue(info.AppName)
	m.AppVersion = types.StringPointerValue(info.AppVersion)
	m.IsFree = types.BoolPointerValue(info.IsFree)
	m.SiteID = types.StringPointerValue(info.SiteID)
	m.SiteDisplayName = types.StringPointerValue(info.SiteDisplayName)
	m.Locale = types.StringPointerValue(info.Locale)
	m.PaymentCurrency = types.StringPointerValue(info.PaymentCurrency)
	m.SiteURL = types.StringPointerValue(info.SiteURL)
	var ld diag.Diagnostics
	m.Permissions, ld = types.ListValueFrom(ctx, types.StringType, info.Permissions)
	resp.Diagnostics.Append(ld...)
	m.InstalledWixApps, ld = types.ListValueFrom(ctx, types.StringType, info.InstalledWixApps)
	resp.Diagnostics.Append(ld...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// appInstanceErrorDiagnostic explains a failed Get App Instance call: Wix's
// refusals name instance_id and where it came from.
func appInstanceErrorDiagnostic(err error, cr credentials, pd *providerData) diag.Diagnostic {
	var apiErr *wix.APIError
	if !errors.As(err, &apiErr) {
		return callErrorDiagnostic(err, appInstanceCall, pd.apiURL, pd.timeouts)
	}
	instance := fmt.Sprintf("instance_id %q (from %s)", cr.instanceID.value, cr.instanceID.source)
	switch apiErr.StatusCode {
	case http.StatusUnauthorized:
		return attrError(cr.instanceID, "Wix Refused the App Instance Token", fmt.Sprintf(
			"%s\n\nGet App Instance did not accept the token minted for the %s, although Wix issued it: the app may have been "+
				"uninstalled from that site meanwhile. Check the instance ID, and run again.", said(err), instance))
	case http.StatusForbidden:
		return attrError(cr.instanceID, "The App Lacks the Manage Your App Permission", fmt.Sprintf(
			"%s\n\nGet App Instance needs the app's Manage Your App permission (WIX_DEVELOPERS.MANAGE_APP_INSTANCE) on the site "+
				"of the %s. Add it on the app's Permissions page in the Wix Dev Center; the site owner then approves it.", said(err), instance))
	case http.StatusNotFound:
		return attrError(cr.instanceID, "Wix Does Not Know This App Instance", fmt.Sprintf(
			"%s\n\nGet App Instance knows no installation for the %s: the app may have been uninstalled from that site. "+
				"Use the instance ID that Wix sent when the app was installed.", said(err), instance))
	}
	return callErrorDiagnostic(err, appInstanceCall, pd.apiURL, pd.timeouts)
}
