"""P7: a comparison compares – it needs two options at least before the plan is sent; choosing
one is not required (a comparison may be kept as a record)."""

from tandem.budgets.tests.tradeoff_parts import TICKET, add_comparison
from tandem.plans.tests.helpers import build_ready_plan, problems_of


def _p7(plan):
    return [p for p in problems_of(plan) if p.rule == "P7"]


def test_it_asks_for_two_options_before_the_plan_is_sent(person, worker):
    plan = build_ready_plan(person=person, actor=worker)
    trade_off, _one = add_comparison(plan, worker, TICKET)
    (problem,) = _p7(plan)
    assert problem.message == (
        "Add at least two options to compare for “Getting to the football on Saturdays”"
    )
    assert (problem.section, problem.item_kind, problem.item_id) == (
        "tradeoffs",
        "tradeoff",
        trade_off.pk,
    )


def test_it_lets_a_comparison_with_no_choice_be_kept_as_a_record(person, worker):
    plan = build_ready_plan(person=person, actor=worker)
    add_comparison(plan, worker)
    assert _p7(plan) == []
    assert problems_of(plan) == []
