#!/usr/bin/env bash
# roughneck-setup: the first-login helper of a Roughneck workspace (installed by role common).
# Walks the workspace user through `gh auth login`, the git identity and each installed AI
# CLI's login, skipping what is already done; run it again any time.
#   roughneck-setup           interactive
#   roughneck-setup --check   prints what is still missing, one per line; exit 1 when anything is
set -uo pipefail

check_only=false
case "${1:-}" in
  --check) check_only=true ;;
  "") ;;
  *) echo "usage: roughneck-setup [--check]" >&2; exit 2 ;;
esac

has() { command -v "$1" >/dev/null 2>&1; }

# Each login: a name, a test that succeeds when it is done, and how to do it.
gh_done() { gh auth status >/dev/null 2>&1; }
git_done() { [ -n "$(git config --global user.name)" ] && [ -n "$(git config --global user.email)" ]; }
claude_done() { [ -n "${ANTHROPIC_API_KEY:-}" ] || [ -s "$HOME/.claude/.credentials.json" ]; }
codex_done() { [ -n "${OPENAI_API_KEY:-}" ] || [ -s "$HOME/.codex/auth.json" ]; }
gemini_done() { [ -n "${GEMINI_API_KEY:-}" ] || [ -s "$HOME/.gemini/oauth_creds.json" ]; }
copilot_done() { [ -n "${COPILOT_GITHUB_TOKEN:-}" ] || grep -qs '"logged_in_users"' "$HOME/.copilot/config.json"; }

steps=()
has gh && steps+=(gh)
has git && steps+=(git)
for cli in claude codex gemini copilot; do has "$cli" && steps+=("$cli"); done

missing=()
for step in "${steps[@]}"; do "${step}_done" || missing+=("$step"); done

describe() {
  case "$1" in
    gh) echo "GitHub CLI login (gh auth login)" ;;
    git) echo "git identity (git config --global user.name / user.email)" ;;
    claude) echo "Claude Code login (claude, then /login)" ;;
    codex) echo "Codex login (codex login)" ;;
    gemini) echo "Gemini CLI login (gemini, then choose a sign-in)" ;;
    copilot) echo "Copilot CLI login (copilot, then /login)" ;;
  esac
}

if $check_only; then
  for step in "${missing[@]}"; do describe "$step"; done
  [ "${#missing[@]}" -eq 0 ]
  exit
fi

if [ ! -t 0 ]; then
  echo "roughneck-setup asks questions: run it in a terminal (./build.sh --target=Ssh, then roughneck-setup)" >&2
  exit 2
fi

confirm() {
  local answer
  read -r -p "$1 [Y/n] " answer
  [[ -z "$answer" || "$answer" =~ ^[Yy] ]]
}

for step in "${steps[@]}"; do
  if "${step}_done"; then
    echo "done already: $(describe "$step")"
    continue
  fi
  echo
  confirm "Set up $(describe "$step") now?" || { echo "skipped; run roughneck-setup again later"; continue; }
  case "$step" in
    gh) gh auth login ;;
    git)
      read -r -p "Your name for commits: " name
      read -r -p "Your e-mail for commits: " email
      [ -n "$name" ] && git config --global user.name "$name"
      [ -n "$email" ] && git config --global user.email "$email"
      ;;
    claude | gemini | copilot)
      echo "Starting $step: log in there, then leave it (Ctrl-D or /quit) to come back here."
      "$step"
      ;;
    codex) codex login ;;
  esac
  if "${step}_done"; then echo "done: $(describe "$step")"; else echo "still missing: $(describe "$step")"; fi
done

left=()
for step in "${steps[@]}"; do "${step}_done" || left+=("$step"); done
echo
if [ "${#left[@]}" -eq 0 ]; then
  echo "All set."
else
  echo "Still to do ($(printf '%s ' "${left[@]}")): run roughneck-setup again when ready."
fi
