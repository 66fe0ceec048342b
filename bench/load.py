"""Writing generated rows fast: `COPY` on PostgreSQL, one prepared `INSERT` elsewhere.

The generator (bench/generate.py) declares, for each table, the columns it gives and their order
(`Loader.table`); every other column takes the field's default, worked out once. Rows are plain
tuples in that order, of values already in the database's text form: ints, strings (dates as
ISO dates, timestamps as UTC `YYYY-MM-DD HH:MM:SS`, uuids as their usual 36-character form,
decimals as digits), booleans, `None`, and lists or dicts for JSON columns. A table gives each
row its id up front (from the table's largest id, so rows can point at rows not yet written, in
any order).

On PostgreSQL each table's rows become COPY text through one format string made for that table
(no call per value), and are written by a second thread on its own connection while the
generator makes the next batch: Python and the database work at the same time, each on its own
core. Each batch is one transaction; foreign keys are checked at commit (Django makes them
deferrable) — or, as a superuser (the benchmark's throwaway server), not row by row at all. For a
big load the secondary indexes of the tables written are dropped first and made again at the end
from their own definitions (`pg_indexes`), which is far cheaper than keeping them up to date row
by row. After loading, `finish` moves each table's id sequence past the ids used and refreshes the
planner's statistics.

Rows are written as given, timestamps included: `auto_now_add` fields keep the dates the
generator chose (years of history), not the moment of loading. Writing bypasses the models'
`save` and the ORM's bulk_create (too slow for millions of rows), so rows must be valid as given:
the generator's test checks them through the plan rules. Generated text must not hold a tab, a
newline or a backslash (COPY's text format would need them escaped): the generator's words are
fixed lists.
"""

import datetime
import json
import queue
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection, connections, models, transaction
from django.utils import timezone

# Fewer than this many people: keep the indexes (cheaper than making them again). At 10,000
# into an empty database, making them again took 33 s in all against 39 s keeping them.
REBUILD_INDEXES_FROM = 10_000


class Table:
    """One table being loaded: its columns, the rows held, the next id."""

    def __init__(self, model: type[models.Model], names: Sequence[str], now: str) -> None:
        self.model = model
        self.db_table = model._meta.db_table
        fields = {f.attname: f for f in model._meta.concrete_fields}
        given = [fields[name] for name in names]
        rest = []
        for f in model._meta.concrete_fields:
            if f.attname in names:
                continue
            if (
                getattr(f, "auto_now", False)
                or getattr(f, "auto_now_add", False)
                or (isinstance(f, models.DateTimeField) and callable(f.default))
            ):
                rest.append((f, now))  # the moment of loading, for every row
            elif f.has_default() and callable(f.default) and not isinstance(f, models.JSONField):
                raise ValueError(f"{model.__name__}.{f.attname} needs a value for each row")
            elif f.primary_key:
                raise ValueError(f"{model.__name__}: give its id")
            else:
                rest.append((f, f.get_prep_value(f.get_default())))
        self.fields = given + [f for f, _ in rest]
        self.given = len(given)
        self.constants = tuple(value for _, value in rest)
        self.rows: list[tuple] = []
        self.next_id = 0  # set by the loader from the table's largest id
        self.written = 0

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id

    _line: Callable[[tuple], str] | None = None

    def copy_line(self) -> Callable[[tuple], str]:
        """A function from a row to its line of COPY text, made (once) from one f-string: each
        value put in as it is, with `\\N` for a null, `t`/`f` for a boolean and JSON escaped for
        COPY; the constant columns written into the string itself."""
        if self._line is None:
            self._line = self._make_line()
        return self._line

    def _make_line(self) -> Callable[[tuple], str]:
        parts = []
        for i, f in enumerate(self.fields[: self.given]):
            value = f"r[{i}]"
            if isinstance(f, models.JSONField):
                value = f"_json({value})"
            elif isinstance(f, models.BooleanField):
                value = f"('t' if {value} else 'f')"
            if f.null:
                value = f"('\\\\N' if r[{i}] is None else {value})"
            parts.append("{" + value + "}")
        tail = "".join(
            f"\t{_copy_text(f, constant)}"
            for f, constant in zip(self.fields[self.given :], self.constants, strict=True)
        )
        source = 'lambda r: f"' + "\\t".join(parts) + '{_tail}"'
        return eval(source, {"_json": _json, "_tail": tail + "\n"})  # noqa: S307 — from field names


_encode = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, check_circular=False).encode


def _json(value: Any) -> str:
    """JSON as COPY's text format takes it: its backslashes doubled (they are rare: the
    characters beyond ASCII go as themselves)."""
    text = _encode(value)
    return text.replace("\\", "\\\\") if "\\" in text else text


def _copy_text(f: models.Field, value: Any) -> str:
    if value is None:
        return "\\N"
    if isinstance(f, models.JSONField):
        return _json(value)
    if isinstance(f, models.BooleanField):
        return "t" if value else "f"
    text = str(value)
    if any(c in text for c in "\t\n\r\\"):
        raise ValueError(f"{f}: {text!r} needs escaping for COPY")
    return text


class Loader:
    """The tables being loaded, written batch by batch (`flush`), then finished (`finish`)."""

    def __init__(self, *, rebuild_indexes: bool = False) -> None:
        self.copying = connection.vendor == "postgresql"
        self.now = timezone.now().astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S")
        self.tables: dict[type[models.Model], Table] = {}
        self.written: dict[str, int] = {}
        # A big load on a server of our own: no index kept up to date row by row.
        self.rebuild_indexes = rebuild_indexes and self.copying and self._may_skip_checks()
        self._dropped: list[str] = []
        self._writer: _Writer | None = None
        if self.copying and not connection.in_atomic_block:
            # Only outside a transaction (a test's is not seen by another connection).
            self._writer = _Writer(skip_checks=self._may_skip_checks())

    def table(self, model: type[models.Model], *names: str) -> Table:
        """The table of `model`, its rows given as tuples of the columns `names` (attnames:
        `person_id`, not `person`), in that order; the first is `id` where the table has one."""
        table = Table(model, names, self.now)
        if names and names[0] == "id":
            largest = model._base_manager.aggregate(m=models.Max("pk"))["m"] or 0
            table.next_id = largest
        self.tables[model] = table
        if self.rebuild_indexes:
            self._drop_indexes(table)
        return table

    _superuser: bool | None = None

    def _may_skip_checks(self) -> bool:
        """On PostgreSQL as a superuser (the benchmark's throwaway server), foreign keys need
        not be checked row by row while loading; anyone else's load is checked as usual."""
        if self._superuser is None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                self._superuser = bool(cursor.fetchone()[0])
        return self._superuser

    def _drop_indexes(self, table: Table) -> None:
        """Drop the table's indexes that back no constraint (primary keys and unique
        constraints stay), keeping their definitions to make them again in `finish`."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i "
                "WHERE i.schemaname = current_schema() AND i.tablename = %s "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
                "WHERE c.conindid = (quote_ident(i.schemaname) || '.' || "
                "quote_ident(i.indexname))::regclass)",
                [table.db_table],
            )
            for name, definition in cursor.fetchall():
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
                self._dropped.append(definition)

    def flush(self) -> int:
        """Write every row held (on PostgreSQL: hand them to the writer), in one transaction;
        returns how many."""
        batch = [(t, t.rows) for t in self.tables.values() if t.rows]
        count = 0
        for t, rows in batch:
            t.rows = []
            t.written += len(rows)
            self.written[t.model._meta.label] = t.written
            count += len(rows)
        if self._writer is not None:
            self._writer.put(batch)
        else:
            _write(
                batch, copying=self.copying, skip_checks=self.copying and self._may_skip_checks()
            )
        return count

    def finish(self, say: Callable[[str], None] = lambda text: None) -> None:
        """After loading: every row written, the indexes back, ids carry on after the largest
        used, and the planner knows the data."""
        if self._writer is not None:
            self._writer.close()
        say("all rows written\n")
        if not self.copying:
            return
        with connection.cursor() as cursor:
            if self._dropped:
                say(f"making {len(self._dropped)} indexes again\n")
                cursor.execute("SET maintenance_work_mem = '512MB'")
                for definition in self._dropped:
                    cursor.execute(definition)
            for t in self.tables.values():
                if t.fields[0].attname != "id":
                    continue
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                    f"(SELECT COALESCE(MAX(id), 1) FROM {connection.ops.quote_name(t.db_table)}))",
                    [t.db_table],
                )
            # Fresh planner statistics after a bulk load, as autovacuum would gather.
            say("gathering the planner's statistics (ANALYZE)\n")
            cursor.execute("ANALYZE")


def _write(batch: list[tuple[Table, list[tuple]]], *, copying: bool, skip_checks: bool) -> None:
    """One batch, in one transaction, on this thread's connection."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            if skip_checks:
                # A superuser's bulk load: no foreign-key trigger per row (the rows are valid
                # by construction, and checked so in tests/test_bench_data.py).
                cursor.execute("SET LOCAL session_replication_role = replica")
            for table, rows in batch:
                if copying:
                    _copy(cursor, table, rows)
                else:
                    _insert(cursor, table, rows)


def _names(table: Table) -> str:
    return ", ".join(connection.ops.quote_name(f.column) for f in table.fields)


def _copy(cursor, table: Table, rows: list[tuple]) -> None:
    line = table.copy_line()
    sql = f"COPY {connection.ops.quote_name(table.db_table)} ({_names(table)}) FROM STDIN"
    with cursor.cursor.copy(sql) as copy:  # psycopg's own cursor, in Django's transaction
        for start in range(0, len(rows), 5000):
            copy.write("".join(map(line, rows[start : start + 5000])))


def _insert(cursor, table: Table, rows: list[tuple]) -> None:
    """One prepared INSERT run for every row (far faster than bulk_create, which builds a model
    instance and compiles SQL for each batch). SQLite stores uuids as 32 hex digits and JSON as
    text; everything else goes as given."""
    marks = ", ".join(["%s"] * len(table.fields))
    converters = [
        (i, (lambda v: v.replace("-", "")) if isinstance(f, models.UUIDField) else json.dumps)
        for i, f in enumerate(table.fields[: table.given])
        if isinstance(f, models.UUIDField | models.JSONField)
    ]
    constants = tuple(
        json.dumps(c) if isinstance(f, models.JSONField) and c is not None else c
        for f, c in zip(table.fields[table.given :], table.constants, strict=True)
    )

    def values(row: tuple) -> tuple:
        if converters:
            row = list(row)  # type: ignore[assignment]
            for i, convert in converters:
                if row[i] is not None:
                    row[i] = convert(row[i])  # type: ignore[index]
            row = tuple(row)
        return row + constants

    cursor.executemany(
        f"INSERT INTO {connection.ops.quote_name(table.db_table)} ({_names(table)}) "
        f"VALUES ({marks})",
        map(values, rows),
    )


class _Writer:
    """A thread with its own connection writing each batch while the next is made. At most two
    batches wait, so memory stays bounded; an error in the thread is raised in the generator."""

    def __init__(self, *, skip_checks: bool) -> None:
        self.skip_checks = skip_checks
        self.queue: queue.Queue = queue.Queue(maxsize=2)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="bench-writer", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            while (batch := self.queue.get()) is not None:
                if self.error is None:
                    _write(batch, copying=True, skip_checks=self.skip_checks)
        except BaseException as error:  # handed to the generator's thread
            self.error = error
            while self.queue.get() is not None:  # let the generator finish putting
                pass
        finally:
            connections.close_all()

    def put(self, batch: list) -> None:
        if self.error is not None:
            raise self.error
        self.queue.put(batch)

    def close(self) -> None:
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error


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

    def say(self, text: str) -> None:
        """A step after the rows, with the time so far (where the time goes)."""
        if not self.quiet:
            sys.stderr.write(f"\n  at {time.perf_counter() - self.started:,.0f} s: {text}")
            sys.stderr.flush()

    def close(self) -> float:
        elapsed = time.perf_counter() - self.started
        if not self.quiet:
            sys.stderr.write("\n")
        return elapsed
