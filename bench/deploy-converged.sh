#!/usr/bin/env bash
# A converged deployment, side by side (medians of BENCH_RUNS, default 3):
#   one ad-hoc module (setup, minimal facts) over the same SSH connection: the floor;
#   the bare converged play (ansible-playbook site.yml with Roughneck's inventory and vars);
#   Provision through Roughneck, and the whole converged Deploy.
# Targets: bare play <= 8 x the ad-hoc module; Provision <= 1.2 x the bare play.
#   bench/deploy-converged.sh [deployment]
# A deployment that is not deployed here is deployed into a throwaway folder and destroyed at the end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
# shellcheck source=bench/lib.sh
source bench/lib.sh
deployment=${1:-local-demo}
runs=${BENCH_RUNS:-3}
work=$(mktemp -d)
BENCH_LOG="$work/run.log"
mkdir -m 700 "$work/cp" "$work/runtime"
# Like for like: the bare plays share one SSH control directory, so from the second run on they
# reuse a live connection (ControlPersist). Roughneck does the same across runs where
# $XDG_RUNTIME_DIR exists (a desktop or CI user session); without it each run opens its own
# connection in a fresh private directory. The bench gives Roughneck a private runtime dir.
export XDG_RUNTIME_DIR="$work/runtime"

# shellcheck disable=SC2317 # called by the trap
cleanup() {
  if [ -n "${ROUGHNECK_DEPLOYMENTS_DIR:-}" ]; then
    ./build.sh --target=Destroy --deployment="$deployment" --force >/dev/null 2>&1 || echo "bench: Destroy of $deployment failed" >&2
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ ! -f "deployments/$deployment/.roughneck/reports/validate.json" ]; then
  echo "bench: $deployment is not deployed here; deploying a copy in a throwaway folder" >&2
  export ROUGHNECK_DEPLOYMENTS_DIR="$work/deployments"
  mkdir -p "$ROUGHNECK_DEPLOYMENTS_DIR/$deployment"
  cp "deployments/$deployment/deployment.yaml" "$ROUGHNECK_DEPLOYMENTS_DIR/$deployment/"
fi
./build.sh --target=Deploy --deployment="$deployment" >"$BENCH_LOG" 2>&1 || { tail -30 "$BENCH_LOG" >&2; exit 1; } # converge first
dir="${ROUGHNECK_DEPLOYMENTS_DIR:-$root/deployments}/$deployment/.roughneck"

ansible_env=(env ANSIBLE_CONFIG="$root/ansible/ansible.cfg" ANSIBLE_SSH_CONTROL_PATH_DIR="$work/cp" ANSIBLE_NOCOLOR=1)
# shellcheck disable=SC2317 # called by time_median
adhoc() { (cd "$root/ansible" && "${ansible_env[@]}" ansible workspace -i "$dir/inventory.yml" -m ansible.builtin.setup -a gather_subset=min); }
# shellcheck disable=SC2317 # called by time_median
bare_play() { (cd "$root/ansible" && "${ansible_env[@]}" ansible-playbook -i "$dir/inventory.yml" -e "@$dir/extra-vars.json" site.yml); }

adhoc_s=$(time_median "$runs" adhoc)
play_s=$(time_median "$runs" bare_play)
provision_s=$(time_median "$runs" ./build.sh --target=Provision --deployment="$deployment")
deploy_s=$(time_median "$runs" ./build.sh --target=Deploy --deployment="$deployment")
# One more bare play, profiled: where a converged run spends its time, per role and slowest tasks.
profile="$work/profile.txt"
tasks=$(ANSIBLE_CALLBACK_PLUGINS="$root/bench/callback" ANSIBLE_CALLBACKS_ENABLED=roughneck_profile ROUGHNECK_PROFILE_OUT="$profile" \
  bare_play 2>&1 | grep -c '^TASK \[' || true)
if [ -f "$profile" ]; then
  echo "bench: $deployment converged play, seconds per role (tasks):" >&2
  awk -F'\t' 'NR > 1 { role = ($2 ~ / : /) ? substr($2, 1, index($2, " : ") - 1) : "(play)"; s[role] += $1; n[role]++ }
    END { for (r in s) printf "  %6.2f  %-18s (%d)\n", s[r], r, n[r] }' "$profile" | sort -rn >&2
  echo "bench: slowest tasks:" >&2
  sed -n '2,9p' "$profile" | sed 's/^/  /' >&2
fi

bench_info "$deployment converged: ad-hoc module, bare play, Provision, Deploy (s)" "$adhoc_s $play_s $provision_s $deploy_s"
bench_info "$deployment converged: tasks in the bare play" "$tasks"
bench_result "$deployment converged play / one ad-hoc module" "$(ratio "$play_s" "$adhoc_s")" "<= 8"
bench_result "$deployment converged Provision / bare play (Roughneck's share)" "$(ratio "$provision_s" "$play_s")" "<= 1.2"
bench_finish
