#!/usr/bin/env bash
# make generate: render docs/ with tfplugindocs from the schema descriptions,
# examples/ and templates/, then validate them. Works offline: tfplugindocs is
# built from the tools/ module, and the schema comes from the terraform on PATH
# (1.10 or later, needed for ephemeral resources) or else from OpenTofu.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd -P)

tfplugindocs=$(env GOWORK=off go tool -modfile=tools/tfplugindocs/go.mod -n tfplugindocs)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
: >"$work/empty.tfrc"
export TF_CLI_CONFIG_FILE="$work/empty.tfrc" CHECKPOINT_DISABLE=1

use_terraform=
if [ "${GENERATE_CLI:-}" != tofu ] && command -v terraform >/dev/null 2>&1; then
	v=$(terraform version -json | sed -n 's/.*"terraform_version": *"\([0-9.]*\)".*/\1/p')
	if [ -n "$v" ] && [ "$(printf '%s\n1.10.0\n' "$v" | sort -V | head -n 1)" = "1.10.0" ]; then
		use_terraform=1
	fi
fi

args=(--provider-name wix --rendered-provider-name Wix)
if [ -z "$use_terraform" ]; then
	# OpenTofu: export the schema through a dev override of the built provider,
	# under the address tfplugindocs looks for (hashicorp/<name>).
	tofu=$(scripts/tools.sh path tofu)
	go build -o "$work/bin/terraform-provider-wix" .
	printf 'provider_installation {\n  dev_overrides {\n    "registry.terraform.io/hashicorp/wix" = "%s"\n  }\n  direct {}\n}\n' "$work/bin" >"$work/dev.tfrc"
	mkdir "$work/schema"
	printf 'terraform {\n  required_providers {\n    wix = { source = "registry.terraform.io/hashicorp/wix" }\n  }\n}\n' >"$work/schema/main.tf"
	(cd "$work/schema" && TF_CLI_CONFIG_FILE="$work/dev.tfrc" "$tofu" providers schema -json >"$work/schema.json")
	args+=(--providers-schema "$work/schema.json")
fi
"$tfplugindocs" generate "${args[@]}"
"$tfplugindocs" validate --provider-name wix
