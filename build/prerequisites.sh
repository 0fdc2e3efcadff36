# shellcheck shell=bash
# Prerequisites of Roughneck, sourced by build.sh: installs missing ones from the
# distribution's packages on Debian or Ubuntu as root, says exactly what to run elsewhere.
# ROUGHNECK_NO_INSTALL=1 turns installing off.

# command -> Debian package
ROUGHNECK_PREREQUISITES=(
  "ssh:openssh-client"
  "ssh-keygen:openssh-client"
  "ansible-playbook:ansible-core"
  "debootstrap:debootstrap"
  "systemd-nspawn:systemd-container"
  "tinyproxy:tinyproxy"
  "ip:iproute2"
  "nft:nftables"
  "/usr/share/keyrings/debian-archive-keyring.gpg:debian-archive-keyring"
  "age:age"
  "flock:util-linux"
)

# What the test suite needs beyond that (./build.sh --target=Test): linters, and
# PostgreSQL's server for the throwaway pg state backend (its binaries are not on PATH:
# an entry starting with / is a path pattern).
ROUGHNECK_TEST_PREREQUISITES=(
  "/usr/lib/postgresql/*/bin/initdb:postgresql"
  "runuser:util-linux"
  "ansible-lint:ansible-lint"
  "yamllint:yamllint"
  "shellcheck:shellcheck"
  "node:nodejs"
  "npm:npm"
)

# roughneck_missing_packages ENTRY...: the packages whose command is missing
roughneck_missing_packages() {
  local entry command package missing=()
  for entry in "$@"; do
    command=${entry%%:*}
    package=${entry#*:}
    if [ "${command#/}" != "$command" ]; then
      # shellcheck disable=SC2086 # the pattern is meant to expand
      if compgen -G "$command" >/dev/null; then continue; fi
      case " ${missing[*]} " in *" $package "*) ;; *) missing+=("$package") ;; esac
    elif ! command -v "$command" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$command" ] && [ ! -x "/sbin/$command" ]; then
      case " ${missing[*]} " in *" $package "*) ;; *) missing+=("$package") ;; esac
    fi
  done
  echo "${missing[*]}"
}

# roughneck_install_prerequisites [test]: installs what is missing (also the test tools with "test")
roughneck_install_prerequisites() {
  local missing entries=("${ROUGHNECK_PREREQUISITES[@]}")
  [ "${1:-}" = test ] && entries+=("${ROUGHNECK_TEST_PREREQUISITES[@]}")
  missing=$(roughneck_missing_packages "${entries[@]}")
  [ -z "$missing" ] && return 0
  if [ "${ROUGHNECK_NO_INSTALL:-0}" = "1" ]; then
    echo "roughneck: missing prerequisites ($missing); ROUGHNECK_NO_INSTALL=1, so not installing." >&2
    echo "roughneck: install them with: sudo apt-get install -y $missing" >&2
    return 1
  fi
  if [ -r /etc/os-release ] && grep -qiE '^(ID|ID_LIKE)=.*(debian|ubuntu)' /etc/os-release && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "roughneck: installing prerequisites from the distribution's packages: $missing" >&2
    # shellcheck disable=SC2086
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing; } >&2; then
      echo "roughneck: installing failed; run: apt-get install -y $missing" >&2
      return 1
    fi
    return 0
  fi
  echo "roughneck: missing prerequisites: $missing" >&2
  if [ -r /etc/os-release ] && grep -qiE '^(ID|ID_LIKE)=.*(debian|ubuntu)' /etc/os-release; then
    echo "roughneck: install them with: sudo apt-get install -y $missing" >&2
  elif command -v brew >/dev/null 2>&1; then
    echo "roughneck: install them with: brew install openssh ansible age (the local provider needs Linux)" >&2
  else
    echo "roughneck: install them with your package manager: $missing" >&2
  fi
  return 1
}
