#!/usr/bin/env bash
# make release-check: what a tag push would release, built locally without a
# signing key or a token: goreleaser check; a snapshot release into dist/ for
# RELEASE_CHECK_PLATFORMS (default: this platform; "all"; or a list such as
# "linux_amd64 darwin_arm64"); then the tests of internal/release on dist/.
# $GORELEASER is the pinned goreleaser (from make).
set -euo pipefail
cd "$(dirname "$0")/.."
platforms=${RELEASE_CHECK_PLATFORMS:-$(go env GOOS)_$(go env GOARCH)}
config=.goreleaser.yml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== goreleaser check"
"$GORELEASER" check
if [ "$platforms" != all ]; then
	# The goos line becomes a `targets:` list of each platform's default
	# sub-architecture, and the goarch line goes.
	targets=
	for p in $platforms; do
		case $p in
		*_amd64) t=${p}_v1 ;;
		*_arm64) t=${p}_v8.0 ;;
		*_386) t=${p}_sse2 ;;
		*_arm) t=${p}_6 ;;
		*) echo "release-check: unknown platform '$p' (want OS_ARCH, e.g. linux_amd64, or all)" >&2 && exit 2 ;;
		esac
		targets="${targets:+$targets, }$t"
	done
	for key in goos goarch; do
		[ "$(grep -c "^    $key: \[" $config)" = 1 ] || { echo "release-check: want one '    $key: [...]' line in $config" >&2 && exit 1; }
	done
	sed -e "s/^    goos: \[.*\]\$/    targets: [$targets]/" -e '/^    goarch: \[/d' $config >"$work/goreleaser.yml"
	config=$work/goreleaser.yml
fi

echo "== goreleaser release --snapshot --clean --skip=sign,publish (platforms: $platforms)"
"$GORELEASER" release --snapshot --clean --skip=sign,publish --config "$config"
echo "== go test ./internal/release/ (the artifacts in dist/ against the Registry's rules)"
go test -count=1 -v ./internal/release/ -args -dist="$PWD/dist" -platforms="$platforms"
