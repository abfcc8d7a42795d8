#!/usr/bin/env bash
# A throw-away PostgreSQL 15 server for the integration tests:
#   tests/servers/postgresql.sh start <state-dir>   writes <state-dir>/env
#   tests/servers/postgresql.sh stop <state-dir>    stops it, removes its data
#   tests/servers/postgresql.sh halt <state-dir>    stops it, keeps its data (fault tests)
#   tests/servers/postgresql.sh resume <state-dir>  starts it again after halt
# The cluster lives in a fresh temporary directory and listens on a free port
# of 127.0.0.1 (and a unix socket in that directory), so the system's own
# cluster (/var/lib/postgresql, port 5432) is never touched. initdb and
# postgres refuse to run as root: they run as the postgres system user.
set -euo pipefail

usage="usage: postgresql.sh <start|stop|halt|resume> <state-dir>"
command=${1:?$usage}
state=${2:?$usage}
bin=/usr/lib/postgresql/15/bin
say() { echo "postgresql.sh: $*" >&2; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

stop() {
  [ -f "$state/datadir" ] || return 0
  local dir
  dir=$(cat "$state/datadir")
  if [ -f "$dir/data/postmaster.pid" ]; then
    # immediate: the data is thrown away anyway
    (cd "$dir" && as_postgres "$bin/pg_ctl" stop -D "$dir/data" -m immediate -w -t 30 >/dev/null) ||
      say "warning: pg_ctl stop failed (see $dir/server.log)"
  fi
  rm -rf "$dir"
  rm -f "$state/datadir" "$state/env"
}

start() {
  [ -x "$bin/initdb" ] || { say "no $bin/initdb: install the postgresql package (scripts/install-deps)"; exit 1; }
  mkdir -p "$state"
  stop  # a server left over by an interrupted run
  local dir port password admin_password
  dir=$(mktemp -d /tmp/pim-pg-XXXXXX)  # /tmp: postgres must reach it, and socket paths stay short
  echo "$dir" >"$state/datadir"
  [ "$(id -u)" -ne 0 ] || chown postgres: "$dir"
  password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
  admin_password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
  echo "$admin_password" >"$dir/pwfile"
  cd "$dir"  # postgres needs a readable working directory
  # A linguistic collation (ICU en-US), as on most production clusters: the
  # plugin must not rely on the byte order that C, SQLite and *_bin give.
  if ! as_postgres "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --locale-provider=icu \
    --icu-locale=en-US --no-sync >"$dir/initdb.log" 2>&1; then
    say "initdb failed:"; cat "$dir/initdb.log" >&2; stop; exit 1
  fi
  rm "$dir/pwfile"
  # A free port: the kernel picks one; the tiny race with other programs is acceptable here.
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  # pg_ctl runs "postgres $options" through sh: one line, no spaces in the values.
  local options="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir"
  options+=" -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  echo "$options" >"$dir/options"
  if ! as_postgres "$bin/pg_ctl" start -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$options" >/dev/null; then
    say "the server did not start; its log:"; cat "$dir/server.log" >&2; stop; exit 1
  fi
  # The plugin's user owns the databases the tests create for it, nothing more.
  as_postgres "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres \
    -c "CREATE ROLE pim LOGIN PASSWORD '$password'" >/dev/null
  cat >"$state/env" <<EOF
# written by tests/servers/postgresql.sh; the tests create one database per sandbox
PIM_TEST_PG_URL=postgresql://pim:$password@127.0.0.1:$port/postgres
PIM_TEST_PG_ADMIN_URL=postgresql://postgres:$admin_password@127.0.0.1:$port/postgres
PIM_TEST_PG_SOCKET_DIR=$dir
EOF
  say "started on 127.0.0.1:$port, data in $dir"
}

halt() {
  local dir
  dir=$(cat "$state/datadir")
  cd "$dir"
  as_postgres "$bin/pg_ctl" stop -D "$dir/data" -m fast -w -t 30 >/dev/null
}

resume() {
  local dir
  dir=$(cat "$state/datadir")
  cd "$dir"
  as_postgres "$bin/pg_ctl" start -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$(cat "$dir/options")" >/dev/null
}

case $command in
  start) start ;;
  stop) stop ;;
  halt) halt ;;
  resume) resume ;;
  *) say "$usage"; exit 2 ;;
esac
