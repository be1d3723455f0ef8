#!/usr/bin/env bash
# ctest's `xcheck`: the differential test's texts, with the reference counter's X lengths,
# through twitter-text@3.1.0 itself (run.sh). Exit 77 (skipped) without node or the npm
# registry, as run.sh says.
#   tests/xcheck/difftest_xcheck.sh SOMEPOST_DIFFTEST COUNT SEED
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: difftest_xcheck.sh SOMEPOST_DIFFTEST COUNT SEED" >&2; exit 2; }
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if ! command -v node >/dev/null 2>&1; then
  echo "xcheck: skipped: node is not installed" >&2
  exit 77
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$1" --count "$2" --seed "$3" --emit-x "$dir"
status=0
"$here/run.sh" "$dir/texts.jsonl" "$dir/x_lengths.txt" || status=$?
exit "$status"
