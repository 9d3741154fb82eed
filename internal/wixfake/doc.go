// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

// Package wixfake is an in-memory fake of the Wix OAuth endpoints and of one
// Wix API that takes the tokens, for tests, benchmarks and demos that must
// run without www.wixapis.com.
//
// It serves:
//
//   - POST /oauth2/token, Create Access Token
//     (https://dev.wix.com/docs/rest/app-management/oauth-2/create-access-token):
//     the client_credentials grant, answered with a 4-hour token. Errors
//     have the RFC 6749 shape {"error","error_description"}; with
//     [ShapeWix], an unknown or uninstalled instance is a Wix standard 404
//     NOT_FOUND instead.
//   - POST /oauth/access and /oauth/access/, Wix's deprecated custom
//     authentication: the refresh_token grant
//     (https://dev.wix.com/docs/rest/app-management/oauth-2/refresh-an-access-token)
//     and the authorization_code grant
//     (https://dev.wix.com/docs/rest/app-management/oauth-2/request-an-access-token),
//     answered with exactly {"access_token","refresh_token"} and a token
//     that lives 5 minutes. Refresh tokens and one-time codes are set per
//     installation in the fixtures ([Instance.RefreshToken],
//     [Instance.AuthCodes]). Errors have the RFC 6749 shape.
//   - POST /oauth2/token-info, Token Info
//     (https://dev.wix.com/docs/rest/app-management/oauth-2/token-info):
//     what the fake knows about a token it minted, by either endpoint, in
//     the documented form where active, exp and iat are strings.
//   - GET /apps/v1/instance, Get App Instance
//     (https://dev.wix.com/docs/rest/app-management/app-instance/get-app-instance):
//     the instance and site of a valid token, sent as "Authorization: <token>"
//     or "Authorization: Bearer <token>", with the fields of Wix's SDK
//     types. A token for an instance without the Manage Your App permission
//     gets 403 PERMISSION_DENIED.
//   - GET /_fake/stats: the server's [Stats] as JSON, for use from another
//     process.
//
// Request bodies are JSON objects whatever their Content-Type (Wix's own SDK
// sends JSON as text/plain), with snake_case or camelCase field names.
// Every other path, and every other method on these paths, answers 404 with
// an HTML page, as the real gateway does.
//
// A [Server] is an [net/http.Handler] that is safe for concurrent use. It can
// be mounted anywhere, started on a loopback port with [Server.Start], or
// started for one test with [NewTestServer]. Its clock is injectable so that
// tests can expire tokens, and faults (429, 5xx, odd bodies, delays and
// hangs) can be injected per path with [Server.InjectFault]. Tokens are
// random text after the "OauthNG.JWS." prefix that real ones start with:
// the fake knows its tokens by looking them up, and clients must treat them
// as opaque.
//
// The server knows the apps of [Options.Apps]: by default [DefaultApps],
// whose IDs, secrets and reported values are exported constants, or the
// caller's own, built in Go or read from a JSON file with [ParseFixtures].
//
// Nothing the fake returns or records contains a client secret. Error
// descriptions never echo request values, so a secret pasted into the wrong
// field cannot leak either.
package wixfake
