// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wixfake_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/wixtf/terraform-provider-wix/internal/wixfake"
)

func Example() {
	srv := wixfake.New(wixfake.Options{})
	if err := srv.Start(""); err != nil {
		panic(err)
	}
	defer srv.Close()

	// Mint a token for the Demo App on its first instance.
	body := fmt.Sprintf(`{"grant_type":"client_credentials","client_id":%q,"client_secret":%q,"instance_id":%q}`,
		wixfake.DemoClientID, wixfake.DemoClientSecret, wixfake.DemoInstanceID)
	resp, err := http.Post(srv.URL()+wixfake.TokenPath, "application/json", strings.NewReader(body))
	if err != nil {
		panic(err)
	}
	var tok wixfake.TokenResponse
	_ = json.NewDecoder(resp.Body).Decode(&tok)
	resp.Body.Close()
	fmt.Println(resp.StatusCode, tok.TokenType, tok.ExpiresIn)

	// Use it, bare, on the protected API.
	req, _ := http.NewRequest(http.MethodGet, srv.URL()+wixfake.AppInstancePath, nil)
	req.Header.Set("Authorization", tok.AccessToken)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	var inst wixfake.AppInstanceResponse
	_ = json.NewDecoder(resp.Body).Decode(&inst)
	resp.Body.Close()
	fmt.Println(resp.StatusCode, inst.Instance.AppName, *inst.Site.SiteDisplayName, *inst.Site.URL)
	fmt.Println(srv.Stats().ProtectedAuthenticated)
	// Output:
	// 200 Bearer 14400
	// 200 Demo App Fake site Demo Bakery https://fakedemo.wixsite.com/demo-bakery
	// 1
}

func Example_legacyRefreshToken() {
	srv := wixfake.New(wixfake.Options{})
	if err := srv.Start(""); err != nil {
		panic(err)
	}
	defer srv.Close()

	body := fmt.Sprintf(`{"grant_type":"refresh_token","client_id":%q,"client_secret":%q,"refresh_token":%q}`,
		wixfake.DemoClientID, wixfake.DemoClientSecret, wixfake.DemoRefreshToken)
	resp, err := http.Post(srv.URL()+wixfake.LegacyTokenPath, "application/json", strings.NewReader(body))
	if err != nil {
		panic(err)
	}
	var tok wixfake.LegacyTokenResponse
	_ = json.NewDecoder(resp.Body).Decode(&tok)
	resp.Body.Close()
	it, _ := srv.LookupToken(tok.AccessToken)
	fmt.Println(resp.StatusCode, tok.RefreshToken, it.InstanceID, it.ExpiresAt.Sub(it.IssuedAt))
	// Output:
	// 200 fake-refresh-demo-0001 aaaaaaaa-0000-4000-8000-000000000001 5m0s
}

func ExampleServer_InjectFault() {
	srv := wixfake.New(wixfake.Options{})
	if err := srv.Start(""); err != nil {
		panic(err)
	}
	defer srv.Close()

	// The next two token requests are rate limited.
	srv.InjectFault(wixfake.TokenPath, wixfake.Fault{Status: http.StatusTooManyRequests, Times: 2, Header: map[string]string{"Retry-After": "1"}})
	for range 3 {
		resp, err := http.Post(srv.URL()+wixfake.TokenPath, "application/json", strings.NewReader(`{}`))
		if err != nil {
			panic(err)
		}
		resp.Body.Close()
		fmt.Println(resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	// Output:
	// 429 1
	// 429 1
	// 400
}
