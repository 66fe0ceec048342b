"""The plan rules (P1–P12, A1) as pure functions of hand-built snapshot data: no database."""

import pytest

from tandem.plans import rules
from tandem.plans.parts import registry
from tandem.plans.rules import Element, Problem
from tandem.plans.tests.helpers import make_action, ready_snapshot


@pytest.fixture(autouse=True)
def plan_rules_only(monkeypatch):
    """These test the plan's own rules; the rules other apps register (budgets') are tested
    with those apps."""
    monkeypatch.setattr(registry, "rules", [])


def rule_names(problems: list[Problem]) -> list[str]:
    return [problem.rule for problem in problems]


def states(snapshot: dict) -> dict[str, str]:
    return {status["element"]: status["state"] for status in rules.element_statuses(snapshot)}


def test_it_finds_nothing_wrong_with_a_complete_plan():
    snapshot = ready_snapshot()

    assert rules.readiness_problems(snapshot) == []
    assert set(states(snapshot).values()) == {"covered"}


# P1


def test_it_asks_who_prepared_the_plan():
    snapshot = ready_snapshot()
    snapshot["plan"]["prepared_by"] = ""

    assert rules.readiness_problems(snapshot) == [
        Problem("P1", "Say who prepared the plan and how", "about")
    ]


# P2 and P3


def test_it_asks_by_when_an_outcome_should_be_achieved():
    snapshot = ready_snapshot()
    snapshot["outcomes"][0]["achieve_by"] = ""

    [problem] = rules.readiness_problems(snapshot)

    assert (problem.rule, problem.section, problem.item_kind, problem.item_id) == (
        "P2",
        "outcomes",
        "outcome",
        10,
    )
    assert "Go to the gardening club every Tuesday" in problem.message


def test_it_asks_for_an_indicator_for_an_outcome_without_one():
    snapshot = ready_snapshot()
    snapshot["outcomes"][0]["indicators"] = []

    [problem] = rules.readiness_problems(snapshot)

    assert problem.rule == "P3"
    assert "“Go to the gardening club every Tuesday”" in problem.message
    assert (problem.section, problem.item_kind, problem.item_id) == ("outcomes", "outcome", 10)


def test_it_clears_the_indicator_problem_once_a_dated_indicator_is_added():
    snapshot = ready_snapshot()
    snapshot["outcomes"][0]["indicators"] = []
    assert rule_names(rules.readiness_problems(snapshot)) == ["P3"]

    snapshot["outcomes"][0]["indicators"].append(
        {"id": 101, "description": "No missed Tuesdays in March", "due_on": "2025-03-31"}
    )

    assert rules.readiness_problems(snapshot) == []


def test_it_asks_for_a_date_on_an_undated_indicator():
    snapshot = ready_snapshot()
    snapshot["outcomes"][0]["indicators"][0]["due_on"] = ""

    [problem] = rules.readiness_problems(snapshot)

    assert (problem.rule, problem.item_kind, problem.item_id) == ("P3", "indicator", 100)
    assert "Goes 3 times a month" in problem.message


def test_it_names_each_outcome_without_an_indicator_separately():
    snapshot = ready_snapshot()
    snapshot["outcomes"].append(
        {**snapshot["outcomes"][0], "id": 11, "words": "Stay in my own home", "indicators": []}
    )
    snapshot["actions"].append(make_action(21, outcome_id=11))

    problems = rules.readiness_problems(snapshot)

    assert [(p.rule, p.item_id) for p in problems] == [("P3", 11)]
    assert "Stay in my own home" in problems[0].message


def test_it_shortens_long_outcome_words_in_the_message():
    snapshot = ready_snapshot()
    snapshot["outcomes"][0]["words"] = "I want " + "very " * 40 + "much to garden"
    snapshot["outcomes"][0]["indicators"] = []

    [problem] = rules.readiness_problems(snapshot)

    assert "…" in problem.message
    assert "much to garden" not in problem.message


# P4


def test_it_asks_who_is_responsible_for_an_action():
    snapshot = ready_snapshot()
    snapshot["actions"][0]["responsible"] = ""

    [problem] = rules.readiness_problems(snapshot)

    assert (problem.rule, problem.section, problem.item_kind, problem.item_id) == (
        "P4",
        "actions",
        "action",
        20,
    )
    assert "responsible" in problem.message
    assert "Find a lift to the club" in problem.message


def test_it_asks_when_an_action_will_happen():
    snapshot = ready_snapshot()
    snapshot["actions"][0]["due_on"] = ""

    [problem] = rules.readiness_problems(snapshot)

    assert (problem.rule, problem.item_id) == ("P4", 20)
    assert "when" in problem.message


def test_it_gives_two_problems_for_an_action_with_neither_who_nor_when():
    snapshot = ready_snapshot()
    snapshot["actions"][0].update(responsible="", due_on="")

    assert [(p.rule, p.item_id) for p in rules.readiness_problems(snapshot)] == [
        ("P4", 20),
        ("P4", 20),
    ]


def test_it_accepts_a_start_date_with_a_frequency_as_a_when():
    action = make_action(20, due_on="", starts_on="2025-04-01", frequency="Every Tuesday")

    assert rules.action_when_given(action)


@pytest.mark.parametrize(
    "when",
    [
        {"due_on": "", "starts_on": "", "frequency": "Every Tuesday"},
        {"due_on": "", "starts_on": "2025-04-01", "frequency": ""},
        {"due_on": "", "starts_on": "2025-04-01", "frequency": "   "},
        {"due_on": "", "starts_on": "", "frequency": ""},
    ],
    ids=["frequency-without-start", "start-without-frequency", "blank-frequency", "nothing"],
)
def test_it_does_not_accept_half_a_when(when):
    snapshot = ready_snapshot()
    snapshot["actions"][0].update(when)

    assert not rules.action_when_given(snapshot["actions"][0])
    assert rule_names(rules.readiness_problems(snapshot)) == ["P4"]


# P5


def test_it_asks_how_an_action_is_resourced():
    snapshot = ready_snapshot()
    snapshot["actions"][0]["funded_by"] = ""

    [problem] = rules.readiness_problems(snapshot)

    assert (problem.rule, problem.section, problem.item_kind, problem.item_id) == (
        "P5",
        "actions",
        "action",
        20,
    )


def test_it_asks_how_a_support_arrangement_is_resourced():
    snapshot = ready_snapshot()
    snapshot["supports"][0]["funded_by"] = ""

    [problem] = rules.readiness_problems(snapshot)

    assert (problem.rule, problem.section, problem.item_kind, problem.item_id) == (
        "P5",
        "support",
        "support",
        30,
    )
    assert "Help with shopping" in problem.message


# P6

REMOVE_ELEMENT = {
    "outcomes": lambda s: s.update(outcomes=[], actions=[]),
    "treatments": lambda s: s.update(actions=[]),
    "support": lambda s: s.update(supports=[]),
    "risk": lambda s: s.update(risks=[]),
    "cost": lambda s: s["budget"].update(arrangement=""),
    "leadership": lambda s: s["management"].update(who_leads=""),
}


@pytest.mark.parametrize("element", list(REMOVE_ELEMENT))
def test_it_shows_a_missing_element_as_a_gap_that_blocks_sending(element):
    snapshot = ready_snapshot()
    REMOVE_ELEMENT[element](snapshot)

    # With no outcomes there is nothing for treatments to achieve either.
    expected_gaps = {element, "treatments"} if element == "outcomes" else {element}
    assert {e for e, state in states(snapshot).items() if state == "gap"} == expected_gaps
    p6 = [p for p in rules.readiness_problems(snapshot) if p.rule == "P6"]
    assert {p.section for p in p6} == {rules.ELEMENT_SECTIONS[Element(e)] for e in expected_gaps}
    assert all("missing" in p.message for p in p6)


MAY_NOT_APPLY = [e for e in REMOVE_ELEMENT if Element(e) not in rules.ALWAYS_APPLICABLE]


@pytest.mark.parametrize("element", MAY_NOT_APPLY)
def test_it_accepts_a_missing_element_marked_not_applicable_with_a_reason(element):
    snapshot = ready_snapshot()
    REMOVE_ELEMENT[element](snapshot)
    snapshot["not_applicable"] = {e: "Not needed yet" for e in MAY_NOT_APPLY}

    status = next(s for s in rules.element_statuses(snapshot) if s["element"] == element)

    assert (status["state"], status["reason"]) == ("not_applicable", "Not needed yet")
    assert not [p for p in rules.readiness_problems(snapshot) if p.rule == "P6"]


@pytest.mark.parametrize("element", ["outcomes", "treatments"])
def test_it_never_accepts_a_plan_without_outcomes_or_actions_as_not_applicable(element):
    snapshot = ready_snapshot()
    REMOVE_ELEMENT[element](snapshot)
    snapshot["not_applicable"] = {e: "Not needed" for e in REMOVE_ELEMENT}

    status = next(s for s in rules.element_statuses(snapshot) if s["element"] == element)

    assert status["state"] == "gap"
    assert [p for p in rules.readiness_problems(snapshot) if p.rule == "P6"]


def test_it_needs_the_needs_the_plan_meets():
    snapshot = ready_snapshot()
    snapshot["needs"] = []

    [problem] = rules.readiness_problems(snapshot)

    assert (problem.rule, problem.section) == ("P12", "needs")


def test_it_does_not_accept_not_applicable_without_a_reason():
    snapshot = ready_snapshot()
    snapshot["risks"] = []
    snapshot["not_applicable"] = {"risk": ""}

    assert states(snapshot)["risk"] == "gap"


def test_it_counts_a_present_element_as_covered_even_if_marked_not_applicable():
    snapshot = ready_snapshot()
    snapshot["not_applicable"] = {"risk": "No risks"}

    assert states(snapshot)["risk"] == "covered"


def test_it_needs_an_action_for_every_outcome_to_cover_treatments():
    snapshot = ready_snapshot()
    snapshot["outcomes"].append({**snapshot["outcomes"][0], "id": 11, "words": "Stay at home"})

    assert states(snapshot)["treatments"] == "gap"

    snapshot["actions"].append(make_action(21, outcome_id=11))

    assert states(snapshot)["treatments"] == "covered"


def test_it_needs_the_budget_use_to_cover_cost_unless_there_is_no_budget():
    snapshot = ready_snapshot()
    snapshot["budget"]["budget_use"] = "  "
    assert states(snapshot)["cost"] == "gap"

    snapshot["budget"]["arrangement"] = "none"
    assert states(snapshot)["cost"] == "covered"


def test_it_needs_both_management_and_who_leads_to_cover_leadership():
    snapshot = ready_snapshot()
    snapshot["management"]["support_management"] = ""

    assert states(snapshot)["leadership"] == "gap"


def test_it_lists_the_six_elements_in_order_with_their_sections():
    statuses = rules.element_statuses(ready_snapshot())

    assert [(s["element"], s["section"]) for s in statuses] == [
        ("outcomes", "outcomes"),
        ("treatments", "actions"),
        ("support", "support"),
        ("risk", "risks"),
        ("cost", "budget"),
        ("leadership", "management"),
    ]


# P9


@pytest.mark.parametrize(
    "missing",
    [
        {"contingency": "", "triggers": "If she falls twice in a week"},
        {"contingency": "Ring her sister, then the duty team", "triggers": ""},
        {"contingency": " ", "triggers": " "},
    ],
    ids=["no-contingency", "no-triggers", "blank"],
)
def test_it_asks_for_contingency_and_triggers_for_a_risk_of_significant_harm(missing):
    snapshot = ready_snapshot()
    snapshot["risks"][0].update(significant_harm=True, **missing)

    [problem] = rules.readiness_problems(snapshot)

    assert (problem.rule, problem.section, problem.item_kind, problem.item_id) == (
        "P9",
        "risks",
        "risk",
        40,
    )


def test_it_accepts_a_risk_of_significant_harm_with_contingency_and_triggers():
    snapshot = ready_snapshot()
    snapshot["risks"][0].update(
        significant_harm=True,
        contingency="Ring her sister, then the duty team",
        triggers="If she falls twice in a week",
    )

    assert rules.readiness_problems(snapshot) == []


def test_it_does_not_ask_for_contingency_for_a_lesser_risk():
    snapshot = ready_snapshot()
    snapshot["risks"][0].update(significant_harm=False, contingency="", triggers="")

    assert rules.readiness_problems(snapshot) == []


# P12


@pytest.mark.parametrize("arrangement", ["direct_payment", "mixed"])
def test_it_asks_how_often_the_direct_payment_is_paid(arrangement):
    snapshot = ready_snapshot()
    snapshot["budget"].update(arrangement=arrangement, direct_payment_frequency="")

    assert rules.readiness_problems(snapshot) == [
        Problem("P12", "Say how often the direct payment is paid", "budget")
    ]


def test_it_does_not_ask_for_a_typed_amount_the_costs_now_give():
    snapshot = ready_snapshot()
    snapshot["budget"].update(
        arrangement="direct_payment", direct_payment_amount="", direct_payment_frequency="weekly"
    )

    assert rules.readiness_problems(snapshot) == []


def test_it_does_not_ask_for_payment_details_for_a_council_managed_budget():
    snapshot = ready_snapshot()
    snapshot["budget"].update(direct_payment_amount="", direct_payment_frequency="")

    assert rules.readiness_problems(snapshot) == []


# Order


def test_it_lists_problems_in_task_list_order():
    snapshot = ready_snapshot()
    snapshot["plan"]["prepared_by"] = ""
    snapshot["outcomes"][0]["indicators"] = []
    snapshot["actions"][0].update(responsible="", funded_by="")
    snapshot["budget"].update(arrangement="direct_payment")
    snapshot["risks"][0]["significant_harm"] = True
    snapshot["management"]["who_leads"] = ""

    assert rule_names(rules.readiness_problems(snapshot)) == [
        "P1",
        "P3",
        "P4",
        "P5",
        "P12",
        "P9",
        "P6",
    ]


# A1


@pytest.mark.parametrize(
    "parties",
    [["person", "worker"], ["representative", "worker"], ["person", "worker", "carer"]],
)
def test_it_accepts_the_person_or_representative_with_the_worker(parties):
    assert rules.agreement_problems(parties=parties, person_lacks_capacity=False) == []


@pytest.mark.parametrize(
    ("parties", "missing"),
    [
        (["worker"], ["person or their representative"]),
        (["carer", "worker"], ["person or their representative"]),
        (["person"], ["worker"]),
        ([], ["person or their representative", "worker"]),
    ],
)
def test_it_lists_who_still_has_to_agree(parties, missing):
    problems = rules.agreement_problems(parties=parties, person_lacks_capacity=False)

    assert len(problems) == len(missing)
    for problem, who in zip(problems, missing, strict=True):
        assert who in problem


def test_it_needs_a_representative_when_the_person_lacks_capacity():
    problems = rules.agreement_problems(parties=["person", "worker"], person_lacks_capacity=True)

    [problem] = problems
    assert "lacks capacity" in problem
    assert (
        rules.agreement_problems(
            parties=["person", "representative", "worker"], person_lacks_capacity=True
        )
        == []
    )


def test_it_needs_the_best_interest_decision_recorded_for_a_representative():
    problems = rules.agreement_problems(
        parties=["representative", "worker"],
        person_lacks_capacity=True,
        best_interest_recorded=False,
    )

    [problem] = problems
    assert "best interest" in problem


def test_it_does_not_ask_about_best_interest_when_the_person_has_capacity():
    assert (
        rules.agreement_problems(
            parties=["representative", "worker"],
            person_lacks_capacity=False,
            best_interest_recorded=False,
        )
        == []
    )
