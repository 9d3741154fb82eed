//go:build generate

package tools

import _ "github.com/goreleaser/goreleaser/v2"
