#!/usr/bin/env bash
# A throw-away MariaDB 10.11 server for the integration tests:
#   tests/servers/mariadb.sh start <state-dir>   writes <state-dir>/env
#   tests/servers/mariadb.sh stop <state-dir>    stops it, removes its data
# The server lives in a fresh temporary directory, listens on a free port of
# 127.0.0.1 and on a unix socket in that directory, and reads no option file
# (--no-defaults), so the system's instance (/var/lib/mysql, port 3306) is
# never touched. As root it runs as the mysql system user.
set -euo pipefail

usage="usage: mariadb.sh <start|stop> <state-dir>"
command=${1:?$usage}
state=${2:?$usage}
say() { echo "mariadb.sh: $*" >&2; }
as_mysql=()
if [ "$(id -u)" -eq 0 ]; then as_mysql=(runuser -u mysql --); fi

stop() {
  [ -f "$state/datadir" ] || return 0
  local dir pid
  dir=$(cat "$state/datadir")
  if [ -s "$dir/mariadbd.pid" ]; then
    pid=$(cat "$dir/mariadbd.pid")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      say "warning: mariadbd ($pid) ignored SIGTERM for 30 s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -rf "$dir"
  rm -f "$state/datadir" "$state/env"
}

fail() {
  say "$1; the server's logs:"
  for log in "$dir"/install.log "$dir"/stderr.log "$dir"/server.log "$dir"/setup.log; do
    [ -f "$log" ] && { echo "== $log" >&2; cat "$log" >&2; }
  done
  stop
  exit 1
}

start() {
  command -v mariadbd >/dev/null || PATH=$PATH:/usr/sbin
  command -v mariadbd >/dev/null || { say "no mariadbd: install mariadb-server (scripts/install-deps)"; exit 1; }
  mkdir -p "$state"
  stop  # a server left over by an interrupted run
  local port password admin_password
  dir=$(mktemp -d /tmp/pim-mariadb-XXXXXX)  # /tmp: mysql must reach it, and socket paths stay short
  echo "$dir" >"$state/datadir"
  [ "$(id -u)" -ne 0 ] || chown mysql: "$dir"
  password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
  admin_password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
  cd "$dir"
  # normal: root@localhost without password on the socket, for the set-up below only.
  if ! "${as_mysql[@]}" mariadb-install-db --no-defaults --datadir="$dir/data" --auth-root-authentication-method=normal \
    --skip-test-db --skip-name-resolve --innodb-log-file-size=16M >"$dir/install.log" 2>&1; then
    fail "mariadb-install-db failed"
  fi
  # A free port: the kernel picks one; the tiny race with other programs is acceptable here.
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  # setsid and no inherited descriptors: ctest waits for the fixture's pipes to close.
  # Durability off, and no file per table: each sandbox creates and drops a database.
  "${as_mysql[@]}" setsid mariadbd --no-defaults --datadir="$dir/data" --socket="$dir/mariadbd.sock" --port="$port" \
    --bind-address=127.0.0.1 --pid-file="$dir/mariadbd.pid" --log-error="$dir/server.log" --tmpdir="$dir" \
    --skip-name-resolve --max-connections=500 --innodb-buffer-pool-size=64M --innodb-log-file-size=16M \
    --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 --innodb-file-per-table=0 --innodb-fast-shutdown=3 \
    </dev/null >"$dir/stderr.log" 2>&1 &
  local ready=
  for _ in $(seq 300); do  # 30 s
    if mariadb-admin --no-defaults --socket="$dir/mariadbd.sock" -u root ping >/dev/null 2>&1; then ready=1; break; fi
    kill -0 $! 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$ready" ] || fail "the server did not start"
  # An administrator for the tests (CREATE / DROP DATABASE), and the plugin's
  # user, whose rights cover only the databases the tests create for it.
  if ! mariadb --no-defaults --socket="$dir/mariadbd.sock" -u root >"$dir/setup.log" 2>&1 <<EOF; then
CREATE OR REPLACE USER 'root'@'127.0.0.1' IDENTIFIED BY '$admin_password';
GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
CREATE USER 'pim'@'127.0.0.1' IDENTIFIED BY '$password';
CREATE USER 'pim'@'localhost' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON \`pim\\_test\\_%\`.* TO 'pim'@'127.0.0.1', 'pim'@'localhost';
ALTER USER 'root'@'localhost' IDENTIFIED BY '$admin_password';
EOF
    fail "creating the test users failed"
  fi
  cat >"$state/env" <<EOF
# written by tests/servers/mariadb.sh; the tests create one database per sandbox,
# named pim_test_*, the only ones user pim may use
PIM_TEST_MARIADB_URL=mysql://pim:$password@127.0.0.1:$port/mysql
PIM_TEST_MARIADB_ADMIN_URL=mysql://root:$admin_password@127.0.0.1:$port/mysql
PIM_TEST_MARIADB_SOCKET=$dir/mariadbd.sock
EOF
  say "started on 127.0.0.1:$port, data in $dir"
}

case $command in
  start) start ;;
  stop) stop ;;
  *) say "$usage"; exit 2 ;;
esac
