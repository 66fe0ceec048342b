#!/usr/bin/env bash
# Everything `make test` checks: lint and types, then the whole pytest suite (unit, view, browser)
# on SQLite and on a throwaway PostgreSQL, side by side. Installs the Debian packages it needs when run
# as root on a fresh machine (as CI does).
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/system-packages.sh
source scripts/system-packages.sh

# shellcheck source=scripts/throwaway-postgres.sh
source scripts/throwaway-postgres.sh
trap stop_postgres EXIT

# pytest exits 5 when it selected no tests: a failure for the whole suite, but not when the tests
# asked for (`make test` passes its arguments to pytest) all belong to the other pass.
run_pytest() {
    local status=0
    # The slowest tests are listed at the end of each pass, to see where the time goes.
    .venv/bin/pytest --durations=25 "$@" || status=$?
    if [ "$status" = 5 ]; then
        if [ "$#" -gt 1 ]; then
            echo "None of the tests asked for run in this pass."
            return 0
        fi
        echo "pytest collected no tests" >&2
        return 1
    fi
    return "$status"
}

install_system_packages

echo "==> Python dependencies and assets"
make --no-print-directory setup assets

echo "==> ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

echo "==> mypy"
# The django-stubs plugin loads the settings, which refuse to start without a key.
SECRET_KEY=typecheck-only-key .venv/bin/mypy

# Tests run with DEBUG off, as in production, with a throwaway key and unhashed static files
# (the manifest storage needs collectstatic).
export SECRET_KEY=test-only-key
export STATICFILES_BACKEND=django.contrib.staticfiles.storage.StaticFilesStorage
unset DEBUG DATABASE_URL

# The two passes run side by side, one on each core, each into its own log; the logs are shown
# one after the other, and the run fails if either pass failed. Every test that reaches the
# database runs on both, including the real servers' simultaneous submits and the worker killed
# mid-run; the tests that run once (the browser tests, the access matrix, the pages whose queries
# the other pass runs through their services, the tests that never reach the database) are shared
# between the passes to balance their time: the lists are in conftest.py.
LOGS="$(mktemp -d /tmp/tandem-test-logs.XXXXXX)"
start_postgres
echo "==> pytest on SQLite and on PostgreSQL, side by side"
run_pytest --database-pass=sqlite "$@" >"$LOGS/sqlite.log" 2>&1 &
sqlite_pid=$!
DATABASE_URL="postgres://app:app@127.0.0.1:$PG_PORT/app" \
    run_pytest --database-pass=postgresql "$@" >"$LOGS/postgresql.log" 2>&1 &
postgresql_pid=$!
sqlite_status=0
postgresql_status=0
wait "$sqlite_pid" || sqlite_status=$?
wait "$postgresql_pid" || postgresql_status=$?

echo "==> pytest on SQLite"
cat "$LOGS/sqlite.log"
echo "==> pytest on PostgreSQL"
cat "$LOGS/postgresql.log"
rm -rf "$LOGS"
if [ "$sqlite_status" != 0 ] || [ "$postgresql_status" != 0 ]; then
    echo "==> Failed: SQLite pass exited $sqlite_status, PostgreSQL pass exited $postgresql_status" >&2
    exit 1
fi
echo "==> All checks passed"
