"""Reads of plans, always through the person the user may see."""

from django.http import Http404

from tandem.accounts.access import relationship_filter
from tandem.plans.models import Disagreement, Plan, PlanIssue
from tandem.plans.parts import registry


def plans_for_user(user):
    return Plan.objects.filter(relationship_filter(user, prefix="person__"))


def get_plan_for_user(user, pk) -> Plan:
    try:
        return (
            plans_for_user(user)
            .select_related("person", "person__team", "coordinator", "organisation")
            .get(pk=pk)
        )
    except (Plan.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_plan_item(plan: Plan, kind: str, pk):
    """An item of this plan only: ids from another plan or person answer 404."""
    part_kind = registry.kind(kind)
    if part_kind is None:
        raise Http404
    model = part_kind.model
    try:
        return model._default_manager.get(plan=plan, pk=pk)
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_issue(plan: Plan, number) -> PlanIssue:
    try:
        return plan.issues.select_related("issued_by").get(number=number)
    except (PlanIssue.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_disagreement(plan: Plan, pk) -> Disagreement:
    try:
        return plan.disagreements.get(pk=pk)
    except (Disagreement.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def person_plan_versions(person):
    return (
        person.plans.select_related("coordinator")
        .prefetch_related("issues")
        .order_by("-version_number")
    )
