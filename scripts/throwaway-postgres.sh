# A throwaway PostgreSQL server for one run: a fresh data directory under /tmp, a free port,
# fsync off (nothing in it needs to survive a crash), a role and database `app`. Sourced by
# scripts/test.sh (`make test`) and scripts/bench.sh (`make bench`): call start_postgres, then use
# postgres://app:app@127.0.0.1:$PG_PORT/app; stop_postgres (run it from an EXIT trap) removes it.
# Works as root (as on a fresh CI machine: the server runs as the postgres user) or as anyone else.

free_port() {
    .venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Run a PostgreSQL command as the postgres user when we are root (initdb refuses to run as root).
as_postgres() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

PGDATA_DIR=""
PG_BIN=""
stop_postgres() {
    if [ -n "$PGDATA_DIR" ] && [ -f "$PGDATA_DIR/postmaster.pid" ]; then
        as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m immediate -w stop >/dev/null || true
    fi
    [ -n "$PGDATA_DIR" ] && rm -rf "$PGDATA_DIR"
    return 0
}

# Extra server settings may be passed as arguments, e.g. start_postgres -c shared_buffers=512MB.
start_postgres() {
    PG_BIN="$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")"
    PGDATA_DIR="$(mktemp -d /tmp/tandem-pg.XXXXXX)"
    PG_PORT="$(free_port)"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDATA_DIR"
    as_postgres "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -w -l "$PGDATA_DIR/server.log" \
        -o "-p $PG_PORT -k $PGDATA_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off $*" \
        start >/dev/null
    # CREATEDB: pytest-django creates (and drops) the test database test_app.
    "$PG_BIN/psql" -q -h "$PGDATA_DIR" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 \
        -c "CREATE ROLE app LOGIN PASSWORD 'app' CREATEDB" -c "CREATE DATABASE app OWNER app"
    export PG_PORT
}
