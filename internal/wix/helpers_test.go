// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wix_test

import (
	"encoding/pem"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/wixtf/terraform-provider-wix/internal/wix"
)

func certPEM(t *testing.T, srv *httptest.Server) []byte {
	t.Helper()
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
}

// reuseMargin is the provider's default token_reuse_margin.
const reuseMargin = 30 * time.Minute

// config is a complete client configuration for api (nil: the real Wix
// API), with the provider's default settings; mod changes it.
func config(t testing.TB, api string, mod func(*wix.Config)) wix.Config {
	t.Helper()
	if api == "" {
		api = wix.DefaultAPIURL
	}
	u, err := wix.ParseAPIURL(api)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := wix.NewTransport(wix.TransportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := wix.Config{
		APIURL:         u,
		Transport:      tr,
		RequestTimeout: 30 * time.Second,
		MaxRetries:     4,
		MaxWait:        2 * time.Minute,
		RetryWaitMin:   wix.RetryWaitMin,
		RetryWaitMax:   wix.RetryWaitMax,
		Now:            time.Now,
	}
	if mod != nil {
		mod(&cfg)
	}
	return cfg
}

// mustClient is wix.NewClient(config(t, api, mod)).
func mustClient(t testing.TB, api string, mod func(*wix.Config)) *wix.Client {
	t.Helper()
	c, err := wix.NewClient(config(t, api, mod))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The client applies no defaults: a configuration with a field missing is
// refused, with the field named.
func TestNewClient_refusesIncompleteConfig(t *testing.T) {
	for name, mod := range map[string]func(*wix.Config){
		"APIURL":         func(c *wix.Config) { c.APIURL = nil },
		"Transport":      func(c *wix.Config) { c.Transport = nil },
		"Now":            func(c *wix.Config) { c.Now = nil },
		"RequestTimeout": func(c *wix.Config) { c.RequestTimeout = 0 },
		"MaxWait":        func(c *wix.Config) { c.MaxWait = 0 },
		"MaxRetries":     func(c *wix.Config) { c.MaxRetries = -1 },
		"RetryWaitMin":   func(c *wix.Config) { c.RetryWaitMin = 0 },
	} {
		if _, err := wix.NewClient(config(t, "", mod)); err == nil || !strings.Contains(err.Error(), "Config."+name) {
			t.Errorf("without %s: err %v, want it named", name, err)
		}
	}
	if _, err := wix.NewClient(config(t, "", func(c *wix.Config) { c.MaxRetries = 0 })); err != nil {
		t.Errorf("MaxRetries 0 (no retries) was refused: %v", err)
	}
}
