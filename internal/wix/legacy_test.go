// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wix_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/wixtf/terraform-provider-wix/internal/wix"
	"github.com/wixtf/terraform-provider-wix/internal/wixfake"
)

var demoRefresh = wix.RefreshCredentials{ClientID: wixfake.DemoClientID, ClientSecret: wixfake.DemoClientSecret, RefreshToken: wixfake.DemoRefreshToken}

// The legacy refresh: the documented request, and an answer without
// expires_in or token_type read as a five-minute Bearer token.
func TestRefreshAccessToken_RequestAndResult(t *testing.T) {
	fake := wixfake.NewTestServer(t, wixfake.Options{Now: fixedClock})
	tok, err := newClient(t, fake, nil).RefreshAccessToken(context.Background(), demoRefresh)
	if err != nil {
		t.Fatalf("RefreshAccessToken: %v", err)
	}
	issued, ok := fake.LookupToken(tok.AccessToken)
	if !ok || issued.InstanceID != wixfake.DemoInstanceID || issued.GrantType != "refresh_token" {
		t.Fatalf("the token is not one the fake issued for the demo instance by refresh (known %v; %s on %q by %s)", ok, issued.ClientID, issued.InstanceID, issued.GrantType)
	}
	if tok.TokenType != "Bearer" || tok.ExpiresIn != 300 || !tok.ExpiresAt.Equal(epoch.Add(5*time.Minute)) || tok.Attempts != 1 || len(tok.Warnings) != 0 {
		t.Errorf("token type %q, expires in %d at %s, %d attempts, warnings %v; want a Bearer token for 300s from %s",
			tok.TokenType, tok.ExpiresIn, tok.ExpiresAt, tok.Attempts, tok.Warnings, epoch)
	}
	log := fake.TokenRequestLog()
	if len(log) != 1 {
		t.Fatalf("%d requests, want 1", len(log))
	}
	r := log[0]
	if r.Path != wix.LegacyTokenPath || r.Method != "POST" || r.ContentType != "application/json" || r.GrantType != "refresh_token" ||
		!r.SecretMatched || strings.Join(r.Fields, ",") != "client_id,client_secret,grant_type,refresh_token" {
		t.Errorf("request %s %s (%s), grant %q, secret matched %v, fields %v", r.Method, r.Path, r.ContentType, r.GrantType, r.SecretMatched, r.Fields)
	}
}

// If Wix ever sends expires_in on the legacy endpoint, it is used.
func TestRefreshAccessToken_ExpiresInWhenSent(t *testing.T) {
	fake := wixfake.NewTestServer(t, wixfake.Options{Now: fixedClock})
	fake.InjectFault(wix.LegacyTokenPath, wixfake.Fault{Status: 200, Body: `{"access_token":"OauthNG.JWS.legacy","refresh_token":"r","expires_in":600}`})
	tok, err := newClient(t, fake, nil).RefreshAccessToken(context.Background(), demoRefresh)
	if err != nil {
		t.Fatal(err)
	}
	if tok.ExpiresIn != 600 {
		t.Fatalf("expires_in %d, want 600", tok.ExpiresIn)
	}
}

// A refused refresh token is KindInvalidGrant, as is any 400 or 401 from
// the legacy endpoint whose code blames neither the client nor the request;
// a wrong client secret is KindInvalidClient. Neither the refresh token nor
// the secret appears.
func TestRefreshAccessToken_Refused(t *testing.T) {
	fake := wixfake.NewTestServer(t, wixfake.Options{Now: fixedClock})
	c := newClient(t, fake, nil)
	wrongSecret := wix.RefreshCredentials{ClientID: wixfake.DemoClientID, ClientSecret: "fake-wrong-secret-9999", RefreshToken: wixfake.DemoRefreshToken}
	for _, tc := range []struct {
		name   string
		rc     wix.RefreshCredentials
		fault  *wixfake.Fault
		status int
		kind   wix.ErrorKind
	}{
		{"uninstalled", wix.RefreshCredentials{ClientID: wixfake.DemoClientID, ClientSecret: wixfake.DemoClientSecret, RefreshToken: wixfake.RemovedRefreshToken}, nil, 400, wix.KindInvalidGrant},
		{"unknown", wix.RefreshCredentials{ClientID: wixfake.DemoClientID, ClientSecret: wixfake.DemoClientSecret, RefreshToken: "fake-refresh-made-up-1234"}, nil, 400, wix.KindInvalidGrant},
		{"another app's", wix.RefreshCredentials{ClientID: wixfake.DemoClientID, ClientSecret: wixfake.DemoClientSecret, RefreshToken: wixfake.SecondRefreshToken}, nil, 400, wix.KindInvalidGrant},
		{"a bare 401 in Wix's shape", demoRefresh, &wixfake.Fault{Status: 401, Body: `{"message":"Unauthorized","details":{"applicationError":{"code":"UNAUTHENTICATED","description":"no","data":{}}}}`}, 401, wix.KindInvalidGrant},
		{"a 400 without a body", demoRefresh, &wixfake.Fault{Status: 400}, 400, wix.KindInvalidGrant},
		{"wrong secret", wrongSecret, nil, 401, wix.KindInvalidClient},
		{"unsupported grant", demoRefresh, &wixfake.Fault{Status: 400, Body: `{"error":"unsupported_grant_type"}`}, 400, wix.KindInvalidRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.fault != nil {
				fake.InjectFault(wix.LegacyTokenPath, *tc.fault)
			}
			_, err := c.RefreshAccessToken(context.Background(), tc.rc)
			var apiErr *wix.APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != tc.status || wix.KindOf(err) != tc.kind || apiErr.Attempts != 1 {
				t.Fatalf("err %v (kind %v), want HTTP %d, kind %v, not retried", err, wix.KindOf(err), tc.status, tc.kind)
			}
			for _, secret := range []string{tc.rc.RefreshToken, tc.rc.ClientSecret} {
				if strings.Contains(err.Error(), secret) {
					t.Error("the error quotes a secret")
				}
			}
		})
	}
}

// Retries work as for client-credentials tokens.
func TestRefreshAccessToken_Retries(t *testing.T) {
	fake := wixfake.NewTestServer(t, wixfake.Options{Now: fixedClock})
	fake.InjectFault(wix.LegacyTokenPath, wixfake.Fault{Status: 503, Times: 2})
	tok, err := newClient(t, fake, nil).RefreshAccessToken(context.Background(), demoRefresh)
	if err != nil || tok.Attempts != 3 {
		t.Fatalf("token %v, err %v; want one after 3 attempts", tok != nil, err)
	}
}

// Reuse keys include the refresh token, and the margin rule holds: with
// the default 30-minute margin a five-minute token is never shared; with a
// margin under five minutes it is, for the same refresh token only.
func TestTokenCache_RefreshedTokens(t *testing.T) {
	fake := wixfake.NewTestServer(t, wixfake.Options{Now: fixedClock})
	c := newClient(t, fake, func(c *wix.Config) { c.Now = fixedClock }) // the cache's clock
	get := func(tc *wix.TokenCache, rc wix.RefreshCredentials) (string, wix.Result) {
		t.Helper()
		tok, how, err := tc.RefreshedToken(context.Background(), c, rc, "ephemeral")
		if err != nil {
			t.Fatal(err)
		}
		return tok.AccessToken, how
	}
	def := wix.NewTokenCache(reuseMargin, fixedClock)
	a, _ := get(def, demoRefresh)
	b, how := get(def, demoRefresh)
	if a == b || how != wix.Minted {
		t.Errorf("with the default margin a five-minute token was shared (%v)", how)
	}
	short := wix.NewTokenCache(time.Minute, fixedClock)
	a, _ = get(short, demoRefresh)
	b, how = get(short, demoRefresh)
	other := demoRefresh
	other.RefreshToken = wixfake.DemoRefreshToken2
	d, _ := get(short, other)
	if a != b || how != wix.Reused || d == a {
		t.Errorf("with a one-minute margin: same refresh token shared %v (%v), other refresh token shared %v", a == b, how, d == a)
	}
}
