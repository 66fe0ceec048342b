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

# pytest exits 5 when it collected no tests: that is a failure here, not a pass.
run_pytest() {
    local status=0
    # The slowest tests are listed at the end of each pass, to see where the time goes.
    .venv/bin/pytest --durations=25 "$@" || status=$?
    if [ "$status" = 5 ]; then
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
# mid-run, with three exceptions that run once, in the SQLite pass, because running them twice
# made the suite too slow and the database behind them changes nothing they check:
# - the browser tests, which drive the pages (and axe checks them) through a live server;
# - the access matrix (tandem/tests/test_access_matrix.py: every URL × role × method), whose
#   access rules are the apps' own queries, which their own refusal tables try on both;
# - tests that never reach the database (`--database-tests-only`, see conftest.py).
LOGS="$(mktemp -d /tmp/tandem-test-logs.XXXXXX)"
start_postgres
echo "==> pytest on SQLite and on PostgreSQL, side by side"
run_pytest "$@" >"$LOGS/sqlite.log" 2>&1 &
sqlite_pid=$!
postgresql_pass() {
    # Only tests that run once asked for (`make test` passes its arguments to pytest): nothing
    # to run here.
    local arg only_once=$#
    for arg in "$@"; do
        case "$arg" in tests/browser* | tandem/tests/test_access_matrix.py*) ;; *) only_once=0 ;; esac
    done
    if [ "$only_once" != 0 ]; then
        echo "Only browser tests or the access matrix were asked for: they run in the SQLite pass."
        return 0
    fi
    DATABASE_URL="postgres://app:app@127.0.0.1:$PG_PORT/app" run_pytest --ignore=tests/browser \
        --ignore=tandem/tests/test_access_matrix.py --database-tests-only "$@"
}
postgresql_pass "$@" >"$LOGS/postgresql.log" 2>&1 &
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
