// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

// Package wixfake is an in-memory fake of the Wix OAuth 2 token endpoint and
// of a small protected Wix API, for tests, benchmarks and demos that must run
// without access to www.wixapis.com.
//
// The fake follows the mock conventions of section 9 of the project's Wix API
// reference (WIX_API.md):
//
//   - POST /oauth2/token mints client-credentials access tokens. It accepts
//     JSON (with or without a Content-Type, or as text/plain) and
//     application/x-www-form-urlencoded bodies, with snake_case or camelCase
//     field names. Errors use the RFC 6749 shape, or the Wix standard error
//     shape for instance problems when [ShapeWix] is selected.
//   - POST /oauth2/token-info describes a token the fake issued, in the
//     documented string-typed shape.
//   - GET /apps/v1/instance is a protected "Get App Instance" call that
//     accepts an issued token as "Authorization: <token>" or
//     "Authorization: Bearer <token>".
//   - GET /_fake/stats reports counters as JSON, for use across processes.
//
// Every other path, and every other method on these paths, answers 404 with
// an HTML body, as the real gateway does for a wrong path.
//
// A [Server] is an [net/http.Handler] that is safe for concurrent use. It can
// be mounted anywhere, started on a loopback port with [Server.Start], or
// started for a single test with [NewTestServer]. Its clock is injectable so
// that tests can expire tokens, and faults (429, 5xx, hostile bodies, delays
// and hangs) can be injected per path with [Server.InjectFault].
//
// Nothing the fake returns ever contains a client secret. Error descriptions
// never echo request values at all, so a secret pasted into the wrong field
// cannot leak either.
package wixfake
