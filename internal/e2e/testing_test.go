// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package e2e

import (
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/go-version"

	"github.com/wixtf/terraform-provider-wix/internal/wixfake"
)

// overrideDataMinimum is the first Terraform release with override_data
// and mock_provider in `terraform test` (OpenTofu: 1.8, which reports
// itself as 1.8 too).
var overrideDataMinimum = version.Must(version.NewVersion("1.7.0"))

// The testing guide's example: `terraform test` (or `tofu test`) of
// examples/testing against the fake Wix passes, both the run against the
// fake and the one with override_data.
func TestAccTestingGuide(t *testing.T) {
	base := setup(t)
	if base.version.LessThan(ephemeralMinimum) {
		t.Skipf("the example has an ephemeral resource, which needs Terraform 1.10+ (OpenTofu 1.11+); this CLI is %s", base.version)
	}
	fake := wixfake.NewTestServer(t, wixfake.Options{})
	c := base.with(copyConfig(t, filepath.Join("..", "..", "examples", "testing")),
		"WIX_API_URL="+fake.URL(), "WIX_CLIENT_ID="+wixfake.DemoClientID, "WIX_CLIENT_SECRET="+wixfake.DemoClientSecret)
	c.run(t, "init", "-input=false", "-no-color")
	out := c.run(t, "test", "-no-color")
	for _, want := range []string{"tests/fake.tftest.hcl... pass", "tests/override.tftest.hcl... pass", "2 passed, 0 failed"} {
		if !strings.Contains(out, want) {
			t.Errorf("terraform test printed no %q:\n%s", want, scrub(out))
		}
	}
	if len(fake.ProtectedCalls()) == 0 || len(fake.IssuedTokens()) == 0 {
		t.Error("the tests did not run against the fake")
	}
	for _, tok := range fake.IssuedTokens() {
		if strings.Contains(out, tok) {
			t.Error("a token appears in the output of terraform test")
		}
	}
	if strings.Contains(out, wixfake.DemoClientSecret) {
		t.Error("the client secret appears in the output of terraform test")
	}
}

// The guide's mock: a configuration of data sources only, tested with
// mock_provider and no Wix at all.
func TestAccTestingGuide_mockProvider(t *testing.T) {
	base := setup(t)
	if base.version.LessThan(overrideDataMinimum) {
		t.Skipf("mock_provider needs Terraform 1.7+ (OpenTofu 1.8+); this CLI is %s", base.version)
	}
	c := base.with(copyConfig(t, filepath.Join("..", "..", "examples", "testing-mock")), "WIX_API_URL=http://127.0.0.1:1")
	c.run(t, "init", "-input=false", "-no-color")
	if out := c.run(t, "test", "-no-color"); !strings.Contains(out, "1 passed, 0 failed") {
		t.Errorf("the mock test did not pass:\n%s", scrub(out))
	}
}

// What the guide says of mock_provider and ephemeral resources: Terraform
// refuses the mock with the message the guide quotes; OpenTofu accepts it.
func TestAccTestingGuide_mockedEphemeral(t *testing.T) {
	base := setup(t)
	if base.version.LessThan(ephemeralMinimum) {
		t.Skipf("the configuration has an ephemeral resource, which needs Terraform 1.10+ (OpenTofu 1.11+); this CLI is %s", base.version)
	}
	c := base.with(copyConfig(t, filepath.Join("testdata", "mock-ephemeral")))
	c.run(t, "init", "-input=false", "-no-color")
	r := c.exec(t, nil, "test", "-no-color")
	text := strings.Join(strings.Fields(r.text), " ")
	if base.openTofu {
		if r.err != nil || !strings.Contains(text, "1 passed, 0 failed") {
			t.Fatalf("OpenTofu refused a mocked ephemeral resource (err %v):\n%s", r.err, scrub(r.text))
		}
		return
	}
	const quoted = "No ephemeral resource types in mock providers" // in templates/guides/testing.md.tmpl
	if r.err == nil || !strings.Contains(text, quoted) || !strings.Contains(text, "The provider mocking mechanism does not yet support ephemeral resource types.") {
		t.Fatalf("Terraform no longer answers as the guide quotes (err %v):\n%s", r.err, scrub(r.text))
	}
}

// The legacy guide's script exchanges a one-time code for the refresh
// token, prints only that, and fails for a code used before.
func TestAccExchangeCodeScript(t *testing.T) {
	base := setup(t) // an environment without the caller's WIX_* settings
	fake := wixfake.NewTestServer(t, wixfake.Options{})
	script, err := filepath.Abs(filepath.Join("..", "..", "examples", "legacy-auth", "exchange-code.sh"))
	if err != nil {
		t.Fatal(err)
	}
	exchange := func() (string, error) {
		cmd := exec.Command(script, wixfake.DemoAuthCode)
		cmd.Env = append(slices.Clone(base.env), "WIX_API_URL="+fake.URL(), "WIX_CLIENT_ID="+wixfake.DemoClientID, "WIX_CLIENT_SECRET="+wixfake.DemoClientSecret)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := exchange()
	if err != nil || out != wixfake.DemoRefreshToken+"\n" {
		t.Fatalf("the script printed %d bytes (err %v), want only the demo instance's refresh token", len(out), err)
	}
	out, err = exchange()
	switch {
	case strings.Contains(out, wixfake.DemoClientSecret) || strings.Contains(out, wixfake.DemoRefreshToken):
		t.Fatal("a reused code: the script's output quotes the secret or a refresh token")
	case err == nil || !strings.Contains(out, "Wix refused the code"):
		t.Fatalf("a reused code: err %v, output %q; want a refusal", err, scrub(out))
	}
}
