// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wix_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wixtf/terraform-provider-wix/internal/wix"
	"github.com/wixtf/terraform-provider-wix/internal/wixfake"
)

// epoch is the fake's clock in these tests: a whole second, so that the
// expiry computed from the Date header is exact.
var epoch = time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)

func fixedClock() time.Time { return epoch }

func newClient(t *testing.T, fake *wixfake.Server, mod func(*wix.Config)) *wix.Client {
	t.Helper()
	return mustClient(t, fake.URL(), func(cfg *wix.Config) {
		cfg.UserAgent = "terraform-provider-wix/test (+https://registry.terraform.io/providers/wixtf/wix) Terraform/1.99.0"
		cfg.RetryWaitMin = 5 * time.Millisecond
		cfg.RetryWaitMax = 20 * time.Millisecond
		if mod != nil {
			mod(cfg)
		}
	})
}

var demo = wix.Credentials{ClientID: wixfake.DemoClientID, ClientSecret: wixfake.DemoClientSecret, InstanceID: wixfake.DemoInstanceID}

func TestCreateAccessToken_RequestAndResult(t *testing.T) {
	fake := wixfake.NewTestServer(t, wixfake.Options{Now: fixedClock})
	c := newClient(t, fake, nil)

	tok, err := c.CreateAccessToken(context.Background(), demo)
	if err != nil {
		t.Fatalf("CreateAccessToken: %v", err)
	}
	issued, ok := fake.LookupToken(tok.AccessToken)
	if !ok {
		t.Fatal("the returned token is not one the fake issued")
	}
	if issued.ClientID != wixfake.DemoClientID || issued.InstanceID != wixfake.DemoInstanceID {
		t.Errorf("token minted for client %q instance %q, want the demo app and instance", issued.ClientID, issued.InstanceID)
	}
	if tok.TokenType != "Bearer" || tok.ExpiresIn != 14400 {
		t.Errorf("token_type %q expires_in %d, want Bearer 14400", tok.TokenType, tok.ExpiresIn)
	}
	if want := epoch.Add(4 * time.Hour); !tok.ExpiresAt.Equal(want) {
		t.Errorf("ExpiresAt %s, want %s (Date header + expires_in)", tok.ExpiresAt, want)
	}
	if tok.Attempts != 1 || len(tok.Warnings) != 0 {
		t.Errorf("attempts %d warnings %q, want 1 attempt and none", tok.Attempts, tok.Warnings)
	}

	log := fake.TokenRequestLog()
	if len(log) != 1 {
		t.Fatalf("%d token requests, want 1", len(log))
	}
	r := log[0]
	if r.Method != http.MethodPost || r.ContentType != "application/json" || r.Accept != "application/json" ||
		!slices.Equal(r.Fields, []string{"client_id", "client_secret", "grant_type", "instance_id"}) || r.GrantType != "client_credentials" ||
		!r.SecretMatched || !r.HasInstanceID || r.InstanceID != wixfake.DemoInstanceID {
		t.Errorf("unexpected request: %+v", r)
	}
	if !strings.HasPrefix(r.UserAgent, "terraform-provider-wix/test ") || !strings.Contains(r.UserAgent, "Terraform/1.99.0") {
		t.Errorf("User-Agent %q does not name the provider, its version and Terraform's", r.UserAgent)
	}
}

func TestCreateAccessToken_NoInstanceIDIsOmitted(t *testing.T) {
	fake := wixfake.NewTestServer(t, wixfake.Options{})
	c := newClient(t, fake, nil)
	tok, err := c.CreateAccessToken(context.Background(), wix.Credentials{ClientID: wixfake.HeadlessClientID, ClientSecret: wixfake.HeadlessClientSecret})
	if err != nil {
		t.Fatalf("CreateAccessToken: %v", err)
	}
	if issued, _ := fake.LookupToken(tok.AccessToken); issued.ClientID != wixfake.HeadlessClientID || issued.InstanceID != "" {
		t.Errorf("token minted for %s on %q, want the headless client without instance", issued.ClientID, issued.InstanceID)
	}
	if r := fake.TokenRequestLog()[0]; r.HasInstanceID || slices.Contains(r.Fields, "instance_id") || slices.Contains(r.Fields, "instanceId") {
		t.Errorf("the request carried an instance ID field (fields %q); it must be omitted", r.Fields)
	}
}

func TestCreateAccessToken_TokensDifferPerMint(t *testing.T) {
	fake := wixfake.NewTestServer(t, wixfake.Options{})
	c := newClient(t, fake, nil)
	a, err1 := c.CreateAccessToken(context.Background(), demo)
	b, err2 := c.CreateAccessToken(context.Background(), demo)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if a.AccessToken == b.AccessToken {
		t.Error("two mints returned the same token")
	}
}

func TestCreateAccessToken_Rejections(t *testing.T) {
	cases := []struct {
		name       string
		opts       wixfake.Options
		cr         wix.Credentials
		kind       wix.ErrorKind
		status     int
		code       string
		descSubstr string
	}{
		{"wrong secret", wixfake.Options{}, wix.Credentials{ClientID: wixfake.DemoClientID, ClientSecret: "wrong-secret-value", InstanceID: wixfake.DemoInstanceID},
			wix.KindInvalidClient, 401, "invalid_client", ""},
		{"wrong secret, 400 variant", wixfake.Options{InvalidClientStatus: 400}, wix.Credentials{ClientID: wixfake.DemoClientID, ClientSecret: "wrong-secret-value", InstanceID: wixfake.DemoInstanceID},
			wix.KindInvalidClient, 400, "invalid_client", ""},
		{"unknown client", wixfake.Options{}, wix.Credentials{ClientID: "99999999-9999-4999-8999-999999999999", ClientSecret: "x-secret-x", InstanceID: wixfake.DemoInstanceID},
			wix.KindInvalidClient, 401, "invalid_client", ""},
		{"unknown instance", wixfake.Options{}, wix.Credentials{ClientID: wixfake.DemoClientID, ClientSecret: wixfake.DemoClientSecret, InstanceID: "aaaaaaaa-0000-4000-8000-00000000dead"},
			wix.KindInstance, 400, "invalid_request", "instance"},
		{"unknown instance, Wix error shape", wixfake.Options{ErrorShape: wixfake.ShapeWix}, wix.Credentials{ClientID: wixfake.DemoClientID, ClientSecret: wixfake.DemoClientSecret, InstanceID: "aaaaaaaa-0000-4000-8000-00000000dead"},
			wix.KindInstance, 404, "NOT_FOUND", "instance"},
		{"instance of another app", wixfake.Options{}, wix.Credentials{ClientID: wixfake.DemoClientID, ClientSecret: wixfake.DemoClientSecret, InstanceID: wixfake.SecondOnlyInstanceID},
			wix.KindInstance, 400, "invalid_request", "instance"},
		{"app removed from instance", wixfake.Options{}, wix.Credentials{ClientID: wixfake.DemoClientID, ClientSecret: wixfake.DemoClientSecret, InstanceID: wixfake.RemovedInstanceID},
			wix.KindInstance, 400, "invalid_request", "instance"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fake := wixfake.NewTestServer(t, tc.opts)
			c := newClient(t, fake, nil)
			_, err := c.CreateAccessToken(context.Background(), tc.cr)
			var apiErr *wix.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("error %v (%T), want *wix.APIError", err, err)
			}
			if apiErr.Kind() != tc.kind || apiErr.StatusCode != tc.status || apiErr.Code != tc.code {
				t.Errorf("kind %d status %d code %q, want kind %d status %d code %q", apiErr.Kind(), apiErr.StatusCode, apiErr.Code, tc.kind, tc.status, tc.code)
			}
			if !strings.Contains(strings.ToLower(apiErr.Description), tc.descSubstr) {
				t.Errorf("description %q does not mention %q", apiErr.Description, tc.descSubstr)
			}
			if strings.Contains(err.Error(), tc.cr.ClientSecret) {
				t.Error("the error repeats the client secret")
			}
			if n := fake.TokenRequests(); n != 1 {
				t.Errorf("%d requests: a permanent rejection must not be retried", n)
			}
		})
	}
}

func TestCreateAccessToken_SecretEchoedByServerIsRedacted(t *testing.T) {
	fake := wixfake.NewTestServer(t, wixfake.Options{})
	fake.InjectFault(wix.TokenPath, wixfake.Fault{Status: 400, Body: `{"error":"invalid_request","error_description":"bad secret ` + wixfake.DemoClientSecret + `"}`})
	_, err := newClient(t, fake, nil).CreateAccessToken(context.Background(), demo)
	if err == nil || strings.Contains(err.Error(), wixfake.DemoClientSecret) || !strings.Contains(err.Error(), "[redacted]") {
		t.Errorf("error %q: want the echoed secret replaced by [redacted]", err)
	}
}

func TestCreateAccessToken_Retries(t *testing.T) {
	t.Run("5xx then success", func(t *testing.T) {
		fake := wixfake.NewTestServer(t, wixfake.Options{})
		fake.InjectFault(wix.TokenPath, wixfake.Fault{Status: 503, Times: 2})
		tok, err := newClient(t, fake, nil).CreateAccessToken(context.Background(), demo)
		if err != nil {
			t.Fatal(err)
		}
		if tok.Attempts != 3 || fake.TokenRequests() != 3 {
			t.Errorf("attempts %d, requests %d, want 3 and 3", tok.Attempts, fake.TokenRequests())
		}
	})
	t.Run("429 then success", func(t *testing.T) {
		fake := wixfake.NewTestServer(t, wixfake.Options{})
		fake.InjectFault(wix.TokenPath, wixfake.Fault{Status: 429})
		tok, err := newClient(t, fake, nil).CreateAccessToken(context.Background(), demo)
		if err != nil || tok.Attempts != 2 {
			t.Fatalf("err %v, want success after 2 attempts", err)
		}
	})
	t.Run("501 is not retried", func(t *testing.T) {
		fake := wixfake.NewTestServer(t, wixfake.Options{})
		fake.InjectFault(wix.TokenPath, wixfake.Fault{Status: 501, Times: 5})
		_, err := newClient(t, fake, nil).CreateAccessToken(context.Background(), demo)
		if wix.KindOf(err) != wix.KindServer || fake.TokenRequests() != 1 {
			t.Errorf("err %v after %d requests, want a server error after 1", err, fake.TokenRequests())
		}
	})
	t.Run("gives up after MaxRetries", func(t *testing.T) {
		fake := wixfake.NewTestServer(t, wixfake.Options{})
		fake.InjectFault(wix.TokenPath, wixfake.Fault{Status: 500, Times: 10, Body: `{"message":"","details":{}}`})
		_, err := newClient(t, fake, func(c *wix.Config) { c.MaxRetries = 2 }).CreateAccessToken(context.Background(), demo)
		var apiErr *wix.APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 500 || apiErr.Attempts != 3 || fake.TokenRequests() != 3 {
			t.Errorf("err %v after %d requests, want HTTP 500 after 3 attempts", err, fake.TokenRequests())
		}
	})
	t.Run("Retry-After beyond MaxWait stops at once", func(t *testing.T) {
		fake := wixfake.NewTestServer(t, wixfake.Options{})
		fake.InjectFault(wix.TokenPath, wixfake.Fault{Status: 429, Header: map[string]string{"Retry-After": "3600"}, Times: 3})
		start := time.Now()
		_, err := newClient(t, fake, func(c *wix.Config) { c.MaxWait = 2 * time.Second }).CreateAccessToken(context.Background(), demo)
		var apiErr *wix.APIError
		if !errors.As(err, &apiErr) || apiErr.Kind() != wix.KindRateLimited || apiErr.RetryAfter != time.Hour || fake.TokenRequests() != 1 {
			t.Errorf("err %v after %d requests, want rate-limited with Retry-After 1h after 1 request", err, fake.TokenRequests())
		}
		if elapsed := time.Since(start); elapsed >= 2*time.Second {
			t.Errorf("took %s: a wait that cannot fit in max_wait (2s) must not be started", elapsed)
		}
	})
	t.Run("Retry-After is waited for", func(t *testing.T) {
		fake := wixfake.NewTestServer(t, wixfake.Options{})
		fake.InjectFault(wix.TokenPath, wixfake.Fault{Status: 429, Header: map[string]string{"Retry-After": "1"}})
		start := time.Now()
		tok, err := newClient(t, fake, nil).CreateAccessToken(context.Background(), demo)
		if err != nil || tok.Attempts != 2 {
			t.Fatalf("err %v, want success on the second attempt", err)
		}
		// The backoff alone is 5-20ms in these tests: only Retry-After explains a 1s pause.
		if elapsed := time.Since(start); elapsed < 900*time.Millisecond {
			t.Errorf("retried after %s, before the 1s Wix asked for", elapsed)
		}
	})
	t.Run("Retry-After as HTTP date is honoured", func(t *testing.T) {
		fake := wixfake.NewTestServer(t, wixfake.Options{})
		fake.InjectFault(wix.TokenPath, wixfake.Fault{Status: 503, Header: map[string]string{"Retry-After": time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)}})
		_, err := newClient(t, fake, func(c *wix.Config) { c.MaxWait = 2 * time.Second }).CreateAccessToken(context.Background(), demo)
		if wix.KindOf(err) != wix.KindServer || fake.TokenRequests() != 1 {
			t.Errorf("err %v after %d requests: a Retry-After an hour away must not be waited for within a 2s budget", err, fake.TokenRequests())
		}
	})
}

func TestCreateAccessToken_HangingServerIsBounded(t *testing.T) {
	fake := wixfake.NewTestServer(t, wixfake.Options{})
	fake.InjectFault(wix.TokenPath, wixfake.Fault{Hang: true, Times: 10})
	c := newClient(t, fake, func(c *wix.Config) {
		c.RequestTimeout = 100 * time.Millisecond
		c.MaxRetries = 2
		c.MaxWait = 5 * time.Second
	})
	start := time.Now()
	_, err := c.CreateAccessToken(context.Background(), demo)
	elapsed := time.Since(start)
	var te *wix.TransportError
	if !errors.As(err, &te) || !te.Timeout || te.Attempts != 3 {
		t.Fatalf("err %v, want a timeout after 3 attempts", err)
	}
	// The bound under test: 3 attempts of 100ms plus short backoffs, far
	// below max_wait; the slack only absorbs a loaded machine.
	if elapsed > 5*time.Second {
		t.Errorf("took %s; the configured bound is max_wait = 5s", elapsed)
	}
}

// max_wait bounds the whole request even when every attempt hangs and
// retries remain.
func TestCreateAccessToken_MaxWaitBoundsHangingAttempts(t *testing.T) {
	fake := wixfake.NewTestServer(t, wixfake.Options{})
	fake.InjectFault(wix.TokenPath, wixfake.Fault{Hang: true, Times: 100})
	c := newClient(t, fake, func(c *wix.Config) {
		c.RequestTimeout = time.Minute
		c.MaxRetries = 10
		c.MaxWait = time.Second
	})
	start := time.Now()
	_, err := c.CreateAccessToken(context.Background(), demo)
	elapsed := time.Since(start)
	var te *wix.TransportError
	if !errors.As(err, &te) || !te.Timeout {
		t.Fatalf("err %v, want a timeout", err)
	}
	if fake.TokenRequests() != 1 {
		t.Errorf("%d requests; the one hanging attempt used up max_wait", fake.TokenRequests())
	}
	if elapsed > 3*time.Second {
		t.Errorf("took %s with max_wait = 1s", elapsed)
	}
}

func TestCreateAccessToken_Cancelled(t *testing.T) {
	fake := wixfake.NewTestServer(t, wixfake.Options{})
	fake.InjectFault(wix.TokenPath, wixfake.Fault{Hang: true, Times: 10})
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	_, err := newClient(t, fake, nil).CreateAccessToken(ctx, demo)
	var te *wix.TransportError
	if !errors.As(err, &te) || !strings.Contains(te.Error(), "cancelled") || fake.TokenRequests() != 1 {
		t.Fatalf("err %v after %d requests, want a cancelled request and no retry", err, fake.TokenRequests())
	}
}

func TestCreateAccessToken_RedirectNotFollowed(t *testing.T) {
	var hits atomic.Int32
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	t.Cleanup(elsewhere.Close)
	fake := wixfake.NewTestServer(t, wixfake.Options{})
	for _, status := range []int{301, 302, 307, 308} {
		fake.InjectFault(wix.TokenPath, wixfake.Fault{Status: status, Header: map[string]string{"Location": elsewhere.URL + "/steal"}})
		_, err := newClient(t, fake, nil).CreateAccessToken(context.Background(), demo)
		var apiErr *wix.APIError
		if !errors.As(err, &apiErr) || apiErr.Kind() != wix.KindRedirect || apiErr.Location != elsewhere.URL {
			t.Errorf("%d: err %v, want a refused redirect naming %s", status, err, elsewhere.URL)
		}
	}
	if hits.Load() != 0 {
		t.Errorf("the redirect target got %d requests; it must get none", hits.Load())
	}
}

func TestCreateAccessToken_BadSuccessBodies(t *testing.T) {
	const tokenLike = "OauthNG.JWS.secret-looking-token"
	cases := []struct {
		name, body, ct, reason string
	}{
		{"html", "<html><body>Sign in to the Wi-Fi</body></html>", "text/html", "HTML page"},
		{"garbage", "\x00\x01garbage " + tokenLike, "application/json", "not a JSON object"},
		{"empty", "", "application/json", "body is empty"},
		{"no token", `{"token_type":"Bearer","expires_in":14400}`, "", "no access_token"},
		{"empty token", `{"access_token":"  ","token_type":"Bearer","expires_in":14400}`, "", "access_token is empty"},
		{"token with newline", `{"access_token":"abc\ndef","expires_in":14400}`, "", "cannot go in an HTTP header"},
		{"missing expires_in", `{"access_token":"` + tokenLike + `","token_type":"Bearer"}`, "", "no expires_in"},
		{"zero expires_in", `{"access_token":"` + tokenLike + `","expires_in":0}`, "", "expires_in is 0"},
		{"negative expires_in", `{"access_token":"` + tokenLike + `","expires_in":-60}`, "", "expires_in is -60"},
		{"absurd expires_in", `{"access_token":"` + tokenLike + `","expires_in":99999999999}`, "", "longer than the 2592000-second maximum"},
		{"fractional expires_in", `{"access_token":"` + tokenLike + `","expires_in":1.5}`, "", "not a whole number"},
		{"array", `[1,2,3]`, "", "not a JSON object"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fake := wixfake.NewTestServer(t, wixfake.Options{})
			h := map[string]string{}
			if tc.ct != "" {
				h["Content-Type"] = tc.ct
			}
			fake.InjectFault(wix.TokenPath, wixfake.Fault{Status: 200, Body: tc.body, Header: h})
			_, err := newClient(t, fake, nil).CreateAccessToken(context.Background(), demo)
			var re *wix.ResponseError
			if !errors.As(err, &re) || !strings.Contains(re.Reason, tc.reason) {
				t.Fatalf("err %v, want a ResponseError saying %q", err, tc.reason)
			}
			if strings.Contains(err.Error(), tokenLike) {
				t.Error("the error quotes the response body")
			}
			if fake.TokenRequests() != 1 {
				t.Errorf("%d requests; a bad 200 must not be retried", fake.TokenRequests())
			}
		})
	}
}

func TestCreateAccessToken_TolerantSuccessBodies(t *testing.T) {
	cases := []struct {
		name, body, tokenType string
		warn                  bool
	}{
		{"expires_in as string", `{"access_token":"tok-1","token_type":"Bearer","expires_in":"14400"}`, "Bearer", false},
		{"no token_type", `{"access_token":"tok-1","expires_in":14400}`, "Bearer", false},
		{"lower-case bearer", `{"access_token":"tok-1","token_type":"bearer","expires_in":14400}`, "bearer", false},
		{"other token_type", `{"access_token":"tok-1","token_type":"MAC","expires_in":14400}`, "MAC", true},
		{"extra fields", `{"access_token":"tok-1","token_type":"Bearer","expires_in":14400,"refresh_token":null,"scope":"x"}`, "Bearer", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fake := wixfake.NewTestServer(t, wixfake.Options{})
			fake.InjectFault(wix.TokenPath, wixfake.Fault{Status: 200, Body: tc.body})
			tok, err := newClient(t, fake, nil).CreateAccessToken(context.Background(), demo)
			if err != nil {
				t.Fatal(err)
			}
			if tok.AccessToken != "tok-1" || tok.ExpiresIn != 14400 || tok.TokenType != tc.tokenType || (len(tok.Warnings) > 0) != tc.warn {
				t.Errorf("got type %q expires %d warnings %q", tok.TokenType, tok.ExpiresIn, tok.Warnings)
			}
		})
	}
}

func TestCreateAccessToken_BodyOverCap(t *testing.T) {
	fake := wixfake.NewTestServer(t, wixfake.Options{})
	fake.InjectFault(wix.TokenPath, wixfake.Fault{Status: 200, Body: `{"access_token":"` + strings.Repeat("a", wix.MaxResponseBytes) + `","expires_in":14400}`})
	_, err := newClient(t, fake, nil).CreateAccessToken(context.Background(), demo)
	if wix.KindOf(err) != wix.KindBadResponse || !strings.Contains(err.Error(), "larger than 1048576 bytes") {
		t.Fatalf("err %v, want the read cap to refuse the body", err)
	}
}

func TestCreateAccessToken_ConnectionRefused(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close() // nothing listens there any more
	c := mustClient(t, srv.URL, func(c *wix.Config) {
		c.MaxRetries, c.RetryWaitMin, c.RetryWaitMax = 1, time.Millisecond, time.Millisecond
	})
	_, err := c.CreateAccessToken(context.Background(), demo)
	var te *wix.TransportError
	if !errors.As(err, &te) || te.Timeout || te.TLS || te.Attempts != 2 || !strings.Contains(te.Error(), "refused") {
		t.Fatalf("err %v, want a refused connection after 2 attempts", err)
	}
}

func TestCreateAccessToken_TLS(t *testing.T) {
	fake := wixfake.New(wixfake.Options{})
	srv := httptest.NewTLSServer(fake)
	t.Cleanup(srv.Close)
	untrusted := mustClient(t, srv.URL, nil)
	_, err := untrusted.CreateAccessToken(context.Background(), demo)
	var te *wix.TransportError
	if !errors.As(err, &te) || !te.TLS || te.Attempts != 1 {
		t.Fatalf("err %v, want a TLS failure that is not retried", err)
	}

	pem := certPEM(t, srv)
	tr, err := wix.NewTransport(wix.TransportOptions{CABundlePEM: pem})
	if err != nil {
		t.Fatal(err)
	}
	trusted := mustClient(t, srv.URL, func(c *wix.Config) { c.Transport = tr })
	if _, err := trusted.CreateAccessToken(context.Background(), demo); err != nil {
		t.Fatalf("with the server's CA trusted: %v", err)
	}
	if _, err := wix.NewTransport(wix.TransportOptions{CABundlePEM: []byte("not a certificate")}); err == nil {
		t.Error("a CA bundle without certificates was accepted")
	}
}

func TestCreateAccessToken_ProxyFromEnvironment(t *testing.T) {
	var connects atomic.Value
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		connects.Store(r.Method + " " + r.Host)
		w.WriteHeader(http.StatusBadGateway)
	}))
	t.Cleanup(proxy.Close)
	t.Setenv("HTTPS_PROXY", proxy.URL)
	t.Setenv("NO_PROXY", "")

	noRetries := func(c *wix.Config) { c.MaxRetries = 0 }
	c := mustClient(t, "", noRetries) // https://www.wixapis.com
	_, err := c.CreateAccessToken(context.Background(), demo)
	if got, _ := connects.Load().(string); got != "CONNECT www.wixapis.com:443" {
		t.Fatalf("the proxy saw %q, want CONNECT www.wixapis.com:443 (err %v)", got, err)
	}

	connects.Store("")
	t.Setenv("NO_PROXY", "www.wixapis.com")
	c = mustClient(t, "", func(c *wix.Config) { c.MaxRetries, c.RequestTimeout = 0, 200*time.Millisecond })
	_, _ = c.CreateAccessToken(context.Background(), demo)
	if got, _ := connects.Load().(string); got != "" {
		t.Errorf("NO_PROXY was ignored: the proxy saw %q", got)
	}

	explicit, _ := url.Parse(proxy.URL)
	tr, _ := wix.NewTransport(wix.TransportOptions{ProxyURL: explicit})
	t.Setenv("HTTPS_PROXY", "")
	c = mustClient(t, "", func(c *wix.Config) { c.MaxRetries, c.Transport = 0, tr })
	_, _ = c.CreateAccessToken(context.Background(), demo)
	if got, _ := connects.Load().(string); got != "CONNECT www.wixapis.com:443" {
		t.Errorf("the explicit proxy saw %q", got)
	}
}

// A body that never ends is cut at the read cap: the call returns, with the
// reason, instead of reading (and holding) all of it.
func TestCreateAccessToken_EndlessBody(t *testing.T) {
	var served atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		chunk := []byte(`{"access_token":"` + strings.Repeat("a", 32<<10))
		for r.Context().Err() == nil {
			n, err := w.Write(chunk)
			served.Add(int64(n))
			if err != nil {
				return
			}
			chunk = []byte(strings.Repeat("a", 32<<10))
		}
	}))
	t.Cleanup(srv.Close)
	c := mustClient(t, srv.URL, func(c *wix.Config) { c.MaxRetries, c.RequestTimeout = 0, 5*time.Second })
	_, err := c.CreateAccessToken(context.Background(), demo)
	if wix.KindOf(err) != wix.KindBadResponse || !strings.Contains(err.Error(), "larger than 1048576 bytes") {
		t.Fatalf("err %v, want the read cap to refuse the endless body", err)
	}
	// The client stopped reading at the cap; what the server wrote beyond it
	// is what fits in the connection's buffers.
	if n := served.Load(); n > 64<<20 {
		t.Errorf("the server wrote %d bytes before the client gave up", n)
	}
}
