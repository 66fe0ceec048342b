"""New or different outcomes agreed at a review (R5), and carrying them into the new plan (R9).

At a draft review the worker records, with the person, an outcome the person now wants – new, or
a different way of saying one of the outcomes of the plan reviewed (`changes_uid`: that outcome's
lasting uid). Each function checks who may, validates, saves and audits (REVIEW_OUTCOME) in one
transaction, holding the review's row so it cannot be finalised half-way through a change.

When the review is finalised with a new plan needed, `carry_into_new_plan` makes each of them an
outcome of the new draft version (see its docstring for what happens to each kind).
"""

import hashlib
from datetime import date
from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.accounts.models import User
from tandem.audit.models import AuditAction
from tandem.audit.selectors import earlier_submission
from tandem.audit.services import audit_record
from tandem.errors import EditConflict, Refused
from tandem.plans import frameworks
from tandem.plans.models import Outcome, Plan
from tandem.reviews.models import Review, ReviewOutcome

UNKNOWN_OUTCOME = gettext_lazy(
    "That is an unknown outcome: choose one of the outcomes of the plan reviewed"
)


def may_set_outcomes(user: User) -> bool:
    """The worker records the review, and so the outcomes agreed at it (R5)."""
    return user.is_worker


def achieve_by_problem(achieve_by: date, *, held_on: date | None, today: date) -> str | None:
    """An outcome agreed at a review is achieved by a date after the review, in the future."""
    if achieve_by <= today:
        return str(_("The date it should be achieved by must be in the future"))
    if held_on is not None and achieve_by <= held_on:
        return str(_("The date it should be achieved by must be after the review"))
    return None


def loaded_stamp(row: ReviewOutcome) -> str:
    """What the form loaded, as a short fingerprint: a change over someone else's newer save of
    the same outcome is refused (ReviewOutcome keeps no revision counter)."""
    values = "\x1f".join(
        [
            row.words,
            row.kind,
            row.achieve_by.isoformat(),
            str(row.changes_uid or ""),
            row.life_area,
        ]
    )
    return hashlib.sha256(values.encode()).hexdigest()[:16]


def _check_may(actor: User, review: Review) -> None:
    if not may_set_outcomes(actor) or actor.organisation_id != review.organisation_id:
        raise Refused(_("You cannot set outcomes at this review."))


def _locked_draft(review: Review) -> Review:
    locked = Review.objects.select_for_update().get(pk=review.pk)
    if locked.status != Review.Status.DRAFT:
        raise Refused(_("This review has been finalised and can no longer be changed."))
    return locked


def _check_values(
    review: Review,
    *,
    achieve_by: date,
    changes_uid: UUID | None,
    kind: str,
    life_area: str = "",
    row: ReviewOutcome | None = None,
) -> Outcome | None:
    """The outcome it changes, if any: one of the reviewed plan's, not changed already by
    another of this review's outcomes."""
    if kind not in Outcome.Kind.values:
        raise Refused(_("Select whether this is about change or staying well"))
    if life_area and not frameworks.life_area_label(life_area):
        raise Refused(_("Select an area of life from the list"))
    problem = achieve_by_problem(achieve_by, held_on=review.held_on, today=timezone.localdate())
    if problem:
        raise Refused(problem)
    if changes_uid is None:
        return None
    changed = Outcome.objects.filter(plan_id=review.plan_id, uid=changes_uid).first()
    if changed is None:
        raise Refused(str(UNKNOWN_OUTCOME))
    others = ReviewOutcome.objects.filter(review=review, changes_uid=changes_uid)
    if row is not None:
        others = others.exclude(pk=row.pk)
    if others.exists():
        raise Refused(
            _(
                "A different way of saying “%(words)s” has already been added: change that one "
                "instead"
            )
            % {"words": changed.words}
        )
    return changed


def _detail(row: ReviewOutcome, **extra: Any) -> dict[str, Any]:
    return {
        "review_id": row.review_id,
        "id": row.pk,
        "changes_uid": str(row.changes_uid) if row.changes_uid else None,
        "achieve_by": row.achieve_by.isoformat(),
        **extra,
    }


def review_outcome_add(
    *,
    review: Review,
    words: str,
    kind: str,
    achieve_by: date,
    actor: User,
    changes_uid: UUID | None = None,
    life_area: str = "",
    submission_key: UUID | None = None,
) -> ReviewOutcome:
    """A new outcome agreed at the review, or a different way of saying one (`changes_uid`).
    The same form sent twice (its one-time `submission_key`) adds it once, given back both
    times."""
    _check_may(actor, review)
    with transaction.atomic():
        locked = _locked_draft(review)
        earlier = earlier_submission(
            actor=actor,
            action=AuditAction.REVIEW_OUTCOME,
            submission_key=submission_key,
            plan_id=locked.plan_id,
        )
        if earlier is not None and earlier.get("id") is not None:
            found = ReviewOutcome.objects.filter(review=locked, pk=int(earlier["id"])).first()
            if found is not None:
                return found
        _check_values(
            locked, achieve_by=achieve_by, changes_uid=changes_uid, kind=kind, life_area=life_area
        )
        row = ReviewOutcome(
            review=locked,
            words=words.strip(),
            kind=kind,
            achieve_by=achieve_by,
            changes_uid=changes_uid,
            life_area=life_area,
        )
        row.full_clean()
        row.save()
        audit_record(
            actor=actor,
            action=AuditAction.REVIEW_OUTCOME,
            summary=(
                _("Agreed a different way of saying an outcome at the review")
                if changes_uid
                else _("Agreed a new outcome at the review")
            ),
            plan=locked.plan,
            detail=_detail(
                row, **({"submission_key": str(submission_key)} if submission_key else {})
            ),
        )
    return row


def review_outcome_change(
    *,
    row: ReviewOutcome,
    words: str,
    kind: str,
    achieve_by: date,
    loaded: str,
    actor: User,
    changes_uid: UUID | None = None,
    life_area: str = "",
) -> ReviewOutcome:
    """Change an outcome agreed at the review; over someone else's newer change, EditConflict
    (`loaded` is the `loaded_stamp` the form was given)."""
    _check_may(actor, row.review)
    with transaction.atomic():
        locked = _locked_draft(row.review)
        current = ReviewOutcome.objects.filter(pk=row.pk, review=locked).first()
        if current is None:
            raise EditConflict(
                _("Someone else removed this outcome while you were changing it."), current=None
            )
        if loaded_stamp(current) != loaded:
            raise EditConflict(
                _("Someone else changed this outcome while you were changing it."),
                current=current,
            )
        _check_values(
            locked,
            achieve_by=achieve_by,
            changes_uid=changes_uid,
            kind=kind,
            life_area=life_area,
            row=current,
        )
        current.words, current.kind = words.strip(), kind
        current.achieve_by, current.changes_uid = achieve_by, changes_uid
        current.life_area = life_area
        current.full_clean()
        current.save()
        audit_record(
            actor=actor,
            action=AuditAction.REVIEW_OUTCOME,
            summary=_("Changed an outcome agreed at the review"),
            plan=locked.plan,
            detail=_detail(current, changed=True),
        )
    return current


def review_outcome_remove(*, row: ReviewOutcome, actor: User) -> None:
    """Remove an outcome agreed at the review (removing one already removed does nothing)."""
    _check_may(actor, row.review)
    with transaction.atomic():
        locked = _locked_draft(row.review)
        deleted, _rows = ReviewOutcome.objects.filter(pk=row.pk, review=locked).delete()
        if deleted:
            audit_record(
                actor=actor,
                action=AuditAction.REVIEW_OUTCOME,
                summary=_("Removed an outcome agreed at the review"),
                plan=locked.plan,
                detail=_detail(row, removed=True),
            )


def listed(review: Review, words: dict[UUID, str]) -> list[dict[str, Any]]:
    """The outcomes agreed at the review, each with the words of the outcome it changes (from
    `words`, the reviewed outcomes' words by uid, already loaded): one query however many."""
    return [
        {"row": row, "changes_words": words.get(row.changes_uid, "") if row.changes_uid else ""}
        for row in ReviewOutcome.objects.filter(review=review)
    ]


def carry_into_new_plan(*, review: Review, new_plan: Plan, actor: User) -> list[ReviewOutcome]:
    """R9: the outcomes agreed at the review, in the new draft version just started from the
    reviewed plan (which carries every outcome's uid).

    - A new outcome becomes a new outcome of the draft, after its others, with a new uid. It has
      no indicator yet: the draft cannot be sent for agreement until one is added (P3).
    - A different way of saying an outcome replaces that outcome's words, kind and date in the
      draft, keeping its uid (and its indicators, actions and levels), so its history goes on.
    - An outcome rated "no longer wanted" is left in the draft as it was: whether it goes is the
      person's decision, made as they write the new version (it is one "Remove" away there).

    Each row's `outcome_uid` is set to the outcome it became. Called inside the transaction that
    finalises the review, so the review, the draft and these outcomes are saved together."""
    rows = list(ReviewOutcome.objects.filter(review=review))
    if not rows:
        return rows
    in_draft = {o.uid: o for o in Outcome.objects.filter(plan=new_plan)}
    position = Outcome.objects.filter(plan=new_plan).aggregate(n=Max("position"))["n"] or 0
    for row in rows:
        outcome = in_draft.get(row.changes_uid) if row.changes_uid else None
        if outcome is not None:
            Outcome.objects.filter(pk=outcome.pk).update(
                words=row.words,
                kind=row.kind,
                achieve_by=row.achieve_by,
                life_area=row.life_area or outcome.life_area,
                revision=F("revision") + 1,
            )
            action = AuditAction.PART_UPDATE
            summary = _("Changed outcome “%(item)s”") % {"item": row.words}
        else:
            position += 1
            outcome = Outcome.objects.create(
                organisation_id=new_plan.organisation_id,
                plan=new_plan,
                words=row.words,
                kind=row.kind,
                achieve_by=row.achieve_by,
                life_area=row.life_area,
                position=position,
            )
            action = AuditAction.PART_CREATE
            summary = _("Added outcome “%(item)s”") % {"item": row.words}
        row.outcome_uid = outcome.uid
        audit_record(
            actor=actor,
            action=action,
            summary=summary,
            plan=new_plan,
            detail={
                "kind": "outcome",
                "id": outcome.pk,
                "uid": str(outcome.uid),
                "from_review": review.pk,
            },
        )
    ReviewOutcome.objects.bulk_update(rows, ["outcome_uid"])
    return rows
