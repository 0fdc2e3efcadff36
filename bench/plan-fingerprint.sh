#!/usr/bin/env bash
# Warm `terraform plan` of an applied local deployment, before and after the HCL SHA-256 module
# (terraform/modules/ssh-fingerprint) was removed, side by side in one run. Both variants are the
# current local provider module, copied to a temporary folder; "before" gets the old module back
# (from git, at the commit before its removal) and takes host_key_fingerprint from it, "after"
# takes it from the variable, as the repository does now. Both plan against the same applied
# state (read-only, -lock=false) and must report no changes; they run alternately, N times each.
# Exit 1 when "after" is not faster (median).
#   bench/plan-fingerprint.sh [runs] [deployment]
# Without a deployment it applies a throwaway local one (root, sandbox prerequisites) and
# destroys it at the end. BEFORE=<commit> overrides the commit the old module comes from.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD
runs=${1:-7}
deployment=${2:-}
before=${BEFORE:-$(git rev-list -1 HEAD -- terraform/modules/ssh-fingerprint/main.tf)^}
git cat-file -e "$before:terraform/modules/ssh-fingerprint/rounds.tf" 2>/dev/null ||
  { echo "bench: $before has no terraform/modules/ssh-fingerprint (set BEFORE=<commit>)" >&2; exit 2; }

work=$(mktemp -d)
deployments=${ROUGHNECK_DEPLOYMENTS_DIR:-$repo/deployments}
cleanup() {
  if [ -n "${throwaway:-}" ]; then
    ROUGHNECK_DEPLOYMENTS_DIR=$deployments ./build.sh --target=Destroy --deployment="$throwaway" --force >/dev/null 2>&1 ||
      echo "bench: could not destroy $throwaway (in $deployments)" >&2
    rm -rf "$(dirname "$deployments")"
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ -z "$deployment" ]; then
  deployments=$(mktemp -d)/deployments
  throwaway=bench-fp
  deployment=$throwaway
  mkdir -p "$deployments/$deployment"
  printf 'provider: local\nssh:\n  user: dev\n' >"$deployments/$deployment/deployment.yaml"
  echo "bench: applying a throwaway local deployment ($deployments/$deployment)" >&2
fi
dir=$deployments/$deployment/.roughneck
if [ ! -f "$dir/outputs.json" ]; then
  ROUGHNECK_DEPLOYMENTS_DIR=$deployments ./build.sh --target=Apply --deployment="$deployment" >"$work/apply.log" 2>&1 ||
    { tail -20 "$work/apply.log" >&2; exit 2; }
fi
grep -q '"machine_id"' "$dir/tfvars.json" || { echo "bench: $deployment is not a local deployment" >&2; exit 2; }

# Two copies of the local provider module, identical but for the fingerprint.
for variant in before after; do
  mkdir -p "$work/$variant/terraform/providers" "$work/$variant/root"
  cp -r terraform/providers/local "$work/$variant/terraform/providers/local"
  rm -rf "$work/$variant/terraform/providers/local/.terraform"
done
mkdir -p "$work/before/terraform/modules/ssh-fingerprint"
for file in main.tf rounds.tf; do
  git show "$before:terraform/modules/ssh-fingerprint/$file" >"$work/before/terraform/modules/ssh-fingerprint/$file"
done
cat >>"$work/before/terraform/providers/local/main.tf" <<'HCL'

module "host_key_fingerprint" {
  source     = "../../modules/ssh-fingerprint"
  public_key = var.host_key_public
}
HCL
sed -i 's/value       = var.host_key_fingerprint/value       = module.host_key_fingerprint.fingerprint/' "$work/before/terraform/providers/local/outputs.tf"
grep -q 'module.host_key_fingerprint.fingerprint' "$work/before/terraform/providers/local/outputs.tf" ||
  { echo "bench: could not point the before variant's output at the module" >&2; exit 2; }

export TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1 TF_CLI_CONFIG_FILE=/dev/null
for variant in before after; do
  sed "s|source = \"[^\"]*providers/local\"|source = \"../terraform/providers/local\"|" "$dir/root/main.tf" >"$work/$variant/root/main.tf"
  grep -q 'source = "../terraform/providers/local"' "$work/$variant/root/main.tf" || { echo "bench: unexpected root module in $dir/root" >&2; exit 2; }
  TF_DATA_DIR="$work/$variant/tf" terraform -chdir="$work/$variant/root" init -input=false -backend-config="path=$dir/terraform.tfstate" >"$work/init.log" 2>&1 ||
    { cat "$work/init.log" >&2; exit 2; }
done

plan() { # plan VARIANT: seconds of one bare plan; it must find no changes
  local start end status=0
  start=$(date +%s.%N)
  TF_DATA_DIR="$work/$1/tf" terraform -chdir="$work/$1/root" plan -input=false -lock=false -detailed-exitcode \
    -var-file="$dir/tfvars.json" >"$work/plan.log" 2>&1 || status=$?
  end=$(date +%s.%N)
  if [ "$status" -ne 0 ]; then
    echo "bench: the $1 plan exited $status (0 = no changes expected):" >&2
    tail -20 "$work/plan.log" >&2
    exit 2
  fi
  awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", b - a}'
}
plan before >/dev/null || exit 2 # warm both (file cache, plugin-less init)
plan after >/dev/null || exit 2
b=() a=()
for i in $(seq "$runs"); do
  t=$(plan before) || exit 2
  b+=("$t")
  t=$(plan after) || exit 2
  a+=("$t")
  printf 'run %d: before %s s, after %s s\n' "$i" "${b[-1]}" "${a[-1]}"
done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
mb=$(median "${b[@]}") ma=$(median "${a[@]}")
printf 'warm terraform plan of %s, median of %d: before %s s (HCL SHA-256 from %s), after %s s (fingerprint from C#): %s s faster\n' \
  "$deployment" "$runs" "$mb" "$(git rev-parse --short "$before")" "$ma" "$(awk -v x="$mb" -v y="$ma" 'BEGIN {printf "%.3f", x - y}')"
awk -v x="$mb" -v y="$ma" 'BEGIN {exit !(y < x)}' || { echo "bench: after is not faster than before" >&2; exit 1; }
