#!/usr/bin/env bash
# The one test command: installs and starts what the tests need on a fresh machine, then runs every test
# (unit, integration, browser) on SQLite, and the web integration suite a second time on PostgreSQL.
# CI runs exactly this through .ci/run.
set -euo pipefail
cd "$(dirname "$0")"

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then $SUDO apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

# Browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests…"
  apt_install chromium
fi

# Commands as the postgres superuser (peer authentication over the local socket), from a folder it may read.
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else (cd / && sudo -u postgres "$@"); fi
}

# PostgreSQL 15 (Debian's) for the second run of the web suite, on loopback only: its cluster listens on localhost
# and admits 127.0.0.1 with a password (scram-sha-256, Debian's pg_hba.conf). The tests make a database per test
# host and drop it afterwards. Each step checks first, so a second run, or a server already running, changes nothing.
if [ ! -x /usr/lib/postgresql/15/bin/postgres ]; then
  echo "Installing Debian's PostgreSQL 15…"
  apt_install postgresql postgresql-15
fi
[ -d /etc/postgresql/15/main ] || $SUDO pg_createcluster 15 main >/dev/null
if ! pg_lsclusters -h 2>/dev/null | awk '$1 == 15 && $2 == "main" { print $4 }' | grep -qx online; then
  echo "Starting PostgreSQL 15…"
  $SUDO pg_ctlcluster 15 main start
fi
# The tests' role may create databases and owns nothing else; its password only ever meets 127.0.0.1. It is (re)set
# on every run, so a role left with another password by hand does not fail the suite.
if as_postgres psql -XtAq -c "SELECT 1 FROM pg_roles WHERE rolname = 'fta'" | grep -qx 1; then
  as_postgres psql -Xq -c "ALTER ROLE fta LOGIN PASSWORD 'fta' CREATEDB"
else
  as_postgres psql -Xq -c "CREATE ROLE fta LOGIN PASSWORD 'fta' CREATEDB"
fi
# Its own database, where `psql -h 127.0.0.1 -U fta` lands (the tests make theirs from the server's postgres database).
if ! as_postgres psql -XtAq -c "SELECT 1 FROM pg_database WHERE datname = 'fta'" | grep -qx 1; then
  as_postgres createdb -O fta fta
fi
export FTA_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Username=fta;Password=fta"

# Redis (Debian's) on loopback with nothing persisted: the tests of instances that share a cache and rate limits
# through it (each test under a key prefix of its own, so runs and tests never see each other's keys).
if ! command -v redis-server >/dev/null; then
  echo "Installing Debian's redis-server…"
  apt_install redis-server
fi
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  redis-server --bind 127.0.0.1 --port 6379 --save '' --appendonly no --daemonize yes >/dev/null
  for _ in $(seq 1 50); do
    redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break
    sleep 0.1
  done
fi
redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null || { echo "Redis did not start on 127.0.0.1:6379" >&2; exit 1; }
export FTA_TEST_REDIS="127.0.0.1:6379"
# PostgreSQL and Redis keep running afterwards, like the system services they are: another test run may be using them.
# Stop them with: pg_ctlcluster 15 main stop; redis-cli -h 127.0.0.1 shutdown

dotnet tool restore >/dev/null
results="artifacts/test-results"
rm -rf "$results"

status=0
started=$SECONDS
# Everything once on SQLite; the tests that need a PostgreSQL server wait for the second run.
FTA_TEST_DATABASE=Sqlite dotnet test FineTuneAdvisor.sln --configuration Release --filter "Database!=PostgresOnly" \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" || status=$?
sqlite_seconds=$((SECONDS - started))

# The web integration suite again on PostgreSQL, without the tests of the SQLite file itself.
started=$SECONDS
FTA_TEST_DATABASE=Postgres dotnet test tests/FineTuneAdvisor.Web.Tests --configuration Release --no-build --filter "Database!=SqliteOnly" \
  --logger "trx;LogFileName=web-tests-postgres.trx" --logger "console;verbosity=minimal" --results-directory "$results" || status=$?
postgres_seconds=$((SECONDS - started))
echo "Time: ${sqlite_seconds} s on SQLite (every project), ${postgres_seconds} s on PostgreSQL (web suite)"

# One closing line that any reader can check: totals over every test project and both runs.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); passed=$((passed + ${p:-0}))
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters"); failed=$((failed + ${f:-0}))
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters"); skipped=$((skipped + ${n:-0}))
done
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ] || [ "$skipped" -ne 0 ]; then
  echo "No test ran, or some were skipped: that is a failure here." >&2
  status=1
fi
exit "$status"
