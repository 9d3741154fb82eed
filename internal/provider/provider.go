// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

// Package provider implements the wix Terraform provider: its configuration,
// the wix_access_token ephemeral resource and the wix_access_token data
// source.
package provider

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/wixtf/terraform-provider-wix/internal/wix"
)

// Environment variables read when the provider block leaves a setting out.
const (
	envClientID     = "WIX_CLIENT_ID"
	envClientSecret = "WIX_CLIENT_SECRET"
	envInstanceID   = "WIX_INSTANCE_ID"
	envAPIURL       = "WIX_API_URL"
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

type providerModel struct {
	ClientID     types.String `tfsdk:"client_id"`
	ClientSecret types.String `tfsdk:"client_secret"`
	InstanceID   types.String `tfsdk:"instance_id"`
	APIURL       types.String `tfsdk:"api_url"`

	MaxRetries     types.Int64  `tfsdk:"max_retries"`
	RequestTimeout types.String `tfsdk:"request_timeout"`
	MaxWait        types.String `tfsdk:"max_wait"`
	ProxyURL       types.String `tfsdk:"proxy_url"`
	CABundleFile   types.String `tfsdk:"ca_bundle_file"`

	TokenReuse       types.Bool   `tfsdk:"token_reuse"`
	TokenReuseMargin types.String `tfsdk:"token_reuse_margin"`
}

func (p *wixProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "wix"
	resp.Version = p.version
}

func (p *wixProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The Wix provider mints short-lived Wix OAuth access tokens from an app's client credentials, " +
			"for other providers and resources to authenticate with. Every setting is optional: a setting left out of " +
			"this block is read from its environment variable, and a value in this block always wins over the environment.",
		Attributes: map[string]schema.Attribute{
			"client_id": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "The app's client ID: the **App ID** on the app's OAuth page in the Wix Dev Center, or the " +
					"**client ID** of a Headless project's OAuth app. Read from `" + envClientID + "` when not set. " +
					"A `wix_access_token` can override it.",
				Validators: []validator.String{credentialValidator{kindClientID}},
			},
			"client_secret": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				MarkdownDescription: "The app's client secret: the **App secret** on the app's OAuth page in the Wix Dev Center, " +
					"or the secret of a Headless project's OAuth app. Read from `" + envClientSecret + "` when not set. " +
					"A `wix_access_token` can override it.",
				Validators: []validator.String{credentialValidator{kindClientSecret}},
			},
			"instance_id": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "The default app instance ID: which installation of the app (which site) tokens are minted for, " +
					"unless a `wix_access_token` names its own. Read from `" + envInstanceID + "` when not set. " +
					"When no instance ID is set anywhere, the token request carries none (Headless client credentials).",
				Validators: []validator.String{credentialValidator{kindInstanceID}},
			},
			"api_url": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Base URL of the Wix API. Read from `" + envAPIURL + "` when not set; defaults to `" + wix.DefaultAPIURL + "`. " +
					"Must use `https`, except plain `http` to a loopback host (127.0.0.0/8, `::1`, `localhost`) for a local proxy or test server.",
				Validators: []validator.String{apiURLValidator{}},
			},
			"max_retries": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("How many times a token request is retried after a 429, a 5xx (except 501) or a connection error, "+
					"with exponential backoff and jitter, honouring `Retry-After`. Other errors are never retried. From 0 to %d; "+
					"default %d. Read from `%s` when not set.", maxRetriesLimit, wix.DefaultMaxRetries, envMaxRetries),
				Validators: []validator.Int64{int64validator.Between(0, maxRetriesLimit)},
			},
			"request_timeout": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("How long one HTTP attempt may take, as a duration such as `\"30s\"` (%s to %s; default `%s`). "+
					"Read from `%s` when not set.", requestTimeoutRange.min, requestTimeoutRange.max, wix.DefaultRequestTimeout, envRequestTimeout),
				Validators: []validator.String{requestTimeoutRange},
			},
			"max_wait": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("The longest a token request may take in all, retries and waits included, as a duration such as `\"2m\"` "+
					"(%s to %s; default `%s`). A retry that could not start in time is not made. Read from `%s` when not set.",
					maxWaitRange.min, maxWaitRange.max, wix.DefaultMaxWait, envMaxWait),
				Validators: []validator.String{maxWaitRange},
			},
			"proxy_url": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "A proxy for every request to Wix (`http`, `https` or `socks5` URL), instead of the `HTTPS_PROXY` / `NO_PROXY` " +
					"environment, which is honoured otherwise. Read from `" + envProxyURL + "` when not set.",
				Validators: []validator.String{proxyURLValidator{}},
			},
			"ca_bundle_file": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Path of a PEM file of CA certificates to trust in addition to the system's, for a TLS-inspecting proxy. " +
					"Read from `" + envCABundleFile + "` when not set.",
			},
			"token_reuse": schema.BoolAttribute{
				Optional: true,
				MarkdownDescription: "Whether tokens are shared inside one Terraform operation (default `true`): every `wix_access_token` with " +
					"the same API URL, client ID, client secret and instance ID gets the same token while it stays valid for at least " +
					"`token_reuse_margin`, and concurrent requests for it make one request to Wix. Tokens for different credentials or " +
					"instances are never shared. Set `false` to mint a new token for every one. Read from `" + envTokenReuse + "` when not set.",
			},
			"token_reuse_margin": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("How long a token must still be valid to be shared, as a duration (%s to %s; default `%s`). "+
					"A token closer to its expiry is replaced by a new one. Read from `%s` when not set.",
					reuseMarginRange.min, reuseMarginRange.max, wix.DefaultReuseMargin, envTokenReuseMargin),
				Validators: []validator.String{reuseMarginRange},
			},
		},
	}
}

// setting is one resolved provider setting and where it came from.
type setting struct {
	value   string
	source  string // e.g. `client_id in the provider "wix" block` or `the WIX_CLIENT_ID environment variable`
	env     string // the environment variable it came from, if it did
	attr    string // the wix_access_token attribute it came from, if it did
	unknown bool   // configured from a value not known until apply
}

func (s setting) isSet() bool { return s.unknown || s.value != "" }

// providerData is handed to the ephemeral resource and the data source.
type providerData struct {
	client       *wix.Client // nil when api_url is not known yet
	apiURL       setting
	clientID     setting
	clientSecret setting
	instanceID   setting
	timeouts     string          // for diagnostics: "30s per attempt and 2m0s in all"
	cache        *wix.TokenCache // nil when token_reuse is off
}

func (p *wixProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}

	pd := &providerData{
		clientID:     p.resolve(cfg.ClientID, "client_id", envClientID),
		clientSecret: p.resolve(cfg.ClientSecret, "client_secret", envClientSecret),
		instanceID:   p.resolve(cfg.InstanceID, "instance_id", envInstanceID),
		apiURL:       p.resolve(cfg.APIURL, "api_url", envAPIURL),
	}
	if pd.clientSecret.value != "" {
		ctx = tflog.MaskLogStrings(ctx, pd.clientSecret.value)
	}

	// Values from the environment skipped the schema validators: check them here.
	for _, c := range []struct {
		s    setting
		kind idKind
	}{{pd.clientID, kindClientID}, {pd.clientSecret, kindClientSecret}, {pd.instanceID, kindInstanceID}} {
		if c.s.env == "" {
			continue
		}
		errMsg, warnMsg := checkCredential(c.kind, c.s.value)
		if errMsg != "" {
			resp.Diagnostics.AddError("Invalid "+c.kind.env, "From "+c.s.source+": "+errMsg)
		}
		if warnMsg != "" {
			resp.Diagnostics.AddWarning("Unexpected "+c.kind.env+" Format", "From "+c.s.source+": "+warnMsg)
		}
	}

	if !pd.apiURL.unknown {
		raw := pd.apiURL.value
		if raw == "" {
			raw = wix.DefaultAPIURL
			pd.apiURL = setting{value: raw, source: "the default"}
		}
		u, err := wix.ParseAPIURL(raw)
		if err != nil {
			if pd.apiURL.env != "" {
				resp.Diagnostics.AddError("Invalid "+envAPIURL, apiURLProblem(pd.apiURL.source, err))
			} else {
				resp.Diagnostics.AddAttributeError(path.Root("api_url"), "Invalid Wix API URL", apiURLProblem("api_url", err))
			}
			return
		}
		pd.apiURL.value = u.String()
		resp.Diagnostics.Append(p.setUpClient(pd, cfg, u, req.TerraformVersion)...)
	}
	if resp.Diagnostics.HasError() {
		return
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
// transport, retry and reuse settings. It makes no network call.
func (p *wixProvider) setUpClient(pd *providerData, cfg providerModel, u *url.URL, tfVersion string) diag.Diagnostics {
	hs, diags := p.resolveHTTPSettings(cfg)
	if diags.HasError() {
		return diags
	}
	wcfg := wix.Config{
		APIURL:         u,
		UserAgent:      userAgent(p.version, tfVersion, p.getenv("TF_APPEND_USER_AGENT")),
		Logger:         retryLogger,
		MaxRetries:     hs.maxRetries,
		RequestTimeout: hs.requestTimeout,
		MaxWait:        hs.maxWait,
	}
	if hs.maxRetries == 0 {
		wcfg.MaxRetries = -1 // none; zero means the default in wix.Config
	}
	if hs.transport != nil {
		t, err := wix.NewTransport(wix.TransportOptions{ProxyURL: hs.transport.proxy, CABundlePEM: hs.transport.caBundle})
		if err != nil {
			diags.AddError("Cannot Set Up the Wix Client", err.Error())
			return diags
		}
		wcfg.Transport = t
	}
	client, err := wix.NewClient(wcfg)
	if err != nil {
		diags.AddError("Cannot Set Up the Wix Client", err.Error())
		return diags
	}
	pd.client = client
	pd.timeouts = fmt.Sprintf("%s per attempt and %s in all", hs.requestTimeout, hs.maxWait)
	if hs.reuse {
		pd.cache = wix.NewTokenCache(hs.reuseMargin, nil)
	}
	return diags
}

// resolve picks the configured value, else the environment variable.
func (p *wixProvider) resolve(v types.String, attr, env string) setting {
	switch {
	case v.IsUnknown():
		return setting{unknown: true, source: attr + ` in the provider "wix" block`}
	case !v.IsNull():
		return setting{value: v.ValueString(), source: attr + ` in the provider "wix" block`}
	}
	if ev := p.getenv(env); ev != "" {
		return setting{value: ev, source: "the " + env + " environment variable", env: env}
	}
	return setting{}
}

func (p *wixProvider) EphemeralResources(context.Context) []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{NewAccessTokenEphemeralResource}
}

func (p *wixProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{NewAccessTokenDataSource}
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

// toProviderData is the Configure of every resource type: it converts what
// the provider's Configure handed over. A nil result without diagnostics
// means the provider is not configured yet (the framework calls Configure
// early, too).
func toProviderData(data any) (*providerData, diag.Diagnostics) {
	var diags diag.Diagnostics
	if data == nil {
		return nil, diags
	}
	pd, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected Provider Data Type",
			fmt.Sprintf("Expected *providerData, got: %T. Please report this issue to the provider developers.", data))
	}
	return pd, diags
}

// notConfigured is the detail of the error a type gives when it is used
// before the provider was configured, which Terraform never does.
const notConfigured = "The wix provider was not configured before this resource type was used. Please report this issue to the provider developers."
