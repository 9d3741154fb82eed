#!/usr/bin/env bash
# make fuzz: run every Go fuzz test for a fixed time each (FUZZTIME, default
# 15s). A failure writes the crasher under testdata/fuzz/, where it stays as a
# regression case that every later `go test` runs.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-15s}
for pkg in $(go list ./...); do
	for f in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true); do
		echo "== $f ($pkg) for $fuzztime"
		go test -run '^$' -fuzz "^$f\$" -fuzztime "$fuzztime" "$pkg"
	done
done
