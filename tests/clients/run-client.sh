#!/usr/bin/env bash
# Runs one real connector against a fresh `pim-host serve`:
#   tests/clients/run-client.sh <curl|python|node> <build-dir>
# A throw-away project (config/dev.yaml; SQLite, or a database of its own on the
# test server of PIM_TEST_BACKEND=postgresql|mariadb), the API user, role and client
# made through commands, the server on a free port; the client gets
# BASE_URL, CLIENT_ID, CLIENT_SECRET, API_USERNAME, API_PASSWORD and
# REVOKE_COMMAND (a sh command line revoking the client from another process).
# Exit code: the client's.
set -euo pipefail

usage="usage: run-client.sh <curl|python|node> <build-dir>"
client=${1:?$usage}
build=$(cd "${2:?$usage}" && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
host=$build/bin/pim-host
secret_key=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff  # tests/support/sandbox.hpp

say() { echo "run-client[$client]: $*" >&2; }
quote() { printf "'%s'" "${1//\'/\'\\\'\'}"; }  # POSIX sh single quotes

case $client in
  curl) run=(bash "$here/curl_client.sh") ;;
  python) run=(/usr/bin/python3 "$here/python_client.py") ;;
  node)
    # The three node tests run in parallel: one installs under a lock, and the
    # marker is written only once npm ci has finished.
    (
      flock 9
      if [ ! -f "$here/node/node_modules/.pim-installed" ]; then
        say "installing the node client's packages (npm ci)"
        (cd "$here/node" && npm ci --no-audit --no-fund >&2)
        touch "$here/node/node_modules/.pim-installed"
      fi
    ) 9>"$build/node-client-install.lock"
    run=(node "$here/node/simple_oauth2_client.js") ;;
  *) say "unknown client; $usage"; exit 2 ;;
esac
[ -x "$host" ] || { say "no pim-host at $host (build the pim-host and pim_oauth targets)"; exit 2; }

project=$(mktemp -d "${TMPDIR:-/tmp}/pim-clients-XXXXXX")
server_pid=
drop_database=  # SQL run by the EXIT trap
# shellcheck disable=SC2317  # called from the EXIT trap
stop_server() {
  [ -n "$server_pid" ] || return 0
  kill -TERM "$server_pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$server_pid" 2>/dev/null; then
    say "pim-host serve ignored SIGTERM for 10 s; killing it"
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  local status=0
  wait "$server_pid" 2>/dev/null || status=$?
  [ "$status" -eq 0 ] || say "warning: pim-host serve exited with status $status after SIGTERM"
  server_pid=
}
trap 'stop_server; [ -z "$drop_database" ] || admin "$drop_database" || true; rm -rf "$project"' EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

database_url=sqlite3://var/clients.db
# PIM_TEST_BACKEND=postgresql|mariadb: a database of its own on the server that
# tests/servers/<backend>.sh started (ctest fixture), dropped at the end.
case ${PIM_TEST_BACKEND:-sqlite} in
  sqlite) ;;
  postgresql | mariadb)
    facts=${PIM_TEST_SERVERS_DIR:-$build/test-servers}/$PIM_TEST_BACKEND/env
    [ -f "$facts" ] || { say "no test server: $facts is missing (run through ctest)"; exit 2; }
    # shellcheck source=/dev/null  # KEY=VALUE lines without spaces
    . "$facts"
    database=pim_test_clients_$$
    if [ "$PIM_TEST_BACKEND" = postgresql ]; then
      admin() { psql -X -q -v ON_ERROR_STOP=1 "$PIM_TEST_PG_ADMIN_URL" -c "$1"; }
      drop_database="DROP DATABASE IF EXISTS $database WITH (FORCE)"
      admin "CREATE DATABASE $database OWNER pim"
      database_url=${PIM_TEST_PG_URL%/*}/$database
    else
      [[ $PIM_TEST_MARIADB_ADMIN_URL =~ ^mysql://([^:]+):([^@]+)@([^:]+):([0-9]+)/ ]]
      admin_args=(-u "${BASH_REMATCH[1]}" -h "${BASH_REMATCH[3]}" -P "${BASH_REMATCH[4]}")
      admin_password=${BASH_REMATCH[2]}
      admin() { MYSQL_PWD=$admin_password mariadb --no-defaults "${admin_args[@]}" -e "$1"; }
      drop_database="DROP DATABASE IF EXISTS $database"
      admin "CREATE DATABASE $database"
      database_url=${PIM_TEST_MARIADB_URL%/*}/$database
    fi ;;
  *) say "PIM_TEST_BACKEND=$PIM_TEST_BACKEND: use sqlite, postgresql or mariadb"; exit 2 ;;
esac

unset PIM_ENV PIM_DATABASE_URL PIM_SECRET_KEY SHELL_INTERACTIVE
export PIM_CONFIG_DIR=$project/config PIM_PLUGINS_DIR=$build/plugins
mkdir -p "$project/config" "$project/var"
cat >"$project/config/dev.yaml" <<EOF
database:
  url: $database_url
  auto_migrate: true
security:
  secret_key: $secret_key
  password:
    argon2id:
      opslimit: 2
      memlimit_kib: 19456
EOF

pim() {
  if ! "$host" "$@" </dev/null >"$project/command.out" 2>&1; then
    say "setup command failed: pim-host $*"
    cat "$project/command.out" >&2
    exit 1
  fi
}
pim pim:user:create myERPuser myERPuserPassword myerpuser@example.com My ERPuser en_US -n
pim pim:role:create "My ERP connector role"
pim pim:role:grant ROLE_MY_ERP_CONNECTOR_ROLE pim_api_overall_access pim_api_currency_list
pim pim:user:add-role myERPuser ROLE_MY_ERP_CONNECTOR_ROLE
pim pim:oauth-server:create-client "ERP" --format=json
client_json=$(cat "$project/command.out")
CLIENT_ID=$(sed -n 's/.*"client_id":"\([^"]*\)".*/\1/p' <<<"$client_json")
CLIENT_SECRET=$(sed -n 's/.*"secret":"\([^"]*\)".*/\1/p' <<<"$client_json")
if [ -z "$CLIENT_ID" ] || [ -z "$CLIENT_SECRET" ]; then
  say "no client_id / secret in: $client_json"
  exit 1
fi

: >"$project/server.out"
"$host" serve --listen=127.0.0.1:0 </dev/null >"$project/server.out" 2>"$project/server.err" &
server_pid=$!
first_line=
for _ in $(seq 300); do  # 30 s
  if IFS= read -r first_line <"$project/server.out"; then break; fi
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
if [[ ! $first_line =~ ^Listening\ on\ (http://127\.0\.0\.1:[0-9]+)$ ]]; then
  say "pim-host serve did not announce its port within 30 s; first line: \"$first_line\""
  cat "$project/server.err" >&2
  exit 1
fi

export BASE_URL=${BASH_REMATCH[1]} CLIENT_ID CLIENT_SECRET
export API_USERNAME=myERPuser API_PASSWORD=myERPuserPassword
REVOKE_COMMAND="env PIM_CONFIG_DIR=$(quote "$PIM_CONFIG_DIR") PIM_PLUGINS_DIR=$(quote "$PIM_PLUGINS_DIR")"
REVOKE_COMMAND+=" $(quote "$host") pim:oauth-server:revoke-client -n $(quote "$CLIENT_ID")"
export REVOKE_COMMAND
say "server $BASE_URL, client $CLIENT_ID"

status=0
started=$SECONDS
"${run[@]}" || status=$?
say "client exited with $status after $((SECONDS - started)) s"
if [ "$status" -ne 0 ]; then
  say "server log:"
  cat "$project/server.out" "$project/server.err" >&2
fi
exit "$status"
