// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wixfake

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestAppInstance(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	s := NewTestServer(t, Options{Now: clock.Now})
	demo := mustToken(t, s, demoSnake()...)
	second := mustToken(t, s, "grant_type", "client_credentials", "client_id", SecondClientID, "client_secret", SecondClientSecret, "instance_id", DemoInstanceID)
	headless := mustToken(t, s, "grant_type", "client_credentials", "client_id", HeadlessClientID, "client_secret", HeadlessClientSecret)

	demoBody := `{"instance":{"instanceId":"aaaaaaaa-0000-4000-8000-000000000001","appName":"Demo App","appVersion":"1.0.0","isFree":true},` +
		`"site":{"siteId":"bbbbbbbb-0000-4000-8000-000000000001","siteDisplayName":"Fake site bbbbbbbb-0000-4000-8000-000000000001","locale":"en"}}`
	unauth := func(msg, desc string) string {
		return wixBody(msg, "UNAUTHENTICATED", desc)
	}
	missing := unauth("Missing access token", "the request has no Authorization header with an access token")
	invalid := unauth("Invalid access token", "the access token is not valid")

	tests := []struct {
		name       string
		auth       *string
		wantStatus int
		wantBody   string
		wantToken  string
	}{
		{"bare token", ptr(demo), 200, demoBody, demo},
		{"Bearer token", ptr("Bearer " + demo), 200, demoBody, demo},
		{"lower-case bearer", ptr("bearer " + demo), 200, demoBody, demo},
		{"extra spaces", ptr("  Bearer   " + demo + " "), 200, demoBody, demo},
		{"second app, shared instance", ptr(second), 200,
			`{"instance":{"instanceId":"aaaaaaaa-0000-4000-8000-000000000001","appName":"Second App","appVersion":"1.0.0","isFree":true},` +
				`"site":{"siteId":"bbbbbbbb-0000-4000-8000-000000000001","siteDisplayName":"Fake site bbbbbbbb-0000-4000-8000-000000000001","locale":"en"}}`, second},
		{"headless token has no instance", ptr(headless), 200,
			`{"site":{"siteId":"bbbbbbbb-0000-4000-8000-000000000009","siteDisplayName":"Fake site bbbbbbbb-0000-4000-8000-000000000009","locale":"en"}}`, headless},
		{"missing header", nil, 401, missing, ""},
		{"empty header", ptr(""), 401, missing, ""},
		{"Bearer only", ptr("Bearer "), 401, missing, ""},
		{"unknown token", ptr("OauthNG.JWS.e30.e30.sig"), 401, invalid, ""},
		{"tampered token", ptr(demo + "A"), 401, invalid, ""},
		{"other scheme", ptr("Basic " + demo), 401, invalid, ""},
		{"token-type typo", ptr("Bearer: " + demo), 401, invalid, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(s.ProtectedCalls())
			h := map[string]string{}
			if tt.auth != nil {
				h["Authorization"] = *tt.auth
			}
			r := do(t, nil, http.MethodGet, s.URL()+AppInstancePath, "", "", h)
			assertStatus(t, r, tt.wantStatus)
			assertJSON(t, r.body, tt.wantBody)
			if ct := r.header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type = %q", ct)
			}
			calls := s.ProtectedCalls()
			if len(calls) != before+1 {
				t.Fatalf("%d calls recorded", len(calls)-before)
			}
			c := calls[len(calls)-1]
			wantAuth := ""
			if tt.auth != nil {
				wantAuth = strings.TrimSpace(*tt.auth) // net/http trims header values
			}
			if c.Path != AppInstancePath || c.Status != tt.wantStatus || c.Token != tt.wantToken || c.Authorization != wantAuth {
				t.Errorf("call = %+v", c)
			}
		})
	}

	// Expiry follows the injected clock: valid one second before, invalid at exp.
	clock.Advance(4*time.Hour - time.Second)
	r := do(t, nil, http.MethodGet, s.URL()+AppInstancePath, "", "", map[string]string{"Authorization": demo})
	assertStatus(t, r, 200)
	clock.Advance(time.Second)
	r = do(t, nil, http.MethodGet, s.URL()+AppInstancePath, "", "", map[string]string{"Authorization": "Bearer " + demo})
	assertStatus(t, r, 401)
	assertJSON(t, r.body, unauth("Access token expired", "the access token has expired; request a new one"))
	calls := s.ProtectedCalls()
	if c := calls[len(calls)-1]; c.Token != demo || c.Status != 401 {
		t.Errorf("expired call = %+v", c)
	}

	// A fresh mint after expiry works again.
	fresh := mustToken(t, s, demoCamel()...)
	r = do(t, nil, http.MethodGet, s.URL()+AppInstancePath, "", "", map[string]string{"Authorization": fresh})
	assertStatus(t, r, 200)

	st := s.Stats()
	// 6 successful calls in the table, one before expiry, one after the fresh mint.
	if st.ProtectedCalls != len(tests)+3 || st.ProtectedAuthenticated != 8 || st.IssuedTokens != 4 {
		t.Errorf("stats = %+v", st)
	}
}

func TestAppInstanceFaultAndMethod(t *testing.T) {
	t.Parallel()
	s := NewTestServer(t, Options{})
	tok := mustToken(t, s, demoSnake()...)
	s.InjectFault(AppInstancePath, Fault{Status: 429, Header: map[string]string{"Retry-After": "2"}})
	r := do(t, nil, http.MethodGet, s.URL()+AppInstancePath, "", "", map[string]string{"Authorization": tok})
	if r.status != 429 || r.header.Get("Retry-After") != "2" || r.body != DefaultRateLimitBody {
		t.Errorf("fault: %d %v %s", r.status, r.header, r.body)
	}
	r = do(t, nil, http.MethodGet, s.URL()+AppInstancePath, "", "", map[string]string{"Authorization": tok})
	assertStatus(t, r, 200)
	r = do(t, nil, http.MethodDelete, s.URL()+AppInstancePath, "", "", map[string]string{"Authorization": tok})
	assertStatus(t, r, 404)
	calls := s.ProtectedCalls()
	if len(calls) != 3 || calls[0].Status != 429 || calls[1].Status != 200 || calls[2].Status != 404 {
		t.Errorf("calls = %+v", calls)
	}
	if st := s.Stats(); st.ProtectedAuthenticated != 1 || st.ProtectedCalls != 3 {
		t.Errorf("stats = %+v", st)
	}
}

func ptr[T any](v T) *T { return &v }

func TestAppInstanceSecretAsTokenRedacted(t *testing.T) {
	t.Parallel()
	s := NewTestServer(t, Options{})
	r := do(t, nil, http.MethodGet, s.URL()+AppInstancePath, "", "", map[string]string{"Authorization": "Bearer " + DemoClientSecret})
	assertStatus(t, r, 401)
	if c := s.ProtectedCalls(); len(c) != 1 || c[0].Authorization != Redacted || c[0].Token != "" {
		t.Errorf("calls = %+v", c)
	}
}
