#!/usr/bin/env bash
# Creates and boots one local sandbox machine: a Debian trixie systemd-nspawn container
# in its own network namespace, reachable over SSH at RN_GUEST_ADDRESS:RN_SSH_PORT with
# the injected host key, with egress through a tinyproxy at RN_HOST_ADDRESS:8888.
#
# Idempotent: whatever an interrupted earlier run left behind is torn down first.
# On failure it prints the container log and removes the half-created machine
# (ROUGHNECK_SANDBOX_KEEP_FAILED=1 keeps it for debugging). A creation that cannot
# finish is rolled back too, because Terraform marks the resource tainted and then
# never runs its destroy provisioner:
#  - Terraform interrupted (Ctrl-C) SIGKILLs this script: a detached guard
#    (sandbox-up.sh --guard PID) sees it die unfinished and removes the machine;
#  - Terraform itself killed: this script notices its parent is gone and rolls back.
set -euo pipefail
umask 077
SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$SCRIPTS_DIR/lib.sh"

CREATED=0
BOOTED=0
PARENT_PID=$PPID

# ip_to_int A.B.C.D
ip_to_int() {
  local IFS=. a b c d
  read -r a b c d <<<"$1"
  echo $(((10#$a << 24) | (10#$b << 16) | (10#$c << 8) | 10#$d))
}

validate_inputs() {
  local ipv4='^(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}$'
  [[ "$RN_DEPLOYMENT_NAME" =~ ^[a-z][a-z0-9-]{0,31}$ ]] || die "deployment_name '$RN_DEPLOYMENT_NAME' must match ^[a-z][a-z0-9-]{0,31}$"
  [[ "$RN_SSH_USER" =~ ^[a-z_][a-z0-9_-]{0,31}$ && "$RN_SSH_USER" != root ]] || die "ssh_user '$RN_SSH_USER' must be a Linux user name other than root"
  if ! [[ "$RN_SSH_PORT" =~ ^[1-9][0-9]{0,4}$ ]] || ((RN_SSH_PORT > 65535)); then
    die "ssh_port '$RN_SSH_PORT' must be 1-65535"
  fi
  [[ "$RN_SSH_PUBLIC_KEY" =~ ^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh.com|sk-ecdsa-sha2-nistp256@openssh.com)\ [A-Za-z0-9+/]+=*(\ [^$'\n']*)?$ ]] ||
    die "ssh_public_key must be one OpenSSH public key line (ssh-ed25519 AAAA... comment)"
  [[ "$RN_HOST_KEY_PUBLIC" =~ ^ssh-ed25519\ [A-Za-z0-9+/]+=*(\ [^$'\n']*)?$ ]] || die "host_key_public must be an ssh-ed25519 public key line"
  [[ "$RN_HOST_KEY_PRIVATE_PATH" == /* && -f "$RN_HOST_KEY_PRIVATE_PATH" && -r "$RN_HOST_KEY_PRIVATE_PATH" ]] ||
    die "host_key_private_path '$RN_HOST_KEY_PRIVATE_PATH' must be an absolute path to a readable file"
  [[ "$RN_PREFIX_LENGTH" == 30 ]] || die "prefix_length must be 30"
  [[ "$RN_HOST_ADDRESS" =~ $ipv4 && "$RN_GUEST_ADDRESS" =~ $ipv4 ]] || die "host_address and guest_address must be IPv4 addresses"
  local host guest
  host=$(ip_to_int "$RN_HOST_ADDRESS")
  guest=$(ip_to_int "$RN_GUEST_ADDRESS")
  ((host % 4 == 1 && guest == host + 1)) ||
    die "host_address $RN_HOST_ADDRESS and guest_address $RN_GUEST_ADDRESS must be the first and second usable addresses of one /30"
  GUEST_NETWORK="$(printf '%d.%d.%d.%d' $(((host - 1) >> 24 & 255)) $(((host - 1) >> 16 & 255)) $(((host - 1) >> 8 & 255)) $(((host - 1) & 255)))/30"
  PROXY_URL="http://$RN_HOST_ADDRESS:$SANDBOX_PROXY_PORT"
  # The /30 is unique among live sandboxes, so is its slot, and so is this uid range.
  UID_BASE=$((SANDBOX_UID_FIRST + ((host >> 2) & 16383) * 65536))
  # The proxy's own host uid: the range's last one (inside the container the unused uid
  # 65535), so that the packet filter can tell this proxy's connections from everything else.
  PROXY_UID=$((UID_BASE + 65535))
}

# write_file MODE PATH < content (created private by the umask, then given MODE)
write_file() {
  cat >"$2"
  chmod "$1" "$2"
}

on_exit() {
  local status=$?
  ((status == 0 || CREATED == 1)) && return 0
  if ((BOOTED == 1)) && [[ -s "$NSPAWN_LOG" ]]; then
    log "last lines of the container log ($NSPAWN_LOG):"
    tail -n 25 "$NSPAWN_LOG" | sed 's/\x1b\[[0-9;]*[A-Za-z]//g' >&2 || true
  fi
  if [[ "${ROUGHNECK_SANDBOX_KEEP_FAILED:-}" == 1 ]]; then
    log "creation failed; keeping the machine for debugging (ROUGHNECK_SANDBOX_KEEP_FAILED=1); sandbox-down.sh removes it"
  else
    log "creation failed; removing the half-created machine (set ROUGHNECK_SANDBOX_KEEP_FAILED=1 to keep it)"
    machine_teardown || true
    rm -f "$LOCK_FILE"
  fi
  return "$status"
}

# Rolls back when whoever started us (Terraform) is gone: nobody would record the machine.
check_parent() {
  alive "$PARENT_PID" || die "the process that started this script (pid $PARENT_PID, Terraform) is gone: rolling back"
}

# Detached watcher of one creation run: if that run dies before it finished or cleaned
# up after itself (SIGKILL), remove what it left. Does nothing if a newer run owns the
# machine by then (creator file) or the run completed (created file).
guard_main() {
  local creator=$1
  machine_init
  while alive "$creator"; do sleep 0.2; done
  [[ -e "$RUN_DIR/creator" ]] || return 0
  machine_lock
  if [[ "$(cat "$RUN_DIR/creator" 2>/dev/null)" == "$creator" && ! -e "$RUN_DIR/created" &&
    "${ROUGHNECK_SANDBOX_KEEP_FAILED:-}" != 1 ]]; then
    log "creation run $creator was killed before it finished: removing the half-created machine"
    machine_teardown
  fi
  machine_exists || rm -f "$LOCK_FILE"
}

start_guard() {
  echo "$$" >"$RUN_DIR/creator"
  setsid bash "$SCRIPTS_DIR/sandbox-up.sh" --guard "$$" </dev/null >/dev/null 2>&1 9>&- &
}

prepare_rootfs() {
  local tarball=$1 tree="${1%.tar}.tree" error
  if [[ ! -d "$RN_MACHINES_DIR" ]]; then
    mkdir -p "$RN_MACHINES_DIR"
    chmod 0700 "$RN_MACHINES_DIR"
  fi
  mkdir -m 0700 "$MACHINE_DIR"
  mkdir -m 0755 "$ROOTFS" "$MACHINE_DIR/upper"
  mkdir -m 0700 "$MACHINE_DIR/work"
  TREE=$tree
  if error=$(mount -t overlay overlay -o "lowerdir=$tree,upperdir=$MACHINE_DIR/upper,workdir=$MACHINE_DIR/work" "$ROOTFS" 2>&1); then
    log "rootfs: overlay of $tree at $ROOTFS"
    OVERLAY=1
  else
    log "overlayfs unavailable ($error): unpacking a full copy of $tarball"
    OVERLAY=0
    rmdir "$MACHINE_DIR/upper" "$MACHINE_DIR/work"
    tar --numeric-owner --xattrs --xattrs-include='*' --acls -xpf "$tarball" -C "$ROOTFS"
  fi
  chmod 0755 "$ROOTFS"
}

# True when this kernel lets root create a user namespace.
user_namespaces_work() {
  [[ "$(cat /proc/sys/user/max_user_namespaces 2>/dev/null || echo 1)" != 0 ]] && unshare --user true 2>/dev/null
}

# shift_owners DIR: host uids/gids 0-65535 of everything under DIR move into the machine's
# range, keeping the modes (chown strips set-id bits).
shift_owners() {
  local uid gid mode path
  while IFS=' ' read -r -d '' uid gid mode path; do
    ((uid < 65536 || gid < 65536)) || continue
    ((uid < 65536)) && uid=$((uid + UID_BASE))
    ((gid < 65536)) && gid=$((gid + UID_BASE))
    chown -h "$uid:$gid" "$1/$path"
    [[ -L "$1/$path" ]] || chmod "$mode" "$1/$path"
  done < <(cd "$1" && find . -printf '%U %G %m %P\0')
}

# User namespace: container uids 0-65535 are host uids UID_BASE and up. Everything above was
# written as host root into the overlay's upper layer; that layer is shifted into the range
# and the overlay mounted again on an idmapped view of the shared tree, which stays owned by 0.
# Without idmapped mounts (or overlayfs) nspawn chowns the machine's own copy once instead.
user_namespace_args() {
  USERNS_ARGS=()
  if ! user_namespaces_work; then
    log "WARNING: no user namespace: this kernel does not allow one (user.max_user_namespaces); root in the container is root on this host"
    return 0
  fi
  local ownership=chown how="chowned once" error
  if ((OVERLAY == 1)); then
    umount "$ROOTFS"
    mkdir -m 0700 "$MACHINE_DIR/lower"
    if error=$(python3 "$SCRIPTS_DIR/idmap-mount.py" "$TREE" "$MACHINE_DIR/lower" "$UID_BASE" 65536 2>&1); then
      shift_owners "$MACHINE_DIR/upper"
      mount -t overlay overlay -o "lowerdir=$MACHINE_DIR/lower,upperdir=$MACHINE_DIR/upper,workdir=$MACHINE_DIR/work" "$ROOTFS"
      ownership=off how="idmapped lower layer"
    else
      log "idmapped mounts unavailable ($error): systemd-nspawn chowns this machine's copy (slower start)"
      rmdir "$MACHINE_DIR/lower"
      mount -t overlay overlay -o "lowerdir=$TREE,upperdir=$MACHINE_DIR/upper,workdir=$MACHINE_DIR/work" "$ROOTFS"
    fi
  fi
  USERNS_ARGS=(--private-users="$UID_BASE:65536" --private-users-ownership="$ownership")
  log "user namespace: container uids 0-65535 are host uids $UID_BASE-$((UID_BASE + 65535)) ($how)"
}

configure_identity() {
  printf '%s\n' "$RN_DEPLOYMENT_NAME" | write_file 0644 "$ROOTFS/etc/hostname"
  write_file 0644 "$ROOTFS/etc/hosts" <<EOF
127.0.0.1	localhost
127.0.1.1	$RN_DEPLOYMENT_NAME
::1	localhost ip6-localhost ip6-loopback
EOF
  tr -d '-' </proc/sys/kernel/random/uuid | write_file 0444 "$ROOTFS/etc/machine-id"
}

inject_host_key() {
  local derived
  derived=$(ssh-keygen -y -P '' -f "$RN_HOST_KEY_PRIVATE_PATH" 2>/dev/null) ||
    die "cannot read the host private key $RN_HOST_KEY_PRIVATE_PATH (an unencrypted OpenSSH ed25519 key is expected)"
  [[ "$(cut -d' ' -f1,2 <<<"$derived")" == "$(cut -d' ' -f1,2 <<<"$RN_HOST_KEY_PUBLIC")" ]] ||
    die "host_key_public does not match the private key in $RN_HOST_KEY_PRIVATE_PATH"
  rm -f "$ROOTFS"/etc/ssh/ssh_host_*
  install -m 0600 -o 0 -g 0 "$RN_HOST_KEY_PRIVATE_PATH" "$ROOTFS/etc/ssh/ssh_host_ed25519_key"
  printf '%s\n' "$RN_HOST_KEY_PUBLIC" | write_file 0644 "$ROOTFS/etc/ssh/ssh_host_ed25519_key.pub"
  log "host key injected: $(ssh-keygen -l -f "$ROOTFS/etc/ssh/ssh_host_ed25519_key.pub" | cut -d' ' -f2)"
}

configure_sshd() {
  write_file 0644 "$ROOTFS/etc/ssh/sshd_config.d/10-roughneck.conf" <<EOF
# Roughneck local sandbox bootstrap: only the injected ed25519 host key, public keys only.
# Role common rewrites this file on every Provision, Port and HostKey included.
Port $RN_SSH_PORT
HostKey /etc/ssh/ssh_host_ed25519_key
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
EOF
  mkdir -p "$ROOTFS/run/sshd"
  chroot "$ROOTFS" /usr/sbin/sshd -t || die "sshd rejects the generated configuration (see above)"
}

create_user() {
  local entry uid gid home sudoers=/etc/sudoers.d/90-roughneck-user
  if chroot "$ROOTFS" getent passwd "$RN_SSH_USER" >/dev/null; then
    die "ssh_user '$RN_SSH_USER' is already an account of the image: choose another name"
  fi
  chroot "$ROOTFS" useradd --create-home --shell /bin/bash --user-group --groups sudo --password '*' "$RN_SSH_USER"
  entry=$(chroot "$ROOTFS" getent passwd "$RN_SSH_USER")
  IFS=: read -r _ _ uid gid _ home _ <<<"$entry"
  install -d -m 0700 -o "$uid" -g "$gid" "$ROOTFS$home/.ssh"
  printf '%s\n' "$RN_SSH_PUBLIC_KEY" | write_file 0600 "$ROOTFS$home/.ssh/authorized_keys"
  chown "$uid:$gid" "$ROOTFS$home/.ssh/authorized_keys"
  printf '%s ALL=(ALL:ALL) NOPASSWD: ALL\n' "$RN_SSH_USER" | write_file 0440 "$ROOTFS$sudoers"
  chroot "$ROOTFS" visudo -q -c -f "$sudoers" >/dev/null || die "visudo rejects $sudoers"
  log "user $RN_SSH_USER (uid $uid) with passwordless sudo and the login key"
}

trust_host_cas() {
  local source=/usr/local/share/ca-certificates target="$ROOTFS/usr/local/share/ca-certificates"
  if [[ -d "$source" ]] && [[ -n "$(ls -A "$source")" ]]; then
    cp -rT "$source" "$target"
    find "$target" -type d -exec chmod 0755 {} +
    find "$target" -type f -exec chmod 0644 {} +
    log "trusting the host's extra CAs: $(cd "$source" && find . -name '*.crt' -printf '%P ')"
  fi
  local output
  if ! output=$(chroot "$ROOTFS" update-ca-certificates 2>&1); then
    printf '%s\n' "$output" >&2
    die "update-ca-certificates failed in the rootfs (output above)"
  fi
}

configure_proxy() {
  local no_proxy=localhost,127.0.0.1,::1 var
  write_file 0644 "$ROOTFS/etc/apt/apt.conf.d/80roughneck-proxy" <<EOF
Acquire::http::Proxy "$PROXY_URL/";
Acquire::https::Proxy "$PROXY_URL/";
EOF
  {
    grep -v -i -E '^(http|https|no)_proxy=' "$ROOTFS/etc/environment" 2>/dev/null || true
    for var in http_proxy https_proxy HTTP_PROXY HTTPS_PROXY; do echo "$var=$PROXY_URL"; done
    echo "no_proxy=$no_proxy"
    echo "NO_PROXY=$no_proxy"
  } >"$MACHINE_DIR/environment"
  write_file 0644 "$ROOTFS/etc/environment" <"$MACHINE_DIR/environment"
  rm -f "$MACHINE_DIR/environment"
  mkdir -p "$ROOTFS/etc/systemd/system.conf.d"
  chmod 0755 "$ROOTFS/etc/systemd/system.conf.d"
  printf '[Manager]\nDefaultEnvironment="http_proxy=%s" "https_proxy=%s" "HTTP_PROXY=%s" "HTTPS_PROXY=%s" "no_proxy=%s" "NO_PROXY=%s"\n' \
    "$PROXY_URL" "$PROXY_URL" "$PROXY_URL" "$PROXY_URL" "$no_proxy" "$no_proxy" |
    write_file 0644 "$ROOTFS/etc/systemd/system.conf.d/80-roughneck-proxy.conf"
  printf 'Defaults env_keep += "http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY"\n' |
    write_file 0440 "$ROOTFS/etc/sudoers.d/80-roughneck-proxy"
  chroot "$ROOTFS" visudo -q -c -f /etc/sudoers.d/80-roughneck-proxy >/dev/null || die "visudo rejects the proxy drop-in"
}

# The network is made by systemd-nspawn: --private-network creates the namespace inside the
# container's user namespace (a namespace made beforehand could not be joined from there, and
# root inside would not administer it), --network-veth-extra the veth pair. The guest brings
# up its side itself, from a unit written here; this script the host side once it exists.
setup_network() {
  local in_use
  in_use=$(ip -o -4 addr show | awk -v h="$RN_HOST_ADDRESS" -v g="$RN_GUEST_ADDRESS" \
    '{split($4, a, "/"); if (a[1] == h || a[1] == g) print $2 " has " $4}')
  [[ -z "$in_use" ]] || die "address already in use on this host: $in_use; give this deployment another /30"
  write_file 0644 "$ROOTFS/etc/systemd/system/roughneck-network.service" <<EOF
[Unit]
Description=Roughneck sandbox network: $GUEST_VETH $RN_GUEST_ADDRESS/$RN_PREFIX_LENGTH via $RN_HOST_ADDRESS
DefaultDependencies=no
After=systemd-udevd.service
Before=network.target network-online.target ssh.service
Wants=network.target

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=ip link set lo up
ExecStart=ip addr replace $RN_GUEST_ADDRESS/$RN_PREFIX_LENGTH dev $GUEST_VETH
ExecStart=ip link set $GUEST_VETH up
ExecStart=ip route replace default via $RN_HOST_ADDRESS

[Install]
WantedBy=sysinit.target
EOF
  mkdir -p "$ROOTFS/etc/systemd/system/sysinit.target.wants"
  ln -sfn ../roughneck-network.service "$ROOTFS/etc/systemd/system/sysinit.target.wants/roughneck-network.service"
}

# The host side of the veth, as soon as nspawn has created it.
configure_host_veth() {
  local pid deadline=$((SECONDS + 15))
  pid=$(cat "$RUN_DIR/nspawn.pid")
  until ip link show dev "$HOST_VETH" >/dev/null 2>&1; do
    alive "$pid" || die "systemd-nspawn exited before it created the veth $HOST_VETH"
    ((SECONDS < deadline)) || die "systemd-nspawn did not create the veth $HOST_VETH within 15 s"
    sleep 0.05
  done
  ip addr add "$RN_HOST_ADDRESS/$RN_PREFIX_LENGTH" dev "$HOST_VETH"
  ip link set "$HOST_VETH" up
  log "network: $HOST_VETH $RN_HOST_ADDRESS/$RN_PREFIX_LENGTH <-> $GUEST_VETH $RN_GUEST_ADDRESS/$RN_PREFIX_LENGTH (private network namespace of the container)"
}

# The machine's packet filter: one inet table of its own (removed with the machine; no
# other table or the global ruleset is touched), matching only its veth and its proxy's uid.
#  - input from the guest: only the proxy port (and replies to the host's own connections);
#  - forward from or to the guest: nothing (no other sandbox, no host network, no internet);
#  - output of the proxy: no loopback, link-local, local address of this host, sandbox range.
setup_filter() {
  local error
  # One accept per RN_PROXY_ALLOW entry (address:port, validated by the Terraform variable).
  proxy_allow_rules() {
    local entry
    for entry in ${RN_PROXY_ALLOW:-}; do
      [[ "$entry" =~ ^([0-9]{1,3}(\.[0-9]{1,3}){3}):([0-9]{1,5})$ ]] || die "proxy_allow entry '$entry' is not address:port"
      printf '\n    ip daddr %s tcp dport %s accept' "${BASH_REMATCH[1]}" "${BASH_REMATCH[3]}"
    done
  }
  if ! error=$(nft -f - 2>&1 <<EOF
table inet $NFT_TABLE {
  set forbidden4 {
    type ipv4_addr; flags interval; auto-merge
    elements = { 0.0.0.0/8, 127.0.0.0/8, 169.254.0.0/16, $SANDBOX_RANGE, $GUEST_NETWORK }
  }
  set forbidden6 {
    type ipv6_addr; flags interval; auto-merge
    elements = { ::/127, ::ffff:0:0/96, fe80::/10 }
  }
  chain guest_in {
    type filter hook input priority filter; policy accept;
    iifname "$HOST_VETH" ct state established,related accept
    iifname "$HOST_VETH" ip daddr $RN_HOST_ADDRESS tcp dport $SANDBOX_PROXY_PORT accept
    iifname "$HOST_VETH" counter drop
  }
  chain guest_forward {
    type filter hook forward priority filter; policy accept;
    iifname "$HOST_VETH" counter drop
    oifname "$HOST_VETH" counter drop
  }
  chain proxy_out {
    type filter hook output priority filter; policy accept;
    meta skuid $PROXY_UID jump proxy_egress
  }
  chain proxy_egress {
    ct state established,related accept
    udp dport 53 accept$(proxy_allow_rules)
    fib daddr type { local, broadcast, multicast, anycast } counter reject with tcp reset
    ip daddr @forbidden4 counter reject with tcp reset
    ip6 daddr @forbidden6 counter reject with tcp reset
    fib daddr type { local, broadcast, multicast, anycast } drop
    ip daddr @forbidden4 drop
    ip6 daddr @forbidden6 drop
  }
}
EOF
  ); then
    log "WARNING: no packet filter: this kernel refused the nftables table ($error); the guest can reach every service of this host"
    return 0
  fi
  log "packet filter: table inet $NFT_TABLE (guest reaches only $RN_HOST_ADDRESS:$SANDBOX_PROXY_PORT; proxy uid $PROXY_UID refuses local addresses${RN_PROXY_ALLOW:+ but $RN_PROXY_ALLOW})"
}


start_proxy() {
  write_file 0600 "$PROXY_CONF" <<EOF
# Egress proxy of sandbox $RN_MACHINE_ID ($RN_DEPLOYMENT_NAME): listens only on the
# host side of its veth and serves only the machine's /30. Runs in the foreground
# (-d) and logs to stderr, which sandbox-up.sh sends to $RUN_DIR/tinyproxy.log.
# Runs as its own uid $PROXY_UID: the nftables table $NFT_TABLE refuses that uid's
# connections to loopback, link-local, this host's addresses and the sandbox ranges,
# whatever name the client asked for (tinyproxy's Filter only sees names).
User $PROXY_UID
Group $PROXY_UID
Port $SANDBOX_PROXY_PORT
Listen $RN_HOST_ADDRESS
Timeout 600
MaxClients 64
LogLevel Connect
Allow $GUEST_NETWORK
ConnectPort 443
DisableViaHeader Yes
EOF
  setsid tinyproxy -d -c "$PROXY_CONF" </dev/null >>"$RUN_DIR/tinyproxy.log" 2>&1 9>&- &
  local pid=$! deadline=$((SECONDS + 5))
  echo "$pid" >"$RUN_DIR/tinyproxy.pid"
  # shellcheck disable=SC2016 # expanded by the inner bash
  until timeout 1 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$RN_HOST_ADDRESS" "$SANDBOX_PROXY_PORT" 2>/dev/null; do
    if ! alive "$pid" || ((SECONDS >= deadline)); then
      tail -n 5 "$RUN_DIR/tinyproxy.log" >&2 || true
      die "tinyproxy is not listening on $RN_HOST_ADDRESS:$SANDBOX_PROXY_PORT (log above: $RUN_DIR/tinyproxy.log)"
    fi
    sleep 0.05
  done
  log "proxy: $PROXY_URL for $GUEST_NETWORK (pid $pid)"
}

boot() {
  local dir
  for dir in "${CGROUP_DIRS[@]}"; do mkdir -p "$dir"; done
  BOOTED=1
  # Own cgroup per machine: with --keep-unit, nspawn nests the container under its
  # caller's cgroup, and two machines must not share one. setsid detaches it from
  # Terraform's session; no file descriptor of ours stays open in it.
  # A reboot inside the container ends nspawn with status 133 (what systemd-nspawn@.service
  # restarts on): boot it again, so that `reboot` in the sandbox is a reboot, as on a cloud VM.
  (
    for dir in "${CGROUP_DIRS[@]}"; do echo "$BASHPID" >"$dir/cgroup.procs"; done
    # shellcheck disable=SC2016 # expanded by the inner bash
    exec setsid bash -c '
      veth=$1 address=$2
      shift 2
      rebooted=0
      while :; do
        "$@" &
        child=$!
        if ((rebooted)); then # nspawn made the veth anew: its host side again (configure_host_veth)
          for _ in $(seq 300); do ip link show dev "$veth" >/dev/null 2>&1 && break; sleep 0.05; done
          ip addr replace "$address" dev "$veth" && ip link set "$veth" up
        fi
        wait "$child"
        status=$?
        ((status == 133)) || exit "$status"
        echo "[sandbox] the container rebooted: booting it again"
        rebooted=1
      done' sandbox-boot "$HOST_VETH" "$RN_HOST_ADDRESS/$RN_PREFIX_LENGTH" \
      systemd-nspawn --register=no --keep-unit --boot \
      --directory="$ROOTFS" --machine="$RN_MACHINE_ID" "${USERNS_ARGS[@]}" \
      --private-network --network-veth-extra="$HOST_VETH:$GUEST_VETH" \
      --link-journal=no --resolv-conf=off --timezone=off --console=read-only
  ) </dev/null >>"$NSPAWN_LOG" 2>&1 9>&- &
  echo "$!" >"$RUN_DIR/nspawn.pid"
  log "booting: systemd-nspawn pid $!, log $NSPAWN_LOG"
}

ssh_answers() {
  # shellcheck disable=SC2016 # expanded by the inner bash
  timeout 1 bash -c 'exec 3<>"/dev/tcp/$0/$1" && IFS= read -r -t 1 banner <&3 && [[ "$banner" == SSH-* ]]' \
    "$RN_GUEST_ADDRESS" "$RN_SSH_PORT" 2>/dev/null
}

wait_for_ssh() {
  local pid start=$SECONDS
  pid=$(cat "$RUN_DIR/nspawn.pid")
  until ssh_answers; do
    alive "$pid" || die "systemd-nspawn exited before SSH answered"
    check_parent
    ((SECONDS - start < SANDBOX_SSH_TIMEOUT)) || die "SSH on $RN_GUEST_ADDRESS:$RN_SSH_PORT did not answer within $SANDBOX_SSH_TIMEOUT s"
    sleep 0.1
  done
  log "SSH answers on $RN_GUEST_ADDRESS:$RN_SSH_PORT"
}

main() {
  if [[ "${1:-}" == --guard ]]; then
    guard_main "$2"
    return
  fi
  require_host ip:iproute2 nft:nftables systemd-nspawn:systemd-container tinyproxy:tinyproxy debootstrap:debootstrap \
    ssh-keygen:openssh-client flock:util-linux setsid:util-linux findmnt:util-linux tar:tar
  require_env RN_MACHINE_ID RN_DEPLOYMENT_NAME RN_SSH_USER RN_SSH_PORT RN_SSH_PUBLIC_KEY \
    RN_HOST_KEY_PRIVATE_PATH RN_HOST_KEY_PUBLIC RN_HOST_ADDRESS RN_GUEST_ADDRESS RN_PREFIX_LENGTH \
    RN_ROOTFS_CACHE_DIR RN_MACHINES_DIR RN_RUNTIME_DIR
  machine_init
  validate_inputs
  machine_lock
  if machine_exists; then
    log "found leftovers of an earlier attempt: removing them first"
    machine_teardown
  fi
  trap on_exit EXIT
  trap 'exit 130' INT TERM HUP
  trap '' PIPE # Terraform gone: finish (or clean up) instead of dying half-way
  mkdir -m 0700 "$RUN_DIR"
  start_guard
  local tarball
  tarball=$(bash "$SCRIPTS_DIR/rootfs-cache.sh")
  check_parent
  prepare_rootfs "$tarball"
  configure_identity
  inject_host_key
  configure_sshd
  create_user
  trust_host_cas
  configure_proxy
  setup_network
  setup_filter
  user_namespace_args
  check_parent
  boot
  configure_host_veth
  start_proxy
  wait_for_ssh
  check_parent
  : >"$RUN_DIR/created"
  CREATED=1
  log "ready: ssh -p $RN_SSH_PORT $RN_SSH_USER@$RN_GUEST_ADDRESS (egress proxy $PROXY_URL)"
}

main "$@"
