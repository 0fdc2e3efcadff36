#!/usr/bin/env bash
# Issue targets for the full workspace (every feature on, package caches warm):
#   full provision of a fresh sandbox <= 6 min, Provision again (converged) <= 45 s,
#   Validate <= 5 s.
# Gas Town takes its default path: gt by `go install` from the (fixture) Go module proxy,
# verified against the checksum database, bd from its release checked against checksums.txt.
# The fresh Provision also reports the seconds of the Gas Town roles (Ansible's junit callback:
# per-task times summed per role).
# Downloads this machine cannot reach come from the fixture mirror (tests/fixtures/mirror).
# Uses a throwaway deployments folder; destroys the sandbox at the end.
#   bench/provision-full.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD

work=$(mktemp -d)
mirror="$work/mirror"
port=$((20000 + RANDOM % 20000))
export ROUGHNECK_DEPLOYMENTS_DIR="$work/deployments"
cleanup() {
  ./build.sh --target=Destroy --deployment=bench-full --force >/dev/null 2>&1 || true
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

/usr/bin/python3 tests/fixtures/mirror/build-mirror.py --out "$mirror" >/dev/null
/usr/bin/python3 -m http.server --bind 127.0.0.1 --directory "$mirror" "$port" >/dev/null 2>&1 &
server=$!

mkdir -p "$ROUGHNECK_DEPLOYMENTS_DIR/bench-full"
{
  cat "$root/deployments/local-full/deployment.yaml"
  # The sandbox reaches the host's loopback only through its proxy: keep 127.0.0.1 out of no_proxy.
  printf 'network:\n  mirror_url: http://127.0.0.1:%s\nansible:\n  vars: %s, "roughneck_no_proxy": "localhost,::1"}\n' \
    "$port" "$(tr '\n' ' ' <"$mirror/overrides.json" | sed 's/}[[:space:]]*$//')"
} >"$ROUGHNECK_DEPLOYMENTS_DIR/bench-full/deployment.yaml"

seconds() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", b - a}'; }
step() { # step NAME TARGET: runs a target, prints its wall time
  local start end
  start=$(date +%s.%N)
  if ! ./build.sh --target="$2" --deployment=bench-full >"$work/$2.log" 2>&1; then
    echo "bench: $2 failed; last lines:" >&2
    tail -30 "$work/$2.log" >&2
    exit 1
  fi
  end=$(date +%s.%N)
  printf '%-34s %8s s   %s\n' "$1" "$(seconds "$start" "$end")" "$(grep -oE 'Provision: done, [0-9]+ changed|[0-9]+ passed, [0-9]+ failed, [0-9]+ not applicable' "$work/$2.log" | tail -1)"
}

step "Apply (sandbox from cached rootfs)" Apply
export ANSIBLE_CALLBACKS_ENABLED=ansible.builtin.junit JUNIT_OUTPUT_DIR="$work/junit" JUNIT_TASK_CLASS=yes
step "Provision, fresh (target 360 s)" Provision
unset ANSIBLE_CALLBACKS_ENABLED
/usr/bin/python3 - "$work/junit" <<'PY'
import glob, re, sys, xml.etree.ElementTree as ET
roles = {}
for f in glob.glob(sys.argv[1] + "/*.xml"):
    for case in ET.parse(f).iter("testcase"):
        m = re.search(r"roles/([a-z_]+)/", case.get("classname", ""))
        if not m:
            continue
        role = m.group(1)
        if role == "download":  # the helper role: count it for the Gas Town tools it installs
            if not re.search(r"golang|go1\.|beads|dolt|gastown", case.get("name", "")):
                continue
            role = "download (go, bd, dolt)"
        roles[role] = roles.get(role, 0.0) + float(case.get("time", 0))
parts = ("download (go, bd, dolt)", "golang", "beads", "gastown", "gastown_services")
for role in parts:
    print(f"  of which {role:<25} {roles.get(role, 0.0):8.1f} s")
print(f"  of which the Gas Town path       {sum(roles.get(r, 0.0) for r in parts):8.1f} s")
PY
step "Provision, converged (target 45 s)" Provision
step "Validate (target 5 s)" Validate
