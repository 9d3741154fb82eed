// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wix

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// Native fuzz tests of the parsers that see untrusted input: the token
// endpoint's answers and the user's api_url. `go test` runs the seeds below
// and every file under testdata/fuzz/<FuzzName>/; `go test -fuzz` explores.

// reasonTemplates are the fixed texts decodeToken builds a failure reason
// from, with every %d written as 0. A failure reason is always one of them
// with numbers filled in, so an access_token that occurs in a reason only
// because it is a piece of this text (a short or numeric token, say) is a
// coincidence, not a leak of the body. Keep in step with decodeToken.
var reasonTemplates = []string{
	"the body is empty",
	"the body is an HTML page, not a token; is api_url pointing at the Wix API (or at a proxy or captive portal)?",
	"the body is not a JSON object",
	"the JSON has no access_token",
	"its access_token is empty",
	"its access_token holds characters that cannot go in an HTTP header",
	"the JSON has no expires_in, so the token's expiry is unknown",
	"its expires_in is not a whole number of seconds",
	"its expires_in is 0: the token would already be expired",
	"its expires_in is 0 seconds, longer than the 0-second maximum this provider accepts as plausible (Wix documents 14400)",
}

// foldNumbers turns every run of digits and minus signs into a single '#',
// so that any piece of a reason folds to a piece of its folded template.
func foldNumbers(s string) string {
	var b strings.Builder
	inRun := false
	for _, r := range s {
		if r == '-' || (r >= '0' && r <= '9') {
			if !inRun {
				b.WriteByte('#')
			}
			inRun = true
			continue
		}
		inRun = false
		b.WriteRune(r)
	}
	return b.String()
}

var (
	foldedTemplates = foldNumbers(strings.Join(reasonTemplates, "\n"))
	knownReasons    = func() map[string]bool {
		m := make(map[string]bool, len(reasonTemplates))
		for _, r := range reasonTemplates {
			m[foldNumbers(r)] = true
		}
		return m
	}()
)

// accessTokenIn extracts the access_token string of a body (the last
// access_token member, matched in any letter case, as encoding/json does), or
// reports that the body holds none.
func accessTokenIn(data []byte) (string, bool) {
	var r struct {
		AccessToken json.RawMessage `json:"access_token"`
	}
	_ = json.Unmarshal(data, &r) // a type error elsewhere still fills the field
	var s string
	if len(r.AccessToken) == 0 || json.Unmarshal(r.AccessToken, &s) != nil {
		return "", false
	}
	return s, true
}

func FuzzDecodeToken(f *testing.F) {
	const (
		jsonCT = "application/json"
		htmlCT = "text/html; charset=utf-8"
	)
	seeds := []struct {
		body, ct string
	}{
		// What Wix answers.
		{`{"access_token":"OauthNG.JWS.a.b.c","token_type":"Bearer","expires_in":14400}`, jsonCT},
		{`{"access_token":"OauthNG.JWS.a.b.c","token_type":"Bearer","expires_in":14400}`, "application/json; charset=utf-8"},
		{`{"access_token":"OauthNG.JWS.eyJraWQiOiJQb3pIX2FDMiIsImFsZyI6IlJTMjU2In0.eyJkYXRhIjoie30ifQ.sig-_","token_type":"Bearer","expires_in":14400}` + "\n", ""},
		{`{"expires_in":14400,"token_type":"bearer","access_token":"OauthNG.JWS.a.b.c","extra":[1,{"x":null}]}`, jsonCT},
		{`{"access_token":"OauthNG.JWS.a.b.c","token_type":"MAC","expires_in":14400}`, jsonCT},
		{`{"access_token":"OauthNG.JWS.a.b.c","expires_in":14400}`, jsonCT},
		{`{"access_token":"OauthNG.JWS.a.b.c","token_type":"","expires_in":14400}`, jsonCT},
		{`{"access_token":"OauthNG.JWS.a.b.c","token_type":null,"expires_in":14400}`, jsonCT},
		// expires_in in other spellings.
		{`{"access_token":"OauthNG.JWS.a.b.c","token_type":"Bearer","expires_in":"14400"}`, jsonCT},
		{`{"access_token":"OauthNG.JWS.a.b.c","token_type":"Bearer","expires_in":" 14400 "}`, jsonCT},
		{`{"access_token":"OauthNG.JWS.a.b.c","token_type":"Bearer","expires_in":14400.0}`, jsonCT},
		{`{"access_token":"OauthNG.JWS.a.b.c","token_type":"Bearer","expires_in":1.44e4}`, jsonCT},
		{`{"access_token":"OauthNG.JWS.a.b.c","token_type":"Bearer","expires_in":14400.5}`, jsonCT},
		{`{"access_token":"OauthNG.JWS.a.b.c","token_type":"Bearer","expires_in":"soon"}`, jsonCT},
		{`{"access_token":"OauthNG.JWS.a.b.c","token_type":"Bearer","expires_in":true}`, jsonCT},
		{`{"access_token":"OauthNG.JWS.a.b.c","token_type":"Bearer","expires_in":[14400]}`, jsonCT},
		// Huge, zero and negative lifetimes.
		{`{"access_token":"OauthNG.JWS.a.b.c","token_type":"Bearer","expires_in":2592000}`, jsonCT},
		{`{"access_token":"OauthNG.JWS.a.b.c","token_type":"Bearer","expires_in":2592001}`, jsonCT},
		{`{"access_token":"OauthNG.JWS.a.b.c","token_type":"Bearer","expires_in":9223372036854775807}`, jsonCT},
		{`{"access_token":"OauthNG.JWS.a.b.c","token_type":"Bearer","expires_in":99999999999999999999999}`, jsonCT},
		{`{"access_token":"OauthNG.JWS.a.b.c","token_type":"Bearer","expires_in":1e400}`, jsonCT},
		{`{"access_token":"OauthNG.JWS.a.b.c","token_type":"Bearer","expires_in":-9.223372036854775808e18}`, jsonCT},
		{`{"access_token":"OauthNG.JWS.a.b.c","token_type":"Bearer","expires_in":0}`, jsonCT},
		{`{"access_token":"OauthNG.JWS.a.b.c","token_type":"Bearer","expires_in":-1}`, jsonCT},
		// Missing and empty fields.
		{`{"token_type":"Bearer","expires_in":14400}`, jsonCT},
		{`{"access_token":"OauthNG.JWS.a.b.c","token_type":"Bearer"}`, jsonCT},
		{`{"access_token":"OauthNG.JWS.a.b.c","token_type":"Bearer","expires_in":null}`, jsonCT},
		{`{"access_token":"","token_type":"Bearer","expires_in":14400}`, jsonCT},
		{`{"access_token":null,"token_type":"Bearer","expires_in":14400}`, jsonCT},
		{`{"access_token":14400,"token_type":"Bearer","expires_in":14400}`, jsonCT},
		{`{"access_token":"OauthNG.JWS.a.b.c","token_type":14400,"expires_in":14400}`, jsonCT},
		{`{}`, jsonCT},
		{`null`, jsonCT},
		{`[]`, jsonCT},
		{`"OauthNG.JWS.a.b.c"`, jsonCT},
		// Tokens that cannot go in a header.
		{`{"access_token":"OauthNG JWS","token_type":"Bearer","expires_in":14400}`, jsonCT},
		{`{"access_token":"OauthNG.JWS\r\nX-Evil: 1","token_type":"Bearer","expires_in":14400}`, jsonCT},
		{`{"access_token":"OauthNG.JWS.é","token_type":"Bearer","expires_in":14400}`, jsonCT},
		{"{\"access_token\":\"OauthNG.JWS.\xff\xfe\",\"token_type\":\"Bearer\",\"expires_in\":14400}", jsonCT},
		{"{\"access_token\":\"OauthNG.JWS.a.b.c\",\"token_type\":\"Bear\xffer\",\"expires_in\":14400}", jsonCT},
		{`{"access_token":"OauthNG.JWS.a.b.c","token_type":"Bearer\u001b[31m","expires_in":14400}`, jsonCT},
		// Not JSON at all.
		{"", jsonCT},
		{" \r\n\t", ""},
		{"<!DOCTYPE html><html><body>Sign in to the Wi-Fi</body></html>", htmlCT},
		{"  <html>", "text/plain"},
		{"Service Unavailable", "text/plain"},
		{"Service Unavailable", "text/html"},
		{`{"access_token":"OauthNG.JWS.a.b.c","token_type":"Bearer","expires_in":14400`, jsonCT},
		{`{"access_token":"OauthNG.JWS.a.b.c","token_type":"Bearer","expires_in":14400}{}`, jsonCT},
		{`{"a":[[[[[[[[[[{"b":{"c":[null,true,1e9,"\ud800"]}}]]]]]]]]]]}`, jsonCT},
		{"\xff\xfe{\x00\"", "\x00;;=;"},
		{"\xef\xbb\xbf" + `{"access_token":"OauthNG.JWS.a.b.c","token_type":"Bearer","expires_in":14400}`, jsonCT},
	}
	for _, s := range seeds {
		f.Add([]byte(s.body), s.ct)
	}

	f.Fuzz(func(t *testing.T, data []byte, contentType string) {
		tok, _, err := decodeToken(data, contentType, 0)
		reason := ""
		if err != nil {
			reason = err.Error()
		}
		if (tok != nil) == (reason != "") {
			t.Fatalf("want exactly one of a token or a reason, got token %v and reason %q", tok != nil, reason)
		}
		if tok != nil {
			if tok.AccessToken == "" {
				t.Fatal("success with an empty access token")
			}
			for i := 0; i < len(tok.AccessToken); i++ {
				if c := tok.AccessToken[i]; c <= 0x20 || c >= 0x7f {
					t.Fatalf("access token byte %d is %#x, which cannot go in an HTTP header", i, c)
				}
			}
			if tok.ExpiresIn <= 0 || tok.ExpiresIn > MaxExpiresIn {
				t.Fatalf("ExpiresIn = %d, want 0 < ExpiresIn <= %d", tok.ExpiresIn, MaxExpiresIn)
			}
			if tok.TokenType == "" {
				t.Fatal("success with an empty TokenType")
			}
			if !utf8.ValidString(tok.TokenType) {
				t.Fatalf("TokenType %q is not valid UTF-8", tok.TokenType)
			}
			return
		}
		if !utf8.ValidString(reason) {
			t.Fatalf("reason %q is not valid UTF-8", reason)
		}
		if !knownReasons[foldNumbers(reason)] {
			t.Fatalf("reason %q is built from none of reasonTemplates; add its text there", reason)
		}
		if at, ok := accessTokenIn(data); ok && strings.Contains(reason, at) && !strings.Contains(foldedTemplates, foldNumbers(at)) {
			t.Fatalf("reason %q quotes the access token %q", reason, at)
		}
	})
}

// hasControlOrSpace reports whether s holds a control character (C0, DEL or
// C1) or white space.
func hasControlOrSpace(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) || unicode.IsSpace(r) }) >= 0
}

func FuzzDecodeAPIError(f *testing.F) {
	const secret = "wix-client-secret-0123456789abcdef"
	seeds := []struct {
		status int
		body   string
		secret string
	}{
		// RFC 6749.
		{400, `{"error":"invalid_client","error_description":"Client authentication failed"}`, secret},
		{401, `{"error":"invalid_client"}`, secret},
		{400, `{"error":"invalid_request","error_description":"client_secret ` + secret + ` is malformed"}`, secret},
		{400, `{"error":"unauthorized_client","error_description":"\u0007\u001b[2Jbell\nand\ttab"}`, secret},
		{400, `{"error":"` + secret + `","error_description":"` + secret + secret + `"}`, secret},
		// Wix.
		{404, `{"message":"Instance not found","details":{"applicationError":{"code":"NOT_FOUND","description":"App instance 5f0c8b2a-1c2d-4e5f-9a8b-7c6d5e4f3a2b not found"}}}`, secret},
		{403, `{"message":"","details":{"applicationError":{"code":"PERMISSION_DENIED","description":""}}}`, secret},
		{400, `{"message":"Bad request","details":{"validationError":{"fieldViolations":[{"field":"client_id","description":"must be a GUID"},{"field":"client_secret","description":"got ` + secret + `"}]}}}`, secret},
		{400, `{"message":"Bad request","details":{"validationError":{"fieldViolations":[{"field":"","description":""}]}}}`, secret},
		{429, `{"message":"Too many requests","details":{"applicationError":{"code":"RESOURCE_EXHAUSTED"}}}`, secret},
		{401, `{"message":"unauthenticated","details":{"applicationError":{"code":"UNAUTHENTICATED","description":"secret ` + secret + ` rejected"}}}`, secret},
		{500, `{"message":"internal error","details":{}}`, secret},
		{503, `{"error":"temporarily_unavailable","message":"try later","details":{"applicationError":{"code":"UNAVAILABLE","description":"down"}}}`, secret},
		// Fields of the wrong type, and a long description.
		{400, `{"error":400,"error_description":["a"],"message":{"x":1},"details":"nope"}`, secret},
		{400, `{"details":{"applicationError":{"code":7,"description":false}}}`, secret},
		{400, `{"error_description":"` + strings.Repeat("é", 400) + `"}`, secret},
		{400, `{"error":"` + strings.Repeat("x", 70) + `","error_description":"` + strings.Repeat("ab", 300) + `"}`, secret},
		// Garbage.
		{502, "<html><body>502 Bad Gateway</body></html>", secret},
		{400, "", secret},
		{400, "null", secret},
		{400, "\xff\xfe\x00", secret},
		{400, "{\"error\":\"inv\xffalid\",\"error_description\":\"\xc2\x85x\"}", secret},
		{302, "", ""},
		{100, `{"error":"a"}`, "abc"},
		{599, `{"error":"abcd"}`, "abcd"},
	}
	for _, s := range seeds {
		f.Add(s.status, []byte(s.body), s.secret)
	}

	f.Fuzz(func(t *testing.T, status int, body []byte, secret string) {
		status = (status%500+500)%500 + 100 // 100..599
		e := decodeAPIError(status, http.Header{}, body, redactor(secret))
		if e == nil {
			t.Fatal("decodeAPIError returned nil")
		}
		if e.StatusCode != status {
			t.Fatalf("StatusCode = %d, want %d", e.StatusCode, status)
		}
		const ellipsis = len("…")
		for _, field := range []struct {
			name, value string
			limit       int
		}{
			{"Code", e.Code, 64 + ellipsis},
			{"Description", e.Description, maxDescription + ellipsis},
		} {
			if len(field.value) > field.limit {
				t.Fatalf("%s is %d bytes, more than %d", field.name, len(field.value), field.limit)
			}
			if !utf8.ValidString(field.value) {
				t.Fatalf("%s %q is not valid UTF-8", field.name, field.value)
			}
			if i := strings.IndexFunc(field.value, func(r rune) bool { return r < 0x20 || r == 0x7f }); i >= 0 {
				t.Fatalf("%s %q holds a control character at byte %d", field.name, field.value, i)
			}
			if len(secret) >= 4 && !hasControlOrSpace(secret) && strings.Contains(field.value, secret) {
				t.Fatalf("%s %q holds the secret %q", field.name, field.value, secret)
			}
		}
		_ = e.Kind()
		_ = e.Error()
	})
}

func FuzzParseAPIURL(f *testing.F) {
	for _, s := range []string{
		// Good.
		"https://www.wixapis.com",
		"https://www.wixapis.com/",
		"https://www.wixapis.com///",
		"HTTPS://WWW.WIXAPIS.COM/",
		"https://www.wixapis.com:443/prefix/",
		"https://proxy.example.com/wix/api",
		"http://127.0.0.1:8080",
		"http://127.0.0.2:8080/",
		"http://localhost/",
		"http://LocalHost:1/a",
		"http://[::1]:9/x//",
		"http://[::ffff:127.0.0.1]/",
		"https://[2001:db8::1]:8443",
		"https://h/a%2F",
		"https://h/a%2f/",
		"https://h/%20/",
		// Bad.
		"",
		" https://www.wixapis.com",
		"https://www.wixapis.com\n",
		"http://www.wixapis.com",
		"http://127.0.0.1.nip.io/",
		"http://localhost.",
		"http://[::1%25lo]/",
		"https://user:pass@www.wixapis.com",
		"https://user@www.wixapis.com",
		"https://@www.wixapis.com",
		"https://www.wixapis.com?x=1",
		"https://www.wixapis.com/?",
		"https://www.wixapis.com#frag",
		"https://www.wixapis.com/#",
		"ftp://www.wixapis.com",
		"javascript:alert(1)",
		"https:www.wixapis.com",
		"https:/www.wixapis.com",
		"//www.wixapis.com",
		"www.wixapis.com",
		"https://",
		"https://:443",
		"https://www.wixapis.com:99999",
		"https://www.wixapis.com:-1",
		"https://www.wixapis.com:http",
		"https://www.wix apis.com",
		"https://www.wixapis.com/%zz",
		"https://%00/",
		"https://h%2Fx/",
		"\x00",
		"https://\xff\xfe/",
	} {
		f.Add(s)
	}

	f.Fuzz(func(t *testing.T, raw string) {
		u, err := ParseAPIURL(raw)
		if err != nil {
			if u != nil {
				t.Fatalf("ParseAPIURL(%q) returned both a URL and an error", raw)
			}
			return
		}
		if u == nil {
			t.Fatalf("ParseAPIURL(%q) returned neither a URL nor an error", raw)
		}
		checkAPIURL(t, raw, u)
		// The normalised form is what the token URL is built from: it must
		// parse back to the same URL.
		s := u.String()
		u2, err := ParseAPIURL(s)
		if err != nil {
			t.Fatalf("ParseAPIURL(%q) gave %q, which does not parse again: %v", raw, s, err)
		}
		checkAPIURL(t, s, u2)
		if s2 := u2.String(); s2 != s {
			t.Fatalf("ParseAPIURL(%q) gave %q; parsing that again gave %q", raw, s, s2)
		}
	})
}

func checkAPIURL(t *testing.T, raw string, pu *url.URL) {
	t.Helper()
	switch pu.Scheme {
	case "https":
	case "http":
		if !IsLoopbackHost(pu.Hostname()) {
			t.Fatalf("ParseAPIURL(%q) accepted http to the non-loopback host %q", raw, pu.Hostname())
		}
	default:
		t.Fatalf("ParseAPIURL(%q) accepted the scheme %q", raw, pu.Scheme)
	}
	if pu.Host == "" {
		t.Fatalf("ParseAPIURL(%q) accepted a URL without a host", raw)
	}
	if pu.User != nil {
		t.Fatalf("ParseAPIURL(%q) accepted user info", raw)
	}
	if pu.RawQuery != "" || pu.ForceQuery || pu.Fragment != "" || pu.RawFragment != "" || pu.Opaque != "" {
		t.Fatalf("ParseAPIURL(%q) accepted a query, fragment or opaque part: %#v", raw, pu)
	}
	if strings.HasSuffix(pu.Path, "/") || strings.HasSuffix(pu.EscapedPath(), "/") {
		t.Fatalf("ParseAPIURL(%q) left a trailing slash in the path %q (escaped %q)", raw, pu.Path, pu.EscapedPath())
	}
}

func FuzzParseExpiresIn(f *testing.F) {
	for _, s := range []string{
		`14400`, `"14400"`, `" 14400 "`, `14400.0`, `1.44e4`, `14400.5`, `-1`, `0`, `-0`,
		`9223372036854775807`, `9223372036854775808`, `-9223372036854775808`,
		`-9.223372036854775808e18`, `9.223372036854775807e18`, `1e400`, `99999999999999999999`,
		`"1e3"`, `"+5"`, `"0x10"`, `"0x1p4"`, `"Inf"`, `"NaN"`, `"soon"`, `""`,
		`null`, `true`, `[]`, `{}`, `[14400]`, ``, ` `, `"`, `"\u0031"`, "\"\xff\"", "\xff",
	} {
		f.Add([]byte(s))
	}

	f.Fuzz(func(t *testing.T, raw []byte) {
		n, ok := parseExpiresIn(raw)
		if !ok {
			if n != 0 {
				t.Fatalf("parseExpiresIn(%q) = %d, false; want 0 with false", raw, n)
			}
			return
		}
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Fatalf("parseExpiresIn(%q) = %d, true, but the input is not one JSON value: %v", raw, n, err)
		}
		switch v.(type) {
		case float64, string:
		default:
			t.Fatalf("parseExpiresIn(%q) = %d, true, but the input is a JSON %T, not a number or string", raw, n, v)
		}
	})
}

// tokenInfoReasons are every error text decodeTokenInfo can give.
var tokenInfoReasons = map[string]bool{
	"the body is not a JSON object":            true,
	"the body holds more than one JSON value":  true,
	"its active is neither true nor false":     true,
	"its iat is not a whole number of seconds": true,
	"its exp is not a whole number of seconds": true,
	"its iat is beyond the year 9999":          true,
	"its exp is beyond the year 9999":          true,
}

func FuzzDecodeTokenInfo(f *testing.F) {
	for _, s := range []string{
		`{"active":"true","subjectType":"APP","subjectId":"a","exp":"1715096067","iat":"1715081667","clientId":"c","siteId":"s","instanceId":"i"}`,
		`{"active":true,"exp":1715096067,"iat":1715081667,"accountId":"x"}`,
		`{"active":"false"}`, `{"active":false,"siteId":"s"}`, `{}`, `{"active":null}`, `{"active":"TRUE","exp":1.5e9}`,
		`{"active":true,"exp":"-5","iat":"0"}`, `{"active":true,"exp":99999999999999}`, `{"active":"yes"}`, `[]`, `null`, ``,
		`{"active":true,"siteId":"a\u0000b\u202ec"}`, `{"active":true}{}`, `{"active":true,"subjectId":1e400}`,
		`{"active":true,"subjectId":` + strings.Repeat("9", 5000) + `}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := decodeTokenInfo(data)
		if err != nil {
			if info != nil {
				t.Fatal("both a result and an error")
			}
			if !tokenInfoReasons[err.Error()] {
				t.Fatalf("error %q is none of the known reasons (it must never quote the body)", err)
			}
			return
		}
		facts := []string{info.SubjectType, info.SubjectID, info.ClientID, info.AccountID, info.SiteID, info.InstanceID}
		if !info.Active {
			for _, s := range facts {
				if s != "" {
					t.Fatalf("an inactive token has the fact %q", s)
				}
			}
			if !info.IssuedAt.IsZero() || !info.ExpiresAt.IsZero() {
				t.Fatal("an inactive token has times")
			}
			return
		}
		for _, s := range facts {
			if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) || len(s) > 260 {
				t.Fatalf("fact %q is not short printable text", s)
			}
		}
		for _, tm := range []time.Time{info.IssuedAt, info.ExpiresAt} {
			if !tm.IsZero() && (tm.Unix() <= 0 || tm.Year() > 9999 || tm.Location() != time.UTC) {
				t.Fatalf("time %v is outside 1970 to 9999 UTC", tm)
			}
		}
	})
}

// The legacy answer has no expires_in: decodeToken then assumes the
// documented five minutes, and uses expires_in when Wix sends one.
func FuzzDecodeLegacyToken(f *testing.F) {
	for _, s := range []string{
		`{"access_token":"OauthNG.JWS.a.b.c","refresh_token":"r"}`,
		`{"access_token":"t","refresh_token":"r","expires_in":600}`,
		`{"access_token":"t","expires_in":null}`, `{"access_token":"t","expires_in":"0"}`, `{"refresh_token":"r"}`, `{}`, `x`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tok, _, err := decodeToken(data, "application/json", LegacyTokenLifetime)
		if (tok == nil) == (err == nil) {
			t.Fatalf("want exactly one of a token or an error, got token %v and error %v", tok != nil, err)
		}
		if err != nil {
			if !knownReasons[foldNumbers(err.Error())] {
				t.Fatalf("reason %q is built from none of reasonTemplates", err)
			}
			return
		}
		if tok.ExpiresIn <= 0 || tok.ExpiresIn > MaxExpiresIn || tok.TokenType == "" {
			t.Fatalf("ExpiresIn %d, TokenType %q", tok.ExpiresIn, tok.TokenType)
		}
		var body struct {
			ExpiresIn json.RawMessage `json:"expires_in"`
		}
		if json.Unmarshal(data, &body) == nil && (len(body.ExpiresIn) == 0 || string(body.ExpiresIn) == "null") && tok.ExpiresIn != LegacyTokenLifetime {
			t.Fatalf("without expires_in the token lives %d seconds, want %d", tok.ExpiresIn, LegacyTokenLifetime)
		}
	})
}
