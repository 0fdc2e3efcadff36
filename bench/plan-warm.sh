#!/usr/bin/env bash
# Warm Plan on an applied deployment: wall time, and how much of it is Cake and the library
# (wall time minus the child processes: terraform). Target: <= 2 s wall, Cake+library <= half.
#   bench/plan-warm.sh [deployment] [runs]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
deployment=${1:-local-demo}
runs=${2:-5}

if [ ! -f "deployments/$deployment/.roughneck/outputs.json" ]; then
  echo "bench: $deployment is not applied; applying it first" >&2
  ./build.sh --target=Apply --deployment="$deployment" >/dev/null
fi
./build.sh --target=Plan --deployment="$deployment" >/dev/null # warm the caches

walls=() own=()
for _ in $(seq "$runs"); do
  start=$(date +%s.%N)
  out=$(ROUGHNECK_VERBOSE=1 ./build.sh --target=Plan --deployment="$deployment" 2>&1)
  end=$(date +%s.%N)
  wall=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", b - a}')
  children=$(grep -oE '\[[^ ]+ exit [0-9]+ after [0-9.]+ s\]' <<<"$out" | awk '{s += $(NF-1)} END {print s + 0}')
  walls+=("$wall")
  own+=("$(awk -v a="$wall" -v b="$children" 'BEGIN {printf "%.3f", a - b}')")
  printf 'run: wall %.3f s, child processes %.3f s, Cake+library %.3f s\n' "$wall" "$children" "${own[-1]}"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
printf 'median of %d: wall %.3f s (target <= 2 s), Cake+library %.3f s (target <= half of wall)\n' \
  "$runs" "$(median "${walls[@]}")" "$(median "${own[@]}")"
