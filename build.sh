#!/usr/bin/env bash
# Roughneck bootstrap: prerequisites, the Cake tool, the library (only when it changed), then Cake.
#   ./build.sh --target=Deploy --deployment=local-demo
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Output that is not a terminal (CI, a pipe, a file) gets no colour codes, from Cake either.
[ -t 1 ] || export NO_COLOR=1
# Matrix's JSON is the only thing on standard output: everything else (Cake's banner and
# summary, build messages) goes to standard error; the library writes the JSON to fd 3.
case " $* " in
  *" --target=Matrix "*) exec 3>&1 1>&2; export ROUGHNECK_RESULT_FD=3 ;;
esac

# shellcheck source=build/prerequisites.sh
source build/prerequisites.sh
case " $* " in
  # Help, List, Matrix, Cake's listings and the fast tests need nothing beyond dotnet (and node).
  *" --target=Help "* | *" --target=List "* | *" --target=Matrix "* | *" --tree "* | *" --description "* | *" --fast "* | *" --fast=true "*) ;;
  *" --target=Test "*) roughneck_install_prerequisites test ;;
  *) roughneck_install_prerequisites ;;
esac

cache="$root/build/.cache"
mkdir -p "$cache"

# The Cake tool, restored once per manifest.
manifest_hash=$(sha256sum .config/dotnet-tools.json | cut -c1-16)
if [ "$(cat "$cache/tools.hash" 2>/dev/null)" != "$manifest_hash" ]; then
  dotnet tool restore >&2
  echo "$manifest_hash" > "$cache/tools.hash"
fi

# The library, rebuilt only when one of its sources changed.
library_hash=$(find build/Roughneck -type f \( -name '*.cs' -o -name '*.csproj' \) -not -path '*/obj/*' -not -path '*/bin/*' -print0 \
  | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
if [ "$(cat "$cache/lib/.hash" 2>/dev/null)" != "$library_hash" ] || [ ! -f "$cache/lib/Roughneck.dll" ]; then
  echo "roughneck: building the library ($library_hash)" >&2
  dotnet build build/Roughneck/Roughneck.csproj -c Release -o "$cache/lib" --nologo -v quiet -clp:ErrorsOnly >&2
  echo "$library_hash" > "$cache/lib/.hash"
fi

# Cake's script cache does not notice a rebuilt #r library: key its folder on the library.
export CAKE_SETTINGS_ENABLESCRIPTCACHE=true
export CAKE_PATHS_CACHE="$cache/cake/$library_hash"
exec dotnet cake build.cake "$@"
