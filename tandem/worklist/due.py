"""What is due: one registry of the sources of work that comes due, and who should see it.

Each domain app registers a *source* (in its AppConfig.ready) that, given some people and today,
answers what is due for them by that app's own rules – the worklist, the manager's dashboard,
the reminders and the calendar all read from here, so no rule is written twice. A source makes a
fixed number of queries however many people it is given.

A source registered as `kept` works out a person's items from their own record, their
organisation's timescales and the day alone (the reviews' sources: most of the work). Its items
are kept in the "due" cache for each person under their record's latest change
(`audit.RecordChange`, new with every audited change), the organisation's timescales revision and
the day, so a worklist of hundreds of people reads what is unchanged rather than working it all out
again. The other sources (concerns, emergency access, decisions: they name other users) are
asked every time. With `DUE_CACHE_CHECK` on (the tests), every item read from the cache is worked
out again and compared, so a change that is not audited can't leave a stale worklist unnoticed.

Who sees an item:
- `Audience.WORKER`: the person's allocated worker; while no one is allocated, the team's managers
  (they allocate).
- `Audience.MANAGER`: the managers of the person's team (a decision waiting, a concern to
  acknowledge).
- an item with `for_user_id`: that user only (a concern they raised, waiting for acknowledgement).
- an item overdue by more than the organisation's `escalate_after_days` is *escalated*: it shows
  to the team's managers as well.
"""

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from django.conf import settings
from django.core.cache import caches
from django.db.models import BooleanField, ExpressionWrapper, F, OuterRef, Q, QuerySet, Subquery
from django.utils import translation
from django.utils.functional import Promise

from tandem.accounts import access
from tandem.accounts.models import User
from tandem.lookups import AnyOf
from tandem.people.models import Person


class Audience(StrEnum):
    WORKER = "worker"
    MANAGER = "manager"


@dataclass(frozen=True)
class DueItem:
    """One thing due for a person.

    - kind: the registered kind's code, e.g. "review".
    - key: the same for the same thing falling due on the same date, whatever day it is read:
      reminders are sent once per key and recipient, and the calendar uses it as the event's UID.
    - shows_from: the day it starts to show (e.g. the consultation, 4 weeks before a review).
    - due_on: the day it must be done by; overdue from the day after.
    - what: what is due, in plain English, without the person's name ("Review of the plan"); it
      may quote the plan ("Action: Book the taxi to the club") or name someone in the circle, so
      it is shown only behind the sign-in.
    - brief: what is due in words fit to leave Tandem – an e-mail, a calendar – with no plan text
      and no names; given when `what` has either (see `outside`).
    - why: the rule behind it, in plain English with the rule's code ("… (R1)").
    - url: where it is done.
    - urgent: listed first whatever its date (an urgent review, R10; immediate risk).
    """

    kind: str
    key: str
    person_id: int
    due_on: date
    what: str
    why: str
    url: str
    shows_from: date | None = None
    urgent: bool = False
    audience: Audience = Audience.WORKER
    for_user_id: int | None = None
    brief: str = ""

    @property
    def outside(self) -> str:
        """What is due, for a reminder e-mail or a calendar event: never plan text or a name."""
        return self.brief or self.what

    def is_overdue(self, today: date) -> bool:
        return self.due_on < today

    def days_overdue(self, today: date) -> int:
        return max((today - self.due_on).days, 0)


Source = Callable[[Sequence[Person], date], Iterable[DueItem]]


@dataclass(frozen=True)
class Kind:
    code: str
    label: str | Promise  # plural, for the filter: "Reviews"
    order: int


@dataclass
class Registry:
    """The sources of due items, and the kinds of item each gives (a source may give several:
    the reviews source gives reviews and their consultations)."""

    sources: list[tuple[Source, tuple[str, ...]]] = field(default_factory=list)
    kinds: dict[str, Kind] = field(default_factory=dict)
    kept: set[Source] = field(default_factory=set)

    def register(
        self, source: Source, kinds: dict[str, str | Promise], *, kept: bool = False
    ) -> None:
        """`kept`: the source's items for a person follow only from that person's record, their
        organisation's timescales and the day, so they may be kept (see the module's docstring)."""
        for code, label in kinds.items():
            if code in self.kinds:
                raise ValueError(f"A kind of due item called {code!r} is already registered")
            self.kinds[code] = Kind(code=code, label=label, order=len(self.kinds))
        self.sources.append((source, tuple(kinds)))
        if kept:
            self.kept.add(source)

    def ordered(self) -> list[Kind]:
        return sorted(self.kinds.values(), key=lambda k: k.order)


registry = Registry()


def urgency(item: DueItem, today: date) -> tuple:
    """Most urgent first: urgent, then overdue (longest first), then by date due."""
    return (not item.urgent, not item.is_overdue(today), item.due_on, item.kind, item.key)


def items_for_people(
    people: Sequence[Person],
    today: date,
    *,
    kinds: Iterable[str] | None = None,
    upcoming: bool = False,
    kept_for: Collection[int] | None = None,
) -> list[DueItem]:
    """Everything showing today for these people, from every registered source (or those named
    in `kinds`), most urgent first. A fixed number of queries however many people.

    `kept_for`: the people (ids) whose kept sources' items are wanted, if not all (a worker who
    is not a manager sees those only for the people allocated to them: see `worklist_for`).

    `upcoming` adds what is known to come due but does not show yet (a review months away): the
    calendar puts those on their dates, where the worklist waits for their `shows_from`."""
    # A closed record has nothing due: no worklist item, reminder or calendar event.
    people = [person for person in people if person.closed_on is None]
    if not people:
        return []
    wanted = set(kinds) if kinds is not None else set(registry.kinds)
    asked = [(source, gives) for source, gives in registry.sources if not wanted.isdisjoint(gives)]
    found: list[DueItem] = []
    if any(source in registry.kept for source, _ in asked):
        kept = people if kept_for is None else [p for p in people if p.pk in kept_for]
        if kept:
            found.extend(_kept_items(kept, today))
    for source, _ in asked:
        if source not in registry.kept:
            found.extend(source(people, today))
    items = [
        item
        for item in found
        if item.kind in wanted and (upcoming or item.shows_from is None or item.shows_from <= today)
    ]
    return sorted(items, key=lambda item: urgency(item, today))


def _from_kept_sources(people: Sequence[Person], today: date) -> list[DueItem]:
    return [
        item
        for source, _ in registry.sources
        if source in registry.kept
        for item in source(people, today)
    ]


def _cache_keys(people: Sequence[Person], today: date) -> dict[int, str]:
    """Each person's key in the "due" cache: their record's latest change, their organisation's
    timescales, the day and the language the items are written in. One query."""
    from tandem.audit.models import RecordChange

    token = RecordChange.objects.filter(person_id=OuterRef("pk")).values("token")
    rows = Person.objects.filter(pk__in=[p.pk for p in people]).values_list(
        "pk", Subquery(token), "organisation__timescales_revision"
    )
    day, language = today.isoformat(), translation.get_language()
    return {pk: f"due:{pk}:{token}:{revision}:{day}:{language}" for pk, token, revision in rows}


def _kept_items(people: Sequence[Person], today: date) -> list[DueItem]:
    """The kept sources' items for these people, upcoming ones too: from the cache for each
    person whose record has not changed since, worked out (and kept) for the others."""
    cache = caches["due"]
    keys = _cache_keys(people, today)
    held: dict[str, list[DueItem]] = cache.get_many(list(keys.values()))
    missing = [p for p in people if keys[p.pk] not in held]
    if settings.DUE_CACHE_CHECK:
        _check(held, keys, [p for p in people if keys[p.pk] in held], today)
    if missing:
        fresh: dict[str, list[DueItem]] = {keys[p.pk]: [] for p in missing}
        for item in _from_kept_sources(missing, today):
            fresh[keys[item.person_id]].append(item)
        cache.set_many(fresh)
        held.update(fresh)
    return [item for person in people for item in held[keys[person.pk]]]


def _check(
    held: dict[str, list[DueItem]], keys: dict[int, str], people: list[Person], today: date
) -> None:
    """Tests only: what the cache gave is what working it out again gives."""
    if not people:
        return
    now: dict[int, list[DueItem]] = {p.pk: [] for p in people}
    for item in _from_kept_sources(people, today):
        now[item.person_id].append(item)
    for person in people:
        if sorted(held[keys[person.pk]], key=repr) != sorted(now[person.pk], key=repr):
            raise AssertionError(
                f"The due items kept for person {person.pk} are out of date: a change to their "
                "record was not audited (tandem.audit.services.audit_record)."
            )


def worklist_people(user: User) -> QuerySet[Person]:
    """The people whose items may be this user's: everyone in their own teams and allocated to
    them (whose items are then shared out by `is_for`), not those they opened in an emergency.
    A team manager also gets the people whom their teams' practitioners opened in an emergency
    not yet reviewed, marked `in_caseload=False`: only the review is theirs (`worklist_for`).
    Nobody for anyone but staff."""
    if not user.is_authenticated or not user.is_worker or user.organisation_id is None:
        return Person.objects.none()
    caseload = access.relationship_filter(user, emergency=False)
    people = Person.objects.all()
    if user.is_manager:
        to_review = access.break_glass_to_review(user).filter(reviewed_at__isnull=True)
        # AnyOf, not Exists: under the OR, Exists made PostgreSQL test every person in the
        # table (seconds at 100,000 people); see tandem.lookups.
        people = people.filter(caseload | Q(AnyOf(F("pk"), to_review.values("person_id"))))
    else:
        people = people.filter(caseload)
    return people.annotate(
        in_caseload=ExpressionWrapper(caseload, output_field=BooleanField())
    ).select_related("team", "allocated_worker", "organisation")


def escalates(item: DueItem, person: Person, today: date) -> bool:
    """Overdue for longer than the organisation allows: the team's managers see it too."""
    after = person.organisation.escalate_after_days
    return item.is_overdue(today) and today - item.due_on > timedelta(days=after)


def is_for(user: User, item: DueItem, person: Person, today: date) -> bool:
    if item.for_user_id is not None:
        return item.for_user_id == user.pk
    manager = user.is_manager
    if item.audience == Audience.MANAGER:
        return manager
    if person.allocated_worker_id == user.pk:
        return True
    return manager and (person.allocated_worker_id is None or escalates(item, person, today))


def escalated_to_manager(item: DueItem, person: Person, user: User, today: date) -> bool:
    """The allocated worker is told when their team's managers now see their work too (not
    what was always someone's own, like a concern waiting for them)."""
    return (
        item.audience == Audience.WORKER
        and item.for_user_id is None
        and person.allocated_worker_id == user.pk
        and escalates(item, person, today)
    )


@dataclass(frozen=True)
class Entry:
    """An item on someone's worklist, with its person and whether it was escalated to them."""

    item: DueItem
    person: Person
    escalated: bool = False
    # False for a person outside the user's caseload, on it only for an emergency access to
    # review: their record is not the user's to open.
    in_caseload: bool = True


def worklist_for(
    user: User,
    today: date,
    *,
    kinds: Iterable[str] | None = None,
    person_id: int | None = None,
    upcoming: bool = False,
) -> list[Entry]:
    """What is due for this user across their caseload, most urgent first (with `upcoming`, also
    what will come due but does not show yet: see `items_for_people`)."""
    people_qs = worklist_people(user)
    if person_id is not None:
        people_qs = people_qs.filter(pk=person_id)
    people = {p.pk: p for p in people_qs}
    # Kept items are never for a named user nor for managers only: one who is not a manager sees
    # them for the people allocated to them alone (is_for), so only theirs are read.
    kept_for = (
        None
        if user.is_manager
        else {pk for pk, p in people.items() if p.allocated_worker_id == user.pk}
    )
    entries = []
    for item in items_for_people(
        list(people.values()), today, kinds=kinds, upcoming=upcoming, kept_for=kept_for
    ):
        person = people[item.person_id]
        in_caseload = getattr(person, "in_caseload", True)
        if not in_caseload and item.for_user_id != user.pk:
            continue
        if is_for(user, item, person, today):
            escalated = (
                item.for_user_id is None
                and item.audience == Audience.WORKER
                and person.allocated_worker_id not in (None, user.pk)
            )
            entries.append(
                Entry(item=item, person=person, escalated=escalated, in_caseload=in_caseload)
            )
    return entries
