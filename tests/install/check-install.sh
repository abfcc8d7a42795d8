#!/usr/bin/env bash
# cmake --install into a temporary prefix, build a third-party plugin against
# the installed CMake package, and run the installed pim-host with it and
# with the installed pim-oauth plugin.
set -euo pipefail
build_dir=$1
source_dir=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build_dir" --prefix "$work/prefix" >/dev/null
test -x "$work/prefix/bin/pim-host"
test -f "$work/prefix/include/pim/plugin_abi.h"
test -f "$work/prefix/lib/pim-host/plugins/libpim_oauth.so"
test -f "$work/prefix/etc/pim-host/prod.yaml"

cmake -S "$source_dir/external_plugin" -B "$work/external" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/external" >/dev/null
cp "$work/external/libexternal_plugin.so" "$work/prefix/lib/pim-host/plugins/"

# The installed host finds etc/pim-host and lib/pim-host/plugins next to itself.
cd "$work"
export PIM_DATABASE_URL="sqlite3://$work/installed.db"
output=$("$work/prefix/bin/pim-host" external:check)
[ "$output" = "external plugin works" ] || { echo "unexpected output: $output"; exit 1; }
# (Outputs are captured first: grep -q closing the pipe early would fail pipefail.)
listing=$("$work/prefix/bin/pim-host" list)
grep -q "pim:oauth-server:create-client" <<<"$listing" || { echo "list lacks the plugin's commands: $listing"; exit 1; }
created=$("$work/prefix/bin/pim-host" pim:oauth-server:create-client "Installed")
grep -q "^A new client has been added.$" <<<"$created" || { echo "unexpected output: $created"; exit 1; }
echo "install check passed"
