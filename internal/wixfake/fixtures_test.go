// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wixfake

import (
	"net/http"
	"regexp"
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
	if demo.Name != "Demo App" || demo.ClientID != "11111111-1111-4111-8111-111111111111" || demo.ClientSecret != "fake-secret-app-one-0001" {
		t.Errorf("demo = %+v", demo)
	}
	wantDemo := []Instance{
		{"aaaaaaaa-0000-4000-8000-000000000001", "bbbbbbbb-0000-4000-8000-000000000001", DemoAccountID, false},
		{"aaaaaaaa-0000-4000-8000-000000000002", "bbbbbbbb-0000-4000-8000-000000000002", DemoAccountID, false},
		{"aaaaaaaa-0000-4000-8000-0000000000ff", "bbbbbbbb-0000-4000-8000-0000000000ff", DemoAccountID, true},
	}
	if len(demo.Instances) != len(wantDemo) {
		t.Fatalf("demo instances = %+v", demo.Instances)
	}
	for i := range wantDemo {
		if demo.Instances[i] != wantDemo[i] {
			t.Errorf("demo instance %d = %+v, want %+v", i, demo.Instances[i], wantDemo[i])
		}
	}
	if second.Name != "Second App" || second.ClientID != "22222222-2222-4222-8222-222222222222" || second.ClientSecret != "fake-secret-app-two-0002" ||
		len(second.Instances) != 2 || second.Instances[0].InstanceID != DemoInstanceID || second.Instances[1].InstanceID != "aaaaaaaa-0000-4000-8000-000000000003" {
		t.Errorf("second = %+v", second)
	}
	if headless.Name != "Headless Project" || headless.ClientID != "33333333-3333-4333-8333-333333333333" || headless.ClientSecret != "fake-secret-headless-0003" ||
		!headless.AllowNoInstance || headless.SiteID != "bbbbbbbb-0000-4000-8000-000000000009" || len(headless.Instances) != 0 {
		t.Errorf("headless = %+v", headless)
	}
	for _, id := range []string{DemoClientID, SecondClientID, HeadlessClientID, DemoInstanceID, DemoInstanceID2, RemovedInstanceID,
		SecondOnlyInstanceID, DemoSiteID, DemoSiteID2, RemovedSiteID, SecondOnlySiteID, HeadlessSiteID, DemoAccountID} {
		if !guid.MatchString(id) {
			t.Errorf("%q is not a v4 GUID", id)
		}
	}

	// Fresh copies every call.
	apps[0].Instances[0].InstanceID = "changed"
	if DefaultApps()[0].Instances[0].InstanceID != DemoInstanceID {
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
		{"cccccccc-0000-4000-8000-000000000001", "dddddddd-0000-4000-8000-000000000001", DemoAccountID, false},
		{"cccccccc-0000-4000-8000-000000000002", "dddddddd-0000-4000-8000-000000000002", DemoAccountID, false},
		{"cccccccc-0000-4000-8000-000000000003", "dddddddd-0000-4000-8000-000000000003", DemoAccountID, false},
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("instance %d = %+v, want %+v", i, got[i], want[i])
		}
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
