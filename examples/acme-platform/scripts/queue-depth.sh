#!/usr/bin/env bash
# Print the depth of a queue from the var/queue-depth.txt snapshot and fail
# when it is above the threshold.
#   usage: scripts/queue-depth.sh [queue] [threshold]
#   defaults: payments.charge, 5000 (same as the PaymentsQueueBacklog alert)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
FIXTURE="$ROOT/var/queue-depth.txt"
QUEUE="${1:-payments.charge}"
THRESHOLD="${2:-${QUEUE_DEPTH_THRESHOLD:-5000}}"

[[ -r "$FIXTURE" ]] || { echo "no snapshot at $FIXTURE" >&2; exit 2; }

captured="$(awk '/^# captured_at:/ { print $3 }' "$FIXTURE")"
depth="$(awk -v q="$QUEUE" '$1 == q { print $2 }' "$FIXTURE")"
if [[ -z "$depth" ]]; then
  echo "queue '$QUEUE' not in snapshot; known queues:" >&2
  grep -v '^#' "$FIXTURE" | awk '{ print "  " $1 }' >&2
  exit 2
fi

echo "queue=$QUEUE depth=$depth threshold=$THRESHOLD captured_at=${captured:-unknown}"
if (( depth > THRESHOLD )); then
  echo "FAIL: backlog above threshold"
  exit 1
fi
echo "OK"
