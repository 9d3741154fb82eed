// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

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
	case err == nil, errors.Is(err, flag.ErrHelp):
	default:
		fmt.Fprintln(os.Stderr, "wixfake:", err)
		os.Exit(2)
	}
}

// config is the parsed command line.
type config struct {
	addr            string
	fixtures        string
	instances       int
	envFile         string
	latency         time.Duration
	errorShape      wixfake.ErrorShape
	tokenInfoNative bool
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var (
		c     config
		shape string
	)
	fs := flag.NewFlagSet("wixfake", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: wixfake [flags]\n\nwixfake serves a fake of the Wix OAuth endpoints and of Get App Instance on a local port.\n"+
			"Documentation: go doc github.com/wixtf/terraform-provider-wix/cmd/wixfake\n\nFlags:\n")
		fs.PrintDefaults()
	}
	fs.StringVar(&c.addr, "addr", "127.0.0.1:0", "`address` to listen on")
	fs.StringVar(&c.fixtures, "fixtures", "", "serve the apps of this JSON `file` instead of the built-in ones")
	fs.IntVar(&c.instances, "instances", 0, "add `N` generated instances to the first app")
	fs.StringVar(&c.envFile, "env-file", "", "once listening, write WIX_* settings for the first app to this `file`")
	fs.DurationVar(&c.latency, "latency", 0, "`delay` added to every token request")
	fs.StringVar(&shape, "error-shape", "rfc", "shape of token errors about instances: rfc or wix")
	fs.BoolVar(&c.tokenInfoNative, "token-info-native", false, "answer Token Info with a boolean active and numeric exp and iat")
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

// loadApps returns the apps to serve: the fixtures file's or the built-in
// ones, with the generated instances added to the first.
func loadApps(c config) ([]wixfake.App, error) {
	apps := wixfake.DefaultApps()
	if c.fixtures != "" {
		data, err := os.ReadFile(c.fixtures)
		if err != nil {
			return nil, fmt.Errorf("-fixtures: %w", err)
		}
		if apps, err = wixfake.ParseFixtures(data); err != nil {
			return nil, fmt.Errorf("-fixtures %s: %w", c.fixtures, err)
		}
	}
	if c.instances > 0 {
		if len(apps) == 0 {
			return nil, errors.New("-instances needs an app to add instances to")
		}
		apps[0].Instances = append(apps[0].Instances, wixfake.GenerateInstances(c.instances)...)
		if err := wixfake.ValidateApps(apps); err != nil {
			return nil, fmt.Errorf("-instances: %w", err)
		}
	}
	return apps, nil
}

// run serves until ctx is done.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	apps, err := loadApps(c)
	if err != nil {
		return err
	}
	srv := wixfake.New(wixfake.Options{
		Apps:                 apps,
		Latency:              c.latency,
		ErrorShape:           c.errorShape,
		TokenInfoNativeTypes: c.tokenInfoNative,
	})
	if err := srv.Start(c.addr); err != nil {
		return err
	}
	defer srv.Close()

	if c.envFile != "" {
		if err := writeEnvFile(c.envFile, srv.URL(), apps); err != nil {
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

// writeEnvFile writes the settings of the first app and its first installed
// instance to path, through a temporary file in the same directory and a
// rename, so readers never see a partial file.
func writeEnvFile(path, url string, apps []wixfake.App) error {
	var clientID, secret, instanceID string
	if len(apps) > 0 {
		clientID, secret = apps[0].ClientID, apps[0].ClientSecret
		for _, in := range apps[0].Instances {
			if !in.Removed {
				instanceID = in.InstanceID
				break
			}
		}
	}
	content := fmt.Sprintf("WIX_API_URL=%s\nWIX_CLIENT_ID=%s\nWIX_CLIENT_SECRET=%s\nWIX_INSTANCE_ID=%s\n", url, clientID, secret, instanceID)
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("env file: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	_, err = tmp.WriteString(content)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("env file: %w", err)
	}
	return nil
}
