"""Reads for documents. Callers have already fetched the plan or person through an access check."""

from django.db.models import Prefetch, QuerySet

from tandem.people.models import Person
from tandem.plans.models import Plan, PlanIssue


def issues_without_snapshots() -> QuerySet[PlanIssue]:
    # Snapshots can be large; lists of copies only need their number, date and reason.
    return PlanIssue.objects.defer("snapshot").order_by("number")


def plan_issues(plan: Plan) -> list[PlanIssue]:
    return list(issues_without_snapshots().filter(plan=plan))


def person_versions(person: Person) -> list[Plan]:
    """Every version of the person's plan, newest first, each with its issued copies."""
    return list(
        person.plans.select_related("coordinator")
        .prefetch_related(Prefetch("issues", queryset=issues_without_snapshots()))
        .order_by("-version_number")
    )


def latest_issue(person: Person) -> PlanIssue | None:
    """The newest copy sent of any version of the person's plan."""
    return (
        issues_without_snapshots()
        .filter(plan__person=person)
        .select_related("plan")
        .order_by("-plan__version_number", "-number")
        .first()
    )


def issue_snapshot(plan: Plan, number: int) -> dict | None:
    return (
        PlanIssue.objects.filter(plan=plan, number=number)
        .values_list("snapshot", flat=True)
        .first()
    )
