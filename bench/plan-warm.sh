#!/usr/bin/env bash
# Warm Plan on an applied deployment, side by side with its floor: Help (build.sh + Cake's
# start-up) plus a bare `terraform plan` of the same root module (same data dir, CLI config and
# variables). Target: warm Plan <= Help + bare plan + 0.3 s. Medians of BENCH_RUNS (default 7).
#   bench/plan-warm.sh [deployment]
# A deployment that is not applied is deployed into a throwaway folder and destroyed at the end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh
deployment=${1:-local-demo}
runs=${BENCH_RUNS:-7}
work=$(mktemp -d)
BENCH_LOG="$work/run.log"

# shellcheck disable=SC2317 # called by the trap
cleanup() {
  if [ -n "${ROUGHNECK_DEPLOYMENTS_DIR:-}" ]; then
    ./build.sh --target=Destroy --deployment="$deployment" --force >/dev/null 2>&1 || echo "bench: Destroy of $deployment failed" >&2
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ ! -f "deployments/$deployment/.roughneck/outputs.json" ]; then
  echo "bench: $deployment is not applied here; applying a copy in a throwaway folder" >&2
  export ROUGHNECK_DEPLOYMENTS_DIR="$work/deployments"
  mkdir -p "$ROUGHNECK_DEPLOYMENTS_DIR/$deployment"
  cp "deployments/$deployment/deployment.yaml" "$ROUGHNECK_DEPLOYMENTS_DIR/$deployment/"
  ./build.sh --target=Apply --deployment="$deployment" >"$BENCH_LOG" 2>&1 || { tail -30 "$BENCH_LOG" >&2; exit 1; }
fi
dir="${ROUGHNECK_DEPLOYMENTS_DIR:-deployments}/$deployment/.roughneck"
./build.sh --target=Plan --deployment="$deployment" >/dev/null 2>&1 # warm every cache

# shellcheck disable=SC2317 # called by time_median
bare_plan() {
  TF_DATA_DIR="$dir/tf" TF_CLI_CONFIG_FILE="$PWD/build/.cache/terraform.tfrc" TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1 \
    terraform -chdir="$dir/root" plan -input=false -no-color -var-file="$dir/tfvars.json" -out="$work/bare.tfplan"
}

plan=$(time_median "$runs" ./build.sh --target=Plan --deployment="$deployment")
help=$(time_median "$runs" ./build.sh --target=Help)
bare=$(time_median "$runs" bare_plan)
floor=$(awk -v h="$help" -v b="$bare" 'BEGIN { printf "%.3f", h + b }')

bench_info "warm Plan, Help, bare terraform plan (s, median of $runs)" "$plan $help $bare"
bench_result "warm Plan - (Help + bare terraform plan) (s)" "$(awk -v p="$plan" -v f="$floor" 'BEGIN { printf "%.3f", p - f }')" "<= 0.3"
bench_info "warm Plan / (Help + bare plan)" "$(ratio "$plan" "$floor")"
bench_finish
