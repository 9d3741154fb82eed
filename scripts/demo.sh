#!/usr/bin/env bash
# make demo: install the wix provider and Mastercard's restapi provider
# ($RESTAPI) from a local filesystem mirror, start the fake Wix server
# ($WIXFAKE; or use the real Wix API when WIX_CLIENT_ID, WIX_CLIENT_SECRET and
# WIX_INSTANCE_ID are set), and run examples/demo with $CLI: plan to a file,
# apply it, and print what happened. No secret or token is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
fake=
trap '[ -z "$fake" ] || { kill "$fake" && wait "$fake"; } 2>/dev/null || true; rm -rf "$work"' EXIT
say() { printf '\n== %s\n' "$*"; }

platform=$(go env GOOS)_$(go env GOARCH)
go build -trimpath -ldflags "-X main.version=0.1.0" -o "$work/terraform-provider-wix" .
for host in registry.terraform.io registry.opentofu.org; do
	install -D -m 0755 "$work/terraform-provider-wix" "$work/mirror/$host/wixtf/wix/0.1.0/$platform/terraform-provider-wix_v0.1.0"
	install -D -m 0755 "$RESTAPI" "$work/mirror/$host/mastercard/restapi/1.20.0/$platform/terraform-provider-restapi_v1.20.0"
done
printf 'provider_installation {\n  filesystem_mirror {\n    path = "%s"\n  }\n}\n' "$work/mirror" >"$work/cli.tfrc"
export TF_CLI_CONFIG_FILE="$work/cli.tfrc" TF_IN_AUTOMATION=1
say "using $("$CLI" version | head -n 1), the wix and restapi providers from a local mirror"

if [ -n "${WIX_CLIENT_ID:-}" ] && [ -n "${WIX_CLIENT_SECRET:-}" ] && [ -n "${WIX_INSTANCE_ID:-}" ]; then
	mode=real
	export WIX_API_URL=${WIX_API_URL:-https://www.wixapis.com}
	say "WIX_CLIENT_ID, WIX_CLIENT_SECRET and WIX_INSTANCE_ID are set: using the real Wix API at $WIX_API_URL"
else
	mode=fake
	say "starting the fake Wix server (set WIX_CLIENT_ID, WIX_CLIENT_SECRET and WIX_INSTANCE_ID to use the real Wix API)"
	go build -o "$work/wixfake" "$WIXFAKE"
	"$work/wixfake" -env-file "$work/fake.env" >"$work/fake.log" 2>&1 &
	fake=$!
	for _ in $(seq 100); do [ -f "$work/fake.env" ] && break; sleep 0.1; done
	[ -f "$work/fake.env" ] || { cat "$work/fake.log"; echo "the fake Wix server did not start" >&2; exit 1; }
	set -a
	# shellcheck disable=SC1091
	. "$work/fake.env"
	set +a
	echo "fake Wix at $WIX_API_URL, app $WIX_CLIENT_ID, instance $WIX_INSTANCE_ID"
fi

mkdir "$work/run"
cp examples/demo/main.tf "$work/run/"
cd "$work/run"
export TF_VAR_api_url="$WIX_API_URL"

say "init (providers from the local mirror only)"
"$CLI" init -input=false -no-color | grep -E 'Installing|Installed|initialized' || true
say "plan -out=demo.tfplan (opens the ephemeral token, configures restapi with it, reads the site with wix_app_instance)"
"$CLI" plan -input=false -no-color -out=demo.tfplan | grep -vE '^\s*$' | tail -n 15
say "apply demo.tfplan (opens the ephemeral token again; restapi calls GET /apps/v1/instance with it)"
"$CLI" apply -input=false -no-color demo.tfplan | grep -vE '^\s*$' | tail -n 12
say "outputs"
"$CLI" output -no-color

say "what the run proves"
for tok in $(grep -o '"access_token": *"[^"]*"' terraform.tfstate | sed 's/.*: *"//; s/"$//'); do
	echo "the data source's token is in the state file (as documented): ${#tok} characters"
done
if [ "$mode" = fake ]; then
	echo "fake Wix counters: $(curl -fsS "$WIX_API_URL/_fake/stats")"
	echo "every Get App Instance call (restapi's test_path, and wix_app_instance's) was authenticated with an ephemeral token, which no state holds"
fi
echo "demo finished with $mode Wix: tokens minted by the data source and the ephemeral resource, the ephemeral token used by the restapi provider, and the site it is for read by wix_app_instance"
