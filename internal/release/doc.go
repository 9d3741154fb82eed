// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

// Package release holds only tests: they check the files a goreleaser build
// puts in dist/ against the Terraform Registry's publishing rules, and the
// registry manifest against the protocol version main.go serves. The dist/
// tests run from `make release-check`, which builds a snapshot release and
// passes -dist; a plain `go test ./...` skips them.
package release
