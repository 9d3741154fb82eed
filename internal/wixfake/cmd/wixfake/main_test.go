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
	ctx, cancel := context.WithCancel(context.Background())
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

func mint(t *testing.T, apiURL, instanceID string) (int, string) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{
		"grant_type":    "client_credentials",
		"client_id":     wixfake.DemoClientID,
		"client_secret": wixfake.DemoClientSecret,
		"instance_id":   instanceID,
	})
	resp, err := http.Post(apiURL+"/oauth2/token", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestRun(t *testing.T) {
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
		t.Errorf("env = %v", env)
	}
	for k, v := range want {
		if env[k] != v {
			t.Errorf("%s = %q, want %q", k, env[k], v)
		}
	}
	if strings.Contains(stdout.String(), wixfake.DemoClientSecret) {
		t.Error("stdout contains the secret")
	}

	if code, body := mint(t, env["WIX_API_URL"], env["WIX_INSTANCE_ID"]); code != 200 {
		t.Errorf("mint: %d %s", code, body)
	}
	if code, body := mint(t, env["WIX_API_URL"], wixfake.GeneratedInstanceID(3)); code != 200 {
		t.Errorf("mint generated instance: %d %s", code, body)
	}
	if code, _ := mint(t, env["WIX_API_URL"], wixfake.GeneratedInstanceID(4)); code != 400 {
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
	env, _, _ := startRun(t, "-error-shape", "wix", "-latency", "50ms", "-addr", "127.0.0.1:0")
	start := time.Now()
	code, body := mint(t, env["WIX_API_URL"], wixfake.RemovedInstanceID)
	if code != 404 || !strings.Contains(body, `"code":"NOT_FOUND"`) {
		t.Errorf("removed instance: %d %s", code, body)
	}
	if d := time.Since(start); d < 50*time.Millisecond {
		t.Errorf("answered after %v, want >= 50ms", d)
	}
}

func TestParseFlags(t *testing.T) {
	c, err := parseFlags(nil, io.Discard)
	if err != nil || c.addr != "127.0.0.1:0" || c.latency != 0 || c.instances != 0 || c.envFile != "" || c.errorShape != wixfake.ShapeRFC {
		t.Errorf("defaults = %+v, %v", c, err)
	}
	c, err = parseFlags([]string{"-addr", "127.0.0.1:8080", "-latency", "2s", "-instances", "10", "-env-file", "x.env", "-error-shape", "wix"}, io.Discard)
	if err != nil || c.addr != "127.0.0.1:8080" || c.latency != 2*time.Second || c.instances != 10 || c.envFile != "x.env" || c.errorShape != wixfake.ShapeWix {
		t.Errorf("parsed = %+v, %v", c, err)
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
	if _, err := parseFlags([]string{"-h"}, io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: %v", err)
	}
}

func TestRunErrors(t *testing.T) {
	ctx := context.Background()
	if err := run(ctx, []string{"-addr", "256.0.0.1:0"}, io.Discard, io.Discard); err == nil {
		t.Error("bad address accepted")
	}
	missingDir := filepath.Join(t.TempDir(), "missing", "wixfake.env")
	if err := run(ctx, []string{"-env-file", missingDir}, io.Discard, io.Discard); err == nil {
		t.Error("env file in a missing directory accepted")
	}
}

func TestWriteEnvFileReplacesAtomically(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "env")
	if err := os.WriteFile(path, []byte("OLD=1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := writeEnvFile(path, "http://127.0.0.1:1"); err != nil {
		t.Fatal(err)
	}
	env := readEnv(t, path)
	if env["WIX_API_URL"] != "http://127.0.0.1:1" || env["OLD"] != "" {
		t.Errorf("env = %v", env)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v", fi.Mode())
	}
}
