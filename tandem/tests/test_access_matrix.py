"""The access matrix (see tandem/tests/access_matrix.py for the table and how to add a URL): every
URL × every role × every method it accepts answers as the table says, and another organisation's
ids answer 404; a refused write changes nothing in the database and audits no change; methods a
URL does not take answer 405; and no role reaches Django's admin."""

import copy
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, get_resolver, reverse

from tandem import testing
from tandem.accounts.models import Role
from tandem.audit.models import AuditEvent
from tandem.testing_refusals import ANONYMOUS, ROLES, SEES_PERSON, Cast, everything, make_cast
from tandem.tests.access_matrix import (
    NOTHING,
    PAGES,
    Page,
    build_scene,
    url_names,
)

BY_NAME = {page.name: page for page in PAGES}
SAFE = {"GET", "HEAD"}
UNSUPPORTED = ("PUT", "PATCH", "DELETE", "OPTIONS")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> Iterator[SimpleNamespace]:
    """The cast of tandem/testing_refusals.py around one person with a rich record, and a second
    person with just as rich a record in another organisation; built once for the module and
    rolled back afterwards (each test runs in its own savepoint, so an allowed write is undone
    before the next test)."""
    with django_db_blocker.unblock(), transaction.atomic():
        org = testing.make_organisation("Riverside Council")
        team = testing.make_team(org, "North adults team")
        worker = testing.make_worker(org, team, first_name="Wendy", last_name="Worker")
        manager = testing.make_worker(org, team, role=Role.TEAM_MANAGER)
        person = testing.make_person(org, team, given_name="Priya", allocated_worker=worker)
        other = testing.make_organisation("Hillside Council")
        other_team = testing.make_team(other, "Hillside team")
        other_org_worker = testing.make_worker(other, other_team)
        cast = make_cast(
            org=org,
            team=team,
            worker=worker,
            manager=manager,
            person=person,
            person_user=testing.make_user_for_person(person),
            carer_user=testing.make_carer_user(person),
            other_team_worker=testing.make_worker(org, testing.make_team(org, "South team")),
            other_org_worker=other_org_worker,
        )
        elsewhere = testing.make_person(other, other_team, allocated_worker=other_org_worker)
        other_cast = Cast(person=elsewhere, users={"social_worker": other_org_worker})
        cookies = {role: testing.client_for(user).cookies for role, user in cast.users.items()}
        built = SimpleNamespace(
            cast=cast,
            scene=build_scene(cast),
            elsewhere=build_scene(other_cast),
            cookies=cookies,
            methods={},
            heads=set(),
        )
        built.fingerprint = everything()
        yield built
        transaction.set_rollback(True)


def client_as(world: SimpleNamespace, role: str) -> Client:
    """A client signed in as the role, sharing the session made once for the module."""
    client = Client()
    if role != ANONYMOUS:
        client.cookies = copy.deepcopy(world.cookies[role])
    return client


def send(client: Client, method: str, url: str, data: dict):
    if method == "POST":
        return client.post(url, data)
    return client.generic(method, url)


def prober(page: Page) -> str:
    """A role allowed in, to ask the URL which methods it accepts."""
    return next((role for role in sorted(page.allowed) if role != ANONYMOUS), "team_manager")


def methods_of(world: SimpleNamespace, page: Page) -> list[str]:
    """The methods the URL accepts, from the Allow header of its 405 to TRACE (which no page
    takes)."""
    if page.name not in world.methods:
        response = client_as(world, prober(page)).trace(page.url(world.scene))
        assert response.status_code == 405 and response.has_header("Allow"), (
            f"{page.name} answered TRACE with {response.status_code} and no Allow header: "
            "decorate the view with require_http_methods so the matrix knows what it accepts"
        )
        world.methods[page.name] = sorted(m.strip() for m in response["Allow"].split(","))
    return world.methods[page.name]


def last_event_id() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def check_refused(response, role: str, expected: int, events: list[str], related: bool):
    """Why a refused request answered wrongly, or None. `related`: the role has a relationship
    with the person the URL is about (it may read the record, which is audited, then be refused
    the part it asked for); anyone else must leave no trace in the audit trail."""
    if expected == 302 and role == ANONYMOUS:
        location = response.get("Location", "")
        if response.status_code != 302 or not location.startswith(reverse("login") + "?next="):
            return f"expected a redirect to sign in, got {response.status_code} {location}"
    elif response.status_code != expected:
        return f"expected {expected}, got {response.status_code}"
    if not related and expected in {302, 404} and events:
        return f"refused without a relationship, yet audited: {events}"
    changes = [action for action in events if not action.endswith(".view")]
    if changes:
        return f"refused, yet audited a change: {changes}"
    return None


def _order(method: str, refused: bool) -> int:
    if method in SAFE:
        return 1
    return 0 if refused else 2


def try_page(world, page: Page, scene, role: str, expected_for, *, related: bool) -> list[str]:
    """Every method the URL accepts, as this role: what went wrong, if anything.

    Refused writes go first, so the database before them is the scene as built (each test is
    rolled back) and its fingerprint is taken once; allowed writes go last, after the reads.
    HEAD runs the same view as GET, with the body dropped: it is tried once per page for each
    answer GET gets (allowed, 403, 404, sent to sign in), as the first role to get it."""
    url, data = page.url(scene), page.data(scene)
    problems = []
    plan = [(method, *expected_for(method)) for method in methods_of(world, page)]
    for method, refused, expected in sorted(plan, key=lambda row: _order(row[0], row[1])):
        if method == "HEAD":
            outcome = (page.name, related, refused, expected, role == ANONYMOUS)
            if outcome in world.heads:
                continue
            world.heads.add(outcome)
        last_event = last_event_id() if refused else 0
        response = send(client_as(world, role), method, url, data)
        status = response.status_code
        if not refused:
            if expected is None and (status in {403, 404, 405} or status >= 500):
                problems.append(f"{method} {url}: allowed, but answered {status}")
            elif expected is not None and status != expected:
                where = response.get("Location", "")
                problems.append(f"{method} {url}: expected {expected}, got {status} {where}")
            continue
        events = list(AuditEvent.objects.filter(pk__gt=last_event).values_list("action", flat=True))
        problem = check_refused(response, role, expected, events, related)
        if problem is None and method not in SAFE and everything() != world.fingerprint:
            problem = "refused, yet the database changed"
        if problem:
            problems.append(f"{method} {url}: {problem}")
    return problems


@pytest.mark.django_db
def test_the_fingerprint_sees_any_change_to_any_row(world):
    """What makes 'a refused write leaves the database unchanged' worth asserting."""
    from tandem.people.models import Person

    assert everything() == world.fingerprint
    Person.objects.filter(pk=world.scene.person.pk).update(preferred_name="Changed")
    assert everything() != world.fingerprint


def test_every_url_is_classified():
    """A new URL must say who may use it; an entry for a URL that has gone must go too."""
    names = list(url_names())
    unclassified = sorted(set(names) - set(BY_NAME))
    gone = sorted(set(BY_NAME) - set(names))
    twice = sorted({page.name for page in PAGES if [p.name for p in PAGES].count(page.name) > 1})
    assert not unclassified, (
        f"Not in the access matrix: {unclassified}. Add one line each to PAGES in "
        "tandem/tests/access_matrix.py saying how to fill the URL and who may use it."
    )
    assert not gone, f"In the access matrix but no longer a URL: {gone}. Remove them from PAGES."
    assert not twice, f"In the access matrix twice: {twice}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("entry", PAGES, ids=lambda entry: entry.name)
def test_access(world, entry: Page, role: str):
    problems = try_page(
        world,
        entry,
        world.scene,
        role,
        lambda method: entry.expected(role, method),
        related=role in SEES_PERSON,
    )
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
@pytest.mark.parametrize("entry", PAGES, ids=lambda entry: entry.name)
def test_it_answers_405_to_methods_a_url_does_not_accept(world, entry: Page):
    """Django's class-based views take OPTIONS (and PUT, when they edit) unless told otherwise:
    every URL answers 405 to the methods it does not list, before reading or auditing anything."""
    accepted = methods_of(world, entry)
    client, url = client_as(world, prober(entry)), entry.url(world.scene)
    for method in sorted(set(UNSUPPORTED) - set(accepted)):
        last_event = last_event_id()
        response = client.generic(method, url)
        assert response.status_code == 405, (method, response.status_code)
        assert last_event_id() == last_event, f"{method} was refused, yet audited"


def admin_urls(world: SimpleNamespace) -> dict[str, str]:
    """Django's admin: its pages that take no arguments, the accounts app's list, and changing
    the social worker's own user (where a role could be changed) and organisation."""
    urls = {}
    for pattern in admin.site.get_urls():
        name = getattr(pattern, "name", None)
        if name and name not in {"login", "logout"}:  # signing in and out: no access
            try:
                urls[name] = reverse(f"admin:{name}")
            except NoReverseMatch:
                continue
    worker = world.cast.worker
    urls["app_list"] = reverse("admin:app_list", args=["accounts"])
    urls["own_user"] = reverse("admin:accounts_user_change", args=[worker.pk])
    urls["organisation"] = reverse(
        "admin:accounts_organisation_change", args=[worker.organisation_id]
    )
    return urls


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_no_role_of_tandem_reaches_djangos_admin(world, role: str):
    """The admin is for operators (is_staff), outside the matrix's table: no user of any role
    gets in, the administrator included; each is sent to sign in (Tandem's, or the admin's)."""
    client = client_as(world, role)
    if "admin" not in get_resolver().namespace_dict:
        # Not mounted at all (an operator turns it on): nobody reaches it.
        assert client.get("/admin/").status_code == 404
        return
    sign_ins = (reverse("admin:login") + "?next=", reverse("login") + "?next=")
    wrong = {}
    for name, url in admin_urls(world).items():
        for method in ("GET", "POST"):
            response = client.generic(method, url)
            location = response.get("Location", "")
            if response.status_code != 302 or not location.startswith(sign_ins):
                wrong[f"{method} {name}"] = (response.status_code, location)
    assert not wrong, wrong


OTHER_ORGANISATIONS = [page for page in PAGES if page.about != NOTHING]


@pytest.mark.django_db
@pytest.mark.parametrize("entry", OTHER_ORGANISATIONS, ids=lambda entry: entry.name)
def test_another_organisations_ids_answer_404(world, entry: Page):
    """Everyone allowed in to the page for their own organisation's person gets 404 for the same
    page about another organisation's, whatever the method, and it changes nothing."""
    problems = []
    for role in sorted(entry.allowed - {ANONYMOUS}):
        problems += [
            f"as {role}: {problem}"
            for problem in try_page(
                world, entry, world.elsewhere, role, lambda m: (True, 404), related=False
            )
        ]
    assert not problems, "\n".join(problems)
