// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// providerConfig is a provider block with the given attributes set (see
// rawConfig) and every other attribute null.
func providerConfig(t *testing.T, set map[string]any) tfsdk.Config {
	t.Helper()
	var sresp provider.SchemaResponse
	(&wixProvider{}).Schema(context.Background(), provider.SchemaRequest{}, &sresp)
	return tfsdk.Config{Schema: sresp.Schema, Raw: rawConfig(t, sresp.Schema.Type(), set)}
}

// In the block, in the environment, or neither: for every setting, a value
// in the block wins over its environment variable, the environment variable
// is used when the block leaves it out, and the default otherwise.
func TestResolveSettings_configurationBeatsEnvironment(t *testing.T) {
	type values struct {
		block any    // as configured
		env   string // in the environment
		want  any    // parsed from the block
		envIs any    // parsed from the environment
	}
	cases := map[string]values{
		"client_id":          {block: "11111111-2222-4333-8444-555555555555", env: "99999999-2222-4333-8444-555555555555", want: "11111111-2222-4333-8444-555555555555", envIs: "99999999-2222-4333-8444-555555555555"},
		"client_secret":      {block: "secret-from-the-block", env: "secret-from-the-env", want: "secret-from-the-block", envIs: "secret-from-the-env"},
		"instance_id":        {block: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", env: "ffffffff-bbbb-4ccc-8ddd-eeeeeeeeeeee", want: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", envIs: "ffffffff-bbbb-4ccc-8ddd-eeeeeeeeeeee"},
		"api_url":            {block: "https://block.example.com", env: "https://env.example.com", want: "https://block.example.com", envIs: "https://env.example.com"},
		"max_retries":        {block: 7, env: "2", want: int64(7), envIs: int64(2)},
		"request_timeout":    {block: "45s", env: "5s", want: 45 * time.Second, envIs: 5 * time.Second},
		"max_wait":           {block: "3m", env: "1m", want: 3 * time.Minute, envIs: time.Minute},
		"proxy_url":          {block: "http://block-proxy:3128", env: "http://env-proxy:3128", want: "http://block-proxy:3128", envIs: "http://env-proxy:3128"},
		"ca_bundle_file":     {block: "/block/ca.pem", env: "/env/ca.pem", want: "/block/ca.pem", envIs: "/env/ca.pem"},
		"token_reuse":        {block: false, env: "true", want: false, envIs: true},
		"token_reuse_margin": {block: "10m", env: "1h", want: 10 * time.Minute, envIs: time.Hour},
	}
	defaults := map[string]any{
		"client_id": "", "client_secret": "", "instance_id": "", "api_url": "https://www.wixapis.com",
		"max_retries": int64(4), "request_timeout": 30 * time.Second, "max_wait": 2 * time.Minute, "proxy_url": "",
		"ca_bundle_file": "", "token_reuse": true, "token_reuse_margin": 30 * time.Minute,
	}
	ctx := context.Background()
	environment := env{}
	block := map[string]any{}
	for _, s := range providerSettings {
		name, envName := s.names()
		c, ok := cases[name]
		if !ok {
			t.Fatalf("setting %s has no case here: add one", name)
		}
		environment[envName] = c.env
		block[name] = c.block
	}

	both, diags := resolveSettings(ctx, providerConfig(t, block), environment.getenv)
	checkNoDiags(t, diags)
	envOnly, diags := resolveSettings(ctx, providerConfig(t, nil), environment.getenv)
	checkNoDiags(t, diags)
	neither, diags := resolveSettings(ctx, providerConfig(t, nil), env{}.getenv)
	checkNoDiags(t, diags)

	for _, s := range providerSettings {
		name, envName := s.names()
		if got := parsedOf(both[name]); got != cases[name].want {
			t.Errorf("%s with both set: %v (from %s), want %v from the block", name, printable(name, got), both[name].source, printable(name, cases[name].want))
		}
		if want := name + ` in the provider "wix" block`; both[name].source != want || both[name].env != "" {
			t.Errorf("%s with both set came from %q", name, both[name].source)
		}
		if got := parsedOf(envOnly[name]); got != cases[name].envIs || envOnly[name].env != envName {
			t.Errorf("%s from the environment: %v (from %s), want %v from %s", name, printable(name, got), envOnly[name].source, printable(name, cases[name].envIs), envName)
		}
		if got := parsedOf(neither[name]); got != defaults[name] || neither[name].source != "the default" {
			t.Errorf("%s unset: %v (from %s), want the default %v", name, printable(name, got), neither[name].source, defaults[name])
		}
	}
	// The typed views read the same values.
	if maxRetriesSetting.in(both) != 7 || requestTimeoutSetting.in(envOnly) != 5*time.Second || tokenReuseSetting.in(neither) != true ||
		clientSecretSetting.in(both).value != "secret-from-the-block" {
		t.Error("a typed view disagrees with the resolved values")
	}
}

// printable is a value to print in a test's failure: never a secret.
func printable(name string, v any) any {
	if name == clientSecretSetting.name && v != "" {
		return "(a secret)"
	}
	return v
}

// parsedOf is a resolved setting's value, "" for an unset text setting.
func parsedOf(r resolved) any {
	if r.parsed == nil {
		return ""
	}
	return r.parsed
}

func checkNoDiags(t *testing.T, diags diag.Diagnostics) {
	t.Helper()
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics:\n%s", dumpDiags(diags))
	}
}

// A value from the environment gets the check a configured one gets, with
// the message naming the variable.
func TestResolveSettings_environmentValuesChecked(t *testing.T) {
	cases := []struct {
		env, value string
		want       wantDiag
	}{
		{"WIX_MAX_WAIT", "2 minutes", errDiag("Invalid WIX_MAX_WAIT",
			`From the WIX_MAX_WAIT environment variable: max_wait is "2 minutes", which is not a duration: write a number with a unit, such as "30s", "2m" or "1m30s".`)},
		{"WIX_REQUEST_TIMEOUT", "0s", errDiag("Invalid WIX_REQUEST_TIMEOUT",
			"From the WIX_REQUEST_TIMEOUT environment variable: request_timeout is 0s, outside the accepted range 1s to 10m0s.")},
		{"WIX_TOKEN_REUSE_MARGIN", "4h", errDiag("Invalid WIX_TOKEN_REUSE_MARGIN",
			"From the WIX_TOKEN_REUSE_MARGIN environment variable: token_reuse_margin is 4h0m0s, outside the accepted range 0s to 3h0m0s.")},
		{"WIX_MAX_RETRIES", "eleven", errDiag("Invalid WIX_MAX_RETRIES",
			`From the WIX_MAX_RETRIES environment variable: max_retries must be a whole number between 0 and 10, not "eleven".`)},
		{"WIX_MAX_RETRIES", "11", errDiag("Invalid WIX_MAX_RETRIES",
			`From the WIX_MAX_RETRIES environment variable: max_retries must be a whole number between 0 and 10, not "11".`)},
		{"WIX_TOKEN_REUSE", "yes", errDiag("Invalid WIX_TOKEN_REUSE",
			`From the WIX_TOKEN_REUSE environment variable: token_reuse must be true or false, not "yes".`)},
		{"WIX_PROXY_URL", "ftp://proxy:21", errDiag("Invalid WIX_PROXY_URL",
			`From the WIX_PROXY_URL environment variable: proxy_url has scheme "ftp": use http, https or socks5.`)},
		{"WIX_PROXY_URL", "proxy:3128", errDiag("Invalid WIX_PROXY_URL",
			"From the WIX_PROXY_URL environment variable: proxy_url is not an absolute URL: write it as http://proxy.example.com:3128.")},
		{"WIX_API_URL", "http://example.com", errDiag("Invalid WIX_API_URL",
			"From the WIX_API_URL environment variable: "+apiURLDetail(`plain http is only allowed to a loopback host (127.0.0.1, ::1 or localhost), not "example.com"; use https`))},
		{"WIX_CLIENT_SECRET", "secret\n", errDiag("Invalid WIX_CLIENT_SECRET",
			"From the WIX_CLIENT_SECRET environment variable: client_secret has leading or trailing whitespace (often a stray newline from a file or a copy-paste). Remove it, for example with trimspace().")},
		{"WIX_INSTANCE_ID", "site-1234", warnDiag("Unexpected WIX_INSTANCE_ID Format",
			"From the WIX_INSTANCE_ID environment variable: instance_id (9 characters) does not look like a Wix ID: Wix issues the app instance ID as a GUID such as "+
				"1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d. Check that it is not another value (a site ID, an app name or a secret); the token request will fail if Wix does not know it.")},
	}
	for _, tc := range cases {
		t.Run(tc.env+"="+tc.value, func(t *testing.T) {
			_, diags := resolveSettings(context.Background(), providerConfig(t, nil), env{tc.env: tc.value}.getenv)
			if len(diags) != 1 {
				t.Fatalf("got %d diagnostics, want 1:\n%s", len(diags), dumpDiags(diags))
			}
			d := diags[0]
			if d.Severity() != tc.want.severity || d.Summary() != tc.want.summary || d.Detail() != tc.want.detail {
				t.Errorf("got %s: %q: %q\nwant %s: %q: %q", d.Severity(), d.Summary(), d.Detail(), tc.want.severity, tc.want.summary, tc.want.detail)
			}
			if dp, ok := d.(diag.DiagnosticWithPath); ok {
				t.Errorf("attached to %s; a value from the environment belongs to no attribute", dp.Path())
			}
		})
	}
}

// The duration, number and proxy URL checks, as `terraform validate` shows
// them on a configured value.
func TestSettingValidators_messages(t *testing.T) {
	str := func(s providerSetting, v string) diag.Diagnostics {
		name, _ := s.names()
		return runStringValidator(settingValidator{s}, name, types.StringValue(v))
	}
	cases := []struct {
		name string
		got  diag.Diagnostics
		attr string
		want []wantDiag
	}{
		{"duration without unit", str(maxWaitSetting, "120"), "max_wait", []wantDiag{errDiag("Invalid Duration",
			`max_wait is "120", which is not a duration: write a number with a unit, such as "30s", "2m" or "1m30s".`)}},
		{"duration in words", str(maxWaitSetting, "2 minutes"), "max_wait", []wantDiag{errDiag("Invalid Duration",
			`max_wait is "2 minutes", which is not a duration: write a number with a unit, such as "30s", "2m" or "1m30s".`)}},
		{"duration too short", str(requestTimeoutSetting, "500ms"), "request_timeout", []wantDiag{errDiag("Invalid Duration",
			"request_timeout is 500ms, outside the accepted range 1s to 10m0s.")}},
		{"duration too long", str(maxWaitSetting, "2h"), "max_wait", []wantDiag{errDiag("Invalid Duration",
			"max_wait is 2h0m0s, outside the accepted range 1s to 1h0m0s.")}},
		{"duration at the bounds", append(str(requestTimeoutSetting, "1s"), str(tokenReuseMarginSetting, "0s")...), "", nil},
		{"duration with spaces", str(maxWaitSetting, " 90s "), "", nil},
		{"proxy with another scheme", str(proxyURLSetting, "ftp://proxy:21"), "proxy_url", []wantDiag{errDiag("Invalid Proxy URL",
			`proxy_url has scheme "ftp": use http, https or socks5.`)}},
		{"proxy without a host", str(proxyURLSetting, "proxy.example.com:3128"), "proxy_url", []wantDiag{errDiag("Invalid Proxy URL",
			"proxy_url is not an absolute URL: write it as http://proxy.example.com:3128.")}},
		{"proxy http, https and socks5", append(append(str(proxyURLSetting, "http://p:3128"), str(proxyURLSetting, "https://p")...), str(proxyURLSetting, "socks5://p:1080")...), "", nil},
		{"retries over the maximum", runInt64Validator(settingValidator{maxRetriesSetting}, "max_retries", types.Int64Value(11)), "max_retries", []wantDiag{errDiag("Invalid Number of Retries",
			`max_retries must be a whole number between 0 and 10, not "11".`)}},
		{"retries at the bounds", append(runInt64Validator(settingValidator{maxRetriesSetting}, "max_retries", types.Int64Value(0)),
			runInt64Validator(settingValidator{maxRetriesSetting}, "max_retries", types.Int64Value(10))...), "", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			checkDiags(t, tc.got, tc.want, path.Root(tc.attr))
		})
	}
	for _, s := range []providerSetting{maxWaitSetting, requestTimeoutSetting, proxyURLSetting, maxRetriesSetting} {
		v := settingValidator{s}
		if d := v.Description(context.Background()); d == "" || d != v.MarkdownDescription(context.Background()) {
			t.Errorf("%v: descriptions %q and %q", s, v.Description(context.Background()), v.MarkdownDescription(context.Background()))
		}
	}
}

// The schema comes from the declarations: every setting is an optional
// attribute whose description names its environment variable and default.
func TestProviderSchema_fromDeclarations(t *testing.T) {
	var resp provider.SchemaResponse
	(&wixProvider{}).Schema(context.Background(), provider.SchemaRequest{}, &resp)
	if len(resp.Schema.Attributes) != len(providerSettings) {
		t.Errorf("%d attributes for %d settings", len(resp.Schema.Attributes), len(providerSettings))
	}
	for name, want := range map[string][]string{
		"client_id":          {"Read from `WIX_CLIENT_ID` when not set."},
		"client_secret":      {"Read from `WIX_CLIENT_SECRET` when not set.", "ephemeral variable"},
		"api_url":            {"Read from `WIX_API_URL` when not set; defaults to `https://www.wixapis.com`."},
		"max_retries":        {"From 0 to 10.", "Read from `WIX_MAX_RETRIES` when not set; defaults to `4`."},
		"request_timeout":    {"from 1s to 10m0s.", "defaults to `30s`."},
		"max_wait":           {"defaults to `2m`."},
		"token_reuse":        {"Read from `WIX_TOKEN_REUSE` when not set; defaults to `true`."},
		"token_reuse_margin": {"from 0s to 3h0m0s.", "defaults to `30m`."},
	} {
		a, ok := resp.Schema.Attributes[name]
		if !ok {
			t.Errorf("no attribute %s", name)
			continue
		}
		if !a.IsOptional() || a.IsRequired() || a.IsComputed() {
			t.Errorf("%s is not plainly optional", name)
		}
		for _, w := range want {
			if !strings.Contains(a.GetMarkdownDescription(), w) {
				t.Errorf("the description of %s lacks %q:\n%s", name, w, a.GetMarkdownDescription())
			}
		}
	}
	if !resp.Schema.Attributes["client_secret"].IsSensitive() {
		t.Error("client_secret is not sensitive")
	}
}

// The provider page's table of environment variables and defaults is
// written by hand in its template: it must say what the declarations say.
func TestProviderPage_environmentTable(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("..", "..", "templates", "index.md.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string][]string{}
	for _, line := range strings.Split(string(page), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) == 5 && strings.HasPrefix(strings.TrimSpace(cells[2]), "`WIX_") {
			rows[strings.Trim(strings.TrimSpace(cells[1]), "`")] = []string{strings.Trim(strings.TrimSpace(cells[2]), "`"), strings.TrimSpace(cells[3])}
		}
	}
	for _, s := range providerSettings {
		name, envName := s.names()
		row, ok := rows[name]
		if !ok {
			t.Errorf("the environment table has no row for %s", name)
			continue
		}
		if row[0] != envName {
			t.Errorf("the table gives %s the variable %s, the declaration %s", name, row[0], envName)
		}
		def := ""
		switch v, _ := s.fallback(); v := v.(type) {
		case string:
			def = v
		case int64:
			def = strconv.FormatInt(v, 10)
		case bool:
			def = strconv.FormatBool(v)
		case time.Duration:
			def = shortDuration(v)
		}
		if def != "" && row[1] != "`"+def+"`" {
			t.Errorf("the table gives %s the default %s, the declaration `%s`", name, row[1], def)
		}
		delete(rows, name)
	}
	for name := range rows {
		t.Errorf("the environment table has a row for %s, which is no setting", name)
	}
}
