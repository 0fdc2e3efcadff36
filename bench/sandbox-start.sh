#!/usr/bin/env bash
# Start time of a local sandbox machine with a warm rootfs cache: from starting
# terraform/providers/local/scripts/sandbox-up.sh to an SSH login that checks the pinned
# host key. Runs it BENCH_RUNS times (default 3), prints each figure and the median,
# and tears every machine down. Target: median <= 10 s.
#
# Root only (like the sandbox). Uses the same directories as Roughneck's deployments
# (ROUGHNECK_SANDBOX_DIR, default /var/lib/roughneck: cache/, machines/, run/), its
# own throwaway keys, machine id rn-bec40001 and the /30 of BENCH_HOST_ADDRESS
# (default 10.213.255.1). A cold cache is warmed first, outside the measurement.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCRIPTS="$REPO/terraform/providers/local/scripts"
SANDBOX_DIR=${ROUGHNECK_SANDBOX_DIR:-/var/lib/roughneck}
RUNS=${BENCH_RUNS:-3}
HOST_ADDRESS=${BENCH_HOST_ADDRESS:-10.213.255.1}
TARGET_SECONDS=10

log() { printf '[bench] %s\n' "$*" >&2; }
die() {
  log "ERROR: $*"
  exit 1
}
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

setup() {
  ((EUID == 0)) || die "run as root (the sandbox needs it)"
  command -v ssh >/dev/null || die "ssh missing: apt-get install -y openssh-client"
  WORK=$(mktemp -d /tmp/sandbox-bench.XXXXXX)
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  ssh-keygen -q -t ed25519 -N '' -C bench-login -f "$WORK/id_ed25519"
  ssh-keygen -q -t ed25519 -N '' -C bench-host -f "$WORK/host_ed25519_key"
  local guest_address
  guest_address=$(awk -F. -v OFS=. '{ $4 = $4 + 1; print }' <<<"$HOST_ADDRESS")
  export RN_MACHINE_ID=rn-bec40001 RN_DEPLOYMENT_NAME=sandbox-bench RN_SSH_USER=bench RN_SSH_PORT=22
  export RN_SSH_PUBLIC_KEY RN_HOST_KEY_PUBLIC
  RN_SSH_PUBLIC_KEY=$(cat "$WORK/id_ed25519.pub")
  RN_HOST_KEY_PUBLIC=$(cat "$WORK/host_ed25519_key.pub")
  export RN_HOST_KEY_PRIVATE_PATH="$WORK/host_ed25519_key"
  export RN_HOST_ADDRESS=$HOST_ADDRESS RN_GUEST_ADDRESS=$guest_address RN_PREFIX_LENGTH=30
  export RN_ROOTFS_CACHE_DIR="$SANDBOX_DIR/cache" RN_MACHINES_DIR="$SANDBOX_DIR/machines" RN_RUNTIME_DIR="$SANDBOX_DIR/run"
  # Pinned, as Apply writes it: the only key this client accepts for the machine.
  echo "$guest_address $(cut -d' ' -f1,2 "$WORK/host_ed25519_key.pub")" >"$WORK/known_hosts"
  SSH=(ssh -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$WORK/known_hosts" -o BatchMode=yes
    -o ConnectTimeout=2 -i "$WORK/id_ed25519" "bench@$guest_address")
}

cleanup() {
  bash "$SCRIPTS/sandbox-down.sh" >>"$WORK/down.log" 2>&1 || log "sandbox-down.sh failed: see $WORK/down.log"
  rm -rf "$WORK"
}

warm_cache() {
  log "warming the rootfs cache in $RN_ROOTFS_CACHE_DIR (not measured)"
  bash "$SCRIPTS/rootfs-cache.sh" >/dev/null 2>>"$WORK/cache.log" || {
    cat "$WORK/cache.log" >&2
    die "rootfs-cache.sh failed"
  }
}

# One run: prints "<up.sh seconds> <ssh login seconds> <down seconds>".
one_run() {
  local start up_done login_done down_start down_done
  start=$(now)
  bash "$SCRIPTS/sandbox-up.sh" 2>>"$WORK/up.log" || {
    tail -n 30 "$WORK/up.log" >&2
    die "sandbox-up.sh failed (log above)"
  }
  up_done=$(now)
  until "${SSH[@]}" true 2>>"$WORK/ssh.log"; do
    (($(elapsed "$start" "$(now)" | cut -d. -f1) < 60)) || die "no SSH login within 60 s (see $WORK/ssh.log)"
    sleep 0.05
  done
  login_done=$(now)
  down_start=$(now)
  bash "$SCRIPTS/sandbox-down.sh" 2>>"$WORK/down.log" || die "sandbox-down.sh failed (see $WORK/down.log)"
  down_done=$(now)
  echo "$(elapsed "$start" "$up_done") $(elapsed "$start" "$login_done") $(elapsed "$down_start" "$down_done")"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

main() {
  setup
  warm_cache
  bash "$SCRIPTS/sandbox-down.sh" 2>/dev/null # leftovers of an interrupted bench
  local i results=() line
  for ((i = 1; i <= RUNS; i++)); do
    line=$(one_run)
    results+=("$line")
    read -r up login down <<<"$line"
    printf 'run %d: sandbox-up.sh %ss, SSH login with the pinned key %ss, sandbox-down.sh %ss\n' "$i" "$up" "$login" "$down"
  done
  local up_median login_median down_median
  up_median=$(printf '%s\n' "${results[@]}" | awk '{ print $1 }' | median)
  login_median=$(printf '%s\n' "${results[@]}" | awk '{ print $2 }' | median)
  down_median=$(printf '%s\n' "${results[@]}" | awk '{ print $3 }' | median)
  printf 'median of %d: sandbox-up.sh %ss, SSH login %ss (target <= %ss), sandbox-down.sh %ss\n' \
    "$RUNS" "$up_median" "$login_median" "$TARGET_SECONDS" "$down_median"
  local result=ok
  awk -v m="$login_median" -v t="$TARGET_SECONDS" 'BEGIN { exit !(m <= t) }' || result=MISSED
  if [ -n "${BENCH_TABLE:-}" ]; then
    printf '| sandbox start to SSH login (s, median of %d) | %s | <= %s | %s |\n' "$RUNS" "$login_median" "$TARGET_SECONDS" "$result" >>"$BENCH_TABLE"
  fi
  [ "$result" = ok ] || {
    log "median start time above the target"
    exit 2
  }
}

main "$@"
