#!/usr/bin/env bash
# Build, cache and locate the external binaries the tests need.
#
# Everything is built from source through the Go module proxy, so this works
# on machines whose only network access is the proxy.
#
# Usage:
#   scripts/tools.sh path NAME   print the absolute path of NAME, building it if needed
#   scripts/tools.sh all         build every tool (prints one path per line)
#   scripts/tools.sh mirror DIR  create a provider filesystem mirror in DIR holding
#                                restapi and http for registry.terraform.io and
#                                registry.opentofu.org, then print the absolute path of DIR
#
# NAMEs:
#   tofu          OpenTofu 1.12.6
#   terraform157  Terraform 1.5.7 (the last release before 1.6; the "old CLI" in tests)
#   restapi       Mastercard terraform-provider-restapi 1.20.0 (a real consumer provider)
#   http          HashiCorp terraform-provider-http 1.2.0 (the newest release the proxy serves;
#                 its http data source sends request_headers, which is all the examples use)
#
# Binaries are cached in
#   ${WIX_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-wix/tools}/<name>-<version>/<binary>
# A cached binary is reused when it still runs; otherwise it is rebuilt. Builds
# write to a temporary file that is renamed into place, so an interrupted build
# never leaves a broken binary behind.
#
# stdout carries only paths; all progress messages go to stderr.

set -euo pipefail
shopt -s inherit_errexit

readonly TOFU_VERSION=1.12.6
readonly TERRAFORM157_VERSION=1.5.7
readonly RESTAPI_VERSION=1.20.0
readonly HTTP_VERSION=1.2.0

readonly TOFU_MODULE=github.com/opentofu/opentofu
readonly TERRAFORM_MODULE=github.com/hashicorp/terraform
readonly RESTAPI_MODULE=github.com/Mastercard/terraform-provider-restapi
readonly HTTP_MODULE=github.com/hashicorp/terraform-provider-http

readonly ALL_TOOLS=(tofu terraform157 restapi http)

log() { printf 'tools.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# shellcheck source=scripts/cached_build.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/cached_build.sh"

# Print the header comment as help; exit with status $1 (default 2).
usage() {
	sed -n '2,/^$/{s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}" >&2
	exit "${1:-2}"
}

# Go commands must not pick up this repository's go.mod/go.work (that could
# rewrite go.sum), and the CLIs must not phone home when asked for a version.
export GOWORK=off
export CHECKPOINT_DISABLE=1

# Files and directories to remove when the script exits, however it exits.
CLEANUP=()
cleanup() {
	local p
	for p in "${CLEANUP[@]+"${CLEANUP[@]}"}"; do
		rm -rf -- "$p"
	done
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Absolute path of the cache root, created if missing.
tools_root() {
	local root="${WIX_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-wix/tools}"
	mkdir -p -- "$root"
	(cd -- "$root" && pwd -P)
}

# Metadata per tool: version and binary file name.
tool_version() {
	case "$1" in
	tofu) echo "$TOFU_VERSION" ;;
	terraform157) echo "$TERRAFORM157_VERSION" ;;
	restapi) echo "$RESTAPI_VERSION" ;;
	http) echo "$HTTP_VERSION" ;;
	*) die "unknown tool '$1' (known: ${ALL_TOOLS[*]})" ;;
	esac
}

tool_binary() {
	case "$1" in
	tofu) echo tofu ;;
	terraform157) echo terraform ;;
	restapi) echo "terraform-provider-restapi_v${RESTAPI_VERSION}" ;;
	http) echo "terraform-provider-http_v${HTTP_VERSION}" ;;
	*) die "unknown tool '$1' (known: ${ALL_TOOLS[*]})" ;;
	esac
}

# Set SCRATCH to a new directory outside any Go module, removed on exit.
# (Not a $(...) helper: CLEANUP must be updated in this shell, not a subshell.)
new_scratch() {
	SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/wix-tools.XXXXXX")"
	CLEANUP+=("$SCRATCH")
}

# Does the binary at $2 run and look like tool $1? Output is discarded.
# The CLI config variables are cleared because these machines may point
# TF_CLI_CONFIG_FILE at a missing file, which only adds warnings here.
tool_works() {
	local name="$1" bin="$2" out
	[[ -x "$bin" ]] || return 1
	case "$name" in
	tofu | terraform157)
		out="$(env -u TF_CLI_CONFIG_FILE -u TERRAFORM_CONFIG "$bin" version 2>&1)" || return 1
		[[ "$out" == *"v$(tool_version "$name")"* ]]
		;;
	restapi | http)
		# A provider has no version command: run without the plugin handshake,
		# which must fail with go-plugin's "This binary is a plugin" notice.
		out="$("$bin" 2>&1 </dev/null)" && return 1
		[[ "$out" == *"This binary is a plugin"* ]]
		;;
	esac
}

# Build tool $1 into the file $2 (which must not exist yet or may be overwritten).
build_tool() {
	local name="$1" out="$2" version scratch dir json module
	version="$(tool_version "$name")"
	new_scratch
	scratch="$SCRATCH"
	case "$name" in
	tofu)
		# `go install …@version` is refused because OpenTofu's go.mod has a
		# replace directive, so build inside the downloaded module instead.
		# OpenTofu 1.12.6 needs Go >= 1.26.6 (go.mod); with an older Go and
		# GOTOOLCHAIN=local the build stops with a clear error from go.
		(cd -- "$scratch" && go mod download "${TOFU_MODULE}@v${version}") >&2
		dir="$(go env GOMODCACHE)/${TOFU_MODULE}@v${version}"
		[[ -d "$dir" ]] || die "module directory $dir missing after download"
		(cd -- "$dir" && go build -trimpath \
			-ldflags "-s -w -X ${TOFU_MODULE}/version.dev=no" \
			-o "$out" ./cmd/tofu) >&2
		;;
	terraform157)
		(cd -- "$scratch" && GOBIN="$scratch/bin" go install "${TERRAFORM_MODULE}@v${version}") >&2
		mv -f -- "$scratch/bin/terraform" "$out"
		;;
	restapi | http)
		# `go install …@version` is refused for restapi; build either provider
		# in its module directory (read-only, hence -o to a writable place).
		# Each module's own go.sum is complete, so no -mod=mod is needed.
		module="$RESTAPI_MODULE"
		[[ "$name" == http ]] && module="$HTTP_MODULE"
		json="$(cd -- "$scratch" && go mod download -json "${module}@v${version}")" ||
			die "go mod download ${module}@v${version} failed: $json"
		dir="$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p' <<<"$json")"
		[[ -n "$dir" && -d "$dir" ]] || die "no module directory in: $json"
		(cd -- "$dir" && go build -trimpath -ldflags "-s -w" -o "$out" .) >&2
		;;
	esac
}

# Set TOOL_BIN to the absolute path of tool $1, building it first unless a
# working copy is cached.
ensure_tool() {
	local name="$1" version binary
	version="$(tool_version "$name")"
	binary="$(tool_binary "$name")"
	cached_build "$name" "$(tools_root)/${name}-${version}" "$binary" tool_works build_tool "$name $version"
}

# Print the absolute path of tool $1 (see ensure_tool).
tool_path() {
	ensure_tool "$1"
	echo "$TOOL_BIN"
}

# Create (or refresh) a provider filesystem mirror in $1 in the "unpacked"
# layout, for both the Terraform and the OpenTofu default registry hostnames:
#   <DIR>/<host>/<namespace>/<type>/<version>/<os>_<arch>/terraform-provider-<type>_v<version>
# with mastercard/restapi and hashicorp/http. Other providers already in DIR
# are left alone.
make_mirror() {
	local mirror="$1" platform name ns host dest tmp
	platform="$(go env GOOS)_$(go env GOARCH)"
	mkdir -p -- "$mirror"
	mirror="$(cd -- "$mirror" && pwd -P)"
	for name in restapi http; do
		ensure_tool "$name"
		case "$name" in
		restapi) ns=mastercard ;;
		http) ns=hashicorp ;;
		esac
		for host in registry.terraform.io registry.opentofu.org; do
			dest="$mirror/$host/$ns/$name/$(tool_version "$name")/$platform"
			mkdir -p -- "$dest"
			# The temporary copy lives at the top of the mirror (same filesystem,
			# ignored by the CLIs), never in the package directory: every file in
			# that directory counts towards the provider's h1: lock-file hash.
			tmp="$(mktemp "$mirror/.$name.XXXXXX")"
			CLEANUP+=("$tmp")
			cp -f -- "$TOOL_BIN" "$tmp"
			chmod 0755 "$tmp"
			mv -f -- "$tmp" "$dest/$(tool_binary "$name")"
		done
		log "$ns/$name $(tool_version "$name") mirrored for $platform in $mirror"
	done
	echo "$mirror"
}

main() {
	[[ $# -ge 1 ]] || usage
	case "$1" in
	path)
		[[ $# -eq 2 ]] || usage
		tool_path "$2"
		;;
	all)
		[[ $# -eq 1 ]] || usage
		local name
		for name in "${ALL_TOOLS[@]}"; do
			tool_path "$name"
		done
		;;
	mirror)
		[[ $# -eq 2 ]] || usage
		make_mirror "$2"
		;;
	-h | --help | help) usage 0 ;;
	*) usage ;;
	esac
}

main "$@"
