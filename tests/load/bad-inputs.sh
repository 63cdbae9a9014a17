#!/usr/bin/env bash
# Bounded bad-input run on loopback only: a Release build in Production on 127.0.0.1, then every kind of bad request
# once (tests/load/bad-inputs.cs), then the app log searched for errors. Fails on any 5xx or any error line.
# Everything it starts it stops, within about two minutes. Usage: tests/load/bad-inputs.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
app_port=5197
work=$(mktemp -d); pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

dotnet publish src/FineTuneAdvisor.Web -c Release -o "$work/app" >/dev/null
ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Default="Data Source=$work/advisor.db" \
  "$work/app/FineTuneAdvisor.Web" --contentRoot "$work/app" --urls "http://127.0.0.1:$app_port" >"$work/app.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$app_port/health/ready" >/dev/null && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$app_port/health/ready" >/dev/null || { echo "The app did not start:"; cat "$work/app.log"; exit 1; }

status=0
timeout 300 dotnet run tests/load/bad-inputs.cs -c Release -- "http://127.0.0.1:$app_port" || status=$?
errors=$(grep -cE '^\[[^ ]+ (ERR|FTL) ' "$work/app.log" || true)
echo "Error or fatal lines in the app log: $errors"
[ "$errors" -eq 0 ] || { grep -E -A5 '^\[[^ ]+ (ERR|FTL) ' "$work/app.log" | head -40; status=1; }
exit "$status"
