// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wixfake

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// The bodies Get App Instance answers for the default fixtures, in full.
const (
	demoInstanceBody = `{"instance":{"instanceId":"aaaaaaaa-0000-4000-8000-000000000001","appName":"Demo App","appVersion":"2.3.0","isFree":true,` +
		`"permissions":["WIX_DEVELOPERS.MANAGE_APP_INSTANCE","WIX_DEVELOPERS.CREATE_CHECKOUT","WIX_DEVELOPERS.MANAGE_CHARGE"],` +
		`"availablePlans":[],"originInstanceId":null,"isOriginSiteTemplate":false,"copiedFromTemplate":false,"freeTrialAvailable":false},` +
		`"site":{"siteId":"bbbbbbbb-0000-4000-8000-000000000001","siteDisplayName":"Fake site Demo Bakery","locale":"en","paymentCurrency":"USD",` +
		`"multilingual":{"isMultiLingual":false,"supportedLanguages":[]},"url":"https://fakedemo.wixsite.com/demo-bakery","description":null,` +
		`"installedWixApps":["stores","wix_forms"]}}`
	demoInstance2Body = `{"instance":{"instanceId":"aaaaaaaa-0000-4000-8000-000000000002","appName":"Demo App","appVersion":null,"isFree":true,` +
		`"permissions":["WIX_DEVELOPERS.MANAGE_APP_INSTANCE"],` +
		`"availablePlans":[],"originInstanceId":null,"isOriginSiteTemplate":false,"copiedFromTemplate":false,"freeTrialAvailable":false},` +
		`"site":{"siteId":"bbbbbbbb-0000-4000-8000-000000000002","siteDisplayName":"Fake site Demo Draft","locale":"de","paymentCurrency":"EUR",` +
		`"multilingual":{"isMultiLingual":false,"supportedLanguages":[]},"url":null,"description":null,"installedWixApps":[]}}`
	secondOnDemoBody = `{"instance":{"instanceId":"aaaaaaaa-0000-4000-8000-000000000001","appName":"Second App","appVersion":"1.0.7","isFree":false,` +
		`"permissions":["WIX_DEVELOPERS.MANAGE_APP_INSTANCE","WIX_DEVELOPERS.CREATE_CHECKOUT"],` +
		`"availablePlans":[],"originInstanceId":null,"isOriginSiteTemplate":false,"copiedFromTemplate":false,"freeTrialAvailable":false},` +
		`"site":{"siteId":"bbbbbbbb-0000-4000-8000-000000000001","siteDisplayName":"Fake site Demo Bakery","locale":"en","paymentCurrency":"USD",` +
		`"multilingual":{"isMultiLingual":false,"supportedLanguages":[]},"url":"https://fakedemo.wixsite.com/demo-bakery","description":null,` +
		`"installedWixApps":["stores","wix_forms"]}}`
	headlessBody = `{"site":{"siteId":"bbbbbbbb-0000-4000-8000-000000000009","siteDisplayName":"Fake site Headless Shop","locale":"en","paymentCurrency":"GBP",` +
		`"multilingual":{"isMultiLingual":false,"supportedLanguages":[]},"url":"https://fakeheadless.wixsite.com/headless-shop","description":null,` +
		`"installedWixApps":["stores"]}}`
)

func TestAppInstance(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	s := NewTestServer(t, Options{Now: clock.Now})
	demo := mustToken(t, s, demoSnake()...)
	demo2 := mustToken(t, s, "grant_type", "client_credentials", "client_id", DemoClientID, "client_secret", DemoClientSecret, "instance_id", DemoInstanceID2)
	second := mustToken(t, s, "grant_type", "client_credentials", "client_id", SecondClientID, "client_secret", SecondClientSecret, "instance_id", DemoInstanceID)
	secondOnly := mustToken(t, s, "grant_type", "client_credentials", "client_id", SecondClientID, "client_secret", SecondClientSecret, "instance_id", SecondOnlyInstanceID)
	headless := mustToken(t, s, "grant_type", "client_credentials", "client_id", HeadlessClientID, "client_secret", HeadlessClientSecret)

	missing := wixBody("Missing access token", "UNAUTHENTICATED", "the request has no Authorization header with an access token")
	invalid := wixBody("Invalid access token", "UNAUTHENTICATED", "the access token is not valid")
	denied := wixBody("Permission denied", "PERMISSION_DENIED", "the app lacks the Manage Your App permission (WIX_DEVELOPERS.MANAGE_APP_INSTANCE) on this site")

	tests := []struct {
		name       string
		auth       *string
		wantStatus int
		wantBody   string
		wantToken  string
	}{
		{"bare token", ptr(demo), 200, demoInstanceBody, demo},
		{"Bearer token", ptr("Bearer " + demo), 200, demoInstanceBody, demo},
		{"lower-case bearer", ptr("bearer " + demo), 200, demoInstanceBody, demo},
		{"extra spaces", ptr("  Bearer   " + demo + " "), 200, demoInstanceBody, demo},
		{"unpublished site, no app version, the app's permissions", ptr(demo2), 200, demoInstance2Body, demo2},
		{"second app on the shared instance", ptr(second), 200, secondOnDemoBody, second},
		{"token without an instance gets the site only", ptr(headless), 200, headlessBody, headless},
		{"instance without the Manage Your App permission", ptr(secondOnly), 403, denied, secondOnly},
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
	assertJSON(t, r.body, wixBody("Access token expired", "UNAUTHENTICATED", "the access token has expired; request a new one"))
	calls := s.ProtectedCalls()
	if c := calls[len(calls)-1]; c.Token != demo || c.Status != 401 {
		t.Errorf("expired call = %+v", c)
	}

	// A fresh mint after expiry works again.
	fresh := mustToken(t, s, demoCamel()...)
	r = do(t, nil, http.MethodGet, s.URL()+AppInstancePath, "", "", map[string]string{"Authorization": fresh})
	assertStatus(t, r, 200)

	st := s.Stats()
	// 7 calls answered 200 in the table, one before expiry, one after the fresh mint.
	if st.ProtectedCalls != len(tests)+3 || st.ProtectedAuthenticated != 9 || st.IssuedTokens != 6 {
		t.Errorf("stats = %+v", st)
	}
}

func TestAppInstancePermissions(t *testing.T) {
	t.Parallel()
	apps := []App{
		{ClientID: "none", ClientSecret: "fake-secret-none", Permissions: []string{}, AllowNoInstance: true, SiteID: "site-none",
			Instances: []Instance{{InstanceID: "inherits", SiteID: "s1"}, {InstanceID: "own", SiteID: "s2", Permissions: []string{PermissionManageAppInstance}}}},
		{ClientID: "default", ClientSecret: "fake-secret-default", Instances: []Instance{{InstanceID: "plain", SiteID: "s3"}, {InstanceID: "revoked", SiteID: "s4", Permissions: []string{}}}},
	}
	s := NewTestServer(t, Options{Apps: apps})
	for _, tt := range []struct {
		client, instance string
		want             int
	}{
		{"none", "", 403},         // the app grants nothing, and a token without an instance has only the app's
		{"none", "inherits", 403}, // the instance lists nothing of its own
		{"none", "own", 200},      // the instance's own list wins
		{"default", "plain", 200}, // nil everywhere means Manage Your App
		{"default", "revoked", 403},
	} {
		kv := []string{"grant_type", "client_credentials", "client_id", tt.client, "client_secret", "fake-secret-" + tt.client}
		if tt.instance != "" {
			kv = append(kv, "instance_id", tt.instance)
		}
		tok := mustToken(t, s, kv...)
		r := do(t, nil, http.MethodGet, s.URL()+AppInstancePath, "", "", map[string]string{"Authorization": tok})
		if r.status != tt.want {
			t.Errorf("%s on %q: status %d, want %d; body %s", tt.client, tt.instance, r.status, tt.want, r.body)
		}
		if r.status == 200 && !strings.Contains(r.body, `"permissions":["WIX_DEVELOPERS.MANAGE_APP_INSTANCE"]`) {
			t.Errorf("%s on %q: body %s", tt.client, tt.instance, r.body)
		}
	}
	if st := s.Stats(); st.ProtectedAuthenticated != 2 || st.ProtectedCalls != 5 {
		t.Errorf("stats = %+v", st)
	}
}

func TestAppInstanceDefaultsForBareFixtures(t *testing.T) {
	t.Parallel()
	s := NewTestServer(t, Options{Apps: []App{{ClientID: "c", ClientSecret: "fake-secret-c", Instances: []Instance{{InstanceID: "i", SiteID: "s"}}}}})
	tok := mustToken(t, s, "grant_type", "client_credentials", "client_id", "c", "client_secret", "fake-secret-c", "instance_id", "i")
	r := do(t, nil, http.MethodGet, s.URL()+AppInstancePath, "", "", map[string]string{"Authorization": tok})
	assertStatus(t, r, 200)
	assertJSON(t, r.body, `{"instance":{"instanceId":"i","appName":"","appVersion":null,"isFree":false,"permissions":["WIX_DEVELOPERS.MANAGE_APP_INSTANCE"],`+
		`"availablePlans":[],"originInstanceId":null,"isOriginSiteTemplate":false,"copiedFromTemplate":false,"freeTrialAvailable":false},`+
		`"site":{"siteId":"s","siteDisplayName":null,"locale":"en","paymentCurrency":"USD","multilingual":{"isMultiLingual":false,"supportedLanguages":[]},`+
		`"url":null,"description":null,"installedWixApps":[]}}`)
}

func TestAppInstanceFaultAndMethod(t *testing.T) {
	t.Parallel()
	s := NewTestServer(t, Options{})
	tok := mustToken(t, s, demoSnake()...)
	s.InjectFault(AppInstancePath, Fault{Status: 429, Header: map[string]string{"Retry-After": "2"}})
	r := do(t, nil, http.MethodGet, s.URL()+AppInstancePath, "", "", map[string]string{"Authorization": tok})
	if r.status != 429 || r.header.Get("Retry-After") != "2" || r.body != rateLimitBody {
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
	if c := s.ProtectedCalls(); len(c) != 1 || c[0].Authorization != "[REDACTED]" || c[0].Token != "" {
		t.Errorf("calls = %+v", c)
	}
}

// The wix-site-id header a Headless admin token goes with is recorded.
func TestAppInstanceRecordsSiteIDHeader(t *testing.T) {
	t.Parallel()
	s := NewTestServer(t, Options{})
	headless := mustToken(t, s, "grant_type", "client_credentials", "client_id", HeadlessClientID, "client_secret", HeadlessClientSecret)
	assertStatus(t, do(t, http.DefaultClient, http.MethodGet, s.URL()+AppInstancePath, "", "", map[string]string{"Authorization": headless, "wix-site-id": HeadlessSiteID}), 200)
	assertStatus(t, do(t, http.DefaultClient, http.MethodGet, s.URL()+AppInstancePath, "", "", map[string]string{"Authorization": headless}), 200)
	calls := s.ProtectedCalls()
	if len(calls) != 2 || calls[0].SiteID != HeadlessSiteID || calls[1].SiteID != "" {
		var got []string
		for _, c := range calls {
			got = append(got, c.SiteID)
		}
		t.Errorf("wix-site-id of the calls %q, want the first %s and the second none", got, HeadlessSiteID)
	}
}
