#!/usr/bin/env bash
# Summarise the checkout-api log fixture: lines per level, 5xx count and the
# most frequent error messages. Exits 1 if the 5xx share of completed or
# failed requests is above ERROR_RATIO_PCT (default 2, as in CheckoutHighErrorRate).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
LOG="$ROOT/var/log/checkout-api.log"
MAX_PCT="${ERROR_RATIO_PCT:-2}"

[[ -r "$LOG" ]] || { echo "no log at $LOG" >&2; exit 2; }

echo "lines by level:"
grep -o '"level":"[a-z]*"' "$LOG" | cut -d'"' -f4 | sort | uniq -c | sort -rn

echo
echo "top error messages:"
{ grep -F '"level":"error"' "$LOG" || true; } \
  | grep -o '"message":"[^"]*"' | cut -d'"' -f4 | sort | uniq -c | sort -rn | head -n 5

total="$(grep -c '"status":[0-9]' "$LOG" || true)"
errors="$(grep -c '"status":5[0-9][0-9]' "$LOG" || true)"
pct=$(( total > 0 ? errors * 100 / total : 0 ))
echo
echo "requests: $total  5xx: $errors  ratio: ${pct}% (threshold ${MAX_PCT}%)"
if (( pct > MAX_PCT )); then
  echo "FAIL: 5xx ratio above threshold"
  exit 1
fi
echo "OK"
