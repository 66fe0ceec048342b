"""Property tests for the plan rules: random plans, checked against the guidance read afresh."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.plans import rules
from tandem.plans.parts import registry


@pytest.fixture(autouse=True, scope="module")
def plan_rules_only():
    """These test the plan's own rules; the rules other apps register (budgets') are tested
    with those apps."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(registry, "rules", [])
        yield


ELEMENT_ORDER = ["outcomes", "treatments", "support", "risk", "cost", "leadership"]
FUNDING = ["own", "natural", "community", "personal_budget", "social_work", "other_organisation"]

maybe_date = st.one_of(
    st.just(""),
    st.dates(datetime.date(2000, 1, 1), datetime.date(2060, 12, 31)).map(datetime.date.isoformat),
)
maybe_text = st.sampled_from(["", "  ", "Every Tuesday", "Daily at 9am", "Pri"])
maybe_funding = st.sampled_from(["", *FUNDING])


@st.composite
def indicators(draw, outcome_id: int) -> list[dict]:
    count = draw(st.integers(0, 3))
    return [
        {"id": outcome_id * 100 + n, "description": f"Indicator {n}", "due_on": draw(maybe_date)}
        for n in range(count)
    ]


@st.composite
def actions(draw, outcome_ids: list[int]) -> list[dict]:
    if not outcome_ids:
        return []
    count = draw(st.integers(0, 6))
    return [
        {
            "id": 1000 + n,
            "outcome_id": draw(st.sampled_from(outcome_ids)),
            "description": f"Action {n}",
            "responsible": draw(
                st.sampled_from(["", "Pri", "Wendy Worker", "Sue (Family member)"])
            ),
            "due_on": draw(maybe_date),
            "starts_on": draw(maybe_date),
            "frequency": draw(maybe_text),
            "funded_by": draw(maybe_funding),
        }
        for n in range(count)
    ]


@st.composite
def snapshots(draw) -> dict:
    outcome_count = draw(st.integers(0, 3))
    outcomes = [
        {
            "id": n + 1,
            "words": f"Outcome {n + 1}",
            "achieve_by": draw(maybe_date),
            "indicators": draw(indicators(n + 1)),
        }
        for n in range(outcome_count)
    ]
    return {
        "plan": {"prepared_by": draw(st.sampled_from(["", "person", "planning_meeting"]))},
        "outcomes": outcomes,
        "actions": draw(actions([o["id"] for o in outcomes])),
        "supports": [
            {"id": 2000 + n, "description": f"Support {n}", "funded_by": draw(maybe_funding)}
            for n in range(draw(st.integers(0, 3)))
        ],
        "budget": {
            "arrangement": draw(
                st.sampled_from(["", "none", "council_managed", "direct_payment", "mixed"])
            ),
            "direct_payment_amount": draw(st.sampled_from(["", "120.00"])),
            "direct_payment_frequency": draw(st.sampled_from(["", "weekly"])),
            "budget_use": draw(maybe_text),
        },
        "management": {
            "support_management": draw(maybe_text),
            "who_leads": draw(maybe_text),
        },
        "risks": [
            {
                "id": 3000 + n,
                "description": f"Risk {n}",
                "significant_harm": draw(st.booleans()),
                "contingency": draw(maybe_text),
                "triggers": draw(maybe_text),
            }
            for n in range(draw(st.integers(0, 3)))
        ],
        "needs": [
            {"id": 4000 + n, "description": f"Need {n}"} for n in range(draw(st.integers(0, 2)))
        ],
        "not_applicable": draw(
            st.dictionaries(st.sampled_from(ELEMENT_ORDER), st.sampled_from(["", "Not needed yet"]))
        ),
    }


# An independent reading of the guidance, to check the rules against.


def has_when(action: dict) -> bool:
    return bool(action["due_on"]) or bool(action["starts_on"] and action["frequency"].strip())


def is_covered(snapshot: dict, element: str) -> bool:
    served = {a["outcome_id"] for a in snapshot["actions"]}
    budget, management = snapshot["budget"], snapshot["management"]
    return {
        "outcomes": len(snapshot["outcomes"]) > 0,
        "treatments": len(snapshot["outcomes"]) > 0
        and all(o["id"] in served for o in snapshot["outcomes"]),
        "support": len(snapshot["supports"]) > 0,
        "risk": len(snapshot["risks"]) > 0,
        "cost": budget["arrangement"] == "none"
        or (budget["arrangement"] != "" and budget["budget_use"].strip() != ""),
        "leadership": management["support_management"].strip() != ""
        and management["who_leads"].strip() != "",
    }[element]


def meets_every_rule(snapshot: dict) -> bool:
    budget = snapshot["budget"]
    direct_payment = budget["arrangement"] in {"direct_payment", "mixed"}
    return (
        snapshot["plan"]["prepared_by"] != ""
        and all(
            o["achieve_by"] and o["indicators"] and all(i["due_on"] for i in o["indicators"])
            for o in snapshot["outcomes"]
        )
        and all(a["responsible"] and has_when(a) and a["funded_by"] for a in snapshot["actions"])
        and all(s["funded_by"] for s in snapshot["supports"])
        and (not direct_payment or bool(budget["direct_payment_frequency"]))
        and all(
            not r["significant_harm"] or (r["contingency"].strip() and r["triggers"].strip())
            for r in snapshot["risks"]
        )
        and len(snapshot["needs"]) > 0
        and all(
            is_covered(snapshot, e)
            or (e not in ALWAYS_NEEDED and snapshot["not_applicable"].get(e, "") != "")
            for e in ELEMENT_ORDER
        )
    )


# Every plan has outcomes and something done towards them: these cannot be "not applicable".
ALWAYS_NEEDED = {"outcomes", "treatments"}


@given(snapshots())
def test_it_finds_no_problem_exactly_when_every_rule_is_met(snapshot):
    assert (rules.readiness_problems(snapshot) == []) == meets_every_rule(snapshot)


@given(snapshots())
def test_it_reports_every_problem_of_every_individual_rule(snapshot):
    individual = [
        rules.preparation_problems,
        rules.outcome_problems,
        rules.action_problems,
        rules.resourcing_problems,
        rules.budget_problems,
        rules.risk_problems,
        rules.needs_problems,
        rules.element_problems,
    ]

    assert rules.readiness_problems(snapshot) == [p for rule in individual for p in rule(snapshot)]


@given(snapshots())
def test_it_gives_a_p4_problem_exactly_for_actions_missing_who_or_when(snapshot):
    p4 = sorted(p.item_id for p in rules.readiness_problems(snapshot) if p.rule == "P4")

    expected = sorted(
        [a["id"] for a in snapshot["actions"] if not a["responsible"]]
        + [a["id"] for a in snapshot["actions"] if not has_when(a)]
    )
    assert p4 == expected


@given(snapshots())
def test_it_gives_a_p5_problem_exactly_for_unresourced_actions_and_support(snapshot):
    p5 = {(p.item_kind, p.item_id) for p in rules.readiness_problems(snapshot) if p.rule == "P5"}

    assert p5 == {("action", a["id"]) for a in snapshot["actions"] if not a["funded_by"]} | {
        ("support", s["id"]) for s in snapshot["supports"] if not s["funded_by"]
    }


@given(snapshots())
def test_it_gives_each_of_the_six_elements_exactly_one_state(snapshot):
    statuses = rules.element_statuses(snapshot)

    assert [s["element"] for s in statuses] == ELEMENT_ORDER
    for status in statuses:
        element = status["element"]
        reason = "" if element in ALWAYS_NEEDED else snapshot["not_applicable"].get(element, "")
        if is_covered(snapshot, element):
            assert status["state"] == "covered"
        elif reason:
            assert (status["state"], status["reason"]) == ("not_applicable", reason)
        else:
            assert status["state"] == "gap"


@given(snapshots())
def test_it_shows_every_gap_as_a_p6_problem(snapshot):
    gaps = [s["section"] for s in rules.element_statuses(snapshot) if s["state"] == "gap"]

    assert [p.section for p in rules.readiness_problems(snapshot) if p.rule == "P6"] == gaps


@given(snapshots())
def test_it_links_every_problem_to_a_real_section_and_item(snapshot):
    item_ids = {
        kind.key: {item["id"] for item in snapshot[kind.snapshot_key]}
        for kind in registry.top_level()
        if kind.snapshot_key in snapshot
    }
    item_ids["indicator"] = {i["id"] for o in snapshot["outcomes"] for i in o["indicators"]}

    for problem in rules.readiness_problems(snapshot):
        assert registry.section(problem.section) is not None
        assert problem.message
        if problem.item_kind in item_ids:
            assert problem.item_id in item_ids[problem.item_kind]
        else:
            assert problem.item_id is None


@given(
    due_on=maybe_date,
    starts_on=maybe_date,
    frequency=maybe_text,
)
def test_it_counts_a_date_or_a_start_with_a_frequency_as_a_when(due_on, starts_on, frequency):
    action = {"due_on": due_on, "starts_on": starts_on, "frequency": frequency}

    assert rules.action_when_given(action) == (
        due_on != "" or (starts_on != "" and frequency.strip() != "")
    )


@given(
    parties=st.lists(st.sampled_from(["person", "representative", "worker", "carer"]), max_size=4),
    lacks_capacity=st.booleans(),
    best_interest=st.booleans(),
)
def test_it_accepts_agreement_only_from_the_person_or_representative_and_the_worker(
    parties, lacks_capacity, best_interest
):
    problems = rules.agreement_problems(
        parties=parties, person_lacks_capacity=lacks_capacity, best_interest_recorded=best_interest
    )

    if lacks_capacity:
        # R9: a representative agrees for them, in their best interest.
        complete = "representative" in parties and "worker" in parties and best_interest
    else:
        complete = bool({"person", "representative"} & set(parties)) and "worker" in parties
    assert (problems == []) == complete


# Plans that meet every rule, and the same plans with exactly one thing wrong.

a_date = st.dates(datetime.date(2000, 1, 1), datetime.date(2060, 12, 31)).map(
    datetime.date.isoformat
)
some_text = st.sampled_from(["Every Tuesday", "Pri", "Daily at 9am"])


@st.composite
def a_when(draw) -> dict:
    if draw(st.booleans()):
        return {
            "due_on": draw(a_date),
            "starts_on": draw(maybe_date),
            "frequency": draw(maybe_text),
        }
    return {"due_on": "", "starts_on": draw(a_date), "frequency": draw(some_text)}


@st.composite
def flawless_snapshots(draw) -> dict:
    outcome_ids = list(range(1, draw(st.integers(1, 3)) + 1))
    outcomes = [
        {
            "id": n,
            "words": f"Outcome {n}",
            "achieve_by": draw(a_date),
            "indicators": [
                {"id": n * 100 + i, "description": f"Indicator {i}", "due_on": draw(a_date)}
                for i in range(draw(st.integers(1, 3)))
            ],
        }
        for n in outcome_ids
    ]
    # Every outcome is served by at least one action, then some more at random.
    served = outcome_ids + draw(st.lists(st.sampled_from(outcome_ids), max_size=4))
    actions = [
        {
            "id": 1000 + n,
            "outcome_id": outcome_id,
            "description": f"Action {n}",
            "responsible": draw(st.sampled_from(["Pri", "Wendy Worker"])),
            **draw(a_when()),
            "funded_by": draw(st.sampled_from(FUNDING)),
        }
        for n, outcome_id in enumerate(served)
    ]
    arrangement = draw(st.sampled_from(["none", "council_managed", "direct_payment", "mixed"]))
    significant = draw(st.booleans())
    return {
        "plan": {"prepared_by": draw(st.sampled_from(["person", "planning_meeting"]))},
        "outcomes": outcomes,
        "actions": actions,
        "supports": [
            {
                "id": 2000 + n,
                "description": f"Support {n}",
                "funded_by": draw(st.sampled_from(FUNDING)),
            }
            for n in range(draw(st.integers(1, 3)))
        ],
        "budget": {
            "arrangement": arrangement,
            "direct_payment_amount": "120.00",
            "direct_payment_frequency": "weekly",
            "budget_use": draw(some_text),
        },
        "management": {"support_management": draw(some_text), "who_leads": draw(some_text)},
        "risks": [
            {
                "id": 3000 + n,
                "description": f"Risk {n}",
                "significant_harm": significant,
                "contingency": draw(some_text),
                "triggers": draw(some_text),
            }
            for n in range(draw(st.integers(1, 3)))
        ],
        "needs": [{"id": 4000, "description": "Help with meals"}],
        "not_applicable": {},
    }


def _first(items: list[dict]) -> dict:
    return items[0]


FLAWS = {
    "P1 nobody said who prepared it": ("P1", lambda s: s["plan"].update(prepared_by="")),
    "P2 outcome without a date": ("P2", lambda s: _first(s["outcomes"]).update(achieve_by="")),
    "P3 outcome without an indicator": (
        "P3",
        lambda s: _first(s["outcomes"]).update(indicators=[]),
    ),
    "P3 undated indicator": (
        "P3",
        lambda s: _first(_first(s["outcomes"])["indicators"]).update(due_on=""),
    ),
    "P4 nobody responsible": ("P4", lambda s: _first(s["actions"]).update(responsible="")),
    "P4 frequency without start": (
        "P4",
        lambda s: _first(s["actions"]).update(due_on="", starts_on="", frequency="Weekly"),
    ),
    "P4 start without frequency": (
        "P4",
        lambda s: _first(s["actions"]).update(due_on="", starts_on="2025-01-01", frequency=" "),
    ),
    "P5 unresourced action": ("P5", lambda s: _first(s["actions"]).update(funded_by="")),
    "P5 unresourced support": ("P5", lambda s: _first(s["supports"]).update(funded_by="")),
    "P12 direct payment without frequency": (
        "P12",
        lambda s: s["budget"].update(arrangement="mixed", direct_payment_frequency=""),
    ),
    "P9 no contingency": (
        "P9",
        lambda s: _first(s["risks"]).update(significant_harm=True, contingency=""),
    ),
    "P9 no triggers": (
        "P9",
        lambda s: _first(s["risks"]).update(significant_harm=True, triggers=""),
    ),
    "P12 no needs recorded": ("P12", lambda s: s.update(needs=[])),
    "P6 no support": ("P6", lambda s: s.update(supports=[])),
    "P6 no risks": ("P6", lambda s: s.update(risks=[])),
    "P6 cost not decided": ("P6", lambda s: s["budget"].update(arrangement="")),
    "P6 nobody leads": ("P6", lambda s: s["management"].update(who_leads="  ")),
    "P6 outcome without an action": (
        "P6",
        lambda s: s.update(
            actions=[a for a in s["actions"] if a["outcome_id"] != s["outcomes"][0]["id"]]
        ),
    ),
}


@given(flawless_snapshots())
def test_it_finds_nothing_wrong_with_a_plan_that_meets_every_rule(snapshot):
    assert meets_every_rule(snapshot)
    assert rules.readiness_problems(snapshot) == []
    assert {s["state"] for s in rules.element_statuses(snapshot)} == {"covered"}


@given(flawless_snapshots(), st.sampled_from(sorted(FLAWS)))
def test_it_finds_the_one_thing_wrong_and_nothing_else(snapshot, flaw):
    rule, break_it = FLAWS[flaw]
    break_it(snapshot)

    problems = rules.readiness_problems(snapshot)

    assert not meets_every_rule(snapshot)
    assert problems
    assert {p.rule for p in problems} == {rule}
