#!/usr/bin/env bash
# A SQLite project never maps the PostgreSQL or MySQL client libraries: the
# plugin loads SOCI's other backends only when a connection needs them. And no
# command maps Boost, yaml-cpp or libsodium: they are linked into pim-host and
# the plugin (static archives, Boost.JSON/URL from source), for cold start.
#   tests/startup/lazy_backends.sh <build-dir>
set -euo pipefail
build=$(cd "${1:?usage: lazy_backends.sh <build-dir>}" && pwd)
project=$(mktemp -d "${TMPDIR:-/tmp}/pim-lazy-XXXXXX")
trap 'rm -rf "$project"' EXIT
mkdir -p "$project/config"
printf 'database:\n  url: sqlite3://var/lazy.db\n' >"$project/config/dev.yaml"
cd "$project"
export PIM_SECRET_KEY=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff  # a test key
"$build/bin/pim-host" pim:db:migrate -q
LD_DEBUG=files LD_DEBUG_OUTPUT="$project/ld" "$build/bin/pim-host" pim:oauth-server:list-clients >/dev/null
loaded=$(cat "$project"/ld.* | grep -oE 'file=[^ ]+' | sort -u)
echo "$loaded" | grep -q 'libsoci_sqlite3' || { echo "FAIL: SQLite's backend was not loaded:"; echo "$loaded"; exit 1; }
if echo "$loaded" | grep -E 'libpq|libmariadb|libmysqlclient|libsoci_postgresql|libsoci_mysql'; then
  echo "FAIL: a SQLite command loaded the libraries above"
  exit 1
fi
if echo "$loaded" | grep -E 'libboost|libyaml-cpp|libsodium'; then
  echo "FAIL: the libraries above are mapped: they should be linked into pim-host or the plugin"
  exit 1
fi
echo "ok: $(echo "$loaded" | wc -l) libraries loaded, none of PostgreSQL, MySQL, Boost, yaml-cpp or libsodium"
