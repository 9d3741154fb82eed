// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wixfake

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestFaultStatusesAndBodies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		fault      Fault
		wantStatus int
		wantBody   string
		wantHeader map[string]string
	}{
		{"429 default body", Fault{Status: 429}, 429, rateLimitBody,
			map[string]string{"Content-Type": "application/json", "Retry-After": ""}},
		{"429 with Retry-After", Fault{Status: 429, Header: map[string]string{"Retry-After": "7"}}, 429, rateLimitBody,
			map[string]string{"Retry-After": "7"}},
		{"500 default body", Fault{Status: 500}, 500, "{}", map[string]string{"Content-Type": "application/json"}},
		{"503 default body", Fault{Status: 503}, 503, "{}", nil},
		{"504 default body", Fault{Status: 504}, 504, "{}", nil},
		{"zero status is 500", Fault{}, 500, "{}", nil},
		{"5xx wix system error body", Fault{Status: 503, Body: `{"message":"","details":{}}`}, 503, `{"message":"","details":{}}`, nil},
		{"hostile 200 html", Fault{Status: 200, Body: "<html>maintenance</html>", Header: map[string]string{"Content-Type": "text/html"}},
			200, "<html>maintenance</html>", map[string]string{"Content-Type": "text/html"}},
		{"hostile 200 empty", Fault{Status: 200}, 200, "", nil},
		{"hostile 200 token without expiry", Fault{Status: 200, Body: `{"access_token":"","token_type":"Bearer"}`}, 200,
			`{"access_token":"","token_type":"Bearer"}`, map[string]string{"Content-Type": "application/json"}},
		{"403 empty throttle", Fault{Status: 403}, 403, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := NewTestServer(t, Options{})
			s.InjectFault(TokenPath, tt.fault)
			r := postToken(t, s, "application/json", jsonBody(demoSnake()...))
			if r.status != tt.wantStatus || r.body != tt.wantBody {
				t.Errorf("got %d %q, want %d %q", r.status, r.body, tt.wantStatus, tt.wantBody)
			}
			for k, v := range tt.wantHeader {
				if got := r.header.Get(k); got != v {
					t.Errorf("header %s = %q, want %q", k, got, v)
				}
			}
			if r.header.Get("Date") == "" {
				t.Error("no Date header")
			}
			// The fault is used up: the next request is served normally.
			if r := postToken(t, s, "application/json", jsonBody(demoSnake()...)); r.status != http.StatusOK {
				t.Errorf("after the fault: %d %s", r.status, r.body)
			}
			if s.TokenRequests() != 2 || len(s.IssuedTokens()) != 1 {
				t.Errorf("TokenRequests %d, issued %d", s.TokenRequests(), len(s.IssuedTokens()))
			}
		})
	}
}

func TestFaultTimesAndQueue(t *testing.T) {
	t.Parallel()
	s := NewTestServer(t, Options{})
	s.InjectFault(TokenPath, Fault{Status: 503, Times: 2})
	s.InjectFault(TokenPath, Fault{Status: 429, Header: map[string]string{"Retry-After": "1"}})
	var got []int
	for range 4 {
		r := postToken(t, s, "application/json", jsonBody(demoSnake()...))
		got = append(got, r.status)
	}
	want := []int{503, 503, 429, 200}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("statuses = %v, want %v", got, want)
		}
	}
	if s.TokenRequests() != 4 || len(s.IssuedTokens()) != 1 {
		t.Errorf("TokenRequests %d issued %d", s.TokenRequests(), len(s.IssuedTokens()))
	}
	log := s.TokenRequestLog()
	for i, rec := range log {
		if rec.Status != want[i] || rec.ClientID != DemoClientID || !rec.SecretMatched {
			t.Errorf("log[%d] = %+v", i, rec)
		}
	}
}

func TestFaultOnlyMatchingPath(t *testing.T) {
	t.Parallel()
	s := NewTestServer(t, Options{})
	s.InjectFault(TokenInfoPath, Fault{Status: 500})
	if r := postToken(t, s, "application/json", jsonBody(demoSnake()...)); r.status != 200 {
		t.Fatalf("token endpoint faulted: %d", r.status)
	}
	r := do(t, nil, http.MethodPost, s.URL()+TokenInfoPath, "application/json", `{"token":"x"}`, nil)
	if r.status != 500 {
		t.Errorf("token-info status %d", r.status)
	}
	// Faults apply to unknown paths and any method too.
	s.InjectFault("/anything", Fault{Status: 302, Header: map[string]string{"Location": "https://elsewhere.example/"}})
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	r = do(t, noRedirect, http.MethodGet, s.URL()+"/anything", "", "", nil)
	if r.status != 302 || r.header.Get("Location") != "https://elsewhere.example/" {
		t.Errorf("redirect fault: %d %v", r.status, r.header)
	}
	if r = do(t, nil, http.MethodGet, s.URL()+"/anything", "", "", nil); r.status != 404 {
		t.Errorf("after the fault: %d", r.status)
	}
}

func TestFaultRedirectOnTokenPath(t *testing.T) {
	t.Parallel()
	s := NewTestServer(t, Options{})
	s.InjectFault(TokenPath, Fault{Status: http.StatusTemporaryRedirect, Header: map[string]string{"Location": "https://elsewhere.example/oauth2/token"}})
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	r := do(t, noRedirect, http.MethodPost, s.URL()+TokenPath, "application/json", jsonBody(demoSnake()...), nil)
	if r.status != 307 || r.header.Get("Location") != "https://elsewhere.example/oauth2/token" || r.body != "" {
		t.Errorf("got %d %v %q", r.status, r.header, r.body)
	}
}

func TestClearFaults(t *testing.T) {
	t.Parallel()
	s := NewTestServer(t, Options{})
	s.InjectFault(TokenPath, Fault{Status: 500, Times: 10})
	s.InjectFault(AppInstancePath, Fault{Status: 500})
	s.ClearFaults()
	if r := postToken(t, s, "application/json", jsonBody(demoSnake()...)); r.status != 200 {
		t.Errorf("token status %d after ClearFaults", r.status)
	}
	tok := mustToken(t, s, demoSnake()...)
	if r := do(t, nil, http.MethodGet, s.URL()+AppInstancePath, "", "", map[string]string{"Authorization": tok}); r.status != 200 {
		t.Errorf("Get App Instance status %d after ClearFaults", r.status)
	}
}

func TestFaultHeaderMapCopied(t *testing.T) {
	t.Parallel()
	s := NewTestServer(t, Options{})
	h := map[string]string{"Retry-After": "3"}
	s.InjectFault(TokenPath, Fault{Status: 429, Header: h})
	h["Retry-After"] = "999"
	if r := postToken(t, s, "", jsonBody(demoSnake()...)); r.header.Get("Retry-After") != "3" {
		t.Errorf("Retry-After = %q", r.header.Get("Retry-After"))
	}
}

func TestFaultHangHonoursClientTimeout(t *testing.T) {
	t.Parallel()
	s := NewTestServer(t, Options{})
	s.InjectFault(TokenPath, Fault{Hang: true})
	client := &http.Client{Timeout: 150 * time.Millisecond}
	start := time.Now()
	resp, err := client.Post(s.URL()+TokenPath, "application/json", strings.NewReader(jsonBody(demoSnake()...)))
	if err == nil {
		resp.Body.Close()
		t.Fatalf("hung request answered %d", resp.StatusCode)
	}
	if elapsed := time.Since(start); elapsed < 150*time.Millisecond {
		t.Errorf("gave up after %v", elapsed)
	}
	// The handler notices the client left and records no status.
	deadline := time.Now().Add(5 * time.Second)
	for len(s.TokenRequestLog()) == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if log := s.TokenRequestLog(); len(log) != 1 || log[0].Status != 0 {
		t.Errorf("log = %+v", log)
	}
	if r := postToken(t, s, "application/json", jsonBody(demoSnake()...)); r.status != 200 {
		t.Errorf("after the hang: %d", r.status)
	}
}

func TestFaultHangReleasedByClose(t *testing.T) {
	t.Parallel()
	s := New(Options{})
	if err := s.Start(""); err != nil {
		t.Fatal(err)
	}
	s.InjectFault(TokenPath, Fault{Hang: true})
	errc := make(chan error, 1)
	go func() {
		resp, err := http.Post(s.URL()+TokenPath, "application/json", strings.NewReader(jsonBody(demoSnake()...)))
		if err == nil {
			resp.Body.Close()
			err = errors.New("hung request got an answer: " + resp.Status)
		}
		errc <- err
	}()
	for s.TokenRequests() == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-errc:
		if err == nil || strings.Contains(err.Error(), "got an answer") {
			t.Errorf("client: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("request still hangs after Close")
	}
}

func TestFaultDelay(t *testing.T) {
	t.Parallel()
	s := NewTestServer(t, Options{})
	s.InjectFault(TokenPath, Fault{Status: 503, Delay: 100 * time.Millisecond})
	start := time.Now()
	r := postToken(t, s, "application/json", jsonBody(demoSnake()...))
	if r.status != 503 || time.Since(start) < 100*time.Millisecond {
		t.Errorf("status %d after %v", r.status, time.Since(start))
	}

	s.InjectFault(TokenPath, Fault{Status: 200, Delay: time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, s.URL()+TokenPath, strings.NewReader(jsonBody(demoSnake()...)))
	start = time.Now()
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("delayed request answered %d", resp.StatusCode)
	}
	if time.Since(start) > 10*time.Second {
		t.Errorf("cancel took %v", time.Since(start))
	}
}

func TestLatency(t *testing.T) {
	t.Parallel()
	s := NewTestServer(t, Options{Latency: 80 * time.Millisecond})
	start := time.Now()
	if r := postToken(t, s, "application/json", jsonBody(demoSnake()...)); r.status != 200 {
		t.Fatalf("status %d", r.status)
	}
	if d := time.Since(start); d < 80*time.Millisecond {
		t.Errorf("answered after %v, want >= 80ms", d)
	}
	// Latency applies to faulted token requests too.
	s.InjectFault(TokenPath, Fault{Status: 429})
	start = time.Now()
	if r := postToken(t, s, "application/json", jsonBody(demoSnake()...)); r.status != 429 || time.Since(start) < 80*time.Millisecond {
		t.Errorf("fault: %d after %v", r.status, time.Since(start))
	}
	// Latency does not apply to Get App Instance or Token Info: with an
	// hour of it, both still answer within the client's 10 seconds.
	slow := NewTestServer(t, Options{Latency: time.Hour})
	patient := &http.Client{Timeout: 10 * time.Second}
	assertStatus(t, do(t, patient, http.MethodGet, slow.URL()+AppInstancePath, "", "", nil), 401)
	assertStatus(t, do(t, patient, http.MethodPost, slow.URL()+TokenInfoPath, "", `{"token":"x"}`, nil), 400)
	// A client that gives up during the latency gets no answer and no token.
	client := &http.Client{Timeout: 20 * time.Millisecond}
	if resp, err := client.Post(s.URL()+TokenPath, "application/json", strings.NewReader(jsonBody(demoSnake()...))); err == nil {
		resp.Body.Close()
		t.Fatalf("answered %d within the client timeout", resp.StatusCode)
	}
	deadline := time.Now().Add(5 * time.Second)
	for len(s.TokenRequestLog()) < 3 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if log := s.TokenRequestLog(); len(log) != 3 || log[2].Status != 0 {
		t.Errorf("log = %+v", log)
	}
	if n := len(s.IssuedTokens()); n != 1 {
		t.Errorf("issued %d tokens", n)
	}
}
