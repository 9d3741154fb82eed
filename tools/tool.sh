#!/usr/bin/env bash
# Build, cache and locate the developer tools pinned under tools/.
#
# Usage:
#   tools/tool.sh NAME   print the absolute path of NAME, building it first if needed
#   tools/tool.sh all    build every tool (prints one path per line)
#
# NAMEs and where each is pinned (one Go module per tool, see tools/README.md):
#   tfplugindocs   tools/go.mod                 (module tools)
#   golangci-lint  tools/golangci-lint/go.mod
#   goreleaser     tools/goreleaser/go.mod
#   actionlint     tools/actionlint/go.mod
#
# A tool is built with `go build -C <its module> -trimpath -o ... <package>`,
# so the versions in that module's go.mod and go.sum are the ones used, into
#   ${WIX_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-wix/tools}/<name>-<version>-<key>/<name>
# where <key> hashes the module's go.mod, go.sum and the Go version, so that a
# bump of any of them builds afresh. A cached binary is reused when it still
# runs. Builds write to a temporary file that is renamed into place, and
# concurrent builds of one tool wait for each other (flock).
#
# stdout carries only paths; progress messages go to stderr.

set -euo pipefail
shopt -s inherit_errexit

readonly ALL_TOOLS=(tfplugindocs golangci-lint goreleaser actionlint)

log() { printf 'tool.sh: %s\n' "$*" >&2; }
die() {
	log "error: $*"
	exit 1
}

# shellcheck source=scripts/cached_build.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/../scripts/cached_build.sh"
usage() {
	sed -n '2,/^$/{s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}" >&2
	exit "${1:-2}"
}

TOOLS_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
readonly TOOLS_DIR

# Never let a go.work outside change what these modules resolve to.
export GOWORK=off

CLEANUP=()
cleanup() {
	local f
	for f in "${CLEANUP[@]+"${CLEANUP[@]}"}"; do
		rm -f -- "$f"
	done
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# tool_info NAME: set MOD_DIR (module directory), MODULE (the tool's module
# path, for its version) and PKG (the main package to build).
tool_info() {
	case "$1" in
	tfplugindocs)
		MOD_DIR=$TOOLS_DIR
		MODULE=github.com/hashicorp/terraform-plugin-docs
		PKG=$MODULE/cmd/tfplugindocs
		;;
	golangci-lint)
		MOD_DIR=$TOOLS_DIR/golangci-lint
		MODULE=github.com/golangci/golangci-lint/v2
		PKG=$MODULE/cmd/golangci-lint
		;;
	goreleaser)
		MOD_DIR=$TOOLS_DIR/goreleaser
		MODULE=github.com/goreleaser/goreleaser/v2
		PKG=$MODULE
		;;
	actionlint)
		MOD_DIR=$TOOLS_DIR/actionlint
		MODULE=github.com/rhysd/actionlint
		PKG=$MODULE/cmd/actionlint
		;;
	*) die "unknown tool '$1' (known: ${ALL_TOOLS[*]})" ;;
	esac
}

# Does the binary at $2 run? Each tool's version command, output discarded.
tool_works() {
	local name=$1 bin=$2
	[[ -x "$bin" ]] || return 1
	case "$name" in
	golangci-lint) "$bin" version >/dev/null 2>&1 ;;
	actionlint) "$bin" -version >/dev/null 2>&1 ;;
	*) "$bin" --version >/dev/null 2>&1 ;;
	esac
}

# Set TOOL_BIN to the absolute path of tool $1, building it unless cached.
ensure_tool() {
	local name=$1 version goversion key root
	tool_info "$name"
	version="$(go -C "$MOD_DIR" list -m -f '{{.Version}}' "$MODULE")"
	goversion="$(cd -- "$MOD_DIR" && go env GOVERSION)"
	key="$({ cat -- "$MOD_DIR/go.mod" "$MOD_DIR/go.sum"; echo "$goversion"; } | sha256sum | cut -c1-12)"
	root="${WIX_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-wix/tools}"
	mkdir -p -- "$root"
	root="$(cd -- "$root" && pwd -P)"

	cached_build "$name" "$root/$name-$version-$key" "$name" tool_works build_tool "$name $version with $goversion"
}

# build_tool NAME OUT: build the tool from its pinned module.
build_tool() {
	go build -C "$MOD_DIR" -trimpath -o "$2" "$PKG" >&2
}

main() {
	[[ $# -eq 1 ]] || usage
	case "$1" in
	-h | --help | help) usage 0 ;;
	all)
		local name
		for name in "${ALL_TOOLS[@]}"; do
			ensure_tool "$name"
			echo "$TOOL_BIN"
		done
		;;
	*)
		ensure_tool "$1"
		echo "$TOOL_BIN"
		;;
	esac
}

main "$@"
