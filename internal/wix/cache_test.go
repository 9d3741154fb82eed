// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wix_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wixtf/terraform-provider-wix/internal/wix"
	"github.com/wixtf/terraform-provider-wix/internal/wixfake"
)

// clock is a settable clock shared by the client and the cache.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func TestTokenCache_ConcurrentSameKeyMakesOneRequest(t *testing.T) {
	fake := wixfake.NewTestServer(t, wixfake.Options{})
	fake.InjectFault(wix.TokenPath, wixfake.Fault{Status: 200, Delay: 100 * time.Millisecond, Body: `{"access_token":"slow-token","token_type":"Bearer","expires_in":14400}`})
	c := newClient(t, fake, nil)
	tc := wix.NewTokenCache(reuseMargin, time.Now)

	const n = 50
	var wg sync.WaitGroup
	tokens := make([]string, n)
	results := make([]wix.Result, n)
	for i := range n {
		wg.Go(func() {
			tok, how, err := tc.AccessToken(context.Background(), c, demo, "test")
			if err != nil {
				t.Error(err)
				return
			}
			tokens[i], results[i] = tok.AccessToken, how
		})
	}
	wg.Wait()
	if got := fake.TokenRequests(); got != 1 {
		t.Fatalf("%d concurrent requests for one key made %d requests to Wix, want 1", n, got)
	}
	minted := 0
	for i := range n {
		if tokens[i] != "slow-token" {
			t.Fatalf("caller %d got another token", i)
		}
		if results[i] == wix.Minted {
			minted++
		}
	}
	// Only the caller whose request minted the token says so (and so gives
	// its warnings); the others joined it or reused it.
	if minted != 1 {
		t.Errorf("%d callers report Minted, want 1", minted)
	}
	if _, how, _ := tc.AccessToken(context.Background(), c, demo, "test"); how != wix.Reused || fake.TokenRequests() != 1 {
		t.Errorf("a later request was %v after %d requests, want Reused after 1", how, fake.TokenRequests())
	}
}

func TestTokenCache_KeysAreNeverMixed(t *testing.T) {
	fake := wixfake.NewTestServer(t, wixfake.Options{})
	c := newClient(t, fake, nil)
	tc := wix.NewTokenCache(reuseMargin, time.Now)
	second := wix.Credentials{ClientID: wixfake.SecondClientID, ClientSecret: wixfake.SecondClientSecret, InstanceID: wixfake.DemoInstanceID}
	other := wix.Credentials{ClientID: wixfake.DemoClientID, ClientSecret: wixfake.DemoClientSecret, InstanceID: wixfake.DemoInstanceID2}

	for range 3 {
		for _, cr := range []wix.Credentials{demo, second, other} {
			tok, _, err := tc.AccessToken(context.Background(), c, cr, "test")
			if err != nil {
				t.Fatal(err)
			}
			it, _ := fake.LookupToken(tok.AccessToken)
			if it.ClientID != cr.ClientID || it.InstanceID != cr.InstanceID {
				t.Fatalf("asked for client %s instance %s, got a token for client %s instance %s", cr.ClientID, cr.InstanceID, it.ClientID, it.InstanceID)
			}
		}
	}
	if got := fake.TokenRequests(); got != 3 {
		t.Errorf("3 keys asked 3 times made %d requests, want 3", got)
	}

	// A wrong secret for a cached client ID is asked of Wix, and fails:
	// the cache never hands a token to credentials Wix did not accept.
	wrong := demo
	wrong.ClientSecret = "not-the-secret"
	if _, _, err := tc.AccessToken(context.Background(), c, wrong, "test"); wix.KindOf(err) != wix.KindInvalidClient {
		t.Errorf("a wrong secret got %v, want invalid client", err)
	}
}

func TestTokenCache_MarginAndErrors(t *testing.T) {
	clk := &clock{t: time.Now()}
	fake := wixfake.NewTestServer(t, wixfake.Options{Now: clk.Now})
	c := newClient(t, fake, func(cfg *wix.Config) { cfg.Now = clk.Now; cfg.MaxRetries = 0 })
	tc := wix.NewTokenCache(30*time.Minute, clk.Now)

	fake.InjectFault(wix.TokenPath, wixfake.Fault{Status: 503})
	if _, _, err := tc.AccessToken(context.Background(), c, demo, "test"); wix.KindOf(err) != wix.KindServer {
		t.Fatalf("err %v, want the injected 503", err)
	}
	first, how, err := tc.AccessToken(context.Background(), c, demo, "test")
	if err != nil || how != wix.Minted {
		t.Fatalf("after a failure: %v %v, want a new mint (errors are not cached)", how, err)
	}

	clk.Advance(3*time.Hour + 29*time.Minute) // 31 minutes left
	if tok, how, _ := tc.AccessToken(context.Background(), c, demo, "test"); how != wix.Reused || tok.AccessToken != first.AccessToken {
		t.Errorf("with 31 minutes left: %v, want the token reused", how)
	}
	clk.Advance(2 * time.Minute) // 29 minutes left: under the margin
	tok, how, err := tc.AccessToken(context.Background(), c, demo, "test")
	if err != nil || how != wix.Minted || tok.AccessToken == first.AccessToken {
		t.Errorf("with 29 minutes left: %v %v, want a new token", how, err)
	}
	if got := fake.TokenRequests(); got != 3 {
		t.Errorf("%d requests, want 3 (failure, first mint, renewal)", got)
	}
}

// Requests for different keys run at the same time: the handler holds every
// request until all of them have arrived, which never happens if the cache
// serialises them.
func TestTokenCache_DifferentKeysDoNotWaitForEachOther(t *testing.T) {
	const n = 8
	instances := wixfake.GenerateInstances(n)
	fake := wixfake.New(wixfake.Options{Apps: []wixfake.App{{ClientID: wixfake.DemoClientID, ClientSecret: wixfake.DemoClientSecret, Instances: instances}}})
	var arrived atomic.Int32
	all := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if arrived.Add(1) == n {
			close(all)
		}
		select {
		case <-all:
			fake.ServeHTTP(w, r)
		case <-time.After(10 * time.Second):
			http.Error(w, `{"error":"serialised"}`, http.StatusConflict)
		}
	}))
	t.Cleanup(srv.Close)
	c := mustClient(t, srv.URL, func(c *wix.Config) { c.MaxRetries = 0 })
	tc := wix.NewTokenCache(reuseMargin, time.Now)

	var wg sync.WaitGroup
	for _, in := range instances {
		wg.Go(func() {
			cr := wix.Credentials{ClientID: wixfake.DemoClientID, ClientSecret: wixfake.DemoClientSecret, InstanceID: in.InstanceID}
			if _, _, err := tc.AccessToken(context.Background(), c, cr, "test"); err != nil {
				t.Errorf("instance %s: %v", in.InstanceID, err)
			}
		})
	}
	wg.Wait()
}

// A caller that gives up does not take the token away from the others
// waiting for the same request.
func TestTokenCache_CancelledCallerDoesNotCancelOthers(t *testing.T) {
	fake := wixfake.NewTestServer(t, wixfake.Options{})
	fake.InjectFault(wix.TokenPath, wixfake.Fault{Status: 200, Delay: 300 * time.Millisecond, Body: `{"access_token":"shared-token","expires_in":14400}`})
	c := newClient(t, fake, nil)
	tc := wix.NewTokenCache(reuseMargin, time.Now)

	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var leaderErr, otherErr error
	var other *wix.Token
	wg.Go(func() { _, _, leaderErr = tc.AccessToken(ctx, c, demo, "test") })
	time.Sleep(50 * time.Millisecond)
	wg.Go(func() { other, _, otherErr = tc.AccessToken(context.Background(), c, demo, "test") })
	time.Sleep(50 * time.Millisecond)
	cancel()
	wg.Wait()
	if wix.KindOf(leaderErr) != wix.KindTransport {
		t.Errorf("the cancelled caller got %v, want a cancelled request", leaderErr)
	}
	if otherErr != nil || other.AccessToken != "shared-token" || fake.TokenRequests() != 1 {
		t.Errorf("the waiting caller got %v after %d requests, want the shared token after 1", otherErr, fake.TokenRequests())
	}
}

func TestTokenCache_PartitionsNeverShare(t *testing.T) {
	fake := wixfake.NewTestServer(t, wixfake.Options{})
	c := newClient(t, fake, nil)
	tc := wix.NewTokenCache(reuseMargin, time.Now)
	a, _, errA := tc.AccessToken(context.Background(), c, demo, "data source")
	b, _, errB := tc.AccessToken(context.Background(), c, demo, "ephemeral")
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	if a.AccessToken == b.AccessToken || fake.TokenRequests() != 2 {
		t.Errorf("two partitions shared a token (%d requests)", fake.TokenRequests())
	}
}

// A token Wix refused is forgotten: the next request mints a new one.
func TestTokenCache_Forget(t *testing.T) {
	fake := wixfake.NewTestServer(t, wixfake.Options{})
	c := newClient(t, fake, nil)
	tc := wix.NewTokenCache(reuseMargin, time.Now)
	first, _, err := tc.AccessToken(context.Background(), c, demo, "test")
	if err != nil {
		t.Fatal(err)
	}
	tc.Forget(first)
	second, how, err := tc.AccessToken(context.Background(), c, demo, "test")
	if err != nil {
		t.Fatal(err)
	}
	if how != wix.Minted || second.AccessToken == first.AccessToken || fake.TokenRequests() != 2 {
		t.Errorf("after Forget: %v, a new token %v, %d requests; want a second mint", how, second.AccessToken != first.AccessToken, fake.TokenRequests())
	}
}
