"""Plain factory functions for tests: one place to make the people Tandem's tests talk about.

Each function creates and returns saved rows with sensible defaults; pass keyword arguments to
override any model field. Users are made without a usable password (tests sign in with
``sign_in``/``client_for``), so no slow password hashing happens.

The pytest fixtures built from these (``org``, ``worker``, ``person``, …) are in
``tandem/conftest.py``.
"""

import datetime
import itertools
from collections.abc import Callable
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.test import Client

from tandem.accounts.models import Organisation, Role, Team, User
from tandem.people.models import CircleMember, Person

_sequence = itertools.count(1)


def _next() -> int:
    return next(_sequence)


def make_organisation(name: str = "", **kwargs: Any) -> Organisation:
    return Organisation.objects.create(name=name or f"Council {_next()}", **kwargs)


def make_team(organisation: Organisation, name: str = "", **kwargs: Any) -> Team:
    return Team.objects.create(organisation=organisation, name=name or f"Team {_next()}", **kwargs)


def make_user(
    organisation: Organisation | None, *, role: str, teams: tuple[Team, ...] = (), **kwargs: Any
) -> User:
    """A user of any role; prefer the more specific helpers below."""
    n = _next()
    kwargs.setdefault("username", f"user{n}")
    kwargs.setdefault("first_name", f"Alex{n}")
    kwargs.setdefault("last_name", "Example")
    kwargs.setdefault("email", f"{kwargs['username']}@example.org")
    user = User(organisation=organisation, role=role, **kwargs)
    user.set_unusable_password()
    user.save()
    if teams:
        user.teams.add(*teams)  # a new user: nothing to replace, one query fewer than set()
    return user


def make_worker(
    organisation: Organisation, team: Team | None = None, role: str = Role.SOCIAL_WORKER, **kwargs
) -> User:
    """A member of staff (social worker by default; pass ``role=Role.TEAM_MANAGER`` etc.)."""
    return make_user(organisation, role=role, teams=(team,) if team else (), **kwargs)


def make_person(organisation: Organisation, team: Team, **kwargs: Any) -> Person:
    n = _next()
    kwargs.setdefault("given_name", "Sam")
    kwargs.setdefault("family_name", f"Person{n}")
    kwargs.setdefault("date_of_birth", datetime.date(1970, 1, 1))
    kwargs.setdefault("local_identifier", f"LID{n:05d}")
    return Person.objects.create(organisation=organisation, team=team, **kwargs)


def make_circle_member(person: Person, **kwargs: Any) -> CircleMember:
    """A member of the person's circle of support: a carer who consents to share, by default."""
    kwargs.setdefault("name", f"Chris Carer{_next()}")
    kwargs.setdefault("kind", CircleMember.Kind.CARER)
    kwargs.setdefault("consent_to_share", True)
    return CircleMember.objects.create(
        organisation_id=person.organisation_id, person=person, **kwargs
    )


def make_user_for_person(person: Person, **kwargs: Any) -> User:
    """The person's own sign-in, linked to their record."""
    user = make_user(
        person.organisation,
        role=Role.PERSON,
        first_name=person.given_name,
        last_name=person.family_name,
        **kwargs,
    )
    person.user = user
    person.save(update_fields=["user"])
    return user


def make_carer_user(person: Person, *, consent_to_share: bool = True, **kwargs: Any) -> User:
    """A carer in the person's circle, with their own sign-in."""
    user = make_user(person.organisation, role=Role.CARER, **kwargs)
    make_circle_member(person, name=user.display_name, user=user, consent_to_share=consent_to_share)
    return user


def make_plan(person: Person, actor: User):
    """A draft plan (version 1) for the person, made through the plans service."""
    from tandem.plans.services import plan_create

    return plan_create(person=person, actor=actor)


# The authenticator key of every test user who needs one (tests/browser compute its codes).
TEST_TOTP_KEY = "3132333435363738393031323334353637383930"  # RFC 6238's test key, hex


def sign_in(client: Client, user: User) -> Client:
    """Sign ``client`` in as ``user``, as a completed sign-in would (every test signs in here, so
    whatever a real sign-in adds to the session is added in one place): the session's clocks
    start now and, for staff, the second factor is given with an authenticator app."""
    from django.utils import timezone
    from django_otp import DEVICE_ID_SESSION_KEY

    from tandem.accounts.signin.rules import needs_second_factor
    from tandem.accounts.signin.sessions import session_begin

    first_sign_in = settings.SESSION_COOKIE_NAME not in client.cookies
    if first_sign_in:
        session = _signed_in_session(user)
    else:
        # Signing in again on the same client: Django's own login keeps or flushes what the
        # session already holds, as a real sign-in over an earlier one would.
        client.force_login(user)
        session = client.session
    session_begin(session, user, timezone.now())
    if needs_second_factor(user):
        session[DEVICE_ID_SESSION_KEY] = authenticator_for(user).persistent_id
    session.save()
    if first_sign_in:
        _set_session_cookie(client, session.session_key)
    return client


def _signed_in_session(user: User):
    """The session ``django.contrib.auth.login`` leaves for ``user`` on a client with none yet,
    not saved. ``force_login`` costs about ten queries (an empty session saved, read, deleted and
    made again; django-axes's access log; the last-login time) and the tests sign in tens of
    thousands of times; what the pages read from the session is the same."""
    from importlib import import_module

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, load_backend

    backend = next(
        path
        for path in settings.AUTHENTICATION_BACKENDS
        if hasattr(load_backend(path), "get_user")  # as Client.force_login chooses
    )
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = backend
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    return session


def _set_session_cookie(client: Client, session_key: str) -> None:
    """The cookie ``Client.force_login`` sets."""
    cookie = settings.SESSION_COOKIE_NAME
    client.cookies[cookie] = session_key
    client.cookies[cookie].update(
        {
            "max-age": None,
            "path": "/",
            "domain": settings.SESSION_COOKIE_DOMAIN,
            "secure": settings.SESSION_COOKIE_SECURE or None,
            "expires": None,
        }
    )


def authenticator_for(user: User):
    """The user's confirmed authenticator app (made with TEST_TOTP_KEY if they have none)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name="Test authenticator", key=TEST_TOTP_KEY, confirmed=True
        )
    return device


def current_code(user: User) -> str:
    """The code the user's test authenticator shows now, for signing in through the pages.

    Each code is accepted once; a test that signs the same user in twice within 30 seconds
    would be refused the second time, so the device forgets the code it last accepted."""
    from django_otp.oath import TOTP

    device = authenticator_for(user)
    device.last_t = -1
    device.save(update_fields=["last_t"])
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def client_for(user: User) -> Client:
    """A test client signed in as ``user``."""
    return sign_in(Client(), user)


def run_queued_tasks() -> int:
    """Run the queued background tasks here, as ``db_worker --batch`` would, but inside the test's
    transaction (the real worker needs ``django_db(transaction=True)``). A task that raises fails
    the test. Returns how many tasks ran."""
    from django_tasks_db.models import DBTaskResult

    ran = 0
    while (result := DBTaskResult.objects.ready().first()) is not None:
        result.claim("test")
        args = result.args_kwargs
        result.set_successful(result.task.call(*args["args"], **args["kwargs"]))
        ran += 1
    return ran


def analyze_tables() -> None:
    """After bulk-creating hundreds of rows in a test: fresh planner statistics on PostgreSQL, as
    autovacuum gathers in production (and the benchmark harness does after its bulk load).
    Without them the planner, still believing the tables hold what earlier tests left, can pick
    plans that take minutes over rows a real database would read in milliseconds."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def main_personas():
    """The shared personas of tandem/conftest.py (``org``, ``team``, ``worker``, ``person``), made
    as those fixtures make them, for a scene built once for many tests (``scene_kept_for``)."""
    from types import SimpleNamespace

    org = make_organisation("Riverside Council")
    team = make_team(org, "North adults team")
    worker = make_worker(org, team, first_name="Wendy", last_name="Worker")
    person = make_person(
        org,
        team,
        given_name="Priya",
        family_name="Patel",
        preferred_name="Pri",
        local_identifier="RC0001",
        allocated_worker=worker,
    )
    return SimpleNamespace(org=org, team=team, worker=worker, person=person)


def all_personas():
    """Every shared persona of tandem/conftest.py, made as those fixtures make them."""
    scene = main_personas()
    org, team = scene.org, scene.team
    scene.manager = make_worker(
        org, team, role=Role.TEAM_MANAGER, first_name="Morgan", last_name="Manager"
    )
    scene.other_team_worker = make_worker(
        org, make_team(org, "South adults team"), first_name="Olu", last_name="Other"
    )
    other = make_organisation("Hillside Council")
    scene.other_org_worker = make_worker(
        other, make_team(other, "Hillside team"), first_name="Hana", last_name="Hill"
    )
    scene.person_user = make_user_for_person(scene.person)
    scene.carer_user = make_carer_user(scene.person, first_name="Carol", last_name="Carer")
    return scene


@contextmanager
def scene_kept_for(django_db_blocker):
    """Rows built inside stay for the tests of a module (or class) and are rolled back after the
    last, as Django's ``TestCase.setUpTestData`` keeps its rows: for a scene that costs much more
    to build than the tests that read it (an agreed plan built through the services). Each test
    still runs in its own savepoint (pytest-django's ``db``), so what one writes never reaches
    the next; give each test its own copies of the objects with ``copy.deepcopy``, as
    ``setUpTestData`` does, so an attribute one test sets is not seen by another."""
    from django.db import transaction

    with django_db_blocker.unblock():
        with transaction.atomic():
            yield
            transaction.set_rollback(True)


def built_once(personas: Callable[[], Any] | None = None, **parts: Callable[[Any], Any]):
    """A module's ``built`` fixture: the personas (``main_personas`` unless given) and then each of
    ``parts`` in order, each made from the scene so far and kept on it under its name, built once
    for the module (through the services, which cost most of each test's time when built for
    every test) and rolled back after its last test (``scene_kept_for``); each test works on its
    own copy in its own savepoint (``from_scene``):
    ``built = testing.built_once(plan=lambda s: agreed_plan(s.person, s.worker))``."""
    import pytest

    @pytest.fixture(scope="module")
    def built(django_db_setup, django_db_blocker):
        with scene_kept_for(django_db_blocker):
            scene = (personas or main_personas)()
            for name, make in parts.items():
                setattr(scene, name, make(scene))
            yield scene

    return built


def from_scene(*names: str):
    """Fixtures named ``names`` that hand each test its part of the module's scene (``scene`` in
    tandem/conftest.py: its own copy of what the module's ``built`` fixture built once), in
    place of the shared personas' fixtures of the same names:
    ``org, team, worker, person, plan = testing.from_scene("org", "team", …)``."""
    import pytest

    def part(name: str):
        @pytest.fixture(name=name)
        def fixture(scene):
            return getattr(scene, name)

        return fixture

    return tuple(part(name) for name in names)
