// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/wixtf/terraform-provider-wix/internal/wix"
)

const (
	diagClientID     = "11111111-2222-4333-8444-555555555555"
	diagInstanceID   = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"
	diagSecret       = "Sup3r-S3cret-Never-Shown"
	diagRefreshToken = "Refr3sh-T0ken-Never-Shown"

	srcProviderID       = `client_id in the provider "wix" block`
	srcProviderSecret   = `client_secret in the provider "wix" block`
	srcProviderInstance = `instance_id in the provider "wix" block`
	srcEnvID            = "the WIX_CLIENT_ID environment variable"
	srcEnvSecret        = "the WIX_CLIENT_SECRET environment variable"
	srcEnvInstance      = "the WIX_INSTANCE_ID environment variable"
	srcResID            = "client_id on this wix_access_token"
	srcResSecret        = "client_secret on this wix_access_token"
	srcResInstance      = "instance_id on this wix_access_token"
	srcNoInstance       = `not set: neither instance_id on this wix_access_token, nor instance_id in the provider "wix" block, nor the WIX_INSTANCE_ID environment variable`

	wantWhereToFind = "Find them on your app's OAuth page in the Wix Dev Center (App ID and App secret), " +
		"or for a Headless project in its OAuth app settings (client ID and client secret)."
)

// Settings as Configure (provider block, environment) and
// resolveCredentials (resource) build them.
var (
	idProvider       = resolved{value: diagClientID, source: srcProviderID}
	secretProvider   = resolved{value: diagSecret, source: srcProviderSecret}
	instanceProvider = resolved{value: diagInstanceID, source: srcProviderInstance}
	idEnv            = resolved{value: diagClientID, env: "WIX_CLIENT_ID", source: srcEnvID}
	secretEnv        = resolved{value: diagSecret, env: "WIX_CLIENT_SECRET", source: srcEnvSecret}
	instanceEnv      = resolved{value: diagInstanceID, env: "WIX_INSTANCE_ID", source: srcEnvInstance}
	idResource       = resolved{value: diagClientID, source: srcResID, attr: "client_id"}
	secretResource   = resolved{value: diagSecret, source: srcResSecret, attr: "client_secret"}
	instanceResource = resolved{value: diagInstanceID, source: srcResInstance, attr: "instance_id"}

	credsProvider = credentials{clientID: idProvider, clientSecret: secretProvider, instanceID: instanceProvider}
	credsEnv      = credentials{clientID: idEnv, clientSecret: secretEnv, instanceID: instanceEnv}
	credsResource = credentials{clientID: idResource, clientSecret: secretResource, instanceID: instanceResource}
	// The secret from the environment, the instance from the resource.
	credsMixed = credentials{clientID: idProvider, clientSecret: secretEnv, instanceID: instanceResource}
	// Only the secret is overridden on the resource.
	credsSecretOnResource = credentials{clientID: idProvider, clientSecret: secretResource, instanceID: instanceProvider}
	credsNoInstance       = credentials{clientID: idProvider, clientSecret: secretProvider, instanceID: resolved{source: srcNoInstance}}

	apiDefault  = resolved{value: "https://www.wixapis.com", source: "the default"}
	apiEnv      = resolved{value: "http://127.0.0.1:8080", env: "WIX_API_URL", source: "the WIX_API_URL environment variable"}
	apiProvider = resolved{value: "https://proxy.example.com/wix", source: `api_url in the provider "wix" block`}
)

const (
	tokenURLDefault  = "The token URL was https://www.wixapis.com/oauth2/token (api_url from the default)."
	tokenURLEnv      = "The token URL was http://127.0.0.1:8080/oauth2/token (api_url from the WIX_API_URL environment variable)."
	tokenURLProvider = `The token URL was https://proxy.example.com/wix/oauth2/token (api_url from api_url in the provider "wix" block).`
)

func rootPath(attr string) *path.Path {
	p := path.Root(attr)
	return &p
}

func TestTokenErrorDiagnostic(t *testing.T) {
	cases := []struct {
		name    string
		err     error
		cr      credentials
		api     resolved
		summary string
		path    *path.Path // nil: not attached to an attribute
		detail  string     // when set, the whole detail
		in      []string   // parts the detail must hold
		notIn   []string   // parts it must not hold (the secret is always checked)
	}{
		// Rejected client credentials.
		{
			name:    "invalid_client, all from the provider block",
			err:     &wix.APIError{StatusCode: 401, Code: "invalid_client", Description: "Client authentication failed", InstanceSent: true, Attempts: 1},
			cr:      credsProvider,
			api:     apiDefault,
			summary: "Wix Rejected the Client Credentials",
			detail: `Wix answered HTTP 401 Unauthorized, error "invalid_client": Client authentication failed.` + "\n\n" +
				"Wix does not accept this client ID and client secret together. Check client_id (the App ID; from " + srcProviderID + ") " +
				"and client_secret (the App secret; from " + srcProviderSecret + "): the secret may have been regenerated, or belong to another app. " +
				wantWhereToFind,
		},
		{
			name:    "UNAUTHENTICATED, secret from the environment",
			err:     &wix.APIError{StatusCode: 401, Code: "UNAUTHENTICATED", Description: "invalid app secret", InstanceSent: true, Attempts: 1},
			cr:      credsMixed,
			api:     apiDefault,
			summary: "Wix Rejected the Client Credentials",
			in: []string{
				"HTTP 401 Unauthorized", `error "UNAUTHENTICATED"`, "invalid app secret",
				"client_id (the App ID; from " + srcProviderID + ")",
				"client_secret (the App secret; from " + srcEnvSecret + ")",
			},
			notIn: []string{"attempts"},
		},
		{
			name:    "unauthorized_client, all from the environment, after retries",
			err:     &wix.APIError{StatusCode: 400, Code: "unauthorized_client", InstanceSent: true, Attempts: 2},
			cr:      credsEnv,
			api:     apiEnv,
			summary: "Wix Rejected the Client Credentials",
			in: []string{
				`Wix answered HTTP 400 Bad Request, error "unauthorized_client" (after 2 attempts).`,
				"from " + srcEnvID + ")", "from " + srcEnvSecret + ")",
			},
		},
		{
			name:    "bare 401 without a code, secret on the resource",
			err:     &wix.APIError{StatusCode: 401, InstanceSent: true, Attempts: 1},
			cr:      credsSecretOnResource,
			api:     apiDefault,
			summary: "Wix Rejected the Client Credentials",
			path:    rootPath("client_secret"),
			in:      []string{"Wix answered HTTP 401 Unauthorized.\n\n", "from " + srcProviderID + ")", "from " + srcResSecret + ")"},
		},
		{
			name:    "invalid_client, both on the resource",
			err:     &wix.APIError{StatusCode: 401, Code: "invalid_client", InstanceSent: true, Attempts: 1},
			cr:      credsResource,
			api:     apiDefault,
			summary: "Wix Rejected the Client Credentials",
			path:    rootPath("client_id"),
			in:      []string{`error "invalid_client"`, "from " + srcResID + ")", "from " + srcResSecret + ")"},
		},
		{
			name:    "invalid_client wrapped",
			err:     fmt.Errorf("minting a token: %w", &wix.APIError{StatusCode: 401, Code: "invalid_client", InstanceSent: true, Attempts: 3}),
			cr:      credsProvider,
			api:     apiDefault,
			summary: "Wix Rejected the Client Credentials",
			in:      []string{`minting a token: Wix answered HTTP 401 Unauthorized, error "invalid_client" (after 3 attempts).`},
		},

		// Unknown instance.
		{
			name:    "NOT_FOUND, instance on the resource",
			err:     &wix.APIError{StatusCode: 404, Code: "NOT_FOUND", Description: "App instance not found", InstanceSent: true, Attempts: 1},
			cr:      credsResource,
			api:     apiDefault,
			summary: "Wix Does Not Know This App Instance",
			path:    rootPath("instance_id"),
			detail: `Wix answered HTTP 404 Not Found, error "NOT_FOUND": App instance not found.` + "\n\n" +
				`The instance_id "` + diagInstanceID + `" (from ` + srcResInstance + `) is not an installation of the app ` + diagClientID + `: ` +
				"the ID is mistyped, belongs to another app, or the app was uninstalled from that site. Use the instance ID that Wix sent " +
				"when the app was installed (the App Instance Installed webhook, or the app's dashboard), or install the app on the site again.",
		},
		{
			name:    "PERMISSION_DENIED, instance from the environment",
			err:     &wix.APIError{StatusCode: 403, Code: "PERMISSION_DENIED", InstanceSent: true, Attempts: 1},
			cr:      credsEnv,
			api:     apiDefault,
			summary: "Wix Does Not Know This App Instance",
			in:      []string{"HTTP 403 Forbidden", `error "PERMISSION_DENIED"`, `The instance_id "` + diagInstanceID + `" (from ` + srcEnvInstance + ")"},
		},
		{
			name:    "400 naming the instance, instance from the provider block",
			err:     &wix.APIError{StatusCode: 400, Code: "INVALID_ARGUMENT", Description: "Instance was removed", InstanceSent: true, Attempts: 1},
			cr:      credsProvider,
			api:     apiDefault,
			summary: "Wix Does Not Know This App Instance",
			in:      []string{"HTTP 400 Bad Request", `error "INVALID_ARGUMENT": Instance was removed.`, "(from " + srcProviderInstance + ")"},
		},

		// Rejected request.
		{
			name:    "400 without an instance ID",
			err:     &wix.APIError{StatusCode: 400, Code: "invalid_request", Description: "instance_id is required", InstanceSent: false, Attempts: 1},
			cr:      credsNoInstance,
			api:     apiDefault,
			summary: "Wix Rejected the Token Request",
			detail: `Wix answered HTTP 400 Bad Request, error "invalid_request": instance_id is required.` + "\n\n" +
				"The request carried no instance ID (" + srcNoInstance + "). A Wix app can only mint a token for one of its instances: " +
				"set instance_id. Only a Headless project's OAuth app mints tokens without one. " + tokenURLDefault,
		},
		{
			name:    "404 without an instance ID",
			err:     &wix.APIError{StatusCode: 404, Code: "NOT_FOUND", InstanceSent: false, Attempts: 1},
			cr:      credsNoInstance,
			api:     apiProvider,
			summary: "Wix Rejected the Token Request",
			in:      []string{"HTTP 404 Not Found", `error "NOT_FOUND"`, "carried no instance ID", tokenURLProvider},
		},
		{
			name:    "400 with the instance on the resource",
			err:     &wix.APIError{StatusCode: 400, Code: "invalid_request", Description: "grant_type: must be client_credentials", InstanceSent: true, Attempts: 1},
			cr:      credsResource,
			api:     apiEnv,
			summary: "Wix Rejected the Token Request",
			path:    rootPath("instance_id"),
			detail: `Wix answered HTTP 400 Bad Request, error "invalid_request": grant_type: must be client_credentials.` + "\n\n" +
				"Check client_id, client_secret and instance_id, and that api_url points at the Wix API. " + tokenURLEnv,
		},

		// A refused legacy refresh token.
		{
			name: "invalid_grant, refresh token on the resource",
			err:  &wix.APIError{StatusCode: 400, Code: "invalid_grant", Description: "the refresh_token is unknown", RefreshTokenSent: true, Attempts: 1},
			cr: credentials{clientID: idProvider, clientSecret: secretEnv,
				refreshToken: resolved{value: diagRefreshToken, source: "refresh_token on this wix_access_token", attr: "refresh_token"}},
			api:     apiDefault,
			summary: "Wix Refused the Refresh Token",
			path:    rootPath("refresh_token"),
			in: []string{
				`Wix answered HTTP 400 Bad Request, error "invalid_grant": the refresh_token is unknown.`,
				"refresh_token (from refresh_token on this wix_access_token) from the app " + diagClientID,
				"(client_id from " + srcProviderID + ", client_secret from " + srcEnvSecret + ")",
				"uninstalled", "The token URL was https://www.wixapis.com/oauth/access (api_url from the default).",
			},
			notIn: []string{diagRefreshToken},
		},
		{
			name: "401 from the legacy endpoint, no code",
			err:  &wix.APIError{StatusCode: 401, RefreshTokenSent: true, Attempts: 1},
			cr: credentials{clientID: idProvider, clientSecret: secretProvider,
				refreshToken: resolved{value: diagRefreshToken, source: "refresh_token on this wix_access_token", attr: "refresh_token"}},
			api:     apiDefault,
			summary: "Wix Refused the Refresh Token",
			path:    rootPath("refresh_token"),
			in:      []string{"HTTP 401 Unauthorized", "the client secret may have been regenerated"},
			notIn:   []string{diagRefreshToken},
		},

		{
			name: "invalid_client from the legacy endpoint blames the client credentials",
			err:  &wix.APIError{StatusCode: 401, Code: "invalid_client", RefreshTokenSent: true, Attempts: 1},
			cr: credentials{clientID: idProvider, clientSecret: secretEnv,
				refreshToken: resolved{value: diagRefreshToken, source: "refresh_token on this wix_access_token", attr: "refresh_token"}},
			api:     apiDefault,
			summary: "Wix Rejected the Client Credentials",
			in:      []string{`error "invalid_client"`, "client_secret (the App secret; from " + srcEnvSecret + ")"},
			notIn:   []string{diagRefreshToken},
		},
		{
			name: "unsupported_grant_type from the legacy endpoint",
			err:  &wix.APIError{StatusCode: 400, Code: "unsupported_grant_type", RefreshTokenSent: true, Attempts: 1},
			cr: credentials{clientID: idProvider, clientSecret: secretProvider,
				refreshToken: resolved{value: diagRefreshToken, source: "refresh_token on this wix_access_token", attr: "refresh_token"}},
			api:     apiDefault,
			summary: "Wix Rejected the Token Request",
			path:    rootPath("refresh_token"),
			in:      []string{"Check client_id, client_secret and refresh_token", "https://www.wixapis.com/oauth/access"},
			notIn:   []string{diagRefreshToken, "instance_id"},
		},

		// Rate limits.
		{
			name:    "429 with Retry-After, after retries",
			err:     &wix.APIError{StatusCode: 429, RetryAfter: 30 * time.Second, InstanceSent: true, Attempts: 5},
			cr:      credsResource,
			api:     apiDefault,
			summary: "Wix Rate-Limited the Token Request",
			detail: "Wix answered HTTP 429 Too Many Requests (after 5 attempts). Wix asked to wait 30s before trying again.\n\n" +
				"Wix limits requests per app instance (200 a minute). Run again in a minute; if many tokens are minted at once, " +
				"lower Terraform's -parallelism.",
		},
		{
			name:    "RESOURCE_EXHAUSTED without Retry-After",
			err:     &wix.APIError{StatusCode: 400, Code: "RESOURCE_EXHAUSTED", InstanceSent: true, Attempts: 1},
			cr:      credsProvider,
			api:     apiDefault,
			summary: "Wix Rate-Limited the Token Request",
			in:      []string{`Wix answered HTTP 400 Bad Request, error "RESOURCE_EXHAUSTED".` + "\n\n"},
			notIn:   []string{"asked to wait"},
		},

		// Server faults.
		{
			name:    "503 after retries, with a request ID",
			err:     &wix.APIError{StatusCode: 503, RequestID: "req-42", InstanceSent: true, Attempts: 5},
			cr:      credsProvider,
			api:     apiProvider,
			summary: "Wix Failed to Mint a Token",
			detail: "Wix answered HTTP 503 Service Unavailable (request ID req-42) (after 5 attempts).\n\n" +
				"This is a fault on Wix's side and usually passes: run again later. " + tokenURLProvider,
		},
		{
			name:    "500 with a code",
			err:     &wix.APIError{StatusCode: 500, Code: "INTERNAL", Description: "oops", InstanceSent: true, Attempts: 1},
			cr:      credsResource,
			api:     apiDefault,
			summary: "Wix Failed to Mint a Token",
			in:      []string{`Wix answered HTTP 500 Internal Server Error, error "INTERNAL": oops.`, tokenURLDefault},
		},

		// Redirects.
		{
			name:    "307 with a location",
			err:     &wix.APIError{StatusCode: 307, Location: "https://elsewhere.example", InstanceSent: true, Attempts: 1},
			cr:      credsResource,
			api:     apiEnv,
			summary: "Wix API URL Redirected",
			detail: "Wix answered HTTP 307 Temporary Redirect.\n\n" +
				"The token endpoint answered with a redirect to https://elsewhere.example. The provider never follows redirects, " +
				"so that the client secret is never sent to another address. " + tokenURLEnv + " Set api_url (or WIX_API_URL) to the final address.",
		},
		{
			name:    "301 without a location",
			err:     &wix.APIError{StatusCode: 301, InstanceSent: true, Attempts: 1},
			cr:      credsProvider,
			api:     apiProvider,
			summary: "Wix API URL Redirected",
			in:      []string{"HTTP 301 Moved Permanently", "answered with a redirect. The provider never follows redirects", tokenURLProvider},
		},

		// Unusable 2xx answers.
		{
			name:    "200 with HTML",
			err:     &wix.ResponseError{StatusCode: 200, ContentType: "text/html", Reason: "the body is not JSON", Attempts: 1},
			cr:      credsProvider,
			api:     apiProvider,
			summary: "Wix Returned No Usable Token",
			detail: "Wix answered HTTP 200 (text/html) but the body is not JSON.\n\n" + tokenURLProvider +
				" If api_url points at a proxy, check that it forwards to the Wix API unchanged.",
		},
		{
			name:    "200 without a content type, after retries",
			err:     &wix.ResponseError{StatusCode: 200, Reason: "it holds no access_token", Attempts: 2},
			cr:      credsResource,
			api:     apiDefault,
			summary: "Wix Returned No Usable Token",
			in:      []string{"Wix answered HTTP 200 (no content type) but it holds no access_token (after 2 attempts).", tokenURLDefault},
		},

		// No answer.
		{
			name:    "connection refused",
			err:     &wix.TransportError{Err: errors.New("dial tcp 127.0.0.1:8080: connect: connection refused"), Attempts: 5},
			cr:      credsEnv,
			api:     apiEnv,
			summary: "Cannot Reach the Wix API",
			detail: "could not reach Wix: dial tcp 127.0.0.1:8080: connect: connection refused (after 5 attempts).\n\n" +
				"Check the network, DNS and any proxy (HTTPS_PROXY, NO_PROXY). " + tokenURLEnv,
		},
		{
			name:    "timeout",
			err:     &wix.TransportError{Timeout: true, Err: errors.New("context deadline exceeded"), Attempts: 1},
			cr:      credsProvider,
			api:     apiDefault,
			summary: "Wix API Did Not Answer in Time",
			detail: "no answer from Wix in time: context deadline exceeded.\n\n" +
				"Check the network and any proxy. The request gives up after 30s per attempt and 2m0s in all (the provider's request_timeout and max_wait). " + tokenURLDefault,
		},
		{
			name:    "TLS",
			err:     &wix.TransportError{TLS: true, Err: errors.New("x509: certificate signed by unknown authority"), Attempts: 1},
			cr:      credsResource,
			api:     apiProvider,
			summary: "TLS Connection to the Wix API Failed",
			detail: "TLS failed: x509: certificate signed by unknown authority.\n\n" +
				"The server's certificate was not trusted. Behind a TLS-inspecting proxy, trust its CA certificate. " + tokenURLProvider,
		},

		// Anything else.
		{
			name:    "unclassified error",
			err:     errors.New("something odd happened"),
			cr:      credsProvider,
			api:     apiDefault,
			summary: "Wix Token Request Failed",
			detail:  "something odd happened.\n\n" + tokenURLDefault,
		},
		{
			name:    "unclassified API answer",
			err:     &wix.APIError{StatusCode: 204, Attempts: 1},
			cr:      credsResource,
			api:     apiDefault,
			summary: "Wix Token Request Failed",
			detail:  "Wix answered HTTP 204 No Content.\n\n" + tokenURLDefault,
		},
	}

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := tokenErrorDiagnostic(tc.err, tc.cr, tc.api, testTimeouts)
			if d == nil {
				t.Fatal("no diagnostic")
			}
			if d.Severity() != diag.SeverityError {
				t.Errorf("severity %v, want error", d.Severity())
			}
			if d.Summary() != tc.summary {
				t.Errorf("summary\n got: %q\nwant: %q", d.Summary(), tc.summary)
			}
			detail := d.Detail()
			if tc.detail != "" && detail != tc.detail {
				t.Errorf("detail\n got: %q\nwant: %q", detail, tc.detail)
			}
			for _, s := range tc.in {
				if !strings.Contains(detail, s) {
					t.Errorf("detail does not hold %q:\n%s", s, detail)
				}
			}
			for _, s := range append([]string{diagSecret}, tc.notIn...) {
				if strings.Contains(detail, s) || strings.Contains(d.Summary(), s) {
					t.Errorf("diagnostic holds %q:\n%s\n%s", s, d.Summary(), detail)
				}
			}
			dp, hasPath := d.(diag.DiagnosticWithPath)
			switch {
			case tc.path == nil && hasPath:
				t.Errorf("diagnostic is attached to %s, want no attribute", dp.Path())
			case tc.path != nil && !hasPath:
				t.Errorf("diagnostic has no attribute path, want %s", *tc.path)
			case tc.path != nil && !dp.Path().Equal(*tc.path):
				t.Errorf("diagnostic path %s, want %s", dp.Path(), *tc.path)
			}
		})
	}
}

// Every kind of error names where each setting it blames came from.
func TestTokenErrorDiagnostic_namesSources(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		cr   credentials
		want []string
	}{
		{"credentials from the provider", &wix.APIError{StatusCode: 401, Code: "invalid_client", InstanceSent: true}, credsProvider,
			[]string{srcProviderID, srcProviderSecret}},
		{"credentials from the environment", &wix.APIError{StatusCode: 401, Code: "invalid_client", InstanceSent: true}, credsEnv,
			[]string{srcEnvID, srcEnvSecret}},
		{"credentials from the resource", &wix.APIError{StatusCode: 401, Code: "invalid_client", InstanceSent: true}, credsResource,
			[]string{srcResID, srcResSecret}},
		{"instance from the provider", &wix.APIError{StatusCode: 404, Code: "NOT_FOUND", InstanceSent: true}, credsProvider,
			[]string{srcProviderInstance}},
		{"instance from the environment", &wix.APIError{StatusCode: 404, Code: "NOT_FOUND", InstanceSent: true}, credsEnv,
			[]string{srcEnvInstance}},
		{"instance from the resource", &wix.APIError{StatusCode: 404, Code: "NOT_FOUND", InstanceSent: true}, credsResource,
			[]string{srcResInstance}},
		{"instance not set", &wix.APIError{StatusCode: 400, Code: "invalid_request"}, credsNoInstance,
			[]string{srcNoInstance}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := tokenErrorDiagnostic(tc.err, tc.cr, apiDefault, testTimeouts)
			for _, s := range tc.want {
				if !strings.Contains(d.Detail(), s) {
					t.Errorf("detail does not name %q:\n%s", s, d.Detail())
				}
			}
		})
	}
}

// Where a setting came from, as diagnostics name it, when a token's own
// attribute, the provider block, the environment or nothing set it.
func TestResolveCredentials_sources(t *testing.T) {
	pd := &providerData{clientSecret: secretEnv}
	cr := resolveCredentials(pd, overrides{clientID: types.StringValue(diagClientID), clientSecret: types.StringNull(), instanceID: types.StringNull()}, "wix_access_token")
	if cr.clientID.source != srcResID || cr.clientID.attr != "client_id" {
		t.Errorf("client_id on the token: %q", cr.clientID.source)
	}
	if cr.clientSecret.source != srcEnvSecret {
		t.Errorf("client_secret from the environment: %q, want %q", cr.clientSecret.source, srcEnvSecret)
	}
	if cr.instanceID.source != srcNoInstance {
		t.Errorf("instance_id unset: %q, want %q", cr.instanceID.source, srcNoInstance)
	}
	unset := resolveCredentials(&providerData{}, overrides{}, "wix_access_token")
	want := `not set: neither client_id on this wix_access_token, nor client_id in the provider "wix" block, nor the WIX_CLIENT_ID environment variable`
	if unset.clientID.source != want {
		t.Errorf("client_id unset: %q, want %q", unset.clientID.source, want)
	}
}

func TestDescribeTarget(t *testing.T) {
	if got, want := describeTarget(credsProvider), "client "+diagClientID+", instance "+diagInstanceID; got != want {
		t.Errorf("describeTarget = %q, want %q", got, want)
	}
	if got, want := describeTarget(credsNoInstance), "client "+diagClientID+" (no instance ID)"; got != want {
		t.Errorf("describeTarget = %q, want %q", got, want)
	}
	if strings.Contains(describeTarget(credsResource), diagSecret) {
		t.Error("describeTarget quotes the secret")
	}
}

func TestMissingCredentials(t *testing.T) {
	const (
		prefix = "A Wix access token needs a client ID and a client secret, and "
		// Only the ephemeral wix_access_token takes credentials of its own.
		suffix = ` in the provider "wix" block or in the environment (the ephemeral wix_access_token also takes them itself). ` + wantWhereToFind
	)
	cases := []struct {
		name   string
		cr     credentials
		detail string // "" means no diagnostic
	}{
		{"both set", credsProvider, ""},
		{"both set, no instance", credsNoInstance, ""},
		{"client ID missing", credentials{clientSecret: secretEnv, instanceID: instanceProvider},
			prefix + "client_id (or WIX_CLIENT_ID) is not set. Set client_id (or WIX_CLIENT_ID)" + suffix},
		{"client secret missing", credentials{clientID: idResource},
			prefix + "client_secret (or WIX_CLIENT_SECRET) is not set. Set client_secret (or WIX_CLIENT_SECRET)" + suffix},
		{"both missing", credentials{instanceID: instanceResource},
			prefix + "client_id (or WIX_CLIENT_ID) and client_secret (or WIX_CLIENT_SECRET) are not set. " +
				"Set client_id (or WIX_CLIENT_ID) and client_secret (or WIX_CLIENT_SECRET)" + suffix},
		{"nothing at all", credentials{},
			prefix + "client_id (or WIX_CLIENT_ID) and client_secret (or WIX_CLIENT_SECRET) are not set. " +
				"Set client_id (or WIX_CLIENT_ID) and client_secret (or WIX_CLIENT_SECRET)" + suffix},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := missingCredentials(tc.cr)
			if tc.detail == "" {
				if d != nil {
					t.Fatalf("got %s: %s, want no diagnostic", d.Summary(), d.Detail())
				}
				return
			}
			if d == nil {
				t.Fatal("no diagnostic")
			}
			if d.Severity() != diag.SeverityError {
				t.Errorf("severity %v, want error", d.Severity())
			}
			if want := "Missing Wix Client Credentials"; d.Summary() != want {
				t.Errorf("summary %q, want %q", d.Summary(), want)
			}
			if d.Detail() != tc.detail {
				t.Errorf("detail\n got: %q\nwant: %q", d.Detail(), tc.detail)
			}
			if dp, ok := d.(diag.DiagnosticWithPath); ok {
				t.Errorf("attached to %s, want no attribute", dp.Path())
			}
		})
	}
}

const testTimeouts = "30s per attempt and 2m0s in all"
