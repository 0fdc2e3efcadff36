#!/usr/bin/env bash
# Stops and removes one local sandbox machine: the container (SIGTERM, SIGKILL after
# 15 s), its tinyproxy, network namespace and veth, anything still mounted under its
# directories, the directories themselves and its cgroup.
#
# Succeeds when some or all of it is already gone (rootfs deleted by hand, host
# rebooted, creation interrupted): it removes what exists and reports what it did.
set -euo pipefail
umask 077
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

main() {
  require_host ip:iproute2 flock:util-linux findmnt:util-linux
  machine_init
  machine_lock
  if machine_exists; then
    machine_teardown
    log "removed"
  else
    log "nothing left to remove"
  fi
  rm -f "$LOCK_FILE"
}

main "$@"
