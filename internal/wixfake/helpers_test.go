// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wixfake

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// testEpoch is the fake clock's starting time.
var testEpoch = time.Date(2025, 5, 7, 15, 34, 27, 0, time.UTC)

// fakeClock is a settable clock for Options.Now.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{t: testEpoch} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// allSecrets are every fixture secret; no response may contain any of them.
var allSecrets = []string{DemoClientSecret, SecondClientSecret, HeadlessClientSecret, "fake-secret"}

func assertNoSecret(t *testing.T, where, s string) {
	t.Helper()
	for _, secret := range allSecrets {
		if strings.Contains(s, secret) {
			t.Errorf("%s contains a client secret", where)
		}
	}
}

// response is a fully read HTTP response.
type response struct {
	status int
	header http.Header
	body   string
}

// do sends a request to the server and reads the whole answer, checking that
// it never contains a secret.
func do(t *testing.T, client *http.Client, method, url, contentType, body string, header map[string]string) response {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	r := response{status: resp.StatusCode, header: resp.Header, body: string(b)}
	assertNoSecret(t, "response body", r.body)
	for k, vs := range resp.Header {
		assertNoSecret(t, "response header "+k, strings.Join(vs, ","))
	}
	return r
}

// postToken posts body to the token endpoint.
func postToken(t *testing.T, s *Server, contentType, body string) response {
	t.Helper()
	return do(t, nil, http.MethodPost, s.URL()+TokenPath, contentType, body, nil)
}

// jsonBody renders fields as a JSON object, keeping their order.
func jsonBody(kv ...string) string {
	var b strings.Builder
	b.WriteByte('{')
	for i := 0; i+1 < len(kv); i += 2 {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(kv[i])
		v, _ := json.Marshal(kv[i+1])
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.String()
}

// demoSnake is a valid snake_case request for the Demo App on DemoInstanceID.
func demoSnake() []string {
	return []string{"grant_type", "client_credentials", "client_id", DemoClientID, "client_secret", DemoClientSecret, "instance_id", DemoInstanceID}
}

// demoCamel is demoSnake with camelCase names.
func demoCamel() []string {
	return []string{"grantType", "client_credentials", "clientId", DemoClientID, "clientSecret", DemoClientSecret, "instanceId", DemoInstanceID}
}

// rfcBody is the RFC 6749 error body with code and desc.
func rfcBody(code, desc string) string {
	b, _ := json.Marshal(map[string]string{"error": code, "error_description": desc})
	return string(b)
}

// wixBody is the Wix standard error body with an application error.
func wixBody(message, code, desc string) string {
	return fmt.Sprintf(`{"message":%q,"details":{"applicationError":{"code":%q,"description":%q,"data":{}}}}`, message, code, desc)
}

// mustToken mints a token through HTTP and returns it.
func mustToken(t *testing.T, s *Server, kv ...string) string {
	t.Helper()
	r := postToken(t, s, "application/json", jsonBody(kv...))
	if r.status != http.StatusOK {
		t.Fatalf("mint: status %d, body %s", r.status, r.body)
	}
	var tr TokenResponse
	if err := json.Unmarshal([]byte(r.body), &tr); err != nil {
		t.Fatalf("mint: %v", err)
	}
	return tr.AccessToken
}

// assertJSON compares a JSON body with want, ignoring the trailing newline.
func assertJSON(t *testing.T, got, want string) {
	t.Helper()
	if strings.TrimSpace(got) != want {
		t.Errorf("body\n got: %s\nwant: %s", strings.TrimSpace(got), want)
	}
}

func assertStatus(t *testing.T, r response, want int) {
	t.Helper()
	if r.status != want {
		t.Fatalf("status = %d, want %d; body %s", r.status, want, r.body)
	}
}
