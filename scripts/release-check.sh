#!/usr/bin/env bash
# make release-check: what a tag push would release, built locally and checked
# against the Terraform Registry's rules, without a signing key or a token.
#   1. goreleaser check (.goreleaser.yml is valid);
#   2. goreleaser release --snapshot --clean --skip=sign,publish into dist/,
#      for this machine's platform only (RELEASE_CHECK_PLATFORMS=all builds the
#      whole release matrix; RELEASE_CHECK_PLATFORMS="linux_amd64 darwin_arm64"
#      picks platforms);
#   3. go test ./internal/release/ on dist/: file names, zip contents, the
#      SHA256SUMS against the files, the manifest, and the version stamped into
#      each binary.
# goreleaser is built from tools/goreleaser (pinned, cached) on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd -P)

platforms=${RELEASE_CHECK_PLATFORMS:-$(go env GOOS)_$(go env GOARCH)}
gr=$(tools/tool.sh goreleaser)

echo "== goreleaser check"
"$gr" check

config=.goreleaser.yml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ "$platforms" != all ]; then
	# Narrow the build to the chosen platforms: the goos line becomes a
	# goreleaser `targets:` list and the goarch line goes. Targets name the
	# default sub-architecture goreleaser would build for each.
	targets=
	for p in $platforms; do
		case $p in
		*_amd64) t=${p}_v1 ;;
		*_arm64) t=${p}_v8.0 ;;
		*_386) t=${p}_sse2 ;;
		*_arm) t=${p}_6 ;;
		*) echo "release-check: unknown platform '$p' (want OS_ARCH, e.g. linux_amd64, or all)" >&2; exit 2 ;;
		esac
		targets="${targets:+$targets, }$t"
	done
	for key in goos goarch; do
		n=$(grep -c "^    $key: \[" "$config" || true)
		[ "$n" = 1 ] || { echo "release-check: expected one '    $key: [...]' line in $config, found $n" >&2; exit 1; }
	done
	sed -e "s/^    goos: \[.*\]\$/    targets: [$targets]/" -e '/^    goarch: \[/d' "$config" >"$work/goreleaser.yml"
	config=$work/goreleaser.yml
fi

echo "== goreleaser release --snapshot --clean --skip=sign,publish (platforms: $platforms)"
"$gr" release --snapshot --clean --skip=sign,publish --config "$config"

echo "== go test ./internal/release/ (the artifacts in dist/ against the Registry's rules)"
go test -count=1 -v ./internal/release/ -args -dist="$root/dist" -platforms="$platforms"
