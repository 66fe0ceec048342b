"""A person's indicative budget (P8) and financial assessment (P7): every change to them.

Each function validates, saves and writes its audit event in one transaction. A result of the
Resource Allocation System keeps a copy of what the scheme said on the day (questions, answers,
points, price, adjustments, name and version), so changing or retiring the scheme later never
changes what was worked out, nor how it is explained.
"""

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.accounts.models import User
from tandem.audit.models import AuditAction
from tandem.audit.selectors import earlier_submission
from tandem.audit.services import audit_record
from tandem.budgets import ras
from tandem.budgets.models import (
    MAX_WEEKLY_AMOUNT,
    FinancialAssessment,
    IndicativeBudget,
    RasScheme,
)
from tandem.budgets.money import pounds
from tandem.errors import Refused
from tandem.people.models import Person


class SchemeChanged(Refused):
    """The scheme version the form was made from is no longer the one in use."""


SCHEME_CHANGED = gettext_lazy(
    "The administrator changed the resource allocation scheme while you were answering, so "
    "nothing was saved. Answer the questions of the scheme now in use"
)


def calculate(
    *,
    points: int,
    price_per_point: Decimal,
    adjustments: Iterable[Decimal],
    minimum: Decimal | None,
    maximum: Decimal | None,
) -> dict[str, Decimal]:
    """The weekly amount a RAS result gives: points × price per point plus the adjustments
    ("calculated"), then within the scheme's minimum and maximum and never below £0
    ("weekly")."""
    result = ras.calculate(
        points=points,
        price_per_point=price_per_point,
        adjustments=list(adjustments),
        minimum=minimum,
        maximum=maximum,
    )
    return {"calculated": result["calculated_amount"], "weekly": result["weekly_amount"]}


def scheme_in_use(organisation_id: int) -> RasScheme | None:
    """The organisation's published scheme (the latest version, should there be two)."""
    return (
        RasScheme.objects.filter(organisation_id=organisation_id, status=RasScheme.Status.PUBLISHED)
        .order_by("-version")
        .first()
    )


def indicative_budget_work_out(
    *,
    person: Person,
    scheme: RasScheme,
    answers: Mapping[int, int],
    adjustments: Iterable[int],
    with_person: bool,
    actor: User,
    scheme_revision: int | None = None,
    submission_key: UUID | None = None,
) -> IndicativeBudget:
    """P8: the indicative budget from the organisation's scheme in use, with a copy of the
    questions, answers and points, the adjustments ticked, the price and the version.

    `answers` is question id → answer id, one for every question of the scheme; `adjustments`
    the ids of the adjustments that apply. Refused (SchemeChanged) if the scheme is no longer
    the version in use or has changed since the form was shown (`scheme_revision`). The same
    form sent twice (`submission_key`) gives the first result back rather than a second one."""
    adjustment_ids = sorted(set(adjustments))
    budget: IndicativeBudget | None = None
    try:
        with transaction.atomic():
            # The lock makes the administrator's change of the scheme wait for this result (or
            # this result wait for it), so a result always matches one version exactly.
            locked = RasScheme.objects.select_for_update().filter(pk=scheme.pk).first()
            if (
                locked is None
                or locked.organisation_id != person.organisation_id
                or locked.status != RasScheme.Status.PUBLISHED
                or (scheme_revision is not None and locked.revision != scheme_revision)
            ):
                raise SchemeChanged(SCHEME_CHANGED)
            budget = _ras_result(
                locked,
                person=person,
                answers=answers,
                adjustment_ids=adjustment_ids,
                with_person=with_person,
                actor=actor,
                submission_key=submission_key,
            )
            return _earlier_result(budget) or _record(budget, detail={"scheme": locked.pk})
    except IntegrityError:
        # Sent twice at the same moment (PostgreSQL): the other copy was saved first.
        earlier = _earlier_result(budget) if budget is not None else None
        if earlier is None:
            raise
        return earlier


def _ras_result(
    scheme: RasScheme,
    *,
    person: Person,
    answers: Mapping[int, int],
    adjustment_ids: list[int],
    with_person: bool,
    actor: User,
    submission_key: UUID | None,
) -> IndicativeBudget:
    """The result, unsaved, with what the scheme says today copied into it."""
    questions = list(scheme.questions.prefetch_related("answers"))
    if not questions:
        raise Refused(
            _("The scheme in use has no questions yet: ask your administrator to finish it")
        )
    chosen: list[dict[str, Any]] = []
    points = 0
    for number, question in enumerate(questions, start=1):
        answer = next((a for a in question.answers.all() if a.pk == answers.get(question.pk)), None)
        if answer is None:
            raise Refused(
                _("Select one of the answers given for question %(number)s") % {"number": number}
            )
        chosen.append({"question": question.text, "answer": answer.text, "points": answer.points})
        points += answer.points
    if set(answers) - {q.pk for q in questions}:
        raise Refused(_("Answer only the questions of the scheme in use"))
    applied = list(scheme.adjustments.filter(pk__in=adjustment_ids))
    if len(applied) != len(adjustment_ids):
        raise Refused(_("Select only adjustments from the scheme’s list"))
    result = calculate(
        points=points,
        price_per_point=scheme.price_per_point,
        adjustments=[a.weekly_amount for a in applied],
        minimum=scheme.minimum_weekly,
        maximum=scheme.maximum_weekly,
    )
    if result["weekly"] > MAX_WEEKLY_AMOUNT:
        raise Refused(
            _(
                "The scheme works out %(amount)s a week, more than the %(max)s a budget can be: "
                "ask your administrator to check the scheme"
            )
            % {"amount": pounds(result["weekly"]), "max": pounds(MAX_WEEKLY_AMOUNT)}
        )
    return IndicativeBudget(
        organisation_id=person.organisation_id,
        person=person,
        source=IndicativeBudget.Source.RAS,
        scheme=scheme,
        scheme_name=scheme.name,
        scheme_version=scheme.version,
        answers=chosen,
        adjustments=[{"label": a.label, "weekly_amount": str(a.weekly_amount)} for a in applied],
        points=points,
        price_per_point=scheme.price_per_point,
        calculated_amount=result["calculated"],
        weekly_amount=result["weekly"],
        set_on=timezone.localdate(),
        completed_with_person=with_person,
        completed_by=actor,
        submission_key=submission_key,
    )


def indicative_budget_record_outside(
    *,
    person: Person,
    weekly_amount: Decimal,
    source_details: str,
    set_on: datetime.date,
    actor: User,
    submission_key: UUID | None = None,
) -> IndicativeBudget:
    """P8: an indicative budget the council set outside Tandem, with where the figure comes
    from and the date it was set."""
    if set_on > timezone.localdate():
        raise Refused(_("The date the budget was set must be today or in the past"))
    if not source_details.strip():
        raise Refused(_("Enter where the figure comes from"))
    budget = IndicativeBudget(
        organisation_id=person.organisation_id,
        person=person,
        source=IndicativeBudget.Source.OUTSIDE,
        weekly_amount=weekly_amount,
        source_details=source_details.strip(),
        set_on=set_on,
        completed_by=actor,
        submission_key=submission_key,
    )
    try:
        with transaction.atomic():
            return _earlier_result(budget) or _record(budget, detail={})
    except IntegrityError:
        earlier = _earlier_result(budget)
        if earlier is None:
            raise
        return earlier


# What makes two results the same form sent twice.
SAME_RESULT = (
    "person_id",
    "source",
    "scheme_id",
    "answers",
    "adjustments",
    "weekly_amount",
    "source_details",
    "set_on",
    "completed_with_person",
)


def _earlier_result(budget: IndicativeBudget) -> IndicativeBudget | None:
    """The result an earlier copy of the same form saved. A key used for a different result (a
    form brought back with the browser's back button and changed) is dropped: a new result."""
    if budget.submission_key is None:
        return None
    earlier = IndicativeBudget.objects.filter(
        completed_by=budget.completed_by, submission_key=budget.submission_key
    ).first()
    if earlier is None:
        return None
    if all(getattr(earlier, name) == getattr(budget, name) for name in SAME_RESULT):
        return earlier
    budget.submission_key = None
    return None


def _record(budget: IndicativeBudget, *, detail: dict[str, Any]) -> IndicativeBudget:
    # The key's uniqueness is the database's to enforce: a copy sent at the same moment fails
    # the insert (IntegrityError, answered with the first result), not validation.
    try:
        budget.full_clean(exclude=["submission_key"])
    except ValidationError as error:
        raise Refused(" ".join(error.messages)) from error
    budget.save()
    audit_record(
        actor=budget.completed_by,
        action=AuditAction.INDICATIVE_BUDGET,
        summary=_("Recorded an indicative budget of %(amount)s a week for %(name)s")
        % {"amount": pounds(budget.weekly_amount), "name": budget.person.full_name},
        person=budget.person,
        detail={
            **detail,
            "indicative_budget": budget.pk,
            "source": budget.source,
            "weekly_amount": str(budget.weekly_amount),
        },
    )
    return budget


def financial_assessment_record(
    *,
    person: Person,
    status: str,
    assessed_on: datetime.date | None,
    weekly_contribution: Decimal | None,
    notes: str,
    actor: User,
    submission_key: UUID | None = None,
) -> FinancialAssessment:
    """P7: whether the financial assessment is done, when, and the assessed weekly
    contribution, as a new row: the earlier ones stay as the history.

    A contribution is kept only for an assessment that is done: any other answer has none.
    The same form sent twice (`submission_key`) records it once."""
    if status not in FinancialAssessment.Status.values:
        raise Refused(_("Select whether the financial assessment has been done"))
    done = status == FinancialAssessment.Status.DONE
    if assessed_on is not None and assessed_on > timezone.localdate():
        raise Refused(_("The date of the assessment must be today or in the past"))
    if done and assessed_on is None:
        raise Refused(_("Enter the date of the assessment"))
    if done and weekly_contribution is None:
        raise Refused(_("Enter the assessed weekly contribution, or 0 if there is none"))
    assessment = FinancialAssessment(
        organisation_id=person.organisation_id,
        person=person,
        status=status,
        assessed_on=assessed_on,
        weekly_contribution=weekly_contribution if done else None,
        notes=notes.strip(),
        recorded_by=actor,
    )
    with transaction.atomic():
        # The person's lock makes a copy of the same form wait until the first has committed.
        Person.objects.select_for_update(no_key=True).filter(pk=person.pk).first()
        earlier = _earlier_assessment(person, actor, submission_key)
        if earlier is not None:
            return earlier
        try:
            assessment.full_clean()
        except ValidationError as error:
            raise Refused(" ".join(error.messages)) from error
        assessment.save()
        audit_record(
            actor=actor,
            action=AuditAction.FINANCIAL_ASSESSMENT,
            summary=_("Recorded the financial assessment of %(name)s: %(status)s")
            % {"name": person.full_name, "status": assessment.get_status_display()},
            person=person,
            detail={
                **({"submission_key": str(submission_key)} if submission_key else {}),
                "financial_assessment": assessment.pk,
                "status": status,
                "assessed_on": assessed_on.isoformat() if assessed_on else "",
                "weekly_contribution": (
                    ""
                    if assessment.weekly_contribution is None
                    else str(assessment.weekly_contribution)
                ),
            },
        )
    return assessment


def _earlier_assessment(
    person: Person, actor: User, submission_key: UUID | None
) -> FinancialAssessment | None:
    """What an earlier copy of the same form recorded: its key is kept in the audit event."""
    detail = earlier_submission(
        actor=actor,
        action=AuditAction.FINANCIAL_ASSESSMENT,
        submission_key=submission_key,
        person=person,
    )
    if detail is None:
        return None
    return FinancialAssessment.objects.filter(pk=detail.get("financial_assessment", 0)).first()
