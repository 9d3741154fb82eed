// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/wixtf/terraform-provider-wix/internal/wix"
	"github.com/wixtf/terraform-provider-wix/internal/wixfake"
)

// tokenInfoConfig describes the token of an ephemeral wix_access_token
// (with the given arguments) and puts the facts into the echo resource.
func tokenInfoConfig(provider, tokenArgs string) string {
	return provider + fmt.Sprintf(`
ephemeral "wix_access_token" "t" {
%s
}
ephemeral "wix_token_info" "t" {
  token = ephemeral.wix_access_token.t.access_token
}
`, tokenArgs) + echoBlock("ephemeral.wix_token_info.t")
}

// An app token and a Headless token: every fact, from Wix's documented
// all-strings form and from native JSON types.
func TestAccTokenInfoEphemeral_facts(t *testing.T) {
	for _, native := range []bool{false, true} {
		t.Run(fmt.Sprintf("native=%t", native), func(t *testing.T) {
			fake := wixfake.NewTestServer(t, wixfake.Options{Now: func() time.Time { return testEpoch }, TokenInfoNativeTypes: native})
			resource.ParallelTest(t, resource.TestCase{
				TerraformVersionChecks:   skipBelowEphemeral,
				ProtoV6ProviderFactories: noEnv,
				Steps: []resource.TestStep{
					{
						Config: tokenInfoConfig(providerBlock(fake), ""),
						ConfigStateChecks: echoAttrs(map[string]knownvalue.Check{
							"active":       knownvalue.Bool(true),
							"subject_type": knownvalue.StringExact("APP"),
							"subject_id":   knownvalue.StringExact(wixfake.DemoClientID),
							"client_id":    knownvalue.StringExact(wixfake.DemoClientID),
							"account_id":   knownvalue.StringExact(wixfake.DemoAccountID),
							"site_id":      knownvalue.StringExact(wixfake.DemoSiteID),
							"instance_id":  knownvalue.StringExact(wixfake.DemoInstanceID),
							"issued_at":    knownvalue.StringExact(testEpoch.Format(time.RFC3339)),
							"expires_at":   knownvalue.StringExact(testExpiresAt),
						}),
					},
				},
			})
		})
	}
}

// A Headless token has a site and no instance.
func TestAccTokenInfoEphemeral_headless(t *testing.T) {
	fake := newFake(t)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   skipBelowEphemeral,
		ProtoV6ProviderFactories: noEnv,
		Steps: []resource.TestStep{{
			Config: tokenInfoConfig(fmt.Sprintf("provider \"wix\" {\n  api_url = %q\n}\n", fake.URL()),
				fmt.Sprintf("  client_id = %q\n  client_secret = %q", wixfake.HeadlessClientID, wixfake.HeadlessClientSecret)),
			ConfigStateChecks: echoAttrs(map[string]knownvalue.Check{
				"active":      knownvalue.Bool(true),
				"client_id":   knownvalue.StringExact(wixfake.HeadlessClientID),
				"site_id":     knownvalue.StringExact(wixfake.HeadlessSiteID),
				"instance_id": knownvalue.Null(),
			}),
		}},
	})
}

// An expired token and a token Wix never issued are inactive, with null
// facts, not an error; a fault on Wix's side is retried, then an error.
func TestAccTokenInfoEphemeral_inactiveAndFaults(t *testing.T) {
	var mu sync.Mutex
	now := testEpoch
	fake := wixfake.NewTestServer(t, wixfake.Options{Now: func() time.Time { mu.Lock(); defer mu.Unlock(); return now }})
	expired := fake.MintForTest(t, wixfake.DemoClientID, wixfake.DemoInstanceID)
	mu.Lock()
	now = testEpoch.Add(5 * time.Hour)
	mu.Unlock()

	inactive := map[string]knownvalue.Check{"active": knownvalue.Bool(false)}
	for _, attr := range []string{"subject_type", "subject_id", "client_id", "account_id", "site_id", "instance_id", "issued_at", "expires_at"} {
		inactive[attr] = knownvalue.Null()
	}
	info := func(token, settings string) string {
		return fmt.Sprintf("provider \"wix\" {\n  api_url = %q\n%s}\n", fake.URL(), settings) +
			fmt.Sprintf("ephemeral \"wix_token_info\" \"t\" {\n  token = %q\n}\n", token) + echoBlock("ephemeral.wix_token_info.t")
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   skipBelowEphemeral,
		ProtoV6ProviderFactories: noEnv,
		Steps: []resource.TestStep{
			{Config: info(expired, ""), ConfigStateChecks: echoAttrs(inactive)},
			{Config: info("OauthNG.JWS.never-issued-by-wix", ""), ConfigStateChecks: echoAttrs(inactive)},
			{
				// Two attempts with max_retries = 1, both answered 503.
				PreConfig:   func() { fake.InjectFault(wixfake.TokenInfoPath, wixfake.Fault{Status: 503, Times: 2}) },
				Config:      info(expired, "  max_retries = 1\n"),
				ExpectError: errRe("Wix Failed to Answer Token Info", "HTTP 503", "(after 2 attempts)", "The Token Info URL was "+fake.URL()+"/oauth2/token-info"),
			},
		},
	})
}

// Token Info's failures, in its own words.
func TestTokenInfoErrorDiagnostics(t *testing.T) {
	for _, tc := range []struct {
		err     error
		summary string
		in      []string
	}{
		{&wix.APIError{StatusCode: 429, RetryAfter: 2 * time.Second, Attempts: 5}, "Wix Rate-Limited the Token Info Call",
			[]string{"(after 5 attempts). Wix asked to wait 2s"}},
		{&wix.APIError{StatusCode: 500, Attempts: 1}, "Wix Failed to Answer Token Info",
			[]string{"The Token Info URL was https://www.wixapis.com/oauth2/token-info (api_url from the default)."}},
		{&wix.ResponseError{StatusCode: 200, Reason: "its active is neither true nor false", Attempts: 1}, "Wix Returned No Usable Token Info",
			[]string{"its active is neither true nor false"}},
		{&wix.APIError{StatusCode: 308, Location: "https://elsewhere.example", Attempts: 1}, "Wix API URL Redirected",
			[]string{"The Token Info endpoint answered with a redirect to https://elsewhere.example", "so that the token is never sent"}},
		{&wix.TransportError{Timeout: true, Err: errors.New("context deadline exceeded"), Attempts: 2}, "Wix API Did Not Answer in Time",
			[]string{testTimeouts}},
	} {
		t.Run(tc.summary, func(t *testing.T) {
			checkDiagnostic(t, callErrorDiagnostic(tc.err, tokenInfoCall, apiDefault, testTimeouts), tc.summary, nil, tc.in)
		})
	}
}

// A token Wix refuses to describe is inactive, with a warning that says
// what Wix answered.
func TestTokenInfoEphemeral_refusalWarns(t *testing.T) {
	fake := newFake(t)
	pd, diags := configureForTest(t, map[string]string{}, "1.11.0", map[string]*string{"api_url": strPtr(fake.URL())})
	if diags.HasError() {
		t.Fatal(dumpDiags(diags))
	}
	got, diags := openEphemeral(t, &tokenInfoEphemeralResource{ephemeralBase{configured{pd}}}, map[string]any{"token": "OauthNG.JWS.never-issued"})
	if got["active"] != false || len(got) != 2 { // token and active; every fact null
		t.Errorf("result %v, want only active = false beside the token", keys(got))
	}
	if len(diags) != 1 || diags[0].Severity() != diag.SeverityWarning || diags[0].Summary() != "Wix Refused to Describe the Token" ||
		!strings.Contains(diags[0].Detail(), "Wix answered HTTP 400 Bad Request, error \"INVALID_TOKEN\"") || strings.Contains(diags[0].Detail(), "never-issued") {
		t.Errorf("diagnostics:\n%s", dumpDiags(diags))
	}
}

func keys(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
