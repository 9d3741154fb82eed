// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"context"
	"fmt"
	"math/big"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/wixtf/terraform-provider-wix/internal/wixfake"
)

// The acceptance tests (TestAcc*) drive a real Terraform CLI against the
// provider served in-process and the fake Wix; they run only with TF_ACC
// set, so that plain `go test ./...` needs no CLI. Each serves its own
// provider with its own environment (env below), so that they can run in
// parallel.

// env is the environment a test's provider sees instead of the process's.
type env map[string]string

func (e env) getenv(k string) string { return e[k] }

// factories serve the provider in-process with the environment getenv, with
// the echo provider beside it to carry ephemeral values into state for
// checks.
func factories(getenv func(string) string) map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"wix":  providerserver.NewProtocol6WithError(&wixProvider{version: "test", getenv: getenv}),
		"echo": echoprovider.NewProviderServer(),
	}
}

// noEnv serves the provider with an empty environment: the developer's own
// WIX_* settings never reach a test.
var noEnv = factories(env{}.getenv)

var skipBelowEphemeral = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)}

// testEpoch is the fake's clock: a whole second, so expires_at is exact.
var testEpoch = time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)

const testExpiresAt = "2026-03-04T09:06:07Z" // testEpoch + 4h

func newFake(t *testing.T) *wixfake.Server {
	t.Helper()
	return wixfake.NewTestServer(t, wixfake.Options{Now: func() time.Time { return testEpoch }})
}

// providerBlock configures the provider against the fake with the demo app.
func providerBlock(fake *wixfake.Server) string {
	return fmt.Sprintf(`
provider "wix" {
  api_url       = %q
  client_id     = %q
  client_secret = %q
  instance_id   = %q
}
`, fake.URL(), wixfake.DemoClientID, wixfake.DemoClientSecret, wixfake.DemoInstanceID)
}

// echoBlock puts an ephemeral value into the echo resource's state.
func echoBlock(expr string) string {
	return fmt.Sprintf(`
provider "echo" {
  data = %s
}
resource "echo" "test" {}
`, expr)
}

// issuedFor checks that a token is one the fake minted for this client and
// instance. It never prints the token.
func issuedFor(fake *wixfake.Server, clientID, instanceID string) knownvalue.Check {
	return knownvalue.StringFunc(func(v string) error {
		it, ok := fake.LookupToken(v)
		if !ok {
			return fmt.Errorf("the value is not a token the fake Wix issued")
		}
		if it.ClientID != clientID || it.InstanceID != instanceID {
			return fmt.Errorf("the token was minted for client %q instance %q, want client %q instance %q", it.ClientID, it.InstanceID, clientID, instanceID)
		}
		return nil
	})
}

// tokenChecks asserts every computed attribute of a token the echo
// resource holds at base.
func tokenChecks(base tfjsonpath.Path, fake *wixfake.Server, clientID, instanceID string) []statecheck.StateCheck {
	const resourceAddr = "echo.test"
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(resourceAddr, base.AtMapKey("access_token"), issuedFor(fake, clientID, instanceID)),
		statecheck.ExpectKnownValue(resourceAddr, base.AtMapKey("token_type"), knownvalue.StringExact("Bearer")),
		statecheck.ExpectKnownValue(resourceAddr, base.AtMapKey("expires_in"), knownvalue.Int64Exact(14400)),
		statecheck.ExpectKnownValue(resourceAddr, base.AtMapKey("expires_at"), knownvalue.StringExact(testExpiresAt)),
	}
}

// checkAttrs checks each attribute of want at the resource addr, the
// attribute's path given by at.
func checkAttrs(addr string, at func(string) tfjsonpath.Path, want map[string]knownvalue.Check) []statecheck.StateCheck {
	var checks []statecheck.StateCheck
	for attr, check := range want {
		checks = append(checks, statecheck.ExpectKnownValue(addr, at(attr), check))
	}
	return checks
}

// echoAttrs checks the attributes of the object the echo resource holds.
func echoAttrs(want map[string]knownvalue.Check) []statecheck.StateCheck {
	return checkAttrs("echo.test", tfjsonpath.New("data").AtMapKey, want)
}

// errRe matches the given parts in order, whatever line wrapping Terraform
// applies to the diagnostic text.
func errRe(parts ...string) *regexp.Regexp {
	quoted := make([]string, len(parts))
	for i, p := range parts {
		quoted[i] = strings.Join(strings.Fields(regexp.QuoteMeta(p)), `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, ".*"))
}

// Settings left out of the provider block come from WIX_*; settings in the
// block win over the environment.
func TestAccProvider_environmentAndPrecedence(t *testing.T) {
	fake := newFake(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(env{
			"WIX_API_URL":       fake.URL(),
			"WIX_CLIENT_ID":     wixfake.SecondClientID,
			"WIX_CLIENT_SECRET": wixfake.SecondClientSecret,
			"WIX_INSTANCE_ID":   wixfake.SecondOnlyInstanceID,
		}.getenv),
		Steps: []resource.TestStep{
			{
				Config: `
provider "wix" {}
data "wix_access_token" "test" {}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.wix_access_token.test", tfjsonpath.New("access_token"), issuedFor(fake, wixfake.SecondClientID, wixfake.SecondOnlyInstanceID)),
				},
			},
			{
				Config: fmt.Sprintf(`
provider "wix" {
  client_id     = %q
  client_secret = %q
  instance_id   = %q
}
data "wix_access_token" "test" {}
`, wixfake.DemoClientID, wixfake.DemoClientSecret, wixfake.DemoInstanceID2),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.wix_access_token.test", tfjsonpath.New("access_token"), issuedFor(fake, wixfake.DemoClientID, wixfake.DemoInstanceID2)),
				},
			},
		},
	})
}

func TestAccAccessToken_errors(t *testing.T) {
	fake := newFake(t)
	noCreds := fmt.Sprintf("provider \"wix\" {\n  api_url = %q\n}\n", fake.URL())
	cases := []struct {
		name, config string
		want         *regexp.Regexp
	}{
		{"wrong secret", fmt.Sprintf(`
provider "wix" {
  api_url       = %q
  client_id     = %q
  client_secret = "not-the-right-secret"
  instance_id   = %q
}
data "wix_access_token" "test" {}
`, fake.URL(), wixfake.DemoClientID, wixfake.DemoInstanceID),
			errRe("Wix Rejected the Client Credentials", "HTTP 401", "invalid_client", "client_secret", "in the provider \"wix\" block")},
		{"unknown instance on the resource", providerBlock(fake) + `
data "wix_access_token" "test" {
  instance_id = "aaaaaaaa-0000-4000-8000-00000000dead"
}`, errRe("Wix Does Not Know This App Instance", "instance_id on this wix_access_token", "uninstalled")},
		{"app uninstalled", providerBlock(fake) + fmt.Sprintf(`
data "wix_access_token" "test" {
  instance_id = %q
}`, wixfake.RemovedInstanceID), errRe("Wix Does Not Know This App Instance")},
		{"no credentials anywhere", noCreds + `data "wix_access_token" "test" {}`,
			errRe("Missing Wix Client Credentials", "client_id (or WIX_CLIENT_ID) and", "client_secret (or WIX_CLIENT_SECRET)")},
		{"app without instance ID", fmt.Sprintf(`
provider "wix" {
  api_url       = %q
  client_id     = %q
  client_secret = %q
}
data "wix_access_token" "test" {}
`, fake.URL(), wixfake.DemoClientID, wixfake.DemoClientSecret),
			errRe("Wix Rejected the Token Request", "carried no instance ID", "set instance_id")},
		{"plain http to a remote host", `
provider "wix" {
  api_url = "http://www.wixapis.com"
}
data "wix_access_token" "test" {}`, errRe("Invalid Wix API URL", "plain http is only allowed to a loopback host")},
		{"unreachable api", fmt.Sprintf(`
provider "wix" {
  api_url       = "http://127.0.0.1:1"
  client_id     = %q
  client_secret = %q
  instance_id   = %q
}
data "wix_access_token" "test" {}
`, wixfake.DemoClientID, wixfake.DemoClientSecret, wixfake.DemoInstanceID), errRe("Cannot Reach the Wix API", "connection refused", "http://127.0.0.1:1/oauth2/token")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: noEnv,
				Steps:                    []resource.TestStep{{Config: tc.config, ExpectError: tc.want}},
			})
		})
	}

}

func TestAccProvider_envValueChecked(t *testing.T) {
	fake := newFake(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: factories(env{"WIX_API_URL": "ftp://www.wixapis.com"}.getenv),
		Steps: []resource.TestStep{{
			Config:      providerBlock(fake) + `provider "wix" { alias = "env" }` + "\n" + `data "wix_access_token" "test" { provider = wix.env }`,
			ExpectError: errRe("Invalid WIX_API_URL", "From the WIX_API_URL environment variable: api_url is not usable", "scheme must be https"),
		}},
	})
}

// A provider setting that is unknown during plan (it comes from a resource
// not created yet) does not fail the plan: the ephemeral token is minted at
// apply, and the data source says how to wait for it.
func TestAccProvider_unknownDuringPlan(t *testing.T) {
	t.Parallel()
	fake := newFake(t)
	provider := fmt.Sprintf(`
resource "terraform_data" "secret" {
  input = %q
}
provider "wix" {
  api_url       = %q
  client_id     = %q
  client_secret = terraform_data.secret.output
  instance_id   = %q
}
`, wixfake.DemoClientSecret, fake.URL(), wixfake.DemoClientID, wixfake.DemoInstanceID)
	ephemeralStep := resource.TestStep{
		Config:            provider + `ephemeral "wix_access_token" "test" {}` + echoBlock("ephemeral.wix_access_token.test"),
		ConfigStateChecks: tokenChecks(tfjsonpath.New("data"), fake, wixfake.DemoClientID, wixfake.DemoInstanceID),
	}
	if os.Getenv("TF_ACC_PROVIDER_HOST") == "registry.opentofu.org" {
		// Known limitation: OpenTofu (1.12) refuses an ephemeral result that
		// is not wholly known, so there the plan fails. This step records
		// that behaviour, so a change in it is noticed.
		ephemeralStep = resource.TestStep{
			Config:      ephemeralStep.Config,
			ExpectError: errRe("produced a value", "for ephemeral.wix_access_token.test that is not wholly known"),
		}
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   skipBelowEphemeral,
		ProtoV6ProviderFactories: noEnv,
		Steps: []resource.TestStep{
			ephemeralStep,
			{
				Config: provider + `
resource "terraform_data" "later" {
  input = "x"
}
data "wix_access_token" "waits" {
  depends_on = [terraform_data.later]
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.wix_access_token.waits", tfjsonpath.New("expires_at"), knownvalue.StringExact(testExpiresAt)),
				},
			},
		},
	})
	fake2 := newFake(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: noEnv,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "terraform_data" "secret" {
  input = %q
}
provider "wix" {
  api_url       = %q
  client_id     = %q
  client_secret = terraform_data.secret.output
}
data "wix_access_token" "test" {}
`, wixfake.DemoClientSecret, fake2.URL(), wixfake.DemoClientID),
			ExpectError: errRe("Wix Credentials Not Known Until Apply", "client_secret in the provider \"wix\" block", "depends_on"),
		}},
	})
}

// The retry settings bound how often a failing Wix is asked, and bad
// settings are refused at validate time.
func TestAccProvider_retrySettings(t *testing.T) {
	fake := newFake(t)
	fake.InjectFault(wixfake.TokenPath, wixfake.Fault{Status: 503, Times: 1000})
	cfg := func(settings string) string {
		return fmt.Sprintf(`
provider "wix" {
  api_url       = %q
  client_id     = %q
  client_secret = %q
  instance_id   = %q
%s
}
data "wix_access_token" "test" {}
`, fake.URL(), wixfake.DemoClientID, wixfake.DemoClientSecret, wixfake.DemoInstanceID, settings)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: noEnv,
		Steps: []resource.TestStep{
			{
				Config:      cfg(`  max_retries = 0`),
				ExpectError: errRe("Wix Failed to Mint a Token", "HTTP 503", "run again later"),
			},
			{
				PreConfig: func() {
					fake.ClearFaults()
					fake.InjectFault(wixfake.TokenPath, wixfake.Fault{Status: 503, Times: 1000})
				},
				Config:      cfg(`  max_retries = 2`),
				ExpectError: errRe("Wix Failed to Mint a Token", "HTTP 503", "(after 3 attempts)"),
			},
			{Config: cfg(`  max_wait = "2 minutes"`), ExpectError: errRe("Invalid Duration", "max_wait", "not a duration")},
			{Config: cfg(`  request_timeout = "0s"`), ExpectError: errRe("Invalid Duration", "request_timeout", "outside the accepted range")},
			{Config: cfg(`  max_retries = 11`), ExpectError: errRe("max_retries", "between 0 and 10")},
			{Config: cfg(`  proxy_url = "ftp://proxy:21"`), ExpectError: errRe("Invalid Proxy URL", "use http, https or socks5")},
			{Config: cfg(`  ca_bundle_file = "/nonexistent/ca.pem"`), ExpectError: errRe("Cannot Read the CA Bundle", "ca_bundle_file in the provider \"wix\" block")},
		},
	})
}

func TestUserAgent(t *testing.T) {
	const base = "terraform-provider-wix/1.2.3 (+https://registry.terraform.io/providers/wixtf/wix) Terraform/1.10.5 (+https://www.terraform.io)"
	cases := []struct {
		name, version, tfVersion, appendUA, want string
	}{
		{"plain", "1.2.3", "1.10.5", "", base},
		{"appended", "1.2.3", "1.10.5", "my-ci/2.0", base + " my-ci/2.0"},
		{"appended, trimmed", "1.2.3", "1.10.5", "  my-ci/2.0 (build 7)\n", base + " my-ci/2.0 (build 7)"},
		{"appended whitespace only", "1.2.3", "1.10.5", " \t\n", base},
		{"unknown Terraform version", "1.2.3", "", "",
			"terraform-provider-wix/1.2.3 (+https://registry.terraform.io/providers/wixtf/wix) Terraform/unknown (+https://www.terraform.io)"},
		{"unknown Terraform version, appended", "dev", "", "extra/1",
			"terraform-provider-wix/dev (+https://registry.terraform.io/providers/wixtf/wix) Terraform/unknown (+https://www.terraform.io) extra/1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := userAgent(tc.version, tc.tfVersion, tc.appendUA); got != tc.want {
				t.Errorf("userAgent(%q, %q, %q)\n got: %q\nwant: %q", tc.version, tc.tfVersion, tc.appendUA, got, tc.want)
			}
		})
	}
}

// configureForTest runs the provider's Configure with the given
// environment and provider-block values (nil: not set), without Terraform.
func configureForTest(t *testing.T, env map[string]string, tfVersion string, block map[string]*string) (*providerData, diag.Diagnostics) {
	t.Helper()
	set := map[string]any{}
	for name, v := range block {
		if v != nil {
			set[name] = *v
		}
	}
	p := &wixProvider{version: "1.2.3", getenv: func(k string) string { return env[k] }}
	var resp provider.ConfigureResponse
	p.Configure(context.Background(), provider.ConfigureRequest{TerraformVersion: tfVersion, Config: providerConfig(t, set)}, &resp)
	pd, _ := resp.DataSourceData.(*providerData)
	return pd, resp.Diagnostics
}

func strPtr(s string) *string { return &s }

// Configure hands TF_APPEND_USER_AGENT and the Terraform version to the
// client, and a rejected secret read from the environment is blamed on the
// environment variable without being quoted.
func TestConfigure_userAgentAndEnvironmentSource(t *testing.T) {
	fake := newFake(t)
	const wrongSecret = "Wr0ng-Secret-From-Env"
	cases := []struct {
		name, tfVersion, appendUA, wantUA string
	}{
		{"no TF_APPEND_USER_AGENT", "1.11.0", "",
			"terraform-provider-wix/1.2.3 (+https://registry.terraform.io/providers/wixtf/wix) Terraform/1.11.0 (+https://www.terraform.io)"},
		{"TF_APPEND_USER_AGENT", "", " pipeline/9 ",
			"terraform-provider-wix/1.2.3 (+https://registry.terraform.io/providers/wixtf/wix) Terraform/unknown (+https://www.terraform.io) pipeline/9"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{
				"TF_APPEND_USER_AGENT": tc.appendUA,
				"WIX_CLIENT_SECRET":    wrongSecret,
			}
			pd, diags := configureForTest(t, env, tc.tfVersion, map[string]*string{
				"api_url":     strPtr(fake.URL()),
				"client_id":   strPtr(wixfake.DemoClientID),
				"instance_id": strPtr(wixfake.DemoInstanceID),
			})
			if diags.HasError() || pd == nil {
				t.Fatalf("Configure failed:\n%s", dumpDiags(diags))
			}
			if pd.clientSecret.source != srcEnvSecret || pd.clientSecret.env != "WIX_CLIENT_SECRET" {
				t.Errorf("the client secret came from %q (variable %q), want %s", pd.clientSecret.source, pd.clientSecret.env, srcEnvSecret)
			}

			before := len(fake.TokenRequestLog())
			_, unknown, mdiags := mintAccessToken(context.Background(), pd, noOverrides, storedTokens)
			if len(unknown) != 0 {
				t.Fatalf("unknown settings %v", unknown)
			}
			log := fake.TokenRequestLog()
			if len(log) != before+1 {
				t.Fatalf("%d token requests reached the fake, want 1", len(log)-before)
			}
			if got := log[len(log)-1].UserAgent; got != tc.wantUA {
				t.Errorf("User-Agent\n got: %q\nwant: %q", got, tc.wantUA)
			}

			if len(mdiags) != 1 {
				t.Fatalf("got %d diagnostics, want 1:\n%s", len(mdiags), dumpDiags(mdiags))
			}
			d := mdiags[0]
			if d.Summary() != "Wix Rejected the Client Credentials" {
				t.Errorf("summary %q", d.Summary())
			}
			for _, s := range []string{"HTTP 401", "invalid_client", "client_secret (the App secret; from " + srcEnvSecret + ")", "client_id (the App ID; from " + srcProviderID + ")"} {
				if !strings.Contains(d.Detail(), s) {
					t.Errorf("detail does not hold %q:\n%s", s, d.Detail())
				}
			}
			if strings.Contains(d.Detail(), wrongSecret) || strings.Contains(d.Summary(), wrongSecret) {
				t.Error("the diagnostic quotes the secret")
			}
			if dp, ok := d.(diag.DiagnosticWithPath); ok {
				t.Errorf("attached to %s, want no attribute (the secret came from the environment)", dp.Path())
			}
		})
	}
}

// rawConfig is a configuration of a schema with the given attributes set
// (a string, an int or a bool each) and every other attribute null.
func rawConfig(t *testing.T, schemaType attr.Type, set map[string]any) tftypes.Value {
	t.Helper()
	typ, ok := schemaType.TerraformType(context.Background()).(tftypes.Object)
	if !ok {
		t.Fatal("the schema is not an object")
	}
	vals := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		switch v := set[name].(type) {
		case nil:
			vals[name] = tftypes.NewValue(at, nil)
		case string:
			vals[name] = tftypes.NewValue(tftypes.String, v)
		case int:
			vals[name] = tftypes.NewValue(tftypes.Number, big.NewFloat(float64(v)))
		case bool:
			vals[name] = tftypes.NewValue(tftypes.Bool, v)
		default:
			t.Fatalf("cannot set %s to %T", name, v)
		}
	}
	return tftypes.NewValue(typ, vals)
}

// primitives turns an object's known string, number and bool attributes
// into Go values.
func primitives(t *testing.T, v tftypes.Value) map[string]any {
	t.Helper()
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		t.Fatal(err)
	}
	out := map[string]any{}
	for name, a := range attrs {
		if !a.IsKnown() || a.IsNull() {
			continue
		}
		switch {
		case a.Type().Is(tftypes.String):
			var s string
			_ = a.As(&s)
			out[name] = s
		case a.Type().Is(tftypes.Bool):
			var b bool
			_ = a.As(&b)
			out[name] = b
		case a.Type().Is(tftypes.Number):
			var f big.Float
			_ = a.As(&f)
			n, _ := f.Int64()
			out[name] = n
		}
	}
	return out
}

// readDataSource reads a data source the way Terraform does, with the
// given configuration, and returns its state's simple attributes.
func readDataSource(t *testing.T, d datasource.DataSource, set map[string]any) (map[string]any, diag.Diagnostics) {
	t.Helper()
	var sresp datasource.SchemaResponse
	d.Schema(context.Background(), datasource.SchemaRequest{}, &sresp)
	return callType(t, sresp.Schema.Type(), set, func(cfg, empty tftypes.Value) (tftypes.Value, diag.Diagnostics) {
		resp := datasource.ReadResponse{State: tfsdk.State{Schema: sresp.Schema, Raw: empty}}
		d.Read(context.Background(), datasource.ReadRequest{Config: tfsdk.Config{Schema: sresp.Schema, Raw: cfg}}, &resp)
		return resp.State.Raw, resp.Diagnostics
	})
}

// openEphemeral opens an ephemeral resource the way Terraform does, with
// the given configuration, and returns its result's simple attributes.
func openEphemeral(t *testing.T, r ephemeral.EphemeralResource, set map[string]any) (map[string]any, diag.Diagnostics) {
	t.Helper()
	var sresp ephemeral.SchemaResponse
	r.Schema(context.Background(), ephemeral.SchemaRequest{}, &sresp)
	return callType(t, sresp.Schema.Type(), set, func(cfg, empty tftypes.Value) (tftypes.Value, diag.Diagnostics) {
		resp := ephemeral.OpenResponse{Result: tfsdk.EphemeralResultData{Schema: sresp.Schema, Raw: empty}}
		r.Open(context.Background(), ephemeral.OpenRequest{Config: tfsdk.Config{Schema: sresp.Schema, Raw: cfg}}, &resp)
		return resp.Result.Raw, resp.Diagnostics
	})
}

// callType makes one call of a resource type with the configuration set
// (see rawConfig) and returns the result's simple attributes and the
// warnings; it fails the test on an error.
func callType(t *testing.T, schemaType attr.Type, set map[string]any, call func(cfg, empty tftypes.Value) (tftypes.Value, diag.Diagnostics)) (map[string]any, diag.Diagnostics) {
	t.Helper()
	result, diags := call(rawConfig(t, schemaType, set), tftypes.NewValue(schemaType.TerraformType(context.Background()), nil))
	if diags.HasError() {
		t.Fatalf("the call failed:\n%s", dumpDiags(diags))
	}
	return primitives(t, result), diags
}
