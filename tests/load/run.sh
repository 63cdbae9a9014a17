#!/usr/bin/env bash
# Bounded load test on loopback only: a Release build in Production on 127.0.0.1, seeded through the API,
# then wrk for a fixed time per scenario (after a warm-up: WARMUP seconds, default 30), next to a hand-written minimal SQLite endpoint as the yardstick.
# Logging stays at its production default (Information, one line per request). Everything it starts it stops. Usage: tests/load/run.sh [seconds-per-scenario] [connections]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration="${1:-10}"; connections="${2:-32}"; warmup="${WARMUP:-30}"
app_port=5199; base_port=5198
work=$(mktemp -d); pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
# Published as for production: for this runtime and precompiled (ReadyToRun), as docs/operations.md says.
dotnet publish src/FineTuneAdvisor.Web -c Release -r linux-x64 --self-contained false -o "$work/app" >/dev/null

ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Default="Data Source=$work/advisor.db" \
  RateLimiting__SharedLinksPerMinute=100000000 RateLimiting__ApiWritesPerMinute=100000000 \
  "$work/app/FineTuneAdvisor.Web" --contentRoot "$work/app" --urls "http://127.0.0.1:$app_port" >"$work/app.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$app_port/healthz" >/dev/null && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$app_port/healthz" >/dev/null || { echo "The app did not start:"; cat "$work/app.log"; exit 1; }

echo "Seeding ${SEED:-500} assessments through the API…"
body=$(sed -n "s/.*template = '\(.*\)'$/\1/p" tests/load/post-assessment.lua)
: > "$work/tokens.txt"
for i in $(seq 1 "${SEED:-500}"); do
  response=$(printf "${body}" "$((i * 37))" | curl -sS -w '\n%{http_code}' -H 'Content-Type: application/json' \
    --data-binary @- "http://127.0.0.1:$app_port/api/assessments")
  code="${response##*$'\n'}"
  [ "$code" = 201 ] || { echo "Seeding failed with HTTP $code: ${response%$'\n'*}"; tail -20 "$work/app.log"; exit 1; }
  sed -n 's/.*"shareToken":"\([^"]*\)".*/\1/p' <<<"${response%$'\n'*}" >> "$work/tokens.txt"
done
echo "$(wc -l < "$work/tokens.txt") tokens"

BASELINE_DB="$work/advisor.db" BASELINE_WRITE_DB="$work/floor-writes.db" dotnet run tests/load/baseline.cs -c Release -- --urls "http://127.0.0.1:$base_port" >"$work/baseline.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do curl -fs -o /dev/null "http://127.0.0.1:$base_port/a/$(head -n1 "$work/tokens.txt")" && break; sleep 0.5; done

declare -A rate
run() { # key, name, url, [lua script, script args…]
  local key="$1" name="$2" url="$3" out="$work/wrk-$RANDOM.txt"; shift 3
  local script=(); if [ $# -gt 0 ]; then script=(-s "$1"); shift; fi
  # Warm up first: the JIT's first tier and cold caches would otherwise be measured. The app's tiered JIT keeps
  # recompiling hot methods for about 25 s of POST load on 2 cores (dotnet-counters: dotnet.jit.compilation.time),
  # so each scenario warms up for $warmup s (default 30), the floor as long as the app.
  wrk -t2 -c"$connections" -d"${warmup}s" "${script[@]}" "$url" ${1+--} "$@" > /dev/null
  wrk -t2 -c"$connections" -d"${duration}s" --latency "${script[@]}" "$url" ${1+--} "$@" > "$out"
  rate[$key]=$(awk '/Requests\/sec/ {print $2}' "$out")
  printf '%-34s %10s req/s   p50 %8s   p99 %8s   non-2xx %s\n' "$name" "${rate[$key]}" \
    "$(awk '$1=="50%" {print $2}' "$out")" \
    "$(awk '$1=="99%" {print $2}' "$out")" \
    "$(awk '/Non-2xx/ {print $NF}' "$out" | grep . || echo 0)"
}
ratio() { # label, key, yardstick key, target
  [ -n "${rate[$2]:-}" ] && [ -n "${rate[$3]:-}" ] || return 0
  awk -v a="${rate[$2]}" -v b="${rate[$3]}" -v l="$1" -v t="$4" 'BEGIN { printf "%-44s %5.2f×  (target %s)\n", l, a / b, t }'
}

echo "wrk: ${duration}s per scenario after ${warmup}s of warm-up, $connections connections, 2 threads, all on 127.0.0.1"
[ -n "${ONLY_POST:-}" ] || run floor_get "floor GET /a/{token}"            "http://127.0.0.1:$base_port" tests/load/random-token.lua "$work/tokens.txt" /a/
[ -n "${ONLY_POST:-}" ] || run share     "share page GET /a/{token}"       "http://127.0.0.1:$app_port"  tests/load/random-token.lua "$work/tokens.txt" /a/
[ -n "${ONLY_POST:-}" ] || run api_get   "API GET /api/assessments/…"      "http://127.0.0.1:$app_port"  tests/load/random-token.lua "$work/tokens.txt" /api/assessments/
[ -n "${ONLY_POST:-}" ] || run not_found "unknown token GET (404)"         "http://127.0.0.1:$app_port/a/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
run floor_post "floor POST /api/assessments"   "http://127.0.0.1:$base_port/api/assessments" tests/load/post-assessment.lua
run post       "API POST /api/assessments"     "http://127.0.0.1:$app_port/api/assessments"  tests/load/post-assessment.lua

echo "Ratios in this run:"
ratio "share page / floor GET"    share     floor_get  "≥ 0.8, p99 ≤ 10 ms"
ratio "API GET / floor GET"       api_get   floor_get  "≥ 0.8, p99 ≤ 10 ms"
ratio "unknown-token 404 / share page" not_found share "≥ 0.5"
ratio "API POST / floor POST"     post      floor_post "≥ 3, p99 ≤ 50 ms"
grep -c "database is locked" "$work/app.log" | xargs -I{} echo "'database is locked' in the app log: {}"
