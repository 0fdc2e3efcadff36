# shellcheck shell=bash disable=SC2034 # the variables are used by the scripts that source this file
# Helpers shared by the local sandbox scripts. Sourced, never run.
#
# Every script takes its inputs from RN_* environment variables, named after the
# Terraform variables (RN_MACHINE_ID = var.machine_id, ...); see README.md.

SANDBOX_SUITE=trixie
SANDBOX_VARIANT=minbase
# python3-apt: Ansible's apt module needs it on the managed machine.
SANDBOX_PACKAGES=(ca-certificates dbus iproute2 libpam-systemd openssh-server python3 python3-apt sudo systemd systemd-sysv)
SANDBOX_PROXY_PORT=${RN_PROXY_PORT:-8888}
# Every sandbox's /30 comes from here (build/Roughneck/Deployments/LocalNetwork.cs).
SANDBOX_RANGE=10.222.0.0/16
# Host uids of the containers: systemd's container range (524288 and up), 65536 per /30 slot.
SANDBOX_UID_FIRST=524288
SANDBOX_SSH_TIMEOUT=30
SANDBOX_STOP_TIMEOUT=15

# Log lines carry the seconds since the script started.
LOG_START=${EPOCHREALTIME/,/.}
log() {
  local now=${EPOCHREALTIME/,/.}
  printf '[sandbox %s] %5.2fs %s\n' "${RN_MACHINE_ID:-${0##*/}}" "$(awk -v a="$LOG_START" -v b="$now" 'BEGIN { print b - a }')" "$*" >&2 || true
}

die() {
  log "ERROR: $*"
  exit 1
}

# require_env NAME...: each RN_* variable must be set and non-empty.
require_env() {
  local name
  for name in "$@"; do
    [[ -n "${!name:-}" ]] || die "environment variable $name is not set (Terraform sets it; to run a script by hand, see README.md)"
  done
}

# require_host CMD:PACKAGE...: Linux, root, and the commands present.
require_host() {
  local pair missing=() packages=()
  [[ "$(uname -s)" == Linux ]] || die "the local sandbox needs Linux; this host runs $(uname -s)"
  ((EUID == 0)) || die "the local sandbox needs root (network namespaces, systemd-nspawn): run terraform as root, e.g. with sudo -E"
  for pair in "$@"; do
    if ! command -v "${pair%%:*}" >/dev/null 2>&1; then
      missing+=("${pair%%:*}")
      packages+=("${pair#*:}")
    fi
  done
  if ((${#missing[@]} > 0)); then
    die "missing command(s): ${missing[*]}; install them with: apt-get install -y $(printf '%s\n' "${packages[@]}" | sort -u | paste -sd' ')"
  fi
}

# Checks the inputs the teardown needs and derives every path of the machine.
machine_init() {
  require_env RN_MACHINE_ID RN_MACHINES_DIR RN_RUNTIME_DIR
  [[ "$RN_MACHINE_ID" =~ ^rn-[0-9a-f]{8}$ ]] || die "machine_id '$RN_MACHINE_ID' must look like rn-<8 hex digits>"
  local dir
  for dir in "$RN_MACHINES_DIR" "$RN_RUNTIME_DIR" "${RN_ROOTFS_CACHE_DIR:-/x}"; do
    [[ "$dir" =~ ^/[A-Za-z0-9._/+-]*[A-Za-z0-9._+-]$ ]] || die "'$dir' must be an absolute path (letters, digits, . _ - + /), not /"
  done
  MACHINE_DIR="$RN_MACHINES_DIR/$RN_MACHINE_ID"
  ROOTFS="$MACHINE_DIR/rootfs"
  RUN_DIR="$RN_RUNTIME_DIR/$RN_MACHINE_ID"
  LOCK_FILE="$RN_RUNTIME_DIR/$RN_MACHINE_ID.lock"
  NETNS="$RN_MACHINE_ID" # named network namespace of machines made before nspawn made its own
  HOST_VETH="$RN_MACHINE_ID" # rn-xxxxxxxx: 11 characters, within IFNAMSIZ
  GUEST_VETH=eth0            # created directly inside the namespace: no clash between machines
  PROXY_CONF="$RUN_DIR/tinyproxy.conf"
  NFT_TABLE="roughneck-$RN_MACHINE_ID" # inet table of this machine's packet filter
  NSPAWN_LOG="$RUN_DIR/nspawn.log"
  # nspawn (--keep-unit) puts the container under its caller's cgroup; each machine
  # gets its own, at the same path in every hierarchy nspawn uses (cgroup2 and, on
  # legacy/hybrid hosts, name=systemd).
  CGROUP_DIRS=()
  local mountpoint type options
  while read -r _ mountpoint type options _; do
    if [[ "$type" == cgroup2 || ("$type" == cgroup && ",$options," == *,name=systemd,*) ]]; then
      CGROUP_DIRS+=("$mountpoint/roughneck/$RN_MACHINE_ID")
    fi
  done </proc/self/mounts
}

# Serialises scripts working on the same machine (create racing with destroy).
machine_lock() {
  mkdir -p "$RN_RUNTIME_DIR"
  exec 9>>"$LOCK_FILE"
  flock -w 300 9 || die "another script holds $LOCK_FILE for more than 300 s"
}

# pids_with_arg PROGRAM ARG: processes running PROGRAM with ARG as one argument,
# leaving out those whose parent also matches (nspawn forks helpers of itself).
pids_with_arg() {
  local program=$1 arg=$2 dir pid args a ppid
  local -A found=()
  for dir in /proc/[0-9]*; do
    pid=${dir#/proc/}
    mapfile -d '' -t args 2>/dev/null <"$dir/cmdline" || continue
    ((${#args[@]} > 1)) || continue
    [[ "${args[0]##*/}" == "$program" ]] || continue
    for a in "${args[@]:1}"; do
      if [[ "$a" == "$arg" ]]; then
        found[$pid]=1
        break
      fi
    done
  done
  for pid in "${!found[@]}"; do
    ppid=$(awk '/^PPid:/ {print $2}' "/proc/$pid/status" 2>/dev/null) || continue
    [[ -n "${found[$ppid]:-}" ]] || echo "$pid"
  done
}

# Processes anywhere in the machine's cgroups (the container and its nspawn).
cgroup_pids() {
  local dir
  for dir in "${CGROUP_DIRS[@]}"; do
    if [[ -d "$dir" ]]; then
      find "$dir" -name cgroup.procs -exec cat {} + 2>/dev/null || true
    fi
  done | sort -u
}

alive() {
  local pid
  for pid in "$@"; do
    kill -0 "$pid" 2>/dev/null && return 0
  done
  return 1
}

# stop_pids WHAT TIMEOUT PID...: SIGTERM, wait up to TIMEOUT seconds, then SIGKILL.
stop_pids() {
  local what=$1 timeout=$2
  shift 2
  (($# > 0)) || return 0
  log "stopping $what (pid $*)"
  kill -TERM "$@" 2>/dev/null || true
  local deadline=$((SECONDS + timeout))
  while alive "$@"; do
    if ((SECONDS >= deadline)); then
      log "$what still running after ${timeout} s: SIGKILL"
      kill -KILL "$@" 2>/dev/null || true
      break
    fi
    sleep 0.1
  done
  deadline=$((SECONDS + 5))
  while alive "$@" && ((SECONDS < deadline)); do sleep 0.1; done
}

# unmount_under DIR: unmounts everything mounted at or below DIR, deepest first.
unmount_under() {
  local dir=$1 target
  findmnt -rn -o TARGET | awk -v d="$dir" '$0 == d || index($0, d "/") == 1' | sort -r |
    while read -r target; do
      log "unmounting $target"
      umount "$target" 2>/dev/null || umount -l "$target" || log "could not unmount $target"
    done
}

# True when this machine's own nftables table exists (never touches any other table).
nft_table_exists() {
  command -v nft >/dev/null 2>&1 && nft list table inet "$NFT_TABLE" >/dev/null 2>&1
}

# True when any piece of the machine exists.
machine_exists() {
  [[ -e "$MACHINE_DIR" || -e "$RUN_DIR" || -e "/run/netns/$NETNS" ]] && return 0
  ip link show dev "$HOST_VETH" >/dev/null 2>&1 && return 0
  [[ -n "$(pids_with_arg systemd-nspawn "--machine=$RN_MACHINE_ID")" ]] && return 0
  [[ -n "$(pids_with_arg tinyproxy "$PROXY_CONF")" ]] && return 0
  nft_table_exists && return 0
  local dir
  for dir in "${CGROUP_DIRS[@]}"; do
    [[ -d "$dir" ]] && return 0
  done
  return 1
}

# Removes every piece of the machine that exists; a no-op when nothing does.
machine_teardown() {
  local pids proxy_pids
  # The proxy takes a second or two to act on SIGTERM: let it do so meanwhile.
  mapfile -t proxy_pids < <(pids_with_arg tinyproxy "$PROXY_CONF")
  if ((${#proxy_pids[@]} > 0)); then kill -TERM "${proxy_pids[@]}" 2>/dev/null || true; fi

  # 1. The container: SIGTERM to nspawn halts it cleanly.
  mapfile -t pids < <(pids_with_arg systemd-nspawn "--machine=$RN_MACHINE_ID")
  stop_pids "systemd-nspawn" "$SANDBOX_STOP_TIMEOUT" "${pids[@]}"
  # Anything left in its cgroup (nspawn was SIGKILLed, or died on its own).
  mapfile -t pids < <(cgroup_pids)
  if ((${#pids[@]} > 0)); then
    log "killing leftover container processes (pid ${pids[*]})"
    kill -KILL "${pids[@]}" 2>/dev/null || true
  fi

  # 2. The proxy.
  stop_pids "tinyproxy" 5 "${proxy_pids[@]}"

  # 3. The network: processes still inside the namespace, the namespace, the veth.
  if [[ -e "/run/netns/$NETNS" ]]; then
    mapfile -t pids < <(ip netns pids "$NETNS" 2>/dev/null)
    if ((${#pids[@]} > 0)); then
      stop_pids "processes in network namespace $NETNS" 5 "${pids[@]}"
    fi
    log "deleting network namespace $NETNS"
    ip netns delete "$NETNS" 2>/dev/null || rm -f "/run/netns/$NETNS"
  fi
  if ip link show dev "$HOST_VETH" >/dev/null 2>&1; then
    log "deleting veth $HOST_VETH"
    ip link delete dev "$HOST_VETH" || true
  fi
  if nft_table_exists; then
    log "deleting packet filter table inet $NFT_TABLE"
    nft delete table inet "$NFT_TABLE" || log "could not delete nftables table inet $NFT_TABLE"
  fi

  # 4. Mounts and files.
  unmount_under "$MACHINE_DIR"
  unmount_under "$RUN_DIR"
  if [[ -e "$MACHINE_DIR" ]]; then
    log "deleting $MACHINE_DIR"
    rm -rf --one-file-system "$MACHINE_DIR"
  fi
  if [[ -e "$RUN_DIR" ]]; then
    log "deleting $RUN_DIR"
    rm -rf --one-file-system "$RUN_DIR"
  fi
  rmdir "/run/systemd/nspawn/propagate/$RN_MACHINE_ID" 2>/dev/null || true

  # 5. The (now empty) cgroups.
  local deadline=$((SECONDS + 5)) dir
  while [[ -n "$(cgroup_pids)" ]] && ((SECONDS < deadline)); do sleep 0.1; done
  for dir in "${CGROUP_DIRS[@]}"; do
    if [[ -d "$dir" ]]; then
      find "$dir" -depth -type d -exec rmdir {} + 2>/dev/null || log "could not remove cgroup $dir"
    fi
  done
}
