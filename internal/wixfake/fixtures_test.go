// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wixfake

import (
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

var guid = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestDefaultApps(t *testing.T) {
	t.Parallel()
	apps := DefaultApps()
	if len(apps) != 3 {
		t.Fatalf("%d apps", len(apps))
	}
	demo, second, headless := apps[0], apps[1], apps[2]
	if demo.Name != "Demo App" || demo.ClientID != "11111111-1111-4111-8111-111111111111" || demo.ClientSecret != "fake-secret-app-one-0001" || !demo.Free {
		t.Errorf("demo = %+v", demo)
	}
	type ids struct {
		instance, site, account string
		removed                 bool
	}
	var got []ids
	for _, in := range demo.Instances {
		got = append(got, ids{in.InstanceID, in.SiteID, in.AccountID, in.Removed})
	}
	want := []ids{
		{"aaaaaaaa-0000-4000-8000-000000000001", "bbbbbbbb-0000-4000-8000-000000000001", DemoAccountID, false},
		{"aaaaaaaa-0000-4000-8000-000000000002", "bbbbbbbb-0000-4000-8000-000000000002", DemoAccountID, false},
		{"aaaaaaaa-0000-4000-8000-0000000000ff", "bbbbbbbb-0000-4000-8000-0000000000ff", DemoAccountID, true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("demo instances = %+v, want %+v", got, want)
	}
	if demo.Instances[0].RefreshToken != DemoRefreshToken || !reflect.DeepEqual(demo.Instances[0].AuthCodes, []string{DemoAuthCode}) ||
		demo.Instances[1].RefreshToken != DemoRefreshToken2 || demo.Instances[2].RefreshToken != RemovedRefreshToken || second.Instances[0].RefreshToken != SecondRefreshToken {
		t.Errorf("refresh tokens and codes: %+v, %+v", demo.Instances, second.Instances)
	}
	if in := demo.Instances[0]; in.AppVersion != DemoAppVersion || in.Site.URL != DemoSiteURL || in.Site.SiteDisplayName != DemoSiteDisplayName || len(in.Permissions) != 3 {
		t.Errorf("demo instance = %+v", in)
	}
	if in := demo.Instances[1]; in.AppVersion != "" || in.Site.URL != "" || in.Site.SiteDisplayName != DemoSiteDisplayName2 || in.Permissions != nil {
		t.Errorf("demo instance 2 = %+v", in)
	}
	if second.Name != "Second App" || second.ClientID != "22222222-2222-4222-8222-222222222222" || second.ClientSecret != "fake-secret-app-two-0002" || second.Free ||
		len(second.Instances) != 2 || second.Instances[0].InstanceID != DemoInstanceID || second.Instances[1].InstanceID != "aaaaaaaa-0000-4000-8000-000000000003" {
		t.Errorf("second = %+v", second)
	}
	if headless.Name != "Headless Project" || headless.ClientID != "33333333-3333-4333-8333-333333333333" || headless.ClientSecret != "fake-secret-headless-0003" ||
		!headless.AllowNoInstance || headless.SiteID != "bbbbbbbb-0000-4000-8000-000000000009" || len(headless.Instances) != 0 || headless.Site.SiteDisplayName != HeadlessSiteDisplayName {
		t.Errorf("headless = %+v", headless)
	}
	// Every ID is a v4 GUID and every site display name starts with "Fake site ".
	sites := []Site{}
	allIDs := []string{}
	for _, a := range apps {
		allIDs = append(allIDs, a.ClientID)
		if a.AllowNoInstance {
			allIDs, sites = append(allIDs, a.SiteID), append(sites, a.Site)
		}
		for _, in := range a.Instances {
			allIDs, sites = append(allIDs, in.InstanceID, in.SiteID, in.AccountID), append(sites, in.Site)
		}
	}
	for _, id := range allIDs {
		if !guid.MatchString(id) {
			t.Errorf("%q is not a v4 GUID", id)
		}
	}
	for _, site := range sites {
		if !strings.HasPrefix(site.SiteDisplayName, "Fake site ") {
			t.Errorf("site display name %q does not start with \"Fake site \"", site.SiteDisplayName)
		}
	}
	if err := ValidateApps(apps); err != nil {
		t.Errorf("ValidateApps(DefaultApps()) = %v", err)
	}

	// Fresh copies every call, down to the site's slices.
	apps[0].Instances[0].InstanceID = "changed"
	apps[1].Instances[0].Site.InstalledWixApps[0] = "changed"
	fresh := DefaultApps()
	if fresh[0].Instances[0].InstanceID != DemoInstanceID || fresh[1].Instances[0].Site.InstalledWixApps[0] != "stores" || apps[0].Instances[0].Site.InstalledWixApps[0] != "stores" {
		t.Error("DefaultApps shares its slices")
	}
}

func TestGenerateInstances(t *testing.T) {
	t.Parallel()
	if GenerateInstances(0) != nil || GenerateInstances(-1) != nil {
		t.Error("want nil for n <= 0")
	}
	got := GenerateInstances(3)
	want := []Instance{
		{InstanceID: "cccccccc-0000-4000-8000-000000000001", SiteID: "dddddddd-0000-4000-8000-000000000001", AccountID: DemoAccountID, Site: Site{SiteDisplayName: "Fake site 1"}},
		{InstanceID: "cccccccc-0000-4000-8000-000000000002", SiteID: "dddddddd-0000-4000-8000-000000000002", AccountID: DemoAccountID, Site: Site{SiteDisplayName: "Fake site 2"}},
		{InstanceID: "cccccccc-0000-4000-8000-000000000003", SiteID: "dddddddd-0000-4000-8000-000000000003", AccountID: DemoAccountID, Site: Site{SiteDisplayName: "Fake site 3"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("GenerateInstances(3) = %+v, want %+v", got, want)
	}
	for _, in := range GenerateInstances(1000) {
		if !guid.MatchString(in.InstanceID) || !guid.MatchString(in.SiteID) {
			t.Fatalf("not GUID-shaped: %+v", in)
		}
	}
	if GeneratedInstanceID(42) != "cccccccc-0000-4000-8000-000000000042" {
		t.Error(GeneratedInstanceID(42))
	}
}

func TestGeneratedInstancesAtScale(t *testing.T) {
	t.Parallel()
	apps := DefaultApps()
	apps[0].Instances = append(apps[0].Instances, GenerateInstances(10000)...)
	s := NewTestServer(t, Options{Apps: apps})
	for _, i := range []int{1, 5000, 10000} {
		tok := mustToken(t, s, "grant_type", "client_credentials", "client_id", DemoClientID, "client_secret", DemoClientSecret, "instance_id", GeneratedInstanceID(i))
		if it, _ := s.LookupToken(tok); it.InstanceID != GeneratedInstanceID(i) {
			t.Errorf("token for %+v", it)
		}
	}
	r := postToken(t, s, "application/json", jsonBody("grant_type", "client_credentials", "client_id", DemoClientID, "client_secret", DemoClientSecret, "instance_id", GeneratedInstanceID(10001)))
	assertStatus(t, r, http.StatusBadRequest)
}

func TestValidateApps(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		apps []App
		want string
	}{
		{[]App{{ClientID: "a"}, {}}, "app 2 has no client ID"},
		{[]App{{ClientID: "a"}, {ClientID: "a"}}, `two apps have the client ID "a"`},
		{[]App{{ClientID: "a", Instances: []Instance{{SiteID: "s"}}}}, `app "a" has an instance without an instance ID`},
		{[]App{{ClientID: "a", Instances: []Instance{{InstanceID: "i"}, {InstanceID: "i"}}}}, `app "a" lists the instance "i" twice`},
		{[]App{{ClientID: "a", Instances: []Instance{{InstanceID: "i", AuthCodes: []string{"c"}}}}}, `instance "i" of app "a" has authorization codes but no refresh token`},
		{[]App{{ClientID: "a", Instances: []Instance{{InstanceID: "i", RefreshToken: "r"}}}, {ClientID: "b", Instances: []Instance{{InstanceID: "i", RefreshToken: "r"}}}},
			`instance "i" of app "b" reuses the refresh token or authorization code "r"`},
		{[]App{{ClientID: "a", Instances: []Instance{{InstanceID: "i", RefreshToken: "r", AuthCodes: []string{"c", "c"}}}}},
			`instance "i" of app "a" reuses the refresh token or authorization code "c"`},
	} {
		err := ValidateApps(tt.apps)
		if err == nil || err.Error() != tt.want {
			t.Errorf("ValidateApps(%+v) = %v, want %q", tt.apps, err, tt.want)
		}
		func() {
			defer func() {
				if p := recover(); p != "wixfake: "+tt.want {
					t.Errorf("New panicked with %v, want %q", p, "wixfake: "+tt.want)
				}
			}()
			New(Options{Apps: tt.apps})
		}()
	}
	// The same instance ID under two apps is fine: that is one site with two apps.
	if err := ValidateApps([]App{{ClientID: "a", Instances: []Instance{{InstanceID: "i"}}}, {ClientID: "b", Instances: []Instance{{InstanceID: "i"}}}}); err != nil {
		t.Errorf("shared instance rejected: %v", err)
	}
}

func TestParseFixtures(t *testing.T) {
	t.Parallel()
	apps, err := ParseFixtures([]byte(`{"apps": [{"clientId": "c", "clientSecret": "fake-secret-c", "name": "Mine", "free": true,
		"permissions": [], "allowNoInstance": true, "siteId": "s0", "site": {"siteDisplayName": "Own"},
		"instances": [{"instanceId": "i", "siteId": "s", "accountId": "a", "removed": false, "appVersion": "1.2.3",
			"permissions": ["WIX_DEVELOPERS.MANAGE_APP_INSTANCE"], "refreshToken": "r", "authCodes": ["x"],
			"site": {"siteDisplayName": "Shop", "url": "https://shop.example", "locale": "fr", "paymentCurrency": "EUR", "installedWixApps": ["stores"]}}]}]}`))
	want := []App{{ClientID: "c", ClientSecret: "fake-secret-c", Name: "Mine", Free: true, Permissions: []string{}, AllowNoInstance: true, SiteID: "s0",
		Site: Site{SiteDisplayName: "Own"},
		Instances: []Instance{{InstanceID: "i", SiteID: "s", AccountID: "a", AppVersion: "1.2.3", Permissions: []string{PermissionManageAppInstance},
			RefreshToken: "r", AuthCodes: []string{"x"},
			Site: Site{SiteDisplayName: "Shop", URL: "https://shop.example", Locale: "fr", PaymentCurrency: "EUR", InstalledWixApps: []string{"stores"}}}}}}
	if err != nil || !reflect.DeepEqual(apps, want) {
		t.Errorf("ParseFixtures = %+v, %v\nwant %+v", apps, err, want)
	}
	if apps, err := ParseFixtures([]byte(`{"apps": []}`)); err != nil || apps == nil || len(apps) != 0 {
		t.Errorf("empty list: %v, %v", apps, err)
	}

	for _, tt := range []struct{ in, want string }{
		{``, "the file is empty"},
		{`{"apps": [{"clientId": "c",}]}`, "line 1, column 28: invalid character '}' looking for beginning of object key string"},
		{"{\"apps\": [\n  {\"clientId\": 7}]}", "line 2, column 16: cannot unmarshal number into Go struct field App.apps.clientId of type string"},
		{`{"apps": [{"clientId": "c", "instances": [{"instanceId": "i", "removed": "yes"}]}]}`, "line 1, column 78: cannot unmarshal string into Go struct field Instance.apps.instances.removed of type bool"},
		{`{"apps": {"clientId": "c"}}`, "line 1, column 10: cannot unmarshal object into Go struct field fixtures.apps of type []wixfake.App"},
		{`[{"clientId": "c"}]`, "line 1, column 1: cannot unmarshal array into Go value of type wixfake.fixtures"},
		{`{"apps": [{"clientId": "c", "secret": "x"}]}`, `unknown field "secret"`},
		{`{"app": []}`, `unknown field "app"`},
		{`{}`, `no "apps" list`},
		{`{"apps": []} {"apps": []}`, "unexpected data after the JSON object"},
		{`{"apps": [{"clientId": "c"}, {"clientId": "c"}]}`, `two apps have the client ID "c"`},
	} {
		apps, err := ParseFixtures([]byte(tt.in))
		if apps != nil || err == nil || err.Error() != tt.want {
			t.Errorf("ParseFixtures(%s) = %v, %v; want the error %q", tt.in, apps, err, tt.want)
		}
	}
}
