#!/usr/bin/env bash
# Show notAfter for every certificate fixture in var/certs/ and fail if one
# expires within CERT_WARN_DAYS (default 14, same as CertificateExpiringSoon).
# Reads local PEM files only; never connects to a host.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CERT_DIR="$ROOT/var/certs"
WARN_DAYS="${CERT_WARN_DAYS:-14}"

if ! command -v openssl >/dev/null 2>&1; then
  echo "SKIP: openssl is not installed; cannot read certificates."
  echo "      Check expiry in the cluster instead: kubectl get certificate -A"
  exit 0
fi

shopt -s nullglob
certs=("$CERT_DIR"/*.pem "$CERT_DIR"/*.crt)
if (( ${#certs[@]} == 0 )); then
  echo "SKIP: no certificate fixtures in var/certs/ (see var/certs/README)."
  echo "      Live certificates are managed by cert-manager: kubectl get certificate -A"
  exit 0
fi

status=0
for cert in "${certs[@]}"; do
  name="${cert#"$ROOT"/}"
  end="$(openssl x509 -in "$cert" -noout -enddate 2>/dev/null | cut -d= -f2)" || {
    echo "WARN: $name is not a readable PEM certificate"; status=1; continue; }
  if openssl x509 -in "$cert" -noout -checkend $(( WARN_DAYS * 86400 )) >/dev/null; then
    echo "OK:   $name expires $end"
  else
    echo "FAIL: $name expires $end (within ${WARN_DAYS} days)"
    status=1
  fi
done
exit "$status"
