#!/usr/bin/env bash
# Checks of the cloud modules that need the terraform binary:
#   no-provider: fmt -check, cloud-init module
#                tests (built-in functions only: runs wherever terraform runs);
#   aws:         AWS init + validate + terraform test (mocked provider), the provider from a filesystem
#                mirror, else the registry. When neither can serve it, the part says SKIPPED and
#                exits 3 (the test suite turns that into a skip, which fails a CI run).
# Hetzner and DigitalOcean cannot be initialised without their provider binaries: static-check.mjs
# covers them. Prints one line per check and "N passed, N failed, N skipped"; exit 1 on failure.
#
#   terraform/tests/terraform-checks.sh [no-provider|aws|all]     (default: all)
#
# Environment:
#   TF_PLUGIN_MIRROR   filesystem mirror holding registry.terraform.io/hashicorp/aws
#                      (default /opt/tf-plugins when it exists; otherwise the provider is installed
#                      the ordinary way, which needs network access)
#   TERRAFORM          terraform binary (default: terraform)
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tf_root="$(cd "$here/.." && pwd)"
terraform="${TERRAFORM:-terraform}"
part="${1:-all}"
case "$part" in no-provider | aws | all) ;; *)
  echo "usage: terraform-checks.sh [no-provider|aws|all]" >&2
  exit 2
  ;;
esac
passed=0 failed=0 skipped=0
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

ok() { passed=$((passed + 1)); echo "ok $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; [ -s "$work/out" ] && sed 's/^/    /' "$work/out" | tail -40; }
skip() { skipped=$((skipped + 1)); echo "SKIPPED $1"; }
run() { # run NAME CMD...: ok when CMD exits 0
  local name="$1"; shift
  if "$@" >"$work/out" 2>&1; then ok "$name"; else fail "$name"; fi
}

if ! command -v "$terraform" >/dev/null 2>&1; then
  echo "SKIPPED: terraform is not installed: NOTHING in terraform-checks.sh ran"
  echo "0 passed, 0 failed, 1 skipped"
  exit 3
fi

# A CLI config of our own: never the user's, and a filesystem mirror when there is one.
cli="$work/cli.tfrc"
mirror="${TF_PLUGIN_MIRROR:-}"
[ -z "$mirror" ] && [ -d /opt/tf-plugins/registry.terraform.io/hashicorp/aws ] && mirror=/opt/tf-plugins
if [ -n "$mirror" ]; then
  cat >"$cli" <<EOF
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/aws"]
  }
}
EOF
else
  : >"$cli"
fi
export TF_CLI_CONFIG_FILE="$cli" TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1

mine=(providers/hetzner providers/aws providers/digitalocean modules/hetzner modules/aws modules/digitalocean modules/cloud-init providers/local)

no_provider_checks() {
  for d in "${mine[@]}"; do
    run "fmt: terraform/$d" "$terraform" -chdir="$tf_root/$d" fmt -check -recursive -diff
  done

  # cloud-init: built-in functions only, so init needs no provider.
  export TF_DATA_DIR="$work/cloud-init"
  run "init: terraform/modules/cloud-init" "$terraform" -chdir="$tf_root/modules/cloud-init" init -backend=false -input=false
  run "test: terraform/modules/cloud-init" "$terraform" -chdir="$tf_root/modules/cloud-init" test -no-color
}

aws_checks() {
  export TF_DATA_DIR="$work/aws"
  if "$terraform" -chdir="$tf_root/providers/aws" init -backend=false -input=false -lockfile=readonly >"$work/out" 2>&1; then
    ok "init: terraform/providers/aws (provider from ${mirror:-the registry}, lock file read-only)"
    run "validate: terraform/providers/aws" "$terraform" -chdir="$tf_root/providers/aws" validate -no-color
    run "test: terraform/providers/aws (mock_provider)" "$terraform" -chdir="$tf_root/providers/aws" test -no-color
  elif grep -qiE 'Failed to (query|install|retrieve)|could not connect|no such host|dial tcp|timeout|provider registry' "$work/out"; then
    # The provider could not be fetched: that is this machine, not the module.
    skip "init/validate/test: terraform/providers/aws: the hashicorp/aws provider could not be installed (no mirror, registry unreachable; set TF_PLUGIN_MIRROR)"
    sed 's/^/    /' "$work/out" | tail -5
  else
    fail "init: terraform/providers/aws"
  fi
}

case "$part" in
  no-provider) no_provider_checks ;;
  aws) aws_checks ;;
  all) no_provider_checks; aws_checks ;;
esac

[ "$part" = no-provider ] || echo "NOT RUN: validate of terraform/providers/{hetzner,digitalocean}: their providers cannot be installed here; static-check.mjs holds them against tests/fixtures/provider-schemas"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] || exit 1
[ "$skipped" -eq 0 ] || exit 3
