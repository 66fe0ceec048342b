"""Reading a partner's Bundle (pure functions, no database): what Tandem keeps, and a warning
for each thing it cannot map."""

import uuid

import pytest

from tandem.interop.fhir import codes
from tandem.interop.fhir.reading import NotAPlan, read_plan

UID = str(uuid.uuid4())


def goal(goal_id="g1", words="Walk to the shops", uid=UID, targets=None):
    return {
        "resourceType": "Goal",
        "id": goal_id,
        "identifier": [{"system": codes.part_system(), "value": uid}],
        "lifecycleStatus": "active",
        "description": {"text": words},
        "subject": {"reference": "Patient/1"},
        "target": targets
        if targets is not None
        else [
            {"id": "achieve-by", "dueDate": "2027-01-31"},
            {"measure": {"text": "Walks there twice a week"}, "dueDate": "2026-09-30"},
        ],
    }


def bundle(*resources, activities=()):
    care_plan = {
        "resourceType": "CarePlan",
        "status": "active",
        "intent": "plan",
        "subject": {"reference": "Patient/1"},
        "activity": list(activities),
    }
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"resource": r} for r in (care_plan, *resources)],
    }


def activity(description="Buy walking boots", goal_ref="Goal/g1", **detail):
    return {
        "detail": {
            "status": "not-started",
            "description": description,
            **({"goal": [{"reference": goal_ref}]} if goal_ref else {}),
            **detail,
        }
    }


def test_it_reads_an_outcome_with_its_uid_indicator_and_action():
    plan = read_plan(
        bundle(
            goal(),
            activities=[
                activity(
                    scheduledPeriod={"start": "2026-02-01", "end": "2026-03-01"},
                    performer=[{"reference": "Patient/1"}],
                )
            ],
        )
    )

    (outcome,) = plan.outcomes
    assert (str(outcome.uid), outcome.words, outcome.achieve_by.isoformat()) == (
        UID,
        "Walk to the shops",
        "2027-01-31",
    )
    assert [i.description for i in outcome.indicators] == ["Walks there twice a week"]
    (action,) = plan.actions
    assert action.outcome_uid == outcome.uid
    assert (action.starts_on.isoformat(), action.due_on.isoformat()) == ("2026-02-01", "2026-03-01")
    # Not given a kind of help: recorded as paid, and the report says to check it.
    assert action.kind == "paid"
    assert any("kind of help was not given" in w for w in plan.warnings)


def test_it_warns_about_each_part_it_cannot_map():
    plan = read_plan(
        bundle(
            goal(),
            goal("g2", words="", uid=str(uuid.uuid4())),  # no words
            goal("g3", words="Swim", uid=UID, targets=[]),  # no date, and a uid used already
            {"resourceType": "Patient", "id": "1"},
            activities=[
                activity("Lift to the pool", goal_ref="Goal/nowhere"),
                activity(""),
                {"reference": {"reference": "ServiceRequest/5"}},
            ],
        )
    )

    assert [o.words for o in plan.outcomes] == ["Walk to the shops"]
    assert plan.actions == []
    warnings = " ".join(plan.warnings)
    for expected in (
        "Goal g2: it has no words",
        "Outcome “Swim”: it has no date",
        "Action “Lift to the pool”: it is for no Goal",
        "no description",
        "no detail",
    ):
        assert expected in warnings
    assert any("1 Patient" in note for note in plan.notes)


def test_it_gives_a_uid_used_twice_a_new_one():
    plan = read_plan(bundle(goal("g1"), goal("g2", words="Cook a meal")))

    first, second = plan.outcomes
    assert str(first.uid) == UID and second.uid != first.uid
    assert any("is not a new Tandem uid" in w for w in plan.warnings)


@pytest.mark.parametrize("care_plans", [0, 2])
def test_it_needs_exactly_one_care_plan(care_plans):
    data = bundle(goal())
    entries = [e for e in data["entry"] if e["resource"]["resourceType"] != "CarePlan"]
    care_plan = {"resourceType": "CarePlan", "status": "active", "intent": "plan"}
    data["entry"] = entries + [{"resource": care_plan}] * care_plans

    with pytest.raises(NotAPlan, match=f"it holds {care_plans}"):
        read_plan(data)
