#!/usr/bin/env bash
# Deploy again on a converged deployment (nothing to change). Target: <= 30 s.
#   bench/deploy-converged.sh [deployment] [runs]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
deployment=${1:-local-demo}
runs=${2:-3}

./build.sh --target=Deploy --deployment="$deployment" >/dev/null # converge first
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s.%N)
  out=$(./build.sh --target=Deploy --deployment="$deployment" 2>&1)
  end=$(date +%s.%N)
  t=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", b - a}')
  times+=("$t")
  changed=$(grep -oE 'Provision: done, [0-9]+ changed' <<<"$out" || true)
  printf 'run: %.3f s (%s)\n' "$t" "$changed"
done
printf 'median of %d: %.3f s (target <= 30 s)\n' "$runs" "$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')"
