#!/usr/bin/env bash
# Matrix against Help, side by side (alternating runs): Matrix reads the specs of the selection
# and nothing else, so it must be no slower than Help, give or take 20 %.
#   bench/matrix-vs-help.sh [rounds]     (exit 1 when Matrix takes more than 1.2 x Help)
# Selection: every deployment in deployments/ (--all), or ROUGHNECK_DEPLOYMENTS_DIR's.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds=${1:-7}

./build.sh --target=Help >/dev/null 2>&1 # build the library and warm Cake's script cache
./build.sh --target=Matrix --all >/dev/null 2>&1

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", b - a}'; }
helps=() matrices=()
for round in $(seq "$rounds"); do
  helps+=("$(seconds ./build.sh --target=Help)")
  matrices+=("$(seconds ./build.sh --target=Matrix --all)")
  printf 'round %d: Help %.3f s, Matrix %.3f s\n' "$round" "${helps[-1]}" "${matrices[-1]}"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
help=$(median "${helps[@]}")
matrix=$(median "${matrices[@]}")
ratio=$(awk -v m="$matrix" -v h="$help" 'BEGIN {printf "%.2f", m / h}')
specs=$(./build.sh --target=Matrix --all 2>/dev/null | jq '.include | length')
printf 'median of %d: Help %.3f s, Matrix (%d deployments) %.3f s = %s x Help (target <= 1.20 x)\n' "$rounds" "$help" "$specs" "$matrix" "$ratio"
awk -v r="$ratio" 'BEGIN {exit !(r <= 1.2)}' || { echo "bench: MISSED: Matrix is $ratio x Help" >&2; exit 1; }
