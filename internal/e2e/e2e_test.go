// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

// Package e2e runs the demo configuration (examples/demo) end to end with a
// real Terraform or OpenTofu CLI: the provider and Mastercard's restapi
// provider are installed from a filesystem mirror, exactly as a user would
// install them, and restapi authenticates to the fake Wix with the
// ephemeral token.
package e2e

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/hashicorp/go-version"

	"github.com/wixtf/terraform-provider-wix/internal/wixfake"
)

// mirrorVersion is the version the locally built provider is published
// under in the test mirror; examples/demo asks for "~> 0.1".
const mirrorVersion = "0.1.0"

type cli struct {
	path    string
	version *version.Version
	dir     string
	env     []string
}

func (c *cli) run(t *testing.T, args ...string) string {
	t.Helper()
	cmd := execCommand(c, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(c.path), strings.Join(args, " "), err, out.String())
	}
	return out.String()
}

// ephemeralMinimum is the first Terraform release with ephemeral resources.
var ephemeralMinimum = version.Must(version.NewVersion("1.10.0"))

// writeOnlyMinimum is the first Terraform release with write-only arguments.
var writeOnlyMinimum = version.Must(version.NewVersion("1.11.0"))

// setup checks the CLI, builds the provider into a mirror with restapi,
// http and the kubernetes double beside it, and writes a CLI configuration
// that installs only from there.
// With needEphemeral it skips on CLIs without ephemeral resources.
func setup(t *testing.T, needEphemeral bool) *cli {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("end-to-end tests drive a real CLI: set TF_ACC=1 (make test does)")
	}
	tfPath := os.Getenv("TF_ACC_TERRAFORM_PATH")
	restapi := os.Getenv("WIX_TEST_RESTAPI_PROVIDER")
	httpProvider := os.Getenv("WIX_TEST_HTTP_PROVIDER")
	if tfPath == "" || restapi == "" || httpProvider == "" {
		t.Skip("end-to-end tests need TF_ACC_TERRAFORM_PATH (the CLI), WIX_TEST_RESTAPI_PROVIDER and WIX_TEST_HTTP_PROVIDER (the restapi and http provider binaries); make test sets all three")
	}
	c := &cli{path: tfPath, dir: t.TempDir()}
	rc := filepath.Join(t.TempDir(), "cli.tfrc")
	for _, kv := range os.Environ() {
		k := kv[:strings.IndexByte(kv, '=')]
		if strings.HasPrefix(k, "WIX_") || strings.HasPrefix(k, "TF_") {
			continue
		}
		c.env = append(c.env, kv)
	}
	c.env = append(c.env, "TF_CLI_CONFIG_FILE="+rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
	writeFile(t, rc, "")

	var vj struct {
		Version string `json:"terraform_version"`
	}
	vcmd := exec.Command(tfPath, "version", "-json")
	vcmd.Env = c.env
	out, err := vcmd.Output()
	if err != nil || json.Unmarshal(out, &vj) != nil {
		t.Fatalf("%s version -json: %v", tfPath, err)
	}
	c.version = version.Must(version.NewVersion(vj.Version))
	if needEphemeral && c.version.LessThan(ephemeralMinimum) {
		t.Skipf("ephemeral resources need Terraform 1.10 or later (OpenTofu 1.11); this CLI is %s", c.version)
	}

	mirror := t.TempDir()
	platform := runtime.GOOS + "_" + runtime.GOARCH
	built := filepath.Join(t.TempDir(), "terraform-provider-wix")
	build := exec.Command("go", "build", "-trimpath", "-ldflags", "-X main.version="+mirrorVersion, "-o", built, "github.com/wixtf/terraform-provider-wix")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}
	// The write-only example's consumer: see internal/e2e/kubedouble.
	kube := filepath.Join(t.TempDir(), "terraform-provider-kubernetes")
	build = exec.Command("go", "build", "-trimpath", "-o", kube, "github.com/wixtf/terraform-provider-wix/internal/e2e/kubedouble")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the kubernetes double: %v\n%s", err, out)
	}
	for _, host := range []string{"registry.terraform.io", "registry.opentofu.org"} {
		copyFile(t, built, filepath.Join(mirror, host, "wixtf", "wix", mirrorVersion, platform, "terraform-provider-wix_v"+mirrorVersion))
		copyFile(t, restapi, filepath.Join(mirror, host, "mastercard", "restapi", "1.20.0", platform, "terraform-provider-restapi_v1.20.0"))
		copyFile(t, httpProvider, filepath.Join(mirror, host, "hashicorp", "http", "1.2.0", platform, "terraform-provider-http_v1.2.0"))
		copyFile(t, kube, filepath.Join(mirror, host, "hashicorp", "kubernetes", "2.36.0", platform, "terraform-provider-kubernetes_v2.36.0"))
	}
	writeFile(t, rc, fmt.Sprintf("provider_installation {\n  filesystem_mirror {\n    path = %q\n  }\n}\n", mirror))
	return c
}

func TestAccE2E_demoThroughRestapi(t *testing.T) {
	c := setup(t, true)
	c.useExample(t, filepath.Join("..", "..", "examples", "demo"))
	fake := wixfake.NewTestServer(t, wixfake.Options{})
	c.env = append(c.env,
		"WIX_API_URL="+fake.URL(),
		"WIX_CLIENT_ID="+wixfake.DemoClientID,
		"WIX_CLIENT_SECRET="+wixfake.DemoClientSecret,
		"WIX_INSTANCE_ID="+wixfake.DemoInstanceID,
		"TF_VAR_api_url="+fake.URL(),
	)

	c.run(t, "init", "-input=false", "-no-color")
	c.run(t, "plan", "-input=false", "-no-color", "-out=tfplan")
	planFile := readPlanFile(t, filepath.Join(c.dir, "tfplan"))
	c.run(t, "apply", "-input=false", "-no-color", "tfplan")
	state, err := os.ReadFile(filepath.Join(c.dir, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}

	// restapi called the protected API, and every call carried a token the
	// fake issued for the demo app and instance.
	calls := fake.ProtectedCalls()
	if len(calls) == 0 {
		t.Fatal("restapi never called the protected Wix API")
	}
	used := map[string]bool{}
	for _, call := range calls {
		it, ok := fake.LookupToken(call.Token)
		if call.Status != 200 || !ok || it.ClientID != wixfake.DemoClientID || it.InstanceID != wixfake.DemoInstanceID {
			t.Errorf("protected call to %s answered %d with a token issued for %+v", call.Path, call.Status, it)
		}
		used[call.Token] = true
	}

	// The state holds the data source's token (proof the scan below can
	// find a token), and no token restapi was given by the ephemeral resource.
	var st struct {
		Resources []struct {
			Mode, Type string
			Instances  []struct {
				Attributes map[string]any `json:"attributes"`
			}
		}
	}
	if err := json.Unmarshal(state, &st); err != nil {
		t.Fatal(err)
	}
	var dsToken string
	for _, r := range st.Resources {
		if r.Mode == "data" && r.Type == "wix_access_token" {
			dsToken, _ = r.Instances[0].Attributes["access_token"].(string)
		}
	}
	if _, ok := fake.LookupToken(dsToken); !ok || !bytes.Contains(state, []byte(dsToken)) {
		t.Fatal("the data source's token is not in the state: the scan for tokens proves nothing")
	}
	for tok := range used {
		if tok == dsToken {
			t.Error("restapi used the data source's token, not the ephemeral one")
		}
	}
	for _, tok := range fake.IssuedTokens() {
		if tok == dsToken {
			continue
		}
		if bytes.Contains(state, []byte(tok)) {
			t.Error("an ephemeral token was written to the state file")
		}
		if bytes.Contains(planFile, []byte(tok)) {
			t.Error("an ephemeral token was written to the saved plan file")
		}
	}
	if bytes.Contains(state, []byte(wixfake.DemoClientSecret)) || bytes.Contains(planFile, []byte(wixfake.DemoClientSecret)) {
		t.Error("the client secret was written to the state or plan file")
	}

	var outputs map[string]struct {
		Value map[string]any `json:"value"`
	}
	if err := json.Unmarshal([]byte(c.run(t, "output", "-json")), &outputs); err != nil {
		t.Fatal(err)
	}
	if got := outputs["data_source_token"].Value; got["token_type"] != "Bearer" || got["expires_in"] != float64(14400) {
		t.Errorf("data_source_token output = %v", got)
	}
}

// useExample copies the .tf files of an example directory into a fresh
// working directory.
func (c *cli) useExample(t *testing.T, dir string) {
	t.Helper()
	c.dir = t.TempDir()
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no .tf files in %s", dir)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(c.dir, filepath.Base(f)), string(data))
	}
}

// readPlanFile returns the uncompressed contents of every entry of a saved
// plan (a zip archive), so that a search cannot miss compressed text.
func readPlanFile(t *testing.T, path string) []byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("opening the saved plan: %v", err)
	}
	defer zr.Close()
	var all bytes.Buffer
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(&all, rc)
		rc.Close()
	}
	if all.Len() == 0 {
		t.Fatal("the saved plan is empty")
	}
	return all.Bytes()
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o755); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func execCommand(c *cli, args ...string) *exec.Cmd {
	cmd := exec.Command(c.path, args...)
	cmd.Dir = c.dir
	cmd.Env = c.env
	return cmd
}
