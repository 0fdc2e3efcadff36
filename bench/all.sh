#!/usr/bin/env bash
# Runs every bench and writes one table (Markdown) to build/.cache/bench/results.md and stdout.
# Exit 1 when any bench missed a target or failed. Needs root (the local sandbox).
#   bench/all.sh
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
mkdir -p build/.cache/bench
export BENCH_TABLE="$PWD/build/.cache/bench/results.md"
{
  echo "# Roughneck benches, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| measure | value | target | result |"
  echo "|---|---|---|---|"
} >"$BENCH_TABLE"

status=0
for script in bench/*.sh; do
  case "$script" in bench/lib.sh | bench/all.sh) continue ;; esac
  echo "== $script" >&2
  rows=$(wc -l <"$BENCH_TABLE")
  if ! bash "$script"; then
    status=1
    printf '| %s | failed or missed a target | | FAILED |\n' "$script" >>"$BENCH_TABLE"
  elif [ "$(wc -l <"$BENCH_TABLE")" -eq "$rows" ]; then
    printf '| %s | ran (its figures are in its output) | | info |\n' "$script" >>"$BENCH_TABLE"
  fi
done
echo
cat "$BENCH_TABLE"
exit "$status"
