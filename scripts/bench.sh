#!/usr/bin/env bash
# `make bench`: the HTTP benchmark (bench/harness.py) end to end on a throwaway PostgreSQL: start
# it, migrate, generate PEOPLE people (10,000 by default), serve Tandem with gunicorn, measure,
# write the report to bench/results/, and remove the database. Extra arguments go to the harness
# (e.g. scripts/bench.sh --clients 8). Installs PostgreSQL when run as root on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/system-packages.sh
source scripts/system-packages.sh
# shellcheck source=scripts/throwaway-postgres.sh
source scripts/throwaway-postgres.sh
trap stop_postgres EXIT

install_system_packages
# Memory for the planner and the bulk load: a 1M-person database is about 20 GB.
start_postgres -c shared_buffers=512MB -c maintenance_work_mem=512MB -c max_wal_size=4GB \
    -c checkpoint_timeout=30min
# The throwaway database's own role may bulk-load without a foreign-key check per row (bench/load.py).
"$PG_BIN/psql" -q -h "$PGDATA_DIR" -p "$PG_PORT" -U postgres -c "ALTER ROLE app SUPERUSER"
echo "==> PostgreSQL on port $PG_PORT (removed when the benchmark ends)"
.venv/bin/python -m bench.harness --people "${PEOPLE:-10000}" \
    --database-url "postgres://app:app@127.0.0.1:$PG_PORT/app" "$@"
