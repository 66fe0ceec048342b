"""Reads for the administrator's "Budgets and costs" pages: the organisation's RAS scheme versions
and its catalogue of services, fetched and authorised in one call.

Only an administrator of an organisation may use these pages (403 for every other role); a scheme,
question or service of another organisation is a 404, so ids reveal nothing. Nothing here is
about a person, so reading is not audited; every change is (services/setup.py).
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from tandem.accounts.access import can_set_up_budgets
from tandem.accounts.models import Organisation, User
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


def organisation_id_for_setup(user: User) -> int:
    """The id of the organisation an administrator sets up; 403 for anyone else."""
    if not can_set_up_budgets(user) or user.organisation_id is None:
        raise PermissionDenied
    return user.organisation_id


def organisation_for_setup(user: User) -> Organisation:
    """The organisation itself, for pages that add to it."""
    organisation_id_for_setup(user)
    if user.organisation is None:
        raise PermissionDenied
    return user.organisation


def _get(queryset: QuerySet[Any], pk: int | str) -> Any:
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None


# --- The scheme --------------------------------------------------------------------------------


def schemes_for_setup(user: User) -> list[RasScheme]:
    """Every version of the organisation's scheme, newest first, with its number of questions."""
    organisation_id = organisation_id_for_setup(user)
    return list(
        RasScheme.objects.filter(organisation_id=organisation_id)
        .annotate(question_count=Count("questions"))
        .order_by("-version")
    )


def scheme_get_for_admin(user: User, pk: int | str) -> RasScheme:
    organisation_id = organisation_id_for_setup(user)
    return _get(RasScheme.objects.filter(organisation_id=organisation_id), pk)


def question_get(scheme: RasScheme, pk: int | str) -> RasQuestion:
    return _get(RasQuestion.objects.filter(scheme=scheme), pk)


def answer_get(question: RasQuestion, pk: int | str) -> RasAnswer:
    return _get(RasAnswer.objects.filter(question=question), pk)


def adjustment_get(scheme: RasScheme, pk: int | str) -> RasAdjustment:
    return _get(RasAdjustment.objects.filter(scheme=scheme), pk)


def scheme_in_use(organisation_id: int) -> RasScheme | None:
    return RasScheme.objects.filter(
        organisation_id=organisation_id, status=RasScheme.Status.PUBLISHED
    ).first()


@dataclass
class SchemePage:
    """A version of the scheme as its page shows it: questions with answers, adjustments, the
    worked example and what stops it being put in use."""

    scheme: RasScheme
    questions: list[RasQuestion]
    adjustments: list[RasAdjustment]
    most: dict[str, Any]
    least: dict[str, Any]
    problems: list[str] = field(default_factory=list)


def scheme_page(scheme: RasScheme) -> SchemePage:
    """Three queries however many questions and answers (asserted in the tests)."""
    questions = list(
        scheme.questions.prefetch_related(
            Prefetch("answers", queryset=RasAnswer.objects.order_by("position", "id"))
        ).order_by("position", "id")
    )
    adjustments = list(scheme.adjustments.order_by("position", "id"))
    points = [[a.points for a in q.answers.all()] for q in questions]

    def example(score: int) -> dict[str, Any]:
        return ras.calculate(
            points=score,
            price_per_point=scheme.price_per_point,
            adjustments=[],
            minimum=scheme.minimum_weekly,
            maximum=scheme.maximum_weekly,
        )

    problems = (
        ras.publish_problems(
            questions=[(q.text, p) for q, p in zip(questions, points, strict=True)],
            price_per_point=scheme.price_per_point,
            minimum=scheme.minimum_weekly,
            maximum=scheme.maximum_weekly,
            ceiling=MAX_WEEKLY_AMOUNT,
        )
        if scheme.status == RasScheme.Status.DRAFT
        else []
    )
    return SchemePage(
        scheme=scheme,
        questions=questions,
        adjustments=adjustments,
        most=example(ras.most_points(points)),
        least=example(ras.least_points(points)),
        problems=problems,
    )


# --- The catalogue -----------------------------------------------------------------------------


@dataclass
class CatalogueEntry:
    service: Service
    current: ServiceRate | None  # the unit cost today
    next: ServiceRate | None  # a unit cost that starts later, if one is set
    rates: list[ServiceRate]  # newest first


def _entry(service: Service, today: datetime.date) -> CatalogueEntry:
    rates = sorted(service.rates.all(), key=lambda r: r.effective_from, reverse=True)
    started = [r for r in rates if r.effective_from <= today]
    later = [r for r in rates if r.effective_from > today]
    return CatalogueEntry(
        service=service,
        current=started[0] if started else None,
        next=later[-1] if later else None,
        rates=rates,
    )


def catalogue_for_setup(user: User) -> list[CatalogueEntry]:
    """Every service of the organisation with today's unit cost: two queries however many."""
    organisation_id = organisation_id_for_setup(user)
    today = timezone.localdate()
    services = Service.objects.filter(organisation_id=organisation_id).prefetch_related("rates")
    return [_entry(service, today) for service in services.order_by("name", "id")]


def service_get_for_admin(user: User, pk: int | str) -> Service:
    organisation_id = organisation_id_for_setup(user)
    return _get(Service.objects.filter(organisation_id=organisation_id), pk)


def service_entry(service: Service) -> CatalogueEntry:
    return _entry(service, timezone.localdate())


def catalogue_counts(user: User) -> dict[str, int]:
    """How many services there are, and how many can be chosen for new costs."""
    organisation_id = organisation_id_for_setup(user)
    return Service.objects.filter(organisation_id=organisation_id).aggregate(
        total=Count("id"), active=Count("id", filter=Q(active=True))
    )
