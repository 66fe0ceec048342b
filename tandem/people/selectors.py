"""Reads of people, always limited to what the acting user may see (tandem.accounts.access)."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Max, Model, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from tandem.accounts import access
from tandem.accounts.models import STAFF_ROLES, Role, Team, User
from tandem.audit.models import AuditAction, AuditEvent
from tandem.people import rules
from tandem.people.models import BreakGlassAccess, CircleMember, Person, SafeguardingReferral
from tandem.plans.models import Plan
from tandem.plans.selectors import person_plan_versions

PER_PAGE = 25
RECENT_SAFEGUARDING_DAYS = 7
SEARCH_MAX_LENGTH = 100
SEARCH_FIELDS = ("given_name", "family_name", "preferred_name", "local_identifier")


def people_for_list(user: User, *, q: str = "") -> QuerySet[Person]:
    """The people list: one query per page, however many people or plans there are.

    Each person carries ``plan_status``, the status of their latest plan version (or None).
    Every word searched for must appear in a name, the preferred name or the local identifier
    (matched within the caseload: see people migration 0011).
    """
    latest_plan = Plan.objects.filter(person=OuterRef("pk")).order_by("-version_number")
    people = (
        access.visible_people(user)
        .select_related("team")
        # Not joined: PostgreSQL cannot tell how many people the caseload holds (AnyOf), guesses
        # ten teams' worth and hashes every user of the council to join them (23 ms at 1,000,000
        # people). Fetched for the page's people only, the workers cost one small query.
        .prefetch_related("allocated_worker")
        .annotate(plan_status=Subquery(latest_plan.values("status")[:1]))
    )
    for term in q[:SEARCH_MAX_LENGTH].split():
        matches = Q()
        for name in SEARCH_FIELDS:
            matches |= Q(**{f"{name}__icontains": term})
        people = people.filter(matches)
    return people.order_by("family_name", "given_name", "id")


STAFF_ORDER = ("first_name", "last_name", "username")


def allocatable_staff(user: User, *, current: int | None = None) -> QuerySet[User]:
    """Staff a person may be allocated to: those in the user's own teams, and whoever is
    allocated now (so changing other details never drops an allocation unseen)."""
    if user.organisation_id is None:
        return User.objects.none()
    in_my_teams = Q(teams__in=access.own_teams(user), is_active=True)
    return (
        User.objects.filter(organisation_id=user.organisation_id, role__in=STAFF_ROLES)
        .filter(in_my_teams | Q(pk=current))
        .distinct()
        .order_by(*STAFF_ORDER)
    )


def staff_by_team(user: User) -> list[tuple[Team, list[User]]]:
    """Each of the user's own teams with its active staff, for a choice grouped by team."""
    staff = User.objects.filter(role__in=STAFF_ROLES, is_active=True).order_by(*STAFF_ORDER)
    teams = access.own_teams(user).prefetch_related(Prefetch("members", queryset=staff))
    return [(team, list(team.members.all())) for team in teams]


def administrators(organisation_id: int) -> QuerySet[User]:
    """Who to ask about teams and sign-ins."""
    return User.objects.filter(
        organisation_id=organisation_id, role=Role.ADMINISTRATOR, is_active=True
    ).order_by(*STAFF_ORDER)


def representing(user: User) -> QuerySet[CircleMember]:
    """The user's places in circles through which they may act for the person: with the
    person's consent to share or an appointment, as a carer, family member or advocate (A1,
    R9)."""
    return CircleMember.objects.filter(
        access.circle_grants(user), kind__in=rules.REPRESENTATIVE_KINDS
    )


def possible_advocates(person: Person) -> QuerySet[CircleMember]:
    """R9: members of the circle who may represent the person."""
    return person.circle.filter(kind__in=rules.REPRESENTATIVE_KINDS)


def get_circle_member(person: Person, pk: int) -> CircleMember:
    """A member of this person's circle only: an id from anyone else's circle answers 404."""
    try:
        return person.circle.get(pk=pk)
    except (CircleMember.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_person_plan(person: Person, pk: str | None) -> Plan | None:
    """The plan a safeguarding concern was raised from: it must be this person's."""
    if pk in (None, ""):
        return None
    try:
        return person.plans.get(pk=pk)
    except (Plan.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def person_referrals(person: Person) -> QuerySet[SafeguardingReferral]:
    return person.safeguarding_referrals.select_related(
        "raised_by", "plan", "acknowledged_by"
    ).prefetch_related("alerted")


def get_referral(person: Person, pk: int) -> SafeguardingReferral:
    try:
        return person_referrals(person).get(pk=pk)
    except (SafeguardingReferral.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def referrals_for_manager(user: User) -> QuerySet[SafeguardingReferral]:
    """Safeguarding referrals about the people in a team manager's teams."""
    if user.role != Role.TEAM_MANAGER or user.organisation_id is None:
        return SafeguardingReferral.objects.none()
    return (
        SafeguardingReferral.objects.filter(
            organisation_id=user.organisation_id, person__team__in=user.teams.all()
        )
        .select_related("person", "raised_by", "acknowledged_by")
        .order_by("-raised_at", "-id")
    )


def recent_referral_count(user: User, *, now: datetime.datetime | None = None) -> int:
    since = (now or timezone.now()) - datetime.timedelta(days=RECENT_SAFEGUARDING_DAYS)
    return referrals_for_manager(user).filter(raised_at__gte=since).count()


@dataclass(frozen=True)
class DetailRow:
    label: str
    value: str
    anchor: str  # the id of the field on the change page


# Rows only staff and the person themselves see: where they live, and their capacity to decide.
PRIVATE_DETAIL_ANCHORS = frozenset(
    {"id_address", "id_email", "id_capacity_0", "id_capacity_notes", "id_advocate"}
)


def sees_whole_record(user: User, person: Person) -> bool:
    """Staff and the person themselves see the whole record. Anyone else who can see the person
    (carers and providers, with the person's consent) sees what they need to support them."""
    return access.can_manage_person(user) or (
        person.user_id is not None and person.user_id == user.pk
    )


def person_details(person: Person, *, whole: bool = True) -> list[DetailRow]:
    """The person's details as summary list rows, in the order of the change page.

    ``whole=False`` leaves out the private rows (PRIVATE_DETAIL_ANCHORS)."""
    formats = dict(Person.Format.choices)
    advocate = person.advocate
    rows = [
        (_("Name"), person.full_name, "id_given_name"),
        (_("Preferred name"), person.preferred_name, "id_preferred_name"),
        (_("Date of birth"), date_format(person.date_of_birth, "j F Y"), "id_date_of_birth_day"),
        (_("Adult or child"), person.get_age_group_display(), "id_age_group_0"),
        (_("Local identifier"), person.local_identifier, "id_local_identifier"),
        (_("Address"), person.address, "id_address"),
        (_("Preferred language"), person.language, "id_language"),
        (_("Communication needs"), person.communication_needs, "id_communication_needs"),
        (
            _("Formats for their plan"),
            ", ".join(str(formats.get(f, f)) for f in person.preferred_formats),
            "id_preferred_formats_0",
        ),
        (_("Email"), person.email, "id_email"),
        (
            _("How copies are sent"),
            person.get_copies_by_display() if person.copies_by else "",
            "id_copies_by_0",
        ),
        (_("Team"), person.team.name, "id_team"),
        (
            _("Allocated worker"),
            person.allocated_worker.display_name if person.allocated_worker else "",
            "id_allocated_worker",
        ),
        (_("Capacity for planning decisions"), person.get_capacity_display(), "id_capacity_0"),
        (_("Capacity and best-interest notes"), person.capacity_notes, "id_capacity_notes"),
        (_("Advocate"), advocate.name if advocate else "", "id_advocate"),
    ]
    return [
        DetailRow(str(label), value, anchor)
        for label, value, anchor in rows
        if whole or anchor not in PRIVATE_DETAIL_ANCHORS
    ]


@dataclass
class PersonPage:
    """Everything the person page shows, read in a fixed number of queries."""

    person: Person
    can_manage: bool
    details: list[DetailRow]
    circle: list[CircleMember]
    plans: list[Plan]
    # Contact details of the circle, consent notes, who is the advocate: staff and the person.
    whole_record: bool = False
    referrals: list[SafeguardingReferral] = field(default_factory=list)
    consider_advocate: bool = False
    can_start_plan: bool = False
    plan_to_change: Plan | None = None
    # Emergency (break-glass) accesses in force: shown to staff who can see the record (the
    # person sees them on "who has looked at my record").
    emergency: list[BreakGlassAccess] = field(default_factory=list)
    # After a safeguarding concern, staff are asked to review who the plan is shared with.
    sharing_review_due: bool = False


def person_page(user: User, person: Person) -> PersonPage:
    can_manage = access.can_manage_person(user)
    plans = list(person_plan_versions(person))
    in_progress = any(p.is_editable for p in plans)
    agreed = next((p for p in plans if p.status == Plan.Status.AGREED), None)
    whole = sees_whole_record(user, person)
    circle = person.circle.all()
    if not whole:
        # Carers and providers see only those who share the plan by consent or appointment.
        circle = circle.filter(Q(consent_to_share=True) | Q(appointed_as__in=access.APPOINTMENTS))
    referrals = list(person_referrals(person)) if can_manage else []
    return PersonPage(
        person=person,
        can_manage=can_manage,
        details=person_details(person, whole=whole),
        circle=list(circle),
        plans=plans,
        whole_record=whole,
        referrals=referrals,
        # Staff only: the reason can touch on a concern that must not reach the circle.
        emergency=list(
            person.break_glass.filter(expires_at__gt=timezone.now())
            .select_related("user")
            .order_by("-opened_at", "-id")
        )
        if can_manage
        else [],
        sharing_review_due=bool(referrals)
        and rules.sharing_review_due(
            latest_concern=max(r.raised_at for r in referrals),
            latest_review=person.sharing_reviews.aggregate(latest=Max("reviewed_at"))["latest"],
        ),
        consider_advocate=whole
        and rules.should_consider_advocate(
            capacity=person.capacity, has_advocate=person.advocate_id is not None
        ),
        # plan_create refuses a second plan while one is being written or one is agreed.
        can_start_plan=access.can_draft_plan(user) and not in_progress and agreed is None,
        plan_to_change=agreed
        if agreed is not None and not in_progress and access.can_coordinate_plan(user)
        else None,
    )


def team_managers(person: Person) -> QuerySet[User]:
    """P11: who is alerted when a concern about this person is raised."""
    return User.objects.filter(
        organisation_id=person.organisation_id,
        role=Role.TEAM_MANAGER,
        teams=person.team_id,
        is_active=True,
    ).order_by("first_name", "last_name", "username")


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class Correction:
    """One saved change to the person's details or their circle: when, by whom, what."""

    at: datetime.datetime
    by: str
    summary: str
    changes: list[FieldChange]


HISTORY_LIMIT = 10
CHANGE_ACTIONS = (AuditAction.PERSON_UPDATE, AuditAction.CIRCLE_UPDATE)


def _field_change(model: type[Model], name: str, old: str, new: str) -> FieldChange:
    """A recorded change in words: the field's label, and a choice's label for its value."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return FieldChange(name, old, new)
    choices = {str(k): str(v) for k, v in (getattr(field, "choices", None) or [])}
    return FieldChange(
        str(getattr(field, "verbose_name", name)).capitalize(),
        choices.get(old, old),
        choices.get(new, new),
    )


def change_history(person: Person, *, limit: int = HISTORY_LIMIT) -> list[Correction]:
    """Corrections keep their history: the latest changes to the person's details and circle,
    each field's old and new value as recorded in the audit trail. One query."""
    events = (
        AuditEvent.objects.filter(person_id=person.pk, action__in=CHANGE_ACTIONS)
        .select_related("actor")
        .order_by("-at", "-id")[:limit]
    )
    history = []
    for event in events:
        model = Person if event.action == AuditAction.PERSON_UPDATE else CircleMember
        changes = event.detail.get("changes") or {}
        history.append(
            Correction(
                at=event.at,
                by=event.actor.display_name if event.actor else "",
                summary=event.summary,
                changes=[
                    _field_change(model, name, str(old), str(new))
                    for name, (old, new) in changes.items()
                ],
            )
        )
    return history
