"""A person's budget, reviews and progress over time, and the user's worklist: the same access
calls and audit events as their pages."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from tandem.audit.models import AuditAction
from tandem.budgets.selectors.person import (
    financial_assessments,
    indicative_budgets,
    may_view_budget,
)
from tandem.interop.api import serializers as s
from tandem.interop.api.base import ApiView
from tandem.interop.api.pagination import CursorPagination, ListCursorPagination
from tandem.people.access import person_get_for_user
from tandem.plans.provider_part import sees_whole_plan
from tandem.reviews.history import progress_for
from tandem.reviews.models import OutcomeEvaluation, Review
from tandem.worklist import services as worklist_services
from tandem.worklist.due import registry as due_registry
from tandem.worklist.due import worklist_for


def _money(value) -> str | None:
    return None if value is None else str(value)


class Budget(ApiView):
    @extend_schema(operation_id="budget_retrieve", responses=s.BudgetSerializer)
    def get(self, request, pk):
        """The person's indicative budgets (newest first) and financial assessments: for staff,
        the person and their carers; not for providers, as on the budget page."""
        person = person_get_for_user(
            user=request.user,
            pk=pk,
            purpose=self.purpose(),
            allowed=may_view_budget,
            action=AuditAction.BUDGET_VIEW,
            summary=_("Viewed the budget of %(name)s"),
        )
        return Response(
            {
                "indicative_budgets": [
                    {
                        "id": b.pk,
                        "source": b.source,
                        "weekly_amount": str(b.weekly_amount),
                        "set_on": b.set_on.isoformat(),
                        "points": b.points,
                        "scheme_name": b.scheme_name,
                        "completed_with_person": b.completed_with_person,
                    }
                    for b in indicative_budgets(person)
                ],
                "financial_assessments": [
                    {
                        "id": a.pk,
                        "status": a.status,
                        "assessed_on": a.assessed_on.isoformat() if a.assessed_on else None,
                        "weekly_contribution": _money(a.weekly_contribution),
                        "recorded_at": a.recorded_at.isoformat(),
                    }
                    for a in financial_assessments(person)
                ],
            }
        )


class ReviewsPagination(CursorPagination):
    ordering = ("-id",)


class Reviews(ApiView):
    @extend_schema(operation_id="reviews_list", responses=s.paginated(s.ReviewSerializer))
    def get(self, request, pk):
        """The person's final reviews, newest first, each with its outcomes' evaluations: the
        whole plan, so not for providers."""
        person = person_get_for_user(
            user=request.user,
            pk=pk,
            purpose=self.purpose(),
            allowed=sees_whole_plan,
            action=AuditAction.REVIEW_VIEW,
            summary=_("Viewed the reviews of %(name)s"),
        )
        reviews = Review.objects.filter(person=person, status=Review.Status.FINAL).prefetch_related(
            Prefetch("evaluations", queryset=OutcomeEvaluation.objects.order_by("id"))
        )
        paginator = ReviewsPagination()
        page = paginator.paginate_queryset(reviews, request, view=self)
        return paginator.get_paginated_response(s.ReviewSerializer(page, many=True).data)


class Progress(ApiView):
    @extend_schema(operation_id="progress_retrieve", responses=s.ProgressOverTimeSerializer)
    def get(self, request, pk):
        """The person's Goal Attainment Scaling T-score at each final review, and each
        outcome's history across reviews by its lasting uid: not for providers."""
        person = person_get_for_user(
            user=request.user,
            pk=pk,
            purpose=self.purpose(),
            allowed=sees_whole_plan,
            action=AuditAction.REVIEW_VIEW,
            summary=_("Viewed the progress of %(name)s over time"),
        )
        found = progress_for(person)
        return Response(
            {
                "person": person.pk,
                "scores": [
                    {
                        "review": row.review.pk,
                        "held_on": row.held_on.isoformat(),
                        "outcomes_scored": row.scored,
                        "t_score": f"{row.score:.1f}",
                    }
                    for row in found.scored
                ],
                "outcomes": [
                    {
                        "uid": str(history.uid),
                        "words": history.words,
                        "entries": [
                            {
                                "review": entry.review.pk,
                                "held_on": entry.review.held_on.isoformat()
                                if entry.review.held_on
                                else None,
                                "rating": entry.evaluation.rating,
                                "gas_level": entry.evaluation.gas_level,
                            }
                            for entry in history.entries
                        ],
                    }
                    for history in found.outcomes
                ],
            }
        )


class Worklist(ApiView):
    @extend_schema(
        operation_id="worklist_list",
        parameters=[s.WorklistFilterSerializer],
        responses=s.paginated(s.WorkItemSerializer),
    )
    def get(self, request):
        """Your worklist: everything due or overdue across your caseload, most urgent first
        (staff only). Filter by `kind` of work or by `person`."""
        if not request.user.is_worker:
            raise PermissionDenied
        filters = s.WorklistFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        kind = filters.validated_data.get("kind", "")
        person_id = filters.validated_data.get("person")
        if kind and kind not in due_registry.kinds:
            raise ValidationError({"kind": [_("Choose a kind of work from the list")]})
        entries = [
            e
            for e in worklist_for(request.user, timezone.localdate())
            if (not kind or e.item.kind == kind) and (person_id is None or e.person.pk == person_id)
        ]
        paginator = ListCursorPagination()
        page = paginator.paginate_list(entries, request)
        worklist_services.worklist_record_view(
            actor=request.user,
            kind=kind,
            person_id=person_id,
            page=_Page(page),
        )
        return paginator.get_paginated_response(s.WorkItemSerializer(page, many=True).data)


class _Page(list):
    """A page of the worklist as the audit service reads one (its entries and a number)."""

    number = 1
