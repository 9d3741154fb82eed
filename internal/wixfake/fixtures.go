// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wixfake

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Fixture identifiers and secrets of [DefaultApps], which tells how they fit
// together. They are fake values, safe to print in tests, documentation and
// examples.
const (
	DemoClientID         = "11111111-1111-4111-8111-111111111111"
	DemoClientSecret     = "fake-secret-app-one-0001"
	DemoInstanceID       = "aaaaaaaa-0000-4000-8000-000000000001"
	DemoInstanceID2      = "aaaaaaaa-0000-4000-8000-000000000002"
	RemovedInstanceID    = "aaaaaaaa-0000-4000-8000-0000000000ff"
	DemoSiteID           = "bbbbbbbb-0000-4000-8000-000000000001"
	DemoSiteID2          = "bbbbbbbb-0000-4000-8000-000000000002"
	DemoAccountID        = "eeeeeeee-0000-4000-8000-000000000001" // owns every fixture site
	SecondClientID       = "22222222-2222-4222-8222-222222222222"
	SecondClientSecret   = "fake-secret-app-two-0002"
	SecondOnlyInstanceID = "aaaaaaaa-0000-4000-8000-000000000003"
	HeadlessClientID     = "33333333-3333-4333-8333-333333333333"
	HeadlessClientSecret = "fake-secret-headless-0003"
	HeadlessSiteID       = "bbbbbbbb-0000-4000-8000-000000000009"

	// Refresh tokens for [LegacyTokenPath]: the Demo App's on
	// DemoInstanceID, DemoInstanceID2 and RemovedInstanceID (where it no
	// longer works), and the Second App's on DemoInstanceID.
	DemoRefreshToken    = "fake-refresh-demo-0001"
	DemoRefreshToken2   = "fake-refresh-demo-0002"
	RemovedRefreshToken = "fake-refresh-demo-00ff"
	SecondRefreshToken  = "fake-refresh-second-0001"
	// DemoAuthCode is a one-time authorization code of the Demo App on
	// DemoInstanceID: it works once, within 10 minutes of the server's
	// creation, and returns DemoRefreshToken.
	DemoAuthCode = "fake-code-demo-0001"
)

// What Get App Instance reports for the [DefaultApps] fixtures. Every site
// display name starts with "Fake site ".
const (
	DemoAppName   = "Demo App"
	SecondAppName = "Second App"
	// DemoAppVersion is the Demo App's version on DemoInstanceID; it has
	// none on DemoInstanceID2.
	DemoAppVersion      = "2.3.0"
	DemoSiteDisplayName = "Fake site Demo Bakery"
	DemoSiteURL         = "https://fakedemo.wixsite.com/demo-bakery"
	// DemoSiteDisplayName2 is the name of DemoSiteID2, which is not
	// published: it has no URL.
	DemoSiteDisplayName2    = "Fake site Demo Draft"
	HeadlessSiteDisplayName = "Fake site Headless Shop"
	HeadlessSiteURL         = "https://fakeheadless.wixsite.com/headless-shop"
)

// Permission scopes, spelled as Get App Instance reports them.
const (
	// PermissionManageAppInstance is "Manage Your App", the permission Get
	// App Instance needs.
	PermissionManageAppInstance = "WIX_DEVELOPERS.MANAGE_APP_INSTANCE"
	PermissionCreateCheckout    = "WIX_DEVELOPERS.CREATE_CHECKOUT"
	PermissionManageCharge      = "WIX_DEVELOPERS.MANAGE_CHARGE"
)

// Site is what Get App Instance reports about a site, besides its ID.
type Site struct {
	SiteDisplayName string `json:"siteDisplayName"` // empty is reported as null
	// URL is the published site's address; empty, reported as null, means
	// the site is not published.
	URL              string   `json:"url"`
	Locale           string   `json:"locale"`           // ISO 639-1; empty means "en"
	PaymentCurrency  string   `json:"paymentCurrency"`  // ISO 4217; empty means "USD"
	InstalledWixApps []string `json:"installedWixApps"` // such as "stores" or "bookings"
}

// Instance is one installation of an app on a Wix site.
type Instance struct {
	InstanceID string `json:"instanceId"` // the instance_id of token requests
	SiteID     string `json:"siteId"`
	AccountID  string `json:"accountId"` // the Wix account that owns the site
	// Removed marks an instance the app has been uninstalled from: token
	// requests for it fail exactly like those for an unknown instance.
	Removed    bool   `json:"removed"`
	AppVersion string `json:"appVersion"` // empty is reported as null
	// Permissions are the scopes the site owner granted here. Nil means the
	// app's [App.Permissions]; an empty non-nil slice means none at all.
	Permissions []string `json:"permissions"`
	// RefreshToken is the installation's refresh token for
	// [LegacyTokenPath]; empty means none.
	RefreshToken string `json:"refreshToken"`
	// AuthCodes are one-time authorization codes for [LegacyTokenPath].
	// Each works once, until 10 minutes after the server was created, and
	// returns RefreshToken, which must be set.
	AuthCodes []string `json:"authCodes"`
	Site      Site     `json:"site"`
}

// App is a Wix app, or a Wix Headless OAuth client, known to the fake.
type App struct {
	ClientID string `json:"clientId"` // the app ID, or Headless client ID
	// ClientSecret is the app secret. Empty models a Headless client for
	// which no secret has been generated: token requests for it fail with
	// invalid_client.
	ClientSecret string `json:"clientSecret"`
	Name         string `json:"name"` // appName in Get App Instance
	Free         bool   `json:"free"` // isFree in Get App Instance
	// Permissions are the scopes of the app's instances that list none of
	// their own, and of tokens without an instance. Nil means just
	// [PermissionManageAppInstance]; an empty non-nil slice means none at
	// all, so that Get App Instance answers 403.
	Permissions []string   `json:"permissions"`
	Instances   []Instance `json:"instances"`
	// AllowNoInstance lets client-credentials requests without an
	// instance_id succeed, as for a Headless OAuth client or a site-level
	// admin token. Such tokens carry SiteID and Site, and no instance.
	AllowNoInstance bool   `json:"allowNoInstance"`
	SiteID          string `json:"siteId"`
	Site            Site   `json:"site"`
}

// String describes the app without its secret, so that a test's failure
// never prints one.
func (a App) String() string {
	return fmt.Sprintf("app %s %q (secret set: %v, free: %v, permissions %q, no instance allowed: %v, site %s %+v) with instances %v",
		a.ClientID, a.Name, a.ClientSecret != "", a.Free, a.Permissions, a.AllowNoInstance, a.SiteID, a.Site, a.Instances)
}

// String describes the instance without its refresh token or codes.
func (in Instance) String() string {
	return fmt.Sprintf("{instance %s site %s account %s removed %v version %q permissions %q refresh token set %v, %d codes, %+v}",
		in.InstanceID, in.SiteID, in.AccountID, in.Removed, in.AppVersion, in.Permissions, in.RefreshToken != "", len(in.AuthCodes), in.Site)
}

// DefaultApps returns the deterministic fixtures used by tests, the demo and
// the documentation examples:
//
//   - "Demo App" ([DemoClientID]), free, installed on [DemoInstanceID]
//     (a published site, with three permissions) and [DemoInstanceID2] (an
//     unpublished site, no app version, only the Manage Your App
//     permission), and uninstalled from [RemovedInstanceID].
//   - "Second App" ([SecondClientID]), paid, installed on the same
//     [DemoInstanceID], so that two apps share one instance ID and must
//     receive different tokens for it, and on [SecondOnlyInstanceID], where
//     it lacks the Manage Your App permission.
//   - "Headless Project" ([HeadlessClientID]), a Headless OAuth client with a
//     secret, no instances, and tokens for [HeadlessSiteID].
//
// Each call returns fresh slices that the caller may modify.
func DefaultApps() []App {
	demoSite := func() Site {
		return Site{SiteDisplayName: DemoSiteDisplayName, URL: DemoSiteURL, Locale: "en", PaymentCurrency: "USD", InstalledWixApps: []string{"stores", "wix_forms"}}
	}
	return []App{
		{
			ClientID:     DemoClientID,
			ClientSecret: DemoClientSecret,
			Name:         DemoAppName,
			Free:         true,
			Instances: []Instance{
				{InstanceID: DemoInstanceID, SiteID: DemoSiteID, AccountID: DemoAccountID, AppVersion: DemoAppVersion,
					Permissions:  []string{PermissionManageAppInstance, PermissionCreateCheckout, PermissionManageCharge},
					RefreshToken: DemoRefreshToken, AuthCodes: []string{DemoAuthCode},
					Site: demoSite()},
				{InstanceID: DemoInstanceID2, SiteID: DemoSiteID2, AccountID: DemoAccountID, RefreshToken: DemoRefreshToken2,
					Site: Site{SiteDisplayName: DemoSiteDisplayName2, Locale: "de", PaymentCurrency: "EUR", InstalledWixApps: []string{}}},
				{InstanceID: RemovedInstanceID, SiteID: "bbbbbbbb-0000-4000-8000-0000000000ff", AccountID: DemoAccountID, Removed: true,
					AppVersion: DemoAppVersion, RefreshToken: RemovedRefreshToken,
					Site: Site{SiteDisplayName: "Fake site Removed", Locale: "en", PaymentCurrency: "USD"}},
			},
		},
		{
			ClientID:     SecondClientID,
			ClientSecret: SecondClientSecret,
			Name:         SecondAppName,
			Permissions:  []string{PermissionManageAppInstance, PermissionCreateCheckout},
			Instances: []Instance{
				{InstanceID: DemoInstanceID, SiteID: DemoSiteID, AccountID: DemoAccountID, AppVersion: "1.0.7",
					RefreshToken: SecondRefreshToken, Site: demoSite()},
				{InstanceID: SecondOnlyInstanceID, SiteID: "bbbbbbbb-0000-4000-8000-000000000003", AccountID: DemoAccountID, AppVersion: "1.0.7",
					Permissions: []string{PermissionCreateCheckout},
					Site: Site{SiteDisplayName: "Fake site Second Studio", URL: "https://fakesecond.wixsite.com/second-studio",
						Locale: "he", PaymentCurrency: "ILS", InstalledWixApps: []string{"bookings", "pricingplans"}}},
			},
		},
		{
			ClientID:        HeadlessClientID,
			ClientSecret:    HeadlessClientSecret,
			Name:            "Headless Project",
			AllowNoInstance: true,
			SiteID:          HeadlessSiteID,
			Site:            Site{SiteDisplayName: HeadlessSiteDisplayName, URL: HeadlessSiteURL, Locale: "en", PaymentCurrency: "GBP", InstalledWixApps: []string{"stores"}},
		},
	}
}

// GenerateInstances returns n deterministic, GUID-shaped instances for scale
// tests and benchmarks, or nil when n <= 0. Instance i (counting from 1) has
// the ID [GeneratedInstanceID](i), the site ID
// "dddddddd-0000-4000-8000-<i as 12 digits>" and the site display name
// "Fake site <i>", and belongs to [DemoAccountID].
func GenerateInstances(n int) []Instance {
	var out []Instance
	for i := 1; i <= n; i++ {
		out = append(out, Instance{
			InstanceID: GeneratedInstanceID(i),
			SiteID:     fmt.Sprintf("dddddddd-0000-4000-8000-%012d", i),
			AccountID:  DemoAccountID,
			Site:       Site{SiteDisplayName: fmt.Sprintf("Fake site %d", i)},
		})
	}
	return out
}

// GeneratedInstanceID returns the instance ID of the i-th instance (counting
// from 1) of [GenerateInstances]: "cccccccc-0000-4000-8000-<i as 12 digits>".
func GeneratedInstanceID(i int) string {
	return fmt.Sprintf("cccccccc-0000-4000-8000-%012d", i)
}

// ValidateApps reports the first fixture bug in apps: an app without a
// client ID, two apps with one client ID, an instance without an instance
// ID, an app that lists one instance twice, a refresh token or
// authorization code used twice, or authorization codes without a refresh
// token.
func ValidateApps(apps []App) error {
	clients, tokens := map[string]bool{}, map[string]bool{}
	for i, a := range apps {
		switch {
		case a.ClientID == "":
			return fmt.Errorf("app %d has no client ID", i+1)
		case clients[a.ClientID]:
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
			case len(in.AuthCodes) > 0 && in.RefreshToken == "":
				return fmt.Errorf("instance %q of app %q has authorization codes but no refresh token", in.InstanceID, a.ClientID)
			}
			instances[in.InstanceID] = true
			for _, tok := range append([]string{in.RefreshToken}, in.AuthCodes...) {
				if tokens[tok] {
					return fmt.Errorf("instance %q of app %q reuses the refresh token or authorization code %q", in.InstanceID, a.ClientID, tok)
				}
				tokens[tok] = tok != ""
			}
		}
	}
	return nil
}

// ParseFixtures reads a fixtures file: a JSON object {"apps": [...]} whose
// apps have the JSON field names of [App], [Instance] and [Site], such as
// {"clientId": "...", "instances": [{"instanceId": "...", "site": {...}}]}.
// It refuses unknown fields, anything after the object, and apps that fail
// [ValidateApps]. The cmd/wixfake package documents the format with an
// example.
func ParseFixtures(data []byte) ([]App, error) {
	type fixtures struct {
		Apps []App `json:"apps"`
	}
	var f fixtures
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	switch err := dec.Decode(&f); {
	case errors.Is(err, io.EOF):
		return nil, errors.New("the file is empty")
	case err != nil:
		// The offset of a syntax or type error is just after the byte at fault.
		offset := int64(0)
		if syntax := (*json.SyntaxError)(nil); errors.As(err, &syntax) {
			offset = syntax.Offset
		} else if wrongType := (*json.UnmarshalTypeError)(nil); errors.As(err, &wrongType) {
			offset = wrongType.Offset
		}
		msg := strings.TrimPrefix(err.Error(), "json: ")
		if offset < 1 || offset > int64(len(data)) {
			return nil, errors.New(msg)
		}
		before := data[:offset-1]
		return nil, fmt.Errorf("line %d, column %d: %s", bytes.Count(before, []byte("\n"))+1, len(before)-bytes.LastIndexByte(before, '\n'), msg)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("unexpected data after the JSON object")
	}
	if f.Apps == nil {
		return nil, errors.New(`no "apps" list`)
	}
	if err := ValidateApps(f.Apps); err != nil {
		return nil, err
	}
	return f.Apps, nil
}
