"""Writing generated rows fast: `COPY` on PostgreSQL, one prepared `INSERT` elsewhere.

The generator (bench/generate.py) describes rows as plain dicts of column values; a `Loader`
gives each row its id up front (from the table's largest id, so rows can point at rows not yet
written, in any order) and writes what it holds when `flush` is called, in one transaction. The
database's foreign keys are checked at commit (Django makes them deferrable), so the order rows
are written in within a flush does not matter. After loading, `finish` moves each table's id
sequence past the ids used and refreshes the planner's statistics.

Rows are written as given, timestamps included: `auto_now_add` fields keep the dates the
generator chose (years of history), not the moment of loading. Writing bypasses the models'
`save` and the ORM's bulk_create (too slow for millions of rows), so rows must be valid as given:
the generator's test checks them through the plan rules.
"""

import datetime
import json
import sys
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction
from django.utils import timezone


class Loader:
    def __init__(self) -> None:
        self.copying = connection.vendor == "postgresql"
        self._next_id: dict[type[models.Model], int] = {}
        self._rows: dict[type[models.Model], list[dict[str, Any]]] = defaultdict(list)
        self._columns: dict[type[models.Model], list[tuple[models.Field, Any, bool]]] = {}
        self.written: dict[str, int] = defaultdict(int)
        self._superuser: bool | None = None

    def new_id(self, model: type[models.Model]) -> int:
        """The next id of `model`'s table, reserved for a row about to be added."""
        if model not in self._next_id:
            largest = model._base_manager.aggregate(m=models.Max("pk"))["m"] or 0
            self._next_id[model] = largest + 1
        pk = self._next_id[model]
        self._next_id[model] = pk + 1
        return pk

    def add(self, model: type[models.Model], **values: Any) -> int:
        """Hold a row of `model` (columns by attname: `person_id`, not `person`) and return its
        id. Columns left out take the field's default."""
        if "id" not in values and model._meta.pk.attname == "id":
            values["id"] = self.new_id(model)
        self._rows[model].append(values)
        return values.get("id", 0)

    def _may_skip_checks(self) -> bool:
        """On PostgreSQL as a superuser (the benchmark's throwaway server), foreign keys need
        not be checked row by row while loading; anyone else's load is checked as usual."""
        if self._superuser is None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                self._superuser = bool(cursor.fetchone()[0])
        return self._superuser

    @property
    def held(self) -> int:
        return sum(len(rows) for rows in self._rows.values())

    def flush(self) -> int:
        """Write every row held, in one transaction; returns how many."""
        count = 0
        with transaction.atomic():
            if self.copying and self._may_skip_checks():
                with connection.cursor() as cursor:
                    # A superuser's bulk load: no foreign-key trigger per row (the rows are
                    # valid by construction, and checked so in tests/test_bench_data.py).
                    cursor.execute("SET LOCAL session_replication_role = replica")
            for model, rows in self._rows.items():
                if not rows:
                    continue
                if self.copying:
                    self._copy(model, rows)
                else:
                    self._insert(model, rows)
                self.written[model._meta.label] += len(rows)
                count += len(rows)
        self._rows.clear()
        return count

    def _fields(self, model: type[models.Model]) -> list[tuple[models.Field, Any, bool]]:
        """Each column's field; its default where it is the same for every row; and whether
        its values need the database's conversion (dates, uuids, JSON, decimals)."""
        if model not in self._columns:
            columns = []
            for f in model._meta.concrete_fields:
                if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                    constant = _NOW
                elif (
                    f.has_default() and callable(f.default) and not isinstance(f, models.JSONField)
                ):
                    constant = _PER_ROW  # uuid4: a new value for each row
                else:
                    constant = f.get_default()
                columns.append((f, constant, isinstance(f, _CONVERTED)))
            self._columns[model] = columns
        return self._columns[model]

    def _values(self, model: type[models.Model], rows: list[dict[str, Any]]) -> Iterator[list]:
        """Each row's values in column order, defaults filled in, converted for the database
        (COPY takes Python's dates and uuids as they are; JSON goes as psycopg's Jsonb)."""
        fields = self._fields(model)
        now = timezone.now()
        convert = _converter(self.copying)
        for row in rows:
            values = []
            for f, constant, converted in fields:
                value = row.get(f.attname, constant)
                if value is _PER_ROW:
                    value = f.get_default()
                elif value is _NOW:
                    value = now
                if converted and value is not None:
                    value = convert(f, value)
                values.append(value)
            yield values

    def _copy(self, model: type[models.Model], rows: list[dict[str, Any]]) -> None:
        names = ", ".join(connection.ops.quote_name(f.column) for f, _, _ in self._fields(model))
        table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg's own cursor, inside Django's transaction
            with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for values in self._values(model, rows):
                    copy.write_row(values)

    def _insert(self, model: type[models.Model], rows: list[dict[str, Any]]) -> None:
        """One prepared INSERT run for every row (far faster than bulk_create, which builds
        a model instance and compiles SQL for each batch)."""
        fields = self._fields(model)
        names = ", ".join(connection.ops.quote_name(f.column) for f, _, _ in fields)
        table = connection.ops.quote_name(model._meta.db_table)
        marks = ", ".join(["%s"] * len(fields))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({marks})", self._values(model, rows)
            )

    def finish(self) -> None:
        """After loading: ids carry on after the largest used, and the planner knows the data."""
        if not self.copying:
            return
        with connection.cursor() as cursor:
            for model in self._next_id:
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                    f"(SELECT COALESCE(MAX(id), 1) FROM {connection.ops.quote_name(table)}))",
                    [table],
                )
            # Fresh planner statistics after a bulk load, as autovacuum would gather.
            cursor.execute("ANALYZE")


_PER_ROW = object()
_NOW = object()
_CONVERTED = (
    models.DateField,  # DateTimeField too
    models.UUIDField,
    models.JSONField,
    models.DecimalField,
)


def _converter(copying: bool) -> Callable[[models.Field, Any], Any]:
    """How a value is put in the database's form: COPY takes Python's dates, uuids and decimals
    as they are (JSON as psycopg's Jsonb); SQLite takes the text Django would store, made here
    without the ORM's per-value overhead; any other database gets the ORM's own conversion."""
    db = connections[DEFAULT_DB_ALIAS]
    if copying:
        from psycopg.types.json import Jsonb

        return lambda f, v: Jsonb(v) if isinstance(f, models.JSONField) else v
    if db.vendor != "sqlite":
        return lambda f, v: f.get_db_prep_save(v, db)

    def to_sqlite(f: models.Field, v: Any) -> Any:
        if isinstance(v, datetime.datetime):
            return str(v.astimezone(datetime.UTC).replace(tzinfo=None))
        if isinstance(v, datetime.date):
            return v.isoformat()
        if isinstance(v, uuid.UUID):
            return v.hex
        if isinstance(v, Decimal):
            return str(v)
        return json.dumps(v) if isinstance(f, models.JSONField) else v

    return to_sqlite


class Progress:
    """A progress line on stderr, redrawn in place: people done, rows a second, time left."""

    def __init__(self, total: int, *, quiet: bool = False) -> None:
        self.total = total
        self.quiet = quiet
        self.started = time.perf_counter()
        self.rows = 0

    def update(self, done: int, rows: int) -> None:
        self.rows += rows
        if self.quiet:
            return
        elapsed = time.perf_counter() - self.started
        rate = done / elapsed if elapsed else 0.0
        left = (self.total - done) / rate if rate else 0.0
        sys.stderr.write(
            f"\r  {done:,}/{self.total:,} people ({done / self.total:.0%}), "
            f"{self.rows / elapsed if elapsed else 0:,.0f} rows/s, "
            f"{elapsed:,.0f} s so far, about {left:,.0f} s left   "
        )
        sys.stderr.flush()

    def close(self) -> float:
        elapsed = time.perf_counter() - self.started
        if not self.quiet:
            sys.stderr.write("\n")
        return elapsed
