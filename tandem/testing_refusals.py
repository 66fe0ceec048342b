"""Refusal tests for every view that writes, driven by a table (see STYLE.md: tests must be able to
fail where it matters).

Each view that writes is one `Write`: the scene it acts on, its URL, the POST data that succeeds
for an allowed role, and a snapshot of the rows that POST changes. For every role the view must
refuse, `assert_refused` posts that same data and checks the answer (403 for a role that can see
the person but may not do this, 404 without a relationship, sign-in for someone signed out) and
that nothing changed: the snapshot, every row of every table, and no audit event of a change (nor
any at all without a relationship). `assert_allowed` posts it as each allowed role and checks that
it did change, and was audited, so a refusal can never pass merely because the data was wrong or
the snapshot looks at the wrong rows.

The tests talk to URLs and the database only, so they hold whatever the views call inside.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.db import connection
from django.db.models import Model, QuerySet
from django.test import Client
from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Role, User
from tandem.audit.models import AuditEvent
from tandem.people.models import CircleMember, Person

ANONYMOUS = "anonymous"

# Staff of the person's team: the social worker is allocated to the person and coordinates
# their plan (plans started by a worker make them coordinator).
STAFF = frozenset(
    {
        "social_worker",
        "social_work_assistant",
        "occupational_therapist",
        "sensory_impairment_worker",
        "team_manager",
    }
)
# Everyone else who can see the person: themselves and their consenting circle.
CIRCLE = frozenset({"person", "carer", "provider"})
SEES_PERSON = STAFF | CIRCLE
DRAFTERS = STAFF | {"person", "carer"}
# Signed in, but with no legitimate relationship with the person: they get 404, never 403.
STRANGERS = frozenset(
    {
        "administrator",
        "carer_without_consent",
        "provider_without_consent",
        "another_person",
        "other_team_worker",
        "other_team_manager",
        "other_org_worker",
        "other_org_worker_in_the_team",
        "other_org_provider_in_circle",
        "worker_without_organisation",
    }
)
ROLES = tuple(sorted(SEES_PERSON | STRANGERS)) + (ANONYMOUS,)


@dataclass
class Cast:
    """One of each kind of user, all around one person (``person``)."""

    person: Any
    users: dict[str, User]

    @property
    def worker(self) -> User:
        return self.users["social_worker"]


def _provider(person, *, consent_to_share: bool, organisation=None) -> User:
    user = testing.make_user(
        organisation or person.organisation, role=Role.PROVIDER, first_name="Riverside"
    )
    testing.make_circle_member(
        person,
        name="Riverside Care Ltd",
        kind=CircleMember.Kind.PROVIDER,
        user=user,
        consent_to_share=consent_to_share,
    )
    return user


def make_cast(
    *,
    org,
    team,
    worker,
    manager,
    person,
    person_user,
    carer_user,
    other_team_worker,
    other_org_worker,
) -> Cast:
    """Built from the shared personas in tandem/conftest.py, plus the roles they don't cover."""
    south = other_team_worker.teams.get()
    users = {
        "social_worker": worker,
        "team_manager": manager,
        "person": person_user,
        "carer": carer_user,
        "other_team_worker": other_team_worker,
        "other_org_worker": other_org_worker,
        "social_work_assistant": testing.make_worker(org, team, role=Role.SOCIAL_WORK_ASSISTANT),
        "occupational_therapist": testing.make_worker(org, team, role=Role.OCCUPATIONAL_THERAPIST),
        "sensory_impairment_worker": testing.make_worker(
            org, team, role=Role.SENSORY_IMPAIRMENT_WORKER
        ),
        "provider": _provider(person, consent_to_share=True),
        "administrator": testing.make_user(org, role=Role.ADMINISTRATOR),
        "carer_without_consent": testing.make_carer_user(person, consent_to_share=False),
        "provider_without_consent": _provider(person, consent_to_share=False),
        "another_person": testing.make_user_for_person(testing.make_person(org, team)),
        "other_team_manager": testing.make_worker(org, south, role=Role.TEAM_MANAGER),
        "worker_without_organisation": testing.make_user(None, role=Role.SOCIAL_WORKER),
        # Put in the person's team by an administrator's mistake: teams don't cross organisations.
        "other_org_worker_in_the_team": testing.make_worker(
            other_org_worker.organisation, team, role=Role.TEAM_MANAGER
        ),
        # Wrongly linked to the person's circle: consent is not enough across organisations.
        "other_org_provider_in_circle": _provider(
            person, consent_to_share=True, organisation=other_org_worker.organisation
        ),
    }
    assert set(users) | {ANONYMOUS} == set(ROLES)
    return Cast(person=person, users=users)


# The fixtures a refusal table's module takes from a cast built once (`cast_kept_for_module`).
EVERYONE = (
    "org",
    "team",
    "worker",
    "manager",
    "person",
    "person_user",
    "carer_user",
    "other_team_worker",
    "other_org_worker",
    "cast",
)


def cast_kept_for_module():
    """A refusal table module's fixtures: `built` (the cast, made once for the module) and the
    personas' fixtures taken from it, in the order of EVERYONE (making a cast, some twenty users
    and circle members, for every test cost more than many of the tests):
    ``built, org, team, worker, manager, person, … , cast = cast_kept_for_module()``."""
    built = testing.built_once(
        testing.all_personas,
        cast=lambda s: make_cast(**{name: getattr(s, name) for name in EVERYONE if name != "cast"}),
    )
    return (built, *testing.from_scene(*EVERYONE))


LINKED_ACROSS_ORGANISATIONS = "person_sign_in_of_another_organisation"


def link_sign_in_from_another_organisation(cast: Cast, organisation) -> str:
    """Link the person's record, by mistake, to a sign-in of another organisation: the record is
    still not theirs to see (every row is within its organisation). Returns the role to refuse."""
    stranger = testing.make_user(organisation, role=Role.PERSON)
    Person.objects.filter(pk=cast.person.pk).update(user=stranger)
    cast.users[LINKED_ACROSS_ORGANISATIONS] = stranger
    return LINKED_ACROSS_ORGANISATIONS


def rows(queryset: QuerySet) -> list[dict[str, Any]]:
    """Every field of every row, in a stable order: what a snapshot compares."""
    return list(queryset.order_by("pk").values())


def row(obj: Model) -> dict[str, Any]:
    return type(obj).objects.filter(pk=obj.pk).values().get()


# Sessions change on any request; the audit trail is checked event by event (`_new_events`).
NOT_FINGERPRINTED = {"django_session", AuditEvent._meta.db_table}


def everything() -> str:
    """A fingerprint of every row of every table but sessions and the audit trail: a refused
    request must leave all of them alone. Raw SQL, because refusal tables take it twice per case:
    on PostgreSQL the server hashes each table and all come back in one round trip (reading every
    table through the ORM made the refusal tables the slowest tests of the suite)."""
    with connection.cursor() as cursor:
        tables = [
            table
            for table in sorted(connection.introspection.table_names(cursor))
            if table not in NOT_FINGERPRINTED
        ]
        if connection.vendor == "postgresql":
            cursor.execute(
                " UNION ALL ".join(
                    f"SELECT '{table}', md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), "
                    f"'')) FROM \"{table}\" AS t"  # noqa: S608 (names from the database)
                    for table in tables
                )
            )
            return repr(cursor.fetchall())
        digest = hashlib.sha256()
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (names from the database)
            digest.update(table.encode())
            for line in sorted(repr(row) for row in cursor.fetchall()):
                digest.update(line.encode())
        return digest.hexdigest()


@dataclass(frozen=True)
class Write:
    """One view that writes, and who may use it."""

    name: str
    scene: Callable[[Cast], SimpleNamespace]
    url: Callable[[SimpleNamespace], str]
    data: Callable[[SimpleNamespace], dict[str, Any]]
    state: Callable[[SimpleNamespace], Any]
    allowed: frozenset[str]
    # Answers other than the usual 403 (can see the person) or 404 (cannot): e.g. 200 where the
    # view lets the role in but the service refuses the change with a message on the form.
    statuses: dict[str, int] = field(default_factory=dict)

    def refused_roles(self) -> list[str]:
        return [role for role in ROLES if role not in self.allowed]

    def refusal_status(self, role: str) -> int:
        if role in self.statuses:
            return self.statuses[role]
        return 403 if role in SEES_PERSON else 404


def refusals(writes: list[Write]) -> list[tuple[Write, str]]:
    return [(write, role) for write in writes for role in write.refused_roles()]


def refused_writes(writes: list[Write]) -> list[Write]:
    """The writes that refuse someone (every one should): for `assert_every_refusal`."""
    return [write for write in writes if write.refused_roles()]


def permissions(writes: list[Write]) -> list[tuple[Write, str]]:
    return [(write, role) for write in writes for role in sorted(write.allowed)]


def case_id(value: Any) -> str:
    return value.name if isinstance(value, Write) else str(value)


def _client(cast: Cast, role: str) -> Client:
    return Client() if role == ANONYMOUS else testing.client_for(cast.users[role])


def _last_event_id() -> int:
    last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
    return last or 0


def _new_events(after: int) -> list[tuple[str, int]]:
    return list(AuditEvent.objects.filter(pk__gt=after).values_list("action", "actor_id"))


def _is_read(action: str) -> bool:
    """Reading a record, as opposed to changing it: the audit actions for reads end in ".view".
    A refused form may still show the plan it is about, and reading is audited."""
    return action.endswith(".view")


def assert_refused(write: Write, cast: Cast, role: str) -> None:
    scene, client = write.scene(cast), _client(cast, role)
    problem, _tables = _refusal_problem(write, scene, client, role, everything())
    assert problem is None, problem


def assert_every_refusal(write: Write, cast: Cast) -> None:
    """Every role the write refuses, one after the other on the same scene: a refusal changes
    nothing, so each role meets the scene as built (building it once per role made the refusal
    tables the slowest tests of the suite). Every role is tried; the failures are listed.

    Everyone signs in first (a first sign-in may add the user's authenticator), so the database
    after one role's POST is the database before the next one's: fingerprinted once, not twice."""
    scene = write.scene(cast)
    roles = write.refused_roles()
    clients = {role: _client(cast, role) for role in roles}
    tables = everything()
    problems = []
    for role in roles:
        problem, tables = _refusal_problem(write, scene, clients[role], role, tables)
        if problem is not None:
            problems.append(f"as {role}: {problem}")
    assert not problems, "\n".join(problems)


def _refusal_problem(
    write: Write, scene: SimpleNamespace, client: Client, role: str, tables: str
) -> tuple[str | None, str]:
    """What was wrong with this role's refused POST, or None; and the fingerprint of the database
    after it. ``tables`` is the fingerprint before it."""
    url, data = write.url(scene), write.data(scene)
    state, last_event = write.state(scene), _last_event_id()

    response = client.post(url, data)

    after = everything()
    return _what_was_wrong(write, scene, role, response, state, last_event, tables, after), after


def _what_was_wrong(write, scene, role, response, state, last_event, tables, after) -> str | None:
    if role == ANONYMOUS:
        location = response.get("Location", "")
        if response.status_code != 302 or not location.startswith(reverse("login") + "?next="):
            return f"expected a redirect to sign in, got {response.status_code} {location}"
    elif response.status_code != write.refusal_status(role):
        return f"expected {write.refusal_status(role)}, got {response.status_code}"
    events = _new_events(last_event)
    if (role == ANONYMOUS or response.status_code == 404) and events:
        return f"a POST by someone with no relationship was audited: {events}"
    changes = [action for action, _actor in events if not _is_read(action)]
    if changes:
        return f"a refused POST audited a change: {changes}"
    if write.state(scene) != state:
        return "a refused POST changed what it would have changed"
    if after != tables:
        return "a refused POST changed the database"
    return None


def assert_allowed(write: Write, cast: Cast, role: str) -> None:
    scene = write.scene(cast)
    user = cast.users[role]
    state, last_event = write.state(scene), _last_event_id()

    response = testing.client_for(user).post(write.url(scene), write.data(scene))

    assert response.status_code == 302, (response.status_code, _errors(response))
    assert not response["Location"].startswith(reverse("login")), response["Location"]
    assert write.state(scene) != state, "the POST succeeded but the snapshot did not change"
    changes = [a for a, actor in _new_events(last_event) if actor == user.pk and not _is_read(a)]
    assert changes, "the POST succeeded but audited no change"


def _errors(response) -> str:
    """The error summary of a refused form, so a failing success check says why."""
    text = response.content.decode(errors="replace")
    start = text.find("govuk-error-summary")
    return text[start : start + 800] if start >= 0 else text[:300]
