#!/usr/bin/env bash
# The plugin ABI against its committed 1.0 baseline (ctest abi.baseline_1_0).
#
#   check-abi.sh BASELINE CURRENT_LIB FROZEN_LIB
#   check-abi.sh --write-baseline BASELINE FROZEN_LIB
#
# CURRENT_LIB and FROZEN_LIB are tests/abi/abi_types.c built against the
# current header and against the frozen 1.0 header. abidw describes the
# current one; abidiff compares it with the baseline. abidiff's exit code is
# a bit set (1 error, 2 usage, 4 ABI change, 8 incompatible change), and it
# reports members appended to a struct as a change like any other, so every
# change it finds is then held to the rules of docs/plugin-abi.md by
# abi_rules.py: a change that breaks them fails with both reports.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
abidw_options=(--no-corpus-path --no-comp-dir-path --short-locs)
for tool in abidw abidiff python3; do
  command -v "$tool" >/dev/null || { echo "check-abi: $tool is missing (scripts/install-deps installs abigail-tools)"; exit 1; }
done

if [ "${1:-}" = --write-baseline ]; then
  abidw "${abidw_options[@]}" --out-file "$2" "$3"
  echo "check-abi: wrote $2"
  exit 0
fi
baseline=$1 current_lib=$2 frozen_lib=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The baseline must describe the frozen 1.0 header, exactly.
if ! abidiff "$baseline" "$frozen_lib" >"$work/frozen.txt" 2>&1; then
  echo "check-abi: $baseline does not describe tests/abi/v1_0/pim/plugin_abi.h:"
  cat "$work/frozen.txt"
  exit 1
fi

abidw "${abidw_options[@]}" --out-file "$work/current.abi" "$current_lib"
status=0
abidiff "$baseline" "$work/current.abi" >"$work/abidiff.txt" 2>&1 || status=$?
if (( status & 3 )); then
  echo "check-abi: abidiff failed (exit code $status):"
  cat "$work/abidiff.txt"
  exit 1
fi
rules=0
python3 "$here/abi_rules.py" "$baseline" "$work/current.abi" >"$work/rules.txt" || rules=$?
if (( status & 8 )) || [ "$rules" -ne 0 ]; then
  echo "check-abi: INCOMPATIBLE with plugin ABI 1.0 (abidiff exit code $status)."
  echo "Broken rules (docs/plugin-abi.md, \"Compatibility rules\"):"
  cat "$work/rules.txt"
  echo
  echo "abidiff $baseline <current>:"
  cat "$work/abidiff.txt"
  exit 1
fi
if (( status & 4 )); then
  echo "check-abi: compatible with plugin ABI 1.0; abidiff reports these changes (members appended):"
  cat "$work/abidiff.txt"
else
  echo "check-abi: identical to plugin ABI 1.0"
fi
