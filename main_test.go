// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package main

import (
	"maps"
	"testing"
)

func TestQuietSDKLogs(t *testing.T) {
	sdk := map[string]string{"TF_LOG_SDK": "OFF", "TF_LOG_SDK_PROTO": "OFF", "TF_LOG_SDK_FRAMEWORK": "OFF"}
	cases := []struct {
		name      string
		env, want map[string]string
	}{
		{"no logging asked for", map[string]string{}, sdk},
		{"TF_LOG set", map[string]string{"TF_LOG": "TRACE"}, map[string]string{"TF_LOG": "TRACE"}},
		{"TF_LOG_PROVIDER set", map[string]string{"TF_LOG_PROVIDER": "DEBUG"}, map[string]string{"TF_LOG_PROVIDER": "DEBUG"}},
		{"a user's SDK level is kept", map[string]string{"TF_LOG_SDK_PROTO": "TRACE"},
			map[string]string{"TF_LOG_SDK": "OFF", "TF_LOG_SDK_PROTO": "TRACE", "TF_LOG_SDK_FRAMEWORK": "OFF"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := maps.Clone(tc.env)
			quietSDKLogs(func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
			if !maps.Equal(env, tc.want) {
				t.Errorf("environment %v, want %v", env, tc.want)
			}
		})
	}
}
