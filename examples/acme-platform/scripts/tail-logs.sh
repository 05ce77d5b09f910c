#!/usr/bin/env bash
# Print the last N lines of the checkout-api log fixture, optionally only one
# level.   usage: scripts/tail-logs.sh [lines] [level]
#   e.g.  scripts/tail-logs.sh 20 error
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
LOG="$ROOT/var/log/checkout-api.log"
LINES="${1:-20}"
LEVEL="${2:-}"

[[ -r "$LOG" ]] || { echo "no log at $LOG" >&2; exit 2; }
[[ "$LINES" =~ ^[0-9]+$ ]] || { echo "lines must be a number, got '$LINES'" >&2; exit 2; }

if [[ -n "$LEVEL" ]]; then
  # grep exits 1 on no match; that is not an error for a log tail.
  { grep -F "\"level\":\"$LEVEL\"" "$LOG" || true; } | tail -n "$LINES"
else
  tail -n "$LINES" "$LOG"
fi
