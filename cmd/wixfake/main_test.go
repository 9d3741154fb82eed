// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wixtf/terraform-provider-wix/internal/wixfake"
)

// syncBuffer is a bytes.Buffer safe for concurrent use.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startRun runs the command in the background and waits for its env file.
func startRun(t *testing.T, args ...string) (env map[string]string, stdout *syncBuffer, stop func() error) {
	t.Helper()
	envFile := filepath.Join(t.TempDir(), "wixfake.env")
	ctx, cancel := context.WithCancel(t.Context())
	stdout = &syncBuffer{}
	stderr := &syncBuffer{}
	errc := make(chan error, 1)
	go func() { errc <- run(ctx, append([]string{"-env-file", envFile}, args...), stdout, stderr) }()

	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(stdout.String(), "\n") {
		select {
		case err := <-errc:
			cancel()
			t.Fatalf("run exited early: %v; stderr %s", err, stderr)
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatal("no listening line")
		}
		time.Sleep(5 * time.Millisecond)
	}
	env = readEnv(t, envFile)
	stopped := false
	stop = func() error {
		if stopped {
			return nil
		}
		stopped = true
		cancel()
		select {
		case err := <-errc:
			if _, statErr := os.Stat(envFile); !errors.Is(statErr, os.ErrNotExist) {
				t.Errorf("env file left behind: %v", statErr)
			}
			return err
		case <-time.After(10 * time.Second):
			t.Fatal("run did not stop")
			return nil
		}
	}
	t.Cleanup(func() { _ = stop() })
	return env, stdout, stop
}

func readEnv(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	env := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), "=")
		if !ok {
			t.Fatalf("env line %q", sc.Text())
		}
		env[k] = v
	}
	return env
}

// post sends a JSON body and returns the status and body of the answer.
func post(t *testing.T, url string, body any) (int, string) {
	t.Helper()
	b, _ := json.Marshal(body)
	resp, err := http.Post(url, "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(out)
}

// mint asks for a client-credentials token and returns the status, the
// body and the token.
func mint(t *testing.T, apiURL, clientID, secret, instanceID string) (int, string, string) {
	t.Helper()
	req := map[string]string{"grant_type": "client_credentials", "client_id": clientID, "client_secret": secret}
	if instanceID != "" {
		req["instance_id"] = instanceID
	}
	code, body := post(t, apiURL+wixfake.TokenPath, req)
	var tr wixfake.TokenResponse
	_ = json.Unmarshal([]byte(body), &tr)
	return code, body, tr.AccessToken
}

func mintDemo(t *testing.T, apiURL, instanceID string) (int, string) {
	t.Helper()
	code, body, _ := mint(t, apiURL, wixfake.DemoClientID, wixfake.DemoClientSecret, instanceID)
	return code, body
}

// getAppInstance calls Get App Instance with token.
func getAppInstance(t *testing.T, apiURL, token string) (int, wixfake.AppInstanceResponse) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, apiURL+wixfake.AppInstancePath, nil)
	req.Header.Set("Authorization", token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out wixfake.AppInstanceResponse
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func TestRunServesTheBuiltInFixtures(t *testing.T) {
	t.Parallel()
	env, stdout, stop := startRun(t, "-instances", "3")

	line := regexp.MustCompile(`^wixfake listening on (http://127\.0\.0\.1:[0-9]+)\n$`).FindStringSubmatch(stdout.String())
	if line == nil {
		t.Fatalf("stdout = %q", stdout.String())
	}
	want := map[string]string{
		"WIX_API_URL":       line[1],
		"WIX_CLIENT_ID":     wixfake.DemoClientID,
		"WIX_CLIENT_SECRET": wixfake.DemoClientSecret,
		"WIX_INSTANCE_ID":   wixfake.DemoInstanceID,
	}
	if len(env) != len(want) {
		t.Errorf("the env file has %d settings, want %d", len(env), len(want))
	}
	for k, v := range want {
		if env[k] != v {
			t.Errorf("%s = %q, want %q", k, env[k], v)
		}
	}
	if strings.Contains(stdout.String(), wixfake.DemoClientSecret) {
		t.Error("stdout contains the secret")
	}

	if code, body := mintDemo(t, env["WIX_API_URL"], env["WIX_INSTANCE_ID"]); code != 200 {
		t.Errorf("mint: %d %s", code, body)
	}
	if code, body := mintDemo(t, env["WIX_API_URL"], wixfake.GeneratedInstanceID(3)); code != 200 {
		t.Errorf("mint generated instance: %d %s", code, body)
	}
	if code, _ := mintDemo(t, env["WIX_API_URL"], wixfake.GeneratedInstanceID(4)); code != 400 {
		t.Errorf("mint beyond -instances: %d", code)
	}
	resp, err := http.Get(env["WIX_API_URL"] + "/_fake/stats")
	if err != nil {
		t.Fatal(err)
	}
	var st wixfake.Stats
	_ = json.NewDecoder(resp.Body).Decode(&st)
	resp.Body.Close()
	if st.TokenRequests != 3 || st.IssuedTokens != 2 {
		t.Errorf("stats = %+v", st)
	}

	if err := stop(); err != nil {
		t.Errorf("run: %v", err)
	}
	if _, err := http.Get(env["WIX_API_URL"] + "/_fake/stats"); err == nil {
		t.Error("server still answers after stop")
	}
}

func TestRunWixShapeAndLatency(t *testing.T) {
	t.Parallel()
	env, _, _ := startRun(t, "-error-shape", "wix", "-latency", "50ms", "-addr", "127.0.0.1:0")
	start := time.Now()
	code, body := mintDemo(t, env["WIX_API_URL"], wixfake.RemovedInstanceID)
	if code != 404 || !strings.Contains(body, `"code":"NOT_FOUND"`) {
		t.Errorf("removed instance: %d %s", code, body)
	}
	if d := time.Since(start); d < 50*time.Millisecond {
		t.Errorf("answered after %v, want >= 50ms", d)
	}
}

func TestRunWithTheExampleFixtures(t *testing.T) {
	t.Parallel()
	const (
		booking      = "5f0c1c3e-7a7d-4d0e-9a43-0c3f4b9d2a11"
		bookingKey   = "test-secret-booking-sync"
		yoga         = "9d8e7f60-1a2b-4c3d-8e9f-0a1b2c3d4e5f"
		draft        = "1b2c3d4e-5f60-4718-89a0-b1c2d3e4f5a6"
		headless     = "c7d8e9f0-a1b2-4c3d-9e4f-5a6b7c8d9e0f"
		headlessSite = "d4c3b2a1-f6e5-4b7a-9d8c-5c4b3a2f1e0d"
	)
	env, _, _ := startRun(t, "-fixtures", filepath.Join("testdata", "fixtures.json"), "-token-info-native")
	api := env["WIX_API_URL"]
	if env["WIX_CLIENT_ID"] != booking || env["WIX_CLIENT_SECRET"] != bookingKey || env["WIX_INSTANCE_ID"] != yoga {
		t.Errorf("env = %v, want the Booking Sync app on the Yoga Studio instance", env)
	}

	code, body, tok := mint(t, api, booking, bookingKey, yoga)
	if code != 200 {
		t.Fatalf("mint for the file's app: %d %s", code, body)
	}
	code, inst := getAppInstance(t, api, tok)
	if code != 200 || inst.Instance == nil || inst.Instance.AppName != "Booking Sync" || inst.Instance.IsFree ||
		inst.Instance.AppVersion == nil || *inst.Instance.AppVersion != "3.1.0" ||
		inst.Site.SiteDisplayName == nil || *inst.Site.SiteDisplayName != "Yoga Studio" ||
		inst.Site.URL == nil || *inst.Site.URL != "https://example.wixsite.com/yoga-studio" ||
		fmt.Sprint(inst.Site.InstalledWixApps) != "[bookings pricingplans]" {
		t.Errorf("Get App Instance: %d %+v", code, inst)
	}
	code, body = post(t, api+wixfake.TokenInfoPath, map[string]string{"token": tok})
	if code != 200 || !strings.HasPrefix(body, `{"active":true,`) || !strings.Contains(body, `"instanceId":"`+yoga+`"`) {
		t.Errorf("Token Info with -token-info-native: %d %s", code, body)
	}

	// The draft instance grants no permissions.
	if _, _, tok := mint(t, api, booking, bookingKey, draft); tok == "" {
		t.Error("no token for the draft instance")
	} else if code, _ := getAppInstance(t, api, tok); code != 403 {
		t.Errorf("Get App Instance without permissions: %d", code)
	}

	// The refresh token and the one-time code.
	refresh := map[string]string{"grant_type": "refresh_token", "client_id": booking, "client_secret": bookingKey, "refresh_token": "test-refresh-yoga"}
	if code, body := post(t, api+wixfake.LegacyTokenPath, refresh); code != 200 || !strings.Contains(body, `"refresh_token":"test-refresh-yoga"`) {
		t.Errorf("refresh: %d %s", code, body)
	}
	authCode := map[string]string{"grant_type": "authorization_code", "client_id": booking, "client_secret": bookingKey, "code": "test-code-yoga"}
	if code, body := post(t, api+wixfake.LegacyTokenPath+"/", authCode); code != 200 {
		t.Errorf("code: %d %s", code, body)
	}
	if code, body := post(t, api+wixfake.LegacyTokenPath, authCode); code != 400 || !strings.Contains(body, "invalid_grant") {
		t.Errorf("code used twice: %d %s", code, body)
	}

	// The headless client mints without an instance and gets its own site.
	code, body, tok = mint(t, api, headless, "test-secret-headless-shop", "")
	if code != 200 {
		t.Fatalf("headless mint: %d %s", code, body)
	}
	if code, inst := getAppInstance(t, api, tok); code != 200 || inst.Instance != nil || inst.Site.SiteID != headlessSite || *inst.Site.SiteDisplayName != "Headless Shop" {
		t.Errorf("headless Get App Instance: %d %+v", code, inst)
	}

	// The built-in apps are gone.
	if code, _ := mintDemo(t, api, wixfake.DemoInstanceID); code != 401 {
		t.Errorf("the Demo App still mints: %d", code)
	}
}

func TestRunRefusesBadFixtures(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, tt := range []struct {
		name, content string
		args          []string
		want          string
	}{
		{"syntax.json", `{"apps": [}`, nil, "-fixtures " + filepath.Join(dir, "syntax.json") + ": line 1, column 11: invalid character '}' looking for beginning of value"},
		{"unknown.json", `{"apps": [{"clientId": "c", "clientSecret": "s", "instance": []}]}`, nil, `unknown field "instance"`},
		{"duplicate.json", `{"apps": [{"clientId": "c"}, {"clientId": "c"}]}`, nil, `two apps have the client ID "c"`},
		{"wrongtype.json", `{"apps": [{"clientId": "c", "free": "yes"}]}`, nil, "line 1, column 41: cannot unmarshal string into Go struct field App.apps.free of type bool"},
		{"collision.json", `{"apps": [{"clientId": "c", "instances": [{"instanceId": "cccccccc-0000-4000-8000-000000000001"}]}]}`, []string{"-instances", "1"},
			`-instances: app "c" lists the instance "cccccccc-0000-4000-8000-000000000001" twice`},
		{"noapps.json", `{"apps": []}`, []string{"-instances", "1"}, "-instances needs an app to add instances to"},
		{"missing.json", "", nil, "-fixtures: open " + filepath.Join(dir, "missing.json")},
	} {
		path := filepath.Join(dir, tt.name)
		if tt.name != "missing.json" {
			if err := os.WriteFile(path, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		var stdout bytes.Buffer
		err := run(t.Context(), append([]string{"-fixtures", path}, tt.args...), &stdout, io.Discard)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err %v, want it to contain %q", tt.name, err, tt.want)
		}
		if stdout.Len() != 0 {
			t.Errorf("%s: the server started: %q", tt.name, stdout.String())
		}
	}
}

func TestParseFlags(t *testing.T) {
	t.Parallel()
	c, err := parseFlags(nil, io.Discard)
	if err != nil || c != (config{addr: "127.0.0.1:0", errorShape: wixfake.ShapeRFC}) {
		t.Errorf("defaults = %+v, %v", c, err)
	}
	c, err = parseFlags([]string{"-addr", "127.0.0.1:8080", "-latency", "2s", "-instances", "10", "-env-file", "x.env", "-error-shape", "wix",
		"-fixtures", "f.json", "-token-info-native"}, io.Discard)
	want := config{addr: "127.0.0.1:8080", fixtures: "f.json", instances: 10, envFile: "x.env", latency: 2 * time.Second, errorShape: wixfake.ShapeWix, tokenInfoNative: true}
	if err != nil || c != want {
		t.Errorf("parsed = %+v, %v; want %+v", c, err, want)
	}
	for _, args := range [][]string{
		{"-error-shape", "xml"},
		{"-latency", "-1s"},
		{"-latency", "soon"},
		{"-instances", "-2"},
		{"extra"},
		{"-nope"},
	} {
		if _, err := parseFlags(args, io.Discard); err == nil {
			t.Errorf("parseFlags(%q) succeeded", args)
		}
	}
}

func TestHelpPrintsUsage(t *testing.T) {
	t.Parallel()
	var stderr bytes.Buffer
	if err := run(t.Context(), []string{"-h"}, io.Discard, &stderr); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: %v", err)
	}
	for _, want := range []string{"Usage: wixfake [flags]", "go doc github.com/wixtf/terraform-provider-wix/cmd/wixfake",
		"-addr address", "-fixtures file", "-instances N", "-env-file file", "-latency delay", "-error-shape", "-token-info-native"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("usage lacks %q:\n%s", want, stderr.String())
		}
	}
}

func TestRunErrors(t *testing.T) {
	t.Parallel()
	if err := run(t.Context(), []string{"-addr", "256.0.0.1:0"}, io.Discard, io.Discard); err == nil {
		t.Error("bad address accepted")
	}
	missingDir := filepath.Join(t.TempDir(), "missing", "wixfake.env")
	if err := run(t.Context(), []string{"-env-file", missingDir}, io.Discard, io.Discard); err == nil || !strings.HasPrefix(err.Error(), "env file: ") {
		t.Errorf("env file in a missing directory: %v", err)
	}
}

func TestWriteEnvFileReplacesAtomically(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "env")
	if err := os.WriteFile(path, []byte("OLD=1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := writeEnvFile(path, "http://127.0.0.1:1", wixfake.DefaultApps()); err != nil {
		t.Fatal(err)
	}
	env := readEnv(t, path)
	if env["WIX_API_URL"] != "http://127.0.0.1:1" || env["WIX_INSTANCE_ID"] != wixfake.DemoInstanceID || env["OLD"] != "" {
		t.Errorf("env = %v", env)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v", fi.Mode())
	}

	// Without an installed instance, the instance ID is empty.
	apps := []wixfake.App{{ClientID: "c", Instances: []wixfake.Instance{{InstanceID: "gone", Removed: true}}}}
	if err := writeEnvFile(path, "http://127.0.0.1:1", apps); err != nil {
		t.Fatal(err)
	}
	if env := readEnv(t, path); env["WIX_CLIENT_ID"] != "c" || env["WIX_CLIENT_SECRET"] != "" || env["WIX_INSTANCE_ID"] != "" {
		t.Errorf("env = %v", env)
	}
}

// TestDocShowsTheExampleFixtures keeps the example in the package
// documentation identical to testdata/fixtures.json, which the tests load.
func TestDocShowsTheExampleFixtures(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	file, err := os.ReadFile(filepath.Join("testdata", "fixtures.json"))
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(doc), "testdata/fixtures.json of this command:\n//\n")
	if !ok {
		t.Fatal("doc.go does not introduce the example")
	}
	var example strings.Builder
	for line := range strings.Lines(after) {
		code, ok := strings.CutPrefix(line, "//\t")
		if !ok {
			break
		}
		example.WriteString(code)
	}
	if example.String() != string(file) {
		t.Errorf("the example in doc.go differs from testdata/fixtures.json:\n%s", example.String())
	}
	if _, err := wixfake.ParseFixtures(file); err != nil {
		t.Errorf("the example does not parse: %v", err)
	}
}
