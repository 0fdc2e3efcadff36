# shellcheck shell=bash
# Shared by the benches: timing, medians, and one result row per target.
#   bench_result NAME MEASURED TARGET OK   prints the row and appends it to $BENCH_TABLE (all.sh)
# A bench exits 1 when any of its targets is missed (bench_finish).

bench_missed=0

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
# at_most VALUE LIMIT: exit 0 when VALUE <= LIMIT
at_most() { awk -v v="$1" -v l="$2" 'BEGIN { exit !(v <= l) }'; }

# time_median RUNS CMD...: the median wall time of RUNS runs of CMD (output discarded; a failure stops the bench)
time_median() {
  local runs=$1 start end i times=()
  shift
  for ((i = 0; i < runs; i++)); do
    start=$(now)
    if ! "$@" >"${BENCH_LOG:-/dev/null}" 2>&1; then
      echo "bench: failed: $*" >&2
      [ -n "${BENCH_LOG:-}" ] && tail -30 "$BENCH_LOG" >&2
      exit 1
    fi
    end=$(now)
    times+=("$(elapsed "$start" "$end")")
  done
  printf '%s\n' "${times[@]}" | median
}

# bench_result NAME MEASURED TARGET: TARGET is "<= N" (unit in NAME); records ok/MISSED
bench_result() {
  local name=$1 measured=$2 limit=${3#<= } result=ok
  at_most "$measured" "$limit" || {
    result=MISSED
    bench_missed=1
  }
  printf '%-60s %10s  (target <= %s)  %s\n' "$name" "$measured" "$limit" "$result"
  [ -n "${BENCH_TABLE:-}" ] && printf '| %s | %s | <= %s | %s |\n' "$name" "$measured" "$limit" "$result" >>"$BENCH_TABLE"
  return 0
}

# bench_info NAME MEASURED: a figure without a target (context for the ratios)
bench_info() {
  printf '%-60s %10s\n' "$1" "$2"
  [ -n "${BENCH_TABLE:-}" ] && printf '| %s | %s | | info |\n' "$1" "$2" >>"$BENCH_TABLE"
  return 0
}

bench_finish() { exit "$bench_missed"; }
