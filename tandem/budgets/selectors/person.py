"""What a person's budget page shows (P7, P8), read in a fixed number of queries however long
the history."""

from dataclasses import dataclass, field

from tandem.accounts import access
from tandem.accounts.models import User
from tandem.budgets.models import FinancialAssessment, IndicativeBudget
from tandem.people.models import Person


def may_view_budget(user: User) -> bool:
    """Those who draft the plan see the budget it works within: staff, the person and their
    consenting carers. Providers see the parts of the plan that concern them, not the
    person's money."""
    return access.can_draft_plan(user)


def may_record_budget(user: User) -> bool:
    """Working out or recording the budget and the financial assessment is for staff."""
    return access.can_manage_person(user)


@dataclass
class BudgetPage:
    person: Person
    can_record: bool
    budgets: list[IndicativeBudget] = field(default_factory=list)  # newest first
    assessments: list[FinancialAssessment] = field(default_factory=list)  # newest first

    @property
    def current(self) -> IndicativeBudget | None:
        return self.budgets[0] if self.budgets else None

    @property
    def earlier(self) -> list[IndicativeBudget]:
        return self.budgets[1:]

    @property
    def assessment(self) -> FinancialAssessment | None:
        return self.assessments[0] if self.assessments else None

    @property
    def earlier_assessments(self) -> list[FinancialAssessment]:
        return self.assessments[1:]


def indicative_budgets(person: Person) -> list[IndicativeBudget]:
    """The person's results, newest first: the first is the one a plan works within (the same
    order as the plan's snapshot, budgets/sections.py)."""
    return list(
        IndicativeBudget.objects.filter(person=person, organisation_id=person.organisation_id)
        .select_related("completed_by")
        .order_by("-completed_at", "-id")
    )


def financial_assessments(person: Person) -> list[FinancialAssessment]:
    return list(
        FinancialAssessment.objects.filter(person=person, organisation_id=person.organisation_id)
        .select_related("recorded_by")
        .order_by("-recorded_at", "-id")
    )


def latest_indicative_budget(person: Person) -> IndicativeBudget | None:
    return (
        IndicativeBudget.objects.filter(person=person, organisation_id=person.organisation_id)
        .order_by("-completed_at", "-id")
        .first()
    )


def person_budget_page(user: User, person: Person) -> BudgetPage:
    return BudgetPage(
        person=person,
        can_record=may_record_budget(user),
        budgets=indicative_budgets(person),
        assessments=financial_assessments(person),
    )
