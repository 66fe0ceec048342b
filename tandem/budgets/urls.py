"""Budgets' pages: the organisation's scheme and catalogue (setup), a person's indicative budget
and financial assessment (person), managers' decisions (decisions), and choosing an option of a
trade-off into the plan (tradeoffs). Each views module lists its own URLs."""

from tandem.budgets.views import decisions, person, setup, tradeoffs

app_name = "budgets"

urlpatterns = [
    *setup.urlpatterns,
    *person.urlpatterns,
    *decisions.urlpatterns,
    *tradeoffs.urlpatterns,
]
