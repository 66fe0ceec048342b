"""Break-glass: a practitioner opens a record outside their relationship in an emergency.

They find the person by their local identifier (the search shows only a name, the identifier and
the team), give a reason, and see the record for `rules.BREAK_GLASS_HOURS` hours: the access rule
(accounts.access.relationship_filter) compares the expiry with the time now, so nothing has to run
to end it. Everyone who can see the record sees that it was opened and why; the managers of the
person's team and of the practitioner's teams have it on their worklists until one reviews it.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts import access
from tandem.accounts.models import User
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_record
from tandem.errors import EditConflict
from tandem.people import rules
from tandem.people.models import BreakGlassAccess, Person

SEARCH_MAX_LENGTH = 40


def _organisation_people(user: User) -> QuerySet[Person]:
    """Everyone in the user's organisation whose record is still held (not anonymised)."""
    return Person.objects.filter(
        organisation_id=user.organisation_id, anonymised_at__isnull=True
    ).select_related("team")


def emergency_search(*, user: User, identifier: str) -> list[Person]:
    """The person with exactly this local identifier in the user's organisation (at most one):
    an exact match, so the search cannot be used to browse the organisation. Audited, found or
    not."""
    if not access.may_break_glass(user):
        raise PermissionDenied
    identifier = identifier.strip()[:SEARCH_MAX_LENGTH]
    found = list(_organisation_people(user).filter(local_identifier__iexact=identifier)[:1])
    audit_record(
        actor=user,
        action=AuditAction.PEOPLE_SEARCH_VIEW,
        summary=_("Searched the organisation by local identifier for emergency access"),
        person=found[0] if found else None,
        detail={"page": "emergency_search", "identifier": identifier, "found": len(found)},
    )
    return found


def emergency_person_get(*, user: User, pk: int | str) -> Person:
    """The person whose record a practitioner asks to open in an emergency: anyone in their
    organisation (404 otherwise); 403 for anyone but a practitioner. Audited as a look-up."""
    if not access.may_break_glass(user):
        raise PermissionDenied
    try:
        person = _organisation_people(user).get(pk=pk)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    audit_record(
        actor=user,
        action=AuditAction.PEOPLE_SEARCH_VIEW,
        summary=_("Looked up %(name)s to open their record in an emergency")
        % {"name": person.full_name},
        person=person,
        detail={"page": "emergency_open"},
    )
    return person


def already_related(user: User, person: Person) -> bool:
    """Whether the user sees this person through their work already (no emergency needed)."""
    return Person.objects.filter(
        access.relationship_filter(user, emergency=False), pk=person.pk
    ).exists()


def break_glass_open(*, person: Person, actor: User, reason: str) -> BreakGlassAccess:
    """Open the record for `BREAK_GLASS_HOURS` hours with a stated reason, audited."""
    if not access.may_break_glass(actor) or actor.organisation_id != person.organisation_id:
        raise PermissionDenied
    reason = reason.strip()
    if len(reason) < rules.BREAK_GLASS_REASON_MIN_LENGTH:
        raise ValidationError(
            {
                "reason": _("Reason must be %(min)s characters or more")
                % {"min": rules.BREAK_GLASS_REASON_MIN_LENGTH}
            }
        )
    now = timezone.now()
    with transaction.atomic():
        grant = BreakGlassAccess(
            organisation_id=person.organisation_id,
            person=person,
            user=actor,
            reason=reason,
            opened_at=now,
            expires_at=now + datetime.timedelta(hours=rules.BREAK_GLASS_HOURS),
        )
        grant.full_clean()
        grant.save()
        audit_record(
            actor=actor,
            action=AuditAction.BREAK_GLASS,
            summary=_("Opened the record of %(name)s in an emergency") % {"name": person.full_name},
            person=person,
            detail={
                "break_glass": grant.pk,
                "reason": reason,
                "until": grant.expires_at.isoformat(),
            },
        )
    return grant


def emergency_accesses_shown(person: Person) -> list[BreakGlassAccess]:
    """The emergency accesses in force now, for the banner on the record."""
    return list(
        person.break_glass.filter(expires_at__gt=timezone.now())
        .select_related("user")
        .order_by("-opened_at", "-id")
    )


def review_get(*, user: User, pk: int | str) -> BreakGlassAccess:
    """An emergency access for a manager to review: 404 unless it is theirs to review."""
    try:
        grant = (
            access.break_glass_to_review(user)
            .select_related("person", "person__team", "user", "reviewed_by")
            .get(pk=pk)
        )
    except (BreakGlassAccess.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    audit_record(
        actor=user,
        action=AuditAction.BREAK_GLASS_VIEW,
        summary=_("Read the emergency access to the record of %(name)s")
        % {"name": grant.person.full_name},
        person=grant.person,
        detail={"break_glass": grant.pk},
    )
    return grant


def break_glass_review(*, grant: BreakGlassAccess, actor: User) -> BreakGlassAccess:
    """A manager records, once, that they have reviewed an emergency access."""
    with transaction.atomic():
        saved = BreakGlassAccess.objects.filter(pk=grant.pk, reviewed_at__isnull=True).update(
            reviewed_by=actor, reviewed_at=timezone.now()
        )
        current = BreakGlassAccess.objects.select_related("reviewed_by").get(pk=grant.pk)
        if not saved:
            raise EditConflict(
                _("%(name)s has already reviewed this emergency access.")
                % {"name": current.reviewed_by.display_name if current.reviewed_by else ""},
                current=current,
            )
        audit_record(
            actor=actor,
            action=AuditAction.BREAK_GLASS_REVIEW,
            summary=_("Reviewed the emergency access to the record of %(name)s")
            % {"name": grant.person.full_name},
            person=grant.person,
            detail={"break_glass": grant.pk},
        )
    return current
