"""The audit trail refuses change at the database too, not only in the ORM (models.AuditEvent).

On PostgreSQL and SQLite, triggers on the audit table refuse every UPDATE and DELETE (and, on
PostgreSQL, TRUNCATE), so neither a bug, a raw SQL statement nor a Django shell can rewrite who
saw what. The one exception is emptying the whole database at once, which only the test suite
does between tests (`emptying_whole_database`); a production deployment never does.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "audit_auditevent"
MESSAGE = "Audit events cannot be changed or removed: the audit trail only ever grows."
# PostgreSQL: the setting a session sets to empty the whole database (TRUNCATE) at once.
EMPTYING_SETTING = "tandem.audit_emptying"
# SQLite: the function the DELETE trigger asks, registered on every connection (apps.py).
SQLITE_FUNCTION = "tandem_audit_emptying"

_emptying: ContextVar[bool] = ContextVar("audit_emptying", default=False)

POSTGRESQL_CREATE = f"""
CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' AND current_setting('{EMPTYING_SETTING}', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_refuse_update_delete BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_refuse_truncate BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
"""

POSTGRESQL_DROP = f"""
DROP TRIGGER IF EXISTS audit_refuse_truncate ON {TABLE};
DROP TRIGGER IF EXISTS audit_refuse_update_delete ON {TABLE};
DROP FUNCTION IF EXISTS audit_refuse_change();
"""

# An unregistered function (the sqlite3 shell) is an error, so the DELETE is refused there too.
SQLITE_CREATE = [
    f"""CREATE TRIGGER audit_refuse_update BEFORE UPDATE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    f"""CREATE TRIGGER audit_refuse_delete BEFORE DELETE ON {TABLE}
    WHEN NOT {SQLITE_FUNCTION}()
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
]

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_refuse_update;",
    "DROP TRIGGER IF EXISTS audit_refuse_delete;",
]


def create_triggers(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_CREATE)
    elif vendor == "sqlite":
        for statement in SQLITE_CREATE:
            schema_editor.execute(statement)


def drop_triggers(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_DROP)
    elif vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


def register_sqlite_function(sender, connection: BaseDatabaseWrapper, **kwargs) -> None:
    """On each new SQLite connection: the function the DELETE trigger asks."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            SQLITE_FUNCTION, 0, lambda: int(_emptying.get()), deterministic=False
        )


@contextmanager
def emptying_whole_database(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Let the audit table be emptied with every other table: for the test suite's flush
    between tests only (conftest.py). Rows one by one stay refused on PostgreSQL."""
    token = _emptying.set(True)
    try:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, 'on', false)", [EMPTYING_SETTING])
        yield
    finally:
        _emptying.reset(token)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, '', false)", [EMPTYING_SETTING])
