// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

// Command wixfake serves a fake of the Wix OAuth endpoints and of Wix's Get
// App Instance API on a local port. Point the wix provider at it to test
// Terraform configurations that mint Wix tokens without a Wix account,
// credentials or network access; the demo and benchmarks of this repository
// use it too.
//
// Install it with
//
//	go install github.com/wixtf/terraform-provider-wix/cmd/wixfake@latest
//
// # Usage
//
//	wixfake [-addr 127.0.0.1:0] [-fixtures FILE] [-instances N]
//	        [-env-file PATH] [-latency 0s] [-error-shape rfc|wix]
//	        [-token-info-native]
//
// Once listening, it writes the env file (if asked) and then prints one
// line, "wixfake listening on http://127.0.0.1:PORT", to standard output. It
// stops cleanly on SIGINT or SIGTERM. The flags:
//
//	-addr HOST:PORT
//	    address to listen on (default 127.0.0.1:0, a free port)
//	-fixtures FILE
//	    serve the apps of this JSON file (format below) instead of the
//	    built-in ones
//	-instances N
//	    add N generated instances to the first app, for scale tests
//	-env-file PATH
//	    once listening, write WIX_API_URL, WIX_CLIENT_ID, WIX_CLIENT_SECRET
//	    and WIX_INSTANCE_ID for the first app and its first installed
//	    instance, as KEY=VALUE lines; the file is written atomically (a
//	    script can wait for it to appear) and removed on exit
//	-latency DURATION
//	    delay added to every token request, for benchmarks
//	-error-shape rfc|wix
//	    answer an unknown instance_id with RFC 6749 invalid_request (rfc,
//	    the default) or with Wix's standard 404 NOT_FOUND (wix)
//	-token-info-native
//	    answer Token Info with a boolean active and numeric exp and iat,
//	    instead of the strings of Wix's documented example
//
// # What it serves
//
//   - POST /oauth2/token: Create Access Token, client_credentials grant
//     (https://dev.wix.com/docs/rest/app-management/oauth-2/create-access-token).
//   - POST /oauth/access and /oauth/access/: the refresh_token and
//     authorization_code grants of Wix's deprecated custom authentication
//     (https://dev.wix.com/docs/rest/app-management/oauth-2/refresh-an-access-token,
//     https://dev.wix.com/docs/rest/app-management/oauth-2/request-an-access-token).
//   - POST /oauth2/token-info: Token Info
//     (https://dev.wix.com/docs/rest/app-management/oauth-2/token-info).
//   - GET /apps/v1/instance: Get App Instance
//     (https://dev.wix.com/docs/rest/app-management/app-instance/get-app-instance),
//     for the tokens the fake minted.
//   - GET /_fake/stats: counters as JSON, such as {"token_requests":2,
//     "issued_tokens":1,"protected_calls":1,"protected_authenticated":1}.
//
// Tokens live 4 hours (5 minutes from /oauth/access). Package
// github.com/wixtf/terraform-provider-wix/internal/wixfake describes the
// behaviour in detail.
//
// # Pointing the provider at it
//
// The provider's api_url setting (or WIX_API_URL) takes plain http to a
// loopback host, so the fake's URL works as is:
//
//	wixfake -addr 127.0.0.1:8080 -env-file wix.env &
//	while [ ! -f wix.env ]; do sleep 0.1; done
//	set -a; . ./wix.env; set +a   # WIX_API_URL, WIX_CLIENT_ID, ...
//	terraform apply
//
// or, in the configuration:
//
//	provider "wix" {
//	  api_url       = "http://127.0.0.1:8080"
//	  client_id     = "11111111-1111-4111-8111-111111111111"
//	  client_secret = "fake-secret-app-one-0001"
//	  instance_id   = "aaaaaaaa-0000-4000-8000-000000000001"
//	}
//
// Other providers that call Wix with the token (restapi, http) must be
// pointed at the same URL.
//
// # Built-in fixtures
//
// Without -fixtures, the fake knows these apps (all values are fake):
//
//   - Demo App: client ID 11111111-1111-4111-8111-111111111111, secret
//     fake-secret-app-one-0001, installed on instance
//     aaaaaaaa-0000-4000-8000-000000000001 (refresh token
//     fake-refresh-demo-0001, one-time code fake-code-demo-0001) and
//     aaaaaaaa-0000-4000-8000-000000000002 (refresh token
//     fake-refresh-demo-0002), and uninstalled from
//     aaaaaaaa-0000-4000-8000-0000000000ff.
//   - Second App: client ID 22222222-2222-4222-8222-222222222222, secret
//     fake-secret-app-two-0002, installed on
//     aaaaaaaa-0000-4000-8000-000000000001 too (refresh token
//     fake-refresh-second-0001) and on
//     aaaaaaaa-0000-4000-8000-000000000003, where it lacks the permission
//     Get App Instance needs.
//   - Headless Project: client ID 33333333-3333-4333-8333-333333333333,
//     secret fake-secret-headless-0003, which mints tokens without an
//     instance ID.
//
// # Fixtures file
//
// A fixtures file replaces the built-in apps. It is a JSON object with one
// key, "apps", a list of apps. An app has:
//
//	clientId         the app (or Headless client) ID; required, unique
//	clientSecret     its secret; empty means none was generated
//	name             appName in Get App Instance
//	free             isFree in Get App Instance
//	permissions      the permission scopes of its instances that list none,
//	                 and of tokens without an instance; absent means just
//	                 WIX_DEVELOPERS.MANAGE_APP_INSTANCE, which Get App
//	                 Instance needs; [] means none (Get App Instance is 403)
//	instances        its installations (below)
//	allowNoInstance  true to mint client-credentials tokens without an
//	                 instance_id, as a Headless client does
//	siteId, site     the site of such tokens
//
// An instance has:
//
//	instanceId    the app instance ID; required, unique within the app
//	siteId        its site's ID
//	accountId     the account that owns the site
//	removed       true once the app is uninstalled: no tokens, no refresh
//	appVersion    appVersion in Get App Instance; absent means null
//	permissions   the scopes granted here; absent means the app's
//	refreshToken  the refresh token for /oauth/access; unique
//	authCodes     one-time codes for /oauth/access, valid for 10 minutes
//	              after the fake starts; they need a refreshToken
//	site          the site in Get App Instance (below)
//
// A site has siteDisplayName (absent means null), url (absent means null:
// not published), locale (default "en"), paymentCurrency (default "USD")
// and installedWixApps. Unknown fields are errors, as are a client ID,
// instance ID, refresh token or code used twice. An example, the file
// testdata/fixtures.json of this command:
//
//	{
//	  "apps": [
//	    {
//	      "clientId": "5f0c1c3e-7a7d-4d0e-9a43-0c3f4b9d2a11",
//	      "clientSecret": "test-secret-booking-sync",
//	      "name": "Booking Sync",
//	      "free": false,
//	      "permissions": ["WIX_DEVELOPERS.MANAGE_APP_INSTANCE"],
//	      "instances": [
//	        {
//	          "instanceId": "9d8e7f60-1a2b-4c3d-8e9f-0a1b2c3d4e5f",
//	          "siteId": "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0",
//	          "accountId": "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d",
//	          "appVersion": "3.1.0",
//	          "refreshToken": "test-refresh-yoga",
//	          "authCodes": ["test-code-yoga"],
//	          "site": {
//	            "siteDisplayName": "Yoga Studio",
//	            "url": "https://example.wixsite.com/yoga-studio",
//	            "locale": "en",
//	            "paymentCurrency": "USD",
//	            "installedWixApps": ["bookings", "pricingplans"]
//	          }
//	        },
//	        {
//	          "instanceId": "1b2c3d4e-5f60-4718-89a0-b1c2d3e4f5a6",
//	          "siteId": "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
//	          "permissions": [],
//	          "site": {"siteDisplayName": "Draft Site", "locale": "fr", "paymentCurrency": "EUR"}
//	        }
//	      ]
//	    },
//	    {
//	      "clientId": "c7d8e9f0-a1b2-4c3d-9e4f-5a6b7c8d9e0f",
//	      "clientSecret": "test-secret-headless-shop",
//	      "name": "Headless Shop",
//	      "allowNoInstance": true,
//	      "siteId": "d4c3b2a1-f6e5-4b7a-9d8c-5c4b3a2f1e0d",
//	      "site": {"siteDisplayName": "Headless Shop", "url": "https://shop.example.com", "installedWixApps": ["stores"]}
//	    }
//	  ]
//	}
//
// With it, "wixfake -fixtures fixtures.json -env-file wix.env" writes the
// Booking Sync app and its Yoga Studio instance to wix.env.
package main
