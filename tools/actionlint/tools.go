//go:build generate

package tools

import _ "github.com/rhysd/actionlint/cmd/actionlint"
