#!/usr/bin/env bash
# Cross-checks somepost's X weighted lengths against twitter-text@3.1.0 (see README.md).
#
#   tests/xcheck/run.sh TEXTS.jsonl LENGTHS.txt
#
# Installs the pinned packages (npm ci) into tests/xcheck/node_modules when missing or older
# than package-lock.json, then runs xcheck.js. Exit status: xcheck.js's (0 agree,
# 1 unexplained differences, 2 errors), or 77 (skipped) when node/npm is not installed or
# the npm registry cannot be reached.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "xcheck: skipped: node is not installed" >&2
  exit 77
fi

stamp=$here/node_modules/.package-lock.json
if [[ ! -f $stamp || ! -d $here/node_modules/twitter-text || $here/package-lock.json -nt $stamp ]]; then
  log=$(mktemp)
  trap 'rm -f "$log"' EXIT
  if ! (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) >"$log" 2>&1; then
    cat "$log" >&2
    if grep -qE 'ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|network|proxy|socket hang up|fetch failed' "$log"; then
      echo "xcheck: skipped: npm ci could not reach the npm registry to install twitter-text@3.1.0" >&2
      exit 77
    fi
    echo "xcheck: error: npm ci failed in $here" >&2
    exit 2
  fi
  cat "$log" >&2
fi

exec node "$here/xcheck.js" "$@"
