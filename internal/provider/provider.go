// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

// Package provider implements the wix Terraform provider: its settings, the
// ephemeral resources wix_access_token and wix_token_info, and the data
// sources wix_access_token and wix_app_instance.
package provider

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/wixtf/terraform-provider-wix/internal/wix"
)

var (
	_ provider.Provider                       = (*wixProvider)(nil)
	_ provider.ProviderWithEphemeralResources = (*wixProvider)(nil)
)

// wixProvider is the provider. version is "dev" in local builds, "test" in
// acceptance tests and the release version when shipped.
type wixProvider struct {
	version string
	// getenv reads the environment; tests replace it.
	getenv func(string) string
}

// New returns a constructor of the provider for providerserver.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &wixProvider{version: version, getenv: os.Getenv}
	}
}

func (p *wixProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "wix"
	resp.Version = p.version
}

// Schema is generated from the declarations in settings.go.
func (p *wixProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	attrs := make(map[string]schema.Attribute, len(providerSettings))
	for _, s := range providerSettings {
		name, _ := s.names()
		attrs[name] = s.attribute()
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The Wix provider mints short-lived Wix OAuth access tokens from an app's client credentials, " +
			"for other providers and resources to authenticate with. Every setting is optional: a setting left out of " +
			"this block is read from its environment variable, and a value in this block always wins over the environment.",
		Attributes: attrs,
	}
}

// providerData is what Configure hands to every resource type.
type providerData struct {
	client       *wix.Client // nil when api_url is not known yet
	apiURL       resolved
	clientID     resolved
	clientSecret resolved
	instanceID   resolved
	timeouts     string          // for diagnostics: "30s per attempt and 2m0s in all"
	cache        *wix.TokenCache // nil when token_reuse is off
}

// Configure resolves the settings and builds the Wix client. It makes no
// network call, so that validate and plans with unknown settings work
// offline.
func (p *wixProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	vals, diags := resolveSettings(ctx, req.Config, p.getenv)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	pd := &providerData{
		clientID:     clientIDSetting.in(vals),
		clientSecret: clientSecretSetting.in(vals),
		instanceID:   instanceIDSetting.in(vals),
		apiURL:       apiURLSetting.in(vals),
	}
	if pd.clientSecret.value != "" {
		ctx = tflog.MaskLogStrings(ctx, pd.clientSecret.value)
	}
	if !pd.apiURL.unknown {
		resp.Diagnostics.Append(p.setUpClient(pd, vals, req.TerraformVersion)...)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	tflog.Debug(ctx, "configured the wix provider", map[string]any{
		"api_url":            pd.apiURL.value,
		"client_id_source":   pd.clientID.source,
		"client_secret_set":  pd.clientSecret.isSet(),
		"instance_id_source": pd.instanceID.source,
	})
	resp.DataSourceData = pd
	resp.EphemeralResourceData = pd
}

// setUpClient builds the Wix client (and the token cache) from the
// transport, retry and reuse settings. It reads the CA bundle file, a local
// file, but makes no network call.
func (p *wixProvider) setUpClient(pd *providerData, vals settingValues, tfVersion string) diag.Diagnostics {
	var diags diag.Diagnostics
	u, err := wix.ParseAPIURL(pd.apiURL.value)
	if err != nil {
		// The settings' checks have already refused such a URL.
		diags.AddError("Invalid Wix API URL", err.Error())
		return diags
	}
	pd.apiURL.value = u.String()

	requestTimeout, maxWait := requestTimeoutSetting.in(vals), maxWaitSetting.in(vals)
	if requestTimeout > maxWait {
		diags.AddWarning("Request Timeout Longer Than Max Wait",
			fmt.Sprintf("request_timeout (%s) is longer than max_wait (%s), so a token request gives up after %s.", requestTimeout, maxWait, maxWait))
	}
	var topts wix.TransportOptions
	if proxy := proxyURLSetting.in(vals); proxy.value != "" {
		topts.ProxyURL, _ = parseProxyURL(proxy.value) // checked with the other settings
	}
	if ca := caBundleFileSetting.in(vals); ca.value != "" {
		data, err := os.ReadFile(ca.value)
		switch {
		case err != nil:
			diags.AddError("Cannot Read the CA Bundle", fmt.Sprintf("From %s: %s. Point it at a readable PEM file of CA certificates.", ca.source, err))
		case !strings.Contains(string(data), "-----BEGIN CERTIFICATE-----"):
			diags.AddError("Invalid CA Bundle", fmt.Sprintf("From %s: the file %s holds no PEM certificate (-----BEGIN CERTIFICATE-----).", ca.source, ca.value))
		default:
			topts.CABundlePEM = data
		}
	}
	if diags.HasError() {
		return diags
	}
	transport, err := wix.NewTransport(topts)
	if err != nil {
		diags.AddError("Cannot Set Up the Wix Client", err.Error())
		return diags
	}
	client, err := wix.NewClient(wix.Config{
		APIURL:         u,
		UserAgent:      userAgent(p.version, tfVersion, p.getenv("TF_APPEND_USER_AGENT")),
		Transport:      transport,
		Logger:         retryLogger,
		MaxRetries:     int(maxRetriesSetting.in(vals)),
		RequestTimeout: requestTimeout,
		MaxWait:        maxWait,
		RetryWaitMin:   wix.RetryWaitMin,
		RetryWaitMax:   wix.RetryWaitMax,
		Now:            time.Now,
	})
	if err != nil {
		diags.AddError("Cannot Set Up the Wix Client", err.Error())
		return diags
	}
	pd.client = client
	pd.timeouts = fmt.Sprintf("%s per attempt and %s in all", requestTimeout, maxWait)
	if tokenReuseSetting.in(vals) {
		pd.cache = wix.NewTokenCache(tokenReuseMarginSetting.in(vals), time.Now)
	}
	return diags
}

func (p *wixProvider) EphemeralResources(context.Context) []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{NewAccessTokenEphemeralResource, NewTokenInfoEphemeralResource}
}

func (p *wixProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{NewAccessTokenDataSource, NewAppInstanceDataSource}
}

func (p *wixProvider) Resources(context.Context) []func() resource.Resource { return nil }

func (p *wixProvider) Functions(context.Context) []func() function.Function { return nil }

// userAgent names the provider, its version and the Terraform version, in
// the form HashiCorp's providers use, plus TF_APPEND_USER_AGENT.
func userAgent(version, tfVersion, appendUA string) string {
	if tfVersion == "" {
		tfVersion = "unknown"
	}
	ua := fmt.Sprintf("terraform-provider-wix/%s (+https://registry.terraform.io/providers/wixtf/wix) Terraform/%s (+https://www.terraform.io)", version, tfVersion)
	if a := strings.TrimSpace(appendUA); a != "" {
		ua += " " + a
	}
	return ua
}

// dataSourceBase is embedded by every data source and ephemeralBase by
// every ephemeral resource: their Configure keeps what the provider's
// Configure handed over, and ready says whether that has happened.
type (
	dataSourceBase struct{ configured }
	ephemeralBase  struct{ configured }
)

func (b *dataSourceBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	b.set(req.ProviderData, &resp.Diagnostics)
}

func (b *ephemeralBase) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	b.set(req.ProviderData, &resp.Diagnostics)
}

// configured holds the provider's data for a resource type.
type configured struct{ pd *providerData }

// set keeps the provider's data. The framework calls Configure before the
// provider is configured, too, with no data.
func (c *configured) set(data any, diags *diag.Diagnostics) {
	if data == nil {
		return
	}
	pd, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected Provider Data Type",
			fmt.Sprintf("Expected *providerData, got: %T. Please report this issue to the provider developers.", data))
		return
	}
	c.pd = pd
}

// ready reports whether the provider was configured; Terraform always
// configures it first, so not being ready is a bug, reported as such.
func (c *configured) ready(diags *diag.Diagnostics) bool {
	if c.pd == nil {
		diags.AddError("Provider Not Configured",
			"The wix provider was not configured before this resource type was used. Please report this issue to the provider developers.")
	}
	return c.pd != nil
}
