// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/wixtf/terraform-provider-wix/internal/wix"
)

// Transport and retry settings of the provider, with their environment
// fallbacks. Like the credentials, a value in the provider block wins.
const (
	envMaxRetries       = "WIX_MAX_RETRIES"
	envRequestTimeout   = "WIX_REQUEST_TIMEOUT"
	envMaxWait          = "WIX_MAX_WAIT"
	envProxyURL         = "WIX_PROXY_URL"
	envCABundleFile     = "WIX_CA_BUNDLE_FILE"
	envTokenReuse       = "WIX_TOKEN_REUSE"
	envTokenReuseMargin = "WIX_TOKEN_REUSE_MARGIN"

	maxRetriesLimit = 10
)

// httpSettings are the resolved transport and retry settings.
type httpSettings struct {
	maxRetries     int
	requestTimeout time.Duration
	maxWait        time.Duration
	transport      *wixTransport
	reuse          bool
	reuseMargin    time.Duration
}

type wixTransport struct {
	proxy    *url.URL
	caBundle []byte
}

// durationValidator checks a Go duration string within bounds.
type durationValidator struct{ min, max time.Duration }

var _ validator.String = durationValidator{}

func (v durationValidator) Description(context.Context) string {
	return fmt.Sprintf("a duration such as \"30s\" or \"2m\", from %s to %s", v.min, v.max)
}

func (v durationValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v durationValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, problem := v.parse(req.ConfigValue.ValueString()); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Duration", req.Path.String()+" "+problem)
	}
}

func (v durationValidator) parse(s string) (time.Duration, string) {
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Sprintf("is %q, which is not a duration: write a number with a unit, such as \"30s\", \"2m\" or \"1m30s\".", s)
	}
	if d < v.min || d > v.max {
		return 0, fmt.Sprintf("is %s, outside the accepted range %s to %s.", d, v.min, v.max)
	}
	return d, ""
}

var (
	requestTimeoutRange = durationValidator{min: time.Second, max: 10 * time.Minute}
	maxWaitRange        = durationValidator{min: time.Second, max: time.Hour}
	reuseMarginRange    = durationValidator{min: 0, max: 3 * time.Hour}
)

// proxyURLValidator checks proxy_url.
type proxyURLValidator struct{}

var _ validator.String = proxyURLValidator{}

func (proxyURLValidator) Description(context.Context) string {
	return "an http, https or socks5 URL"
}
func (v proxyURLValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (proxyURLValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, problem := parseProxyURL(req.ConfigValue.ValueString()); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Proxy URL", "proxy_url "+problem)
	}
}

func parseProxyURL(s string) (*url.URL, string) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Host == "" {
		return nil, "is not an absolute URL: write it as http://proxy.example.com:3128."
	}
	switch u.Scheme {
	case "http", "https", "socks5":
		return u, ""
	}
	return nil, fmt.Sprintf("has scheme %q: use http, https or socks5.", u.Scheme)
}

// resolveHTTPSettings reads the retry, timeout, proxy and CA settings from
// the configuration or the environment. It reads the CA bundle file (a
// local file) but makes no network call.
func (p *wixProvider) resolveHTTPSettings(cfg providerModel) (httpSettings, diag.Diagnostics) {
	var diags diag.Diagnostics
	hs := httpSettings{maxRetries: wix.DefaultMaxRetries, requestTimeout: wix.DefaultRequestTimeout, maxWait: wix.DefaultMaxWait,
		reuse: true, reuseMargin: wix.DefaultReuseMargin}

	switch {
	case !cfg.TokenReuse.IsNull() && !cfg.TokenReuse.IsUnknown():
		hs.reuse = cfg.TokenReuse.ValueBool()
	case p.getenv(envTokenReuse) != "":
		b, err := strconv.ParseBool(strings.TrimSpace(p.getenv(envTokenReuse)))
		if err != nil {
			diags.AddError("Invalid "+envTokenReuse, fmt.Sprintf("The %s environment variable must be true or false.", envTokenReuse))
		} else {
			hs.reuse = b
		}
	}

	switch {
	case !cfg.MaxRetries.IsNull() && !cfg.MaxRetries.IsUnknown():
		hs.maxRetries = int(cfg.MaxRetries.ValueInt64())
	case p.getenv(envMaxRetries) != "":
		n, err := strconv.Atoi(strings.TrimSpace(p.getenv(envMaxRetries)))
		if err != nil || n < 0 || n > maxRetriesLimit {
			diags.AddError("Invalid "+envMaxRetries, fmt.Sprintf("The %s environment variable must be a whole number from 0 to %d.", envMaxRetries, maxRetriesLimit))
		} else {
			hs.maxRetries = n
		}
	}
	durations := []struct {
		v     types.String
		attr  string
		env   string
		rng   durationValidator
		value *time.Duration
	}{
		{cfg.RequestTimeout, "request_timeout", envRequestTimeout, requestTimeoutRange, &hs.requestTimeout},
		{cfg.MaxWait, "max_wait", envMaxWait, maxWaitRange, &hs.maxWait},
		{cfg.TokenReuseMargin, "token_reuse_margin", envTokenReuseMargin, reuseMarginRange, &hs.reuseMargin},
	}
	for _, d := range durations {
		s := p.resolve(d.v, d.attr, d.env)
		if s.unknown || s.value == "" {
			continue
		}
		val, problem := d.rng.parse(s.value)
		if problem != "" {
			if s.env != "" {
				diags.AddError("Invalid "+s.env, "The "+s.env+" environment variable "+problem)
			} else {
				diags.AddAttributeError(path.Root(d.attr), "Invalid Duration", d.attr+" "+problem)
			}
			continue
		}
		*d.value = val
	}
	if hs.requestTimeout > hs.maxWait {
		diags.AddWarning("Request Timeout Longer Than Max Wait",
			fmt.Sprintf("request_timeout (%s) is longer than max_wait (%s), so a token request gives up after %s.", hs.requestTimeout, hs.maxWait, hs.maxWait))
	}

	tr := &wixTransport{}
	if s := p.resolve(cfg.ProxyURL, "proxy_url", envProxyURL); !s.unknown && s.value != "" {
		u, problem := parseProxyURL(s.value)
		if problem != "" {
			diags.AddError("Invalid Proxy URL", "From "+s.source+": the proxy URL "+problem)
		}
		tr.proxy = u
	}
	if s := p.resolve(cfg.CABundleFile, "ca_bundle_file", envCABundleFile); !s.unknown && s.value != "" {
		data, err := os.ReadFile(s.value)
		switch {
		case err != nil:
			diags.AddError("Cannot Read the CA Bundle", fmt.Sprintf("From %s: %s. Point it at a readable PEM file of CA certificates.", s.source, err))
		case !strings.Contains(string(data), "-----BEGIN CERTIFICATE-----"):
			diags.AddError("Invalid CA Bundle", fmt.Sprintf("From %s: the file %s holds no PEM certificate (-----BEGIN CERTIFICATE-----).", s.source, s.value))
		default:
			tr.caBundle = data
		}
	}
	if tr.proxy != nil || tr.caBundle != nil {
		hs.transport = tr
	}
	return hs, diags
}
