"""Every change an administrator makes to the organisation's Resource Allocation System (RAS) and
its catalogue of services and unit costs.

Each function validates, saves and writes its audit event in one transaction.

The scheme: a published version never changes (P8: an old result stays explainable by the
version it used). A draft is changed through these functions only; every change to it (its
details, a question, an answer, an adjustment) adds one to the draft's `revision`, and a change
to something that already exists is refused when the draft changed since the page was loaded
(ADR 0002) — so two administrators never silently overwrite each other. Putting a draft in use
retires the version in use.

The catalogue: a new unit cost starts on a date and never alters existing cost lines, which
copied the unit cost when they were saved.

Forms that add a row carry a one-time submission key, kept in the audit event's detail: the same
form sent twice (a double click) gives back what the first one added.
"""

import datetime
import hashlib
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.models import Organisation, User
from tandem.audit.models import AuditAction
from tandem.audit.selectors import earlier_submission
from tandem.audit.services import audit_record
from tandem.budgets import ras
from tandem.budgets.models import (
    MAX_WEEKLY_AMOUNT,
    RasAdjustment,
    RasAnswer,
    RasQuestion,
    RasScheme,
    Service,
    ServiceRate,
)
from tandem.budgets.money import pounds
from tandem.errors import EditConflict, Refused

SCHEME_FIELDS = ("name", "price_per_point", "minimum_weekly", "maximum_weekly", "notes")
QUESTION_FIELDS = ("text", "hint")
ANSWER_FIELDS = ("text", "points")
ADJUSTMENT_FIELDS = ("label", "weekly_amount")
SERVICE_FIELDS = ("name", "unit", "description")


def conflict_message() -> str:
    return _(
        "Someone else changed this draft of the scheme while you were editing it. Your changes "
        "have not been saved: check the draft as it is now and make them again."
    )


def published_message() -> str:
    return _(
        "This version of the scheme is in use or has been replaced, so it cannot be changed: "
        "make a new version to change the scheme."
    )


def _pick(data: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: data[name] for name in fields if name in data}


def _changes(obj: Model, values: dict[str, Any]) -> dict[str, list[str]]:
    return {
        name: [str(getattr(obj, name) or ""), str(value or "")]
        for name, value in values.items()
        if getattr(obj, name) != value
    }


def _earlier(actor: User, action: AuditAction, submission_key: UUID | None) -> dict | None:
    """The detail of the event an earlier copy of the same form recorded, if any."""
    return earlier_submission(actor=actor, action=action, submission_key=submission_key)


def _key(submission_key: UUID | None) -> dict[str, str]:
    return {"submission_key": str(submission_key)} if submission_key else {}


# --- The scheme ----------------------------------------------------------------------------


def _check_limits(scheme: RasScheme) -> None:
    if (
        scheme.minimum_weekly is not None
        and scheme.maximum_weekly is not None
        and scheme.minimum_weekly > scheme.maximum_weekly
    ):
        raise ValidationError(
            {
                "maximum_weekly": _(
                    "The largest weekly budget must be the same as the smallest (%(minimum)s) "
                    "or more"
                )
                % {"minimum": pounds(scheme.minimum_weekly)}
            }
        )


def scheme_start(
    *,
    organisation: Organisation,
    actor: User,
    data: dict[str, Any],
    submission_key: UUID | None = None,
) -> RasScheme:
    """The organisation's first scheme: version 1, a draft."""
    with transaction.atomic():
        earlier = _earlier(actor, AuditAction.SCHEME_CHANGE, submission_key)
        if earlier is not None and earlier.get("scheme_id"):
            return RasScheme.objects.get(pk=earlier["scheme_id"])
        if RasScheme.objects.filter(organisation=organisation).exists():
            raise Refused(
                _(
                    "Your organisation already has a scheme: to change it, make a new version "
                    "of the one in use."
                )
            )
        scheme = RasScheme(
            organisation=organisation,
            version=1,
            status=RasScheme.Status.DRAFT,
            created_by=actor,
            **_pick(data, SCHEME_FIELDS),
        )
        scheme.full_clean()
        _check_limits(scheme)
        try:
            with transaction.atomic():
                scheme.save()
        except IntegrityError:
            raise Refused(_("Your organisation already has a scheme.")) from None
        audit_record(
            actor=actor,
            action=AuditAction.SCHEME_CHANGE,
            summary=_("Started the resource allocation scheme “%(name)s”") % {"name": scheme.name},
            detail={"scheme_id": scheme.pk, "version": scheme.version, **_key(submission_key)},
        )
    return scheme


def _locked_draft(scheme: RasScheme, revision: int | None) -> RasScheme:
    """The draft, locked for this change; refused if it is in use or was changed since the
    page was loaded (`revision`; None for an addition, which overwrites nothing)."""
    current = RasScheme.objects.select_for_update(no_key=True).get(pk=scheme.pk)
    if current.status != RasScheme.Status.DRAFT:
        raise Refused(published_message())
    if revision is not None and current.revision != revision:
        raise EditConflict(conflict_message(), current=current)
    return current


def _bump(scheme: RasScheme) -> None:
    """One more change to the draft. A conditional update, so the revision check holds on SQLite
    as well as PostgreSQL."""
    saved = RasScheme.objects.filter(pk=scheme.pk, revision=scheme.revision).update(
        revision=F("revision") + 1
    )
    if not saved:
        raise EditConflict(conflict_message(), current=RasScheme.objects.get(pk=scheme.pk))
    scheme.revision += 1


def _audit_change(
    actor: User, scheme: RasScheme, summary: str, detail: dict[str, Any] | None = None
) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.SCHEME_CHANGE,
        summary=summary,
        detail={"scheme_id": scheme.pk, "version": scheme.version, **(detail or {})},
    )


def scheme_update(
    *, scheme: RasScheme, actor: User, data: dict[str, Any], revision: int
) -> RasScheme:
    """A draft's name, price per point, smallest and largest weekly budget, and notes."""
    values = _pick(data, SCHEME_FIELDS)
    with transaction.atomic():
        current = _locked_draft(scheme, revision)
        changes = _changes(current, values)
        for name, value in values.items():
            setattr(current, name, value)
        current.full_clean()
        _check_limits(current)
        current.save(update_fields=list(values))
        _bump(current)
        _audit_change(
            actor,
            current,
            _("Changed the details of the draft scheme (version %(version)s)")
            % {"version": current.version},
            {"changes": changes},
        )
    return current


def scheme_new_version(
    *, scheme: RasScheme, actor: User, submission_key: UUID | None = None
) -> RasScheme:
    """A new draft copied from a version no longer being changed: its details, questions,
    answers and adjustments. Only one draft at a time."""
    with transaction.atomic():
        earlier = _earlier(actor, AuditAction.SCHEME_CHANGE, submission_key)
        if earlier is not None and earlier.get("scheme_id"):
            return RasScheme.objects.get(pk=earlier["scheme_id"])
        # Every version of the organisation's scheme waits here for the one before.
        versions = list(
            RasScheme.objects.select_for_update(no_key=True).filter(
                organisation_id=scheme.organisation_id
            )
        )
        draft = next((s for s in versions if s.status == RasScheme.Status.DRAFT), None)
        if draft is not None:
            raise Refused(
                _(
                    "There is already a draft (version %(version)s): change that one, then put "
                    "it in use."
                )
                % {"version": draft.version}
            )
        latest = max(s.version for s in versions)
        copy = RasScheme.objects.create(
            organisation_id=scheme.organisation_id,
            name=scheme.name,
            version=latest + 1,
            status=RasScheme.Status.DRAFT,
            price_per_point=scheme.price_per_point,
            minimum_weekly=scheme.minimum_weekly,
            maximum_weekly=scheme.maximum_weekly,
            notes=scheme.notes,
            created_by=actor,
        )
        _copy_questions(scheme, copy)
        RasAdjustment.objects.bulk_create(
            RasAdjustment(
                scheme=copy, position=a.position, label=a.label, weekly_amount=a.weekly_amount
            )
            for a in scheme.adjustments.all()
        )
        _audit_change(
            actor,
            copy,
            _("Made version %(version)s of the scheme from version %(source)s")
            % {"version": copy.version, "source": scheme.version},
            {"from_version": scheme.version, **_key(submission_key)},
        )
    return copy


def _copy_questions(source: RasScheme, copy: RasScheme) -> None:
    questions = list(source.questions.prefetch_related("answers"))
    new = RasQuestion.objects.bulk_create(
        RasQuestion(scheme=copy, position=q.position, text=q.text, hint=q.hint) for q in questions
    )
    RasAnswer.objects.bulk_create(
        RasAnswer(question=made, position=a.position, text=a.text, points=a.points)
        for question, made in zip(questions, new, strict=True)
        for a in question.answers.all()
    )


def scheme_publish(*, scheme: RasScheme, actor: User, revision: int) -> RasScheme:
    """Put a draft in use (the draft as the administrator last saw it: `revision`). The version
    in use until now is retired; results worked out with it keep saying which version they
    used."""
    with transaction.atomic():
        current = _locked_draft(scheme, revision)
        questions = list(current.questions.prefetch_related("answers"))
        problems = ras.publish_problems(
            questions=[(q.text, [a.points for a in q.answers.all()]) for q in questions],
            price_per_point=current.price_per_point,
            minimum=current.minimum_weekly,
            maximum=current.maximum_weekly,
            ceiling=MAX_WEEKLY_AMOUNT,
        )
        if problems:
            raise Refused(
                _("The scheme cannot be put in use yet: %(problems)s.")
                % {"problems": "; ".join(problems)}
            )
        retired = list(
            RasScheme.objects.filter(
                organisation_id=current.organisation_id, status=RasScheme.Status.PUBLISHED
            ).values_list("version", flat=True)
        )
        RasScheme.objects.filter(
            organisation_id=current.organisation_id, status=RasScheme.Status.PUBLISHED
        ).update(status=RasScheme.Status.RETIRED)
        current.status = RasScheme.Status.PUBLISHED
        current.published_at = timezone.now()
        current.save(update_fields=["status", "published_at"])
        _bump(current)
        audit_record(
            actor=actor,
            action=AuditAction.SCHEME_PUBLISH,
            summary=_("Put version %(version)s of the scheme “%(name)s” in use")
            % {"version": current.version, "name": current.name},
            detail={"scheme_id": current.pk, "version": current.version, "retired": retired},
        )
    return current


def _next_position(queryset: Any) -> int:
    return (queryset.aggregate(last=Max("position"))["last"] or 0) + 1


def question_add(
    *,
    scheme: RasScheme,
    actor: User,
    data: dict[str, Any],
    submission_key: UUID | None = None,
) -> RasQuestion:
    with transaction.atomic():
        current = _locked_draft(scheme, None)
        earlier = _earlier(actor, AuditAction.SCHEME_CHANGE, submission_key)
        if earlier is not None and earlier.get("question_id"):
            return RasQuestion.objects.get(pk=earlier["question_id"])
        question = RasQuestion(
            scheme=current,
            position=_next_position(current.questions),
            **_pick(data, QUESTION_FIELDS),
        )
        question.full_clean()
        question.save()
        _bump(current)
        _audit_change(
            actor,
            current,
            _("Added a question to the draft scheme: “%(text)s”") % {"text": question.text},
            {"question_id": question.pk, **_key(submission_key)},
        )
    return question


def question_update(
    *, question: RasQuestion, actor: User, data: dict[str, Any], revision: int
) -> RasQuestion:
    values = _pick(data, QUESTION_FIELDS)
    with transaction.atomic():
        current = _locked_draft(question.scheme, revision)
        question = _still_there(RasQuestion.objects.filter(scheme=current), question.pk, current)
        changes = _changes(question, values)
        for name, value in values.items():
            setattr(question, name, value)
        question.full_clean()
        question.save(update_fields=list(values))
        _bump(current)
        _audit_change(
            actor,
            current,
            _("Changed a question of the draft scheme: “%(text)s”") % {"text": question.text},
            {"question_id": question.pk, "changes": changes},
        )
    return question


def question_remove(*, question: RasQuestion, actor: User, revision: int) -> None:
    with transaction.atomic():
        current = _locked_draft(question.scheme, revision)
        question = _still_there(RasQuestion.objects.filter(scheme=current), question.pk, current)
        answers = list(question.answers.values("text", "points"))
        question.delete()
        _bump(current)
        _audit_change(
            actor,
            current,
            _("Removed a question from the draft scheme: “%(text)s”") % {"text": question.text},
            {"question": question.text, "answers": answers},
        )


def _still_there(queryset: Any, pk: int, scheme: RasScheme) -> Any:
    """The row as saved now; a conflict if someone removed it meanwhile."""
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise EditConflict(conflict_message(), current=scheme)
    return found


def answer_add(
    *,
    question: RasQuestion,
    actor: User,
    data: dict[str, Any],
    submission_key: UUID | None = None,
) -> RasAnswer:
    with transaction.atomic():
        current = _locked_draft(question.scheme, None)
        earlier = _earlier(actor, AuditAction.SCHEME_CHANGE, submission_key)
        if earlier is not None and earlier.get("answer_id"):
            return RasAnswer.objects.get(pk=earlier["answer_id"])
        question = _still_there(RasQuestion.objects.filter(scheme=current), question.pk, current)
        answer = RasAnswer(
            question=question,
            position=_next_position(question.answers),
            **_pick(data, ANSWER_FIELDS),
        )
        answer.full_clean()
        answer.save()
        _bump(current)
        _audit_change(
            actor,
            current,
            _("Added the answer “%(answer)s” (%(points)s points) to “%(question)s”")
            % {"answer": answer.text, "points": answer.points, "question": question.text},
            {"question_id": question.pk, "answer_id": answer.pk, **_key(submission_key)},
        )
    return answer


def answer_update(
    *, answer: RasAnswer, actor: User, data: dict[str, Any], revision: int
) -> RasAnswer:
    values = _pick(data, ANSWER_FIELDS)
    with transaction.atomic():
        current = _locked_draft(answer.question.scheme, revision)
        answer = _still_there(
            RasAnswer.objects.filter(question__scheme=current), answer.pk, current
        )
        changes = _changes(answer, values)
        for name, value in values.items():
            setattr(answer, name, value)
        answer.full_clean()
        answer.save(update_fields=list(values))
        _bump(current)
        _audit_change(
            actor,
            current,
            _("Changed the answer “%(answer)s” of the draft scheme") % {"answer": answer.text},
            {"question_id": answer.question_id, "answer_id": answer.pk, "changes": changes},
        )
    return answer


def answer_remove(*, answer: RasAnswer, actor: User, revision: int) -> None:
    with transaction.atomic():
        current = _locked_draft(answer.question.scheme, revision)
        answer = _still_there(
            RasAnswer.objects.filter(question__scheme=current), answer.pk, current
        )
        answer.delete()
        _bump(current)
        _audit_change(
            actor,
            current,
            _("Removed the answer “%(answer)s” from the draft scheme") % {"answer": answer.text},
            {"question_id": answer.question_id, "answer": answer.text, "points": answer.points},
        )


def adjustment_add(
    *,
    scheme: RasScheme,
    actor: User,
    data: dict[str, Any],
    submission_key: UUID | None = None,
) -> RasAdjustment:
    with transaction.atomic():
        current = _locked_draft(scheme, None)
        earlier = _earlier(actor, AuditAction.SCHEME_CHANGE, submission_key)
        if earlier is not None and earlier.get("adjustment_id"):
            return RasAdjustment.objects.get(pk=earlier["adjustment_id"])
        adjustment = RasAdjustment(
            scheme=current,
            position=_next_position(current.adjustments),
            **_pick(data, ADJUSTMENT_FIELDS),
        )
        adjustment.full_clean()
        adjustment.save()
        _bump(current)
        _audit_change(
            actor,
            current,
            _("Added the adjustment “%(label)s” (%(amount)s a week) to the draft scheme")
            % {"label": adjustment.label, "amount": pounds(adjustment.weekly_amount)},
            {"adjustment_id": adjustment.pk, **_key(submission_key)},
        )
    return adjustment


def adjustment_update(
    *, adjustment: RasAdjustment, actor: User, data: dict[str, Any], revision: int
) -> RasAdjustment:
    values = _pick(data, ADJUSTMENT_FIELDS)
    with transaction.atomic():
        current = _locked_draft(adjustment.scheme, revision)
        adjustment = _still_there(current.adjustments.all(), adjustment.pk, current)
        changes = _changes(adjustment, values)
        for name, value in values.items():
            setattr(adjustment, name, value)
        adjustment.full_clean()
        adjustment.save(update_fields=list(values))
        _bump(current)
        _audit_change(
            actor,
            current,
            _("Changed the adjustment “%(label)s” of the draft scheme")
            % {"label": adjustment.label},
            {"adjustment_id": adjustment.pk, "changes": changes},
        )
    return adjustment


def adjustment_remove(*, adjustment: RasAdjustment, actor: User, revision: int) -> None:
    with transaction.atomic():
        current = _locked_draft(adjustment.scheme, revision)
        adjustment = _still_there(current.adjustments.all(), adjustment.pk, current)
        adjustment.delete()
        _bump(current)
        _audit_change(
            actor,
            current,
            _("Removed the adjustment “%(label)s” from the draft scheme")
            % {"label": adjustment.label},
            {"adjustment": adjustment.label, "weekly_amount": str(adjustment.weekly_amount)},
        )


# --- The catalogue -------------------------------------------------------------------------


def service_fingerprint(service: Service) -> str:
    """What a change page was loaded with, so a save over someone else's newer change is
    refused (services have no revision counter: their details are few and rarely changed)."""
    values = "\x1f".join(str(getattr(service, name)) for name in (*SERVICE_FIELDS, "active"))
    return hashlib.sha256(values.encode()).hexdigest()[:16]


def service_conflict_message() -> str:
    return _(
        "Someone else changed this service while you were editing it. Your changes have not "
        "been saved: they are shown below so you can check the details as they are now and save "
        "again."
    )


def _name_taken() -> ValidationError:
    return ValidationError(
        {"name": _("Your organisation already has a service with this name: choose another name")}
    )


def _check_name(service: Service) -> None:
    others = Service.objects.filter(
        organisation_id=service.organisation_id, name__iexact=service.name
    ).exclude(pk=service.pk)
    if others.exists():
        raise _name_taken()


def _catalogue_audit(
    actor: User, service: Service, summary: str, detail: dict[str, Any] | None = None
) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.CATALOGUE_CHANGE,
        summary=summary,
        detail={"service_id": service.pk, **(detail or {})},
    )


def service_add(
    *,
    organisation: Organisation,
    actor: User,
    data: dict[str, Any],
    unit_cost: Decimal,
    effective_from: datetime.date,
    submission_key: UUID | None = None,
) -> Service:
    """A service and its first unit cost."""
    with transaction.atomic():
        earlier = _earlier(actor, AuditAction.CATALOGUE_CHANGE, submission_key)
        if earlier is not None and earlier.get("service_id"):
            return Service.objects.get(pk=earlier["service_id"])
        service = Service(organisation=organisation, active=True, **_pick(data, SERVICE_FIELDS))
        service.full_clean(validate_unique=False, validate_constraints=False)
        _check_name(service)
        try:
            with transaction.atomic():
                service.save()
        except IntegrityError:
            raise _name_taken() from None
        rate = ServiceRate(service=service, unit_cost=unit_cost, effective_from=effective_from)
        rate.full_clean()
        rate.save()
        _catalogue_audit(
            actor,
            service,
            _("Added the service “%(name)s” at %(cost)s %(unit)s from %(date)s")
            % {
                "name": service.name,
                "cost": pounds(unit_cost),
                "unit": service.get_unit_display(),
                "date": effective_from.isoformat(),
            },
            {"rate_id": rate.pk, **_key(submission_key)},
        )
    return service


def service_update(
    *, service: Service, actor: User, data: dict[str, Any], fingerprint: str
) -> Service:
    values = _pick(data, SERVICE_FIELDS)
    with transaction.atomic():
        current = Service.objects.select_for_update(no_key=True).get(pk=service.pk)
        if service_fingerprint(current) != fingerprint:
            raise EditConflict(service_conflict_message(), current=current)
        changes = _changes(current, values)
        for name, value in values.items():
            setattr(current, name, value)
        current.full_clean(validate_unique=False, validate_constraints=False)
        _check_name(current)
        try:
            with transaction.atomic():
                current.save(update_fields=list(values))
        except IntegrityError:
            raise _name_taken() from None
        _catalogue_audit(
            actor,
            current,
            _("Changed the service “%(name)s”") % {"name": current.name},
            {"changes": changes},
        )
    return current


def service_set_active(*, service: Service, actor: User, active: bool) -> Service:
    """Whether the service can be chosen for new costs. Costs that already use it keep it."""
    with transaction.atomic():
        current = Service.objects.select_for_update(no_key=True).get(pk=service.pk)
        if current.active == active:
            return current  # sent twice, or someone else did the same: nothing to change
        current.active = active
        current.save(update_fields=["active"])
        _catalogue_audit(
            actor,
            current,
            (
                _("Made the service “%(name)s” available for new costs")
                if active
                else _("Stopped the service “%(name)s” being chosen for new costs")
            )
            % {"name": current.name},
            {"active": active},
        )
    return current


def rate_add(
    *,
    service: Service,
    actor: User,
    unit_cost: Decimal,
    effective_from: datetime.date,
    submission_key: UUID | None = None,
) -> ServiceRate:
    """A new unit cost from a date. Cost lines already saved keep the unit cost they copied."""
    with transaction.atomic():
        current = Service.objects.select_for_update(no_key=True).get(pk=service.pk)
        earlier = _earlier(actor, AuditAction.CATALOGUE_CHANGE, submission_key)
        if earlier is not None and earlier.get("rate_id"):
            return ServiceRate.objects.get(pk=earlier["rate_id"])
        same_day = current.rates.filter(effective_from=effective_from).first()
        if same_day is not None:
            raise ValidationError(
                {
                    "effective_from": _(
                        "There is already a unit cost from this date (%(cost)s): choose "
                        "another date"
                    )
                    % {"cost": pounds(same_day.unit_cost)}
                }
            )
        rate = ServiceRate(service=current, unit_cost=unit_cost, effective_from=effective_from)
        rate.full_clean(validate_constraints=False)
        rate.save()
        _catalogue_audit(
            actor,
            current,
            _("Set the unit cost of “%(name)s” to %(cost)s from %(date)s")
            % {
                "name": current.name,
                "cost": pounds(unit_cost),
                "date": effective_from.isoformat(),
            },
            {"rate_id": rate.pk, **_key(submission_key)},
        )
    return rate
