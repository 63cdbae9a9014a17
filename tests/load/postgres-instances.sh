#!/usr/bin/env bash
# Write scaling on PostgreSQL: POST /api/assessments against one instance, then against two instances on the same
# database (two wrk runs at once, half the connections each), and the ratio. Loopback only, bounded in time; a
# database of its own, dropped at the end. Needs the PostgreSQL that test.sh starts (role fta/fta on 127.0.0.1).
# Usage: tests/load/postgres-instances.sh [seconds] [connections]; each instance warms up for WARMUP seconds (default 30,
# as in run.sh) before it is measured.
# With PIN=1 each instance gets a core of its own (taskset: the first core 0, the second core 1), standing in for two
# machines: on one machine a single unpinned instance already uses every core, so a second cannot add any.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration="${1:-10}"; connections="${2:-32}"; warmup="${WARMUP:-30}"
pg="${FTA_TEST_POSTGRES:-Host=127.0.0.1;Port=5432;Username=fta;Password=fta}"
db="fta_load_$$"
work=$(mktemp -d); pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
  PGPASSWORD=fta psql -h 127.0.0.1 -U fta -d postgres -XqAt -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
PGPASSWORD=fta psql -h 127.0.0.1 -U fta -d postgres -XqAt -c "CREATE DATABASE $db" >/dev/null
dotnet publish src/FineTuneAdvisor.Web -c Release -r linux-x64 --self-contained false -o "$work/app" >/dev/null

start() { # port, core when PIN=1
  local pin=(); [ -n "${PIN:-}" ] && pin=(taskset -c "$2")
  Database__Provider=Postgres ConnectionStrings__Default="$pg;Database=$db" ASPNETCORE_ENVIRONMENT=Production \
    RateLimiting__ApiWritesPerMinute=100000000 RateLimiting__SharedLinksPerMinute=100000000 \
    "${pin[@]}" "$work/app/FineTuneAdvisor.Web" --contentRoot "$work/app" --urls "http://127.0.0.1:$1" >"$work/app-$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$1/health/ready" >/dev/null && return 0; sleep 0.5; done
  echo "The instance on port $1 did not start:"; tail -20 "$work/app-$1.log"; exit 1
}
rate() { awk '/Requests\/sec/ {print $2}' "$1"; }
post() { # port, connections, output
  wrk -t1 -c"$2" -d"${duration}s" --latency -s tests/load/post-assessment.lua "http://127.0.0.1:$1/api/assessments" > "$3"
}

start 5201 0
wrk -t1 -c"$connections" -d"${warmup}s" -s tests/load/post-assessment.lua "http://127.0.0.1:5201/api/assessments" >/dev/null
post 5201 "$connections" "$work/one.txt"
one=$(rate "$work/one.txt")
printf 'one instance:  %10s req/s   p99 %s\n' "$one" "$(awk '$1=="99%" {print $2}' "$work/one.txt")"

start 5202 1
wrk -t1 -c"$connections" -d"${warmup}s" -s tests/load/post-assessment.lua "http://127.0.0.1:5202/api/assessments" >/dev/null
post 5201 $((connections / 2)) "$work/a.txt" & first=$!
post 5202 $((connections / 2)) "$work/b.txt"
wait "$first"
two=$(awk -v a="$(rate "$work/a.txt")" -v b="$(rate "$work/b.txt")" 'BEGIN { print a + b }')
printf 'two instances: %10s req/s   p99 %s / %s\n' "$two" "$(awk '$1=="99%" {print $2}' "$work/a.txt")" "$(awk '$1=="99%" {print $2}' "$work/b.txt")"
awk -v a="$two" -v b="$one" 'BEGIN { printf "two / one: %.2f× (target ≥ 1.6)\n", a / b }'
if [ -n "${PIN:-}" ]; then
  echo "cores: $(nproc); each instance pinned to a core of its own; PostgreSQL and wrk float over both"
else
  echo "cores: $(nproc); PostgreSQL, both instances and wrk share them"
fi
