// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/wixtf/terraform-provider-wix/internal/wix"
)

// Every setting of the provider block is declared once, here: its
// attribute, environment variable, default, check and description. The
// schema attribute and its validator, the fallback to the environment, the
// check of values from the environment (with the same messages), the default
// and the text of the docs all come from the declaration. To add a setting,
// declare it below, add it to providerSettings, and use its value in
// Configure (provider.go).

var (
	clientIDSetting = stringSetting{
		name: "client_id", env: "WIX_CLIENT_ID", label: "Client ID",
		description: "The app's client ID: the **App ID** on the app's OAuth page in the Wix Dev Center, or the " +
			"**client ID** of a Headless project's OAuth app. The ephemeral `wix_access_token` can override it.",
		check: credentialCheck{what: "the App ID (Wix app) or client ID (Headless OAuth app)", guid: true},
	}
	clientSecretSetting = stringSetting{
		name: "client_secret", env: "WIX_CLIENT_SECRET", label: "Client Secret", sensitive: true,
		description: "The app's client secret: the **App secret** on the app's OAuth page in the Wix Dev Center, " +
			"or the secret of a Headless project's OAuth app. Pass it from an ephemeral variable or the environment, " +
			"never as a plain variable: a saved plan keeps the values of plain variables. " +
			"The ephemeral `wix_access_token` can override it.",
		check: credentialCheck{what: "the App secret (Wix app) or client secret (Headless OAuth app)"},
	}
	instanceIDSetting = stringSetting{
		name: "instance_id", env: "WIX_INSTANCE_ID", label: "Instance ID",
		description: "The default app instance ID: which installation of the app (which site) tokens are minted for, " +
			"unless a `wix_access_token` names its own. When no instance ID is set anywhere, the token request carries " +
			"none (Headless client credentials).",
		check: credentialCheck{what: "the app instance ID", guid: true},
	}
	apiURLSetting = stringSetting{
		name: "api_url", env: "WIX_API_URL", label: "Wix API URL", def: wix.DefaultAPIURL,
		description: "Base URL of the Wix API. Must use `https`, except plain `http` to a loopback host " +
			"(127.0.0.0/8, `::1`, `localhost`) for a local proxy or test server.",
		check: apiURLCheck{},
	}
	maxRetriesSetting = intSetting{
		name: "max_retries", env: "WIX_MAX_RETRIES", label: "Number of Retries", def: 4, min: 0, max: 10,
		description: "How many times a token request is retried after a 429, a 5xx (except 501) or a connection error, " +
			"with exponential backoff and jitter, honouring `Retry-After`. Other errors are never retried.",
	}
	requestTimeoutSetting = durationSetting{
		name: "request_timeout", env: "WIX_REQUEST_TIMEOUT", def: 30 * time.Second, min: time.Second, max: 10 * time.Minute,
		description: "How long one HTTP attempt may take.",
	}
	maxWaitSetting = durationSetting{
		name: "max_wait", env: "WIX_MAX_WAIT", def: 2 * time.Minute, min: time.Second, max: time.Hour,
		description: "The longest a token request may take in all, retries and waits included. A retry that could not " +
			"start in time is not made.",
	}
	proxyURLSetting = stringSetting{
		name: "proxy_url", env: "WIX_PROXY_URL", label: "Proxy URL",
		description: "A proxy for every request to Wix (`http`, `https` or `socks5` URL), instead of the `HTTPS_PROXY` / " +
			"`NO_PROXY` environment, which is honoured otherwise.",
		check: proxyURLCheck{},
	}
	caBundleFileSetting = stringSetting{
		name: "ca_bundle_file", env: "WIX_CA_BUNDLE_FILE", label: "CA Bundle File",
		description: "Path of a PEM file of CA certificates to trust in addition to the system's, for a TLS-inspecting proxy.",
	}
	tokenReuseSetting = boolSetting{
		name: "token_reuse", env: "WIX_TOKEN_REUSE", def: true,
		description: "Whether tokens are shared inside one Terraform operation: every `wix_access_token` with " +
			"the same API URL, client ID, client secret and instance ID gets the same token while it stays valid for at least " +
			"`token_reuse_margin`, and concurrent requests for it make one request to Wix. Tokens for different credentials or " +
			"instances are never shared, nor are the data source's with the ephemeral resource's (`wix_app_instance` mints the " +
			"ephemeral way). A five-minute token from a refresh token is shared only by concurrent requests, unless the margin " +
			"is under five minutes. Set `false` to mint a new token for every one.",
	}
	tokenReuseMarginSetting = durationSetting{
		name: "token_reuse_margin", env: "WIX_TOKEN_REUSE_MARGIN", def: 30 * time.Minute, min: 0, max: 3 * time.Hour,
		description: "How long a token must still be valid to be shared. A token closer to its expiry is replaced by a new one.",
	}
)

// providerSettings are the provider block's settings, in the docs' order.
var providerSettings = []providerSetting{
	clientIDSetting, clientSecretSetting, instanceIDSetting, apiURLSetting,
	maxRetriesSetting, requestTimeoutSetting, maxWaitSetting, proxyURLSetting, caBundleFileSetting,
	tokenReuseSetting, tokenReuseMarginSetting,
}

// providerSetting is what every kind of setting declaration provides.
type providerSetting interface {
	// names are the attribute's name and its environment variable.
	names() (attribute, env string)
	// attribute is the schema attribute, optional, described and validated.
	attribute() schema.Attribute
	// parse reads a value written as text (from the environment, or a
	// string attribute) and checks it. Its error, written to follow the
	// attribute's name, never quotes a secret; a warning is valid.
	parse(text string) (any, error)
	// fallback is the default value, if the setting has one.
	fallback() (any, bool)
	// title names the setting in diagnostics: "Invalid <title>".
	title() string
	// rule says in a few words what parse accepts.
	rule() string
}

// resolved is one setting's value and where it came from.
type resolved struct {
	value   string // as text; "" when not set
	parsed  any    // the value parse returned, or the default
	source  string // e.g. `client_id in the provider "wix" block`, `the WIX_CLIENT_ID environment variable`, `the default`
	env     string // the environment variable it came from, if it did
	attr    string // the wix_access_token attribute it came from, if it did
	unknown bool   // configured from a value not known until apply
}

func (r resolved) isSet() bool { return r.unknown || r.value != "" }

// settingValues are the resolved settings, by attribute name.
type settingValues map[string]resolved

// resolveSettings reads every setting from the provider block or, when the
// block leaves it out, its environment variable, or else its default, and
// checks a value from the environment with the same parse (and so the same
// messages) as the schema checks a configured one.
func resolveSettings(ctx context.Context, cfg tfsdk.Config, getenv func(string) string) (settingValues, diag.Diagnostics) {
	var obj types.Object
	diags := cfg.Get(ctx, &obj)
	if diags.HasError() {
		return nil, diags
	}
	vals := settingValues{}
	for _, s := range providerSettings {
		name, env := s.names()
		r := find(s, obj.Attributes()[name], getenv)
		if r.value != "" && r.parsed == nil {
			parsed, err := s.parse(r.value)
			r.parsed = parsed
			switch {
			case err != nil && r.env != "":
				diags.Append(envDiagnostic(name, env, err))
			case err != nil && !isWarning(err):
				// The schema checks configured values, except one that was
				// not known then; this is that one.
				diags.AddAttributeError(path.Root(name), "Invalid "+s.title(), name+" "+err.Error()+".")
			}
		}
		vals[name] = r
	}
	return vals, diags
}

// find is where a setting's value comes from: the block, else its
// environment variable, else its default.
func find(s providerSetting, configured attr.Value, getenv func(string) string) resolved {
	name, env := s.names()
	if text, known, set := configuredText(configured); set {
		return resolved{value: text, unknown: !known, source: name + ` in the provider "wix" block`}
	}
	if v := getenv(env); v != "" {
		return resolved{value: v, source: "the " + env + " environment variable", env: env}
	}
	def, _ := s.fallback()
	text, _ := def.(string)
	return resolved{value: text, parsed: def, source: "the default"}
}

// configuredText is a configured value as text, whether it is known, and
// whether the block sets it at all.
func configuredText(v attr.Value) (text string, known, set bool) {
	if v == nil || v.IsNull() {
		return "", false, false
	}
	if v.IsUnknown() {
		return "", false, true
	}
	switch v := v.(type) {
	case types.String:
		return v.ValueString(), true, true
	case types.Int64:
		return strconv.FormatInt(v.ValueInt64(), 10), true, true
	case types.Bool:
		return strconv.FormatBool(v.ValueBool()), true, true
	}
	return v.String(), true, true
}

// envDiagnostic reports a bad value from the environment the way the schema
// reports a bad configured value, naming the variable it came from.
func envDiagnostic(name, env string, err error) diag.Diagnostic {
	detail := "From the " + env + " environment variable: " + name + " " + err.Error() + "."
	if isWarning(err) {
		return diag.NewWarningDiagnostic("Unexpected "+env+" Format", detail)
	}
	return diag.NewErrorDiagnostic("Invalid "+env, detail)
}

// envSentence is the part of every setting's description that says where
// else the value comes from.
func envSentence(env, def string) string {
	if def == "" {
		return " Read from `" + env + "` when not set."
	}
	return " Read from `" + env + "` when not set; defaults to `" + def + "`."
}

// valueOf is a setting's parsed value, or def when it has none.
func valueOf[T any](vals settingValues, name string, def T) T {
	if v, ok := vals[name].parsed.(T); ok {
		return v
	}
	return def
}

// stringSetting is a setting whose value is text.
type stringSetting struct {
	name, env   string
	label       string // in diagnostics: "Invalid <label>", "Unexpected <label> Format"
	description string // Markdown; the sentence on the environment and the default is added
	def         string // the default; "" for none
	sensitive   bool
	check       textCheck // nil: any text
}

func (s stringSetting) names() (string, string) { return s.name, s.env }

func (s stringSetting) attribute() schema.Attribute {
	return schema.StringAttribute{
		Optional:            true,
		Sensitive:           s.sensitive,
		MarkdownDescription: s.description + envSentence(s.env, s.def),
		Validators:          s.validators(),
	}
}

// validators check the setting wherever an attribute takes it: in the
// provider block, and as an override on a wix_access_token.
func (s stringSetting) validators() []validator.String {
	if s.check == nil {
		return nil
	}
	return []validator.String{settingValidator{s}}
}

func (s stringSetting) parse(text string) (any, error) {
	if s.check == nil {
		return text, nil
	}
	return text, s.check.check(text)
}

func (s stringSetting) fallback() (any, bool) { return s.def, s.def != "" }

func (s stringSetting) title() string { return s.label }

func (s stringSetting) rule() string {
	if s.check == nil {
		return "any text"
	}
	return s.check.rule()
}

// in is the setting's resolved value.
func (s stringSetting) in(vals settingValues) resolved { return vals[s.name] }

// intSetting is a whole number within bounds.
type intSetting struct {
	name, env, label, description string
	def, min, max                 int64
}

func (s intSetting) names() (string, string) { return s.name, s.env }

func (s intSetting) attribute() schema.Attribute {
	return schema.Int64Attribute{
		Optional:            true,
		MarkdownDescription: fmt.Sprintf("%s From %d to %d.%s", s.description, s.min, s.max, envSentence(s.env, strconv.FormatInt(s.def, 10))),
		Validators:          []validator.Int64{settingValidator{s}},
	}
}

func (s intSetting) parse(text string) (any, error) {
	n, err := strconv.ParseInt(strings.TrimSpace(text), 10, 64)
	if err != nil || n < s.min || n > s.max {
		return s.def, fmt.Errorf("must be a whole number between %d and %d, not %q", s.min, s.max, text)
	}
	return n, nil
}

func (s intSetting) fallback() (any, bool) { return s.def, true }

func (s intSetting) title() string { return s.label }

func (s intSetting) rule() string { return fmt.Sprintf("a whole number from %d to %d", s.min, s.max) }

func (s intSetting) in(vals settingValues) int64 { return valueOf(vals, s.name, s.def) }

// boolSetting is true or false.
type boolSetting struct {
	name, env, description string
	def                    bool
}

func (s boolSetting) names() (string, string) { return s.name, s.env }

func (s boolSetting) attribute() schema.Attribute {
	return schema.BoolAttribute{
		Optional:            true,
		MarkdownDescription: s.description + envSentence(s.env, strconv.FormatBool(s.def)),
	}
}

func (s boolSetting) parse(text string) (any, error) {
	b, err := strconv.ParseBool(strings.TrimSpace(text))
	if err != nil {
		return s.def, fmt.Errorf("must be true or false, not %q", text)
	}
	return b, nil
}

func (s boolSetting) fallback() (any, bool) { return s.def, true }

func (s boolSetting) title() string { return "Setting" }

func (s boolSetting) rule() string { return "true or false" }

func (s boolSetting) in(vals settingValues) bool { return valueOf(vals, s.name, s.def) }

// durationSetting is a Go duration ("30s", "2m") within bounds.
type durationSetting struct {
	name, env, description string
	def, min, max          time.Duration
}

func (s durationSetting) names() (string, string) { return s.name, s.env }

func (s durationSetting) attribute() schema.Attribute {
	return schema.StringAttribute{
		Optional: true,
		MarkdownDescription: fmt.Sprintf("%s A duration such as `\"30s\"` or `\"2m\"`, from %s to %s.%s",
			s.description, s.min, s.max, envSentence(s.env, shortDuration(s.def))),
		Validators: []validator.String{settingValidator{s}},
	}
}

func (s durationSetting) parse(text string) (any, error) {
	d, err := time.ParseDuration(strings.TrimSpace(text))
	switch {
	case err != nil:
		return s.def, fmt.Errorf("is %q, which is not a duration: write a number with a unit, such as \"30s\", \"2m\" or \"1m30s\"", text)
	case d < s.min || d > s.max:
		return s.def, fmt.Errorf("is %s, outside the accepted range %s to %s", d, s.min, s.max)
	}
	return d, nil
}

func (s durationSetting) fallback() (any, bool) { return s.def, true }

func (s durationSetting) title() string { return "Duration" }

func (s durationSetting) rule() string {
	return fmt.Sprintf("a duration such as \"30s\" or \"2m\", from %s to %s", s.min, s.max)
}

func (s durationSetting) in(vals settingValues) time.Duration { return valueOf(vals, s.name, s.def) }

// shortDuration writes a default the way a user would: "30s", "2m", "30m".
func shortDuration(d time.Duration) string {
	switch {
	case d != 0 && d%time.Minute == 0:
		return strconv.FormatInt(int64(d/time.Minute), 10) + "m"
	case d%time.Second == 0:
		return strconv.FormatInt(int64(d/time.Second), 10) + "s"
	}
	return d.String()
}
