import datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.db.models import Q, QuerySet
from django.utils import timezone

from tandem.accounts.models import Role, User
from tandem.audit.models import SAFEGUARDING_ACTIONS, VIEW_ACTIONS, AuditAction, AuditEvent

if TYPE_CHECKING:
    from tandem.people.models import Person
    from tandem.plans.models import Plan

SEARCH_MAX_LENGTH = 100


def earlier_submission(
    *, actor: Any, action: AuditAction, submission_key: UUID | None, **scope: Any
) -> dict[str, Any] | None:
    """What an earlier copy of the same form recorded (a double click, a browser retrying): the
    detail of its audit event, which keeps the form's one-time key; None for a first submission.
    `scope` narrows the search (`plan=`, `person=`)."""
    if submission_key is None:
        return None
    return (
        AuditEvent.objects.filter(
            actor=actor, action=action, detail__submission_key=str(submission_key), **scope
        )
        .values_list("detail", flat=True)
        .first()
    )


def plan_changes(plan: "Plan", *, limit: int = 20) -> QuerySet[AuditEvent]:
    """Recent changes to a plan version, newest first, for 'who changed what and when'."""
    return (
        AuditEvent.objects.filter(plan=plan)
        .exclude(action__in=VIEW_ACTIONS)
        # Everyone who can see the plan sees this list: a safeguarding referral must never show
        # here, where it could warn the person a concern is about.
        .exclude(action__in=SAFEGUARDING_ACTIONS)
        .select_related("actor")[:limit]
    )


def part_removal(plan: "Plan", *, kind: str, pk: int) -> dict | None:
    """What was recorded when a part of this plan was removed (its kind, id, uid and parent), or
    None if no part of this plan with that id was ever removed."""
    event = (
        AuditEvent.objects.filter(
            plan=plan, action=AuditAction.PART_DELETE, detail__kind=kind, detail__id=pk
        )
        .only("detail")
        .first()
    )
    return event.detail if event else None


# What an administrator sees: how the organisation is run and who signed in, never case content.
ADMINISTRATION_PREFIXES = ("admin.", "auth.", "organisation.")


def may_read_audit_log(user: "User") -> bool:
    """Team managers (their teams' people and staff) and administrators (administration and
    sign-ins only) read the audit log; no one else does."""
    return (
        user.is_authenticated
        and user.organisation_id is not None
        and (user.role in {Role.TEAM_MANAGER, Role.ADMINISTRATOR})
    )


def administration_actions() -> list[AuditAction]:
    return [a for a in AuditAction if a.value.startswith(ADMINISTRATION_PREFIXES)]


def audit_log_for(user: "User") -> QuerySet[AuditEvent]:
    """The events this user may read in the audit log, newest first: for a team manager, those
    about their teams' people and those their teams' staff did; for an administrator, the
    administration and sign-in events of their organisation. Nothing for anyone else."""
    organisation_id = user.organisation_id
    if not may_read_audit_log(user) or organisation_id is None:
        return AuditEvent.objects.none()
    events = AuditEvent.objects.filter(organisation_id=organisation_id)
    if user.role == Role.ADMINISTRATOR:
        events = events.filter(action__in=administration_actions())
    else:
        teams = user.teams.filter(organisation_id=organisation_id).values("pk")
        staff = User.objects.filter(teams__in=teams).values("pk")
        events = events.filter(Q(person__team_id__in=teams) | Q(actor_id__in=staff))
    return events.select_related("actor", "person").order_by("-at", "-id")


def filter_audit_log(
    events: QuerySet[AuditEvent],
    *,
    person: str = "",
    user: str = "",
    action: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[AuditEvent]:
    """The audit log narrowed by the viewer's filters: every word of `person` in the person's
    names or local identifier, every word of `user` in the name or username of who did it, one
    kind of event, and days from and to (both included, in the site's time zone)."""
    for term in person[:SEARCH_MAX_LENGTH].split():
        events = events.filter(
            Q(person__given_name__icontains=term)
            | Q(person__family_name__icontains=term)
            | Q(person__preferred_name__icontains=term)
            | Q(person__local_identifier__icontains=term)
        )
    for term in user[:SEARCH_MAX_LENGTH].split():
        events = events.filter(
            Q(actor__first_name__icontains=term)
            | Q(actor__last_name__icontains=term)
            | Q(actor__username__icontains=term)
        )
    if action:
        events = events.filter(action=action)
    if since is not None:
        events = events.filter(at__gte=_start_of(since))
    if until is not None:
        events = events.filter(at__lt=_start_of(until + datetime.timedelta(days=1)))
    return events


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def record_access(person: "Person", *, reader: "User") -> QuerySet[AuditEvent]:
    """Who has looked at or changed this person's record, newest first, for "who has looked at
    my record". Safeguarding never shows here, neither its events nor the reads of the record
    made from a safeguarding page: the person, or someone who could warn them, must not learn
    from this list that a concern was raised. The person's own reading is left out of their own
    list."""
    events = (
        AuditEvent.objects.filter(person_id=person.pk)
        .exclude(action__in=SAFEGUARDING_ACTIONS)
        # A key that is missing is not a safeguarding page (written so that SQL's NULL for a
        # missing key never hides the row).
        .filter(~Q(detail__has_key="page") | ~Q(detail__page__startswith="safeguarding"))
        .select_related("actor", "organisation")
        .order_by("-at", "-id")
    )
    if person.user_id is not None and person.user_id == reader.pk:
        events = events.exclude(actor_id=reader.pk)
    return events
