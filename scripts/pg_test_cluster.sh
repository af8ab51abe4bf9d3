#!/usr/bin/env bash
# A throwaway PostgreSQL + PostGIS cluster for the shared-register tests.
#
#   bash scripts/pg_test_cluster.sh start DIR [PORT|auto]   -> prints the DSN on stdout
#   bash scripts/pg_test_cluster.sh stop DIR
#   bash scripts/pg_test_cluster.sh run -- COMMAND [ARGS...]
#       (make test): COMMAND with DIGONCE_PG_DSN set to a cluster in a new temporary folder,
#       stopped and removed afterwards whatever COMMAND returns; COMMAND's exit status is kept.
#       With DIGONCE_PG_DSN already set, that server is used and nothing is started. When no
#       cluster can be started, COMMAND runs without one (the tests say why they skip; under
#       CI=true they fail).
#
# The cluster lives in DIR (made if missing), listens on 127.0.0.1:PORT and on a socket in DIR,
# trusts local connections (it holds only test data and dies with the test run) and has a
# database "digonce_test" with PostGIS. Run as root, the server runs as the "postgres" user
# (initdb refuses root). Nothing outside DIR is touched; no system cluster is started.
set -u -o pipefail

die() { echo "pg_test_cluster: $*" >&2; exit 1; }

cmd="${1:-}"
if [ "$cmd" = "run" ]; then
  shift
  [ "${1:-}" = "--" ] && shift
  [ "$#" -gt 0 ] || die "usage: $0 run -- COMMAND [ARGS...]"
  if [ -n "${DIGONCE_PG_DSN:-}" ]; then
    exec "$@"
  fi
  tmp="$(mktemp -d "${TMPDIR:-/tmp}/digonce-pg.XXXXXX")" || die "cannot make a temporary folder."
  cleanup() { bash "$0" stop "$tmp" >/dev/null 2>&1; rm -rf "$tmp"; }
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  if dsn="$(bash "$0" start "$tmp" auto)"; then
    export DIGONCE_PG_DSN="$dsn"
    echo "pg_test_cluster: PostgreSQL for the register tests at $dsn" >&2
  else
    echo "pg_test_cluster: no PostgreSQL for the register tests (see above): they skip, or fail under CI=true." >&2
  fi
  "$@"
  exit $?
fi
dir="${2:-}"
port="${3:-auto}"
[ -n "$cmd" ] && [ -n "$dir" ] || die "usage: $0 start|stop DIR [PORT|auto] | run -- COMMAND"

bindir=""
for candidate in "${DIGONCE_PG_BINDIR:-}" /usr/lib/postgresql/15/bin /usr/lib/postgresql/16/bin /usr/lib/postgresql/17/bin; do
  if [ -n "$candidate" ] && [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then
    bindir="$candidate"
    break
  fi
done
if [ -z "$bindir" ] && command -v pg_ctl >/dev/null 2>&1; then
  bindir="$(dirname "$(command -v pg_ctl)")"
fi

as_owner() {
  # The server must not run as root: use the postgres account, which owns DIR.
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$cmd" in
  start)
    [ -n "$bindir" ] || die "PostgreSQL's initdb/pg_ctl not found: install postgresql-15 and postgresql-15-postgis-3 (sudo bash scripts/setup.sh)."
    if [ "$port" = "auto" ]; then
      port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')" \
        || die "could not find a free local port."
    fi
    mkdir -p "$dir" || die "cannot make $dir."
    dir="$(cd "$dir" && pwd)"
    if [ "$(id -u)" = "0" ]; then
      id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' user (made by the postgresql package)."
      chown postgres: "$dir"
    fi
    data="$dir/data"
    if [ ! -f "$data/PG_VERSION" ]; then
      as_owner "$bindir/initdb" -D "$data" --username=postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1 || die "initdb failed (see $dir/initdb.log)."
    fi
    if ! as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      as_owner "$bindir/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
        start >/dev/null 2>&1 || die "the server did not start (see $dir/server.log)."
      echo "$port" > "$dir/port"
    fi
    port="$(cat "$dir/port")"
    psql_() { "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@"; }
    if ! psql_ -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'digonce_test'" | grep -q 1; then
      psql_ -d postgres -c "CREATE DATABASE digonce_test" >/dev/null || die "could not create database digonce_test."
    fi
    psql_ -d digonce_test -c "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null 2>"$dir/postgis.log" \
      || die "PostGIS is not installed for this PostgreSQL (see $dir/postgis.log): install postgresql-15-postgis-3."
    echo "host=127.0.0.1 port=$port dbname=digonce_test user=postgres"
    ;;
  stop)
    data="$dir/data"
    if [ -n "$bindir" ] && [ -f "$data/postmaster.pid" ]; then
      as_owner "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || die "could not stop the server in $data."
    fi
    ;;
  *)
    die "usage: $0 start|stop DIR [PORT|auto]"
    ;;
esac
