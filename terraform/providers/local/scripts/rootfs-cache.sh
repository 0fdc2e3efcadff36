#!/usr/bin/env bash
# Ensures a cached tarball of a minimal Debian trixie root filesystem exists under
# RN_ROOTFS_CACHE_DIR, plus the same tree unpacked beside it (<tarball minus .tar>.tree,
# read-only lower layer of the machines' overlays), and prints the tarball's path.
#
# The file name carries a key: a hash of the suite, variant, package list, mirrors and
# the format of the configuration below, so a change to any of them builds a new one.
# flock makes concurrent callers build it once; the tarball appears atomically.
#
# Mirror: ROUGHNECK_DEBIAN_MIRROR, else the host's own apt sources. Security mirror:
# ROUGHNECK_DEBIAN_SECURITY_MIRROR, else the host's *-security source, else none.
set -euo pipefail
umask 077
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Bump when the configuration written into the rootfs changes.
# 3: debootstrap verifies the archive's signatures (trees built before may be unverified).
CACHE_FORMAT=3
# The Debian archive keyring debootstrap checks every Release file against
# (RN_ARCHIVE_KEYRING: another one, for a mirror with its own signing key, and for tests).
ARCHIVE_KEYRING=${RN_ARCHIVE_KEYRING:-/usr/share/keyrings/debian-archive-keyring.gpg}

# Prints "URI SUITE" for every enabled deb source of the host, one-line and deb822.
host_apt_sources() {
  local file line field value uris suites types enabled
  shopt -s nullglob
  local files=(/etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources)
  shopt -u nullglob
  for file in "${files[@]}"; do
    [[ -r "$file" ]] || continue
    if [[ "$file" == *.sources ]]; then
      uris="" suites="" types="" enabled=yes
      while IFS= read -r line || [[ -n "$line" ]]; do
        [[ "$line" =~ ^[[:space:]]*# ]] && continue
        if [[ -z "${line//[[:space:]]/}" ]]; then
          emit_deb822 "$uris" "$suites" "$types" "$enabled"
          uris="" suites="" types="" enabled=yes
          continue
        fi
        [[ "$line" == *:* ]] || continue
        field=${line%%:*}
        value=${line#*:}
        case "${field,,}" in
          uris) uris=$value ;;
          suites) suites=$value ;;
          types) types=$value ;;
          enabled) enabled=${value//[[:space:]]/} ;;
        esac
      done <"$file"
      emit_deb822 "$uris" "$suites" "$types" "$enabled"
    else
      sed -E -n 's/^[[:space:]]*deb[[:space:]]+(\[[^]]*\][[:space:]]+)?([^[:space:]]+)[[:space:]]+([^[:space:]]+).*/\2 \3/p' "$file"
    fi
  done
}

emit_deb822() {
  local uris suites types=" $3 " enabled=$4
  read -r -a uris <<<"$1"
  read -r -a suites <<<"$2"
  [[ "$types" == *" deb "* && "${enabled,,}" != no && ${#uris[@]} -gt 0 && ${#suites[@]} -gt 0 ]] || return 0
  echo "${uris[0]} ${suites[0]}"
}

choose_mirrors() {
  local sources
  sources=$(host_apt_sources)
  MIRROR=${ROUGHNECK_DEBIAN_MIRROR:-$(awk '$2 !~ /-security$/ && $1 !~ /security/ {print $1; exit}' <<<"$sources")}
  SECURITY_MIRROR=${ROUGHNECK_DEBIAN_SECURITY_MIRROR:-$(awk '$2 ~ /-security$/ {print $1; exit}' <<<"$sources")}
  [[ -n "$MIRROR" ]] || die "no Debian mirror found in the host's apt sources (/etc/apt/sources.list, /etc/apt/sources.list.d/): set ROUGHNECK_DEBIAN_MIRROR to its base URL"
  MIRROR=${MIRROR%/}
  SECURITY_MIRROR=${SECURITY_MIRROR%/}
}

cache_key() {
  printf '%s\n' "format=$CACHE_FORMAT" "suite=$SANDBOX_SUITE" "variant=$SANDBOX_VARIANT" \
    "packages=$(printf '%s\n' "${SANDBOX_PACKAGES[@]}" | sort | paste -sd,)" \
    "mirror=$MIRROR" "security=$SECURITY_MIRROR" "keyring=$ARCHIVE_KEYRING" | sha256sum | cut -c1-16
}

# write_file MODE PATH < content
write_file() {
  cat >"$2"
  chmod "$1" "$2"
}

debootstrap_rootfs() {
  local dir=$1 packages
  packages=$(printf '%s\n' "${SANDBOX_PACKAGES[@]}" | paste -sd,)
  [[ -s "$ARCHIVE_KEYRING" ]] ||
    die "the Debian archive keyring $ARCHIVE_KEYRING is missing, so debootstrap could not verify what it downloads: apt-get install -y debian-archive-keyring (./build.sh installs it)"
  log "building the $SANDBOX_SUITE rootfs with debootstrap from $MIRROR, signatures checked against $ARCHIVE_KEYRING (about a minute, once per cache key)"
  if ! debootstrap --force-check-gpg --keyring="$ARCHIVE_KEYRING" \
    --variant="$SANDBOX_VARIANT" --include="$packages" --components=main \
    "$SANDBOX_SUITE" "$dir" "$MIRROR" >"$dir.log" 2>&1; then
    tail -n 20 "$dir.log" >&2 || true
    [[ -f "$dir/debootstrap/debootstrap.log" ]] && tail -n 20 "$dir/debootstrap/debootstrap.log" >&2
    die "debootstrap failed (log above); check that $MIRROR serves $SANDBOX_SUITE and that its keyring is on this host (apt-get install -y debian-archive-keyring)"
  fi
  rm -f "$dir.log"
}

configure_apt() {
  local root=$1 keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  [[ -e "$root$keyring" ]] || keyring=/usr/share/keyrings/debian-archive-keyring.pgp
  rm -f "$root/etc/apt/sources.list"
  {
    printf 'Types: deb\nURIs: %s\nSuites: %s %s-updates\nComponents: main\nSigned-By: %s\n' \
      "$MIRROR" "$SANDBOX_SUITE" "$SANDBOX_SUITE" "$keyring"
    if [[ -n "$SECURITY_MIRROR" ]]; then
      printf '\nTypes: deb\nURIs: %s\nSuites: %s-security\nComponents: main\nSigned-By: %s\n' \
        "$SECURITY_MIRROR" "$SANDBOX_SUITE" "$keyring"
    fi
  } | write_file 0644 "$root/etc/apt/sources.list.d/debian.sources"
  # No recommends, like the minbase it grew from; no translated descriptions.
  printf 'APT::Install-Recommends "false";\nAcquire::Languages "none";\n' |
    write_file 0644 "$root/etc/apt/apt.conf.d/80roughneck-minimal"
}

drop_docs() {
  local root=$1
  write_file 0644 "$root/etc/dpkg/dpkg.cfg.d/80roughneck-nodoc" <<'EOF'
# Throwaway sandbox: no documentation, manual pages or translations.
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
path-exclude /usr/share/lintian/*
EOF
  find "$root/usr/share/doc" -mindepth 1 ! -type d ! -name copyright -delete
  find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete
  rm -rf "$root/usr/share/man" "$root/usr/share/info" "$root/usr/share/lintian"
  find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
  rm -rf "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  rm -f "$root"/var/log/*.log "$root"/var/log/apt/*
}

configure_system() {
  local root=$1 unit
  printf 'LANG=C.UTF-8\n' | write_file 0644 "$root/etc/default/locale"
  printf 'LANG=C.UTF-8\n' | write_file 0644 "$root/etc/locale.conf"
  ln -sfn /usr/share/zoneinfo/Etc/UTC "$root/etc/localtime"
  printf 'Etc/UTC\n' | write_file 0644 "$root/etc/timezone"
  # Set per machine by sandbox-up.sh; empty here so no two machines share one.
  : >"$root/etc/machine-id"
  chmod 0444 "$root/etc/machine-id"
  printf '# No DNS in the sandbox: all egress goes through the HTTP proxy.\n' | write_file 0644 "$root/etc/resolv.conf"
  # The host key is injected per machine: never generate others.
  rm -f "$root"/etc/ssh/ssh_host_*
  # Units that fight a throwaway container: key generation on first boot, apt jobs
  # that would hold the dpkg lock while Ansible runs.
  for unit in sshd-keygen.service apt-daily.timer apt-daily-upgrade.timer; do
    ln -sfn /dev/null "$root/etc/systemd/system/$unit"
  done
  # The interface is configured from the host before boot: keep networkd off it.
  mkdir -p "$root/etc/systemd/network"
  printf '[Match]\nName=eth0\n\n[Link]\nUnmanaged=yes\n' | write_file 0644 "$root/etc/systemd/network/10-roughneck-eth0.network"
}

build_tarball() {
  local tarball=$1 key=$2 build
  build="$RN_ROOTFS_CACHE_DIR/.build-$key-$$"
  # Leftovers of a build that was killed (we hold the lock: nobody else builds this key).
  local old
  for old in "$RN_ROOTFS_CACHE_DIR"/.build-"$key"-*; do
    [[ -d "$old" ]] && unmount_under "$old"
    rm -rf --one-file-system "$old"
  done
  rm -f "$tarball".*
  trap 'unmount_under "'"$build"'"; rm -rf --one-file-system "'"$build"'" "'"$build"'.log" "'"$tarball.$$"'"' EXIT
  mkdir -m 0755 "$build"
  debootstrap_rootfs "$build"
  unmount_under "$build"
  configure_apt "$build"
  drop_docs "$build"
  configure_system "$build"
  log "packing $tarball"
  tar --numeric-owner --xattrs --xattrs-include='*' --acls -C "$build" -cf "$tarball.$$" .
  chmod 0600 "$tarball.$$"
  mv -f "$tarball.$$" "$tarball"
  rm -rf --one-file-system "$build"
  trap - EXIT
}

# The tarball unpacked once: machines mount an overlay on it instead of unpacking
# 6,000+ files each time (seconds on some disks).
build_tree() {
  local tarball=$1 tree=$2
  rm -rf --one-file-system "$tree".tmp-*
  trap 'rm -rf --one-file-system "'"$tree.tmp-$$"'"' EXIT
  mkdir -m 0755 "$tree.tmp-$$"
  log "unpacking $tarball to $tree"
  tar --numeric-owner --xattrs --xattrs-include='*' --acls -xpf "$tarball" -C "$tree.tmp-$$"
  mv -T "$tree.tmp-$$" "$tree"
  trap - EXIT
}

main() {
  require_host debootstrap:debootstrap flock:util-linux findmnt:util-linux tar:tar sha256sum:coreutils
  require_env RN_ROOTFS_CACHE_DIR
  [[ "$RN_ROOTFS_CACHE_DIR" =~ ^/[A-Za-z0-9._/+-]*[A-Za-z0-9._+-]$ ]] || die "rootfs_cache_dir '$RN_ROOTFS_CACHE_DIR' must be an absolute path"
  choose_mirrors
  local key tarball tree
  key=$(cache_key)
  tarball="$RN_ROOTFS_CACHE_DIR/debian-$SANDBOX_SUITE-$SANDBOX_VARIANT-$key.tar"
  tree="${tarball%.tar}.tree"
  if [[ ! -d "$RN_ROOTFS_CACHE_DIR" ]]; then
    mkdir -p "$RN_ROOTFS_CACHE_DIR"
    chmod 0700 "$RN_ROOTFS_CACHE_DIR"
  fi
  if [[ ! -s "$tarball" || ! -d "$tree" ]]; then
    exec 8>>"$RN_ROOTFS_CACHE_DIR/.$key.lock"
    if ! flock -n 8; then
      log "another deployment is building the rootfs cache: waiting for it"
    fi
    flock -w 900 8 || die "another deployment has been building the rootfs cache for 15 minutes ($RN_ROOTFS_CACHE_DIR/.$key.lock)"
    if [[ ! -s "$tarball" ]]; then
      build_tarball "$tarball" "$key"
    fi
    if [[ ! -d "$tree" ]]; then
      build_tree "$tarball" "$tree"
    fi
    exec 8>&-
  fi
  log "rootfs cache: $tarball"
  printf '%s\n' "$tarball"
}

main "$@"
