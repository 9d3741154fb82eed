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

// Token Info against the fake, in Wix's documented all-strings form and in
// native JSON types: the same facts either way.
func TestTokenInfo_BothForms(t *testing.T) {
	for _, native := range []bool{false, true} {
		fake := wixfake.NewTestServer(t, wixfake.Options{Now: fixedClock, TokenInfoNativeTypes: native})
		c := newClient(t, fake, nil)
		tok, err := c.CreateAccessToken(context.Background(), demo)
		if err != nil {
			t.Fatal(err)
		}
		info, err := c.TokenInfo(context.Background(), tok.AccessToken)
		if err != nil {
			t.Fatalf("native %v: %v", native, err)
		}
		want := wix.TokenInfo{
			Active: true, SubjectType: "APP", SubjectID: wixfake.DemoClientID, ClientID: wixfake.DemoClientID,
			AccountID: wixfake.DemoAccountID, SiteID: wixfake.DemoSiteID, InstanceID: wixfake.DemoInstanceID,
			IssuedAt: epoch, ExpiresAt: epoch.Add(4 * time.Hour), Attempts: 1,
		}
		if *info != want {
			t.Errorf("native %v: got %+v\nwant %+v", native, *info, want)
		}
	}
}

// An expired token is inactive, as is a token Wix refuses to describe (a
// 4xx): no error, no facts. A token without an instance has none.
func TestTokenInfo_InactiveAndRejected(t *testing.T) {
	now := epoch
	fake := wixfake.NewTestServer(t, wixfake.Options{Now: func() time.Time { return now }})
	c := newClient(t, fake, nil)
	tok, err := c.CreateAccessToken(context.Background(), demo)
	if err != nil {
		t.Fatal(err)
	}
	headless, err := c.CreateAccessToken(context.Background(), wix.Credentials{ClientID: wixfake.HeadlessClientID, ClientSecret: wixfake.HeadlessClientSecret})
	if err != nil {
		t.Fatal(err)
	}
	info, err := c.TokenInfo(context.Background(), headless.AccessToken)
	if err != nil || !info.Active || info.InstanceID != "" || info.SiteID != wixfake.HeadlessSiteID {
		t.Errorf("a Headless token: %+v, %v; want active with the site and no instance", info, err)
	}

	now = epoch.Add(5 * time.Hour)
	info, err = c.TokenInfo(context.Background(), tok.AccessToken)
	if err != nil || *info != (wix.TokenInfo{Attempts: 1}) {
		t.Errorf("an expired token: %+v, %v; want inactive with no facts", info, err)
	}
	info, err = c.TokenInfo(context.Background(), "OauthNG.JWS.never-issued")
	if err != nil || info.Active || info.Rejected == nil || info.Rejected.StatusCode != 400 || info.SiteID != "" {
		t.Errorf("an unknown token: %+v, %v; want inactive, with Wix's 400 kept", info, err)
	}
	if info != nil && info.Rejected != nil && strings.Contains(info.Rejected.Error(), "never-issued") {
		t.Error("the rejection quotes the token")
	}
}

// Only Wix refusing the token in one of its error shapes makes it
// inactive: a 404 or an HTML page (a wrong api_url, a proxy) is an error.
func TestTokenInfo_OnlyWixRefusalsAreInactive(t *testing.T) {
	fake := wixfake.NewTestServer(t, wixfake.Options{Now: fixedClock})
	c := newClient(t, fake, nil)
	for _, tc := range []struct {
		name     string
		fault    wixfake.Fault
		inactive bool
	}{
		{"400 in RFC 6749's shape", wixfake.Fault{Status: 400, Body: `{"error":"invalid_token"}`}, true},
		{"401 in Wix's shape", wixfake.Fault{Status: 401, Body: `{"message":"Unauthorized","details":{"applicationError":{"code":"UNAUTHENTICATED","description":"expired","data":{}}}}`}, true},
		{"403 in Wix's shape", wixfake.Fault{Status: 403, Body: `{"message":"Forbidden","details":{"applicationError":{"code":"PERMISSION_DENIED","description":"no","data":{}}}}`}, true},
		{"404 with an HTML page", wixfake.Fault{Status: 404, Body: "<html>not found</html>", Header: map[string]string{"Content-Type": "text/html"}}, false},
		{"400 with an HTML page", wixfake.Fault{Status: 400, Body: "<html>bad request</html>", Header: map[string]string{"Content-Type": "text/html"}}, false},
		{"405 with a JSON body", wixfake.Fault{Status: 405, Body: `{"error":"method_not_allowed"}`}, false},
		{"407 from a proxy", wixfake.Fault{Status: 407}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake.InjectFault(wix.TokenInfoPath, tc.fault)
			info, err := c.TokenInfo(context.Background(), "OauthNG.JWS.some-token")
			switch {
			case tc.inactive && (err != nil || info.Active || info.Rejected == nil || info.Rejected.StatusCode != tc.fault.Status):
				t.Errorf("want an inactive token refused with %d, got %+v, %v", tc.fault.Status, info, err)
			case !tc.inactive && (err == nil || info != nil):
				t.Errorf("want an error, got %+v", info)
			}
		})
	}
}

// A 5xx is retried and then an error; a 429 is not a verdict on the token
// either.
func TestTokenInfo_ServerFaultsAreErrors(t *testing.T) {
	fake := wixfake.NewTestServer(t, wixfake.Options{Now: fixedClock})
	c := newClient(t, fake, func(c *wix.Config) { c.MaxRetries = 2 })
	fake.InjectFault(wix.TokenInfoPath, wixfake.Fault{Status: 503, Times: 3})
	_, err := c.TokenInfo(context.Background(), "OauthNG.JWS.some-token")
	var apiErr *wix.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 || apiErr.Attempts != 3 || wix.KindOf(err) != wix.KindServer {
		t.Fatalf("err %v, want a 503 after 3 attempts", err)
	}
	fake.InjectFault(wix.TokenInfoPath, wixfake.Fault{Status: 429, Times: 3})
	if _, err := c.TokenInfo(context.Background(), "OauthNG.JWS.some-token"); wix.KindOf(err) != wix.KindRateLimited {
		t.Fatalf("err %v, want rate limited", err)
	}
	fake.InjectFault(wix.TokenInfoPath, wixfake.Fault{Status: 503})
	tok, err := c.CreateAccessToken(context.Background(), demo)
	if err != nil {
		t.Fatal(err)
	}
	info, err := c.TokenInfo(context.Background(), tok.AccessToken)
	if err != nil || !info.Active || info.Attempts != 2 {
		t.Fatalf("after one 503: %+v, %v; want the answer of the second attempt", info, err)
	}
}

func TestDecodeTokenInfo(t *testing.T) {
	iat := time.Unix(1715081667, 0).UTC()
	exp := time.Unix(1715096067, 0).UTC()
	full := wix.TokenInfo{Active: true, SubjectType: "APP", SubjectID: "a8098c1a-f86e-11da-bd1a-00112444be1e",
		ClientID: "7f58c233-72b6-4e45-889c-56aca8dbb2ba", SiteID: "65c5e710-5e64-4b54-a807-237a554d28a7",
		InstanceID: "1ec48d1e-1919-4b9f-8e08-f7a242fdbf52", IssuedAt: iat, ExpiresAt: exp}
	cases := []struct {
		name, body string
		want       wix.TokenInfo
		err        string
	}{
		{"Wix's documented example", `{"active":"true","subjectType":"APP","subjectId":"a8098c1a-f86e-11da-bd1a-00112444be1e",` +
			`"exp":"1715096067","iat":"1715081667","clientId":"7f58c233-72b6-4e45-889c-56aca8dbb2ba",` +
			`"siteId":"65c5e710-5e64-4b54-a807-237a554d28a7","instanceId":"1ec48d1e-1919-4b9f-8e08-f7a242fdbf52"}`, full, ""},
		{"native types", `{"active":true,"subjectType":"APP","subjectId":"a8098c1a-f86e-11da-bd1a-00112444be1e",` +
			`"exp":1715096067,"iat":1715081667,"clientId":"7f58c233-72b6-4e45-889c-56aca8dbb2ba",` +
			`"siteId":"65c5e710-5e64-4b54-a807-237a554d28a7","instanceId":"1ec48d1e-1919-4b9f-8e08-f7a242fdbf52"}`, full, ""},
		{"extra fields are ignored", `{"active":"TRUE","accountId":"acc-1","scope":"x","nested":{"a":1},"exp":"1715096067"}`,
			wix.TokenInfo{Active: true, AccountID: "acc-1", ExpiresAt: exp}, ""},
		{"missing fields are empty", `{"active":"true"}`, wix.TokenInfo{Active: true}, ""},
		{"nulls are empty", `{"active":true,"siteId":null,"instanceId":null,"exp":null,"iat":""}`, wix.TokenInfo{Active: true}, ""},
		{"a number where Wix sends a string", `{"active":true,"subjectId":12345}`, wix.TokenInfo{Active: true, SubjectID: "12345"}, ""},
		{"an object where Wix sends a string", `{"active":true,"siteId":{"id":"x"}}`, wix.TokenInfo{Active: true}, ""},
		{"inactive has no facts", `{"active":"false","siteId":"s","exp":"1715096067"}`, wix.TokenInfo{}, ""},
		{"inactive, native", `{"active":false}`, wix.TokenInfo{}, ""},
		{"no active field", `{"siteId":"s"}`, wix.TokenInfo{}, ""},
		{"empty object", `{}`, wix.TokenInfo{}, ""},
		{"control characters are dropped", `{"active":true,"siteId":"s\u001b[31m1"}`, wix.TokenInfo{Active: true, SiteID: "s[31m1"}, ""},
		{"active of another word", `{"active":"yes"}`, wix.TokenInfo{}, "its active is neither true nor false"},
		{"active a number", `{"active":1}`, wix.TokenInfo{}, "its active is neither true nor false"},
		{"exp not a number", `{"active":true,"exp":"tomorrow"}`, wix.TokenInfo{}, "its exp is not a whole number of seconds"},
		{"exp absurd", `{"active":true,"exp":"99999999999999"}`, wix.TokenInfo{}, "its exp is beyond the year 9999"},
		{"not JSON", `<html>`, wix.TokenInfo{}, "the body is not a JSON object"},
		{"a list", `[{"active":true}]`, wix.TokenInfo{}, "the body is not a JSON object"},
		{"two values", `{"active":true}{"active":false}`, wix.TokenInfo{}, "the body holds more than one JSON value"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := wix.DecodeTokenInfoForTest([]byte(tc.body))
			switch {
			case tc.err != "":
				if err == nil || err.Error() != tc.err {
					t.Fatalf("err %v, want %q", err, tc.err)
				}
			case err != nil:
				t.Fatalf("err %v", err)
			case *got != tc.want:
				t.Errorf("got  %+v\nwant %+v", *got, tc.want)
			}
		})
	}
}
