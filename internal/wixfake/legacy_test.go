// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wixfake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// postLegacy posts body to path and decodes a 200 answer.
func postLegacy(t *testing.T, s *Server, path, body string) (response, LegacyTokenResponse) {
	t.Helper()
	r := do(t, nil, http.MethodPost, s.URL()+path, "application/json", body, nil)
	var lr LegacyTokenResponse
	if r.status == http.StatusOK {
		var raw map[string]any
		if err := json.Unmarshal([]byte(r.body), &raw); err != nil || len(raw) != 2 {
			t.Fatalf("body %s: want exactly access_token and refresh_token (%v)", r.body, err)
		}
		_ = json.Unmarshal([]byte(r.body), &lr)
	}
	return r, lr
}

func refreshBody(clientID, secret, refreshToken string) string {
	return jsonBody("grant_type", "refresh_token", "client_id", clientID, "client_secret", secret, "refresh_token", refreshToken)
}

func codeBody(clientID, secret, code string) string {
	return jsonBody("grant_type", "authorization_code", "client_id", clientID, "client_secret", secret, "code", code)
}

func TestLegacyRefreshToken(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	s := NewTestServer(t, Options{Now: clock.Now})
	bodies := []struct{ path, body, instance string }{
		{LegacyTokenPath, refreshBody(DemoClientID, DemoClientSecret, DemoRefreshToken), DemoInstanceID},
		{LegacyTokenPath + "/", refreshBody(DemoClientID, DemoClientSecret, DemoRefreshToken), DemoInstanceID},
		{LegacyTokenPath, jsonBody("grantType", "refresh_token", "clientId", DemoClientID, "clientSecret", DemoClientSecret, "refreshToken", DemoRefreshToken2), DemoInstanceID2},
		{LegacyTokenPath, refreshBody(SecondClientID, SecondClientSecret, SecondRefreshToken), DemoInstanceID},
	}
	var tokens []string
	for _, b := range bodies {
		r, lr := postLegacy(t, s, b.path, b.body)
		assertStatus(t, r, 200)
		if r.header.Get("Cache-Control") != "no-store" || r.header.Get("Content-Type") != "application/json" {
			t.Errorf("headers %v", r.header)
		}
		it, ok := s.LookupToken(lr.AccessToken)
		if !ok || !strings.HasPrefix(lr.AccessToken, tokenPrefix) {
			t.Fatalf("access token %q unknown", lr.AccessToken)
		}
		var req map[string]string
		_ = json.Unmarshal([]byte(b.body), &req)
		if want := req["refresh_token"] + req["refreshToken"]; lr.RefreshToken != want {
			t.Errorf("refresh_token %q, want the one sent, %q", lr.RefreshToken, want)
		}
		if it.InstanceID != b.instance || it.GrantType != "refresh_token" || it.ExpiresAt.Sub(it.IssuedAt) != 300*time.Second {
			t.Errorf("token %+v", it)
		}
		tokens = append(tokens, lr.AccessToken)
	}
	if sorted := slices.Sorted(slices.Values(tokens)); len(slices.Compact(sorted)) != len(bodies) {
		t.Error("two refreshes returned the same access token")
	}
	if n := s.TokenRequests(); n != len(bodies) {
		t.Errorf("TokenRequests = %d", n)
	}
	log := s.TokenRequestLog()
	if log[1].Path != "/oauth/access/" || log[0].Path != LegacyTokenPath || log[0].GrantType != "refresh_token" || !log[0].SecretMatched ||
		!slices.Equal(log[0].Fields, []string{"client_id", "client_secret", "grant_type", "refresh_token"}) || log[0].HasInstanceID {
		t.Errorf("log = %+v", log)
	}

	// The access token lives five minutes, on the protected API and in Token Info.
	call := func() int {
		return do(t, nil, http.MethodGet, s.URL()+AppInstancePath, "", "", map[string]string{"Authorization": tokens[0]}).status
	}
	info := func() string {
		return do(t, nil, http.MethodPost, s.URL()+TokenInfoPath, "", jsonBody("token", tokens[0]), nil).body
	}
	if got := call(); got != 200 {
		t.Errorf("fresh legacy token: %d", got)
	}
	assertJSON(t, info(), fmt.Sprintf(`{"active":"true","subjectType":"APP","subjectId":%q,"exp":"%d","iat":"%d","clientId":%q,"accountId":%q,"siteId":%q,"instanceId":%q}`,
		DemoClientID, testEpoch.Add(300*time.Second).Unix(), testEpoch.Unix(), DemoClientID, DemoAccountID, DemoSiteID, DemoInstanceID))
	clock.Advance(299 * time.Second)
	if got := call(); got != 200 {
		t.Errorf("legacy token after 299s: %d", got)
	}
	clock.Advance(time.Second)
	if got := call(); got != 401 {
		t.Errorf("legacy token after 300s: %d", got)
	}
	assertJSON(t, info(), `{"active":"false"}`)

	// The refresh token itself never expires.
	if r, _ := postLegacy(t, s, LegacyTokenPath, refreshBody(DemoClientID, DemoClientSecret, DemoRefreshToken)); r.status != 200 {
		t.Errorf("refresh after the access token expired: %d %s", r.status, r.body)
	}
}

func TestLegacyAuthorizationCode(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	s := NewTestServer(t, Options{Now: clock.Now})
	badGrant := rfcBody("invalid_grant", "the code is unknown, expired, used or revoked, or was issued to another app")

	// Another app cannot use the code, and does not use it up.
	r, _ := postLegacy(t, s, LegacyTokenPath, codeBody(SecondClientID, SecondClientSecret, DemoAuthCode))
	assertStatus(t, r, 400)
	assertJSON(t, r.body, badGrant)

	clock.Advance(authCodeLifetime - time.Second)
	r, lr := postLegacy(t, s, LegacyTokenPath+"/", codeBody(DemoClientID, DemoClientSecret, DemoAuthCode))
	assertStatus(t, r, 200)
	if lr.RefreshToken != DemoRefreshToken {
		t.Errorf("refresh_token %q, want the installation's %q", lr.RefreshToken, DemoRefreshToken)
	}
	if it, ok := s.LookupToken(lr.AccessToken); !ok || it.InstanceID != DemoInstanceID || it.GrantType != "authorization_code" || it.ExpiresAt.Sub(it.IssuedAt) != legacyTokenLifetime {
		t.Errorf("token %+v", it)
	}
	// A code works once.
	r, _ = postLegacy(t, s, LegacyTokenPath, codeBody(DemoClientID, DemoClientSecret, DemoAuthCode))
	assertStatus(t, r, 400)
	assertJSON(t, r.body, badGrant)

	// A code expires ten minutes after the server was created.
	expired := NewTestServer(t, Options{Now: clock.Now})
	clock.Advance(authCodeLifetime)
	r, _ = postLegacy(t, expired, LegacyTokenPath, codeBody(DemoClientID, DemoClientSecret, DemoAuthCode))
	assertStatus(t, r, 400)
	assertJSON(t, r.body, badGrant)
}

func TestLegacyErrors(t *testing.T) {
	t.Parallel()
	unsupported := rfcBody("unsupported_grant_type", "grant_type is not supported; this endpoint serves authorization_code and refresh_token")
	refreshGrant := rfcBody("invalid_grant", "the refresh_token is unknown, expired, used or revoked, or was issued to another app")
	codeGrant := rfcBody("invalid_grant", "the code is unknown, expired, used or revoked, or was issued to another app")
	removedApps := DefaultApps()
	removedApps[0].Instances[0].Removed = true
	for _, tt := range []struct {
		name       string
		opts       Options
		body       string
		wantStatus int
		wantBody   string
	}{
		{"not JSON", Options{}, "grant_type=refresh_token", 400, rfcBody("invalid_request", "request body is not a valid JSON object")},
		{"grant_type missing", Options{}, jsonBody("client_id", DemoClientID), 400, rfcBody("invalid_request", "grant_type is required")},
		{"client_credentials grant", Options{}, jsonBody(demoSnake()...), 400, unsupported},
		{"client_id missing", Options{}, jsonBody("grant_type", "refresh_token", "refresh_token", DemoRefreshToken), 400, rfcBody("invalid_request", "client_id is required")},
		{"client_secret missing", Options{}, jsonBody("grant_type", "refresh_token", "client_id", DemoClientID, "refresh_token", DemoRefreshToken), 400,
			rfcBody("invalid_request", "client_secret is required")},
		{"wrong secret", Options{}, refreshBody(DemoClientID, "fake-secret-wrong", DemoRefreshToken), 401,
			rfcBody("invalid_client", "client authentication failed: client_secret does not match")},
		{"unknown client, answered 400", Options{InvalidClientStatus: 400}, refreshBody("nobody", "fake-secret-x", DemoRefreshToken), 400,
			rfcBody("invalid_client", "client authentication failed: unknown client_id")},
		{"refresh_token missing", Options{}, jsonBody("grant_type", "refresh_token", "client_id", DemoClientID, "client_secret", DemoClientSecret), 400,
			rfcBody("invalid_request", "refresh_token is required for the refresh_token grant")},
		{"unknown refresh token", Options{}, refreshBody(DemoClientID, DemoClientSecret, "fake-refresh-nope"), 400, refreshGrant},
		{"unknown refresh token, Wix shape makes no difference", Options{ErrorShape: ShapeWix}, refreshBody(DemoClientID, DemoClientSecret, "fake-refresh-nope"), 400, refreshGrant},
		{"another app's refresh token", Options{}, refreshBody(SecondClientID, SecondClientSecret, DemoRefreshToken), 400, refreshGrant},
		{"refresh token of an uninstalled app", Options{}, refreshBody(DemoClientID, DemoClientSecret, RemovedRefreshToken), 400, refreshGrant},
		{"code of an uninstalled app", Options{Apps: removedApps}, codeBody(DemoClientID, DemoClientSecret, DemoAuthCode), 400, codeGrant},
		{"code missing", Options{}, jsonBody("grant_type", "authorization_code", "client_id", DemoClientID, "client_secret", DemoClientSecret), 400,
			rfcBody("invalid_request", "code is required for the authorization_code grant")},
		{"refresh token given as a code", Options{}, codeBody(DemoClientID, DemoClientSecret, DemoRefreshToken), 400, codeGrant},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := NewTestServer(t, tt.opts)
			r, _ := postLegacy(t, s, LegacyTokenPath, tt.body)
			assertStatus(t, r, tt.wantStatus)
			assertJSON(t, r.body, tt.wantBody)
			if n := len(s.IssuedTokens()); n != 0 {
				t.Errorf("%d tokens issued", n)
			}
			if log := s.TokenRequestLog(); len(log) != 1 || log[0].Status != tt.wantStatus || log[0].Path != LegacyTokenPath {
				t.Errorf("log = %+v", log)
			}
		})
	}
}

func TestLegacyFaultsAndMethods(t *testing.T) {
	t.Parallel()
	s := NewTestServer(t, Options{Latency: 30 * time.Millisecond})
	body := refreshBody(DemoClientID, DemoClientSecret, DemoRefreshToken)
	// A fault for either spelling of the path applies to both.
	s.InjectFault(LegacyTokenPath+"/", Fault{Status: 503})
	s.InjectFault(LegacyTokenPath, Fault{Status: 429})
	start := time.Now()
	if r, _ := postLegacy(t, s, LegacyTokenPath, body); r.status != 503 || r.body != "{}" {
		t.Errorf("first: %d %s", r.status, r.body)
	}
	if time.Since(start) < 30*time.Millisecond {
		t.Error("latency not applied to the legacy endpoint")
	}
	if r, _ := postLegacy(t, s, LegacyTokenPath+"/", body); r.status != 429 || r.body != rateLimitBody {
		t.Errorf("second: %d %s", r.status, r.body)
	}
	if r, _ := postLegacy(t, s, LegacyTokenPath, body); r.status != 200 {
		t.Errorf("third: %d %s", r.status, r.body)
	}
	if r := do(t, nil, http.MethodGet, s.URL()+LegacyTokenPath, "", "", nil); r.status != 404 || !strings.Contains(r.body, "<html") {
		t.Errorf("GET: %d %s", r.status, r.body)
	}
	if st := s.Stats(); st.TokenRequests != 4 || st.IssuedTokens != 1 {
		t.Errorf("stats = %+v", st)
	}
}
