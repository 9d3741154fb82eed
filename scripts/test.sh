#!/usr/bin/env bash
# The project's test run (make test): vet, unit tests with the race
# detector, then the acceptance and end-to-end tests once per CLI the
# project can get on this machine. Builds (and caches) every binary it needs.
set -euo pipefail
cd "$(dirname "$0")/.."

tools=scripts/tools.sh
echo "== building the CLIs and the consumer providers the tests need (cached after the first run)"
tofu=$("$tools" path tofu)
tf157=$("$tools" path terraform157)
export WIX_TEST_RESTAPI_PROVIDER
WIX_TEST_RESTAPI_PROVIDER=$("$tools" path restapi)
export WIX_TEST_HTTP_PROVIDER
WIX_TEST_HTTP_PROVIDER=$("$tools" path http)

# These machines may point TF_CLI_CONFIG_FILE at a missing file, which makes
# OpenTofu print a warning where version output is parsed: use an empty one.
empty_rc=$(mktemp)
trap 'rm -f "$empty_rc"' EXIT
export TF_CLI_CONFIG_FILE=$empty_rc
if [ -n "${WIX_CLIENT_ID:-}" ] && [ -n "${WIX_CLIENT_SECRET:-}" ] && [ -n "${WIX_INSTANCE_ID:-}" ]; then
	echo "== WIX_* credentials are set: the live tests against the real Wix API run too"
else
	echo "== WIX_CLIENT_ID, WIX_CLIENT_SECRET and WIX_INSTANCE_ID are not all set: the live tests skip"
fi

echo "== go vet"
go vet ./...

echo "== unit tests (race detector)"
go test -race -count=1 ./...

acc() {
	local name=$1 cli=$2 log rc=0
	shift 2
	echo "== acceptance and end-to-end tests with $name"
	log=$(mktemp)
	env TF_ACC=1 TF_ACC_TERRAFORM_PATH="$cli" "$@" \
		go test -count=1 -timeout 30m -v -run '^TestAcc' ./internal/... >"$log" 2>&1 || rc=$?
	grep -E '^(=== RUN|--- (PASS|FAIL|SKIP)|\s+--- |PASS|FAIL|ok|panic)|_test\.go:[0-9]+:' "$log" || true
	if [ "$rc" -ne 0 ]; then
		echo "== FAILED with $name (exit $rc); the full output of the failing tests follows"
		grep -v -E '^(=== RUN|--- PASS|PASS|ok)' "$log" | tail -n 300
		rm -f "$log"
		return "$rc"
	fi
	rm -f "$log"
}

acc "OpenTofu 1.12.6" "$tofu" TF_ACC_PROVIDER_HOST=registry.opentofu.org
if command -v terraform >/dev/null 2>&1; then
	acc "$(terraform version | head -n 1) (on PATH)" "$(command -v terraform)"
else
	echo "== no terraform on PATH: skipping that CLI (OpenTofu and Terraform 1.5.7 still run)"
fi
acc "Terraform 1.5.7 (ephemeral tests skip; the data source must work)" "$tf157"
echo "== all tests passed"
