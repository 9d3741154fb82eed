// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

// Package e2e applies every configuration under examples/ (the demo
// included) end to end with a real Terraform or OpenTofu CLI: the provider
// and the consumer providers are installed from a filesystem mirror, exactly
// as a user would install them, against the fake Wix. It proves what each
// example shows, and that no App secret and no ephemeral token reaches a
// state file, a saved plan, the CLI's output or a TRACE log.
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
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/go-version"
)

// mirrorVersion is the version the locally built provider is published
// under in the test mirror; the examples ask for "~> 0.1".
const mirrorVersion = "0.1.0"

// ephemeralMinimum is the first Terraform release with ephemeral resources
// and ephemeral variables (OpenTofu: 1.11, which reports itself as such).
var ephemeralMinimum = version.Must(version.NewVersion("1.10.0"))

// writeOnlyMinimum is the first Terraform release with write-only arguments.
var writeOnlyMinimum = version.Must(version.NewVersion("1.11.0"))

// cli runs one Terraform-compatible CLI in one working directory.
type cli struct {
	path     string
	version  *version.Version
	openTofu bool
	dir      string
	env      []string
}

// result is what one CLI command printed (stdout and stderr together).
type result struct {
	args []string
	text string
	err  error
}

// exec runs the CLI with args and extra environment, and returns what it
// printed, failed or not.
func (c *cli) exec(t *testing.T, extraEnv []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(c.path, args...)
	cmd.Dir = c.dir
	cmd.Env = append(slices.Clone(c.env), extraEnv...)
	out, err := cmd.CombinedOutput()
	return result{args: args, text: string(out), err: err}
}

// run runs the CLI and fails the test if the command fails.
func (c *cli) run(t *testing.T, args ...string) string {
	t.Helper()
	r := c.exec(t, nil, args...)
	if r.err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(c.path), strings.Join(args, " "), r.err, scrub(r.text))
	}
	return r.text
}

// with returns a copy of c for another working directory and environment.
func (c *cli) with(dir string, env ...string) *cli {
	cc := *c
	cc.dir = dir
	cc.env = append(slices.Clone(c.env), env...)
	return &cc
}

// setup checks the CLI, builds the provider into a mirror with restapi,
// http and the kubernetes double beside it (once per process), and writes a
// CLI configuration that installs only from there. The WIX_* and TF_* variables of the
// caller's environment are left out.
func setup(t *testing.T) *cli {
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
	c := &cli{path: tfPath}
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
	vcmd = exec.Command(tfPath, "version")
	vcmd.Env = c.env
	out, err = vcmd.Output()
	if err != nil {
		t.Fatalf("%s version: %v", tfPath, err)
	}
	c.openTofu = strings.HasPrefix(string(out), "OpenTofu")

	mirrorOnce.Do(func() { mirrorDir, mirrorErr = buildMirror(restapi, httpProvider) })
	if mirrorErr != nil {
		t.Fatal(mirrorErr)
	}
	mirror := mirrorDir
	writeFile(t, rc, fmt.Sprintf("provider_installation {\n  filesystem_mirror {\n    path = %q\n  }\n}\n", mirror))
	return c
}

// fakeTokenRE matches the tokens the fake Wix mints.
var fakeTokenRE = regexp.MustCompile(`OauthNG\.JWS\.[A-Za-z0-9]+`)

// scrub replaces the fixtures' secrets and the fake's tokens in a text that
// a failing test prints, so that not even a test's failure shows one.
func scrub(text string) string {
	for secret := range fixtureSecrets {
		text = strings.ReplaceAll(text, secret, "(a secret)")
	}
	return fakeTokenRE.ReplaceAllString(text, "(a token)")
}

// The filesystem mirror is built once per test process, by the first setup,
// and removed by TestMain.
var (
	mirrorOnce sync.Once
	mirrorDir  string
	mirrorErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if mirrorDir != "" {
		_ = os.RemoveAll(mirrorDir)
	}
	os.Exit(code)
}

// buildMirror builds the provider and the kubernetes double and lays them
// out, with restapi and http, as a filesystem mirror for both registries'
// host names.
func buildMirror(restapi, httpProvider string) (string, error) {
	dir, err := os.MkdirTemp("", "wix-e2e-mirror-")
	if err != nil {
		return "", err
	}
	built := filepath.Join(dir, "bin", "terraform-provider-wix")
	kube := filepath.Join(dir, "bin", "terraform-provider-kubernetes") // the write-only example's consumer: see kubedouble
	for _, b := range [][]string{
		{"-ldflags", "-X main.version=" + mirrorVersion, "-o", built, "github.com/wixtf/terraform-provider-wix"},
		{"-o", kube, "github.com/wixtf/terraform-provider-wix/internal/e2e/kubedouble"},
	} {
		if out, err := exec.Command("go", append([]string{"build", "-trimpath"}, b...)...).CombinedOutput(); err != nil {
			return dir, fmt.Errorf("go build %s: %v\n%s", b[len(b)-1], err, out)
		}
	}
	platform := runtime.GOOS + "_" + runtime.GOARCH
	for _, host := range []string{"registry.terraform.io", "registry.opentofu.org"} {
		for _, p := range []struct{ from, ns, name, version string }{
			{built, "wixtf", "wix", mirrorVersion},
			{restapi, "mastercard", "restapi", "1.20.0"},
			{httpProvider, "hashicorp", "http", "1.2.0"},
			{kube, "hashicorp", "kubernetes", "2.36.0"},
		} {
			to := filepath.Join(dir, host, p.ns, p.name, p.version, platform, "terraform-provider-"+p.name+"_v"+p.version)
			if err := linkOrCopy(p.from, to); err != nil {
				return dir, err
			}
		}
	}
	return dir, nil
}

// linkOrCopy hard-links from to to, or copies it where a link cannot be.
func linkOrCopy(from, to string) error {
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	if os.Link(from, to) == nil {
		return nil
	}
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o755)
}

// copyConfig copies the .tf and .tftest.hcl files of a configuration
// directory, with those of its local modules and tests below it, into a
// fresh directory and returns it.
func copyConfig(t *testing.T, dir string) string {
	t.Helper()
	work := t.TempDir()
	n := 0
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || (!strings.HasSuffix(p, ".tf") && !strings.HasSuffix(p, ".tftest.hcl")) {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		copyFile(t, p, filepath.Join(work, rel))
		n++
		return nil
	})
	if err != nil || n == 0 {
		t.Fatalf("no .tf files in %s: %v", dir, err)
	}
	return work
}

// readPlanFile returns the uncompressed contents of every entry of a saved
// plan (a zip archive) by name, so that a search cannot miss compressed text.
func readPlanFile(t *testing.T, path string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("opening the saved plan: %v", err)
	}
	defer zr.Close()
	entries := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		_, err = io.Copy(&b, rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		entries[f.Name] = b.Bytes()
	}
	if len(entries) == 0 {
		t.Fatal("the saved plan is empty")
	}
	return entries
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
