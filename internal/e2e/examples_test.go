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
	dir       string
	ephemeral bool              // needs Terraform 1.10+
	writeOnly bool              // needs Terraform 1.11+
	env       map[string]string // extra environment; "" removes a variable
	check     func(t *testing.T, fake *wixfake.Server, out string)
	// again, if set, runs after check with the working directory, for
	// further runs and checks.
	again func(t *testing.T, c *cli, fake *wixfake.Server)
	// clockShift moves the fake's clock (and so expires_at) into the past.
	clockShift time.Duration
	wantError  string // apply must fail with this text
	wantOutput string // apply output must contain this text
}

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

var (
	demoToken     = wixfake.DemoClientID + "/" + wixfake.DemoInstanceID
	demoToken2    = wixfake.DemoClientID + "/" + wixfake.DemoInstanceID2
	secondToken   = wixfake.SecondClientID + "/" + wixfake.DemoInstanceID
	headlessToken = wixfake.HeadlessClientID + "/"
)

func exampleCases() []exampleCase {
	return []exampleCase{
		{dir: "provider", check: func(t *testing.T, fake *wixfake.Server, _ string) {
			if n := fake.TokenRequests(); n != 0 {
				t.Errorf("configuring the provider made %d token requests; it must make none", n)
			}
		}},
		{dir: "data-sources/wix_access_token", check: func(t *testing.T, fake *wixfake.Server, _ string) {
			tokensFor(t, fake, demoToken)
		}, wantOutput: "token_expires_at"},
		{dir: "ephemeral-resources/wix_access_token", ephemeral: true, check: func(t *testing.T, fake *wixfake.Server, _ string) {
			tokensFor(t, fake, demoToken)
		}},
		{dir: "scenarios/restapi", ephemeral: true, check: func(t *testing.T, fake *wixfake.Server, _ string) {
			tokensFor(t, fake, demoToken)
			calls := fake.ProtectedCalls()
			if len(calls) == 0 {
				t.Fatal("restapi never called the Wix API with the token")
			}
			for _, c := range calls {
				if c.Status != 200 {
					t.Errorf("restapi's call to %s answered %d", c.Path, c.Status)
				}
			}
		}},
		{dir: "scenarios/http", check: func(t *testing.T, fake *wixfake.Server, out string) {
			tokensFor(t, fake, demoToken)
			calls := fake.ProtectedCalls()
			if len(calls) != 1 || calls[0].Status != 200 {
				t.Fatalf("want one authenticated Get App Instance call from the http data source, got %+v", calls)
			}
			if it, ok := fake.LookupToken(calls[0].Token); !ok || it.InstanceID != wixfake.DemoInstanceID {
				t.Errorf("the http data source sent a token the fake did not issue for the demo instance")
			}
			// The output comes from the body the fake returned for that token.
			if want := "site_display_name = \"Fake site "; !strings.Contains(out, want) {
				t.Errorf("apply output lacks %q:\n%s", want, out)
			}
		}},
		{dir: "scenarios/write-only", writeOnly: true, check: func(t *testing.T, fake *wixfake.Server, _ string) {
			tokensFor(t, fake, demoToken)
		}, again: checkWriteOnly},
		{dir: "scenarios/for-each-instances", ephemeral: true, check: func(t *testing.T, fake *wixfake.Server, _ string) {
			tokensFor(t, fake, demoToken, demoToken2)
		}},
		{dir: "scenarios/several-apps", ephemeral: true, check: func(t *testing.T, fake *wixfake.Server, _ string) {
			tokensFor(t, fake, demoToken, secondToken)
		}},
		{dir: "scenarios/headless", ephemeral: true, env: map[string]string{"WIX_INSTANCE_ID": "", "WIX_CLIENT_ID": "", "WIX_CLIENT_SECRET": ""},
			check: func(t *testing.T, fake *wixfake.Server, _ string) {
				tokensFor(t, fake, headlessToken)
			}},
		{dir: "scenarios/expiry-guard", ephemeral: true, check: func(t *testing.T, fake *wixfake.Server, _ string) {
			tokensFor(t, fake, demoToken)
		}},
		{dir: "scenarios/expiry-guard", ephemeral: true, clockShift: 3*time.Hour + 30*time.Minute,
			wantError: "The Wix token expires within an hour"},
		{dir: "scenarios/data-source-in-check", check: func(t *testing.T, fake *wixfake.Server, _ string) {
			tokensFor(t, fake, demoToken)
		}},
		{dir: "scenarios/data-source-in-check", clockShift: 3*time.Hour + 30*time.Minute,
			wantOutput: "The Wix token in state expires within an hour"},
	}
}

// Every example directory is applied against the fake Wix, and every one is
// covered by a case.
func TestAccExamples(t *testing.T) {
	base := setup(t, false)
	root := filepath.Join("..", "..", "examples")

	covered := map[string]bool{"demo": true} // TestAccE2E_demoThroughRestapi
	for _, tc := range exampleCases() {
		covered[tc.dir] = true
	}
	_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".tf") {
			rel, _ := filepath.Rel(root, filepath.Dir(p))
			if !covered[filepath.ToSlash(rel)] {
				t.Errorf("examples/%s is not applied by any test", rel)
			}
		}
		return nil
	})
	out := base.runAllowFail(t, "fmt", "-check", "-recursive", "-diff", mustAbs(t, root))
	if out.err != nil {
		t.Errorf("examples are not fmt-clean:\n%s", out.text)
	}

	for _, tc := range exampleCases() {
		name := tc.dir
		if tc.clockShift > 0 {
			name += "/near_expiry"
		}
		t.Run(name, func(t *testing.T) {
			if tc.ephemeral && base.version.LessThan(ephemeralMinimum) {
				t.Skipf("the example uses an ephemeral resource, which needs Terraform 1.10+; this CLI is %s", base.version)
			}
			if tc.writeOnly && base.version.LessThan(writeOnlyMinimum) {
				t.Skipf("the example uses a write-only argument, which needs Terraform 1.11+; this CLI is %s", base.version)
			}
			shift := tc.clockShift
			fake := wixfake.NewTestServer(t, wixfake.Options{Now: func() time.Time { return time.Now().Add(-shift) }})
			c := *base
			c.env = slices.Clone(base.env)
			c.useExample(t, filepath.Join(root, tc.dir))
			vars := map[string]string{
				"WIX_API_URL":                   fake.URL(),
				"WIX_CLIENT_ID":                 wixfake.DemoClientID,
				"WIX_CLIENT_SECRET":             wixfake.DemoClientSecret,
				"WIX_INSTANCE_ID":               wixfake.DemoInstanceID,
				"TF_VAR_wix_api_url":            fake.URL(),
				"TF_VAR_wix_client_id":          wixfake.DemoClientID,
				"TF_VAR_wix_client_secret":      wixfake.DemoClientSecret,
				"TF_VAR_wix_instance_id":        wixfake.DemoInstanceID,
				"TF_VAR_wix_instance_ids":       fmt.Sprintf("[%q, %q]", wixfake.DemoInstanceID, wixfake.DemoInstanceID2),
				"KUBEDOUBLE_DIR":                t.TempDir(),
				"TF_VAR_headless_client_id":     wixfake.HeadlessClientID,
				"TF_VAR_headless_client_secret": wixfake.HeadlessClientSecret,
				"TF_VAR_apps": mustJSON(t, map[string]map[string]string{
					"demo":   {"client_id": wixfake.DemoClientID, "client_secret": wixfake.DemoClientSecret, "instance_id": wixfake.DemoInstanceID},
					"second": {"client_id": wixfake.SecondClientID, "client_secret": wixfake.SecondClientSecret, "instance_id": wixfake.DemoInstanceID},
				}),
			}
			for k, v := range tc.env {
				vars[k] = v
			}
			for k, v := range vars {
				if v != "" {
					c.env = append(c.env, k+"="+v)
				}
			}

			c.run(t, "init", "-input=false", "-no-color")
			res := c.runAllowFail(t, "apply", "-input=false", "-no-color", "-auto-approve")
			switch {
			case tc.wantError != "":
				if res.err == nil || !strings.Contains(strings.Join(strings.Fields(res.text), " "), tc.wantError) {
					t.Fatalf("apply: want an error saying %q, got err %v:\n%s", tc.wantError, res.err, res.text)
				}
			case res.err != nil:
				t.Fatalf("apply: %v\n%s", res.err, res.text)
			}
			if tc.wantOutput != "" && !strings.Contains(strings.Join(strings.Fields(res.text), " "), tc.wantOutput) {
				t.Errorf("apply output lacks %q:\n%s", tc.wantOutput, res.text)
			}
			if tc.check != nil {
				tc.check(t, fake, res.text)
			}
			if tc.again != nil {
				tc.again(t, &c, fake)
			}
			for _, s := range []string{wixfake.DemoClientSecret, wixfake.SecondClientSecret, wixfake.HeadlessClientSecret} {
				if strings.Contains(res.text, s) {
					t.Error("a client secret appears in the CLI output")
				}
			}
			for _, tok := range fake.IssuedTokens() {
				if strings.Contains(res.text, tok) {
					t.Error("a token appears in the CLI output")
				}
			}
		})
	}
}

// checkWriteOnly proves, for examples/scenarios/write-only, that the token
// reached the write-only argument and nothing else: the secret the consumer
// stored holds a live token for the demo instance, the state holds no token
// and no data_wo, and a second run sends a new token.
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

type result struct {
	text string
	err  error
}

func (c *cli) runAllowFail(t *testing.T, args ...string) result {
	t.Helper()
	cmd := execCommand(c, args...)
	out, err := cmd.CombinedOutput()
	return result{text: string(out), err: err}
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
