"""The reminders sweep: each reminder once, to whom it is for, respecting opt-in, consent and what
changed since it was found, with no names in the e-mails and queries that do not grow per person."""

import datetime

import pytest
from django.core import mail
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tandem import testing
from tandem.accounts.access import visible_people
from tandem.accounts.models import Role
from tandem.people.models import CircleMember
from tandem.plans.models import Action, Outcome
from tandem.reminders import messages, rules, sweep
from tandem.reminders.models import Notification, ReminderPreference
from tandem.reminders.tests.helpers import due_people
from tandem.reviews.models import Consultation, Review
from tandem.worklist.due import DueItem, items_for_people, registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def due_person(org, team, worker):
    """Priya's twin for the sweep: allocated to `worker`, review coming up, consultation due."""
    (person,) = due_people(org, team, 1, by=worker, worker=worker)
    return person


def opt_in(user, **fields):
    fields.setdefault("email_reminders", True)
    return ReminderPreference.objects.create(
        organisation_id=user.organisation_id, user=user, **fields
    )


def recipients():
    return sorted((m.to[0], m.subject) for m in mail.outbox)


def test_it_sends_each_reminder_once_however_often_it_runs(due_person, worker, today):
    first = sweep.run(today=today)
    second = sweep.run(today=today)

    assert (first.notifications, first.emails) == (2, 2)
    assert (second.notifications, second.emails) == (0, 0)
    assert [m.to for m in mail.outbox] == [[worker.email], [worker.email]]
    sent = Notification.objects.filter(recipient=worker, person=due_person)
    assert sorted(sent.values_list("kind", flat=True)) == ["consultation", "review"]
    assert not any(n.in_digest for n in sent)


def test_it_reminds_the_allocated_worker_only_not_their_colleagues_or_manager(
    due_person, worker, manager, other_team_worker, today
):
    colleague = testing.make_worker(worker.organisation, due_person.team)
    sweep.run(today=today)
    assert {m.to[0] for m in mail.outbox} == {worker.email}
    assert not Notification.objects.filter(recipient__in=[colleague, manager]).exists()


def test_the_managers_are_reminded_while_nobody_is_allocated(due_person, manager, today):
    due_person.allocated_worker = None
    due_person.save()
    sweep.run(today=today)
    assert {m.to[0] for m in mail.outbox} == {manager.email}
    assert set(Notification.objects.values_list("recipient_as", flat=True)) == {"manager"}


def test_the_person_and_carers_get_nothing_until_they_opt_in(due_person, worker, today):
    own = testing.make_user_for_person(due_person)
    carer = testing.make_carer_user(due_person)
    sweep.run(today=today)
    assert {m.to[0] for m in mail.outbox} == {worker.email}

    opt_in(own)
    opt_in(carer)
    result = sweep.run(today=today)

    # One e-mail each, with both what is coming up: the review and being asked about it.
    assert (result.notifications, result.emails) == (4, 2)
    assert {m.to[0] for m in mail.outbox[2:]} == {own.email, carer.email}
    assert Notification.objects.filter(recipient=own, in_digest=True).count() == 2
    body = next(m.body for m in mail.outbox if m.to == [own.email])
    assert "Your support plan is due to be reviewed by" in body
    assert "who you would like to be there" in body
    assert "/people/me/" in body


def test_every_recipient_may_see_the_person(org, team, worker, manager, other_team_worker, today):
    """The sweep's batch reads of who may see whom agree with accounts.access."""
    allocated, unallocated = due_people(org, team, 2, by=worker, worker=worker)
    unallocated.allocated_worker = None
    unallocated.save()
    for person in (allocated, unallocated):
        opt_in(testing.make_user_for_person(person))
        opt_in(testing.make_carer_user(person))
        opt_in(testing.make_carer_user(person, consent_to_share=False))
    other_org = testing.make_organisation()
    stranger = testing.make_worker(other_org, team)  # in the team, but of another organisation
    sweep.run(today=today)
    sent = Notification.objects.select_related("recipient")
    assert sent.count() == 2 * 2 + 2 * 2 * 2  # the worker or managers, the person, one carer
    for notification in sent:
        may_see = visible_people(notification.recipient).filter(pk=notification.person_id)
        assert may_see.exists(), notification
    assert not sent.filter(recipient__in=[other_team_worker, stranger]).exists()


def test_every_kind_the_person_hears_about_has_its_words():
    assert set(messages.FOR_THE_PERSON_WORDS) == rules.FOR_THE_PERSON


def test_opted_out_means_no_more(due_person, today):
    own = testing.make_user_for_person(due_person)
    opt_in(own, email_reminders=False)
    sweep.run(today=today)
    assert own.email not in {m.to[0] for m in mail.outbox}


def test_a_carer_without_consent_to_share_gets_nothing(due_person, today):
    carer = testing.make_carer_user(due_person, consent_to_share=False)
    opt_in(carer)
    sweep.run(today=today)
    assert carer.email not in {m.to[0] for m in mail.outbox}

    CircleMember.objects.filter(user=carer).update(consent_to_share=True)
    sweep.run(today=today)
    assert carer.email in {m.to[0] for m in mail.outbox}


def test_the_person_hears_only_about_their_review_not_the_workers_tasks(due_person, worker, today):
    own = testing.make_user_for_person(due_person)
    opt_in(own)
    plan = due_person.plans.get()
    Review.objects.create(
        organisation=plan.organisation,
        person=due_person,
        plan=plan,
        held_on=today,
        created_by=worker,
    )
    sweep.run(today=today)
    # A review held and being recorded: the record is the worker's to finish, not the person's.
    assert [(m.to[0], "Finish the record" in m.subject) for m in mail.outbox] == [
        (worker.email, True)
    ]


def _found(person, today):
    return sweep.plan(list(sweep.people_queryset().filter(pk=person.pk)), today)


def _send_all(found, today) -> sweep.SweepResult:
    result = sweep.SweepResult()
    for reminder in found:
        if reminder.delivery == "single":
            sweep.send_singles([reminder], today, result)
        else:
            wanted = [(reminder.person.pk, reminder.item.key)]
            sweep.send_digest(reminder.recipient.pk, wanted, today, result)
    return result


@pytest.mark.usefixtures("due_items_not_kept")  # the change is made through the ORM
def test_a_review_held_since_it_was_found_sends_nothing(due_person, worker, today):
    found = _found(due_person, today)
    assert {r.item.kind for r in found} == {"review", "consultation"}
    plan = due_person.plans.get()
    Review.objects.create(
        organisation=plan.organisation,
        person=due_person,
        plan=plan,
        held_on=today,
        created_by=worker,
    )
    assert _send_all(found, today).notifications == 0
    assert mail.outbox == []
    assert not Notification.objects.exists()


@pytest.mark.usefixtures("due_items_not_kept")  # the change is made through the ORM
def test_a_consultation_recorded_since_it_was_found_is_not_reminded(due_person, worker, today):
    found = _found(due_person, today)
    plan = due_person.plans.get()
    Consultation.objects.create(
        organisation=plan.organisation, person=due_person, plan=plan, answered_by=worker
    )
    assert _send_all(found, today).notifications == 1
    assert list(Notification.objects.values_list("kind", flat=True)) == ["review"]


@pytest.fixture
def actions_due(today):
    """A source of due items like an app's own (an action of the plan), registered for the test:
    an action is due for each person in `waiting` until it is done (taken out)."""
    waiting: set[int] = set()

    def source(people, day):
        for person in people:
            if person.pk in waiting:
                yield DueItem(
                    kind="test_action",
                    key=f"test_action:{person.pk}",
                    person_id=person.pk,
                    due_on=today,
                    what="Fit the pendant alarm",
                    why="An action of the plan",
                    url=f"/plans/{person.pk}/",
                )

    registry.register(source, {"test_action": "Actions"})
    yield waiting
    registry.sources.pop()
    del registry.kinds["test_action"]


def test_an_action_done_since_it_was_found_is_not_reminded(org, team, worker, today, actions_due):
    """Whatever an app registers is checked again right before sending: done means not sent."""
    (person,) = due_people(org, team, 1, by=worker, worker=worker, agreed_days_ago=100)
    actions_due.add(person.pk)
    found = _found(person, today)
    assert [r.item.what for r in found] == ["Fit the pendant alarm"]
    actions_due.discard(person.pk)  # done
    assert _send_all(found, today).notifications == 0
    assert mail.outbox == []


def test_someone_who_lost_access_since_it_was_found_gets_nothing(
    due_person, worker, today, other_team_worker
):
    own = testing.make_user_for_person(due_person)
    carer = testing.make_carer_user(due_person)
    opt_in(own)
    opt_in(carer)
    found = _found(due_person, today)
    assert {r.recipient for r in found} == {worker, own, carer}

    worker.teams.set([other_team_worker.teams.get()])  # moved team
    CircleMember.objects.filter(user=carer).update(consent_to_share=False)  # consent withdrawn
    ReminderPreference.objects.filter(user=own).update(email_reminders=False)  # opted out
    assert _send_all(found, today).notifications == 0
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_a_digest_is_one_email_listing_every_item(org, team, worker, today):
    opt_in(worker, daily_digest=True)
    people = due_people(org, team, 3, by=worker, worker=worker)

    result = sweep.run(today=today, chunk_size=2)  # the items come from two chunks

    assert (result.notifications, result.emails) == (6, 1)
    (message,) = mail.outbox
    assert message.subject == "Tandem: 6 reminders today"
    for person in people:
        assert message.body.count(f"(person {person.local_identifier})") == 2
    assert Notification.objects.filter(in_digest=True).count() == 6
    assert sweep.run(today=today).emails == 0


def test_the_emails_carry_no_names(due_person, worker, today):
    own = testing.make_user_for_person(due_person, email="rowan@example.org")
    carer = testing.make_carer_user(due_person, first_name="Carol", last_name="Carer")
    opt_in(own)
    opt_in(carer)
    sweep.run(today=today)
    assert len(mail.outbox) == 4
    names = {
        due_person.given_name,
        due_person.family_name,
        due_person.preferred_name,
        worker.first_name,
        worker.last_name,
        "Carol",
        "Carer",
    }
    for message in mail.outbox:
        text = message.subject + message.body
        assert not {name for name in names if name in text}, text
        if message.to != [worker.email]:
            assert due_person.local_identifier not in text
    worker_mail = [m for m in mail.outbox if m.to == [worker.email]]
    assert all(due_person.local_identifier in m.body for m in worker_mail)


def test_the_persons_email_follows_their_preferred_formats(due_person, today):
    due_person.preferred_formats = ["easy_read", "large_print", "braille"]
    due_person.save()
    own = testing.make_user_for_person(due_person)
    opt_in(own)
    sweep.run(today=today)
    (message,) = [m for m in mail.outbox if m.to == [own.email]]
    assert "This is called a review." in message.body
    assert "in braille" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "font-size: 24px" in html


def test_one_failed_send_stops_no_other_and_is_sent_next_time(
    org, team, worker, today, monkeypatch
):
    other = testing.make_worker(org, team)
    due_people(org, team, 1, by=worker, worker=worker)
    due_people(org, team, 1, by=worker, worker=other)
    real_send = sweep.messages.send

    def failing(recipient, reminders, today):
        if recipient == worker:
            raise ConnectionRefusedError("mail server down")
        real_send(recipient, reminders, today)

    monkeypatch.setattr(sweep.messages, "send", failing)
    result = sweep.run(today=today)
    assert (result.notifications, result.failed) == (2, 2)
    assert {m.to[0] for m in mail.outbox} == {other.email}
    assert not Notification.objects.filter(recipient=worker).exists()

    monkeypatch.setattr(sweep.messages, "send", real_send)
    assert sweep.run(today=today).notifications == 2
    assert Notification.objects.filter(recipient=worker).count() == 2


def _queries(today, chunk_size=sweep.CHUNK) -> int:
    """A day's sweep: no one's due items are kept yet (they are kept for the day's date)."""
    caches["due"].clear()
    with CaptureQueriesContext(connection) as queries:
        sweep.run(today=today, chunk_size=chunk_size)
    return len(queries)


def _already_sent(today):
    """Record every reminder as sent, as yesterday's sweep would have (quicker than sending)."""
    people = list(sweep.people_queryset())
    Notification.objects.bulk_create(sweep.as_sent(r) for r in sweep.plan(people, today))


def _source_queries(today, limit: int | None = None, *, kept: bool = False) -> int:
    """The queries the registered sources (the reviews app's, and any other app's) make for a
    chunk of these people: fixed by each source, whatever the number of people. With `kept`,
    once their items are kept (tandem.worklist.due): fewer."""
    people = list(sweep.people_queryset().order_by("pk")[:limit])
    if not kept:
        caches["due"].clear()
    with CaptureQueriesContext(connection) as queries:
        items_for_people(people, today)
    return len(queries)


# Besides the sources: the organisations (once); per chunk its people (1) and the team's staff, the
# consenting carers, their preferences and the reminders already sent (4).
OWN_QUERIES_PER_CHUNK = 5


@pytest.mark.parametrize("count", [10, 500])
def test_finding_takes_the_same_queries_for_10_or_500_people(org, team, worker, today, count):
    """Nothing left to send (the daily case): a fixed number of queries per chunk of people."""
    testing.make_worker(org, team, role=Role.TEAM_MANAGER)
    own = testing.make_user_for_person(due_people(org, team, 1, by=worker, worker=worker)[0])
    opt_in(own)
    carer = testing.make_carer_user(due_people(org, team, 1, by=worker, worker=worker)[0])
    opt_in(carer)
    due_people(org, team, count - 2, by=worker, worker=worker)
    _already_sent(today)
    testing.analyze_tables()
    assert Notification.objects.count() == 2 * count + 4

    sources = _source_queries(today)
    assert sources == _source_queries(today, limit=10)  # the same for 10 people as for all
    per_chunk = sources + OWN_QUERIES_PER_CHUNK
    assert _queries(today, chunk_size=1000) == 1 + per_chunk
    # In chunks of 100: the same for each chunk, and one more read of people to find the end.
    chunks = -(-count // 100)
    assert _queries(today, chunk_size=100) <= 1 + chunks * per_chunk + 1
    assert mail.outbox == []


@pytest.mark.parametrize("count", [5, 15])
def test_sending_takes_a_fixed_number_of_queries_per_reminder(
    org, team, worker, today, count, settings
):
    settings.DUE_CACHE_CHECK = False  # as in production: kept items are not worked out again
    due_people(org, team, count, by=worker, worker=worker)
    sources = _source_queries(today)
    kept = _source_queries(today, kept=True)
    assert kept < sources
    # Finding (one chunk); then right before sending, the chunk's reminders are worked out again
    # (once for them all, from the items kept while finding); then each e-mail is a savepoint
    # (2) with its row (get, savepoint, insert, release: 4).
    per_chunk = sources + OWN_QUERIES_PER_CHUNK
    expected = 1 + per_chunk + kept + OWN_QUERIES_PER_CHUNK + 2 * count * 6
    assert _queries(today) == expected
    assert len(mail.outbox) == 2 * count


@pytest.mark.parametrize("digest", [False, True])
def test_the_emails_carry_no_words_from_the_plan(due_person, worker, today, digest):
    """An action's own words stay behind the sign-in, in single e-mails and digests alike: the
    e-mail says what kind of thing is due, and links to it."""
    if digest:
        opt_in(worker, daily_digest=True)
    plan = due_person.plans.get()
    outcome = Outcome.objects.create(
        organisation=plan.organisation,
        plan=plan,
        words="Go swimming with my brother Dev",
        achieve_by=today + datetime.timedelta(days=200),
    )
    Action.objects.create(
        organisation=plan.organisation,
        plan=plan,
        outcome=outcome,
        description="Book the taxi to the pool",
        kind=Action.Kind.COMMUNITY,
        responsible_is_person=True,
        due_on=today - datetime.timedelta(days=3),
    )
    sweep.run(today=today)
    texts = [m.subject + m.body for m in mail.outbox]
    assert any("An action in the plan is past its date" in text for text in texts)
    for text in texts:
        assert "taxi" not in text and "swimming" not in text and "Dev" not in text
    # Behind the sign-in, the person's progress page says which action it was.
    assert Notification.objects.filter(kind="action", what__contains="taxi").exists()
