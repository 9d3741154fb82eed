#!/usr/bin/env bash
# The scale benchmark of `make bench`: plan wall time, token requests and the
# provider's peak memory for N wix_access_token instances (for_each), through
# a real CLI, against the standalone fake Wix server with added latency.
#
# For each latency and each N it plans bench/scale (from an empty state) with
#   data        N data sources, each for its own app instance
#   ephemeral   N ephemeral resources, each for its own app instance
# and, as references in the same run,
#   floor       the same configuration with every key on ONE instance, so that
#               token reuse serves all N keys with one request
#   tf_data     bench/baseline: N terraform_data resources, Terraform alone
# and prints two Markdown tables: times with the targets, and resources. The
# figures are printed, never asserted.
#
# Environment:
#   BENCH_N="1 100 1000"         instance counts
#   BENCH_LATENCIES="0ms 50ms"   latency the fake adds to each token request
#   BENCH_RUNS=3                 plans per wix figure (floor and distinct
#                                alternate); the run with the median wall time is kept
#   BENCH_REF_RUNS=1             plans per tf_data figure (1000 of them take a
#                                minute or more: Terraform's own cost is superlinear)
#   BENCH_PARALLELISM=10         terraform plan -parallelism (10 is the CLI default)
#   BENCH_OUT=FILE               also write the tables to FILE
#   BENCH_CLI=PATH               the CLI (default: terraform on PATH if >= 1.10,
#                                else OpenTofu from scripts/tools.sh)
#   WIX_TOKEN_REUSE, TF_LOG_SDK* passed on to the provider as they are
#
# Peak RSS and CPU time of the provider come from bench/rsswrap, which the
# mirror runs in front of the real provider binary. A CLI starts the provider
# several times per plan (schemas, validate, plan): the tables show the
# largest peak, the CPU time summed over all of them, and how many there were.
# Provider figures assume Linux (ru_maxrss in KiB).
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH_N=${BENCH_N:-"1 100 1000"}
BENCH_LATENCIES=${BENCH_LATENCIES:-"0ms 50ms"}
BENCH_RUNS=${BENCH_RUNS:-3}
BENCH_REF_RUNS=${BENCH_REF_RUNS:-1}
BENCH_PARALLELISM=${BENCH_PARALLELISM:-10}
BENCH_OUT=${BENCH_OUT:-}

die() { printf 'bench.sh: %s\n' "$*" >&2; exit 1; }
say() { printf '== %s\n' "$*" >&2; }

for n in $BENCH_N; do [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "BENCH_N: '$n' is not a whole number >= 1"; done
for l in $BENCH_LATENCIES; do [[ "$l" =~ ^[0-9]+(ms|s)$ ]] || die "BENCH_LATENCIES: '$l' is not like 0ms, 50ms or 1s"; done
[[ "$BENCH_RUNS" =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a whole number >= 1"
[[ "$BENCH_REF_RUNS" =~ ^[1-9][0-9]*$ ]] || die "BENCH_REF_RUNS must be a whole number >= 1"
[[ "$BENCH_PARALLELISM" =~ ^[1-9][0-9]*$ ]] || die "BENCH_PARALLELISM must be a whole number >= 1"

work=$(mktemp -d)
fake_pid=
stop_fake() {
	if [ -n "$fake_pid" ]; then
		kill "$fake_pid" 2>/dev/null || true
		wait "$fake_pid" 2>/dev/null || true
		fake_pid=
	fi
}
cleanup() { stop_fake; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The CLI: as in scripts/demo.sh.
cli=${BENCH_CLI:-}
if [ -z "$cli" ] && command -v terraform >/dev/null 2>&1; then
	v=$(TF_CLI_CONFIG_FILE=/dev/null terraform version -json 2>/dev/null | sed -n 's/.*"terraform_version": *"\([0-9.]*\)".*/\1/p')
	if [ -n "$v" ] && [ "$(printf '%s\n1.10.0\n' "$v" | sort -V | head -n 1)" = "1.10.0" ]; then
		cli=$(command -v terraform)
	fi
fi
if [ -z "$cli" ]; then
	say "building OpenTofu (no Terraform 1.10+ on PATH; a few minutes the first time)"
	cli=$(scripts/tools.sh path tofu)
fi
cli_version=$(TF_CLI_CONFIG_FILE=/dev/null "$cli" version 2>/dev/null | head -n 1)

say "building the provider, the fake Wix server and rsswrap"
platform=$(go env GOOS)_$(go env GOARCH)
go build -trimpath -ldflags "-X main.version=0.1.0" -o "$work/bin/terraform-provider-wix" .
go build -o "$work/bin/wixfake" ./internal/wixfake/cmd/wixfake
go build -o "$work/bin/rsswrap" bench/rsswrap/main.go
# The mirror holds a wrapper script under the provider's name: it execs
# rsswrap, which runs the real provider with the CLI's stdin/stdout/stderr.
for host in registry.terraform.io registry.opentofu.org; do
	dir="$work/mirror/$host/wixtf/wix/0.1.0/$platform"
	mkdir -p "$dir"
	printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$work/bin/rsswrap" "$work/bin/terraform-provider-wix" >"$dir/terraform-provider-wix_v0.1.0"
	chmod 0755 "$dir/terraform-provider-wix_v0.1.0"
done
printf 'provider_installation {\n  filesystem_mirror {\n    path = "%s"\n  }\n}\n' "$work/mirror" >"$work/cli.tfrc"
export TF_CLI_CONFIG_FILE="$work/cli.tfrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
unset TF_LOG TF_LOG_CORE TF_LOG_PATH TF_PLUGIN_CACHE_DIR TF_CLI_ARGS TF_CLI_ARGS_plan TF_WORKSPACE
unset WIX_INSTANCE_ID # every wix_access_token sets its own

cp -R bench/scale "$work/scale"
cp -R bench/baseline "$work/baseline"
for d in scale baseline; do
	(cd "$work/$d" && "$cli" init -input=false -no-color >"$work/init-$d.log" 2>&1) || { cat "$work/init-$d.log" >&2; die "init of bench/$d failed"; }
done

max_n=0
for n in $BENCH_N; do [ "$n" -gt "$max_n" ] && max_n=$n; done

token_requests() {
	curl -fsS "$WIX_API_URL/_fake/stats" | sed -n 's/.*"token_requests": *\([0-9]*\).*/\1/p'
}

# plan_once DIR ARGS...: one plan; sets WALL (s), REQ (token requests), RSS
# (largest provider peak, MiB), PCPU (provider CPU, s), PROCS (providers
# started) and CCPU (CPU of the CLI and its children, s).
plan_once() {
	local dir=$1 before after t
	shift
	: >"$work/rss"
	before=0
	[ -n "$fake_pid" ] && before=$(token_requests)
	t=$(
		cd "$work/$dir"
		TIMEFORMAT='%R %U %S'
		{ time BENCH_RSS_FILE="$work/rss" "$cli" plan -input=false -no-color -lock=false \
			-parallelism="$BENCH_PARALLELISM" "$@" >"$work/plan.log" 2>&1; } 2>&1
	) || { tail -n 30 "$work/plan.log" >&2; die "plan failed in bench/$dir with $*"; }
	after=0
	[ -n "$fake_pid" ] && after=$(token_requests)
	read -r WALL usr sys <<<"$t"
	CCPU=$(awk -v u="$usr" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
	REQ=$((after - before))
	read -r RSS PCPU PROCS < <(awk '{ if ($2 > m) m = $2; c += $3; p++ } END { printf "%.1f %.2f %d\n", m / 1024, c / 1000, p }' "$work/rss")
}

# median FIELD LINES...: the line whose FIELD (1-based) is the median.
median() {
	local k=$1
	shift
	printf '%s\n' "$@" | sort -n -k"$k,$k" | sed -n "$((($# + 1) / 2))p"
}

# measure RUNS DIR ARGS...: RUNS plans; sets the figures of plan_once from
# the run with the median wall time.
measure() {
	local runs=() i n=$1
	shift
	for ((i = 0; i < n; i++)); do
		plan_once "$@"
		runs+=("$WALL $REQ $RSS $PCPU $PROCS $CCPU")
	done
	read -r WALL REQ RSS PCPU PROCS CCPU <<<"$(median 1 "${runs[@]}")"
}

# measure_pair N KIND: BENCH_RUNS plans of the floor and of distinct
# instances, alternating so that a change in machine load hits both alike;
# sets F_* for the floor and D_* for distinct instances (medians).
measure_pair() {
	local n=$1 kind=$2 i floor=() distinct=()
	for ((i = 0; i < BENCH_RUNS; i++)); do
		plan_once scale -var "n=$n" -var "kind=$kind" -var same_instance=true
		floor+=("$WALL $REQ $RSS $PCPU $PROCS $CCPU")
		plan_once scale -var "n=$n" -var "kind=$kind" -var same_instance=false
		distinct+=("$WALL $REQ $RSS $PCPU $PROCS $CCPU")
	done
	read -r F_WALL F_REQ F_RSS F_PCPU F_PROCS F_CCPU <<<"$(median 1 "${floor[@]}")"
	read -r D_WALL D_REQ D_RSS D_PCPU D_PROCS D_CCPU <<<"$(median 1 "${distinct[@]}")"
}

ms() { # duration like 50ms or 1s -> milliseconds
	case "$1" in
	*ms) echo "${1%ms}" ;;
	*s) echo $((${1%s} * 1000)) ;;
	esac
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

say "using $cli_version, $(nproc) CPUs; N: $BENCH_N; latencies: $BENCH_LATENCIES; runs: $BENCH_RUNS (tf_data: $BENCH_REF_RUNS); parallelism: $BENCH_PARALLELISM"
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
start=$SECONDS

# Warm-up (page cache, first-run costs), not measured.
(cd "$work/baseline" && "$cli" plan -input=false -no-color -lock=false -var n=1 >/dev/null 2>&1) || true

declare -A tfdata_wall tfdata_ccpu
for n in $BENCH_N; do
	say "terraform_data x $n"
	measure "$BENCH_REF_RUNS" baseline -var "n=$n"
	tfdata_wall[$n]=$WALL
	tfdata_ccpu[$n]=$CCPU
done

times=() resources=()
for lat in $BENCH_LATENCIES; do
	stop_fake
	rm -f "$work/fake.env"
	"$work/bin/wixfake" -instances "$max_n" -latency "$lat" -env-file "$work/fake.env" >"$work/fake.log" 2>&1 &
	fake_pid=$!
	for _ in $(seq 100); do [ -f "$work/fake.env" ] && break; sleep 0.1; done
	[ -f "$work/fake.env" ] || { cat "$work/fake.log" >&2; die "the fake Wix server did not start"; }
	set -a
	# shellcheck disable=SC1091
	. "$work/fake.env"
	set +a
	unset WIX_INSTANCE_ID
	lat_ms=$(ms "$lat")
	plan_once scale -var n=1 -var kind=data # warm-up
	for n in $BENCH_N; do
		for kind in data ephemeral; do
			say "latency $lat: $kind x $n (floor and distinct instances, $BENCH_RUNS runs each)"
			measure_pair "$n" "$kind"
			if [ "$lat_ms" -eq 0 ]; then
				target="1.3 x floor"
				bound=$(awk -v f="$F_WALL" 'BEGIN { printf "%.2f", 1.3 * f }')
			else
				target="floor + 1.2 x ($n/$BENCH_PARALLELISM) x $lat"
				bound=$(awk -v f="$F_WALL" -v n="$n" -v p="$BENCH_PARALLELISM" -v l="$lat_ms" 'BEGIN { printf "%.2f", f + 1.2 * (n / p) * l / 1000 }')
			fi
			met=$(awk -v w="$D_WALL" -v b="$bound" 'BEGIN { print (w <= b ? "yes" : "no") }')
			times+=("| $lat | $n | $kind | $D_WALL | $D_REQ | $F_WALL | $F_REQ | $(ratio "$D_WALL" "$F_WALL") | ${tfdata_wall[$n]} | $(ratio "$D_WALL" "${tfdata_wall[$n]}") | $target | $bound | $met |")
			resources+=("| $lat | $n | $kind | $D_RSS / $F_RSS | $D_PCPU / $F_PCPU | $D_CCPU / $F_CCPU | $D_PROCS / $F_PROCS |")
		done
	done
done
stop_fake
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

{
	echo "CLI: $cli_version; CPUs: $(nproc); plan -parallelism=$BENCH_PARALLELISM; median of $BENCH_RUNS runs (tf_data: $BENCH_REF_RUNS);" \
		"WIX_TOKEN_REUSE: ${WIX_TOKEN_REUSE:-unset (on)}; load average before: $load_before, after: $load_after; took $((SECONDS - start)) s"
	echo
	echo "Plan wall time in seconds. \"distinct\": every key its own instance; \"floor\": every key the same instance."
	echo
	echo "| latency | N | kind | distinct s | requests | floor s | floor requests | distinct / floor | tf_data s | distinct / tf_data | target | target s | within |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
	printf '%s\n' "${times[@]}"
	echo
	echo "Resources (distinct / floor). CPU in seconds; \"CLI + provider\" is everything the CLI and its children used."
	echo
	echo "| latency | N | kind | provider peak RSS MiB | provider CPU s | CLI + provider CPU s | provider processes per plan |"
	echo "|---|---|---|---|---|---|---|"
	printf '%s\n' "${resources[@]}"
	echo
	printf 'tf_data (N terraform_data, no provider) CLI CPU s:'
	for n in $BENCH_N; do printf ' N=%s: %s;' "$n" "${tfdata_ccpu[$n]}"; done
	echo
} | tee "${BENCH_OUT:-/dev/null}"
