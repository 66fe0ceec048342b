"""The reminders sweep: what has come due (the worklist's registry, tandem.worklist.due), whom to
remind of it (rules.py), and sending each reminder exactly once.

Finding is done per organisation, for people in chunks of CHUNK, in a fixed number of queries per
chunk however many people or items it holds (`plan`). Sending is done one transaction at a time,
like the safeguarding alert (tandem/people/tasks.py): right before a chunk's e-mails go, its
reminders are worked out again (so a review held, a consultation recorded, consent withdrawn, a
move of team or an opt-out since they were found sends nothing), and in each e-mail's transaction
its Notification row is saved (unique per recipient and item) and the e-mail handed to the mail
server. A run killed part way loses nothing and sends nothing twice when it runs again; only a
crash between the mail server accepting an e-mail and the commit (milliseconds) sends one twice,
never none.

Staff who chose a daily digest, and the person and carers, get one e-mail per sweep listing what
was found for them; each item is still its own Notification, marked `in_digest`.
"""

import itertools
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.urls import reverse

from tandem.accounts import access
from tandem.accounts.models import STAFF_ROLES, Organisation, Role, User
from tandem.people.models import CircleMember, Person
from tandem.reminders import messages, rules
from tandem.reminders.models import Notification, ReminderPreference
from tandem.worklist.due import DueItem, is_for, items_for_people, urgency

logger = logging.getLogger(__name__)

# People read and planned at once: the sweep's queries grow with the number of chunks, never with
# the number of people in one.
CHUNK = 200


@dataclass(frozen=True)
class Reminder:
    """One reminder to send: to whom, as what, about which person's due item, how, and the link
    the e-mail gives (where the recipient acts on it)."""

    recipient: User
    recipient_as: Notification.As
    person: Person
    item: DueItem
    delivery: rules.Delivery
    path: str


@dataclass
class SweepResult:
    notifications: int = 0  # reminders recorded and sent
    emails: int = 0  # e-mails sent (a digest is one e-mail for several reminders)
    failed: int = 0  # sends that failed; the next sweep tries them again


def people_queryset() -> QuerySet[Person]:
    """People with what `plan` reads of them (is_for needs the organisation's escalation)."""
    return Person.objects.select_related("team", "organisation", "user")


def chunks(organisation: Organisation, size: int = CHUNK) -> Iterator[list[Person]]:
    """The organisation's people in id order, `size` at a time (one query each)."""
    last = 0
    while True:
        people = list(
            people_queryset().filter(organisation=organisation, pk__gt=last).order_by("pk")[:size]
        )
        if people:
            yield people
        if len(people) < size:
            return
        last = people[-1].pk


def _team_staff(team_ids: Iterable[int]) -> dict[int, list[User]]:
    """Active staff of each team, in the team's own organisation: those who see its people by
    accounts.access.relationship_filter, read for many people at once."""
    through = User.teams.through
    rows = through.objects.filter(
        team_id__in=set(team_ids),
        user__role__in=STAFF_ROLES,
        user__is_active=True,
        user__organisation_id=F("team__organisation_id"),
    ).select_related("user")
    staff: dict[int, list[User]] = defaultdict(list)
    for row in rows:
        staff[row.team_id].append(row.user)
    return staff


def _consenting_carers(person_ids: list[int]) -> dict[int, list[CircleMember]]:
    """Carers in each person's circle with a sign-in, with the person's consent to share (or
    appointed as advocate or legal representative): those
    who see the person by accounts.access.relationship_filter, read for many people at once."""
    members = CircleMember.objects.filter(
        Q(consent_to_share=True) | Q(appointed_as__in=access.APPOINTMENTS),
        person_id__in=person_ids,
        user__role=Role.CARER,
        user__is_active=True,
        user__organisation_id=F("organisation_id"),
    ).select_related("user")
    circles: dict[int, list[CircleMember]] = defaultdict(list)
    for member in members:
        circles[member.person_id].append(member)
    return circles


def _recipients(
    item: DueItem,
    person: Person,
    staff: dict[int, list[User]],
    circles: dict[int, list[CircleMember]],
    today: date,
) -> Iterator[tuple[User, Notification.As, str]]:
    """Who may be reminded of this item, as what, and the page their link opens."""
    for user in staff.get(person.team_id, ()):
        if is_for(user, item, person, today):
            if person.allocated_worker_id == user.pk:
                as_ = Notification.As.WORKER
            else:
                as_ = Notification.As.MANAGER if user.is_manager else Notification.As.STAFF
            yield user, as_, item.url
    if item.kind not in rules.FOR_THE_PERSON or item.for_user_id is not None:
        return
    own = person.user
    if (
        own is not None
        and own.role == Role.PERSON
        and own.organisation_id == person.organisation_id
    ):
        yield own, Notification.As.PERSON, reverse("people:home")
    for member in circles.get(person.pk, ()):
        # A carer who may represent the person has their home page; others see the record.
        path = (
            reverse("people:home_person", args=[person.pk])
            if member.can_represent
            else reverse("people:detail", args=[person.pk])
        )
        assert member.user is not None
        yield member.user, Notification.As.CARER, path


def plan(people: Sequence[Person], today: date) -> list[Reminder]:
    """Every reminder due about these people and not yet sent, to everyone who may have it now.
    At most five queries besides the registry's sources, however many people and items."""
    items = items_for_people(people, today)
    if not items:
        return []
    by_pk = {p.pk: p for p in people}
    staff = _team_staff(p.team_id for p in people)
    circles = _consenting_carers(list(by_pk))
    candidates = {u.pk for users in staff.values() for u in users}
    candidates |= {p.user_id for p in people if p.user_id is not None}
    candidates |= {m.user_id for members in circles.values() for m in members if m.user_id}
    preferences = {p.user_id: p for p in ReminderPreference.objects.filter(user_id__in=candidates)}
    sent = set(
        Notification.objects.filter(
            person_id__in=list(by_pk), item_key__in={i.key for i in items}
        ).values_list("recipient_id", "item_key")
    )
    reminders = []
    for item in items:
        person = by_pk[item.person_id]
        for user, as_, path in _recipients(item, person, staff, circles, today):
            if (user.pk, item.key) in sent:
                continue
            preference = preferences.get(user.pk)
            if rules.gets_reminders(user, preference):
                sent.add((user.pk, item.key))  # once, if someone is reachable two ways
                delivery = rules.delivery(user, preference)
                reminders.append(Reminder(user, as_, person, item, delivery, path))
    return reminders


def still_due(person_ids: Iterable[int], today: date, recipient_id: int) -> dict[str, Reminder]:
    """The reminders for this recipient about these people, worked out again now: what changed
    since the sweep found them (a review held, consent withdrawn, an opt-out) drops out."""
    found: dict[str, Reminder] = {}
    for batch in itertools.batched(sorted(set(person_ids)), CHUNK):
        people = list(people_queryset().filter(pk__in=batch))
        for reminder in plan(people, today):
            if reminder.recipient.pk == recipient_id:
                found[reminder.item.key] = reminder
    return found


def _row(reminder: Reminder, *, in_digest: bool) -> dict[str, Any]:
    item = reminder.item
    return {
        "organisation_id": reminder.person.organisation_id,
        "recipient": reminder.recipient,
        "recipient_as": reminder.recipient_as,
        "person": reminder.person,
        "kind": item.kind,
        "item_key": item.key,
        "what": item.what[:300],
        "due_on": item.due_on,
        "in_digest": in_digest,
    }


def as_sent(reminder: Reminder) -> Notification:
    """The row of a reminder sent, unsaved: for recording, in bulk, what an earlier sweep sent
    (the demo, the benchmark and tests start from a day that was not the first)."""
    return Notification(**_row(reminder, in_digest=reminder.delivery == rules.Delivery.DIGEST))


def _record(reminder: Reminder, *, in_digest: bool) -> bool:
    """The Notification row; False if another run has it (it waits for that run's commit)."""
    row = _row(reminder, in_digest=in_digest)
    _, created = Notification.objects.get_or_create(
        recipient=row.pop("recipient"), item_key=row.pop("item_key"), defaults=row
    )
    return created


def send_singles(reminders: list[Reminder], today: date, result: SweepResult) -> None:
    """Reminders that go in an e-mail each: worked out again for their people right before
    sending (one `plan` for them all, as for a chunk), then each sent in its own transaction
    with its row."""
    people = {r.person.pk for r in reminders}
    fresh = {
        (r.recipient.pk, r.item.key): r
        for r in plan(list(people_queryset().filter(pk__in=people)), today)
    }
    for reminder in reminders:
        current = fresh.get((reminder.recipient.pk, reminder.item.key))
        if current is not None:
            _guarded(send_single, current, today, result)


def send_single(reminder: Reminder, today: date, result: SweepResult) -> None:
    """One reminder in its own e-mail, in one transaction with its Notification row."""
    with transaction.atomic():
        if not _record(reminder, in_digest=False):
            return
        messages.send(reminder.recipient, [reminder], today)
    result.notifications += 1
    result.emails += 1


def send_digest(
    recipient_id: int, wanted: list[tuple[int, str]], today: date, result: SweepResult
) -> None:
    """Everything found for one recipient in one e-mail, with all its rows in one transaction."""
    with transaction.atomic():
        current = still_due((person_id for person_id, _ in wanted), today, recipient_id)
        keys = {key for _, key in wanted}
        # In key order, so two runs at once wait on the same row first rather than deadlock.
        recorded = [
            current[key]
            for key in sorted(keys & current.keys())
            if _record(current[key], in_digest=True)
        ]
        if not recorded:
            return
        recorded.sort(key=lambda r: urgency(r.item, today))
        messages.send(recorded[0].recipient, recorded, today)
    result.notifications += len(recorded)
    result.emails += 1


def run(*, today: date, chunk_size: int = CHUNK) -> SweepResult:
    """Find and send every reminder due today. Safe to run at any time, as often as wanted."""
    result = SweepResult()
    digests: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for organisation in Organisation.objects.order_by("pk"):
        for people in chunks(organisation, chunk_size):
            singles: list[Reminder] = []
            for reminder in plan(people, today):
                if reminder.delivery == rules.Delivery.DIGEST:
                    digests[reminder.recipient.pk].append((reminder.person.pk, reminder.item.key))
                else:
                    singles.append(reminder)
            if singles:
                _guarded(send_singles, singles, today, result)
    for recipient_id, wanted in digests.items():
        _guarded(send_digest, recipient_id, wanted, today, result)
    return result


def _guarded(send: Callable[..., None], *args: Any) -> None:
    """One failed send (a bad address, the mail server down) must not stop the others; its
    reminder is not recorded, so the next sweep sends it."""
    result: SweepResult = args[-1]
    try:
        send(*args)
    except Exception:
        logger.exception("Reminders: a send failed (%s); the next sweep tries again", send.__name__)
        result.failed += 1
