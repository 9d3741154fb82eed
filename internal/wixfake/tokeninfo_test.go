// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wixfake

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestTokenInfo(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	s := NewTestServer(t, Options{Now: clock.Now})
	native := NewTestServer(t, Options{Now: clock.Now, TokenInfoNativeTypes: true})
	strict := NewTestServer(t, Options{Now: clock.Now, TokenInfoRejectExpired: true})
	demo := mustToken(t, s, demoSnake()...)
	headless := mustToken(t, s, "grant_type", "client_credentials", "client_id", HeadlessClientID, "client_secret", HeadlessClientSecret)
	nativeTok := mustToken(t, native, demoSnake()...)
	strictTok := mustToken(t, strict, demoSnake()...)
	iat, exp := testEpoch.Unix(), testEpoch.Add(4*time.Hour).Unix()

	demoInfo := fmt.Sprintf(`{"active":"true","subjectType":"APP","subjectId":"%s","exp":"%d","iat":"%d","clientId":"%s","accountId":"%s","siteId":"%s","instanceId":"%s"}`,
		DemoClientID, exp, iat, DemoClientID, DemoAccountID, DemoSiteID, DemoInstanceID)
	missing := `{"message":"token must not be empty","details":{"validationError":{"fieldViolations":[{"field":"token","description":"must not be empty","violatedRule":"REQUIRED_FIELD"}]}}}`
	invalid := `{"message":"Invalid token","details":{"applicationError":{"code":"INVALID_TOKEN","description":"token is not an access token issued by this server","data":{}}}}`

	tests := []struct {
		name        string
		srv         *Server
		advance     time.Duration
		contentType string
		body        string
		wantStatus  int
		wantBody    string
	}{
		{"JSON", s, 0, "application/json", jsonBody("token", demo), 200, demoInfo},
		{"no Content-Type", s, 0, "", jsonBody("token", demo), 200, demoInfo},
		{"JSON labelled as a form, as the docs' curl sends it", s, 0, "application/x-www-form-urlencoded", jsonBody("token", demo), 200, demoInfo},
		{"form body", s, 0, "application/x-www-form-urlencoded", "token=" + demo, 400,
			wixBody("request body is not a valid JSON object", "INVALID_ARGUMENT", "request body is not a valid JSON object")},
		{"token without an instance", s, 0, "application/json", jsonBody("token", headless), 200,
			fmt.Sprintf(`{"active":"true","subjectType":"APP","subjectId":"%s","exp":"%d","iat":"%d","clientId":"%s","siteId":"%s"}`,
				HeadlessClientID, exp, iat, HeadlessClientID, HeadlessSiteID)},
		{"native types", native, 0, "application/json", jsonBody("token", nativeTok), 200,
			fmt.Sprintf(`{"active":true,"subjectType":"APP","subjectId":"%s","exp":%d,"iat":%d,"clientId":"%s","accountId":"%s","siteId":"%s","instanceId":"%s"}`,
				DemoClientID, exp, iat, DemoClientID, DemoAccountID, DemoSiteID, DemoInstanceID)},
		{"last valid second", s, 4*time.Hour - time.Second, "application/json", jsonBody("token", demo), 200, demoInfo},
		{"expired", s, 4 * time.Hour, "application/json", jsonBody("token", demo), 200, `{"active":"false"}`},
		{"expired, native types", native, 4 * time.Hour, "application/json", jsonBody("token", nativeTok), 200, `{"active":false}`},
		{"expired, rejected", strict, 4 * time.Hour, "application/json", jsonBody("token", strictTok), 401,
			`{"message":"Token expired","details":{"applicationError":{"code":"UNAUTHENTICATED","description":"the access token has expired","data":{}}}}`},
		{"unknown token", s, 0, "application/json", jsonBody("token", "OauthNG.JWS.e30.e30.c2ln"), 400, invalid},
		{"token of another server", s, 0, "application/json", jsonBody("token", nativeTok), 400, invalid},
		{"malformed token", s, 0, "application/json", jsonBody("token", "garbage"), 400, invalid},
		{"client secret as token is not echoed", s, 0, "application/json", jsonBody("token", DemoClientSecret), 400, invalid},
		{"token missing", s, 0, "application/json", `{}`, 400, missing},
		{"token empty", s, 0, "application/json", jsonBody("token", ""), 400, missing},
		{"token null", s, 0, "application/json", `{"token":null}`, 400, missing},
		{"unparseable", s, 0, "application/json", `{"token":`, 400,
			`{"message":"request body is not a valid JSON object","details":{"applicationError":{"code":"INVALID_ARGUMENT","description":"request body is not a valid JSON object","data":{}}}}`},
		{"empty body", s, 0, "application/json", ``, 400,
			`{"message":"request body is empty","details":{"applicationError":{"code":"INVALID_ARGUMENT","description":"request body is empty","data":{}}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock.Advance(tt.advance)
			defer clock.Advance(-tt.advance)
			r := do(t, nil, http.MethodPost, tt.srv.URL()+TokenInfoPath, tt.contentType, tt.body, nil)
			assertStatus(t, r, tt.wantStatus)
			assertJSON(t, r.body, tt.wantBody)
			if ct := r.header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type = %q", ct)
			}
			if tt.wantStatus == 200 && r.header.Get("Cache-Control") != "no-store" {
				t.Errorf("Cache-Control = %q", r.header.Get("Cache-Control"))
			}
		})
	}
	if r := do(t, nil, http.MethodGet, s.URL()+TokenInfoPath+"?token="+demo, "", "", nil); r.status != 404 || !strings.Contains(r.body, "<html") {
		t.Errorf("GET token-info: %d %s", r.status, r.body)
	}
	if s.TokenRequests() != 2 {
		t.Errorf("token-info calls counted as token requests: %d", s.TokenRequests())
	}
}
