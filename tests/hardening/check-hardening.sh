#!/bin/sh
# Checks the hardening of built binaries with readelf:
#   check-hardening.sh <fortify|no-fortify> <binary>...
# every binary: full RELRO (a GNU_RELRO segment and BIND_NOW, i.e. -z relro -z now)
# and the stack protector (-fstack-protector-strong imports __stack_chk_fail);
# with "fortify" (optimised builds, -D_FORTIFY_SOURCE=2): some __*_chk function.
set -eu
usage="usage: check-hardening.sh <fortify|no-fortify> <binary>..."
mode=${1:?$usage}
shift
[ $# -gt 0 ] || { echo "$usage" >&2; exit 2; }
status=0
fail() { echo "$1: $2" >&2; status=1; }
for binary in "$@"; do
  [ -f "$binary" ] || { fail "$binary" "no such file"; continue; }
  readelf -l -W "$binary" | grep -q 'GNU_RELRO' || fail "$binary" "no GNU_RELRO segment (link with -Wl,-z,relro)"
  readelf -d -W "$binary" | grep -Eq '\(BIND_NOW\)|\(FLAGS\).*[[:space:]]BIND_NOW|\(FLAGS_1\).*[[:space:]]NOW' ||
    fail "$binary" "not bound at load time: no BIND_NOW / FLAGS NOW (link with -Wl,-z,now)"
  symbols=$(readelf --dyn-syms -W "$binary")
  echo "$symbols" | grep -q '[[:space:]]__stack_chk_fail' ||
    fail "$binary" "no __stack_chk_fail: not built with -fstack-protector-strong"
  if [ "$mode" = fortify ]; then
    echo "$symbols" | grep -Eq '[[:space:]]__[a-z0-9_]+_chk(@|[[:space:]]|$)' ||
      fail "$binary" "no __*_chk function: not built with -D_FORTIFY_SOURCE=2"
  fi
  [ $status -ne 0 ] || echo "$binary: hardened"
done
exit $status
