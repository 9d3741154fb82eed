// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

// Command wixfake serves the fake Wix API of package wixfake on a local
// port, for demos, scripts and benchmarks that run in another process.
//
// Usage:
//
//	wixfake [-addr 127.0.0.1:0] [-latency 0s] [-instances N]
//	        [-env-file PATH] [-error-shape rfc|wix]
//
// Once listening, it writes the env file (if asked) and then prints one line,
// "wixfake listening on http://127.0.0.1:PORT", to standard output. The env
// file holds WIX_API_URL, WIX_CLIENT_ID, WIX_CLIENT_SECRET and
// WIX_INSTANCE_ID for the Demo App fixture as KEY=VALUE lines. It is written
// atomically, so a script can wait for it to appear, and removed again on
// exit. The command stops cleanly on SIGINT or SIGTERM.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/wixtf/terraform-provider-wix/internal/wixfake"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	default:
		fmt.Fprintln(os.Stderr, "wixfake:", err)
		os.Exit(2)
	}
}

// config is the parsed command line.
type config struct {
	addr       string
	latency    time.Duration
	instances  int
	envFile    string
	errorShape wixfake.ErrorShape
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var (
		c     config
		shape string
	)
	fs := flag.NewFlagSet("wixfake", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:0", "address to listen on")
	fs.DurationVar(&c.latency, "latency", 0, "delay added to every token request")
	fs.IntVar(&c.instances, "instances", 0, "number of generated instances to add to the Demo App")
	fs.StringVar(&c.envFile, "env-file", "", "write WIX_* settings for the Demo App to this file once listening")
	fs.StringVar(&shape, "error-shape", "rfc", "shape of token errors about instances: rfc or wix")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if c.latency < 0 {
		return c, errors.New("-latency must not be negative")
	}
	if c.instances < 0 {
		return c, errors.New("-instances must not be negative")
	}
	var err error
	if c.errorShape, err = wixfake.ParseErrorShape(shape); err != nil {
		return c, fmt.Errorf("-error-shape: %w", err)
	}
	return c, nil
}

// run serves until ctx is done.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	apps := wixfake.DefaultApps()
	for i := range apps {
		if apps[i].ClientID == wixfake.DemoClientID {
			apps[i].Instances = append(apps[i].Instances, wixfake.GenerateInstances(c.instances)...)
		}
	}
	srv := wixfake.New(wixfake.Options{
		Apps:       apps,
		Latency:    c.latency,
		ErrorShape: c.errorShape,
	})
	if err := srv.Start(c.addr); err != nil {
		return err
	}
	defer srv.Close()

	if c.envFile != "" {
		if err := writeEnvFile(c.envFile, srv.URL()); err != nil {
			return err
		}
		defer os.Remove(c.envFile)
	}
	if _, err := fmt.Fprintf(stdout, "wixfake listening on %s\n", srv.URL()); err != nil {
		return err
	}
	<-ctx.Done()
	return srv.Close()
}

// writeEnvFile writes the Demo App settings to path through a temporary file
// in the same directory and a rename, so readers never see a partial file.
func writeEnvFile(path, url string) error {
	content := fmt.Sprintf("WIX_API_URL=%s\nWIX_CLIENT_ID=%s\nWIX_CLIENT_SECRET=%s\nWIX_INSTANCE_ID=%s\n",
		url, wixfake.DemoClientID, wixfake.DemoClientSecret, wixfake.DemoInstanceID)
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("env file: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	if _, err := tmp.WriteString(content); err != nil {
		tmp.Close()
		return fmt.Errorf("env file: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("env file: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("env file: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("env file: %w", err)
	}
	return nil
}
