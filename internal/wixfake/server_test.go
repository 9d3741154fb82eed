// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wixfake

import (
	"encoding/json"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

func TestStartURLClose(t *testing.T) {
	t.Parallel()
	s := New(Options{})
	if err := s.Start(""); err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^http://127\.0\.0\.1:[0-9]+$`).MatchString(s.URL()) {
		t.Errorf("URL = %q", s.URL())
	}
	if err := s.Start(""); err == nil {
		t.Error("second Start succeeded")
	}
	if r := postToken(t, s, "application/json", jsonBody(demoSnake()...)); r.status != 200 {
		t.Errorf("status %d", r.status)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := http.Post(s.URL()+TokenPath, "application/json", strings.NewReader("{}")); err == nil {
		t.Error("server still answers after Close")
	}

	closed := New(Options{})
	_ = closed.Close()
	if err := closed.Start(""); err == nil {
		t.Error("Start after Close succeeded")
	}
}

func TestStartAddr(t *testing.T) {
	t.Parallel()
	s := New(Options{})
	if err := s.Start("0.0.0.0:0"); err != nil {
		t.Fatalf("listen on 0.0.0.0: %v", err)
	}
	defer s.Close()
	if !strings.HasPrefix(s.URL(), "http://127.0.0.1:") {
		t.Errorf("URL = %q, want a loopback URL", s.URL())
	}
	if r := postToken(t, s, "", jsonBody(demoSnake()...)); r.status != 200 {
		t.Errorf("status %d", r.status)
	}

	busy := New(Options{})
	host := strings.TrimPrefix(s.URL(), "http://")
	if _, port, _ := net.SplitHostPort(host); port != "" {
		if err := busy.Start("0.0.0.0:" + port); err == nil {
			busy.Close()
			t.Error("Start on a busy port succeeded")
		}
	}
}

func TestEmptyAppsMeansNoApps(t *testing.T) {
	t.Parallel()
	s := NewTestServer(t, Options{Apps: []App{}})
	r := postToken(t, s, "application/json", jsonBody(demoSnake()...))
	assertStatus(t, r, 401)
}

func TestOptionsAppsCopied(t *testing.T) {
	t.Parallel()
	apps := DefaultApps()
	s := NewTestServer(t, Options{Apps: apps})
	apps[0].ClientSecret = "changed"
	apps[0].Instances[0].Permissions[0] = "changed"
	apps[0].Instances[0].Site.InstalledWixApps[0] = "changed"
	tok := mustToken(t, s, demoSnake()...)
	apps[0].Instances[0].Removed = true
	r := do(t, nil, http.MethodGet, s.URL()+AppInstancePath, "", "", map[string]string{"Authorization": tok})
	assertStatus(t, r, 200)
	assertJSON(t, r.body, demoInstanceBody)
}

func TestStats(t *testing.T) {
	t.Parallel()
	s := NewTestServer(t, Options{})
	tok := mustToken(t, s, demoSnake()...)
	postToken(t, s, "application/json", jsonBody("grant_type", "client_credentials", "client_id", DemoClientID, "client_secret", "fake-secret-bad", "instance_id", DemoInstanceID))
	do(t, nil, http.MethodGet, s.URL()+AppInstancePath, "", "", map[string]string{"Authorization": tok})
	do(t, nil, http.MethodGet, s.URL()+AppInstancePath, "", "", nil)

	r := do(t, nil, http.MethodGet, s.URL()+statsPath, "", "", nil)
	assertStatus(t, r, 200)
	assertJSON(t, r.body, `{"token_requests":2,"issued_tokens":1,"protected_calls":2,"protected_authenticated":1}`)
	if strings.Contains(r.body, tok) {
		t.Error("stats contain a token")
	}
	var st Stats
	if err := json.Unmarshal([]byte(r.body), &st); err != nil || st != s.Stats() {
		t.Errorf("stats %+v vs %+v (%v)", st, s.Stats(), err)
	}
	if r := do(t, nil, http.MethodHead, s.URL()+statsPath, "", "", nil); r.status != 200 {
		t.Errorf("HEAD stats: %d", r.status)
	}
	s.InjectFault(statsPath, Fault{Status: 503})
	if r := do(t, nil, http.MethodGet, s.URL()+statsPath, "", "", nil); r.status != 503 {
		t.Errorf("faulted stats: %d", r.status)
	}
}

func TestErrorShape(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in   string
		want ErrorShape
		ok   bool
	}{{"rfc", ShapeRFC, true}, {"RFC", ShapeRFC, true}, {"wix", ShapeWix, true}, {"WIX", ShapeWix, true}, {"", ShapeRFC, false}, {"json", ShapeRFC, false}} {
		got, err := ParseErrorShape(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseErrorShape(%q) = %v, %v", tt.in, got, err)
		}
	}
	if ShapeRFC != 0 {
		t.Error("ShapeRFC must be the zero value")
	}
}

func TestRecordsAreCopies(t *testing.T) {
	t.Parallel()
	s := NewTestServer(t, Options{})
	tok := mustToken(t, s, demoSnake()...)
	do(t, nil, http.MethodGet, s.URL()+AppInstancePath, "", "", map[string]string{"Authorization": tok})
	s.IssuedTokens()[0] = "x"
	s.TokenRequestLog()[0].ClientID = "x"
	s.ProtectedCalls()[0].Token = "x"
	if s.IssuedTokens()[0] != tok || s.TokenRequestLog()[0].ClientID != DemoClientID || s.ProtectedCalls()[0].Token != tok {
		t.Error("accessors return shared slices")
	}
}

func TestMintForTest(t *testing.T) {
	s := New(Options{Now: newFakeClock().Now})
	tok := s.MintForTest(t, DemoClientID, DemoInstanceID2)
	it, ok := s.LookupToken(tok)
	if !ok || it.ClientID != DemoClientID || it.InstanceID != DemoInstanceID2 || it.GrantType != "client_credentials" || !it.ExpiresAt.Equal(testEpoch.Add(tokenLifetime)) {
		t.Fatalf("the minted token is known %v, as one for %s on %s by %s until %s; want the demo app on the second instance",
			ok, it.ClientID, it.InstanceID, it.GrantType, it.ExpiresAt)
	}
	if s.TokenRequests() != 0 || len(s.IssuedTokens()) != 1 {
		t.Errorf("%d token requests and %d issued tokens, want none and one", s.TokenRequests(), len(s.IssuedTokens()))
	}
}
