// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/wixtf/terraform-provider-wix/internal/wix"
)

// The expected texts below are written out by hand on purpose: a test that
// rebuilt them with the code under test would pass whatever that code says.
const (
	testGUID = "1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d"

	whatClientID     = "the App ID (Wix app) or client ID (Headless OAuth app)"
	whatClientSecret = "the App secret (Wix app) or client secret (Headless OAuth app)"
	whatInstanceID   = "the app instance ID"
)

// wantDiag is one expected diagnostic, compared field by field.
type wantDiag struct {
	severity diag.Severity
	summary  string
	detail   string
}

func errDiag(summary, detail string) wantDiag {
	return wantDiag{severity: diag.SeverityError, summary: summary, detail: detail}
}

func warnDiag(summary, detail string) wantDiag {
	return wantDiag{severity: diag.SeverityWarning, summary: summary, detail: detail}
}

// checkDiags compares diagnostics with want exactly, in order, and checks
// that every one of them is attached to wantPath.
func checkDiags(t *testing.T, got diag.Diagnostics, want []wantDiag, wantPath path.Path) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d diagnostics, want %d:\n%s", len(got), len(want), dumpDiags(got))
	}
	for i, d := range got {
		w := want[i]
		if d.Severity() != w.severity {
			t.Errorf("diagnostic %d: severity %v, want %v", i, d.Severity(), w.severity)
		}
		if d.Summary() != w.summary {
			t.Errorf("diagnostic %d: summary\n got: %q\nwant: %q", i, d.Summary(), w.summary)
		}
		if d.Detail() != w.detail {
			t.Errorf("diagnostic %d: detail\n got: %q\nwant: %q", i, d.Detail(), w.detail)
		}
		dp, ok := d.(diag.DiagnosticWithPath)
		if !ok {
			t.Errorf("diagnostic %d has no attribute path, want %s", i, wantPath)
			continue
		}
		if !dp.Path().Equal(wantPath) {
			t.Errorf("diagnostic %d: path %s, want %s", i, dp.Path(), wantPath)
		}
	}
}

func dumpDiags(ds diag.Diagnostics) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString("  " + d.Severity().String() + ": " + d.Summary() + ": " + d.Detail() + "\n")
	}
	return b.String()
}

func runStringValidator(v validator.String, attr string, value types.String) diag.Diagnostics {
	req := validator.StringRequest{Path: path.Root(attr), PathExpression: path.MatchRoot(attr), ConfigValue: value}
	resp := &validator.StringResponse{}
	v.ValidateString(context.Background(), req, resp)
	return resp.Diagnostics
}

func TestCredentialValidator(t *testing.T) {
	type settingCase struct {
		attr, title, what string
		validator         settingValidator
		guid              bool
	}
	kinds := []settingCase{
		{attr: "client_id", title: "Client ID", what: whatClientID, validator: settingValidator{clientIDSetting}, guid: true},
		{attr: "client_secret", title: "Client Secret", what: whatClientSecret, validator: settingValidator{clientSecretSetting}},
		{attr: "instance_id", title: "Instance ID", what: whatInstanceID, validator: settingValidator{instanceIDSetting}, guid: true},
	}

	for _, k := range kinds {
		invalid := "Invalid " + k.title
		empty := errDiag(invalid, k.attr+" is set to an empty string. Set it to "+k.what+", or remove it so that the next source is used.")
		blank := errDiag(invalid, k.attr+" holds only whitespace. Set it to "+k.what+".")
		padded := errDiag(invalid, k.attr+" has leading or trailing whitespace (often a stray newline from a file or a copy-paste). Remove it, for example with trimspace().")
		control := errDiag(invalid, k.attr+" holds control characters. Set it to "+k.what+".")
		notGUID := func(value string) []wantDiag {
			if !k.guid {
				return nil
			}
			return []wantDiag{warnDiag("Unexpected "+k.title+" Format",
				fmt.Sprintf("%s (%d characters)", k.attr, len(value))+" does not look like a Wix ID: Wix issues "+k.what+
					" as a GUID such as 1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d. Check that it is not another value "+
					"(a site ID, an app name or a secret); the token request will fail if Wix does not know it.")}
		}

		cases := []struct {
			name  string
			value types.String
			want  []wantDiag
		}{
			{"null", types.StringNull(), nil},
			{"unknown", types.StringUnknown(), nil},
			{"valid GUID", types.StringValue(testGUID), nil},
			{"upper-case GUID", types.StringValue(strings.ToUpper(testGUID)), nil},
			{"empty", types.StringValue(""), []wantDiag{empty}},
			{"spaces only", types.StringValue("   "), []wantDiag{blank}},
			{"newline only", types.StringValue("\n"), []wantDiag{blank}},
			{"tabs and newlines only", types.StringValue("\t\r\n "), []wantDiag{blank}},
			{"leading space", types.StringValue(" " + testGUID), []wantDiag{padded}},
			{"trailing space", types.StringValue(testGUID + " "), []wantDiag{padded}},
			{"trailing newline", types.StringValue(testGUID + "\n"), []wantDiag{padded}},
			{"trailing CRLF", types.StringValue(testGUID + "\r\n"), []wantDiag{padded}},
			{"leading tab", types.StringValue("\t" + testGUID), []wantDiag{padded}},
			{"trailing non-breaking space", types.StringValue(testGUID + "\u00a0"), []wantDiag{padded}},
			{"NUL inside", types.StringValue("1a2b3c4d\x00-5e6f"), []wantDiag{control}},
			{"escape inside", types.StringValue("abc\x1b[31mdef"), []wantDiag{control}},
			{"DEL inside", types.StringValue("abc\x7fdef"), []wantDiag{control}},
			{"newline inside", types.StringValue("abc\ndef"), []wantDiag{control}},
			{"tab inside", types.StringValue("abc\tdef"), []wantDiag{control}},
			{"trailing NUL is not trimmed", types.StringValue(testGUID + "\x00"), []wantDiag{control}},
			{"not a GUID", types.StringValue("my-wix-app"), notGUID("my-wix-app")},
			{"GUID without dashes", types.StringValue("1a2b3c4d5e6f4a8b9c0d1e2f3a4b5c6d"), notGUID("1a2b3c4d5e6f4a8b9c0d1e2f3a4b5c6d")},
			{"GUID in braces", types.StringValue("{" + testGUID + "}"), notGUID("{" + testGUID + "}")},
			{"GUID with a non-hex digit", types.StringValue("1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6g"), notGUID("1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6g")},
			{"GUID one digit short", types.StringValue(testGUID[:len(testGUID)-1]), notGUID(testGUID[:len(testGUID)-1])},
			{"non-ASCII", types.StringValue("ключ"), notGUID("ключ")},
		}
		for _, tc := range cases {
			t.Run(k.attr+"/"+tc.name, func(t *testing.T) {
				got := runStringValidator(k.validator, k.attr, tc.value)
				checkDiags(t, got, tc.want, path.Root(k.attr))
			})
		}
	}
}

// A secret is never quoted, whatever is wrong with it.
func TestCredentialValidator_secretNeverQuoted(t *testing.T) {
	for i, secret := range []string{"Sup3rS3cretValue", "Sup3rS3cretValue\n", " Sup3rS3cretValue", "Sup3r\x00S3cretValue"} {
		got := runStringValidator(settingValidator{clientSecretSetting}, "client_secret", types.StringValue(secret))
		for _, d := range got {
			if strings.Contains(d.Summary(), "Sup3r") || strings.Contains(d.Detail(), "Sup3r") {
				t.Errorf("the diagnostic %q for secret #%d quotes the secret", d.Summary(), i)
			}
		}
	}
}

func TestCredentialValidator_descriptions(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		s    stringSetting
		want string
	}{
		{clientIDSetting, "must be non-empty, without surrounding whitespace; warns unless it is a GUID"},
		{instanceIDSetting, "must be non-empty, without surrounding whitespace; warns unless it is a GUID"},
		{clientSecretSetting, "must be non-empty, without surrounding whitespace"},
	} {
		v := settingValidator{tc.s}
		if got := v.Description(ctx); got != tc.want {
			t.Errorf("%s: Description = %q, want %q", tc.s.name, got, tc.want)
		}
		if got := v.MarkdownDescription(ctx); got != tc.want {
			t.Errorf("%s: MarkdownDescription = %q, want %q", tc.s.name, got, tc.want)
		}
	}
	want := "must be an https URL, or http to a loopback host"
	if got := (settingValidator{apiURLSetting}).Description(ctx); got != want {
		t.Errorf("apiURLValidator Description = %q, want %q", got, want)
	}
	if got := (settingValidator{apiURLSetting}).MarkdownDescription(ctx); got != want {
		t.Errorf("apiURLValidator MarkdownDescription = %q, want %q", got, want)
	}
}

func TestCheckCredential(t *testing.T) {
	cases := []struct {
		name            string
		setting         stringSetting
		value           string
		wantErr, wantWn string
	}{
		{"client_id GUID", clientIDSetting, testGUID, "", ""},
		{"instance_id GUID", instanceIDSetting, testGUID, "", ""},
		{"client_secret anything", clientSecretSetting, "not-a-guid-at-all", "", ""},
		{"client_secret GUID-shaped", clientSecretSetting, testGUID, "", ""},
		{"client_id empty", clientIDSetting, "",
			"client_id is set to an empty string. Set it to " + whatClientID + ", or remove it so that the next source is used.", ""},
		{"client_secret empty", clientSecretSetting, "",
			"client_secret is set to an empty string. Set it to " + whatClientSecret + ", or remove it so that the next source is used.", ""},
		{"instance_id whitespace", instanceIDSetting, " \t\n",
			"instance_id holds only whitespace. Set it to " + whatInstanceID + ".", ""},
		{"client_secret trailing newline", clientSecretSetting, "secret\n",
			"client_secret has leading or trailing whitespace (often a stray newline from a file or a copy-paste). Remove it, for example with trimspace().", ""},
		{"instance_id leading space", instanceIDSetting, " " + testGUID,
			"instance_id has leading or trailing whitespace (often a stray newline from a file or a copy-paste). Remove it, for example with trimspace().", ""},
		{"client_id control character", clientIDSetting, "ab\x01cd",
			"client_id holds control characters. Set it to " + whatClientID + ".", ""},
		{"client_secret control character", clientSecretSetting, "ab\x7fcd",
			"client_secret holds control characters. Set it to " + whatClientSecret + ".", ""},
		{"instance_id not a GUID", instanceIDSetting, "site-1234", "",
			`instance_id (9 characters) does not look like a Wix ID: Wix issues the app instance ID as a GUID such as ` +
				"1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d. Check that it is not another value (a site ID, an app name or a secret); " +
				"the token request will fail if Wix does not know it."},
		{"client_id not a GUID", clientIDSetting, "MyApp", "",
			`client_id (5 characters) does not look like a Wix ID: Wix issues ` + whatClientID + ` as a GUID such as ` +
				"1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d. Check that it is not another value (a site ID, an app name or a secret); " +
				"the token request will fail if Wix does not know it."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			gotErr, gotWn := checkCredential(tc.setting, tc.value)
			if gotErr != tc.wantErr {
				t.Errorf("error\n got: %q\nwant: %q", gotErr, tc.wantErr)
			}
			if gotWn != tc.wantWn {
				t.Errorf("warning\n got: %q\nwant: %q", gotWn, tc.wantWn)
			}
			if gotErr != "" && gotWn != "" {
				t.Errorf("both an error and a warning for %q", tc.value)
			}
		})
	}
}

// checkCredential is the message of an error and of a warning that the
// setting's check gives for v, as a diagnostic shows them.
func checkCredential(s stringSetting, v string) (errMsg, warnMsg string) {
	err := s.check.check(v)
	switch {
	case err == nil:
		return "", ""
	case isWarning(err):
		return "", s.name + " " + err.Error() + "."
	}
	return s.name + " " + err.Error() + ".", ""
}

func TestSettingTitles(t *testing.T) {
	for _, tc := range []struct {
		s    providerSetting
		want string
	}{
		{clientIDSetting, "Client ID"}, {clientSecretSetting, "Client Secret"}, {instanceIDSetting, "Instance ID"},
		{apiURLSetting, "Wix API URL"}, {proxyURLSetting, "Proxy URL"}, {maxWaitSetting, "Duration"},
	} {
		if got := tc.s.title(); got != tc.want {
			t.Errorf("the title of %v is %q, want %q", tc.s, got, tc.want)
		}
	}
}

// apiURLDetail is the detail of an api_url error whose reason is reason.
func apiURLDetail(reason string) string {
	return "api_url is not usable: " + reason + ". Set it to https://www.wixapis.com (the default) or to your own " +
		"proxy's https URL; plain http is accepted only for a loopback host such as http://127.0.0.1:8080."
}

func TestAPIURLValidator(t *testing.T) {
	const summary = "Invalid Wix API URL"
	bad := func(reason string) []wantDiag { return []wantDiag{errDiag(summary, apiURLDetail(reason))} }
	const (
		absolute = "it must be an absolute URL such as https://www.wixapis.com"
		noQuery  = "it must not have a query string or fragment"
		noUser   = "it must not contain a user name or password"
		padded   = "it has leading or trailing whitespace"
	)
	httpTo := func(host string) []wantDiag {
		return bad(`plain http is only allowed to a loopback host (127.0.0.1, ::1 or localhost), not "` + host + `"; use https`)
	}

	cases := []struct {
		name  string
		value types.String
		want  []wantDiag
	}{
		{"null", types.StringNull(), nil},
		{"unknown", types.StringUnknown(), nil},
		{"default", types.StringValue("https://www.wixapis.com"), nil},
		{"default with trailing slash", types.StringValue("https://www.wixapis.com/"), nil},
		{"upper-case scheme", types.StringValue("HTTPS://www.wixapis.com"), nil},
		{"https proxy with path and port", types.StringValue("https://proxy.example.com:8443/wix/"), nil},
		{"http to 127.0.0.1 with port", types.StringValue("http://127.0.0.1:8080"), nil},
		{"http to localhost", types.StringValue("http://localhost"), nil},
		{"http to LOCALHOST", types.StringValue("http://LOCALHOST:9000"), nil},
		{"http to ::1", types.StringValue("http://[::1]:9"), nil},
		{"http to 127.5.6.7", types.StringValue("http://127.5.6.7"), nil},

		{"empty", types.StringValue(""), bad("it is empty")},
		{"plain http to a remote host", types.StringValue("http://example.com"), httpTo("example.com")},
		{"plain http to the Wix API", types.StringValue("http://www.wixapis.com"), httpTo("www.wixapis.com")},
		{"plain http to a private address", types.StringValue("http://10.0.0.1:8080"), httpTo("10.0.0.1")},
		{"plain http to a look-alike of localhost", types.StringValue("http://localhost.example.com"), httpTo("localhost.example.com")},
		{"plain http to a look-alike of 127.0.0.1", types.StringValue("http://127.0.0.1.example.com"), httpTo("127.0.0.1.example.com")},
		{"ftp", types.StringValue("ftp://x"), bad(`its scheme must be https (or http to a loopback host), not "ftp"`)},
		{"file", types.StringValue("file:///etc/passwd"), bad(absolute)},
		{"no scheme", types.StringValue("www.wixapis.com"), bad(absolute)},
		{"no host", types.StringValue("https://"), bad(absolute)},
		{"opaque", types.StringValue("https:www.wixapis.com"), bad(absolute)},
		{"user and password", types.StringValue("https://user:pw@host"), bad(noUser)},
		{"user only", types.StringValue("https://user@host"), bad(noUser)},
		{"user and password on loopback", types.StringValue("http://user:pw@127.0.0.1:8080"), bad(noUser)},
		{"query", types.StringValue("https://host/?q=1"), bad(noQuery)},
		{"empty query", types.StringValue("https://host/?"), bad(noQuery)},
		{"fragment", types.StringValue("https://host/#f"), bad(noQuery)},
		{"leading space", types.StringValue(" https://x"), bad(padded)},
		{"trailing newline", types.StringValue("https://x\n"), bad(padded)},
		{"control character", types.StringValue("https://x\x00y"), bad("it is not a valid URL")},
		{"bad port", types.StringValue("https://host:65536"), bad(`its port "65536" is not valid`)},
		{"non-numeric port", types.StringValue("https://host:https"), bad("it is not a valid URL")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := runStringValidator(settingValidator{apiURLSetting}, "api_url", tc.value)
			checkDiags(t, got, tc.want, path.Root("api_url"))
		})
	}
}

// The error for a URL with credentials never repeats them.
func TestAPIURLValidator_credentialsNotRepeated(t *testing.T) {
	for _, raw := range []string{
		"https://user:pw@host",
		"https://alice:pw@host/path?q=1",
		"http://alice:pw@example.com",
		"ftp://alice:pw@host",
		"https://alice:pw@host:99999",
		"https://alice:p%zzw@host",
		" https://alice:pw@host",
	} {
		got := runStringValidator(settingValidator{apiURLSetting}, "api_url", types.StringValue(raw))
		if len(got) != 1 || got[0].Severity() != diag.SeverityError {
			t.Errorf("%q: want exactly one error, got:\n%s", raw, dumpDiags(got))
			continue
		}
		for _, s := range []string{got[0].Summary(), got[0].Detail()} {
			if strings.Contains(s, "pw") || strings.Contains(s, "alice") {
				t.Errorf("%q: diagnostic repeats the user-info: %q", raw, s)
			}
		}
		if _, err := wix.ParseAPIURL(raw); err == nil || strings.Contains(err.Error(), "pw") {
			t.Errorf("ParseAPIURL(%q) error = %v; want an error that does not repeat the password", raw, err)
		}
	}
}

func TestParseAPIURL_normalises(t *testing.T) {
	cases := []struct{ raw, want string }{
		{"https://www.wixapis.com", "https://www.wixapis.com"},
		{"https://www.wixapis.com/", "https://www.wixapis.com"},
		{"https://www.wixapis.com///", "https://www.wixapis.com"},
		{"HTTPS://www.wixapis.com/", "https://www.wixapis.com"},
		{"HtTpS://www.wixapis.com", "https://www.wixapis.com"},
		{"HTTP://127.0.0.1:8080/", "http://127.0.0.1:8080"},
		{"http://localhost/proxy/", "http://localhost/proxy"},
		{"http://[::1]:9", "http://[::1]:9"},
		{"https://proxy.example.com:8443/wix/v1/", "https://proxy.example.com:8443/wix/v1"},
	}
	for _, tc := range cases {
		t.Run(tc.raw, func(t *testing.T) {
			u, err := wix.ParseAPIURL(tc.raw)
			if err != nil {
				t.Fatalf("ParseAPIURL(%q): %v", tc.raw, err)
			}
			if got := u.String(); got != tc.want {
				t.Errorf("ParseAPIURL(%q) = %q, want %q", tc.raw, got, tc.want)
			}
			if u.Scheme != strings.ToLower(u.Scheme) {
				t.Errorf("scheme %q is not lower-case", u.Scheme)
			}
			// The token URL is built by appending the token path.
			if got := u.String() + wix.TokenPath; strings.Contains(got, "//oauth2") {
				t.Errorf("token URL %q has a double slash", got)
			}
		})
	}
}

// A value the validator accepts is one that Configure can use, and one it
// rejects is rejected in Configure with the same reason.
func TestAPIURLValidator_agreesWithParseAPIURL(t *testing.T) {
	for _, raw := range []string{
		"https://www.wixapis.com/", "http://localhost:1", "http://example.com", "ftp://x", "www.wixapis.com",
		"https://host/?q=1", "https://host/#f", " https://x", "https://user:pw@host", "",
	} {
		got := runStringValidator(settingValidator{apiURLSetting}, "api_url", types.StringValue(raw))
		_, err := wix.ParseAPIURL(raw)
		switch {
		case err == nil && len(got) != 0:
			t.Errorf("%q: ParseAPIURL accepts it but the validator says:\n%s", raw, dumpDiags(got))
		case err != nil && (len(got) != 1 || got[0].Detail() != apiURLDetail(err.Error())):
			t.Errorf("%q: ParseAPIURL says %q but the validator says:\n%s", raw, err, dumpDiags(got))
		}
	}
}

func runInt64Validator(v validator.Int64, attr string, value types.Int64) diag.Diagnostics {
	req := validator.Int64Request{Path: path.Root(attr), PathExpression: path.MatchRoot(attr), ConfigValue: value}
	resp := &validator.Int64Response{}
	v.ValidateInt64(context.Background(), req, resp)
	return resp.Diagnostics
}
