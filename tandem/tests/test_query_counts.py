"""Every page the HTTP benchmark measures (issue 11) reads a fixed number of queries, however much
it shows.

Each test builds one person with a row of every kind held about them (records/tests/full_record.py,
which a test keeps complete as kinds are added), reads every page once, then multiplies the data
with bulk_create and reads every page again: each page's count must not change. A kind of data no
test built once hid an N+1 on the plan page, so the growth is generic: every model listed in
`tandem.records.held.HELD` is copied, a new kind included, without this module changing.

- `test_it_reads_as_many_queries_for_a_big_record_as_for_a_small_one`: the same person with 25
  times every kind of record (circle members, outcomes, indicators, actions, risks, needs, support,
  cost lines, trade-offs, reviews with evaluations, progress notes, contacts, concerns, consents,
  copies, notifications, audit rows…) and 25 earlier plan versions.
- `test_it_reads_as_many_queries_for_a_big_caseload_as_for_a_small_one`: 25 more people in the
  caseload, each with the whole record (so a worklist item of every kind for each), more staff in
  the team, more service accounts and tokens.
"""

import copy
import datetime
import re
import uuid
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.db import connection
from django.db.models import ForeignKey
from django.db.models.base import ModelState
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem import testing
from tandem.accounts.models import Role, User
from tandem.audit.models import AuditEvent
from tandem.budgets.models import BudgetDecision
from tandem.interop.models import ApiToken, ServiceAccount
from tandem.interop.services import api_token_create, service_account_create, token_hash
from tandem.people.models import Person, SafeguardingReferral
from tandem.plans.models import Indicator, Plan, PlanIssue
from tandem.plans.tests.helpers import build_ready_plan
from tandem.records.held import HELD
from tandem.records.tests.full_record import build_full_record
from tandem.reviews.models import Review
from tandem.worklist.due import registry as due_registry
from tandem.worklist.due import worklist_for

MORE = 25


def copy_record(person: Person, times: int, *, new_people: bool) -> list[Person]:
    """Copy every row held about `person` `times` over, parents before children (HELD's order),
    each copy's foreign keys pointing at the copied parents.

    `new_people`: each copy is a new person in the same team (the caseload grows); otherwise the
    copies are more of everything for the same person and the same plan (the record grows)."""
    made: list[dict[tuple[str, int], int]] = [{} for _ in range(times)]
    people: list[Person] = []
    for held in HELD:
        model = held.model
        if not new_people and model in (Person, Plan):
            continue  # the same person and plan, with more of everything else
        rows = list(held.rows(person.pk))
        if model is Plan:
            rows.sort(key=lambda plan: plan.version_number)  # a version after the one it follows
        stamps = [
            f.name
            for f in model._meta.concrete_fields
            if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False)
        ]
        # A version points at the one before: each is copied after the one it follows.
        batches = [[row] for row in rows] if model is Plan else [rows]
        for batch in batches:
            copies = [
                _copy_row(row, made[n], n, new_people=new_people)
                for n in range(times)
                for row in batch
            ]
            created = model._default_manager.bulk_create(copies)
            for index, obj in enumerate(created):
                original = batch[index % len(batch)]
                made[index // len(batch)][(model._meta.label, original.pk)] = obj.pk
                for stamp in stamps:
                    setattr(obj, stamp, getattr(original, stamp))
            if stamps and model is not AuditEvent:  # the audit trail is append-only
                # A copy made now would be newer than what it copies: a consultation copied
                # after the review that used it would be a new one, not more of the same.
                model._default_manager.bulk_update(created, stamps)
        if model is Person:
            people = created  # one person: one batch
    return people


def _copy_row(row, made: dict[tuple[str, int], int], n: int, *, new_people: bool):
    """One unsaved copy of `row`, its foreign keys moved to copies already made, its unique
    fields made unique."""
    new = copy.copy(row)
    new._state = ModelState()
    new.pk = None
    for field in row._meta.concrete_fields:
        if field.is_relation and isinstance(field, ForeignKey):
            target = (field.related_model._meta.label, getattr(row, field.attname))
            if target in made:
                setattr(new, field.attname, made[target])
        elif field.name == "submission_key":
            new.submission_key = None
        elif field.name == "uid" and not new_people:
            new.uid = uuid.uuid4()  # a part's uid is unique in its plan
    _make_unique(new, row, n, new_people=new_people)
    return new


def _make_unique(new, row, n: int, *, new_people: bool) -> None:
    """What each kind's unique constraints ask of a copy."""
    label = row._meta.label
    if label == "people.Person":
        new.local_identifier = f"{row.local_identifier}-{uuid.uuid4().hex[:8]}"
        new.user_id = None
    elif label == "reminders.Notification":
        new.item_key = f"{row.item_key}:{uuid.uuid4().hex[:8]}"
    elif label == "plans.PlanIssue" and not new_people:
        new.number = row.number + 1000 * (n + 1)
    elif label == "reviews.Review" and row.status == Review.Status.DRAFT:
        new.status = Review.Status.FINAL  # one draft at a time
    elif label == "records.RecordClosure" and row.reopened_at is None:
        new.reopened_at, new.reopened_by_id = row.closed_at, row.closed_by_id


def add_versions(plan: Plan, times: int) -> None:
    """`times` earlier versions of the plan, each superseded by the next; the plan stays the
    latest."""
    start = plan.version_number
    Plan.objects.filter(pk=plan.pk).update(version_number=start + times)
    earlier = Plan.objects.bulk_create(
        Plan(
            organisation_id=plan.organisation_id,
            person_id=plan.person_id,
            version_number=start + n,
            status=Plan.Status.SUPERSEDED,
            created_by_id=plan.created_by_id,
        )
        for n in range(times)
    )
    for older, newer in zip(earlier, earlier[1:], strict=False):
        newer.previous_version = older
    Plan.objects.bulk_update(earlier[1:], ["previous_version"])
    Plan.objects.filter(pk=plan.pk).update(previous_version=earlier[-1])


def add_staff_and_tokens(org, team, admin, account: ServiceAccount, times: int) -> None:
    """More workers in the team (the dashboard's rows), more service accounts and tokens."""
    staff = User.objects.bulk_create(
        User(username=f"extra-worker-{n}", organisation=org, role=Role.SOCIAL_WORKER)
        for n in range(times)
    )
    team.members.add(*staff)
    ApiToken.objects.bulk_create(
        ApiToken(
            organisation=org,
            service_account=account,
            name=f"Spare token {n}",
            key_hash=token_hash(f"spare-{n}"),
            prefix=f"spare-{n}"[:10],
            created_by=admin,
        )
        for n in range(times)
    )


def vary_the_worklist(person: Person, worker: User, org, team) -> Person:
    """A worklist item of every kind: for the full record's person a review and consultation
    overdue, a review record's copy to send, an indicator past its date and a concern waiting to
    be acknowledged; and a second person whose plan is waiting for agreement, with a budget
    decision sent back and a review held but not yet recorded; and a third, unallocated, whose draft
    plan waits for a budget decision."""
    today = timezone.localdate()
    Review.objects.filter(person=person, status=Review.Status.FINAL).update(
        held_on=today - datetime.timedelta(days=800),
        copy_due_on=today - datetime.timedelta(days=10),
        copy_sent_at=None,
        finalised_at=timezone.now(),  # after the consultation: the next one is due
    )
    Indicator.objects.filter(plan__person=person).update(due_on=today)
    SafeguardingReferral.objects.create(
        organisation=org, person=person, concern="Small concern", raised_by=worker
    )
    second = testing.make_person(
        org, team, given_name="Vera", family_name="Vaughan", allocated_worker=worker
    )
    plan = build_ready_plan(person=second, actor=worker)
    Plan.objects.filter(pk=plan.pk).update(
        status=Plan.Status.READY, sent_for_agreement_at=timezone.now()
    )
    decision = {
        "organisation": org,
        "plan": plan,
        "reason": "Over budget",
        "budget_weekly": Decimal("250.00"),
        "total_weekly": Decimal("300.00"),
        "one_off_total": Decimal("0"),
        "requested_by": worker,
    }
    BudgetDecision.objects.create(
        **decision, status=BudgetDecision.Status.CHANGES, decided_at=timezone.now()
    )
    # Only a plan's latest request shows: the one waiting is on a third person's plan.
    third = testing.make_person(org, team, given_name="Wyn", family_name="Wood")
    draft = Plan.objects.create(organisation=org, person=third, version_number=1, created_by=worker)
    BudgetDecision.objects.create(**{**decision, "plan": draft})
    Review.objects.create(
        organisation=org,
        person=second,
        plan=plan,
        created_by=worker,
        held_on=today - datetime.timedelta(days=3),
    )
    return second


@pytest.fixture
def scene(client_for, org, team, worker, manager, person):
    """The benchmark's pages, each with the client that reads it: the worker's, the manager's,
    and a service account's token for the API."""
    person = build_full_record(person, worker, manager, "Small")
    second = vary_the_worklist(person, worker, org, team)
    plan = person.plans.get(status=Plan.Status.AGREED)
    draft = Review.objects.create(organisation=org, person=person, plan=plan, created_by=worker)
    admin = testing.make_user(org, role=Role.ADMINISTRATOR)
    account = service_account_create(
        organisation=org, actor=admin, name="Hospital trust", role=Role.TEAM_MANAGER, teams=[team]
    )
    key = api_token_create(account=account, actor=admin, name="Benchmark").key
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    as_worker, as_manager = client_for(worker), client_for(manager)
    pages = {
        "worklist": (as_worker, reverse("worklist:list")),
        "worklist (manager)": (as_manager, reverse("worklist:list")),
        "people list": (as_worker, reverse("people:list")),
        "people search by name": (as_worker, reverse("people:list") + "?q=patel"),
        "people search by identifier": (as_worker, reverse("people:list") + "?q=RC0001"),
        "person page": (as_worker, reverse("people:detail", args=[person.pk])),
        "plan page": (as_worker, reverse("plans:detail", args=[plan.pk])),
        "plan document": (as_worker, reverse("documents:plan", args=[plan.pk])),
        "review page": (as_worker, reverse("reviews:review", args=[draft.pk])),
        "progress page": (as_worker, reverse("reviews:history", args=[person.pk])),
        "manager dashboard": (as_manager, reverse("worklist:dashboard")),
        "API people": (api, "/api/v1/people/"),
        "API worklist": (api, "/api/v1/worklist/"),
        "FHIR $everything": (as_worker, reverse("fhir:everything", args=[person.pk])),
    }
    for client, url in pages.values():
        assert client.get(url).status_code == 200, url  # sessions and caches settle
    return {
        "person": person,
        "second": second,
        "plan": plan,
        "admin": admin,
        "account": account,
        "pages": pages,
    }


def count_queries(pages) -> dict[str, list[str]]:
    # A session is saved again once a minute has passed since it was last saved (3 queries): a
    # page read first by each client now, unmeasured, so none is saved while counting.
    settled = set()
    for client, url in pages.values():
        if id(client) not in settled:
            settled.add(id(client))
            client.get(url)
    counted = {}
    for name, (client, url) in pages.items():
        # As on a new day: no one's due items kept yet (tandem.worklist.due); records are
        # copied here through the ORM, so what was kept before would not be theirs.
        caches["due"].clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        counted[name] = [q["sql"] for q in captured]
    return counted


def _shape(sql: str) -> str:
    """A query without its numbers and times, to tell which kind of query was added."""
    return re.sub(r"[0-9]+", "N", sql)[:240]


def assert_same_counts(small: dict[str, list[str]], large: dict[str, list[str]]) -> None:
    grew = {
        name: (
            len(small[name]),
            len(large[name]),
            Counter(map(_shape, large[name])) - Counter(map(_shape, small[name])),
        )
        for name in small
        if len(large[name]) != len(small[name])
    }
    assert not grew, grew


def test_it_reads_as_many_queries_for_a_big_record_as_for_a_small_one(scene):
    small = count_queries(scene["pages"])

    copy_record(scene["person"], MORE, new_people=False)
    add_versions(scene["plan"], MORE)

    assert_same_counts(small, count_queries(scene["pages"]))


def test_it_reads_as_many_queries_for_a_big_caseload_as_for_a_small_one(scene, org, team):
    small = count_queries(scene["pages"])

    people = copy_record(scene["person"], MORE, new_people=True)
    copy_record(scene["second"], MORE, new_people=True)
    add_staff_and_tokens(org, team, scene["admin"], scene["account"], MORE)

    assert len(people) == MORE
    assert Person.objects.filter(team=team, family_name="Patel").count() == MORE + 1
    assert PlanIssue.objects.filter(plan__person__in=people).count() >= MORE
    assert_same_counts(small, count_queries(scene["pages"]))


def test_the_worklists_hold_an_item_of_every_kind(scene, worker, manager):
    """Every kind of worklist item is among those the counts above are taken with."""
    today = timezone.localdate()
    shown = {
        entry.item.kind
        for user in (worker, manager, scene["account"].user)
        for entry in worklist_for(user, today)
    }

    assert shown == set(due_registry.kinds)


def test_the_copies_hold_every_kind_of_record(scene):
    """The growth above is only as good as the copies: every kind, for every copied person."""
    people = copy_record(scene["person"], 2, new_people=True)

    counts = defaultdict(list)
    for held in HELD:
        for someone in [scene["person"], *people]:
            counts[held.label].append(held.rows(someone.pk).count())
    empty = [label for label, (original, *_) in counts.items() if original == 0]
    assert empty == [], "full_record builds no row of these kinds"
    assert {label: c for label, c in counts.items() if len(set(c)) != 1} == {}
