#!/usr/bin/env bash
# local-full (every feature on) against local-demo, side by side on this machine, both deployed
# into a throwaway folder and destroyed at the end. Medians of BENCH_RUNS (default 3) alternating runs.
# Targets: converged Provision of local-full <= 2 x local-demo's; Validate of local-full <= 2 x
# local-demo's (the checks run in parallel). The first, fresh Provision of local-full is printed
# for reference (machine-dependent; the issue's figure is 360 s with warm package caches).
# Gas Town takes its default path: gt by `go install` from the (fixture) Go module proxy,
# verified against the checksum database, bd from its release checked against checksums.txt.
# The fresh Provision also reports the seconds of the Gas Town roles (Ansible's junit callback:
# per-task times summed per role).
# Downloads this machine cannot reach come from the fixture mirror (tests/fixtures/mirror).
#   bench/provision-full.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
# shellcheck source=bench/lib.sh
source bench/lib.sh
runs=${BENCH_RUNS:-3}
work=$(mktemp -d)
BENCH_LOG="$work/run.log"
mirror="$work/mirror"
port=$((20000 + RANDOM % 20000))
export ROUGHNECK_DEPLOYMENTS_DIR="$work/deployments"

# shellcheck disable=SC2317 # called by the trap
cleanup() {
  for d in bench-full bench-demo; do
    [ -d "$ROUGHNECK_DEPLOYMENTS_DIR/$d/.roughneck" ] || continue
    ./build.sh --target=Destroy --deployment="$d" --force >/dev/null 2>&1 || echo "bench: Destroy of $d failed" >&2
  done
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

/usr/bin/python3 tests/fixtures/mirror/build-mirror.py --out "$mirror" >/dev/null
/usr/bin/python3 -m http.server --bind 127.0.0.1 --directory "$mirror" "$port" >/dev/null 2>&1 &
server=$!

mkdir -p "$ROUGHNECK_DEPLOYMENTS_DIR/bench-full" "$ROUGHNECK_DEPLOYMENTS_DIR/bench-demo"
cp "$root/deployments/local-demo/deployment.yaml" "$ROUGHNECK_DEPLOYMENTS_DIR/bench-demo/"
{
  cat "$root/deployments/local-full/deployment.yaml"
  # The sandbox reaches the host's loopback only through its proxy: keep 127.0.0.1 out of no_proxy.
  printf 'network:\n  mirror_url: http://127.0.0.1:%s\nansible:\n  vars: %s, "roughneck_no_proxy": "localhost,::1"}\n' \
    "$port" "$(tr '\n' ' ' <"$mirror/overrides.json" | sed 's/}[[:space:]]*$//')"
} >"$ROUGHNECK_DEPLOYMENTS_DIR/bench-full/deployment.yaml"

# shellcheck disable=SC2317 # called by time_median
step() { ./build.sh --target="$1" --deployment="$2"; }

time_median 1 step Deploy bench-demo >/dev/null
time_median 1 step Apply bench-full >/dev/null
export ANSIBLE_CALLBACKS_ENABLED=ansible.builtin.junit JUNIT_OUTPUT_DIR="$work/junit" JUNIT_TASK_CLASS=yes
fresh=$(time_median 1 step Provision bench-full)
unset ANSIBLE_CALLBACKS_ENABLED
bench_info "local-full: first Provision of a fresh sandbox (s)" "$fresh"
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

# side_by_side TARGET: the medians of BENCH_RUNS runs of TARGET on bench-demo and on bench-full,
# alternating, so a change in the machine's load falls on both alike.
side_by_side() {
  local demo=() full=() i
  for ((i = 0; i < runs; i++)); do
    demo+=("$(time_median 1 step "$1" bench-demo)")
    full+=("$(time_median 1 step "$1" bench-full)")
  done
  echo "$(printf '%s\n' "${demo[@]}" | median) $(printf '%s\n' "${full[@]}" | median)"
}
read -r demo_provision full_provision < <(side_by_side Provision)
read -r demo_validate full_validate < <(side_by_side Validate)

bench_info "converged Provision: local-demo, local-full (s)" "$demo_provision $full_provision"
bench_info "Validate: local-demo, local-full (s)" "$demo_validate $full_validate"
bench_result "converged Provision, local-full / local-demo" "$(ratio "$full_provision" "$demo_provision")" "<= 2"
bench_result "Validate, local-full / local-demo" "$(ratio "$full_validate" "$demo_validate")" "<= 2"
bench_finish
