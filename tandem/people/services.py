"""Every change to a person, their circle of support or a safeguarding referral.

Each function validates, saves and writes its audit event in one transaction. Concurrent edits
are caught by the ``revision`` counter: a save based on an out-of-date copy is refused, never
merged, and the user's typing is kept so they can check and save again.
"""

import logging
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts import access
from tandem.accounts.models import STAFF_ROLES, Organisation, User
from tandem.audit.changes import changed_fields
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_list_export, audit_list_view, audit_record
from tandem.errors import EditConflict
from tandem.people import consent, rules
from tandem.people.models import (
    ACTION_TAKEN_MAX_LENGTH,
    CircleMember,
    Person,
    SafeguardingReferral,
)
from tandem.people.selectors import team_managers
from tandem.people.tasks import safeguarding_alert_send
from tandem.plans.models import Plan

logger = logging.getLogger(__name__)

PERSON_FIELDS = (
    "given_name",
    "family_name",
    "preferred_name",
    "date_of_birth",
    "local_identifier",
    "address",
    "communication_needs",
    "preferred_formats",
    "email",
    "copies_by",
    "language",
    "age_group",
    "team",
    "allocated_worker",
    "capacity",
    "capacity_notes",
    "advocate",
)
CIRCLE_FIELDS = (
    "name",
    "kind",
    "relationship",
    "organisation_name",
    "phone",
    "email",
    "address",
    "consent_to_share",
    "consent_notes",
    "preferred_formats",
    "copies_by",
    "appointed_as",
    "appointed_since",
    "appointment_note",
)


def conflict_message() -> str:
    return _(
        "Someone else changed these details while you were editing them. Your changes have not "
        "been saved: they are shown below so you can check the latest details and save again."
    )


def _pick(data: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: data[name] for name in fields if name in data}


def _check_person(
    person: Person, *, actor: User, before: tuple[int | None, int | None] | None = None
) -> None:
    """Rules a model field can't express: everything belongs to the person's organisation, and
    the team and allocated worker lead somewhere (``before``: the team and worker ids saved
    until now, None when adding the person)."""
    errors: dict[str, str | list[str]] = {}
    if person.team_id and person.team.organisation_id != person.organisation_id:
        errors["team"] = _("Select a team from your organisation")
    worker = person.allocated_worker
    if worker is not None and (
        worker.organisation_id != person.organisation_id or worker.role not in STAFF_ROLES
    ):
        errors["allocated_worker"] = _("Select a worker from your organisation")
    advocate = person.advocate
    if advocate is not None and (
        advocate.person_id != person.pk or advocate.kind not in rules.REPRESENTATIVE_KINDS
    ):
        errors["advocate"] = _(
            "Select an advocate, carer or family member from the person’s circle of support"
        )
    others = Person.objects.filter(
        organisation_id=person.organisation_id, local_identifier=person.local_identifier
    ).exclude(pk=person.pk)
    if person.local_identifier and others.exists():
        errors.update(_duplicate_identifier().message_dict)
    for name, message in _team_errors(person, actor=actor, before=before).items():
        errors.setdefault(name, message)
    if errors:
        raise ValidationError(errors)


def _team_errors(
    person: Person, *, actor: User, before: tuple[int | None, int | None] | None
) -> dict[str, str]:
    """Staff see only their own teams' people, so a person added to (or moved to) a team the
    actor is not in would be lost to them; an allocated worker outside the person's team could
    not see the person they were allocated."""
    if before == (person.team_id, person.allocated_worker_id) or not person.team_id:
        return {}
    errors = {}
    if (before is None or before[0] != person.team_id) and not (
        access.own_teams(actor).filter(pk=person.team_id).exists()
    ):
        errors["team"] = (
            _("Select one of your teams: you can only add people to a team you are in")
            if before is None
            else _(
                "Select one of your teams. To move someone to a team you are not in, ask a team "
                "manager who is in both teams"
            )
        )
    worker = person.allocated_worker
    if worker is not None and not worker.teams.filter(pk=person.team_id).exists():
        errors["allocated_worker"] = _("Select a worker in %(team)s, or ‘Not allocated’") % {
            "team": person.team.name
        }
    return errors


def _duplicate_identifier() -> ValidationError:
    return ValidationError(
        {
            "local_identifier": _(
                "Another person in your organisation already has this local identifier"
            )
        }
    )


def person_create(*, organisation: Organisation, actor: User, data: dict[str, Any]) -> Person:
    values = _pick(data, PERSON_FIELDS)
    values.pop("advocate", None)  # the circle is empty until the person exists
    person = Person(organisation=organisation, **values)
    with transaction.atomic():
        _check_person(person, actor=actor)
        person.full_clean()
        try:
            with transaction.atomic():
                person.save()
        except IntegrityError:
            raise _duplicate_identifier() from None
        audit_record(
            actor=actor,
            action=AuditAction.PERSON_CREATE,
            summary=_("Added %(name)s") % {"name": person.full_name},
            person=person,
        )
    return person


def person_update(*, person: Person, actor: User, data: dict[str, Any], revision: int) -> Person:
    values = _pick(data, PERSON_FIELDS)
    with transaction.atomic():
        current = Person.objects.select_for_update(no_key=True).get(pk=person.pk)
        if current.revision != revision:
            raise EditConflict(conflict_message(), current=current)
        changes = changed_fields(current, values, PERSON_FIELDS)
        before = (current.team_id, current.allocated_worker_id)
        for name, value in values.items():
            setattr(current, name, value)
        _check_person(current, actor=actor, before=before)
        current.full_clean()
        # A conditional update, so the revision check holds on SQLite as well as PostgreSQL.
        try:
            with transaction.atomic():
                saved = Person.objects.filter(pk=person.pk, revision=revision).update(
                    **values, revision=F("revision") + 1, updated_at=timezone.now()
                )
        except IntegrityError:
            raise _duplicate_identifier() from None
        if not saved:
            raise EditConflict(conflict_message(), current=Person.objects.get(pk=person.pk))
        current.revision = revision + 1
        audit_record(
            actor=actor,
            action=AuditAction.PERSON_UPDATE,
            summary=_("Changed the details of %(name)s") % {"name": current.full_name},
            person=current,
            detail={"changes": changes},
        )
    return current


def people_list_record_view(*, actor: User, query: str, page: Page) -> None:
    """Who saw which people in the people list, or found them by searching: one event a page."""
    audit_list_view(
        actor=actor,
        action=AuditAction.PEOPLE_SEARCH_VIEW if query else AuditAction.PEOPLE_LIST_VIEW,
        summary=_("Searched for people") if query else _("Viewed the list of people"),
        people=[person.pk for person in page],
        filters={"q": query} if query else {},
        page=page.number,
    )


def people_list_record_export(*, actor: User, query: str, people: Sequence[int]) -> None:
    """Who downloaded the list of people (or a search of it) as a spreadsheet, and everyone
    in the file."""
    audit_list_export(
        actor=actor,
        action=AuditAction.PEOPLE_SEARCH_VIEW if query else AuditAction.PEOPLE_LIST_VIEW,
        summary=_("Downloaded the list of people as a spreadsheet"),
        people=people,
        filters={"q": query} if query else {},
        rows=len(people),
    )


def home_choice_record_view(*, actor: User, people: list[Person]) -> None:
    """A carer choosing whose plan to look at sees a list of the people they act for."""
    audit_list_view(
        actor=actor,
        action=AuditAction.PEOPLE_LIST_VIEW,
        summary=_("Viewed the people they can act for"),
        people=[person.pk for person in people],
        filters={"list": "home"},
        page=1,
    )


def circle_member_record_view(*, member: CircleMember, actor: User) -> None:
    """Who read a circle member's contact details on their change page."""
    audit_record(
        actor=actor,
        action=AuditAction.CIRCLE_VIEW,
        summary=_("Viewed the details of %(name)s in the circle of support")
        % {"name": member.name},
        person=member.person,
        detail={"member": member.pk},
    )


def _check_member(member: CircleMember) -> None:
    person = member.person
    is_advocate = member.pk is not None and person.advocate_id == member.pk
    if is_advocate and member.kind not in rules.REPRESENTATIVE_KINDS:
        raise ValidationError(
            {
                "kind": _(
                    "%(name)s is the person’s advocate, so must be an advocate, carer or family "
                    "member. Choose a different advocate first."
                )
                % {"name": member.name}
            }
        )
    errors = rules.appointment_problems(
        kind=member.kind,
        appointed_as=member.appointed_as,
        appointed_since=member.appointed_since,
        capacity=person.capacity,
    )
    if errors:
        raise ValidationError(errors)
    if not member.is_appointed:
        member.appointed_since = None


def circle_member_add(*, person: Person, actor: User, data: dict[str, Any]) -> CircleMember:
    values = _pick(data, CIRCLE_FIELDS)
    # Consent is set by the consent service only, which records who gave it.
    consents = bool(values.pop("consent_to_share", False))
    member = CircleMember(organisation_id=person.organisation_id, person=person, **values)
    with transaction.atomic():
        _check_member(member)
        member.full_clean()
        member.save()
        consent.consent_from_circle_form(member=member, actor=actor, consents=consents)
        audit_record(
            actor=actor,
            action=AuditAction.CIRCLE_ADD,
            summary=_("Added %(name)s to the circle of support") % {"name": member.name},
            person=person,
            detail={"member": member.pk, "consent_to_share": member.consent_to_share},
        )
    return member


def circle_member_update(
    *, member: CircleMember, actor: User, data: dict[str, Any], revision: int
) -> CircleMember:
    values = _pick(data, CIRCLE_FIELDS)
    with transaction.atomic():
        current = (
            CircleMember.objects.select_for_update(no_key=True, of=("self",))
            .select_related("person")
            .get(pk=member.pk)
        )
        if current.revision != revision:
            raise EditConflict(conflict_message(), current=current)
        changes = changed_fields(current, values, CIRCLE_FIELDS)
        # Consent is set by the consent service only, which records who gave it.
        consents = values.pop("consent_to_share", current.consent_to_share)
        for name, value in values.items():
            setattr(current, name, value)
        _check_member(current)
        current.full_clean()
        if not CircleMember.objects.filter(pk=member.pk, revision=revision).update(
            **values, revision=F("revision") + 1
        ):
            raise EditConflict(conflict_message(), current=CircleMember.objects.get(pk=member.pk))
        current.revision = revision + 1
        consent.consent_from_circle_form(member=current, actor=actor, consents=consents)
        audit_record(
            actor=actor,
            action=AuditAction.CIRCLE_UPDATE,
            summary=_("Changed the details of %(name)s in the circle of support")
            % {"name": current.name},
            person=current.person,
            detail={"member": current.pk, "changes": changes},
        )
    return current


def safeguarding_raise(
    *,
    person: Person,
    plan: Plan | None,
    concern: str,
    immediate_risk: bool,
    actor: User,
    submission_key: UUID | None = None,
) -> SafeguardingReferral:
    """P11: record the referral and alert the team managers at once; nothing about any plan's
    state can hold it up.

    The alert is a task queued in the referral's transaction: it is sent if and only if the
    referral is saved, even if the web server or the worker stops in between. The same form sent
    twice (``submission_key``) gives the first referral back rather than a second one."""
    if plan is not None and plan.person_id != person.pk:
        raise ValueError("The plan must be the person's own.")
    referral = SafeguardingReferral(
        organisation_id=person.organisation_id,
        person=person,
        plan=plan,
        concern=concern,
        immediate_risk=immediate_risk,
        raised_by=actor,
        submission_key=submission_key,
    )
    try:
        with transaction.atomic():
            return _earlier_referral(referral) or _record_referral(referral)
    except IntegrityError:
        # Sent twice at the same moment (PostgreSQL): the other copy was saved first.
        earlier = _earlier_referral(referral)
        if earlier is None:
            raise
        return earlier


def _earlier_referral(referral: SafeguardingReferral) -> SafeguardingReferral | None:
    """The referral an earlier copy of the same form made. A key used for a different concern (a
    form brought back with the browser's back button and changed) is dropped: a new referral."""
    if referral.submission_key is None:
        return None
    earlier = SafeguardingReferral.objects.filter(
        raised_by=referral.raised_by, submission_key=referral.submission_key
    ).first()
    if earlier is None:
        return None
    fields = ("person_id", "plan_id", "concern", "immediate_risk")
    if all(getattr(earlier, name) == getattr(referral, name) for name in fields):
        return earlier
    referral.submission_key = None
    return None


def _record_referral(referral: SafeguardingReferral) -> SafeguardingReferral:
    person = referral.person
    managers = list(team_managers(person))
    # The key's uniqueness is the database's to enforce: a copy sent at the same moment fails
    # the insert (IntegrityError, answered with the first referral), not validation.
    referral.full_clean(exclude=["submission_key"])
    referral.save()
    referral.alerted.set(managers)
    # Never tied to the plan: everyone who can see a plan sees its changes, and the person
    # a concern is about must not be warned by it. The referral keeps the link.
    audit_record(
        actor=referral.raised_by,
        action=AuditAction.SAFEGUARDING_RAISE,
        summary=_("Raised a safeguarding concern"),
        person=person,
        detail={
            "referral": referral.pk,
            "plan": referral.plan_id,
            "immediate_risk": referral.immediate_risk,
            "alerted": [m.pk for m in managers],
        },
    )
    if managers:
        # A row in the same transaction (django-tasks-db), not an on_commit callback that a
        # crash after the commit would lose.
        safeguarding_alert_send.enqueue(referral.pk)
    else:
        logger.error(
            "Safeguarding referral %s: team %s has no team manager to alert",
            referral.pk,
            person.team_id,
        )
    return referral


def safeguarding_list_view(*, referrals: list[SafeguardingReferral], actor: User) -> None:
    """Who read the list of concerns, and which ones it showed them."""
    audit_record(
        actor=actor,
        action=AuditAction.SAFEGUARDING_LIST_VIEW,
        summary=_("Read the list of safeguarding concerns"),
        detail={"referrals": [referral.pk for referral in referrals]},
    )


def safeguarding_record_view(*, referral: SafeguardingReferral, actor: User) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.SAFEGUARDING_VIEW,
        summary=_("Read a safeguarding referral"),
        person=referral.person,
        detail={"referral": referral.pk},
    )


def safeguarding_acknowledge(
    *, referral: SafeguardingReferral, actor: User, action_taken: str
) -> SafeguardingReferral:
    """P11: a manager of the person's team records that they have acknowledged a concern and
    what was done. Recorded once: a second acknowledgement, even one sent at the same moment, is
    refused rather than written over the first."""
    person = referral.person
    if not (
        access.can_acknowledge_safeguarding(actor)
        and access.visible_people(actor).filter(pk=person.pk).exists()
    ):
        raise PermissionDenied(_("Only a manager of the person’s team can acknowledge a concern."))
    text = action_taken.strip()
    limit = ACTION_TAKEN_MAX_LENGTH
    if not text:
        raise ValidationError({"action_taken": _("Enter what was done about the concern")})
    if len(text) > limit:
        # A TextField's max_length is not a model validator: say it here.
        raise ValidationError(
            {
                "action_taken": _("What was done must be %(limit)s characters or less")
                % {"limit": limit}
            }
        )
    with transaction.atomic():
        # Only the referral's row is locked: PostgreSQL can't lock the empty side of the outer
        # join to a manager who has not acknowledged it.
        current = (
            SafeguardingReferral.objects.select_for_update(of=("self",))
            .select_related("acknowledged_by")
            .get(pk=referral.pk)
        )
        if current.is_acknowledged:
            raise EditConflict(_already_acknowledged(current), current=current)
        current.acknowledged_by = actor
        current.acknowledged_at = timezone.now()
        current.action_taken = text
        current.full_clean()
        # A conditional update, so that of two managers saving at once only one is recorded,
        # on SQLite as well as PostgreSQL.
        if not SafeguardingReferral.objects.filter(
            pk=referral.pk, acknowledged_at__isnull=True
        ).update(acknowledged_by=actor, acknowledged_at=current.acknowledged_at, action_taken=text):
            latest = SafeguardingReferral.objects.select_related("acknowledged_by")
            current = latest.get(pk=referral.pk)
            raise EditConflict(_already_acknowledged(current), current=current)
        # Like the concern itself, never tied to a plan, whose changes the person may read.
        audit_record(
            actor=actor,
            action=AuditAction.SAFEGUARDING_ACKNOWLEDGE,
            summary=_("Acknowledged a safeguarding concern"),
            person=person,
            detail={"referral": referral.pk},
        )
    return current


def _already_acknowledged(referral: SafeguardingReferral) -> str:
    return _(
        "%(name)s has already acknowledged this concern. What they recorded is shown on this "
        "page; what you typed has not been saved."
    ) % {"name": getattr(referral.acknowledged_by, "display_name", _("Another manager"))}
