"""The private calendar feed as a calendar app reads it (worklist:calendar_feed): a valid
iCalendar (RFC 5545) of the worker's own due dates, names only if they opted in, 404 for any
address that no longer works, the secret never stored, and a fixed number of queries."""

import datetime
import hashlib
import uuid

import pytest
import time_machine
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from tandem import testing
from tandem.accounts.models import Role
from tandem.audit.models import AuditAction, AuditEvent
from tandem.people.models import Person
from tandem.plans.models import Action, Indicator, Outcome, Plan
from tandem.reviews.tests.test_due_batch import agreed_plan, at
from tandem.worklist.calendar import services
from tandem.worklist.due import items_for_people, worklist_for
from tandem.worklist.models import CalendarFeed

pytestmark = pytest.mark.django_db

# agreed_plan: a review due 4 October 2026, its consultation 6 September. On 1 August neither
# shows on the worklist yet; both are in the calendar, on their dates.
TODAY = datetime.datetime(2026, 8, 1, 12, tzinfo=datetime.UTC)
REVIEW_ON = datetime.date(2026, 10, 4)
CONSULT_ON = datetime.date(2026, 9, 6)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


def make_feed(user) -> str:
    """A feed made through the service, as the settings page makes it: its path."""
    issued = services.calendar_link_issue(user=user, revision=services.revision_of(user_feed(user)))
    return issued.url.removeprefix(settings.SITE_URL.rstrip("/"))


def user_feed(user) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


def fetch(path: str):
    """Read as a calendar app does: nobody signed in."""
    return Client().get(path)


def events(response) -> list:
    return Calendar.from_ical(response.content).events


def test_it_serves_a_valid_calendar_of_the_workers_due_dates(org, team, worker):
    plan = agreed_plan(org, team, worker)
    assert worklist_for(worker, TODAY.date()) == []  # not showing yet: coming up

    response = fetch(make_feed(worker))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert {"private", "no-store"} <= {v.strip() for v in response["Cache-Control"].split(",")}
    calendar = Calendar.from_ical(response.content)
    calendar.validate()
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"] == "-//Tandem//Worklist calendar//EN"
    assert calendar["CALSCALE"] == "GREGORIAN"
    assert calendar["X-WR-CALNAME"] == "Tandem: what is due"
    host = "127.0.0.1"
    by_uid = {str(event["UID"]): event for event in calendar.events}
    # The review cycle names the event (no review held yet), so its UID lasts as its date moves.
    assert set(by_uid) == {
        f"review:{plan.pk}:agreed@{host}",
        f"consultation:{plan.pk}:agreed@{host}",
    }
    review = by_uid[f"review:{plan.pk}:agreed@{host}"]
    assert review["DTSTART"].params["VALUE"] == "DATE"
    assert (review.start, review.end) == (REVIEW_ON, REVIEW_ON + datetime.timedelta(days=1))
    assert review["SUMMARY"] == f"Review of the plan – {plan.person.local_identifier}"
    assert review["URL"] == f"{settings.SITE_URL}/reviews/plans/{plan.pk}/"
    assert review.DTSTAMP == TODAY
    consultation = by_uid[f"consultation:{plan.pk}:agreed@{host}"]
    assert consultation.start == CONSULT_ON
    for event in calendar.events:
        assert {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "URL"} <= set(event)


def test_a_worker_with_nothing_due_gets_a_valid_empty_calendar(worker):
    """RFC 5545 asks for at least one component: the site's time zone is always there."""
    calendar = Calendar.from_ical(fetch(make_feed(worker)).content)
    calendar.validate()
    assert calendar.events == []
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/London"]


def test_upcoming_adds_only_what_does_not_show_yet(org, team, worker):
    """The worklist is unchanged (it waits for each item's date to show); `upcoming` adds what
    the calendar puts on its date beforehand."""
    agreed_plan(org, team, worker)
    today = TODAY.date()
    assert items_for_people(list(Person.objects.all()), today) == []
    upcoming = items_for_people(list(Person.objects.all()), today, upcoming=True)
    assert [(i.kind, i.due_on) for i in upcoming] == [
        ("consultation", CONSULT_ON),
        ("review", REVIEW_ON),
    ]
    assert all(i.shows_from == CONSULT_ON > today for i in upcoming)
    assert [e.item for e in worklist_for(worker, today, upcoming=True)] == upcoming


def test_its_lines_follow_rfc_5545(org, team, worker):
    """Content lines end in CRLF and are folded at 75 octets (RFC 5545 §3.1), long multi-byte
    text included."""
    plan = agreed_plan(org, team, worker)
    Person.objects.filter(pk=plan.person_id).update(family_name="Ødegård-Llewellyn" * 5)
    feed_path = make_feed(worker)
    services.calendar_names_set(user=worker, include_names=True, revision=1)

    body = fetch(feed_path).content

    assert body.endswith(b"\r\n")
    lines = body.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(lines) and b"\r" not in b"".join(lines)
    assert all(len(line) <= 75 for line in lines), max(lines, key=len)
    assert any(line.startswith(b" ") for line in lines)  # something was long enough to fold
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-1] == b"END:VCALENDAR"


def test_an_event_keeps_its_uid_from_one_read_to_the_next(org, team, worker):
    agreed_plan(org, team, worker)
    feed_path = make_feed(worker)
    first = sorted(str(e["UID"]) for e in events(fetch(feed_path)))
    with time_machine.travel(TODAY + datetime.timedelta(days=3), tick=False):
        again = sorted(str(e["UID"]) for e in events(fetch(feed_path)))
    assert first == again and len(first) == 2


def test_it_has_only_the_workers_own_items(org, team, worker):
    mine = agreed_plan(org, team, worker)
    colleague = testing.make_worker(org, team)
    theirs = agreed_plan(org, team, colleague)

    summaries = [str(e["SUMMARY"]) for e in events(fetch(make_feed(worker)))]
    colleagues = [str(e["SUMMARY"]) for e in events(fetch(make_feed(colleague)))]

    assert len(summaries) == 2 and all(mine.person.local_identifier in s for s in summaries)
    assert len(colleagues) == 2
    assert not any(theirs.person.local_identifier in s for s in summaries)


def test_a_managers_calendar_has_what_was_escalated_to_them(org, team, worker, manager):
    plan = agreed_plan(org, team, worker)
    feed_path = make_feed(manager)
    # The day after the review date: R2 makes the review due today (5 October, so not overdue)
    # and its consultation 4 weeks before, 28 days overdue: more than 14, so escalated.
    with time_machine.travel(datetime.datetime(2026, 10, 5, 12, tzinfo=datetime.UTC)):
        escalated = events(fetch(feed_path))
    assert [(str(e["UID"]).split(":")[:2], e.start) for e in escalated] == [
        (["consultation", str(plan.pk)], datetime.date(2026, 9, 7))
    ]
    assert "Escalated to you" in escalated[0]["DESCRIPTION"]


def test_it_names_no_one_and_quotes_no_plan_unless_the_worker_opts_in(org, team, worker):
    plan = agreed_plan(org, team, worker)
    person = plan.person
    Action.objects.create(
        organisation=org,
        plan=plan,
        outcome=plan.outcomes.get(),
        description="Book the taxi to the club",
        kind=Action.Kind.COMMUNITY,
        responsible_is_person=True,
        due_on=TODAY.date() - datetime.timedelta(days=2),
    )
    feed_path = make_feed(worker)

    private = fetch(feed_path)
    text = " ".join(str(e.get(p)) for e in events(private) for p in ("SUMMARY", "DESCRIPTION"))
    assert person.local_identifier in text
    assert person.family_name not in text and person.given_name not in text
    # The plan's words are not in the event either: not the outcome, nor the action's own.
    assert "Go to the club" not in text and "taxi" not in text
    assert "An action in the plan is past its date" in text
    assert person.family_name.encode() not in private.content

    services.calendar_names_set(user=worker, include_names=True, revision=1)
    named = events(fetch(feed_path))
    review = next(e for e in named if str(e["UID"]).startswith("review:"))
    assert review["SUMMARY"] == (
        f"Review of the plan – {person.full_name} ({person.local_identifier})"
    )
    assert "Go to the club every Tuesday" in review["DESCRIPTION"]
    assert any("Book the taxi to the club" in e["SUMMARY"] for e in named)


def test_a_revoked_link_answers_404_at_once(org, team, worker):
    feed_path = make_feed(worker)
    assert fetch(feed_path).status_code == 200
    services.calendar_link_revoke(user=worker, revision=1)
    assert fetch(feed_path).status_code == 404


def test_a_renewed_link_replaces_the_old_one_at_once(org, team, worker):
    old = make_feed(worker)
    new = make_feed(worker)
    assert old != new
    assert fetch(old).status_code == 404
    assert fetch(new).status_code == 200


@pytest.mark.parametrize(
    "change",
    [
        {"is_active": False},
        {"role": Role.ADMINISTRATOR},
        {"role": Role.PERSON},
        {"organisation": None},
    ],
    ids=["inactive", "administrator", "no_longer_staff", "no_organisation"],
)
def test_it_answers_404_once_the_worker_may_no_longer_have_it(org, team, worker, change):
    feed_path = make_feed(worker)
    type(worker).objects.filter(pk=worker.pk).update(**change)
    assert fetch(feed_path).status_code == 404


@pytest.mark.parametrize(
    "token", ["unknown", "x" * 43, "x" * 500, "%00", "..", "a b"], ids=lambda t: t[:10]
)
def test_it_answers_404_to_an_address_it_never_made(worker, token):
    make_feed(worker)
    path = reverse("worklist:calendar_feed", args=["TOKEN"]).replace("TOKEN", token)
    assert fetch(path).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.CALENDAR_VIEW).exists()


def test_it_keeps_only_a_hash_of_the_secret(org, team, worker):
    agreed_plan(org, team, worker)
    feed_path = make_feed(worker)
    token = feed_path.rsplit("/", 1)[1].removesuffix(".ics")
    fetch(feed_path)

    feed = CalendarFeed.objects.get(user=worker)
    assert feed.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(list(CalendarFeed.objects.values()))
    events_written = list(AuditEvent.objects.values("summary", "detail"))
    assert len(events_written) == 2  # made, and read
    assert token not in str(events_written)


def test_each_read_is_audited_as_the_worker(org, team, worker):
    plan = agreed_plan(org, team, worker)
    feed_path = make_feed(worker)
    fetch(feed_path)
    event = AuditEvent.objects.get(action=AuditAction.CALENDAR_VIEW)
    assert event.actor == worker
    assert event.detail == {"events": 2, "include_names": False, "people": [plan.person_id]}
    assert CalendarFeed.objects.get(user=worker).last_read_at == TODAY


def caseload(org, team, worker, size: int) -> None:
    """`size` people allocated to the worker, each with an agreed plan due for review: made with
    bulk_create (a review and its consultation each, as agreed_plan makes)."""
    batch = uuid.uuid4().hex[:6]
    people = Person.objects.bulk_create(
        Person(
            organisation=org,
            team=team,
            given_name="Sam",
            family_name=f"Caseload{n}",
            date_of_birth=datetime.date(1970, 1, 1),
            local_identifier=f"{batch}-{n}",
            allocated_worker=worker,
        )
        for n in range(size)
    )
    plans = Plan.objects.bulk_create(
        Plan(
            organisation=org,
            person=person,
            status=Plan.Status.AGREED,
            agreed_at=at(datetime.date(2026, 1, 10)),
            created_by=worker,
        )
        for person in people
    )
    outcomes = Outcome.objects.bulk_create(
        Outcome(
            organisation=org,
            plan=plan,
            words="Go to the club every Tuesday",
            achieve_by=datetime.date(2026, 12, 1),
            life_area="ascot:control",
        )
        for plan in plans
    )
    Indicator.objects.bulk_create(
        Indicator(
            organisation=org,
            plan=outcome.plan,
            outcome=outcome,
            description="Goes every week",
            due_on=datetime.date(2026, 11, 1),
        )
        for outcome in outcomes
    )


def test_the_queries_do_not_grow_with_the_caseload(org, team, worker):
    feed_path = make_feed(worker)
    caseload(org, team, worker, 10)
    with CaptureQueriesContext(connection) as ten:
        assert len(events(fetch(feed_path))) == 20
    caseload(org, team, worker, 490)
    testing.analyze_tables()
    caches["due"].clear()  # the caseload was made through the ORM: work every item out again
    with CaptureQueriesContext(connection) as five_hundred:
        assert len(events(fetch(feed_path))) == 1000
    assert len(five_hundred) == len(ten), [q["sql"][:120] for q in five_hundred.captured_queries]
