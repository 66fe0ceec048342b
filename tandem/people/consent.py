"""Consent to share, as a record (issue 9): giving it, withdrawing it, and the sharing review
after a safeguarding concern.

`CircleMember.consent_to_share` is the fast flag every access rule and copy list reads; it is set
here only, in the transaction that writes the consent record, so the two never disagree.
Withdrawal takes effect at once: the member's next request is refused (accounts.access reads the
flag), a copy issued from now on leaves them out, and a reminder queued before it is worked out
again when it is sent (reminders.sweep) and is not sent.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_record
from tandem.errors import EditConflict
from tandem.people.models import CircleMember, ConsentRecord, Person, SharingReview

Purpose = ConsentRecord.Purpose
GivenBy = ConsentRecord.GivenBy


def consent_history(member: CircleMember) -> list[ConsentRecord]:
    """Every consent recorded for this member, newest first, with who recorded it."""
    return list(
        member.consents.select_related("recorded_by", "withdrawal_recorded_by").order_by(
            "-given_on", "-recorded_at", "-id"
        )
    )


def consent_in_force(member: CircleMember, purpose: str) -> ConsentRecord | None:
    return member.consents.filter(purpose=purpose, withdrawn_on__isnull=True).first()


def has_consent(member: CircleMember, purpose: str) -> bool:
    """Whether the person's consent for this purpose stands now (the fast flag for sharing the
    plan, a record for anything else)."""
    if purpose == Purpose.SHARE_PLAN:
        return member.consent_to_share
    return member.consents.filter(purpose=purpose, withdrawn_on__isnull=True).exists()


def _check_giver(given_by: str, name: str, field: str) -> None:
    """Someone other than the person gives or withdraws consent on their behalf: name them."""
    if given_by != GivenBy.PERSON and not name.strip():
        raise ValidationError({field: _("Enter the name of who gave or withdrew consent")})


def _set_flag(member: CircleMember, purpose: str, value: bool, *, bump: bool) -> None:
    """Keep the fast flag in step; a change bumps the member's revision (when not already being
    bumped) so a circle form opened before it cannot save the old answer back over it."""
    if purpose != Purpose.SHARE_PLAN or member.consent_to_share == value:
        return
    changes = {"consent_to_share": value}
    if bump:
        changes["revision"] = F("revision") + 1
    CircleMember.objects.filter(pk=member.pk).update(**changes)
    member.consent_to_share = value
    if bump:
        member.revision += 1


def consent_give(
    *,
    member: CircleMember,
    actor: User,
    purpose: str,
    given_by: str,
    given_by_name: str = "",
    method: str,
    given_on: datetime.date,
    notes: str = "",
    bump: bool = True,
) -> ConsentRecord:
    """Record the person's consent to share with this member for this purpose. Refused while
    consent for the same purpose stands (one in force at a time)."""
    _check_giver(given_by, given_by_name, "given_by_name")
    with transaction.atomic():
        locked = CircleMember.objects.select_for_update(no_key=True).get(pk=member.pk)
        if consent_in_force(locked, purpose) is not None:
            raise _already_given(locked, purpose)
        record = ConsentRecord(
            organisation_id=locked.organisation_id,
            person_id=locked.person_id,
            member=locked,
            purpose=purpose,
            given_by=given_by,
            given_by_name=given_by_name.strip() if given_by != GivenBy.PERSON else "",
            method=method,
            given_on=given_on,
            notes=notes,
            recorded_by=actor,
        )
        record.full_clean()
        try:
            with transaction.atomic():
                record.save()
        except IntegrityError:
            raise _already_given(locked, purpose) from None
        _set_flag(locked, purpose, True, bump=bump)
        audit_record(
            actor=actor,
            action=AuditAction.CONSENT_GIVE,
            summary=_("Recorded consent to share with %(name)s: %(purpose)s")
            % {"name": locked.name, "purpose": record.get_purpose_display()},
            person=locked.person,
            detail={"member": locked.pk, "consent": record.pk, "purpose": purpose},
        )
    member.consent_to_share = locked.consent_to_share
    member.revision = locked.revision
    return record


def _already_given(member: CircleMember, purpose: str) -> ValidationError:
    return ValidationError(
        {
            "purpose": _(
                "Consent for this is already recorded for %(name)s. Withdraw it first if it has "
                "changed"
            )
            % {"name": member.name}
        }
    )


def consent_withdraw(
    *,
    member: CircleMember,
    actor: User,
    purpose: str,
    withdrawn_by: str,
    withdrawn_by_name: str = "",
    withdrawn_on: datetime.date,
    bump: bool = True,
) -> ConsentRecord:
    """Withdraw consent for this purpose, at once: from the member's next request they no longer
    see the person, and nothing not yet sent goes to them. Refused when nothing stands to
    withdraw (someone else withdrew it first)."""
    _check_giver(withdrawn_by, withdrawn_by_name, "withdrawn_by_name")
    with transaction.atomic():
        locked = CircleMember.objects.select_for_update(no_key=True).get(pk=member.pk)
        record = (
            ConsentRecord.objects.select_for_update()
            .filter(member=locked, purpose=purpose, withdrawn_on__isnull=True)
            .first()
        )
        if record is None:
            raise EditConflict(
                _(
                    "This consent has already been withdrawn, perhaps by someone else. The "
                    "history below shows what is recorded now."
                ),
                current=locked,
            )
        if withdrawn_on < record.given_on:
            raise ValidationError(
                {"withdrawn_on": _("The date it was withdrawn must be on or after it was given")}
            )
        record.withdrawn_on = withdrawn_on
        record.withdrawn_by = withdrawn_by
        record.withdrawn_by_name = (
            withdrawn_by_name.strip() if withdrawn_by != GivenBy.PERSON else ""
        )
        record.withdrawal_recorded_by = actor
        record.withdrawal_recorded_at = timezone.now()
        record.save()
        _set_flag(locked, purpose, False, bump=bump)
        audit_record(
            actor=actor,
            action=AuditAction.CONSENT_WITHDRAW,
            summary=_("Recorded that consent to share with %(name)s was withdrawn: %(purpose)s")
            % {"name": locked.name, "purpose": record.get_purpose_display()},
            person=locked.person,
            detail={"member": locked.pk, "consent": record.pk, "purpose": purpose},
        )
    member.consent_to_share = locked.consent_to_share
    member.revision = locked.revision
    return record


def consent_from_circle_form(*, member: CircleMember, actor: User, consents: bool) -> None:
    """The circle form's yes/no to sharing the plan, routed through the records above (the form
    says nothing of who gave it or how: the person, another way, today). Called inside the
    circle save, which bumps the revision itself."""
    if consents == member.consent_to_share:
        return
    today = timezone.localdate()
    if consents:
        consent_give(
            member=member,
            actor=actor,
            purpose=Purpose.SHARE_PLAN,
            given_by=GivenBy.PERSON,
            method=ConsentRecord.Method.OTHER,
            given_on=today,
            notes=member.consent_notes[:500],
            bump=False,
        )
        return
    given = consent_in_force(member, Purpose.SHARE_PLAN)
    if given is None:
        # Marked as consenting without a record (made outside the services): just the flag.
        _set_flag(member, Purpose.SHARE_PLAN, False, bump=False)
        return
    consent_withdraw(
        member=member,
        actor=actor,
        purpose=Purpose.SHARE_PLAN,
        withdrawn_by=GivenBy.PERSON,
        withdrawn_on=max(today, given.given_on),
        bump=False,
    )


def sharing_review_record(*, person: Person, actor: User) -> SharingReview:
    """After a safeguarding concern: the worker has reviewed who the plan is shared with."""
    with transaction.atomic():
        review = SharingReview.objects.create(
            organisation_id=person.organisation_id, person=person, reviewed_by=actor
        )
        audit_record(
            actor=actor,
            action=AuditAction.SHARING_REVIEW,
            summary=_("Reviewed who the plan of %(name)s is shared with")
            % {"name": person.full_name},
            person=person,
            detail={"sharing_review": review.pk},
        )
    return review
