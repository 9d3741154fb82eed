// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wix_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/wixtf/terraform-provider-wix/internal/wix"
	"github.com/wixtf/terraform-provider-wix/internal/wixfake"
)

func ptr[T any](v T) *T { return &v }

// Get App Instance against the fake, for a published site, an unpublished
// one, and a Headless token that has a site but no instance.
func TestGetAppInstance(t *testing.T) {
	fake := wixfake.NewTestServer(t, wixfake.Options{Now: fixedClock})
	c := newClient(t, fake, nil)
	mint := func(cr wix.Credentials) string {
		t.Helper()
		tok, err := c.CreateAccessToken(context.Background(), cr)
		if err != nil {
			t.Fatal(err)
		}
		return tok.AccessToken
	}
	cases := []struct {
		name string
		cr   wix.Credentials
		want wix.AppInstance
	}{
		{"published", demo, wix.AppInstance{
			InstanceID: ptr(wixfake.DemoInstanceID), AppName: ptr(wixfake.DemoAppName), AppVersion: ptr(wixfake.DemoAppVersion), IsFree: ptr(true),
			Permissions: []string{wixfake.PermissionManageAppInstance, wixfake.PermissionCreateCheckout, wixfake.PermissionManageCharge},
			SiteID:      ptr(wixfake.DemoSiteID), SiteDisplayName: ptr(wixfake.DemoSiteDisplayName), Locale: ptr("en"), PaymentCurrency: ptr("USD"),
			SiteURL: ptr(wixfake.DemoSiteURL), InstalledWixApps: []string{"stores", "wix_forms"}, Attempts: 1,
		}},
		{"unpublished, no version", wix.Credentials{ClientID: wixfake.DemoClientID, ClientSecret: wixfake.DemoClientSecret, InstanceID: wixfake.DemoInstanceID2}, wix.AppInstance{
			InstanceID: ptr(wixfake.DemoInstanceID2), AppName: ptr(wixfake.DemoAppName), IsFree: ptr(true),
			Permissions: []string{wixfake.PermissionManageAppInstance},
			SiteID:      ptr(wixfake.DemoSiteID2), SiteDisplayName: ptr(wixfake.DemoSiteDisplayName2), Locale: ptr("de"), PaymentCurrency: ptr("EUR"),
			InstalledWixApps: []string{}, Attempts: 1,
		}},
		{"Headless, no instance", wix.Credentials{ClientID: wixfake.HeadlessClientID, ClientSecret: wixfake.HeadlessClientSecret}, wix.AppInstance{
			Permissions: []string{},
			SiteID:      ptr(wixfake.HeadlessSiteID), SiteDisplayName: ptr(wixfake.HeadlessSiteDisplayName), Locale: ptr("en"), PaymentCurrency: ptr("GBP"),
			SiteURL: ptr(wixfake.HeadlessSiteURL), InstalledWixApps: []string{"stores"}, Attempts: 1,
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := c.GetAppInstance(context.Background(), mint(tc.cr))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(*got, tc.want) {
				t.Errorf("got  %s\nwant %s", show(*got), show(tc.want))
			}
		})
	}
	// The token went bare in Authorization, as Wix documents.
	for _, call := range fake.ProtectedCalls() {
		if call.Authorization != call.Token || call.Token == "" {
			t.Error("Get App Instance was not called with the bare token")
		}
	}
}

// show writes an AppInstance with its pointers followed.
func show(a wix.AppInstance) string {
	v := reflect.ValueOf(a)
	var b strings.Builder
	for i := range v.NumField() {
		f := v.Field(i)
		switch {
		case f.Kind() == reflect.Pointer && f.IsNil():
			fmt.Fprintf(&b, "%s:nil ", v.Type().Field(i).Name)
		case f.Kind() == reflect.Pointer:
			fmt.Fprintf(&b, "%s:%q ", v.Type().Field(i).Name, fmt.Sprint(f.Elem().Interface()))
		default:
			fmt.Fprintf(&b, "%s:%#v ", v.Type().Field(i).Name, f.Interface())
		}
	}
	return b.String()
}

// Wix's refusals are typed errors that never quote the token: 403 for an
// app without the Manage Your App permission, 401 for a token Wix does not
// accept, 404 when Wix knows no such instance.
func TestGetAppInstance_Refusals(t *testing.T) {
	fake := wixfake.NewTestServer(t, wixfake.Options{Now: fixedClock})
	c := newClient(t, fake, nil)
	tok, err := c.CreateAccessToken(context.Background(), wix.Credentials{ClientID: wixfake.SecondClientID, ClientSecret: wixfake.SecondClientSecret, InstanceID: wixfake.SecondOnlyInstanceID})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetAppInstance(context.Background(), tok.AccessToken)
	var apiErr *wix.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 403 || apiErr.Code != "PERMISSION_DENIED" || apiErr.Attempts != 1 {
		t.Fatalf("err %v, want Wix's 403 PERMISSION_DENIED, not retried", err)
	}
	if strings.Contains(err.Error(), tok.AccessToken) {
		t.Error("the error quotes the token")
	}
	_, err = c.GetAppInstance(context.Background(), "OauthNG.JWS.never-issued")
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 401 || apiErr.Code != "UNAUTHENTICATED" {
		t.Fatalf("err %v, want Wix's 401", err)
	}
	fake.InjectFault(wix.AppInstancePath, wixfake.Fault{Status: 404, Body: `{"message":"Instance not found","details":{"applicationError":{"code":"NOT_FOUND","description":"no such instance","data":{}}}}`})
	_, err = c.GetAppInstance(context.Background(), tok.AccessToken)
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 404 || apiErr.Description != "no such instance" {
		t.Fatalf("err %v, want Wix's 404", err)
	}
	fake.InjectFault(wix.AppInstancePath, wixfake.Fault{Status: 200, Body: `<html>maintenance</html>`, Header: map[string]string{"Content-Type": "text/html"}})
	if _, err = c.GetAppInstance(context.Background(), tok.AccessToken); wix.KindOf(err) != wix.KindBadResponse {
		t.Fatalf("err %v, want an unusable answer", err)
	}
}

func TestDecodeAppInstance(t *testing.T) {
	empty := wix.AppInstance{Permissions: []string{}, InstalledWixApps: []string{}}
	cases := []struct {
		name, body string
		want       wix.AppInstance
		err        string
	}{
		{"every field", `{"instance":{"instanceId":"i","appName":"n","appVersion":"1.0","isFree":false,"permissions":["A","B"],"billing":{"packageName":"p"}},` +
			`"site":{"siteId":"s","siteDisplayName":"d","locale":"fr","paymentCurrency":"EUR","url":"https://x","installedWixApps":["stores"],"ownerInfo":{}}}`,
			wix.AppInstance{InstanceID: ptr("i"), AppName: ptr("n"), AppVersion: ptr("1.0"), IsFree: ptr(false), Permissions: []string{"A", "B"},
				SiteID: ptr("s"), SiteDisplayName: ptr("d"), Locale: ptr("fr"), PaymentCurrency: ptr("EUR"), SiteURL: ptr("https://x"), InstalledWixApps: []string{"stores"}}, ""},
		{"nothing", `{}`, empty, ""},
		{"nulls", `{"instance":{"appVersion":null,"isFree":null,"permissions":null},"site":{"url":null,"installedWixApps":null}}`, empty, ""},
		{"parts of the wrong shape", `{"instance":[1,2],"site":"s"}`, empty, ""},
		{"fields of the wrong type", `{"instance":{"appName":7,"isFree":"yes","permissions":["A",3,null,"B"]},"site":{"url":false}}`,
			wix.AppInstance{Permissions: []string{"A", "B"}, InstalledWixApps: []string{}}, ""},
		{"not JSON", `oops`, wix.AppInstance{}, "the body is not a JSON object"},
		{"null", `null`, wix.AppInstance{}, "the body is not a JSON object"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := wix.DecodeAppInstanceForTest([]byte(tc.body))
			switch {
			case tc.err != "":
				if err == nil || err.Error() != tc.err {
					t.Fatalf("err %v, want %q", err, tc.err)
				}
			case err != nil:
				t.Fatalf("err %v", err)
			case !reflect.DeepEqual(*got, tc.want):
				t.Errorf("got  %s\nwant %s", show(*got), show(tc.want))
			}
		})
	}
}
