#!/usr/bin/env bash
# Report disk usage for the filesystem holding this workspace and the largest
# directories under var/. Fails when usage is above DISK_THRESHOLD percent
# (default 90). Reads only; never deletes anything.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
THRESHOLD="${DISK_THRESHOLD:-90}"

df -hP "$ROOT"
used="$(df -P "$ROOT" | awk 'NR == 2 { gsub("%", "", $5); print $5 }')"

echo
echo "largest entries under var/:"
du -sh "$ROOT"/var/* 2>/dev/null | sort -rh | head -n 5

echo
if (( used >= THRESHOLD )); then
  echo "FAIL: ${used}% used (threshold ${THRESHOLD}%)"
  exit 1
fi
echo "OK: ${used}% used (threshold ${THRESHOLD}%)"
