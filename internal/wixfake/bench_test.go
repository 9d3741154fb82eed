// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wixfake

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func BenchmarkMintToken(b *testing.B) {
	apps := DefaultApps()
	apps[0].Instances = append(apps[0].Instances, GenerateInstances(10000)...)
	s := New(Options{Apps: apps})
	body := jsonBody("grant_type", "client_credentials", "client_id", DemoClientID, "client_secret", DemoClientSecret, "instance_id", GeneratedInstanceID(777))
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, TokenPath, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
