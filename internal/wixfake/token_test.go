// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wixfake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestTokenSuccess(t *testing.T) {
	t.Parallel()
	type want struct {
		clientID, instanceID, siteID, accountID string
		hasInstanceID                           bool
		fields                                  []string
	}
	snakeFields := []string{"client_id", "client_secret", "grant_type", "instance_id"}
	camelFields := []string{"clientId", "clientSecret", "grantType", "instanceId"}
	demo := want{DemoClientID, DemoInstanceID, DemoSiteID, DemoAccountID, true, snakeFields}
	with := func(w want, f func(*want)) want { f(&w); return w }
	headless := want{HeadlessClientID, "", HeadlessSiteID, "", false, []string{"client_id", "client_secret", "grant_type"}}
	allowed := []App{{ClientID: "app", ClientSecret: "fake-secret-x", AllowNoInstance: true, SiteID: "site-x",
		Instances: []Instance{{InstanceID: "inst", SiteID: "site-i", AccountID: "acct"}}}}

	tests := []struct {
		name        string
		apps        []App
		contentType string
		body        string
		want        want
	}{
		{"snake_case JSON", nil, "application/json", jsonBody(demoSnake()...), demo},
		{"JSON with a charset", nil, "application/json; charset=utf-8", jsonBody(demoSnake()...), demo},
		{"whitespace and unknown fields", nil, "application/json",
			"\n {\"grant_type\": \"client_credentials\", \"client_id\": \"" + DemoClientID + "\", \"scope\": \"offline_access\", \"extra\": {\"n\": [1, 2]},\n \"client_secret\": \"" + DemoClientSecret + "\", \"instance_id\": \"" + DemoInstanceID + "\"} \n",
			with(demo, func(w *want) {
				w.fields = []string{"client_id", "client_secret", "extra", "grant_type", "instance_id", "scope"}
			})},
		{"second instance", nil, "application/json",
			jsonBody("grant_type", "client_credentials", "client_id", DemoClientID, "client_secret", DemoClientSecret, "instance_id", DemoInstanceID2),
			with(demo, func(w *want) { w.instanceID, w.siteID = DemoInstanceID2, DemoSiteID2 })},
		{"second app on the shared instance", nil, "application/json",
			jsonBody("grant_type", "client_credentials", "client_id", SecondClientID, "client_secret", SecondClientSecret, "instance_id", DemoInstanceID),
			with(demo, func(w *want) { w.clientID = SecondClientID })},
		{"second app on its own instance", nil, "application/json",
			jsonBody("grant_type", "client_credentials", "client_id", SecondClientID, "client_secret", SecondClientSecret, "instance_id", SecondOnlyInstanceID),
			with(demo, func(w *want) {
				w.clientID, w.instanceID, w.siteID = SecondClientID, SecondOnlyInstanceID, "bbbbbbbb-0000-4000-8000-000000000003"
			})},
		{"camelCase JSON", nil, "application/json", jsonBody(demoCamel()...),
			with(demo, func(w *want) { w.fields = camelFields })},
		{"mixed spellings", nil, "application/json",
			jsonBody("grant_type", "client_credentials", "clientId", DemoClientID, "client_secret", DemoClientSecret, "instanceId", DemoInstanceID),
			with(demo, func(w *want) { w.fields = []string{"clientId", "client_secret", "grant_type", "instanceId"} })},
		{"both spellings agreeing", nil, "application/json", jsonBody(append(demoSnake(), "clientId", DemoClientID)...),
			with(demo, func(w *want) { w.fields = append([]string{"clientId"}, snakeFields...) })},
		{"no Content-Type", nil, "", jsonBody(demoSnake()...), demo},
		{"text/plain, as fetch sends it", nil, "text/plain;charset=UTF-8", jsonBody(demoCamel()...),
			with(demo, func(w *want) { w.fields = camelFields })},
		{"JSON labelled as a form, as curl -d sends it", nil, "application/x-www-form-urlencoded", jsonBody(demoSnake()...), demo},
		{"headless client without an instance", nil, "application/json",
			jsonBody("grant_type", "client_credentials", "client_id", HeadlessClientID, "client_secret", HeadlessClientSecret), headless},
		{"headless client with an empty instance", nil, "application/json",
			jsonBody("grant_type", "client_credentials", "client_id", HeadlessClientID, "client_secret", HeadlessClientSecret, "instance_id", ""),
			with(headless, func(w *want) { w.hasInstanceID, w.fields = true, snakeFields })},
		{"headless client with a null instance, camelCase", nil, "application/json",
			`{"grantType":"client_credentials","clientId":"` + HeadlessClientID + `","clientSecret":"` + HeadlessClientSecret + `","instanceId":null}`,
			with(headless, func(w *want) { w.hasInstanceID, w.fields = true, camelFields })},
		{"app allowed to mint without an instance", allowed, "application/json",
			jsonBody("grant_type", "client_credentials", "client_id", "app", "client_secret", "fake-secret-x"),
			want{"app", "", "site-x", "", false, []string{"client_id", "client_secret", "grant_type"}}},
		{"app allowed to mint without an instance, given one", allowed, "application/json",
			jsonBody("grant_type", "client_credentials", "client_id", "app", "client_secret", "fake-secret-x", "instance_id", "inst"),
			want{"app", "inst", "site-i", "acct", true, snakeFields}},
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
				t.Fatalf("the access_token (%d characters) lacks the OauthNG.JWS. prefix", len(tok))
			}

			it, ok := s.LookupToken(tok)
			if !ok {
				t.Fatal("LookupToken does not know the minted token")
			}
			w := tt.want
			if it.ClientID != w.clientID || it.InstanceID != w.instanceID || it.SiteID != w.siteID || it.AccountID != w.accountID || it.GrantType != "client_credentials" {
				t.Errorf("token is %+v, want client %q instance %q site %q account %q", it, w.clientID, w.instanceID, w.siteID, w.accountID)
			}
			if !it.IssuedAt.Equal(testEpoch) || !it.ExpiresAt.Equal(testEpoch.Add(4*time.Hour)) {
				t.Errorf("issued %v expires %v", it.IssuedAt, it.ExpiresAt)
			}

			log := s.TokenRequestLog()
			if len(log) != 1 {
				t.Fatalf("log has %d records", len(log))
			}
			rec := log[0]
			if !slices.Equal(rec.Fields, w.fields) {
				t.Errorf("Fields = %q, want %q", rec.Fields, w.fields)
			}
			rec.Fields = nil
			wantRec := TokenRequestRecord{
				Path: TokenPath, Method: http.MethodPost, ContentType: tt.contentType, UserAgent: "wixfake-test/1", Accept: "application/json",
				GrantType: "client_credentials", ClientID: w.clientID, InstanceID: w.instanceID, HasInstanceID: w.hasInstanceID,
				SecretMatched: true, Status: http.StatusOK,
			}
			if fmt.Sprint(rec) != fmt.Sprint(wantRec) {
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
	const js = "application/json"
	// demoWith is the valid demo request with some fields changed, or
	// left out when the value is "<omit>".
	demoWith := func(kv ...string) string {
		base := demoSnake()
		var out []string
		for i := 0; i < len(base); i += 2 {
			v := base[i+1]
			for j := 0; j < len(kv); j += 2 {
				if kv[j] == base[i] {
					v = kv[j+1]
				}
			}
			if v != "<omit>" {
				out = append(out, base[i], v)
			}
		}
		for j := 0; j < len(kv); j += 2 {
			if !slices.Contains(base, kv[j]) {
				out = append(out, kv[j], kv[j+1])
			}
		}
		return jsonBody(out...)
	}
	noSecretApp := []App{{ClientID: "44444444-4444-4444-8444-444444444444", Name: "No Secret", AllowNoInstance: true, SiteID: "s"}}
	instanceNotFoundRFC := rfcBody("invalid_request", "instance_id does not identify an installation of this app")
	instanceNotFoundWix := wixBody("App instance not found", "NOT_FOUND", "instance_id does not identify an installation of this app")
	invalidJSON := rfcBody("invalid_request", "request body is not a valid JSON object")
	unsupported := rfcBody("unsupported_grant_type", "grant_type is not supported; this endpoint serves client_credentials")
	unknownClient := rfcBody("invalid_client", "client authentication failed: unknown client_id")
	wrongSecret := rfcBody("invalid_client", "client authentication failed: client_secret does not match")

	tests := []struct {
		name        string
		opts        Options
		contentType string
		body        string
		wantStatus  int
		wantBody    string
	}{
		{"empty body", Options{}, js, "", 400, rfcBody("invalid_request", "request body is empty")},
		{"blank body", Options{}, js, "  \n", 400, rfcBody("invalid_request", "request body is empty")},
		{"empty body without Content-Type", Options{}, "", "", 400, rfcBody("invalid_request", "request body is empty")},
		{"truncated JSON", Options{}, js, `{"grant_type":"client_credentials"`, 400, invalidJSON},
		{"JSON array", Options{}, js, `[{"grant_type":"client_credentials"}]`, 400, invalidJSON},
		{"JSON null", Options{}, js, `null`, 400, invalidJSON},
		{"trailing garbage", Options{}, js, jsonBody(demoSnake()...) + "x", 400, invalidJSON},
		{"two objects", Options{}, js, jsonBody(demoSnake()...) + "{}", 400, invalidJSON},
		{"form body", Options{}, "application/x-www-form-urlencoded",
			"grant_type=client_credentials&client_id=" + DemoClientID + "&client_secret=" + DemoClientSecret + "&instance_id=" + DemoInstanceID, 400, invalidJSON},
		{"non-string field", Options{}, js, `{"grant_type":"client_credentials","client_id":11111111}`, 400,
			rfcBody("invalid_request", "field client_id must be a string")},
		{"spellings that disagree", Options{}, js, demoWith("clientId", SecondClientID), 400,
			rfcBody("invalid_request", "field client_id is given in both spellings, with different values")},
		{"body too large", Options{}, js, `{"pad":"` + strings.Repeat("x", maxBodyBytes) + `"}`, 413,
			rfcBody("invalid_request", "request body exceeds 65536 bytes")},

		{"grant_type missing", Options{}, js, demoWith("grant_type", "<omit>"), 400, rfcBody("invalid_request", "grant_type is required")},
		{"grant_type empty", Options{}, js, demoWith("grant_type", ""), 400, rfcBody("invalid_request", "grant_type is required")},
		{"password grant", Options{}, js, demoWith("grant_type", "password"), 400, unsupported},
		{"anonymous grant", Options{}, js, jsonBody("grantType", "anonymous", "clientId", HeadlessClientID), 400, unsupported},
		{"legacy refresh_token grant", Options{}, js, demoWith("grant_type", "refresh_token", "refresh_token", "fake-refresh"), 400, unsupported},
		{"grant_type in the wrong case", Options{}, js, demoWith("grant_type", "Client_Credentials"), 400, unsupported},
		{"client_id missing", Options{}, js, demoWith("client_id", "<omit>"), 400, rfcBody("invalid_request", "client_id is required")},
		{"client_secret missing", Options{}, js, demoWith("client_secret", "<omit>"), 400, rfcBody("invalid_request", "client_secret is required")},
		{"client_secret empty", Options{}, js, demoWith("client_secret", ""), 400, rfcBody("invalid_request", "client_secret is required")},

		{"unknown client", Options{}, js, demoWith("client_id", "99999999-9999-4999-8999-999999999999"), 401, unknownClient},
		{"unknown client, answered 400", Options{InvalidClientStatus: 400}, js, demoWith("client_id", "99999999-9999-4999-8999-999999999999"), 400, unknownClient},
		{"client ID in the wrong case", Options{Apps: []App{{ClientID: "abc", ClientSecret: "fake-secret-abc", AllowNoInstance: true}}}, js,
			jsonBody("grant_type", "client_credentials", "client_id", "ABC", "client_secret", "fake-secret-abc"), 401, unknownClient},
		{"wrong secret", Options{}, js, demoWith("client_secret", "fake-secret-wrong"), 401, wrongSecret},
		{"another app's secret", Options{}, js, demoWith("client_secret", SecondClientSecret), 401, wrongSecret},
		{"a prefix of the secret", Options{}, js, demoWith("client_secret", DemoClientSecret[:10]), 401, wrongSecret},
		{"wrong secret, answered 400 whatever the shape", Options{InvalidClientStatus: 400, ErrorShape: ShapeWix}, js, demoWith("client_secret", "fake-secret-wrong"), 400, wrongSecret},
		{"client without a generated secret", Options{Apps: noSecretApp}, js,
			jsonBody("grant_type", "client_credentials", "client_id", noSecretApp[0].ClientID, "client_secret", "fake-secret-guess"), 401,
			rfcBody("invalid_client", "client authentication failed: no client secret has been generated for this client")},

		{"unknown instance", Options{}, js, demoWith("instance_id", "aaaaaaaa-0000-4000-8000-000000000099"), 400, instanceNotFoundRFC},
		{"instance ID that is not a GUID", Options{}, js, demoWith("instance_id", "not-a-guid"), 400, instanceNotFoundRFC},
		{"instance ID in the wrong case", Options{}, js, demoWith("instance_id", strings.ToUpper(DemoInstanceID)), 400, instanceNotFoundRFC},
		{"unknown instance, Wix shape", Options{ErrorShape: ShapeWix}, js, demoWith("instance_id", "aaaaaaaa-0000-4000-8000-000000000099"), 404, instanceNotFoundWix},
		{"another app's instance", Options{}, js, demoWith("instance_id", SecondOnlyInstanceID), 400, instanceNotFoundRFC},
		{"another app's instance, Wix shape", Options{ErrorShape: ShapeWix}, js, demoWith("instance_id", SecondOnlyInstanceID), 404, instanceNotFoundWix},
		{"instance the app was removed from", Options{}, js, demoWith("instance_id", RemovedInstanceID), 400, instanceNotFoundRFC},
		{"instance the app was removed from, Wix shape", Options{ErrorShape: ShapeWix}, js, demoWith("instance_id", RemovedInstanceID), 404, instanceNotFoundWix},
		{"headless client with an unknown instance", Options{}, js,
			jsonBody("grant_type", "client_credentials", "client_id", HeadlessClientID, "client_secret", HeadlessClientSecret, "instance_id", DemoInstanceID), 400, instanceNotFoundRFC},
		{"instance required", Options{}, js, demoWith("instance_id", "<omit>"), 400, rfcBody("invalid_request", "instance_id is required for this app")},
		{"instance required, empty, Wix shape", Options{ErrorShape: ShapeWix}, js, demoWith("instance_id", ""), 400,
			rfcBody("invalid_request", "instance_id is required for this app")},

		// A secret pasted into the wrong place is never echoed, and is
		// redacted in the request log.
		{"secret as client_id", Options{}, js, demoWith("client_id", DemoClientSecret), 401, unknownClient},
		{"secret as instance_id", Options{}, js, demoWith("instance_id", DemoClientSecret), 400, instanceNotFoundRFC},
		{"secret as grant_type", Options{}, js, demoWith("grant_type", DemoClientSecret), 400, unsupported},
		{"secret as a field name", Options{}, js, `{"` + DemoClientSecret + `":1,"grant_type":"client_credentials"}`, 400,
			rfcBody("invalid_request", "client_id is required")},
		{"secret in a non-string value", Options{}, js, `{"client_secret":["` + DemoClientSecret + `"]}`, 400,
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
			logText := fmt.Sprintf("%+v", log)
			assertNoSecret(t, "request log", logText)
			if strings.HasPrefix(tt.name, "secret as") && !strings.Contains(logText, "[REDACTED]") {
				t.Errorf("misplaced secret not redacted: %s", logText)
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

func TestWrongMethodOrPathIsHTML404(t *testing.T) {
	t.Parallel()
	s := NewTestServer(t, Options{})
	tests := []struct{ method, path string }{
		{http.MethodGet, TokenPath},
		{http.MethodPut, TokenPath},
		{http.MethodDelete, TokenPath},
		{http.MethodGet, TokenInfoPath},
		{http.MethodPost, AppInstancePath},
		{http.MethodPost, statsPath},
		{http.MethodPost, TokenPath + "/"},
		{http.MethodPost, "/oauth2/Token"},
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
	if log := s.TokenRequestLog(); len(log) != 3 || log[0].Method != http.MethodGet || log[0].Status != 404 || log[0].Fields != nil {
		t.Errorf("log = %+v", log)
	}
}

func TestTokensAreOpaqueAndUnique(t *testing.T) {
	t.Parallel()
	clock := newFakeClock() // frozen: every mint happens at the same second
	s := NewTestServer(t, Options{Now: clock.Now})
	shape := regexp.MustCompile(`^OauthNG\.JWS\.[A-Z2-7]{52}$`)
	seen := map[string]bool{}
	for range 20 {
		tok := mustToken(t, s, demoSnake()...)
		if !shape.MatchString(tok) {
			t.Fatalf("token %q is not the prefix and 52 random characters", tok)
		}
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
	if s.TokenRequests() != n || len(s.IssuedTokens()) != n || len(s.TokenRequestLog()) != n {
		t.Errorf("counters: requests %d issued %d log %d", s.TokenRequests(), len(s.IssuedTokens()), len(s.TokenRequestLog()))
	}
	for _, tok := range s.IssuedTokens() {
		if !toks[tok] {
			t.Errorf("IssuedTokens has a token no client received")
		}
	}
}

func TestServerWorksAsAPlainHandler(t *testing.T) {
	t.Parallel()
	s := New(Options{})
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, TokenPath, strings.NewReader(jsonBody(demoCamel()...))))
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
