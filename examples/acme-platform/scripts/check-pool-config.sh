#!/usr/bin/env bash
# Print DB pool sizing from deploy/db/pool.yaml and fail if any service's
# per-pod max exceeds limits.per_pod_max, or if the total client connections
# (replicas * max) exceed half of PgBouncer's max_client_conn.
# Local files only; safe to run anywhere.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
POOL="$ROOT/deploy/db/pool.yaml"
BOUNCER="$ROOT/deploy/db/pgbouncer.ini"

[[ -r "$POOL" ]] || { echo "cannot read $POOL" >&2; exit 2; }

# Tiny YAML reader for this file's flat two-level shape (no yq dependency).
# Emits "section key value" for every "  key: number" line.
entries="$(awk '
  /^[A-Za-z0-9_-]+:[[:space:]]*$/ { sub(":", "", $1); section = $1; next }
  /^  [a-z_]+:[[:space:]]*[0-9]+/  { key = $1; sub(":", "", key); print section, key, $2 }
' "$POOL")"

get() { awk -v s="$1" -v k="$2" '$1 == s && $2 == k { print $3 }' <<<"$entries"; }

limit="$(get limits per_pod_max)"
max_client_conn="$(awk -F'=' '/^max_client_conn/ { gsub(/ /, "", $2); print $2 }' "$BOUNCER")"
budget=$(( max_client_conn / 2 ))

status=0
total=0
printf '%-18s %5s %5s %9s %12s\n' SERVICE MIN MAX REPLICAS CLIENT_CONNS
for svc in $(awk '$1 != "limits" { print $1 }' <<<"$entries" | sort -u); do
  min="$(get "$svc" min)"; max="$(get "$svc" max)"; replicas="$(get "$svc" replicas)"
  conns=$(( max * replicas ))
  total=$(( total + conns ))
  printf '%-18s %5s %5s %9s %12s\n' "$svc" "$min" "$max" "$replicas" "$conns"
  if (( max > limit )); then
    echo "FAIL: $svc max=$max is above per_pod_max=$limit" >&2
    status=1
  fi
done

echo "total client connections: $total (budget: $budget = max_client_conn $max_client_conn / 2)"
if (( total > budget )); then
  echo "FAIL: total client connections exceed the PgBouncer budget" >&2
  status=1
fi
(( status == 0 )) && echo "OK: pool config within limits (per_pod_max=$limit)"
exit "$status"
