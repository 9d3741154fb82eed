// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package release

import (
	"archive/zip"
	"bufio"
	"bytes"
	"crypto/sha256"
	"debug/buildinfo"
	"encoding/hex"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var (
	distFlag = flag.String("dist", os.Getenv("WIX_RELEASE_DIST"),
		"goreleaser's dist/ directory to check (default $WIX_RELEASE_DIST); the dist tests skip without it")
	platformsFlag = flag.String("platforms", "",
		`platforms dist/ must hold exactly, as OS_ARCH separated by spaces or commas, or "all" for the release matrix; empty accepts any non-empty set`)
)

const (
	project    = "terraform-provider-wix"
	modulePath = "github.com/wixtf/terraform-provider-wix"
)

// releaseMatrix is every platform a release ships: .goreleaser.yml's
// goos x goarch less the combinations Go does not support.
var releaseMatrix = []string{
	"darwin_amd64", "darwin_arm64",
	"freebsd_386", "freebsd_amd64", "freebsd_arm", "freebsd_arm64",
	"linux_386", "linux_amd64", "linux_arm", "linux_arm64",
	"windows_386", "windows_amd64", "windows_arm64",
}

// semver is the Semantic Versioning 2.0.0 grammar, which the Registry
// requires of a provider version (here without the tag's leading "v").
var semver = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)` +
	`(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?` +
	`(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)

// dist is what a goreleaser run left in its dist/ directory.
type dist struct {
	dir     string
	version string
	// zips maps OS_ARCH to the zip's file name.
	zips map[string]string
	sums string
	sig  string // empty when the build was not signed
}

func (d dist) manifestName() string { return project + "_" + d.version + "_manifest.json" }

// loadDist reads dist/metadata.json for the version and sorts the release
// files in dist/, failing on any file name the Registry would not expect.
func loadDist(t *testing.T) dist {
	t.Helper()
	if *distFlag == "" {
		t.Skip("no -dist given: run `make release-check`, which builds a snapshot release with goreleaser and passes -dist")
	}
	d := dist{dir: *distFlag, zips: map[string]string{}}

	raw, err := os.ReadFile(filepath.Join(d.dir, "metadata.json"))
	if err != nil {
		t.Fatalf("reading goreleaser's metadata: %v", err)
	}
	var meta struct {
		ProjectName string `json:"project_name"`
		Version     string `json:"version"`
	}
	if err := json.Unmarshal(raw, &meta); err != nil {
		t.Fatalf("metadata.json: %v", err)
	}
	if meta.ProjectName != project {
		t.Fatalf("project_name is %q, want %q (the Registry reads the provider type from the file names)", meta.ProjectName, project)
	}
	if !semver.MatchString(meta.Version) {
		t.Fatalf("version %q is not a semantic version without a leading v", meta.Version)
	}
	d.version = meta.Version

	entries, err := os.ReadDir(d.dir)
	if err != nil {
		t.Fatal(err)
	}
	prefix := project + "_" + d.version + "_"
	zipName := regexp.MustCompile(`^` + regexp.QuoteMeta(prefix) + `([a-z0-9]+)_([a-z0-9]+)\.zip$`)
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasPrefix(name, project+"_") {
			continue // goreleaser's own files and per-build directories
		}
		switch m := zipName.FindStringSubmatch(name); {
		case m != nil:
			platform := m[1] + "_" + m[2]
			if !slices.Contains(releaseMatrix, platform) {
				t.Errorf("%s: platform %s is not in the release matrix", name, platform)
			}
			d.zips[platform] = name
		case name == prefix+"SHA256SUMS":
			d.sums = name
		case name == prefix+"SHA256SUMS.sig":
			d.sig = name
		default:
			t.Errorf("unexpected release file %s: the Registry expects only %s<os>_<arch>.zip, %sSHA256SUMS(.sig) and %smanifest.json",
				name, prefix, prefix, prefix)
		}
	}
	if d.sums == "" {
		t.Fatalf("no %sSHA256SUMS in %s", prefix, d.dir)
	}
	if len(d.zips) == 0 {
		t.Fatalf("no %s<os>_<arch>.zip in %s", prefix, d.dir)
	}
	return d
}

func wantPlatforms(t *testing.T) []string {
	t.Helper()
	switch p := strings.TrimSpace(*platformsFlag); p {
	case "":
		return nil
	case "all":
		return releaseMatrix
	default:
		list := strings.FieldsFunc(p, func(r rune) bool { return r == ',' || r == ' ' })
		slices.Sort(list)
		return list
	}
}

func TestDistPlatforms(t *testing.T) {
	d := loadDist(t)
	want := wantPlatforms(t)
	if want == nil {
		t.Skip("no -platforms given: any set of zips is accepted")
	}
	got := make([]string, 0, len(d.zips))
	for p := range d.zips {
		got = append(got, p)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("zips for %v, want %v", got, want)
	}
}

// TestDistZips checks each zip the way the Registry and Terraform's installer
// read it: one file at the top, named terraform-provider-wix_v<version>
// (.exe on Windows), executable; and, from the binary's build information,
// that it is this provider built for that platform, without cgo, with
// -trimpath, and with the release version stamped into main.version.
func TestDistZips(t *testing.T) {
	d := loadDist(t)
	for platform, name := range d.zips {
		t.Run(platform, func(t *testing.T) {
			goos, goarch, _ := strings.Cut(platform, "_")
			want := project + "_v" + d.version
			if goos == "windows" {
				want += ".exe"
			}
			zr, err := zip.OpenReader(filepath.Join(d.dir, name))
			if err != nil {
				t.Fatal(err)
			}
			defer zr.Close()
			var names []string
			for _, f := range zr.File {
				names = append(names, f.Name)
			}
			if len(zr.File) != 1 || zr.File[0].Name != want {
				t.Fatalf("zip holds %q, want exactly [%q]", names, want)
			}
			f := zr.File[0]
			if goos != "windows" && f.Mode().Perm()&0o111 == 0 {
				t.Errorf("%s has mode %v: not executable", f.Name, f.Mode())
			}

			bin := filepath.Join(t.TempDir(), f.Name)
			extract(t, f, bin)

			info, err := buildinfo.ReadFile(bin)
			if err != nil {
				t.Fatalf("reading the build information of %s: %v", f.Name, err)
			}
			if info.Path != modulePath {
				t.Errorf("main package %q, want %q", info.Path, modulePath)
			}
			settings := map[string]string{}
			for _, s := range info.Settings {
				settings[s.Key] = s.Value
			}
			for key, want := range map[string]string{
				"GOOS": goos, "GOARCH": goarch, "CGO_ENABLED": "0", "-trimpath": "true",
			} {
				if settings[key] != want {
					t.Errorf("build setting %s=%q, want %q", key, settings[key], want)
				}
			}

			// With -trimpath Go records no -ldflags, and -s -w strip the
			// symbol table, so look for the value itself: the version string
			// is in a binary only when -X main.version=<version> put it there
			// (a build without it holds "dev").
			data, err := os.ReadFile(bin)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(data, []byte(d.version)) {
				t.Errorf("%s does not contain the version %q: main.version was not stamped (-X main.version)", f.Name, d.version)
			}
		})
	}
}

func extract(t *testing.T, f *zip.File, dst string) {
	t.Helper()
	rc, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, rc); err != nil {
		_ = out.Close()
		t.Fatalf("extracting %s: %v", f.Name, err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestDistChecksums checks the SHA256SUMS file: "<sha256>  <name>" lines
// naming every zip and the manifest exactly once and nothing else, each hash
// that of the file the release uploads.
func TestDistChecksums(t *testing.T) {
	d := loadDist(t)
	f, err := os.Open(filepath.Join(d.dir, d.sums))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	want := map[string]string{d.manifestName(): filepath.Join(repoRoot(t), "terraform-registry-manifest.json")}
	for _, name := range d.zips {
		want[name] = filepath.Join(d.dir, name)
	}
	line := regexp.MustCompile(`^([0-9a-f]{64})  (\S+)$`)
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		m := line.FindStringSubmatch(sc.Text())
		if m == nil {
			t.Errorf("%s line %d %q is not \"<sha256>  <file>\"", d.sums, n, sc.Text())
			continue
		}
		sum, name := m[1], m[2]
		if seen[name] {
			t.Errorf("%s lists %s twice", d.sums, name)
		}
		seen[name] = true
		path, ok := want[name]
		if !ok {
			t.Errorf("%s lists %s, which is not a release file", d.sums, name)
			continue
		}
		if got := sha256File(t, path); got != sum {
			t.Errorf("%s: SHA256SUMS says %s, the file's sha256 is %s", name, sum, got)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for name := range want {
		if !seen[name] {
			t.Errorf("%s does not list %s", d.sums, name)
		}
	}
	if d.sig != "" {
		if st, err := os.Stat(filepath.Join(d.dir, d.sig)); err != nil || st.Size() == 0 {
			t.Errorf("%s is empty or unreadable (%v)", d.sig, err)
		}
	}
}

func sha256File(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("repository root not found from the package directory: %v", err)
	}
	return root
}

// TestManifest runs without dist/ too: the manifest the release ships must
// have the Registry's shape and name the protocol version main.go serves.
func TestManifest(t *testing.T) {
	root := repoRoot(t)
	raw, err := os.ReadFile(filepath.Join(root, "terraform-registry-manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var manifest struct {
		Version  *int `json:"version"`
		Metadata *struct {
			ProtocolVersions []string `json:"protocol_versions"`
		} `json:"metadata"`
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&manifest); err != nil {
		t.Fatalf("terraform-registry-manifest.json: %v", err)
	}
	if manifest.Version == nil || *manifest.Version != 1 {
		t.Errorf("manifest version must be 1")
	}
	if manifest.Metadata == nil {
		t.Fatal("manifest has no metadata")
	}

	mainGo, err := os.ReadFile(filepath.Join(root, "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	// providerserver.ServeOpts.ProtocolVersion; unset means 6 in the framework.
	protocol := "6"
	if m := regexp.MustCompile(`ProtocolVersion:\s*(\d+)`).FindSubmatch(mainGo); m != nil {
		protocol = string(m[1])
	}
	if want := []string{protocol + ".0"}; !slices.Equal(manifest.Metadata.ProtocolVersions, want) {
		t.Errorf("manifest protocol_versions %q, want %q: main.go serves protocol %s",
			manifest.Metadata.ProtocolVersions, want, protocol)
	}
}
