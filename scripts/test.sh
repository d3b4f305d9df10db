#!/usr/bin/env bash
# The whole test suite on PostgreSQL (a throwaway cluster, or DATABASE_URL when set), then again
# on SQLite. Browser tests drive headless Chromium in both runs.
set -euo pipefail
cd "$(dirname "$0")/.."

# Two workers by default (the 2-core machine); PYTEST_WORKERS=0 runs in one process.
pytest_args=(-n "${PYTEST_WORKERS:-2}" "$@")
cluster=""

stop_cluster() {
  if [ -n "$cluster" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$cluster/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$cluster"
  fi
}
trap stop_cluster EXIT

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_cluster() {
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$pg_bin" ]; then
    echo "PostgreSQL server not found: run make test as root once, or set DATABASE_URL." >&2
    exit 1
  fi
  cluster=$(mktemp -d /tmp/aktywizacja-pg.XXXXXX)
  chmod 755 "$cluster"
  [ "$(id -u)" -eq 0 ] && chown postgres "$cluster"
  port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_postgres "$pg_bin/initdb" -D "$cluster/data" -U aktywizacja --auth=trust -E UTF8 \
    --locale=C.UTF-8 --locale-provider=icu --icu-locale=pl-PL >/dev/null
  as_postgres "$pg_bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w \
    -o "-p $port -k $cluster -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
  as_postgres "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U aktywizacja aktywizacja
  export DATABASE_URL="postgres://aktywizacja@127.0.0.1:$port/aktywizacja"
  echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') started on port $port"
}

echo "== Lint, layers and migrations"
.venv/bin/ruff check .
.venv/bin/lint-imports
env -u DATABASE_URL .venv/bin/python manage.py makemigrations --check --dry-run

if [ -z "${DATABASE_URL:-}" ]; then
  start_cluster
fi

echo "== The whole suite on PostgreSQL"
.venv/bin/pytest "${pytest_args[@]}"

echo "== The whole suite on SQLite"
env -u DATABASE_URL .venv/bin/pytest "${pytest_args[@]}"
