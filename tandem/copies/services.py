"""Sending copies, trying again, marking posted, and producing a copy again: each change is one
function that audits it in the same transaction and queues the slow work (rendering, email)."""

import hashlib
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.accounts.access import can_coordinate_plan
from tandem.accounts.models import User
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_record
from tandem.copies.models import Copy
from tandem.copies.recipients import Recipient
from tandem.copies.tasks import copy_make
from tandem.documents import render
from tandem.errors import Refused
from tandem.people.models import Delivery
from tandem.plans.models import PlanIssue
from tandem.reviews.models import Review
from tandem.reviews.services import review_send_copy


def may_send_copies(user: User) -> bool:
    """Whoever may coordinate the plan sends its copies (and the review record's)."""
    return user.is_authenticated and can_coordinate_plan(user)


@dataclass(frozen=True)
class Choice:
    """What one recipient is sent: these forms, by this route."""

    recipient: Recipient
    forms: list[str]
    route: str


@dataclass(frozen=True)
class Sent:
    made: list[Copy]  # new copies, queued
    already: list[Copy]  # copies that had been sent before (a double click, two people)


def _source(of: PlanIssue | Review, recipient: Recipient) -> dict[str, Any]:
    if isinstance(of, PlanIssue):
        return render.plan_copy_source(of, recipient.view)
    return render.review_copy_source(of)


def _new_copy(of: PlanIssue | Review, choice: Choice, form: str, actor: User) -> Copy:
    recipient = choice.recipient
    issue = of if isinstance(of, PlanIssue) else None
    review = of if isinstance(of, Review) else None
    return Copy(
        organisation_id=of.organisation_id,
        person_id=of.plan.person_id,
        plan_id=of.plan_id,
        issue=issue,
        review=review,
        form=form,
        recipient_key=recipient.key,
        recipient_name=recipient.name,
        recipient_role=recipient.role,
        recipient_member=recipient.member,
        recipient_user=recipient.user,
        route=choice.route,
        email=recipient.email if choice.route == Delivery.EMAIL else "",
        postal_address=recipient.address if choice.route == Delivery.POST else "",
        source=_source(of, recipient),
        sent_by=actor,
    )


def _check(of: PlanIssue | Review, choices: list[Choice], actor: User) -> None:
    if not may_send_copies(actor) or actor.organisation_id != of.organisation_id:
        raise Refused(_("You cannot send copies of this record."))
    for choice in choices:
        if choice.route not in choice.recipient.routes:
            raise Refused(
                _("%(name)s cannot be sent a copy that way: choose another way to send it.")
                % {"name": choice.recipient.name}
            )
        for form in choice.forms:
            if form not in render.RENDERED_FORMS:
                raise Refused(_("Tandem cannot make a copy in that form."))


def copies_send(*, of: PlanIssue | Review, choices: list[Choice], actor: User) -> Sent:
    """Make a copy of an issued plan, or of a final review record, for each recipient in each
    form chosen, and send each the chosen way once it is made (in the background).

    A copy already sent to the same recipient in the same form is not sent again: of two sends
    at once (a double click, two people) only the first makes it. Sending a review record's
    copies also records that its copy was sent (R8), once."""
    _check(of, choices, actor)
    made: list[Copy] = []
    already: list[Copy] = []
    with transaction.atomic():
        if isinstance(of, Review):
            review_send_copy(review=of, actor=actor)
        for choice in choices:
            for form in choice.forms:
                copy = _new_copy(of, choice, form, actor)
                try:
                    with transaction.atomic():
                        copy.save()
                except IntegrityError:
                    already.append(
                        Copy.objects.get(
                            **{"issue" if isinstance(of, PlanIssue) else "review": of},
                            recipient_key=copy.recipient_key,
                            form=form,
                        )
                    )
                else:
                    made.append(copy)
        if made:
            audit_record(
                actor=actor,
                action=AuditAction.COPY_SEND,
                summary=ngettext(
                    "Sent %(count)s copy of %(what)s",
                    "Sent %(count)s copies of %(what)s",
                    len(made),
                )
                % {"count": len(made), "what": _what(of)},
                person=of.plan.person,
                plan=of.plan,
                detail={
                    "copies": [
                        {"id": c.pk, "to": c.recipient_name, "form": c.form, "route": c.route}
                        for c in made
                    ],
                    **_of_detail(of),
                },
            )
            # Rows in the same transaction (django-tasks-db): made once the copies are saved.
            for copy in made:
                copy_make.enqueue(copy.pk)
    return Sent(made=made, already=already)


def _what(of: PlanIssue | Review) -> str:
    if isinstance(of, PlanIssue):
        return _("copy %(issue)s of version %(number)s of the plan") % {
            "issue": of.number,
            "number": of.plan.version_number,
        }
    return _("the review record")


def _of_detail(of: PlanIssue | Review) -> dict[str, int]:
    return {"issue": of.number} if isinstance(of, PlanIssue) else {"review": of.pk}


def copy_retry(*, copy: Copy, actor: User) -> bool:
    """Try again to make (and send) a copy that could not be made. False when it is no longer
    waiting for that (someone else tried again first)."""
    if not may_send_copies(actor) or actor.organisation_id != copy.organisation_id:
        raise Refused(_("You cannot send copies of this record."))
    with transaction.atomic():
        if not Copy.objects.filter(pk=copy.pk, status=Copy.Status.FAILED).update(
            status=Copy.Status.QUEUED, failure=""
        ):
            return False
        audit_record(
            actor=actor,
            action=AuditAction.COPY_RETRY,
            summary=_("Tried again to make a %(form)s copy for %(name)s")
            % {"form": copy.get_form_display().lower(), "name": copy.recipient_name},
            person=copy.person,
            plan=copy.plan,
            detail={"copy": copy.pk},
        )
        copy_make.enqueue(copy.pk)
    return True


def copy_mark_posted(*, copy: Copy, actor: User) -> bool:
    """Someone put the copy (with its covering letter) in the post. False when it was already
    marked (two people at once)."""
    if not may_send_copies(actor) or actor.organisation_id != copy.organisation_id:
        raise Refused(_("You cannot mark copies as posted."))
    with transaction.atomic():
        if not Copy.objects.filter(pk=copy.pk, status=Copy.Status.TO_POST).update(
            status=Copy.Status.POSTED, posted_by=actor, delivered_at=timezone.now()
        ):
            return False
        audit_record(
            actor=actor,
            action=AuditAction.COPY_POSTED,
            summary=_("Posted a %(form)s copy to %(name)s")
            % {"form": copy.get_form_display().lower(), "name": copy.recipient_name},
            person=copy.person,
            plan=copy.plan,
            detail={"copy": copy.pk},
        )
    return True


def copy_open(*, copy: Copy, actor: User, what: str = "download") -> bytes:
    """The copy's bytes for someone allowed them (see selectors.get_copy_for_user), audited as
    a view of the person's record."""
    audit_record(
        actor=actor,
        action=AuditAction.COPY_VIEW,
        summary=_("Opened the %(form)s copy sent to %(name)s")
        % {"form": copy.get_form_display().lower(), "name": copy.recipient_name},
        person=copy.person,
        plan=copy.plan,
        detail={"copy": copy.pk, "what": what},
    )
    return bytes(copy.content.data)


@dataclass(frozen=True)
class Reproduced:
    sha256: str
    same: bool


def reproduce(copy: Copy) -> Reproduced:
    """Render the copy again from its saved source, and say whether it is the same, byte for
    byte, as the copy that was sent (A4: every copy ever sent can be reproduced exactly)."""
    rendered = render.render_copy(copy.source, copy.form)
    digest = hashlib.sha256(rendered.content).hexdigest()
    return Reproduced(sha256=digest, same=bool(copy.sha256) and digest == copy.sha256)
