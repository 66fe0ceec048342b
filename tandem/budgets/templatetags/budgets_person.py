"""A person's budget on other pages: ``{% person_budget_card person user %}`` (the person page's
summary card, with a link to the budget page), and ``{{ weekly|yearly }}`` (× 52, money.py).

A template tag, so the people app shows the budget without importing budgets (budgets builds on
people, not the other way round)."""

from django import template

from tandem.budgets import money
from tandem.budgets.selectors.person import latest_indicative_budget, may_view_budget

register = template.Library()


@register.filter
def yearly(weekly: object) -> str:
    amount = money.decimal_or_none(weekly)
    return "" if amount is None else str(money.yearly(amount))


@register.inclusion_tag("budgets/person/_card.html")
def person_budget_card(person, user) -> dict:
    """Nothing for those who may not see the budget (providers)."""
    if not may_view_budget(user):
        return {"show": False}
    return {"show": True, "person": person, "budget": latest_indicative_budget(person)}
