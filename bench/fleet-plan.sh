#!/usr/bin/env bash
# Warm Plan over 16 local deployments with --parallel=4, against one warm Plan of one of them,
# measured side by side (alternating, same machine, same moment). Target: fleet <= 4 x single.
#
# What is planned: 16 local deployments that are initialised (keys, tfvars, terraform init,
# providers cached) but not applied, each planned from its empty state (1 to add). Sixteen
# applied sandboxes would mean sixteen booted systemd containers on this host; planning an
# initialised deployment runs the same terraform plan + show per deployment, and the single run
# plans exactly one of the same sixteen, so both sides do identical work per deployment.
#   bench/fleet-plan.sh [rounds]     (exit 1 when the target is missed)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds=${1:-3}
count=16

dir=$(mktemp -d "${TMPDIR:-/tmp}/roughneck-bench-fleet-XXXXXX")
trap 'rm -rf "$dir"' EXIT
trap 'exit 130' INT TERM
export ROUGHNECK_DEPLOYMENTS_DIR="$dir/deployments"
for i in $(seq -w 1 "$count"); do
  mkdir -p "$ROUGHNECK_DEPLOYMENTS_DIR/bench-fleet-$i"
  printf 'provider: local\nfeatures: {shell: false}\n' > "$ROUGHNECK_DEPLOYMENTS_DIR/bench-fleet-$i/deployment.yaml"
done

echo "bench: initialising $count local deployments (not applied)" >&2
./build.sh --target=Init --all --parallel=4 >/dev/null
# Warm both paths once: caches, the plan files, the page cache.
./build.sh --target=Plan --deployment=bench-fleet-01 >/dev/null
./build.sh --target=Plan --all --parallel=4 >/dev/null

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N); awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", b - a}'; }
singles=() fleets=()
for round in $(seq "$rounds"); do
  singles+=("$(seconds ./build.sh --target=Plan --deployment=bench-fleet-01)")
  fleets+=("$(seconds ./build.sh --target=Plan --all --parallel=4)")
  printf 'round %d: one warm Plan %.3f s, %d deployments --parallel=4 %.3f s\n' "$round" "${singles[-1]}" "$count" "${fleets[-1]}"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
single=$(median "${singles[@]}")
fleet=$(median "${fleets[@]}")
ratio=$(awk -v f="$fleet" -v s="$single" 'BEGIN {printf "%.2f", f / s}')
printf 'median of %d: one Plan %.3f s, %d Plans --parallel=4 %.3f s = %s x one (target <= 4 x) on %d cores\n' \
  "$rounds" "$single" "$count" "$fleet" "$ratio" "$(nproc)"
awk -v r="$ratio" 'BEGIN {exit !(r <= 4)}' || { echo "bench: MISSED: $ratio x > 4 x" >&2; exit 1; }
