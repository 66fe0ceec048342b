"""Reads of plans, always through the person the user may see."""

from django.db.models import QuerySet
from django.http import Http404

from tandem.accounts.access import relationship_filter
from tandem.accounts.models import User
from tandem.people.models import Person
from tandem.plans.models import Disagreement, Plan, PlanIssue, PlanPart
from tandem.plans.parts import registry


def plans_for_user(user: User) -> QuerySet[Plan]:
    return Plan.objects.filter(relationship_filter(user, prefix="person__"))


def get_plan_for_user(user: User, pk: int) -> Plan:
    try:
        return (
            plans_for_user(user)
            .select_related("person", "person__team", "coordinator", "organisation")
            .get(pk=pk)
        )
    except (Plan.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_plan_item(plan: Plan, kind: str, pk: int | str) -> PlanPart:
    """An item of this plan only: ids from another plan or person answer 404."""
    part_kind = registry.kind(kind)
    if part_kind is None:
        raise Http404
    model = part_kind.model
    try:
        return model._default_manager.get(plan=plan, pk=pk)
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_issue(plan: Plan, number: int) -> PlanIssue:
    try:
        return plan.issues.select_related("issued_by").get(number=number)
    except (PlanIssue.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_disagreement(plan: Plan, pk: int) -> Disagreement:
    try:
        return plan.disagreements.get(pk=pk)
    except (Disagreement.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def person_plan_versions(person: Person) -> QuerySet[Plan]:
    return (
        person.plans.select_related("coordinator")
        .prefetch_related("issues")
        .order_by("-version_number")
    )
