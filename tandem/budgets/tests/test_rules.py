"""The rules about paying for a plan (P5, P8, P12), on snapshots alone."""

from tandem.budgets.rules import costing_problems
from tandem.plans import rules


def snapshot(**overrides):
    data = {
        "actions": [
            {"id": 1, "uid": "a1", "description": "Morning visits", "funded_by": "personal_budget"}
        ],
        "supports": [],
        "costs": [
            {"for_uid": "a1", "payer": "council_managed", "weekly": "180.00", "one_off": "0.00"}
        ],
        "budget": {"arrangement": "council_managed", "direct_payment_frequency": ""},
        "costing": {
            "indicative": {"weekly": "200.00"},
            "figures": {"budget_weekly": "180.00", "difference_weekly": "20.00"},
            "decision": {"needed": False, "in_force": False, "lapsed": False, "latest": None},
        },
    }
    data.update(overrides)
    return data


def messages(data):
    return [(p.rule, p.section, p.message) for p in costing_problems(data)]


def test_it_finds_nothing_wrong_with_a_costed_plan_within_budget():
    assert messages(snapshot()) == []


def test_it_asks_for_the_cost_of_an_action_paid_from_the_budget():
    assert messages(snapshot(costs=[])) == [
        ("P5", "costs", "Add what the action “Morning visits” costs and who pays for it")
    ]


def test_it_asks_for_the_cost_of_support_using_social_work_resources():
    data = snapshot(
        supports=[{"id": 2, "uid": "s1", "description": "Respite", "funded_by": "social_work"}]
    )
    assert ("P5", "costs", "Add what the support “Respite” costs and who pays for it") in (
        messages(data)
    )


def test_it_does_not_ask_a_cost_of_help_from_family():
    data = snapshot(
        actions=[{"id": 1, "uid": "a1", "description": "Lift to club", "funded_by": "natural"}],
        costs=[],
    )
    assert messages(data) == []


def test_it_asks_for_an_indicative_budget_when_the_budget_pays():
    data = snapshot()
    data["costing"]["indicative"] = {}
    assert [m[0] for m in messages(data)] == ["P8"]
    assert "Work out the indicative personal budget" in messages(data)[0][2]


def test_it_asks_how_the_budget_is_taken_when_costs_are_paid_from_it():
    data = snapshot(budget={"arrangement": "", "direct_payment_frequency": ""})
    assert messages(data) == [
        ("P8", "budget", "Say how the personal budget is taken: some costs are paid from it")
    ]


def test_it_asks_for_a_direct_payment_or_a_mix_when_a_cost_is_paid_by_direct_payment():
    data = snapshot()
    data["costs"][0]["payer"] = "direct_payment"
    assert [m[:2] for m in messages(data)] == [("P8", "budget")]


def test_it_asks_for_the_costs_a_direct_payment_pays_for():
    data = snapshot(budget={"arrangement": "mixed", "direct_payment_frequency": "weekly"})
    assert [m[:2] for m in messages(data)] == [("P12", "costs")]


def over_budget(**decision):
    data = snapshot()
    data["costing"]["figures"] = {"budget_weekly": "230.00", "difference_weekly": "-30.00"}
    data["costing"]["decision"] = {
        "needed": True,
        "over_budget": True,
        "social_work": False,
        "in_force": False,
        "lapsed": False,
        "latest": None,
        **decision,
    }
    return data


def test_it_asks_for_a_managers_decision_over_budget_with_the_amount():
    assert messages(over_budget()) == [
        (
            "P8",
            "costs",
            "The plan costs £30.00 a week more than the indicative budget: give the reason and "
            "ask a team manager to approve it",
        )
    ]


def test_it_waits_for_the_manager():
    data = over_budget(latest={"status": "waiting"})
    assert "has not decided yet" in messages(data)[0][2]


def test_it_gives_the_managers_reason_when_they_decline():
    data = over_budget(latest={"status": "declined", "decision_reason": "Try the day centre"})
    assert "“Try the day centre”" in messages(data)[0][2]


def test_it_lets_an_approved_decision_through():
    assert messages(over_budget(in_force=True, latest={"status": "approved"})) == []


def test_it_says_an_approval_lapsed_when_the_cost_rose():
    data = over_budget(lapsed=True, latest={"status": "approved", "budget_weekly": "210.00"})
    assert messages(data) == [
        (
            "P8",
            "costs",
            "The manager’s approval was for £210.00 a week; the plan now costs £230.00 a week "
            "from the personal budget. Ask for a new decision",
        )
    ]


def test_it_asks_approval_for_social_work_resources_within_budget():
    data = snapshot()
    data["costing"]["decision"] = {
        "needed": True,
        "over_budget": False,
        "social_work": True,
        "in_force": False,
        "lapsed": False,
        "latest": None,
    }
    assert messages(data) == [
        ("P5", "costs", "The plan uses social-work resources: ask a team manager to approve them")
    ]


def test_the_plans_readiness_includes_the_budget_rules():
    """Registered in BudgetsConfig.ready: plans finds them without importing budgets."""
    from tandem.plans.tests.helpers import ready_snapshot

    data = ready_snapshot()
    data["actions"][0].update(funded_by="personal_budget", uid="a1")
    assert ("P5", "costs") in [(p.rule, p.section) for p in rules.readiness_problems(data)]
