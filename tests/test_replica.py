"""Acceptance (issue 11): Tandem on a real PostgreSQL primary and a streaming replica.

The fixture starts two servers of its own whatever DATABASE_URL says: a primary, and a hot
standby made from it with ``pg_basebackup -R`` that streams its WAL. Django is pointed at them
as ``default`` and ``replica`` (tandem/database_settings.py, the same as DATABASE_URL and
DATABASE_REPLICA_URL would), and the pages are used through the test client, so every request
goes through the router and its middleware (tandem/db_routing.py). Replica lag is real:
``pg_wal_replay_pause()`` on the standby.

It runs once, in the PostgreSQL pass of ``make test`` (scripts/test.sh leaves it out of the
SQLite pass). It asks for ``django_db_setup`` only so that pass keeps it (conftest.py), and
leaves that test database as it found it."""

import contextlib
import datetime
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError, connections, router
from django.db.backends.base.creation import TEST_DATABASE_PREFIX
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem import db_routing, testing
from tandem.accounts.models import Organisation
from tandem.audit.models import AuditEvent
from tandem.database_settings import databases
from tandem.db_routing import PIN_COOKIE, PRIMARY, REPLICA, ReadReplicaMiddleware
from tandem.people.models import Person
from tandem.people.tests.data import person_change_post
from tests import processes
from tests.test_simultaneous_submits import Browser

PG_BIN = Path(sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))[-1]).parent


def _as_postgres(*command: str) -> list[str]:
    # initdb and the server refuse to run as root.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else list(command)


def _run(*command: str) -> str:
    done = subprocess.run(_as_postgres(*command), capture_output=True, text=True)
    assert done.returncode == 0, f"{command[0]} failed: {done.stderr}"
    return done.stdout.strip()


@dataclass
class Server:
    directory: Path
    port: int

    def start(self, *options: str) -> None:
        settings_ = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 " + " ".join(
            f"-c {option}" for option in options
        )
        _run(
            f"{PG_BIN}/pg_ctl",
            f"-D{self.directory}",
            "-w",
            f"-l{self.directory}/server.log",
            f"-o{settings_}",
            "start",
        )

    def sql(self, statement: str) -> str:
        """Run ``statement`` as the superuser (pausing replay needs one)."""
        return _run(
            f"{PG_BIN}/psql",
            "-qAt",
            f"-h{self.directory}",
            f"-p{self.port}",
            "-Upostgres",
            "-dpostgres",
            "-vON_ERROR_STOP=1",
            f"-c{statement}",
        )

    def url(self) -> str:
        return f"postgres://app:app@127.0.0.1:{self.port}/app"

    def stop(self) -> None:
        if (self.directory / "postmaster.pid").exists():
            _run(f"{PG_BIN}/pg_ctl", f"-D{self.directory}", "-m", "immediate", "-w", "stop")


@pytest.fixture(scope="session")
def primary_and_replica() -> Iterator[tuple[Server, Server]]:
    base = Path(tempfile.mkdtemp(prefix="tandem-replica-"))
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
    primary = Server(base / "primary", processes.free_port())
    replica = Server(base / "replica", processes.free_port())
    try:
        _run(f"{PG_BIN}/initdb", f"-D{primary.directory}", "-Upostgres", "-Atrust", "-EUTF8")
        # The initdb default pg_hba.conf lets a replication role in from 127.0.0.1.
        primary.start("fsync=off", "wal_level=replica", "max_wal_senders=4")
        primary.sql("CREATE ROLE replicator LOGIN REPLICATION")
        primary.sql("CREATE ROLE app LOGIN PASSWORD 'app'")
        _run(f"{PG_BIN}/createdb", f"-h{primary.directory}", f"-p{primary.port}", "-Upostgres",
             "-Oapp", "app")  # fmt: skip
        _run(
            f"{PG_BIN}/pg_basebackup",
            "-h127.0.0.1",
            f"-p{primary.port}",
            "-Ureplicator",
            f"-D{replica.directory}",
            "-R",  # standby.signal and primary_conninfo: start as a streaming standby
            "-Xstream",
            "--checkpoint=fast",
        )
        replica.start("fsync=off", "hot_standby=on")
        assert replica.sql("SELECT pg_is_in_recovery()") == "t"
        yield primary, replica
    finally:
        replica.stop()
        primary.stop()
        shutil.rmtree(base, ignore_errors=True)


@contextlib.contextmanager
def django_pointed_at(aliases: dict[str, dict]) -> Iterator[None]:
    """Django's connections on other databases for a while, then back as they were."""

    def close_all() -> None:
        for connection in connections.all(initialized_only=True):
            connection.close()
            del connections[connection.alias]

    saved = connections.settings
    close_all()
    connections.settings = connections.configure_settings(aliases)
    try:
        yield
    finally:
        close_all()
        connections.settings = saved


@pytest.fixture(scope="module")
def servers(primary_and_replica, django_db_setup, django_db_blocker):
    primary, replica = primary_and_replica
    environ = {"DATABASE_URL": primary.url(), "DATABASE_REPLICA_URL": replica.url()}
    with django_db_blocker.unblock():
        # The PostgreSQL pass's test database is already migrated: copying it takes seconds
        # where migrating takes a minute on a busy machine.
        schema = _dump(connections[PRIMARY].settings_dict)
        with django_pointed_at(databases(environ, base_dir=Path())):
            if schema is None:
                call_command("migrate", verbosity=0, interactive=False)
            else:
                subprocess.run(
                    [f"{PG_BIN}/psql", "-q", "-vON_ERROR_STOP=1", primary.url()],
                    input=schema, text=True, check=True, capture_output=True,
                )  # fmt: skip
            replayed()
            yield primary, replica


def _dump(database: dict) -> str | None:
    """The tables and rows of the test database, when it is on PostgreSQL and made (pytest-django
    makes it only when a test in the run uses the database, as every `make test` pass does)."""
    if database["ENGINE"] != "django.db.backends.postgresql" or not database["NAME"].startswith(
        TEST_DATABASE_PREFIX
    ):
        return None
    return subprocess.run(
        [f"{PG_BIN}/pg_dump", "--no-owner", "--no-privileges", f"-h{database['HOST']}",
         f"-p{database['PORT']}", f"-U{database['USER']}", database["NAME"]],
        env={**os.environ, "PGPASSWORD": database["PASSWORD"] or ""},
        text=True, check=True, capture_output=True,
    ).stdout  # fmt: skip


def replayed() -> None:
    """Wait until the replica has replayed everything the primary has written so far."""
    with connections[PRIMARY].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        (written,) = cursor.fetchone()

    def caught_up() -> bool:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [written])
            return cursor.fetchone()[0]

    processes.wait_for(caught_up, timeout=20, what="the replica to replay the primary's WAL")


@contextlib.contextmanager
def replay_paused(replica: Server) -> Iterator[None]:
    """The replica lags: it receives the primary's changes but does not apply them."""
    replica.sql("SELECT pg_wal_replay_pause()")
    try:
        yield
    finally:
        replica.sql("SELECT pg_wal_replay_resume()")


@contextlib.contextmanager
def queries() -> Iterator[dict[str, CaptureQueriesContext]]:
    captured = {alias: CaptureQueriesContext(connections[alias]) for alias in (PRIMARY, REPLICA)}
    with captured[PRIMARY], captured[REPLICA]:
        yield captured


def sql_of(captured: CaptureQueriesContext) -> list[str]:
    return [query["sql"] for query in captured.captured_queries]


def reads_people(captured: CaptureQueriesContext) -> bool:
    return any('FROM "people_person"' in sql for sql in sql_of(captured))


@pytest.fixture
def caseload(servers):
    """A person, their allocated worker and a colleague in the same team, both signed in."""
    org = testing.make_organisation()
    team = testing.make_team(org)
    worker = testing.make_worker(org, team)
    colleague = testing.make_worker(org, team)
    person = testing.make_person(org, team, family_name="Patel", allocated_worker=worker)
    clients = testing.client_for(worker), testing.client_for(colleague)
    replayed()
    return person, *clients


def test_it_streams_a_write_on_the_primary_to_the_replica(servers):
    org = testing.make_organisation(name="Council written on the primary")
    replayed()
    assert Organisation.objects.using(REPLICA).get(pk=org.pk).name == org.name


def test_it_reads_a_page_from_the_replica_and_writes_its_audit_row_on_the_primary(caseload):
    person, client, _ = caseload
    with queries() as captured:
        response = client.get(reverse("people:detail", args=[person.pk]))

    assert response.status_code == 200
    assert "Patel" in response.text
    assert reads_people(captured[REPLICA])
    assert not reads_people(captured[PRIMARY])
    assert all(sql.startswith("SELECT") for sql in sql_of(captured[REPLICA]))
    assert any('INSERT INTO "audit_auditevent"' in sql for sql in sql_of(captured[PRIMARY]))
    # The view's own audit row is not a change the user made: it does not pin them.
    assert PIN_COOKIE not in response.cookies


def test_it_sends_every_read_of_a_form_post_to_the_primary(caseload):
    person, client, _ = caseload
    post = person_change_post(person, family_name="Patel-Jones")
    with queries() as captured:
        response = client.post(reverse("people:change", args=[person.pk]), post)

    assert response.status_code == 302
    assert captured[REPLICA].captured_queries == []
    assert reads_people(captured[PRIMARY])
    assert Person.objects.using(PRIMARY).get(pk=person.pk).family_name == "Patel-Jones"
    assert PIN_COOKIE in response.cookies


def test_it_shows_a_user_their_change_while_the_replica_lags(servers, caseload):
    _, replica = servers
    person, client, colleague = caseload
    page = reverse("people:detail", args=[person.pk])

    with replay_paused(replica):
        post = person_change_post(person, family_name="Okafor")
        response = client.post(reverse("people:change", args=[person.pk]), post, follow=True)
        # The replica really is behind...
        assert Person.objects.using(REPLICA).get(pk=person.pk).family_name == "Patel"

        # ...but the page the worker is sent to next reads the primary and shows their change.
        assert response.redirect_chain[-1][0] == page
        assert "Okafor" in response.text
        with queries() as captured:
            again = client.get(page)
        assert "Okafor" in again.text
        assert captured[REPLICA].captured_queries == []

        # A colleague who changed nothing reads the replica, a moment behind.
        with queries() as captured:
            theirs = colleague.get(page)
        assert reads_people(captured[REPLICA])
        assert "Okafor" not in theirs.text
        assert "Patel" in theirs.text

    replayed()
    assert "Okafor" in colleague.get(page).text
    # Once the few seconds have passed, the worker reads the replica again.
    later = timezone.now() + datetime.timedelta(seconds=settings.READ_YOUR_WRITES_SECONDS + 1)
    with time_machine.travel(later), queries() as captured:
        assert "Okafor" in client.get(page).text
    assert reads_people(captured[REPLICA])


def test_it_keeps_writes_and_migrations_off_the_replica(servers, caseload):
    person, client, _ = caseload
    with pytest.raises(DatabaseError, match="read-only"):
        with connections[REPLICA].cursor() as cursor:
            cursor.execute(
                "UPDATE people_person SET family_name = 'Changed' WHERE id = %s", [person.pk]
            )
    for model in apps.get_models():
        assert router.db_for_write(model) == PRIMARY
        assert router.allow_migrate_model(REPLICA, model) is False
    # A page with its audit row and a form post with its service and audit row, all answered
    # without an error from the read-only server.
    assert client.get(reverse("people:change", args=[person.pk])).status_code == 200
    post = person_change_post(person, given_name="Sam-Alex")
    assert client.post(reverse("people:change", args=[person.pk]), post).status_code == 302
    events = AuditEvent.objects.using(PRIMARY).filter(person=person)
    assert list(events.values_list("action", flat=True)) == [
        "person.update",
        "person.edit.view",
        "person.edit.view",
    ]
    assert Person.objects.using(PRIMARY).get(pk=person.pk).given_name == "Sam-Alex"


def test_it_pins_a_user_whose_page_changed_something_besides_its_audit_row(servers):
    """A GET that writes (other than its audit row and the session) reads its own write back from
    the primary, and pins the user like a form post does."""
    seen: dict[str, str] = {}

    def page_that_writes(request):
        org = testing.make_organisation(name="Made on a GET")
        seen["db"] = Organisation.objects.filter(pk=org.pk).get()._state.db
        return HttpResponse("made")

    def page_that_reads(request):
        seen["db"] = Organisation.objects.all()[:1].db
        return HttpResponse("read")

    request = RequestFactory().get("/")
    response = ReadReplicaMiddleware(page_that_writes)(request)
    assert seen["db"] == PRIMARY
    assert PIN_COOKIE in response.cookies

    response = ReadReplicaMiddleware(page_that_reads)(RequestFactory().get("/"))
    assert seen["db"] == REPLICA
    assert PIN_COOKIE not in response.cookies


def test_it_reads_from_the_primary_while_the_replica_is_down(servers, caseload, monkeypatch):
    """A replica that stops answering must not take the site down: pages read the primary, and
    /readyz stays ready (for the balancer) but says it is degraded."""
    _, replica = servers
    person, client, _ = caseload
    replica.stop()
    try:
        connections[REPLICA].close()
        with CaptureQueriesContext(connections[PRIMARY]) as on_primary:
            response = client.get(reverse("people:detail", args=[person.pk]))
        assert response.status_code == 200
        assert "Patel" in response.text and reads_people(on_primary)
        ready = client.get(reverse("readyz"))
        assert ready.status_code == 200
        assert ready.text.startswith("ready, degraded: database replica is not answering")
        # Not tried again on every request meanwhile (a refused connection can take seconds).
        with mock.patch.object(connections[REPLICA], "ensure_connection") as connect:
            assert client.get(reverse("people:detail", args=[person.pk])).status_code == 200
        connect.assert_not_called()
    finally:
        replica.start("fsync=off", "hot_standby=on")
        monkeypatch.setattr(db_routing, "_replica_down_until", 0.0)
        connections[REPLICA].close()
    replayed()
    with queries() as captured:
        assert client.get(reverse("people:detail", args=[person.pk])).status_code == 200
    assert reads_people(captured[REPLICA])  # back on the replica once it answers


def test_it_keeps_read_your_writes_through_gunicorn_configured_by_the_environment(
    servers, caseload
):
    """The same as a deployment: gunicorn given DATABASE_URL and DATABASE_REPLICA_URL, two
    people's browsers, and the replica lagging."""
    primary, replica = servers
    person = caseload[0]
    colleague_user = testing.make_worker(person.organisation, person.team)
    replayed()
    env = processes.environment()
    env.update(DATABASE_URL=primary.url(), DATABASE_REPLICA_URL=replica.url())
    page = reverse("people:detail", args=[person.pk])
    change = reverse("people:change", args=[person.pk])
    with processes.web_server(env) as address:
        worker = Browser(address, person.allocated_worker)
        colleague = Browser(address, colleague_user)
        form = worker.open_form(change)
        with replay_paused(replica):
            saved = worker.request(
                "POST", change, {**person_change_post(person, family_name="Nowak"), **form}
            )
            assert saved.status == 302, saved.text[:500]
            assert PIN_COOKIE in worker.cookies
            assert "Nowak" in worker.request("GET", page).text
            theirs = colleague.request("GET", page).text
            assert "Patel" in theirs and "Nowak" not in theirs
        replayed()
        assert "Nowak" in colleague.request("GET", page).text
