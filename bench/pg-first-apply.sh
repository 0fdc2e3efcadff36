#!/usr/bin/env bash
# How a fleet's first Applies on one PostgreSQL state database behave with and without the
# empty-state push Roughneck does after the first Init (docs/CONTRACTS.md).
#
# N root modules, each in its own schema of one throwaway database, each a terraform_data
# whose creation takes SLEEP seconds, are applied at once: first straight after init (the
# first write of each workspace takes pg's database-wide creation lock), then after
# `terraform state push` of an empty state. Prints the wall time of each round.
#
# Usage: bench/pg-first-apply.sh [N=4] [SLEEP=5]   (root: the server runs as nobody)
set -euo pipefail
N=${1:-4}
SLEEP=${2:-5}
BIN=$(printf "%s\n" /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
WORK=$(mktemp -d /tmp/roughneck-bench-pg-XXXXXX)
chmod 0755 "$WORK"
PORT=$((20000 + RANDOM % 20000))
cleanup() {
  runuser -u nobody -- "$BIN/pg_ctl" -D "$WORK/pg/data" stop -m immediate >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$WORK/pg" && chown nobody:nogroup "$WORK/pg"
runuser -u nobody -- "$BIN/initdb" -D "$WORK/pg/data" -U postgres --auth=trust --no-sync >/dev/null
runuser -u nobody -- "$BIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $WORK/pg -c fsync=off" start >/dev/null
export PG_CONN_STR="postgres://postgres@127.0.0.1:$PORT/postgres?sslmode=disable"
export TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1 TF_CLI_CONFIG_FILE=/dev/null

# round NAME PUSH: inits N workspaces (and pushes empty states when PUSH=1), then applies all at once.
round() {
  local name=$1 push=$2 i start end
  for i in $(seq 1 "$N"); do
    local dir="$WORK/$name-$i"
    mkdir -p "$dir"
    cat >"$dir/main.tf" <<TF
terraform {
  backend "pg" {}
}
resource "terraform_data" "machine" {
  provisioner "local-exec" {
    command = "sleep $SLEEP"
  }
}
TF
    terraform -chdir="$dir" init -input=false -no-color "-backend-config=schema_name=bench_${name}_$i" >/dev/null
    if [[ $push == 1 ]]; then
      printf '{"version":4,"terraform_version":"%s","serial":1,"lineage":"%s","outputs":{},"resources":[]}\n' \
        "$(terraform version -json | sed -n 's/.*"terraform_version": *"\([^"]*\)".*/\1/p')" "$(cat /proc/sys/kernel/random/uuid)" >"$dir/empty.tfstate"
      terraform -chdir="$dir" state push -lock-timeout=60s "$dir/empty.tfstate" >/dev/null
    fi
  done
  start=$(date +%s.%N)
  for i in $(seq 1 "$N"); do
    terraform -chdir="$WORK/$name-$i" apply -input=false -no-color -auto-approve -lock-timeout=300s >"$WORK/$name-$i.log" 2>&1 &
  done
  wait
  end=$(date +%s.%N)
  awk -v n="$N" -v s="$SLEEP" -v a="$start" -v b="$end" -v r="$name" \
    'BEGIN { printf "%-18s %d first Applies of %ds each at once: %6.1f s wall\n", r, n, s, b - a }'
}

round no-push 0
round empty-state-push 1
