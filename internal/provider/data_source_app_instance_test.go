// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/wixtf/terraform-provider-wix/internal/wix"
	"github.com/wixtf/terraform-provider-wix/internal/wixfake"
)

// demoSite is every attribute of wix_app_instance for the demo instance.
func demoSite() map[string]knownvalue.Check {
	return map[string]knownvalue.Check{
		"instance_id":        knownvalue.StringExact(wixfake.DemoInstanceID),
		"app_name":           knownvalue.StringExact(wixfake.DemoAppName),
		"app_version":        knownvalue.StringExact(wixfake.DemoAppVersion),
		"is_free":            knownvalue.Bool(true),
		"permissions":        knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(wixfake.PermissionManageAppInstance), knownvalue.StringExact(wixfake.PermissionCreateCheckout), knownvalue.StringExact(wixfake.PermissionManageCharge)}),
		"site_id":            knownvalue.StringExact(wixfake.DemoSiteID),
		"site_display_name":  knownvalue.StringExact(wixfake.DemoSiteDisplayName),
		"locale":             knownvalue.StringExact("en"),
		"payment_currency":   knownvalue.StringExact("USD"),
		"site_url":           knownvalue.StringExact(wixfake.DemoSiteURL),
		"installed_wix_apps": knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("stores"), knownvalue.StringExact("wix_forms")}),
	}
}

// The provider's default instance: every attribute, and the token used is
// not in the state.
func TestAccAppInstanceDataSource_defaultInstance(t *testing.T) {
	fake := newFake(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: noEnv,
		Steps: []resource.TestStep{{
			Config:            providerBlock(fake) + `data "wix_app_instance" "site" {}`,
			ConfigStateChecks: checkAttrs("data.wix_app_instance.site", tfjsonpath.New, demoSite()),
			Check: func(s *terraform.State) error {
				calls := fake.ProtectedCalls()
				if len(calls) != 1 || calls[0].Status != 200 {
					return fmt.Errorf("%d Get App Instance calls, want one answered 200", len(calls))
				}
				if it, ok := fake.LookupToken(calls[0].Token); !ok || it.InstanceID != wixfake.DemoInstanceID {
					return errors.New("Get App Instance was not called with a token for the demo instance")
				}
				for _, tok := range fake.IssuedTokens() {
					if strings.Contains(s.String(), tok) {
						return errors.New("a token is in the state")
					}
				}
				return nil
			},
		}},
	})
}

// Several instances: a map of instance ID to site name and URL, an
// unpublished site's URL and version null. (With count: the test
// framework cannot read a for_each data source's state; the examples apply
// for_each.)
func TestAccAppInstanceDataSource_severalInstances(t *testing.T) {
	fake := newFake(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: noEnv,
		Steps: []resource.TestStep{{
			Config: providerBlock(fake) + fmt.Sprintf(`
data "wix_app_instance" "site" {
  count       = 2
  instance_id = [%q, %q][count.index]
}
output "sites" {
  value = { for s in data.wix_app_instance.site : s.instance_id => { name = s.site_display_name, url = s.site_url, version = s.app_version, currency = s.payment_currency } }
}
`, wixfake.DemoInstanceID, wixfake.DemoInstanceID2),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("sites", knownvalue.MapExact(map[string]knownvalue.Check{
					wixfake.DemoInstanceID: knownvalue.ObjectExact(map[string]knownvalue.Check{
						"name": knownvalue.StringExact(wixfake.DemoSiteDisplayName), "url": knownvalue.StringExact(wixfake.DemoSiteURL),
						"version": knownvalue.StringExact(wixfake.DemoAppVersion), "currency": knownvalue.StringExact("USD"),
					}),
					wixfake.DemoInstanceID2: knownvalue.ObjectExact(map[string]knownvalue.Check{
						"name": knownvalue.StringExact(wixfake.DemoSiteDisplayName2), "url": knownvalue.Null(),
						"version": knownvalue.Null(), "currency": knownvalue.StringExact("EUR"),
					}),
				})),
			},
		}},
	})
}

// Wix's refusals and a missing instance become diagnostics that name
// instance_id and where it came from.
func TestAccAppInstanceDataSource_errors(t *testing.T) {
	fake := newFake(t)
	second := fmt.Sprintf(`
provider "wix" {
  api_url       = %q
  client_id     = %q
  client_secret = %q
  instance_id   = %q
}
`, fake.URL(), wixfake.SecondClientID, wixfake.SecondClientSecret, wixfake.SecondOnlyInstanceID)
	for _, tc := range []struct {
		name, config, want string
	}{
		{"unknown instance", providerBlock(fake) + `
data "wix_app_instance" "site" {
  instance_id = "aaaaaaaa-0000-4000-8000-00000000dead"
}`, "Wix Does Not Know This App Instance|instance_id on this wix_app_instance|uninstalled"},
		{"no instance anywhere", fmt.Sprintf(`
provider "wix" {
  api_url       = %q
  client_id     = %q
  client_secret = %q
}
data "wix_app_instance" "site" {}`, fake.URL(), wixfake.DemoClientID, wixfake.DemoClientSecret),
			`Missing App Instance ID|set instance_id on this data source|or instance_id in the provider "wix" block|WIX_INSTANCE_ID`},
		{"app without Manage Your App", second + `data "wix_app_instance" "site" {}`,
			`The App Lacks the Manage Your App Permission|HTTP 403|PERMISSION_DENIED|instance_id "` + wixfake.SecondOnlyInstanceID + `" (from instance_id in the provider "wix" block)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: noEnv,
				Steps:                    []resource.TestStep{{Config: tc.config, ExpectError: errRe(strings.Split(tc.want, "|")...)}},
			})
		})
	}
}

// N wix_app_instance beside N ephemeral wix_access_token for the same N
// instances make N token requests in a provider process, not 2N: their
// tokens are shared (and 2N with token_reuse off). The types are called as
// Terraform calls them, in one process, without a CLI.
func TestAppInstanceDataSource_sharesTokensWithEphemeral(t *testing.T) {
	const n = 4
	for _, reuse := range []bool{true, false} {
		t.Run(fmt.Sprintf("token_reuse=%t", reuse), func(t *testing.T) {
			fake := wixfake.NewTestServer(t, wixfake.Options{Apps: []wixfake.App{{
				ClientID: wixfake.DemoClientID, ClientSecret: wixfake.DemoClientSecret, Name: wixfake.DemoAppName, Instances: wixfake.GenerateInstances(n),
			}}})
			pd, diags := configureForTest(t, map[string]string{"WIX_TOKEN_REUSE": fmt.Sprint(reuse)}, "1.11.0", map[string]*string{
				"api_url": strPtr(fake.URL()), "client_id": strPtr(wixfake.DemoClientID), "client_secret": strPtr(wixfake.DemoClientSecret),
			})
			if diags.HasError() {
				t.Fatal(dumpDiags(diags))
			}
			for i := 1; i <= n; i++ {
				id := wixfake.GeneratedInstanceID(i)
				ds, _ := readDataSource(t, &appInstanceDataSource{dataSourceBase{configured{pd}}}, map[string]any{"instance_id": id})
				er, _ := openEphemeral(t, &accessTokenEphemeralResource{ephemeralBase{configured{pd}}}, map[string]any{"instance_id": id})
				if ds["site_id"] != fmt.Sprintf("dddddddd-0000-4000-8000-%012d", i) {
					t.Fatalf("wix_app_instance for %s read site %v", id, ds["site_id"])
				}
				if it, ok := fake.LookupToken(fmt.Sprint(er["access_token"])); !ok || it.InstanceID != id {
					t.Fatalf("wix_access_token for %s holds no token the fake issued for it", id)
				}
			}
			want := n
			if !reuse {
				want = 2 * n
			}
			if got := fake.TokenRequests(); got != want {
				t.Errorf("%d token requests for %d instances, want %d", got, n, want)
			}
			if calls := fake.ProtectedCalls(); len(calls) != n {
				t.Errorf("%d Get App Instance calls, want %d", len(calls), n)
			}
		})
	}
}

func TestAppInstanceErrorDiagnostic(t *testing.T) {
	pd := &providerData{apiURL: apiDefault, timeouts: testTimeouts}
	byProvider := credentials{instanceID: instanceProvider}
	onResource := resolveCredentials(&providerData{}, overrides{instanceID: types.StringValue(diagInstanceID)}, "wix_app_instance")
	notSet := resolveCredentials(&providerData{}, overrides{instanceID: types.StringNull()}, "wix_app_instance")
	for _, tc := range []struct {
		name    string
		err     error
		cr      credentials
		summary string
		path    *path.Path
		in      []string
	}{
		{"401", &wix.APIError{StatusCode: 401, Code: "UNAUTHENTICATED", Description: "the access token is not valid", Attempts: 1}, byProvider,
			"Wix Refused the App Instance Token", nil,
			[]string{`Wix answered HTTP 401 Unauthorized, error "UNAUTHENTICATED": the access token is not valid.`, `instance_id "` + diagInstanceID + `" (from ` + srcProviderInstance + `)`}},
		{"403", &wix.APIError{StatusCode: 403, Code: "PERMISSION_DENIED", Attempts: 1}, onResource,
			"The App Lacks the Manage Your App Permission", rootPath("instance_id"),
			[]string{"HTTP 403 Forbidden", "WIX_DEVELOPERS.MANAGE_APP_INSTANCE", `(from instance_id on this wix_app_instance)`, "Permissions page"}},
		{"404", &wix.APIError{StatusCode: 404, Code: "NOT_FOUND", Description: "no such instance", Attempts: 1}, onResource,
			"Wix Does Not Know This App Instance", rootPath("instance_id"),
			[]string{"no such instance", "knows no installation"}},
		{"503 after retries", &wix.APIError{StatusCode: 503, Attempts: 5}, byProvider,
			"Wix Failed to Answer Get App Instance", nil,
			[]string{"(after 5 attempts)", "The Get App Instance URL was https://www.wixapis.com/apps/v1/instance (api_url from the default)."}},
		{"unusable answer", &wix.ResponseError{StatusCode: 200, ContentType: "text/html", Reason: "the body is not a JSON object", Attempts: 1}, byProvider,
			"Wix Returned No Usable App Instance", nil, []string{"the body is not a JSON object"}},
		{"a redirect keeps the token home", &wix.APIError{StatusCode: 302, Location: "https://elsewhere.example", Attempts: 1}, byProvider,
			"Wix API URL Redirected", nil, []string{"so that the access token is never sent to another address"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := appInstanceErrorDiagnostic(tc.err, tc.cr, pd)
			checkDiagnostic(t, d, tc.summary, tc.path, tc.in)
		})
	}
	if want := "not set: neither instance_id on this wix_app_instance, nor instance_id in the provider \"wix\" block, nor the WIX_INSTANCE_ID environment variable"; notSet.instanceID.source != want {
		t.Errorf("an unset instance comes from %q, want %q", notSet.instanceID.source, want)
	}
}

// checkDiagnostic checks an error diagnostic's summary, attribute and parts
// of its detail.
func checkDiagnostic(t *testing.T, d diag.Diagnostic, summary string, p *path.Path, in []string) {
	t.Helper()
	if d.Severity() != diag.SeverityError || d.Summary() != summary {
		t.Errorf("got %s %q, want an error %q", d.Severity(), d.Summary(), summary)
	}
	for _, s := range in {
		if !strings.Contains(d.Detail(), s) {
			t.Errorf("the detail lacks %q:\n%s", s, d.Detail())
		}
	}
	dp, hasPath := d.(diag.DiagnosticWithPath)
	switch {
	case p == nil && hasPath:
		t.Errorf("attached to %s, want no attribute", dp.Path())
	case p != nil && (!hasPath || !dp.Path().Equal(*p)):
		t.Errorf("not attached to %s", *p)
	}
}
