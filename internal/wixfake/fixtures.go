// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wixfake

import "fmt"

// Fixture identifiers and secrets returned by [DefaultApps]. They are fake
// values, safe to print in tests, documentation and examples.
const (
	// DemoClientID is the app ID of the "Demo App" fixture.
	DemoClientID = "11111111-1111-4111-8111-111111111111"
	// DemoClientSecret is the secret of the "Demo App" fixture.
	DemoClientSecret = "fake-secret-app-one-0001"
	// DemoInstanceID is the first instance on which the "Demo App" is
	// installed. The "Second App" is installed on it too.
	DemoInstanceID = "aaaaaaaa-0000-4000-8000-000000000001"
	// DemoInstanceID2 is the second instance on which the "Demo App" is
	// installed.
	DemoInstanceID2 = "aaaaaaaa-0000-4000-8000-000000000002"
	// RemovedInstanceID is an instance from which the "Demo App" has been
	// uninstalled; token requests for it fail like an unknown instance.
	RemovedInstanceID = "aaaaaaaa-0000-4000-8000-0000000000ff"
	// DemoSiteID is the site of [DemoInstanceID].
	DemoSiteID = "bbbbbbbb-0000-4000-8000-000000000001"
	// DemoSiteID2 is the site of [DemoInstanceID2].
	DemoSiteID2 = "bbbbbbbb-0000-4000-8000-000000000002"
	// RemovedSiteID is the site of [RemovedInstanceID].
	RemovedSiteID = "bbbbbbbb-0000-4000-8000-0000000000ff"
	// DemoAccountID is the Wix account that owns every fixture site.
	DemoAccountID = "eeeeeeee-0000-4000-8000-000000000001"

	// SecondClientID is the app ID of the "Second App" fixture.
	SecondClientID = "22222222-2222-4222-8222-222222222222"
	// SecondClientSecret is the secret of the "Second App" fixture.
	SecondClientSecret = "fake-secret-app-two-0002"
	// SecondOnlyInstanceID is an instance on which only the "Second App" is
	// installed.
	SecondOnlyInstanceID = "aaaaaaaa-0000-4000-8000-000000000003"
	// SecondOnlySiteID is the site of [SecondOnlyInstanceID].
	SecondOnlySiteID = "bbbbbbbb-0000-4000-8000-000000000003"

	// HeadlessClientID is the client ID of the "Headless Project" fixture, a
	// Wix Headless OAuth client that mints tokens without an instance ID.
	HeadlessClientID = "33333333-3333-4333-8333-333333333333"
	// HeadlessClientSecret is the generated secret of the "Headless
	// Project" fixture.
	HeadlessClientSecret = "fake-secret-headless-0003"
	// HeadlessSiteID is the site of the "Headless Project" fixture.
	HeadlessSiteID = "bbbbbbbb-0000-4000-8000-000000000009"
)

// Instance is one installation of an app on a Wix site.
type Instance struct {
	// InstanceID is the app instance ID, the value of instance_id in a
	// token request.
	InstanceID string
	// SiteID is the ID of the site (meta site) the instance belongs to.
	SiteID string
	// AccountID is the Wix account that owns the site.
	AccountID string
	// Removed marks an instance from which the app has been uninstalled.
	// Token requests for it fail exactly like requests for an unknown
	// instance.
	Removed bool
}

// App is a Wix app, or a Wix Headless OAuth client, known to the fake.
type App struct {
	// ClientID is the app ID (or Headless client ID).
	ClientID string
	// ClientSecret is the app secret. Empty models a Headless client for
	// which no secret has been generated: client-credentials requests for it
	// fail with invalid_client.
	ClientSecret string
	// Name is the app name reported by the protected API.
	Name string
	// Instances are the installations of the app.
	Instances []Instance
	// AllowNoInstance lets client-credentials requests without an
	// instance_id succeed, as for a Headless OAuth client or a site-level
	// admin token. Such tokens carry SiteID and no instance.
	AllowNoInstance bool
	// SiteID is the site of tokens minted without an instance_id.
	SiteID string
}

// DefaultApps returns the deterministic fixtures used by tests, the demo and
// the documentation examples:
//
//   - "Demo App" ([DemoClientID]) installed on [DemoInstanceID] and
//     [DemoInstanceID2], and uninstalled from [RemovedInstanceID].
//   - "Second App" ([SecondClientID]) installed on the same
//     [DemoInstanceID] and on [SecondOnlyInstanceID], so that two apps share
//     one instance ID and must receive different tokens for it.
//   - "Headless Project" ([HeadlessClientID]), a Headless OAuth client with a
//     secret, no instances, and tokens for [HeadlessSiteID].
//
// Each call returns fresh slices that the caller may modify.
func DefaultApps() []App {
	return []App{
		{
			ClientID:     DemoClientID,
			ClientSecret: DemoClientSecret,
			Name:         "Demo App",
			Instances: []Instance{
				{InstanceID: DemoInstanceID, SiteID: DemoSiteID, AccountID: DemoAccountID},
				{InstanceID: DemoInstanceID2, SiteID: DemoSiteID2, AccountID: DemoAccountID},
				{InstanceID: RemovedInstanceID, SiteID: RemovedSiteID, AccountID: DemoAccountID, Removed: true},
			},
		},
		{
			ClientID:     SecondClientID,
			ClientSecret: SecondClientSecret,
			Name:         "Second App",
			Instances: []Instance{
				{InstanceID: DemoInstanceID, SiteID: DemoSiteID, AccountID: DemoAccountID},
				{InstanceID: SecondOnlyInstanceID, SiteID: SecondOnlySiteID, AccountID: DemoAccountID},
			},
		},
		{
			ClientID:        HeadlessClientID,
			ClientSecret:    HeadlessClientSecret,
			Name:            "Headless Project",
			AllowNoInstance: true,
			SiteID:          HeadlessSiteID,
		},
	}
}

// GenerateInstances returns n deterministic, GUID-shaped instances for scale
// tests and benchmarks. Instance i (counting from 1) has the instance ID
// "cccccccc-0000-4000-8000-<i as 12 digits>" and the site ID
// "dddddddd-0000-4000-8000-<i as 12 digits>", and belongs to
// [DemoAccountID]. It returns nil when n <= 0.
func GenerateInstances(n int) []Instance {
	if n <= 0 {
		return nil
	}
	out := make([]Instance, n)
	for i := range out {
		out[i] = Instance{
			InstanceID: GeneratedInstanceID(i + 1),
			SiteID:     fmt.Sprintf("dddddddd-0000-4000-8000-%012d", i+1),
			AccountID:  DemoAccountID,
		}
	}
	return out
}

// GeneratedInstanceID returns the instance ID of the i-th instance (counting
// from 1) produced by [GenerateInstances].
func GeneratedInstanceID(i int) string {
	return fmt.Sprintf("cccccccc-0000-4000-8000-%012d", i)
}

// ValidateApps reports the first fixture bug in apps: an app without a
// client ID, two apps with one client ID, an instance without an instance
// ID, or an app that lists one instance twice.
func ValidateApps(apps []App) error {
	clients := map[string]bool{}
	for i, a := range apps {
		if a.ClientID == "" {
			return fmt.Errorf("app %d has no client ID", i+1)
		}
		if clients[a.ClientID] {
			return fmt.Errorf("two apps have the client ID %q", a.ClientID)
		}
		clients[a.ClientID] = true
		instances := map[string]bool{}
		for _, in := range a.Instances {
			switch {
			case in.InstanceID == "":
				return fmt.Errorf("app %q has an instance without an instance ID", a.ClientID)
			case instances[in.InstanceID]:
				return fmt.Errorf("app %q lists the instance %q twice", a.ClientID, in.InstanceID)
			}
			instances[in.InstanceID] = true
		}
	}
	return nil
}
