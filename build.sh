#!/usr/bin/env bash
# Roughneck bootstrap: prerequisites, the Cake tool, the library (only when it changed), then Cake.
#   ./build.sh --target=Deploy --deployment=local-demo
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Output that is not a terminal (CI, a pipe, a file) gets no colour codes, from Cake either.
[ -t 1 ] || export NO_COLOR=1
# The target, in both spellings Cake accepts (--target=X, --target X; any case).
target=""
arguments=("$@")
for ((i = 0; i < ${#arguments[@]}; i++)); do
  case "${arguments[i]}" in
    --target=*) target=${arguments[i]#*=} ;;
    --target) target=${arguments[i + 1]:-} ;;
  esac
done
target=${target,,}

# Matrix's JSON is the only thing on standard output: everything else (Cake's banner and
# summary, build messages) goes to standard error; the library writes the JSON to fd 3.
if [ "$target" = matrix ]; then exec 3>&1 1>&2; export ROUGHNECK_RESULT_FD=3; fi

cache="$root/build/.cache"
mkdir -p "$cache"

# A warm run forks as little as it can: stamps are read with builtins and compared by age.
# stamp_read FILE: the first line of FILE, or nothing
stamp_read() { local line=""; [ -f "$1" ] && read -r line <"$1"; printf '%s' "$line"; }

# Prerequisites: scanned until a scan finds everything, then again only when PATH or the lists change.
prerequisites_ok() {
  local stamp="$cache/prerequisites.$1" saved=""
  [ -f "$stamp" ] && [ ! build/prerequisites.sh -nt "$stamp" ] && read -r saved <"$stamp"
  [ "$saved" = "$PATH" ]
}
prerequisites_done() { printf '%s\n' "$PATH" >"$cache/prerequisites.$1"; }
# shellcheck source=build/prerequisites.sh
source build/prerequisites.sh
case "$target: $* " in
  # Help, List, Matrix, Cake's listings and the fast tests need nothing beyond dotnet (and node).
  help:* | list:* | matrix:* | *" --tree "* | *" --description "* | *" --fast "* | *" --fast=true "*) ;;
  test:*) prerequisites_ok test || { roughneck_install_prerequisites test && prerequisites_done test; } ;;
  *) prerequisites_ok run || { roughneck_install_prerequisites && prerequisites_done run; } ;;
esac

# The Cake tool, restored once per manifest. cake.dll names the tool's own assembly: running it
# with `dotnet exec` skips `dotnet cake`, which starts the SDK to find the tool and then a second
# runtime for Cake (about half of Help's time).
cake_dll=$(stamp_read "$cache/cake.dll")
if [ ! -f "$cache/tools.hash" ] || [ .config/dotnet-tools.json -nt "$cache/tools.hash" ] || [ ! -f "$cake_dll" ]; then
  manifest_hash=$(sha256sum .config/dotnet-tools.json | cut -c1-16)
  dotnet tool restore >&2
  cake_version=$(grep -A1 '"cake.tool"' .config/dotnet-tools.json | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -1)
  cake_dll="${NUGET_PACKAGES:-$HOME/.nuget/packages}/cake.tool/$cake_version/tools/net10.0/any/Cake.dll"
  if [ -f "$cake_dll" ]; then echo "$cake_dll" >"$cache/cake.dll"; else rm -f "$cache/cake.dll"; fi
  echo "$manifest_hash" > "$cache/tools.hash"
fi

# The library, rebuilt only when one of its sources changed. The sources are hashed only when a
# file or folder is newer than the last hash (build.ps1 computes the same hash).
library_sources() { find build/Roughneck \( -name obj -o -name bin \) -prune -o "$@"; }
if [ -f "$cache/lib/.hash" ] && [ -f "$cache/lib/Roughneck.dll" ] \
  && [ -z "$(library_sources \( -type d -o -name '*.cs' -o -name '*.csproj' \) -newer "$cache/lib/.hash" -print -quit)" ]; then
  read -r library_hash <"$cache/lib/.hash"
else
  library_hash=$(library_sources -type f \( -name '*.cs' -o -name '*.csproj' \) -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
fi
if [ "$(stamp_read "$cache/lib/.hash")" != "$library_hash" ] || [ ! -f "$cache/lib/Roughneck.dll" ]; then
  echo "roughneck: building the library ($library_hash)" >&2
  dotnet build build/Roughneck/Roughneck.csproj -c Release -o "$cache/lib" --nologo -v quiet -clp:ErrorsOnly >&2
  echo "$library_hash" > "$cache/lib/.hash"
fi

# Cake's script cache does not notice a rebuilt #r library: key its folder on the library.
export CAKE_SETTINGS_ENABLESCRIPTCACHE=true
export CAKE_PATHS_CACHE="$cache/cake/$library_hash"
cake() { if [ -f "$cake_dll" ]; then dotnet exec "$cake_dll" build.cake "$@"; else dotnet cake build.cake "$@"; fi; }
case "$target" in
  # The test run's count line is the last line of the output, after Cake's own summary.
  test)
    summary="$cache/test-results/summary.txt"
    rm -f "$summary"
    status=0
    cake "$@" || status=$?
    if [ -f "$summary" ]; then cat "$summary"; else echo "0 passed, 1 failed, 0 skipped"; fi
    exit "$status" ;;
esac
if [ -f "$cake_dll" ]; then
  exec dotnet exec "$cake_dll" build.cake "$@"
fi
exec dotnet cake build.cake "$@"
