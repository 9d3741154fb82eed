// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wix_test

// Benchmarks of one token request against the in-process fake Wix server.
// BenchmarkCreateAccessToken goes through the provider's client (retry
// policy, redaction, strict decoding); BenchmarkBareHTTPPost makes the same
// POST with plain net/http and a json decode, as the baseline. Both pay for
// the fake's own handling and the loopback round trip, so the difference is
// the client's overhead. `make bench` runs them; the figures are printed,
// never asserted.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"testing"

	"github.com/wixtf/terraform-provider-wix/internal/wix"
	"github.com/wixtf/terraform-provider-wix/internal/wixfake"
)

// terraformParallelism is Terraform's default -parallelism: how many token
// requests a plan has in flight at most.
const terraformParallelism = 10

// parallelCases are the RunParallel variants: GOMAXPROCS goroutines (the
// testing package's default), and at least as many as Terraform runs.
var parallelCases = []struct {
	name string
	mult func() int // argument to b.SetParallelism
}{
	{"procs", func() int { return 1 }},
	{"goroutines=10", func() int {
		p := runtime.GOMAXPROCS(0)
		return (terraformParallelism + p - 1) / p
	}},
}

func benchClient(b *testing.B, fake *wixfake.Server) *wix.Client {
	b.Helper()
	return mustClient(b, fake.URL(), func(c *wix.Config) { c.UserAgent = "terraform-provider-wix/bench" })
}

func BenchmarkCreateAccessToken(b *testing.B) {
	fake := wixfake.NewTestServer(b, wixfake.Options{})
	c := benchClient(b, fake)
	ctx := b.Context()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.CreateAccessToken(ctx, demo); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCreateAccessTokenParallel(b *testing.B) {
	for _, pc := range parallelCases {
		b.Run(pc.name, func(b *testing.B) {
			fake := wixfake.NewTestServer(b, wixfake.Options{})
			c := benchClient(b, fake)
			ctx := b.Context()
			b.ReportAllocs()
			b.SetParallelism(pc.mult())
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if _, err := c.CreateAccessToken(ctx, demo); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}

// bareClient is the baseline: a clone of the default transport (as the
// provider's client uses) and no retry layer.
type bareClient struct {
	http *http.Client
	url  string
	body []byte
}

func newBareClient(b *testing.B, fake *wixfake.Server) *bareClient {
	b.Helper()
	body, err := json.Marshal(map[string]string{
		"grant_type":    "client_credentials",
		"client_id":     demo.ClientID,
		"client_secret": demo.ClientSecret,
		"instance_id":   demo.InstanceID,
	})
	if err != nil {
		b.Fatal(err)
	}
	def, ok := http.DefaultTransport.(*http.Transport)
	if !ok {
		b.Fatal("http.DefaultTransport is not an *http.Transport")
	}
	tr := def.Clone()
	return &bareClient{http: &http.Client{Transport: tr}, url: fake.URL() + wix.TokenPath, body: body}
}

func (c *bareClient) post(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, bytes.NewReader(c.body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var out struct {
		AccessToken string `json:"access_token"`
		TokenType   string `json:"token_type"`
		ExpiresIn   int64  `json:"expires_in"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, resp.Body) // let the connection be reused
	if resp.StatusCode != http.StatusOK || out.AccessToken == "" {
		return fmt.Errorf("HTTP %d without a token", resp.StatusCode)
	}
	return nil
}

func BenchmarkBareHTTPPost(b *testing.B) {
	fake := wixfake.NewTestServer(b, wixfake.Options{})
	c := newBareClient(b, fake)
	ctx := b.Context()
	b.ReportAllocs()
	for b.Loop() {
		if err := c.post(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBareHTTPPostParallel(b *testing.B) {
	for _, pc := range parallelCases {
		b.Run(pc.name, func(b *testing.B) {
			fake := wixfake.NewTestServer(b, wixfake.Options{})
			c := newBareClient(b, fake)
			ctx := b.Context()
			b.ReportAllocs()
			b.SetParallelism(pc.mult())
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := c.post(ctx); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}
