// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wixtf/terraform-provider-wix/internal/wixfake"
)

// exampleCase says how to run one examples/ directory against the fake and
// what must have happened. The docs show these files, so none can rot.
type exampleCase struct {
	dir          string
	variant      string            // names a second case of the same directory
	ephemeral    bool              // needs Terraform 1.10+ (ephemeral resources or variables)
	writeOnly    bool              // needs Terraform 1.11+
	openTofuOnly string            // when set, the example needs OpenTofu, for this reason
	env          map[string]string // extra environment; "" removes a variable
	check        func(t *testing.T, fake *wixfake.Server, r *run)
	// again, if set, runs after check with the working directory, for
	// further runs and checks.
	again func(t *testing.T, c *cli, fake *wixfake.Server)
	// clockShift moves the fake's clock (and so expires_at) into the past.
	clockShift time.Duration
	wantError  string // the first plan must fail with this text
	wantOutput string // the commands' output must contain this text
}

// tokensFor checks that the fake minted tokens for exactly these
// client/instance pairs.
func tokensFor(t *testing.T, fake *wixfake.Server, want ...string) {
	t.Helper()
	var got []string
	for _, tok := range fake.IssuedTokens() {
		it, _ := fake.LookupToken(tok)
		got = append(got, it.ClientID+"/"+it.InstanceID)
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("no token was minted for %s; minted: %v", w, got)
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) {
			t.Errorf("a token was minted for %s, which the example does not ask for", g)
		}
	}
}

// calledWith checks that every call to the protected Wix API was answered
// 200 with a token the fake issued, and that the calls covered exactly
// these client/instance pairs. It returns the tokens used.
func calledWith(t *testing.T, fake *wixfake.Server, want ...string) map[string]bool {
	t.Helper()
	calls := fake.ProtectedCalls()
	if len(calls) == 0 {
		t.Fatal("nothing called the protected Wix API with a token")
	}
	used := map[string]bool{}
	var seen []string
	for _, c := range calls {
		it, ok := fake.LookupToken(c.Token)
		if c.Status != 200 || !ok {
			t.Errorf("a call to %s answered %d (a token the fake issued: %v)", c.Path, c.Status, ok)
			continue
		}
		used[c.Token] = true
		if k := it.ClientID + "/" + it.InstanceID; !slices.Contains(seen, k) {
			seen = append(seen, k)
		}
	}
	slices.Sort(seen)
	want = slices.Sorted(slices.Values(want))
	if !slices.Equal(seen, want) {
		t.Errorf("the protected API was called with tokens for %v, want %v", seen, want)
	}
	return used
}

var (
	demoToken     = wixfake.DemoClientID + "/" + wixfake.DemoInstanceID
	demoToken2    = wixfake.DemoClientID + "/" + wixfake.DemoInstanceID2
	secondToken   = wixfake.SecondClientID + "/" + wixfake.DemoInstanceID
	headlessToken = wixfake.HeadlessClientID + "/"
)

func exampleCases() []exampleCase {
	return []exampleCase{
		{dir: "demo", ephemeral: true, check: checkDemo},
		{dir: "data-sources/wix_app_instance", check: func(t *testing.T, fake *wixfake.Server, r *run) {
			tokensFor(t, fake, demoToken)
			calledWith(t, fake, demoToken)
			site, _ := outputs(t, r)["site"].(map[string]any)
			if site["name"] != wixfake.DemoSiteDisplayName || site["url"] != wixfake.DemoSiteURL || site["site_id"] != wixfake.DemoSiteID ||
				fmt.Sprint(site["permissions"]) != fmt.Sprint([]string{wixfake.PermissionManageAppInstance, wixfake.PermissionCreateCheckout, wixfake.PermissionManageCharge}) {
				t.Errorf("output site = %v", site)
			}
		}},
		{dir: "ephemeral-resources/wix_token_info", ephemeral: true, check: func(t *testing.T, fake *wixfake.Server, _ *run) {
			tokensFor(t, fake, demoToken)
		}},
		{dir: "scenarios/headless-site-id", ephemeral: true, env: map[string]string{"WIX_INSTANCE_ID": "", "WIX_CLIENT_ID": "", "WIX_CLIENT_SECRET": ""},
			check: func(t *testing.T, fake *wixfake.Server, _ *run) {
				tokensFor(t, fake, headlessToken)
				calledWith(t, fake, headlessToken)
				for _, c := range fake.ProtectedCalls() {
					if c.SiteID != wixfake.HeadlessSiteID {
						t.Errorf("restapi sent wix-site-id %q, want the token's site %s", c.SiteID, wixfake.HeadlessSiteID)
					}
				}
			}},
		{dir: "scenarios/permission-check", check: func(t *testing.T, fake *wixfake.Server, r *run) {
			tokensFor(t, fake, demoToken)
			if !strings.Contains(string(r.state(t)), `"terraform_data"`) {
				t.Error("with the permission granted, the change was not made")
			}
		}},
		{dir: "scenarios/permission-check", variant: "permission_missing", env: map[string]string{"TF_VAR_required_permission": "WIX_STORES.MANAGE_PRODUCTS"},
			wantError: "The app lacks WIX_STORES.MANAGE_PRODUCTS on " + wixfake.DemoSiteDisplayName,
			check: func(t *testing.T, _ *wixfake.Server, r *run) {
				if len(r.state(t)) != 0 {
					t.Error("a state was written: the plan went on to a change")
				}
			}},
		{dir: "scenarios/legacy-refresh-token", ephemeral: true, env: map[string]string{"WIX_INSTANCE_ID": ""},
			check: func(t *testing.T, fake *wixfake.Server, _ *run) {
				for _, tok := range fake.IssuedTokens() {
					if it, _ := fake.LookupToken(tok); it.GrantType != "refresh_token" || it.InstanceID != wixfake.DemoInstanceID {
						t.Errorf("a token was minted with %s for instance %q, want only refresh tokens of the demo instance", it.GrantType, it.InstanceID)
					}
				}
				calledWith(t, fake, demoToken)
			}},
		{dir: "scenarios/legacy-refresh-token", variant: "refused", ephemeral: true,
			env:       map[string]string{"WIX_INSTANCE_ID": "", "TF_VAR_wix_refresh_token": wixfake.RemovedRefreshToken},
			wantError: "Wix Refused the Refresh Token"},
		{dir: "scenarios/sites-by-instance", check: func(t *testing.T, fake *wixfake.Server, r *run) {
			tokensFor(t, fake, demoToken, demoToken2)
			calledWith(t, fake, demoToken, demoToken2)
			got := fmt.Sprint(outputs(t, r)["sites"])
			want := fmt.Sprint(map[string]any{
				wixfake.DemoInstanceID:  map[string]any{"name": wixfake.DemoSiteDisplayName, "url": wixfake.DemoSiteURL},
				wixfake.DemoInstanceID2: map[string]any{"name": wixfake.DemoSiteDisplayName2, "url": nil},
			})
			if got != want {
				t.Errorf("output sites = %s, want %s", got, want)
			}
		}},
		{dir: "provider", ephemeral: true, check: func(t *testing.T, fake *wixfake.Server, _ *run) {
			if n := fake.TokenRequests(); n != 0 {
				t.Errorf("configuring the provider made %d token requests; it must make none", n)
			}
		}},
		{dir: "data-sources/wix_access_token", check: func(t *testing.T, fake *wixfake.Server, _ *run) {
			tokensFor(t, fake, demoToken)
		}, wantOutput: "token_expires_at"},
		{dir: "ephemeral-resources/wix_access_token", ephemeral: true, check: func(t *testing.T, fake *wixfake.Server, _ *run) {
			tokensFor(t, fake, demoToken)
		}},
		{dir: "scenarios/restapi", ephemeral: true, check: func(t *testing.T, fake *wixfake.Server, _ *run) {
			tokensFor(t, fake, demoToken)
			calledWith(t, fake, demoToken)
		}},
		{dir: "scenarios/http", check: func(t *testing.T, fake *wixfake.Server, r *run) {
			tokensFor(t, fake, demoToken)
			// The http data source calls Get App Instance in each plan.
			calls := fake.ProtectedCalls()
			if len(calls) == 0 {
				t.Fatal("the http data source never called Get App Instance")
			}
			for _, c := range calls {
				if it, ok := fake.LookupToken(c.Token); c.Status != 200 || !ok || it.InstanceID != wixfake.DemoInstanceID {
					t.Errorf("the http data source's call answered %d with a token the fake did not issue for the demo instance", c.Status)
				}
			}
			// The output comes from the body the fake returned for that token.
			if want := "site_display_name = \"Fake site "; !strings.Contains(r.output(), want) {
				t.Errorf("the output lacks %q:\n%s", want, scrub(r.output()))
			}
		}},
		{dir: "scenarios/write-only", writeOnly: true, check: func(t *testing.T, fake *wixfake.Server, _ *run) {
			tokensFor(t, fake, demoToken)
		}, again: checkWriteOnly},
		{dir: "scenarios/for-each-instances", ephemeral: true, check: func(t *testing.T, fake *wixfake.Server, _ *run) {
			tokensFor(t, fake, demoToken, demoToken2)
		}},
		{dir: "scenarios/many-sites-opentofu", ephemeral: true,
			openTofuOnly: "it sets for_each on a provider block, which OpenTofu accepts from 1.9 and Terraform refuses (scenarios/many-sites-terraform is the Terraform way)",
			check: func(t *testing.T, fake *wixfake.Server, _ *run) {
				tokensFor(t, fake, demoToken, demoToken2)
				calledWith(t, fake, demoToken, demoToken2)
			}},
		{dir: "scenarios/many-sites-terraform", ephemeral: true, check: func(t *testing.T, fake *wixfake.Server, _ *run) {
			tokensFor(t, fake, demoToken, demoToken2)
			calledWith(t, fake, demoToken, demoToken2)
		}},
		{dir: "scenarios/several-apps", ephemeral: true, check: func(t *testing.T, fake *wixfake.Server, _ *run) {
			tokensFor(t, fake, demoToken, secondToken)
		}},
		{dir: "scenarios/data-source-several-apps", ephemeral: true, check: func(t *testing.T, fake *wixfake.Server, r *run) {
			tokensFor(t, fake, demoToken, secondToken)
			if n := len(dataSourceTokens(t, r.state(t))); n != 2 {
				t.Errorf("the state holds %d data source tokens, want one per app (2)", n)
			}
		}},
		{dir: "scenarios/headless", ephemeral: true, env: map[string]string{"WIX_INSTANCE_ID": "", "WIX_CLIENT_ID": "", "WIX_CLIENT_SECRET": ""},
			check: func(t *testing.T, fake *wixfake.Server, _ *run) {
				tokensFor(t, fake, headlessToken)
			}},
		{dir: "scenarios/expiry-guard", ephemeral: true, check: func(t *testing.T, fake *wixfake.Server, _ *run) {
			tokensFor(t, fake, demoToken)
		}},
		{dir: "scenarios/expiry-guard", variant: "near_expiry", ephemeral: true, clockShift: 3*time.Hour + 30*time.Minute,
			wantError: "The Wix token expires within an hour"},
		{dir: "scenarios/data-source-in-check", check: func(t *testing.T, fake *wixfake.Server, _ *run) {
			tokensFor(t, fake, demoToken)
		}},
		{dir: "scenarios/data-source-in-check", variant: "near_expiry", clockShift: 3*time.Hour + 30*time.Minute,
			wantOutput: "The Wix token in state expires within an hour"},
	}
}

// checkDemo: restapi called the protected API with the ephemeral token, never
// the data source's, and the state holds the data source's token (which
// shows that the scan for tokens can find one).
func checkDemo(t *testing.T, fake *wixfake.Server, r *run) {
	t.Helper()
	used := calledWith(t, fake, demoToken)
	state := r.state(t)
	stored := dataSourceTokens(t, state)
	if len(stored) != 1 {
		t.Fatalf("the state holds %d data source tokens, want 1: the scan for tokens would prove nothing", len(stored))
	}
	for tok := range stored {
		if !strings.Contains(string(state), tok) {
			t.Fatal("the data source's token is not in the state file: the scan for tokens proves nothing")
		}
		if used[tok] {
			t.Error("restapi used the data source's token, not the ephemeral one")
		}
	}
	out := outputs(t, r)
	if got, _ := out["data_source_token"].(map[string]any); got["token_type"] != "Bearer" || got["expires_in"] != float64(14400) {
		t.Errorf("data_source_token output = %v", got)
	}
	if got, _ := out["site"].(map[string]any); got["name"] != wixfake.DemoSiteDisplayName || got["url"] != wixfake.DemoSiteURL ||
		fmt.Sprint(got["permissions"]) != fmt.Sprint([]string{wixfake.PermissionManageAppInstance, wixfake.PermissionCreateCheckout, wixfake.PermissionManageCharge}) {
		t.Errorf("site output = %v", got)
	}
}

// outputs are the root module's output values after the run.
func outputs(t *testing.T, r *run) map[string]any {
	t.Helper()
	var outs map[string]struct {
		Value any `json:"value"`
	}
	if err := json.Unmarshal([]byte(r.c.run(t, "output", "-json")), &outs); err != nil {
		t.Fatal(err)
	}
	values := map[string]any{}
	for k, v := range outs {
		values[k] = v.Value
	}
	return values
}

// Every example directory and the demo, on this CLI: plan to a file, apply
// that saved plan, plan again. Each example's own checks say that it did
// what it shows; for every one, the App secret appears in no state file, no
// entry of the saved plan, no CLI output and no TRACE log, and no ephemeral
// token in a state file or a saved plan (TestAccLeakCheckFires shows that
// the check fires).
func TestAccExamples(t *testing.T) {
	base := setup(t)
	root := filepath.Join("..", "..", "examples")

	// TestAccTestingGuide* run the tests of these; TestAccExchangeCodeScript
	// runs legacy-auth's script.
	covered := map[string]bool{"testing": true, "testing-mock": true}
	for _, tc := range exampleCases() {
		covered[tc.dir] = true
	}
	_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".tf") {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(p))
		rel = filepath.ToSlash(rel)
		if before, _, ok := strings.Cut(rel, "/modules/"); ok {
			rel = before // a local module, applied with the example that calls it
		}
		if !covered[rel] {
			t.Errorf("examples/%s is not applied by any test", rel)
		}
		return nil
	})
	if out := base.with(mustAbs(t, root)).exec(t, nil, "fmt", "-check", "-recursive", "-diff"); out.err != nil {
		t.Errorf("examples are not fmt-clean:\n%s", out.text)
	}

	for _, tc := range exampleCases() {
		name := tc.dir
		if tc.variant != "" {
			name += "/" + tc.variant
		}
		t.Run(name, func(t *testing.T) {
			switch {
			case tc.ephemeral && base.version.LessThan(ephemeralMinimum):
				t.Skipf("the example uses ephemeral resources or variables, which need Terraform 1.10+ (OpenTofu 1.11+); this CLI is %s", base.version)
			case tc.writeOnly && base.version.LessThan(writeOnlyMinimum):
				t.Skipf("the example uses a write-only argument, which needs Terraform 1.11+; this CLI is %s", base.version)
			case tc.openTofuOnly != "" && !base.openTofu:
				t.Skipf("the example runs on OpenTofu only: %s", tc.openTofuOnly)
			}
			t.Parallel()
			shift := tc.clockShift
			fake := wixfake.NewTestServer(t, wixfake.Options{Now: func() time.Time { return time.Now().Add(-shift) }})
			c := base.with(copyConfig(t, filepath.Join(root, tc.dir)), exampleEnv(t, fake, tc.env)...)

			r := planApplyPlan(t, c)
			output := strings.Join(strings.Fields(r.output()), " ")
			failed := r.failed()
			switch {
			case tc.wantError != "":
				if failed == nil || failed.args[0] != "plan" || !strings.Contains(output, tc.wantError) {
					t.Fatalf("want the first plan to fail saying %q; got:\n%s", tc.wantError, scrub(r.output()))
				}
			case failed != nil:
				t.Fatalf("%s: %v\n%s", strings.Join(failed.args, " "), failed.err, scrub(failed.text))
			}
			if tc.wantOutput != "" && !strings.Contains(output, tc.wantOutput) {
				t.Errorf("the output lacks %q:\n%s", tc.wantOutput, scrub(r.output()))
			}
			if tc.check != nil {
				tc.check(t, fake, r)
			}
			checkNoLeaks(t, r, fake)
			if tc.again != nil {
				tc.again(t, c, fake)
			}
		})
	}
}

// exampleEnv is the environment every example runs with: the fake's URL
// and the fixtures' credentials, as WIX_* and as the variables the examples
// declare; extra overrides it ("" removes a variable).
func exampleEnv(t *testing.T, fake *wixfake.Server, extra map[string]string) []string {
	t.Helper()
	vars := map[string]string{
		"WIX_API_URL":                     fake.URL(),
		"WIX_CLIENT_ID":                   wixfake.DemoClientID,
		"WIX_CLIENT_SECRET":               wixfake.DemoClientSecret,
		"WIX_INSTANCE_ID":                 wixfake.DemoInstanceID,
		"TF_VAR_api_url":                  fake.URL(),
		"TF_VAR_wix_api_url":              fake.URL(),
		"TF_VAR_wix_client_id":            wixfake.DemoClientID,
		"TF_VAR_wix_client_secret":        wixfake.DemoClientSecret,
		"TF_VAR_wix_instance_id":          wixfake.DemoInstanceID,
		"TF_VAR_wix_instance_ids":         fmt.Sprintf("[%q, %q]", wixfake.DemoInstanceID, wixfake.DemoInstanceID2),
		"KUBEDOUBLE_DIR":                  t.TempDir(),
		"TF_VAR_headless_client_id":       wixfake.HeadlessClientID,
		"TF_VAR_headless_client_secret":   wixfake.HeadlessClientSecret,
		"TF_VAR_second_app_client_id":     wixfake.SecondClientID,
		"TF_VAR_second_app_client_secret": wixfake.SecondClientSecret,
		"TF_VAR_apps": mustJSON(t, map[string]map[string]string{
			"demo":   {"client_id": wixfake.DemoClientID, "instance_id": wixfake.DemoInstanceID},
			"second": {"client_id": wixfake.SecondClientID, "instance_id": wixfake.DemoInstanceID},
		}),
		"TF_VAR_app_secrets":       mustJSON(t, map[string]string{"demo": wixfake.DemoClientSecret, "second": wixfake.SecondClientSecret}),
		"TF_VAR_wix_refresh_token": wixfake.DemoRefreshToken,
	}
	for k, v := range extra {
		vars[k] = v
	}
	var env []string
	for k, v := range vars {
		if v != "" {
			env = append(env, k+"="+v)
		}
	}
	return env
}

func checkWriteOnly(t *testing.T, c *cli, fake *wixfake.Server) {
	t.Helper()
	dir := ""
	for _, kv := range c.env {
		if v, ok := strings.CutPrefix(kv, "KUBEDOUBLE_DIR="); ok {
			dir = v
		}
	}
	stored := func() kubeSecret {
		t.Helper()
		var s kubeSecret
		b, err := os.ReadFile(filepath.Join(dir, "default", "wix-access-token.json"))
		if err != nil {
			t.Fatalf("the Kubernetes secret was not stored: %v", err)
		}
		if err := json.Unmarshal(b, &s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	first := stored()
	tok := first.Data["WIX_ACCESS_TOKEN"]
	if it, ok := fake.LookupToken(tok); !ok || it.InstanceID != wixfake.DemoInstanceID || first.Writes != 1 || first.Revision < 1 {
		t.Fatalf("the secret got writes=%d revision=%d and a token the fake did not issue for the demo instance", first.Writes, first.Revision)
	}
	checkStateClean(t, c, fake)

	// plantimestamp() has a one-second resolution: wait for the next second
	// so that the revision, and so the token, must change.
	time.Sleep(time.Until(time.Now().Truncate(time.Second).Add(time.Second)))
	out := c.run(t, "apply", "-input=false", "-no-color", "-auto-approve")
	for _, tok := range fake.IssuedTokens() {
		if strings.Contains(out, tok) {
			t.Error("a token appears in the second run's CLI output")
		}
	}
	second := stored()
	if second.Writes != 2 || second.Revision <= first.Revision || second.Data["WIX_ACCESS_TOKEN"] == tok {
		t.Errorf("a second run must send a new token with a higher revision: writes=%d, revision %d then %d, token changed: %v",
			second.Writes, first.Revision, second.Revision, second.Data["WIX_ACCESS_TOKEN"] != tok)
	}
	if _, ok := fake.LookupToken(second.Data["WIX_ACCESS_TOKEN"]); !ok {
		t.Error("the second run stored a token the fake did not issue")
	}
	checkStateClean(t, c, fake)
}

// kubeSecret is what internal/e2e/kubedouble stores for a secret.
type kubeSecret struct {
	Data     map[string]string `json:"data"`
	Revision int64             `json:"revision"`
	Writes   int               `json:"writes"`
}

// checkStateClean fails if the state holds an issued token or a value for
// data_wo.
func checkStateClean(t *testing.T, c *cli, fake *wixfake.Server) {
	t.Helper()
	state, err := os.ReadFile(filepath.Join(c.dir, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range fake.IssuedTokens() {
		if strings.Contains(string(state), tok) {
			t.Fatal("a token was written to the state file")
		}
	}
	var st struct {
		Resources []struct {
			Type      string
			Instances []struct {
				Attributes map[string]any `json:"attributes"`
			}
		}
	}
	if err := json.Unmarshal(state, &st); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range st.Resources {
		if r.Type != "kubernetes_secret_v1" {
			continue
		}
		found = true
		attrs := r.Instances[0].Attributes
		if v, present := attrs["data_wo"]; !present || v != nil {
			t.Errorf("data_wo in state is %v (present: %v); a write-only argument must be null there", v, present)
		}
	}
	if !found {
		t.Fatal("kubernetes_secret_v1 is not in the state: the checks above prove nothing")
	}
}

func mustAbs(t *testing.T, p string) string {
	t.Helper()
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
