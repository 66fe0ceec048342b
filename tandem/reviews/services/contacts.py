"""Contacts between reviews with the people in the plan: a visit, a call, a message (issue 7,
build item 1). Workers record them; the person may read their own.

`contact_record` checks who may, validates, saves and audits in one transaction; the same form
sent twice (its one-time `submission_key`) records one contact, given back both times.
"""

from datetime import date
from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import Min, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.models import Role, User
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_record
from tandem.errors import Refused
from tandem.people.models import CircleMember, Person
from tandem.plans.models import Plan
from tandem.reviews import rules
from tandem.reviews.models import Contact
from tandem.reviews.services import _earlier


def may_record_contact(user: User) -> bool:
    """Contacts are the worker's record of keeping in touch; nobody else records them."""
    return user.is_worker


def may_see_contacts(user: User) -> bool:
    """Workers, and the person: it is their record. Carers and providers do not see who else the
    worker has been in touch with."""
    return user.is_worker or user.role == Role.PERSON


def first_plan_on(person: Person) -> date | None:
    """The day the person's first plan began: when it was started in Tandem, or the earliest
    agreement recorded, when that is earlier (a plan agreed on paper and entered later)."""
    found = Plan.objects.filter(person=person).aggregate(
        created=Min("created_at"), agreed=Min("agreements__agreed_on")
    )
    dates = [d for d in (found["agreed"],) if d is not None]
    if found["created"] is not None:
        dates.append(timezone.localdate(found["created"]))
    return min(dates) if dates else None


def contacts_for(person: Person) -> QuerySet[Contact]:
    """The person's contacts, newest first."""
    return Contact.objects.filter(person=person).select_related("recorded_by")


def carrying_out_contacts(user: User, person: Person, latest: int = 3) -> dict[str, Any]:
    """The "Contacts" section of the carrying-out page: the latest few and how many there are
    (two queries), or nothing for someone who may not see them."""
    if not may_see_contacts(user):
        return {"contacts_shown": False}
    found = contacts_for(person)
    return {
        "contacts_shown": True,
        "contacts_latest": list(found[:latest]),
        "contacts_count": found.count(),
        "can_record_contact": may_record_contact(user),
    }


def _check_contact(
    *,
    person: Person,
    plan: Plan | None,
    how: str,
    happened_on: date,
    note: str,
    actor: User,
    circle_member: CircleMember | None,
    with_whom: str,
) -> str:
    """Refuse what may not be recorded; the name of who the contact was with."""
    if not may_record_contact(actor) or actor.organisation_id != person.organisation_id:
        raise Refused(_("You cannot record contacts for this person."))
    if plan is not None and plan.person_id != person.pk:
        raise Refused(_("That plan is not this person’s."))
    if circle_member is not None:
        if circle_member.person_id != person.pk:
            raise Refused(_("Choose someone in this person’s circle of support"))
        with_whom = circle_member.name
    if how not in Contact.How.values:
        raise Refused(_("Select how the contact was made"))
    with_whom = with_whom.strip()
    if not with_whom:
        raise Refused(_("Enter who the contact was with"))
    if not note.strip():
        raise Refused(_("Enter what was said or agreed"))
    problem = rules.contact_date_problem(
        happened_on, today=timezone.localdate(), first_plan_on=first_plan_on(person)
    )
    if problem:
        raise Refused(problem)
    return with_whom


def contact_record(
    *,
    person: Person,
    plan: Plan | None,
    how: str,
    happened_on: date,
    note: str,
    actor: User,
    circle_member: CircleMember | None = None,
    with_whom: str = "",
    submission_key: UUID | None = None,
) -> Contact:
    """A contact with someone in the plan: a member of the person's circle, or someone named."""
    with_whom = _check_contact(
        person=person,
        plan=plan,
        how=how,
        happened_on=happened_on,
        note=note,
        actor=actor,
        circle_member=circle_member,
        with_whom=with_whom,
    )
    with transaction.atomic():
        # The person's row serialises copies of the same form, so the second finds the first.
        Person.objects.select_for_update(no_key=True).filter(pk=person.pk).first()
        earlier = _earlier(Contact, actor, submission_key)
        if earlier is not None:
            return earlier
        contact = Contact(
            organisation_id=person.organisation_id,
            person=person,
            plan=plan,
            with_whom=with_whom,
            circle_member=circle_member,
            how=how,
            happened_on=happened_on,
            note=note,
            recorded_by=actor,
            submission_key=submission_key,
        )
        contact.full_clean()
        contact.save()
        audit_record(
            actor=actor,
            action=AuditAction.CONTACT_RECORD,
            summary=_("Recorded a contact: %(how)s with %(whom)s")
            % {"how": contact.get_how_display(), "whom": with_whom},
            person=person,
            plan=plan,
            detail={
                "id": contact.pk,
                "how": how,
                "happened_on": happened_on.isoformat(),
                "circle_member": circle_member.pk if circle_member else None,
            },
        )
    return contact
