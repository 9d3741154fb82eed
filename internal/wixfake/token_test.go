// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wixfake

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestTokenSuccess(t *testing.T) {
	t.Parallel()
	type want struct {
		clientID, instanceID, siteID, accountID string
		spelling, encoding                      string
		hasInstanceID                           bool
	}
	demo := want{DemoClientID, DemoInstanceID, DemoSiteID, DemoAccountID, "snake", "json", true}
	with := func(w want, f func(*want)) want { f(&w); return w }

	tests := []struct {
		name        string
		apps        []App
		contentType string
		body        string
		want        want
	}{
		{"T-S1 json snake", nil, "application/json", jsonBody(demoSnake()...), demo},
		{"T-S1 json charset", nil, "application/json; charset=utf-8", jsonBody(demoSnake()...), demo},
		{"T-S1 json charset upper", nil, "Application/JSON;charset=UTF-8", jsonBody(demoSnake()...), demo},
		{"T-S1 whitespace and unknown fields", nil, "application/json",
			"\n {\"grant_type\": \"client_credentials\", \"client_id\": \"" + DemoClientID + "\", \"scope\": \"offline_access\", \"extra\": {\"n\": [1, 2]},\n \"client_secret\": \"" + DemoClientSecret + "\", \"instance_id\": \"" + DemoInstanceID + "\"} \n", demo},
		{"T-S1 second instance", nil, "application/json",
			jsonBody("grant_type", "client_credentials", "client_id", DemoClientID, "client_secret", DemoClientSecret, "instance_id", DemoInstanceID2),
			with(demo, func(w *want) { w.instanceID, w.siteID = DemoInstanceID2, DemoSiteID2 })},
		{"T-S1 second app on shared instance", nil, "application/json",
			jsonBody("grant_type", "client_credentials", "client_id", SecondClientID, "client_secret", SecondClientSecret, "instance_id", DemoInstanceID),
			with(demo, func(w *want) { w.clientID = SecondClientID })},
		{"T-S1 second app on its own instance", nil, "application/json",
			jsonBody("grant_type", "client_credentials", "client_id", SecondClientID, "client_secret", SecondClientSecret, "instance_id", SecondOnlyInstanceID),
			with(demo, func(w *want) {
				w.clientID, w.instanceID, w.siteID = SecondClientID, SecondOnlyInstanceID, SecondOnlySiteID
			})},
		{"T-S2 json camel", nil, "application/json", jsonBody(demoCamel()...),
			with(demo, func(w *want) { w.spelling = "camel" })},
		{"T-S2 json mixed", nil, "application/json",
			jsonBody("grant_type", "client_credentials", "clientId", DemoClientID, "client_secret", DemoClientSecret, "instanceId", DemoInstanceID),
			with(demo, func(w *want) { w.spelling = "mixed" })},
		{"T-S2 both spellings agreeing", nil, "application/json",
			jsonBody(append(demoSnake(), "clientId", DemoClientID)...),
			with(demo, func(w *want) { w.spelling = "mixed" })},
		{"T-S3 form snake", nil, "application/x-www-form-urlencoded", formBody(demoSnake()...),
			with(demo, func(w *want) { w.encoding = "form" })},
		{"T-S3 form camel charset", nil, "application/x-www-form-urlencoded; charset=utf-8", formBody(demoCamel()...),
			with(demo, func(w *want) { w.encoding, w.spelling = "form", "camel" })},
		{"T-S3 form escaped", nil, "application/x-www-form-urlencoded",
			"grant_type=client%5Fcredentials&client_id=" + DemoClientID + "&client_secret=" + strings.ReplaceAll(DemoClientSecret, "-", "%2D") + "&instance_id=" + DemoInstanceID,
			with(demo, func(w *want) { w.encoding = "form" })},
		{"T-S4 no content type", nil, "", jsonBody(demoSnake()...), demo},
		{"T-S4 text/plain as fetch sends it", nil, "text/plain;charset=UTF-8", jsonBody(demoCamel()...),
			with(demo, func(w *want) { w.spelling = "camel" })},
		{"T-S4 json labelled as form, as curl -d sends it", nil, "application/x-www-form-urlencoded", jsonBody(demoSnake()...), demo},
		{"T-S5 headless without instance", nil, "application/json",
			jsonBody("grant_type", "client_credentials", "client_id", HeadlessClientID, "client_secret", HeadlessClientSecret),
			want{HeadlessClientID, "", HeadlessSiteID, "", "snake", "json", false}},
		{"T-S5 headless with empty instance", nil, "application/json",
			jsonBody("grant_type", "client_credentials", "client_id", HeadlessClientID, "client_secret", HeadlessClientSecret, "instance_id", ""),
			want{HeadlessClientID, "", HeadlessSiteID, "", "snake", "json", true}},
		{"T-S5 headless with null instance, camel", nil, "application/json",
			`{"grantType":"client_credentials","clientId":"` + HeadlessClientID + `","clientSecret":"` + HeadlessClientSecret + `","instanceId":null}`,
			want{HeadlessClientID, "", HeadlessSiteID, "", "camel", "json", true}},
		{"T-S5 headless form", nil, "application/x-www-form-urlencoded",
			formBody("grant_type", "client_credentials", "client_id", HeadlessClientID, "client_secret", HeadlessClientSecret),
			want{HeadlessClientID, "", HeadlessSiteID, "", "snake", "form", false}},
		{"T-S5 app allowed without instance",
			[]App{{ClientID: "app", ClientSecret: "fake-secret-x", AllowNoInstance: true, SiteID: "site-x",
				Instances: []Instance{{InstanceID: "inst", SiteID: "site-i", AccountID: "acct"}}}},
			"application/json", jsonBody("grant_type", "client_credentials", "client_id", "app", "client_secret", "fake-secret-x"),
			want{"app", "", "site-x", "", "snake", "json", false}},
		{"T-S5 app allowed without instance, with instance",
			[]App{{ClientID: "app", ClientSecret: "fake-secret-x", AllowNoInstance: true, SiteID: "site-x",
				Instances: []Instance{{InstanceID: "inst", SiteID: "site-i", AccountID: "acct"}}}},
			"application/json", jsonBody("grant_type", "client_credentials", "client_id", "app", "client_secret", "fake-secret-x", "instance_id", "inst"),
			want{"app", "inst", "site-i", "acct", "snake", "json", true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			s := NewTestServer(t, Options{Apps: tt.apps, Now: clock.Now})
			r := do(t, nil, http.MethodPost, s.URL()+TokenPath, tt.contentType, tt.body,
				map[string]string{"User-Agent": "wixfake-test/1", "Accept": "application/json"})
			assertStatus(t, r, http.StatusOK)

			for k, v := range map[string]string{
				"Content-Type":  "application/json",
				"Cache-Control": "no-store",
				"Pragma":        "no-cache",
				"Date":          testEpoch.Format(http.TimeFormat),
			} {
				if got := r.header.Get(k); got != v {
					t.Errorf("header %s = %q, want %q", k, got, v)
				}
			}
			var raw map[string]any
			if err := json.Unmarshal([]byte(r.body), &raw); err != nil {
				t.Fatal(err)
			}
			if len(raw) != 3 || raw["token_type"] != "Bearer" || raw["expires_in"] != float64(14400) {
				t.Errorf("body = %s, want exactly access_token, token_type Bearer, expires_in 14400", r.body)
			}
			tok, _ := raw["access_token"].(string)
			if !strings.HasPrefix(tok, "OauthNG.JWS.") {
				t.Fatalf("access_token %q lacks the OauthNG.JWS. prefix", tok)
			}

			it, ok := s.LookupToken(tok)
			if !ok {
				t.Fatal("LookupToken does not know the minted token")
			}
			w := tt.want
			if it.ClientID != w.clientID || it.InstanceID != w.instanceID || it.SiteID != w.siteID || it.AccountID != w.accountID {
				t.Errorf("token is for client %q instance %q site %q account %q, want %q %q %q %q",
					it.ClientID, it.InstanceID, it.SiteID, it.AccountID, w.clientID, w.instanceID, w.siteID, w.accountID)
			}
			if !it.IssuedAt.Equal(testEpoch) || !it.ExpiresAt.Equal(testEpoch.Add(4*time.Hour)) {
				t.Errorf("issued %v expires %v", it.IssuedAt, it.ExpiresAt)
			}

			_, data, err := DecodeAccessToken(tok)
			if err != nil {
				t.Fatal(err)
			}
			if data.Instance.InstanceID != w.instanceID || data.Instance.AppDefID != w.clientID || data.Instance.MetaSiteID != w.siteID {
				t.Errorf("token data = %+v", data.Instance)
			}

			log := s.TokenRequestLog()
			if len(log) != 1 {
				t.Fatalf("log has %d records", len(log))
			}
			rec := log[0]
			wantRec := TokenRequestRecord{
				Method: http.MethodPost, ContentType: tt.contentType, UserAgent: "wixfake-test/1", Accept: "application/json",
				GrantType: GrantClientCredentials, ClientID: w.clientID, InstanceID: w.instanceID, HasInstanceID: w.hasInstanceID,
				SecretMatched: true, FieldSpelling: w.spelling, BodyEncoding: w.encoding, Status: http.StatusOK,
			}
			if rec != wantRec {
				t.Errorf("record\n got %+v\nwant %+v", rec, wantRec)
			}
			if got := s.IssuedTokens(); len(got) != 1 || got[0] != tok {
				t.Errorf("IssuedTokens = %v", got)
			}
		})
	}
}

func TestTokenErrors(t *testing.T) {
	t.Parallel()
	const (
		form = "application/x-www-form-urlencoded"
		js   = "application/json"
	)
	demoWith := func(kv ...string) string {
		m := map[string]string{}
		base := demoSnake()
		order := []string{}
		for i := 0; i < len(base); i += 2 {
			m[base[i]] = base[i+1]
			order = append(order, base[i])
		}
		for i := 0; i < len(kv); i += 2 {
			if _, ok := m[kv[i]]; !ok {
				order = append(order, kv[i])
			}
			m[kv[i]] = kv[i+1]
		}
		var out []string
		for _, k := range order {
			if v := m[k]; v != "<omit>" {
				out = append(out, k, v)
			}
		}
		return jsonBody(out...)
	}
	noSecretApp := []App{{ClientID: "44444444-4444-4444-8444-444444444444", Name: "No Secret", AllowNoInstance: true, SiteID: "s"}}
	instanceNotFoundRFC := rfcBody("invalid_request", "instance_id does not identify an installation of this app")
	instanceNotFoundWix := `{"message":"App instance not found","details":{"applicationError":{"code":"NOT_FOUND","description":"instance_id does not identify an installation of this app","data":{}}}}`
	invalidJSON := rfcBody("invalid_request", "request body is not a valid JSON object")

	tests := []struct {
		name        string
		opts        Options
		contentType string
		body        string
		wantStatus  int
		wantBody    string
	}{
		// T-F1: unparseable bodies.
		{"T-F1 empty json", Options{}, js, "", 400, rfcBody("invalid_request", "request body is empty")},
		{"T-F1 blank json", Options{}, js, "  \n", 400, rfcBody("invalid_request", "request body is empty")},
		{"T-F1 empty form", Options{}, form, "", 400, rfcBody("invalid_request", "request body is empty")},
		{"T-F1 empty without content type", Options{}, "", "", 400, rfcBody("invalid_request", "request body is empty")},
		{"T-F1 truncated json", Options{}, js, `{"grant_type":"client_credentials"`, 400, invalidJSON},
		{"T-F1 json array", Options{}, js, `[{"grant_type":"client_credentials"}]`, 400, invalidJSON},
		{"T-F1 json null", Options{}, js, `null`, 400, invalidJSON},
		{"T-F1 trailing garbage", Options{}, js, jsonBody(demoSnake()...) + "x", 400, invalidJSON},
		{"T-F1 two objects", Options{}, js, jsonBody(demoSnake()...) + "{}", 400, invalidJSON},
		{"T-F1 not json at all", Options{}, "text/plain", "grant_type=client_credentials", 400, invalidJSON},
		{"T-F1 bad form escape", Options{}, form, "grant_type=client_credentials&client_id=%zz", 400,
			rfcBody("invalid_request", "request body is not valid application/x-www-form-urlencoded")},
		{"T-F1 non-string field", Options{}, js, `{"grant_type":"client_credentials","client_id":11111111}`, 400,
			rfcBody("invalid_request", "field client_id must be a string")},
		{"T-F1 duplicate json field", Options{}, js, `{"grant_type":"client_credentials","grant_type":"client_credentials"}`, 400,
			rfcBody("invalid_request", "field grant_type is given more than once")},
		{"T-F1 duplicate form field", Options{}, form, formBody(append(demoSnake(), "client_id", SecondClientID)...), 400,
			rfcBody("invalid_request", "field client_id is given more than once")},
		{"T-F1 conflicting spellings", Options{}, js, demoWith("clientId", SecondClientID), 400,
			rfcBody("invalid_request", "field client_id is given more than once with different values")},
		{"T-F1 unsupported content type", Options{}, "multipart/form-data; boundary=x", jsonBody(demoSnake()...), 400,
			rfcBody("invalid_request", "unsupported Content-Type: use application/json or application/x-www-form-urlencoded")},
		{"T-F1 malformed content type", Options{}, "application/json; charset", jsonBody(demoSnake()...), 400,
			rfcBody("invalid_request", "malformed Content-Type header")},
		{"T-F1 body too large", Options{}, js, `{"pad":"` + strings.Repeat("x", MaxBodyBytes) + `"}`, 413,
			rfcBody("invalid_request", "request body exceeds 65536 bytes")},

		// T-F2..T-F4: missing or unsupported parameters.
		{"T-F2 grant_type missing", Options{}, js, demoWith("grant_type", "<omit>"), 400,
			rfcBody("invalid_request", "grant_type is required")},
		{"T-F2 grant_type empty", Options{}, form, formBody("grant_type", "", "client_id", DemoClientID), 400,
			rfcBody("invalid_request", "grant_type is required")},
		{"T-F3 password grant", Options{}, js, demoWith("grant_type", "password"), 400,
			rfcBody("unsupported_grant_type", "grant_type is not supported; this server implements client_credentials")},
		{"T-F3 anonymous grant", Options{}, js, jsonBody("grantType", "anonymous", "clientId", HeadlessClientID), 400,
			rfcBody("unsupported_grant_type", "grant_type is not supported; this server implements client_credentials")},
		{"T-F3 wrong case", Options{}, js, demoWith("grant_type", "Client_Credentials"), 400,
			rfcBody("unsupported_grant_type", "grant_type is not supported; this server implements client_credentials")},
		{"T-F4 client_id missing", Options{}, js, demoWith("client_id", "<omit>"), 400,
			rfcBody("invalid_request", "client_id is required")},
		{"T-F4 client_secret missing", Options{}, js, demoWith("client_secret", "<omit>"), 400,
			rfcBody("invalid_request", "client_secret is required for the client_credentials grant")},
		{"T-F4 client_secret empty, form", Options{}, form, formBody("grant_type", "client_credentials", "client_id", DemoClientID, "client_secret", ""), 400,
			rfcBody("invalid_request", "client_secret is required for the client_credentials grant")},

		// T-F5, T-F6, T-F10: client authentication.
		{"T-F5 unknown client", Options{}, js, demoWith("client_id", "99999999-9999-4999-8999-999999999999"), 401,
			rfcBody("invalid_client", "client authentication failed: unknown client_id")},
		{"T-F5 unknown client, 400 switch", Options{InvalidClientStatus: 400}, js, demoWith("client_id", "99999999-9999-4999-8999-999999999999"), 400,
			rfcBody("invalid_client", "client authentication failed: unknown client_id")},
		{"T-F5 client id case matters", Options{Apps: []App{{ClientID: "abc", ClientSecret: "fake-secret-abc", AllowNoInstance: true}}}, js,
			jsonBody("grant_type", "client_credentials", "client_id", "ABC", "client_secret", "fake-secret-abc"), 401,
			rfcBody("invalid_client", "client authentication failed: unknown client_id")},
		{"T-F6 wrong secret", Options{}, js, demoWith("client_secret", "fake-secret-wrong"), 401,
			rfcBody("invalid_client", "client authentication failed: client_secret does not match")},
		{"T-F6 other app's secret", Options{}, js, demoWith("client_secret", SecondClientSecret), 401,
			rfcBody("invalid_client", "client authentication failed: client_secret does not match")},
		{"T-F6 secret prefix", Options{}, form, formBody("grant_type", "client_credentials", "client_id", DemoClientID, "client_secret", DemoClientSecret[:10], "instance_id", DemoInstanceID), 401,
			rfcBody("invalid_client", "client authentication failed: client_secret does not match")},
		{"T-F6 wrong secret, 400 switch, wix shape", Options{InvalidClientStatus: 400, ErrorShape: ShapeWix}, js, demoWith("client_secret", "fake-secret-wrong"), 400,
			rfcBody("invalid_client", "client authentication failed: client_secret does not match")},
		{"T-F10 no secret generated", Options{Apps: noSecretApp}, js,
			jsonBody("grant_type", "client_credentials", "client_id", noSecretApp[0].ClientID, "client_secret", "fake-secret-guess"), 401,
			rfcBody("invalid_client", "client authentication failed: no client secret has been generated for this client")},

		// T-F7..T-F9: instance problems, in both shapes.
		{"T-F7 unknown instance", Options{}, js, demoWith("instance_id", "aaaaaaaa-0000-4000-8000-000000000099"), 400, instanceNotFoundRFC},
		{"T-F7 unknown instance, not a GUID", Options{}, js, demoWith("instance_id", "not-a-guid"), 400, instanceNotFoundRFC},
		{"T-F7 instance id case matters", Options{}, js, demoWith("instance_id", strings.ToUpper(DemoInstanceID)), 400, instanceNotFoundRFC},
		{"T-F7 unknown instance, wix shape", Options{ErrorShape: ShapeWix}, js, demoWith("instance_id", "aaaaaaaa-0000-4000-8000-000000000099"), 404, instanceNotFoundWix},
		{"T-F8 other app's instance", Options{}, js, demoWith("instance_id", SecondOnlyInstanceID), 400, instanceNotFoundRFC},
		{"T-F8 other app's instance, wix shape", Options{ErrorShape: ShapeWix}, form,
			formBody("grant_type", "client_credentials", "client_id", DemoClientID, "client_secret", DemoClientSecret, "instance_id", SecondOnlyInstanceID), 404, instanceNotFoundWix},
		{"T-F9 removed instance", Options{}, js, demoWith("instance_id", RemovedInstanceID), 400, instanceNotFoundRFC},
		{"T-F9 removed instance, wix shape", Options{ErrorShape: ShapeWix}, js, demoWith("instance_id", RemovedInstanceID), 404, instanceNotFoundWix},
		{"headless client, unknown instance", Options{}, js,
			jsonBody("grant_type", "client_credentials", "client_id", HeadlessClientID, "client_secret", HeadlessClientSecret, "instance_id", DemoInstanceID), 400, instanceNotFoundRFC},
		{"instance required", Options{}, js, demoWith("instance_id", "<omit>"), 400,
			rfcBody("invalid_request", "instance_id is required for this app")},
		{"instance required, empty", Options{ErrorShape: ShapeWix}, js, demoWith("instance_id", ""), 400,
			rfcBody("invalid_request", "instance_id is required for this app")},

		// Secrets pasted into the wrong field are never echoed.
		{"secret as client_id", Options{}, js, demoWith("client_id", DemoClientSecret), 401,
			rfcBody("invalid_client", "client authentication failed: unknown client_id")},
		{"secret as instance_id", Options{}, js, demoWith("instance_id", DemoClientSecret), 400, instanceNotFoundRFC},
		{"secret as grant_type", Options{}, js, demoWith("grant_type", DemoClientSecret), 400,
			rfcBody("unsupported_grant_type", "grant_type is not supported; this server implements client_credentials")},
		{"secret as a field name", Options{}, js, `{"` + DemoClientSecret + `":1,"grant_type":"client_credentials"}`, 400,
			rfcBody("invalid_request", "client_id is required")},
		{"secret as a non-string value", Options{}, js, `{"client_secret":["` + DemoClientSecret + `"]}`, 400,
			rfcBody("invalid_request", "field client_secret must be a string")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := NewTestServer(t, tt.opts)
			r := postToken(t, s, tt.contentType, tt.body)
			assertStatus(t, r, tt.wantStatus)
			assertJSON(t, r.body, tt.wantBody)
			if ct := r.header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type = %q", ct)
			}
			if cc := r.header.Get("Cache-Control"); cc != "no-store" {
				t.Errorf("Cache-Control = %q", cc)
			}
			if n := len(s.IssuedTokens()); n != 0 {
				t.Errorf("%d tokens issued on error", n)
			}
			log := s.TokenRequestLog()
			if len(log) != 1 || log[0].Status != tt.wantStatus {
				t.Errorf("log = %+v", log)
			}
			assertNoSecret(t, "request log", fmt.Sprintf("%+v", log))
			if strings.Contains(tt.name, "secret as") && !strings.Contains(fmt.Sprintf("%+v", log), Redacted) &&
				!strings.Contains(tt.name, "name") && !strings.Contains(tt.name, "non-string") {
				t.Errorf("misplaced secret not redacted: %+v", log)
			}
		})
	}
}

func TestTokenRecordSecretMatched(t *testing.T) {
	t.Parallel()
	s := NewTestServer(t, Options{})
	postToken(t, s, "application/json", jsonBody("grant_type", "client_credentials", "client_id", DemoClientID, "client_secret", "fake-secret-nope", "instance_id", DemoInstanceID))
	postToken(t, s, "application/json", jsonBody("grant_type", "client_credentials", "client_id", DemoClientID, "client_secret", DemoClientSecret, "instance_id", RemovedInstanceID))
	log := s.TokenRequestLog()
	if len(log) != 2 {
		t.Fatalf("log = %+v", log)
	}
	if log[0].SecretMatched || log[0].Status != 401 {
		t.Errorf("wrong secret recorded as %+v", log[0])
	}
	if !log[1].SecretMatched || log[1].Status != 400 || log[1].InstanceID != RemovedInstanceID || !log[1].HasInstanceID {
		t.Errorf("removed instance recorded as %+v", log[1])
	}
}

func TestTokenWrongMethodAndPath(t *testing.T) {
	t.Parallel()
	s := NewTestServer(t, Options{})
	tests := []struct{ method, path string }{
		{http.MethodGet, TokenPath},
		{http.MethodPut, TokenPath},
		{http.MethodDelete, TokenPath},
		{http.MethodGet, TokenInfoPath},
		{http.MethodPost, AppInstancePath},
		{http.MethodPost, StatsPath},
		{http.MethodPost, TokenPath + "/"},
		{http.MethodPost, "/oauth2/Token"},
		{http.MethodPost, "/oauth/access"},
		{http.MethodGet, "/"},
		{http.MethodGet, "/nope?x=1"},
	}
	for _, tt := range tests {
		r := do(t, nil, tt.method, s.URL()+tt.path, "application/json", jsonBody(demoSnake()...), nil)
		if r.status != http.StatusNotFound {
			t.Errorf("%s %s: status %d", tt.method, tt.path, r.status)
		}
		if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("%s %s: Content-Type %q", tt.method, tt.path, ct)
		}
		if !strings.Contains(r.body, "<html") || !strings.Contains(r.body, "404") {
			t.Errorf("%s %s: body %q", tt.method, tt.path, r.body)
		}
	}
	if n := s.TokenRequests(); n != 3 {
		t.Errorf("TokenRequests = %d, want 3 (any method counts)", n)
	}
	if n := len(s.IssuedTokens()); n != 0 {
		t.Errorf("issued %d tokens", n)
	}
	if log := s.TokenRequestLog(); len(log) != 3 || log[0].Method != http.MethodGet || log[0].Status != 404 || log[0].BodyEncoding != "" {
		t.Errorf("log = %+v", log)
	}
	if n := s.Requests("/oauth/access"); n != 1 {
		t.Errorf("Requests(/oauth/access) = %d", n)
	}
	if n := s.Requests("/nope"); n != 1 {
		t.Errorf("Requests(/nope) = %d", n)
	}
}

func TestTokenFormat(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	s := NewTestServer(t, Options{Now: clock.Now})
	tok := mustToken(t, s, demoSnake()...)

	rest, ok := strings.CutPrefix(tok, "OauthNG.JWS.")
	if !ok {
		t.Fatalf("token %q", tok)
	}
	parts := strings.Split(rest, ".")
	if len(parts) != 3 {
		t.Fatalf("token has %d parts after the prefix", len(parts))
	}
	for i, p := range parts {
		if strings.ContainsAny(p, "+/=") {
			t.Errorf("part %d is not unpadded base64url: %q", i, p)
		}
	}
	hdr := must(base64.RawURLEncoding.DecodeString(parts[0]))
	if string(hdr) != `{"kid":"mock","alg":"HS256"}` {
		t.Errorf("header = %s", hdr)
	}
	if sig := must(base64.RawURLEncoding.DecodeString(parts[2])); len(sig) != 32 {
		t.Errorf("signature is %d bytes", len(sig))
	}

	var payload map[string]any
	if err := json.Unmarshal(must(base64.RawURLEncoding.DecodeString(parts[1])), &payload); err != nil {
		t.Fatal(err)
	}
	if len(payload) != 3 {
		t.Errorf("payload keys = %v, want data, iat, exp", payload)
	}
	iat, _ := payload["iat"].(float64)
	exp, _ := payload["exp"].(float64)
	if exp-iat != 14400 || int64(iat) != testEpoch.Unix() {
		t.Errorf("iat %v exp %v", iat, exp)
	}
	dataStr, ok := payload["data"].(string)
	if !ok {
		t.Fatalf("data is %T, want a JSON string", payload["data"])
	}
	var data map[string]map[string]any
	if err := json.Unmarshal([]byte(dataStr), &data); err != nil {
		t.Fatal(err)
	}
	inst := data["instance"]
	for k, v := range map[string]any{
		"instanceId":     DemoInstanceID,
		"appDefId":       DemoClientID,
		"metaSiteId":     DemoSiteID,
		"siteOwnerId":    DemoAccountID,
		"signDate":       "2025-05-07T15:34:27.000Z",
		"expirationDate": "2025-05-07T19:34:27.000Z",
		"demoMode":       false,
		"permissions":    "",
	} {
		if inst[k] != v {
			t.Errorf("data.instance.%s = %v, want %v", k, inst[k], v)
		}
	}

	p, d, err := DecodeAccessToken(tok)
	if err != nil || p.ExpiresAt-p.IssuedAt != ExpiresInSeconds || d.Instance.InstanceID != DemoInstanceID {
		t.Errorf("DecodeAccessToken = %+v %+v %v", p, d, err)
	}
}

func TestDecodeAccessTokenErrors(t *testing.T) {
	t.Parallel()
	b64 := base64.RawURLEncoding.EncodeToString
	for _, tok := range []string{
		"",
		"JWS.a.b.c",
		"OauthNG.JWS.",
		"OauthNG.JWS.a.b",
		"OauthNG.JWS.a.!!!.c",
		"OauthNG.JWS.a." + b64([]byte("[]")) + ".c",
		"OauthNG.JWS.a." + b64([]byte(`{"data":"nope"}`)) + ".c",
	} {
		if _, _, err := DecodeAccessToken(tok); err == nil {
			t.Errorf("DecodeAccessToken(%q) succeeded", tok)
		}
	}
}

func TestTokensUnique(t *testing.T) {
	t.Parallel()
	clock := newFakeClock() // frozen: every mint has the same iat
	s := NewTestServer(t, Options{Now: clock.Now})
	seen := map[string]bool{}
	for range 20 {
		tok := mustToken(t, s, demoSnake()...)
		if seen[tok] {
			t.Fatalf("token minted twice: %s", tok)
		}
		seen[tok] = true
	}

	// Two apps on one instance ID get different tokens, each naming its app.
	a := mustToken(t, s, "grant_type", "client_credentials", "client_id", DemoClientID, "client_secret", DemoClientSecret, "instance_id", DemoInstanceID)
	b := mustToken(t, s, "grant_type", "client_credentials", "client_id", SecondClientID, "client_secret", SecondClientSecret, "instance_id", DemoInstanceID)
	if a == b {
		t.Fatal("two apps on one instance got the same token")
	}
	ia, _ := s.LookupToken(a)
	ib, _ := s.LookupToken(b)
	if ia.ClientID != DemoClientID || ib.ClientID != SecondClientID || ia.InstanceID != ib.InstanceID {
		t.Errorf("tokens: %+v, %+v", ia, ib)
	}
	if _, ok := s.LookupToken(a + "x"); ok {
		t.Error("LookupToken accepted a tampered token")
	}
}

func TestTokenConcurrent(t *testing.T) {
	t.Parallel()
	s := NewTestServer(t, Options{})
	const n = 64
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		toks = map[string]bool{}
	)
	for i := range n {
		wg.Go(func() {
			body := jsonBody(demoSnake()...)
			if i%2 == 1 {
				body = jsonBody(demoCamel()...)
			}
			r := postToken(t, s, "application/json", body)
			if r.status != http.StatusOK {
				t.Errorf("status %d", r.status)
				return
			}
			var tr TokenResponse
			_ = json.Unmarshal([]byte(r.body), &tr)
			mu.Lock()
			toks[tr.AccessToken] = true
			mu.Unlock()
		})
	}
	wg.Wait()
	if len(toks) != n {
		t.Errorf("%d distinct tokens, want %d", len(toks), n)
	}
	if s.TokenRequests() != n || len(s.IssuedTokens()) != n || len(s.TokenRequestLog()) != n || s.Requests(TokenPath) != n {
		t.Errorf("counters: requests %d issued %d log %d", s.TokenRequests(), len(s.IssuedTokens()), len(s.TokenRequestLog()))
	}
	for _, tok := range s.IssuedTokens() {
		if !toks[tok] {
			t.Errorf("IssuedTokens has a token no client received")
		}
	}
}

func TestTokenServeHTTPDirect(t *testing.T) {
	t.Parallel()
	// The server also works as a plain handler, without Start.
	s := New(Options{})
	rec := newRecorder()
	req := newRequest(http.MethodPost, TokenPath, "application/json", jsonBody(demoCamel()...))
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d body %s", rec.Code, rec.Body)
	}
	if s.URL() != "" {
		t.Errorf("URL before Start = %q", s.URL())
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close of an unstarted server: %v", err)
	}
}
