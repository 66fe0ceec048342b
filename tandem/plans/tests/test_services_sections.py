"""Writing a plan through the services, and the rules that stop it being sent (P1–P12)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tandem import testing
from tandem.budgets.models import IndicativeBudget
from tandem.plans.models import Action, Outcome, Plan
from tandem.plans.rules import element_statuses
from tandem.plans.services import (
    PlanError,
    PlanNotReady,
    plan_item_create,
    plan_item_delete,
    plan_item_update,
    plan_mark_not_applicable,
    plan_mark_section,
    plan_send_for_agreement,
    plan_update_section,
)
from tandem.plans.tests.helpers import (
    add_item,
    build_ready_plan,
    fresh,
    problems_of,
    ready_snapshot,
    snapshot_of,
    update_section,
)

built = testing.built_once(
    plan=lambda s: build_ready_plan(person=s.person, actor=s.worker),
)


org, team, worker, person, plan = testing.from_scene("org", "team", "worker", "person", "plan")


def rules_of(plan: Plan) -> list[str]:
    return [problem.rule for problem in problems_of(plan)]


def _statuses(plan):
    return element_statuses(snapshot_of(plan))


def refused_send(plan: Plan, actor) -> list:
    """Try to send the plan, expect the refusal, and check the plan stayed a draft."""
    with pytest.raises(PlanNotReady) as refusal:
        plan_send_for_agreement(plan=plan, actor=actor)
    plan = fresh(plan)
    assert plan.status == Plan.Status.DRAFT
    assert plan.sent_for_agreement_at is None
    return refusal.value.problems


def test_it_sends_a_complete_plan_for_agreement(plan, worker):
    assert problems_of(plan) == []

    sent = plan_send_for_agreement(plan=plan, actor=worker)

    assert fresh(sent).status == Plan.Status.READY
    assert fresh(sent).sent_for_agreement_at is not None


def test_it_snapshots_a_plan_with_the_data_the_pure_rule_tests_use(plan):
    real, hand_built = snapshot_of(plan), ready_snapshot()

    for key in ["plan", "budget", "management"]:
        assert set(hand_built[key]) <= set(real[key]), key
    for key in ["outcomes", "actions", "supports", "risks", "needs"]:
        assert set(hand_built[key][0]) <= set(real[key][0]), key
    assert set(hand_built["outcomes"][0]["indicators"][0]) <= set(
        real["outcomes"][0]["indicators"][0]
    )


# P1


def test_it_refuses_to_send_a_plan_without_who_prepared_it(plan, worker):
    update_section(plan, "about", worker, prepared_by="")

    problems = refused_send(plan, worker)

    assert [(p.rule, p.section) for p in problems] == [("P1", "about")]


# P3


def test_it_refuses_to_send_an_outcome_without_an_indicator(plan, worker):
    outcome = add_item(plan, "outcome", worker, words="Stay in my own home")
    add_item(plan, "action", worker, outcome=outcome)

    problems = refused_send(plan, worker)

    [problem] = problems
    assert problem.rule == "P3"
    assert "Stay in my own home" in problem.message
    assert (problem.section, problem.item_kind, problem.item_id) == (
        "outcomes",
        "outcome",
        outcome.pk,
    )


def test_it_sends_once_the_outcome_has_a_dated_indicator(plan, worker):
    outcome = add_item(plan, "outcome", worker, words="Stay in my own home")
    add_item(plan, "action", worker, outcome=outcome)
    assert rules_of(plan) == ["P3"]

    add_item(
        plan,
        "indicator",
        worker,
        outcome=outcome,
        description="No hospital admission for 6 months",
        due_on=datetime.date(2025, 12, 31),
    )

    assert problems_of(plan) == []
    assert plan_send_for_agreement(plan=plan, actor=worker).status == Plan.Status.READY


def test_it_refuses_an_indicator_without_a_date(plan, worker):
    outcome = Outcome.objects.get(plan=plan)

    with pytest.raises(ValidationError):
        add_item(plan, "indicator", worker, outcome=outcome, due_on=None)

    assert outcome.indicators.count() == 1


# P4


def test_it_refuses_to_send_an_action_nobody_is_responsible_for(plan, worker):
    action = Action.objects.get(plan=plan)
    plan_item_update(
        item=action, data={"responsible_is_person": False}, revision=action.revision, actor=worker
    )

    problems = refused_send(plan, worker)

    assert [(p.rule, p.item_kind, p.item_id) for p in problems] == [("P4", "action", action.pk)]
    assert "responsible" in problems[0].message


@pytest.mark.parametrize("who", ["circle_member", "worker"])
def test_it_accepts_a_named_circle_member_or_worker_as_responsible(plan, person, worker, who):
    outcome = Outcome.objects.get(plan=plan)
    named = (
        {"responsible_member": testing.make_circle_member(person, name="Sue Patel")}
        if who == "circle_member"
        else {"responsible_staff": worker}
    )

    add_item(plan, "action", worker, outcome=outcome, responsible_is_person=False, **named)

    assert problems_of(plan) == []
    responsible = {a["responsible"] for a in snapshot_of(plan)["actions"]}
    assert responsible == {"Pri", "Sue Patel (Carer)" if who == "circle_member" else "Wendy Worker"}


def test_it_refuses_to_send_an_action_without_a_when(plan, worker):
    outcome = Outcome.objects.get(plan=plan)
    action = add_item(plan, "action", worker, outcome=outcome, due_on=None)

    problems = refused_send(plan, worker)

    assert [(p.rule, p.item_id) for p in problems] == [("P4", action.pk)]
    assert "when" in problems[0].message


def test_it_accepts_a_start_date_and_frequency_as_the_when(plan, worker):
    outcome = Outcome.objects.get(plan=plan)

    add_item(
        plan,
        "action",
        worker,
        outcome=outcome,
        due_on=None,
        starts_on=datetime.date(2025, 4, 1),
        frequency="Every Tuesday morning",
    )

    assert problems_of(plan) == []


def test_it_does_not_accept_a_frequency_without_a_start_date(plan, worker):
    outcome = Outcome.objects.get(plan=plan)
    action = add_item(
        plan, "action", worker, outcome=outcome, due_on=None, frequency="Every Tuesday morning"
    )

    assert [(p.rule, p.item_id) for p in refused_send(plan, worker)] == [("P4", action.pk)]


# P5


def test_it_refuses_to_send_until_every_action_and_support_is_resourced(plan, worker):
    outcome = Outcome.objects.get(plan=plan)
    action = add_item(plan, "action", worker, outcome=outcome, funded_by="")
    support = add_item(plan, "support", worker, description="Day centre", funded_by="")

    problems = refused_send(plan, worker)

    assert [(p.rule, p.section, p.item_kind, p.item_id) for p in problems] == [
        ("P5", "actions", "action", action.pk),
        ("P5", "support", "support", support.pk),
    ]


def test_it_sends_once_resourcing_is_recorded(plan, worker):
    outcome = Outcome.objects.get(plan=plan)
    action = add_item(plan, "action", worker, outcome=outcome, funded_by="")
    refused_send(plan, worker)

    plan_item_update(
        item=action,
        data={"funded_by": "community", "funding_notes": "Free bus pass"},
        revision=action.revision,
        actor=worker,
    )

    assert plan_send_for_agreement(plan=plan, actor=worker).status == Plan.Status.READY


# P6


def test_it_refuses_to_send_a_plan_with_a_gap(plan, worker):
    risk = plan.risks.get()
    plan_item_delete(item=risk, revision=risk.revision, actor=worker)

    problems = refused_send(plan, worker)

    assert [(p.rule, p.section) for p in problems] == [("P6", "risks")]
    assert "Risk" in problems[0].message


def test_it_sends_a_plan_whose_missing_element_does_not_apply_for_a_reason(plan, worker):
    risk = plan.risks.get()
    plan_item_delete(item=risk, revision=risk.revision, actor=worker)

    plan_mark_not_applicable(
        plan=plan,
        element="risk",
        reason="  No risks were identified at the assessment ",
        actor=worker,
    )

    assert fresh(plan).elements_not_applicable == {
        "risk": "No risks were identified at the assessment"
    }
    [status] = [s for s in _statuses(plan) if s["element"] == "risk"]
    assert status["state"] == "not_applicable"
    assert plan_send_for_agreement(plan=plan, actor=worker).status == Plan.Status.READY


def test_it_clears_not_applicable_when_the_reason_is_empty(plan, worker):
    plan.supportarrangements.all().delete()
    plan_mark_not_applicable(plan=plan, element="support", reason="Family do it all", actor=worker)

    plan_mark_not_applicable(plan=plan, element="support", reason="   ", actor=worker)

    assert fresh(plan).elements_not_applicable == {}
    assert [(p.rule, p.section) for p in refused_send(plan, worker)] == [("P6", "support")]


def test_it_refuses_an_element_that_is_not_one_of_the_six(plan, worker):
    with pytest.raises(ValueError):
        plan_mark_not_applicable(plan=plan, element="happiness", reason="n/a", actor=worker)

    assert fresh(plan).elements_not_applicable == {}


@pytest.mark.parametrize(
    ("section", "data", "element"),
    [
        ("budget", {"budget_arrangement": ""}, "cost"),
        ("management", {"who_leads": ""}, "leadership"),
    ],
)
def test_it_shows_an_emptied_section_as_a_gap(plan, worker, section, data, element):
    update_section(plan, section, worker, **data)

    [status] = [s for s in _statuses(plan) if s["element"] == element]
    assert status["state"] == "gap"
    assert "P6" in [p.rule for p in refused_send(plan, worker)]


# P9


def test_it_refuses_to_send_a_risk_of_significant_harm_without_contingency(plan, worker):
    risk = add_item(
        plan,
        "risk",
        worker,
        description="Self-neglect if visits stop",
        significant_harm=True,
        contingency="Ring her sister",
        triggers="",
    )

    problems = refused_send(plan, worker)

    assert [(p.rule, p.section, p.item_id) for p in problems] == [("P9", "risks", risk.pk)]

    plan_item_update(
        item=risk,
        data={"triggers": "Two missed visits in a row"},
        revision=risk.revision,
        actor=worker,
    )
    assert plan_send_for_agreement(plan=plan, actor=worker).status == Plan.Status.READY


# P12


def test_it_refuses_to_send_a_direct_payment_without_its_frequency_and_costs(plan, worker):
    update_section(plan, "budget", worker, budget_arrangement="direct_payment")

    assert [(p.rule, p.section) for p in refused_send(plan, worker)] == [
        ("P12", "budget"),
        ("P12", "costs"),
    ]

    update_section(plan, "budget", worker, direct_payment_frequency="four_weekly")
    IndicativeBudget.objects.create(
        organisation=plan.organisation,
        person=plan.person,
        source=IndicativeBudget.Source.OUTSIDE,
        weekly_amount=Decimal("200.00"),
        source_details="Panel decision",
        set_on=datetime.date(2025, 1, 6),
        completed_by=worker,
    )
    plan_item_create(
        plan=plan,
        kind="cost",
        data={
            "description": "Personal assistant",
            "unit": "hour",
            "unit_cost": Decimal("16.50"),
            "own_price_reason": "The person employs their own assistant",
            "quantity": Decimal("2"),
            "times": 3,
            "period": "week",
            "payer": "direct_payment",
        },
        actor=worker,
    )
    assert plan_send_for_agreement(plan=plan, actor=worker).status == Plan.Status.READY


# Editing the plan


def test_it_saves_only_the_fields_of_the_section_being_edited(plan, worker):
    update_section(
        plan,
        "important",
        worker,
        important_to_me="Seeing my grandchildren",
        who_leads="Somebody else entirely",
    )

    plan = fresh(plan)
    assert plan.important_to_me == "Seeing my grandchildren"
    assert plan.who_leads == "Pri, with her sister, checks it each month"
    assert plan.section_revisions["important"] == 2


def test_it_marks_a_section_completed_and_back_in_progress(plan, worker):
    update_section(plan, "control", worker, completed=True)
    assert fresh(plan).section_status == {"control": "completed"}

    update_section(plan, "control", worker, completed=False)
    assert fresh(plan).section_status == {}


def test_it_refuses_a_section_that_is_not_in_the_task_list(plan, worker):
    with pytest.raises(PlanError):
        plan_update_section(
            plan=plan, section_key="hobbies", data={}, revision=0, completed=True, actor=worker
        )
    with pytest.raises(PlanError):
        plan_mark_section(plan=plan, section_key="hobbies", completed=True, actor=worker)

    assert "hobbies" not in fresh(plan).section_status


def test_it_refuses_invalid_section_values_and_keeps_the_old_ones(plan, worker):
    with pytest.raises(ValidationError):
        update_section(plan, "about", worker, prepared_by="the_cat")

    assert fresh(plan).prepared_by == "person_with_circle"


def test_it_removes_an_outcome_with_its_indicators_and_actions(plan, worker):
    outcome = plan.outcomes.get()

    plan_item_delete(item=outcome, revision=outcome.revision, actor=worker)

    assert snapshot_of(plan)["outcomes"] == []
    assert snapshot_of(plan)["actions"] == []
    assert not Action.objects.filter(plan=plan).exists()


@pytest.fixture
def other_plan(org, team, worker):
    """Someone else's plan, in the same team."""
    return build_ready_plan(person=testing.make_person(org, team), actor=worker)


def test_it_refuses_an_action_serving_an_outcome_of_another_plan(plan, worker, other_plan):
    with pytest.raises(PlanError):
        add_item(plan, "action", worker, outcome=other_plan.outcomes.get(), description="Wrong")

    assert not Action.objects.filter(description="Wrong").exists()
    assert [a["description"] for a in snapshot_of(other_plan)["actions"]] == [
        "Find a lift to the club"
    ]


def test_it_refuses_to_move_an_indicator_to_an_outcome_of_another_plan(plan, worker, other_plan):
    indicator = plan.indicators.get()

    with pytest.raises(PlanError):
        plan_item_update(
            item=indicator,
            data={"outcome": other_plan.outcomes.get()},
            revision=indicator.revision,
            actor=worker,
        )

    assert plan.indicators.get().outcome.plan_id == plan.pk
    assert len(snapshot_of(other_plan)["outcomes"][0]["indicators"]) == 1


def test_it_refuses_someone_from_another_persons_circle_as_responsible(plan, worker, other_plan):
    stranger = testing.make_circle_member(other_plan.person, name="Not Pri's carer")

    with pytest.raises(PlanError):
        add_item(
            plan,
            "action",
            worker,
            outcome=plan.outcomes.get(),
            responsible_is_person=False,
            responsible_member=stranger,
            description="Wrong helper",
        )

    assert not Action.objects.filter(description="Wrong helper").exists()


def test_it_refuses_a_worker_of_another_organisation_as_responsible(plan, worker, other_org_worker):
    action = Action.objects.get(plan=plan)

    with pytest.raises(PlanError):
        plan_item_update(
            item=action,
            data={"responsible_is_person": False, "responsible_staff": other_org_worker},
            revision=action.revision,
            actor=worker,
        )

    assert Action.objects.get(pk=action.pk).responsible_staff is None


@pytest.mark.parametrize("who", ["other_org_worker", "carer_user"])
def test_it_refuses_a_coordinator_who_is_not_staff_of_the_organisation(plan, worker, who, request):
    outsider = request.getfixturevalue(who)

    with pytest.raises(PlanError):
        update_section(plan, "about", worker, coordinator=outsider)

    assert fresh(plan).coordinator == worker


def _edit_section(plan, worker):
    update_section(plan, "important", worker, strengths="Kind to animals")


def _add_item(plan, worker):
    add_item(plan, "need", worker, description="Help with medication")


def _update_item(plan, worker):
    need = plan.needs.get()
    plan_item_update(item=need, data={"eligibility": "not_assessed"}, revision=1, actor=worker)


def _delete_item(plan, worker):
    need = plan.needs.get()
    plan_item_delete(item=need, revision=1, actor=worker)


def _mark_not_applicable(plan, worker):
    plan_mark_not_applicable(plan=plan, element="risk", reason="Covered elsewhere", actor=worker)


@pytest.mark.parametrize(
    "edit",
    [_edit_section, _add_item, _update_item, _delete_item, _mark_not_applicable],
    ids=lambda edit: edit.__name__.strip("_"),
)
def test_it_puts_a_plan_waiting_for_agreement_back_to_draft_when_it_changes(plan, worker, edit):
    plan_send_for_agreement(plan=plan, actor=worker)

    edit(plan, worker)

    plan = fresh(plan)
    assert plan.status == Plan.Status.DRAFT
    assert plan.sent_for_agreement_at is None


def test_it_refuses_a_coordinator_chosen_by_the_person(plan, person_user, manager):
    with pytest.raises(PlanError):
        update_section(plan, "about", person_user, coordinator=manager)
