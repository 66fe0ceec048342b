"""The DATABASES entries, from the environment (used by settings.py; kept apart to be tested)."""

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dj_database_url

PRIMARY = "default"
REPLICA = "replica"


def _flag(value: str | None) -> bool:
    return (value or "0").lower() in {"1", "true", "yes", "on"}


def databases(environ: Mapping[str, str], *, base_dir: Path) -> dict[str, dict[str, Any]]:
    """`default` from DATABASE_URL (SQLite in the project folder without it) and, when
    DATABASE_REPLICA_URL is set, `replica`: a read-only copy the router sends reads to
    (tandem/db_routing.py). DATABASE_POOL=1 gives each PostgreSQL alias Django's own connection
    pool (DATABASE_POOL_SIZE connections at most per process, default 4: one per gunicorn
    thread), instead of a connection per request, or one per thread with CONN_MAX_AGE.
    DATABASE_TRANSACTION_POOLING=1 says the URLs lead to a pooler such as PgBouncer in
    transaction mode, where a cursor cannot outlive its transaction."""
    pool = _flag(environ.get("DATABASE_POOL"))
    # Django refuses persistent connections with a pool: the pool keeps them.
    conn_max_age = 0 if pool else int(environ.get("CONN_MAX_AGE", "0"))
    urls = {PRIMARY: environ.get("DATABASE_URL") or f"sqlite:///{base_dir / 'db.sqlite3'}"}
    if environ.get("DATABASE_REPLICA_URL"):
        urls[REPLICA] = environ["DATABASE_REPLICA_URL"]
    result = {
        alias: dict(dj_database_url.parse(url, conn_max_age=conn_max_age))
        for alias, url in urls.items()
    }
    for alias, database in result.items():
        if database["ENGINE"] == "django.db.backends.sqlite3":
            # A web server and a worker write at the same time: take the write lock when a
            # transaction starts (a deferred one that later writes fails at once with "database
            # is locked"), wait for it rather than fail, and let readers carry on while someone
            # writes (WAL).
            database["OPTIONS"] = {
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "timeout": 20,
            }
        elif pool and database["ENGINE"] == "django.db.backends.postgresql":
            size = int(environ.get("DATABASE_POOL_SIZE", "4"))
            database.setdefault("OPTIONS", {})["pool"] = {
                "min_size": 1,
                "max_size": size,
                "timeout": 10,
            }
        if _flag(environ.get("DATABASE_TRANSACTION_POOLING")):
            database["DISABLE_SERVER_SIDE_CURSORS"] = True
        if alias == REPLICA:
            # The test suite never makes a second test database: the replica is the primary's.
            database["TEST"] = {"MIRROR": PRIMARY}
    return result
