"""DATABASES from the environment: the replica alias and Django's connection pool."""

from pathlib import Path

from tandem.database_settings import databases

PRIMARY_URL = "postgres://app:secret@db.internal:5432/tandem"
REPLICA_URL = "postgres://app:secret@replica.internal:5432/tandem"


def test_it_has_no_replica_unless_one_is_given():
    assert list(databases({"DATABASE_URL": PRIMARY_URL}, base_dir=Path("/srv"))) == ["default"]


def test_it_reads_the_replica_url_as_the_primary_url_is_read():
    configured = databases(
        {"DATABASE_URL": PRIMARY_URL, "DATABASE_REPLICA_URL": REPLICA_URL}, base_dir=Path("/srv")
    )
    assert configured["replica"]["HOST"] == "replica.internal"
    assert configured["replica"]["ENGINE"] == configured["default"]["ENGINE"]
    # The test suite never makes a second test database for it.
    assert configured["replica"]["TEST"] == {"MIRROR": "default"}


def test_it_pools_postgresql_connections_when_asked_instead_of_keeping_one_per_thread():
    environ = {"DATABASE_URL": PRIMARY_URL, "DATABASE_POOL": "1", "CONN_MAX_AGE": "60"}
    configured = databases(environ, base_dir=Path("/srv"))["default"]
    assert configured["OPTIONS"]["pool"]["max_size"] == 4
    # Django refuses a pool with persistent connections: the pool keeps them instead.
    assert configured["CONN_MAX_AGE"] == 0

    pooled = databases({**environ, "DATABASE_POOL_SIZE": "8"}, base_dir=Path("/srv"))
    assert pooled["default"]["OPTIONS"]["pool"]["max_size"] == 8


def test_it_keeps_one_connection_per_thread_without_a_pool():
    configured = databases({"DATABASE_URL": PRIMARY_URL, "CONN_MAX_AGE": "60"}, base_dir=Path("/x"))
    assert "pool" not in configured["default"].get("OPTIONS", {})
    assert configured["default"]["CONN_MAX_AGE"] == 60


def test_it_defaults_to_sqlite_in_the_project_folder_ready_for_simultaneous_writers():
    configured = databases({}, base_dir=Path("/srv/tandem"))["default"]
    assert configured["NAME"] == "/srv/tandem/db.sqlite3"
    assert configured["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    # A pool is for PostgreSQL only.
    assert (
        "pool" not in databases({"DATABASE_POOL": "1"}, base_dir=Path("/x"))["default"]["OPTIONS"]
    )


def test_it_keeps_cursors_inside_transactions_behind_a_transaction_pooler():
    environ = {"DATABASE_URL": PRIMARY_URL, "DATABASE_REPLICA_URL": REPLICA_URL}
    plain = databases(environ, base_dir=Path("/x"))
    assert not plain["default"].get("DISABLE_SERVER_SIDE_CURSORS")
    pooled = databases({**environ, "DATABASE_TRANSACTION_POOLING": "1"}, base_dir=Path("/x"))
    assert pooled["default"]["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert pooled["replica"]["DISABLE_SERVER_SIDE_CURSORS"] is True
