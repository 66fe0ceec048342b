"""A4: an agreed version never changes; changes make a new version; every copy sent stays exact."""

import datetime

import pytest

from tandem.plans.models import (
    Action,
    Indicator,
    Need,
    Outcome,
    Plan,
    PlanIssue,
    Risk,
    SupportArrangement,
)
from tandem.plans.services import (
    PlanError,
    PlanNotReady,
    plan_create,
    plan_item_create,
    plan_item_delete,
    plan_item_update,
    plan_mark_not_applicable,
    plan_mark_section,
    plan_record_agreement,
    plan_send_for_agreement,
    plan_start_new_version,
    plan_update_section,
)
from tandem.plans.tests.helpers import (
    add_item,
    build_agreed_plan,
    fresh,
    person_and_worker_agree,
    snapshot_of,
    update_section,
)


@pytest.fixture
def agreed(person, worker):
    """Version 1 of the person's plan, agreed, with its first issued copy."""
    plan, issue = build_agreed_plan(person=person, actor=worker)
    return plan, issue


@pytest.fixture
def agreed_plan(agreed):
    return agreed[0]


def without_ids(snapshot: dict) -> dict:
    """The content of a plan, leaving out what differs between versions by design."""

    def strip(value):
        if isinstance(value, dict):
            return {
                k: strip(v)
                for k, v in value.items()
                if k not in {"id", "outcome_id", "version_number", "status", "status_label"}
            }
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip({k: v for k, v in snapshot.items() if k not in {"agreements", "disagreements"}})


# An agreed version is frozen


def _edit_section(plan, worker):
    plan_update_section(
        plan=plan,
        section_key="important",
        data={"important_to_me": "Something new"},
        revision=plan.section_revisions.get("important", 0),
        completed=None,
        actor=worker,
    )


def _mark_section(plan, worker):
    plan_mark_section(plan=plan, section_key="important", completed=False, actor=worker)


def _create_item(plan, worker):
    plan_item_create(
        plan=plan,
        kind="need",
        data={"description": "New need", "eligibility": "eligible"},
        actor=worker,
    )


def _update_item(plan, worker):
    outcome = plan.outcomes.get()
    plan_item_update(
        item=outcome, data={"words": "Changed words"}, revision=outcome.revision, actor=worker
    )


def _delete_item(plan, worker):
    action = Action.objects.get(plan=plan)
    plan_item_delete(item=action, revision=action.revision, actor=worker)


def _mark_not_applicable(plan, worker):
    plan_mark_not_applicable(plan=plan, element="risk", reason="No longer", actor=worker)


def _send(plan, worker):
    plan_send_for_agreement(plan=plan, actor=worker)


FROZEN_EDITS = [
    _edit_section,
    _mark_section,
    _create_item,
    _update_item,
    _delete_item,
    _mark_not_applicable,
    _send,
]


@pytest.mark.parametrize("edit", FROZEN_EDITS, ids=lambda edit: edit.__name__.strip("_"))
def test_it_refuses_to_change_an_agreed_plan(agreed, worker, edit):
    plan, issue = agreed
    before = snapshot_of(plan)

    with pytest.raises(PlanError) as refusal:
        edit(plan, worker)

    assert "new version" in str(refusal.value)
    assert snapshot_of(plan) == before
    assert PlanIssue.objects.get(pk=issue.pk).snapshot == before
    assert fresh(plan).status == Plan.Status.AGREED


# A new version


def test_it_copies_everything_into_a_new_draft_version(agreed_plan, worker):
    second = plan_start_new_version(plan=agreed_plan, actor=worker)

    second = fresh(second)
    assert (second.version_number, second.status, second.previous_version) == (
        2,
        Plan.Status.DRAFT,
        agreed_plan,
    )
    assert without_ids(snapshot_of(second)) == without_ids(snapshot_of(agreed_plan))
    for model in (Outcome, Indicator, Action, SupportArrangement, Risk, Need):
        assert (
            model.objects.filter(plan=second).count()
            == model.objects.filter(plan=agreed_plan).count()
        )
    assert not second.agreements.exists()
    assert not second.issues.exists()
    assert second.agreed_at is None


def test_it_links_copied_actions_and_indicators_to_the_copied_outcomes(person, worker):
    plan = plan_create(person=person, actor=worker)
    for key, data in {
        "about": {"prepared_by": "person"},
        "budget": {"budget_arrangement": "none"},
        "management": {"support_management": "Family", "who_leads": "Pri"},
    }.items():
        update_section(plan, key, worker, **data)
    home = add_item(plan, "outcome", worker, words="Stay in my own home")
    club = add_item(plan, "outcome", worker, words="Go to the club")
    for outcome in (home, club):
        add_item(plan, "indicator", worker, outcome=outcome, description=f"Ind {outcome.words}")
        add_item(plan, "action", worker, outcome=outcome, description=f"Act {outcome.words}")
    add_item(plan, "support", worker)
    add_item(plan, "risk", worker)
    add_item(plan, "need", worker)
    plan_send_for_agreement(plan=plan, actor=worker)
    plan_record_agreement(plan=plan, parties=person_and_worker_agree(person, worker), actor=worker)

    second = plan_start_new_version(plan=plan, actor=worker)

    for model in (Indicator, Action):
        copies = model.objects.filter(plan=second).select_related("outcome")
        assert {(c.description, c.outcome.words, c.outcome.plan_id) for c in copies} == {
            (f"{model.__name__[:3]} Stay in my own home", "Stay in my own home", second.pk),
            (f"{model.__name__[:3]} Go to the club", "Go to the club", second.pk),
        }


def test_it_does_not_change_the_agreed_version_when_the_new_one_is_edited(agreed, worker):
    first, issue = agreed
    before = snapshot_of(first)
    second = plan_start_new_version(plan=first, actor=worker)

    outcome = second.outcomes.get()
    plan_item_update(
        item=outcome, data={"words": "Go to the club twice a week"}, revision=1, actor=worker
    )
    update_section(second, "important", worker, important_to_me="My new flat")
    action = Action.objects.get(plan=second)
    plan_item_delete(item=action, revision=action.revision, actor=worker)
    add_item(second, "need", worker, description="Help moving home")

    assert snapshot_of(first) == before
    assert PlanIssue.objects.get(pk=issue.pk).snapshot == before
    assert snapshot_of(second)["outcomes"][0]["words"] == "Go to the club twice a week"


def test_it_supersedes_the_old_version_when_the_new_one_is_agreed(agreed, person, worker):
    first, first_issue = agreed
    sent_copy = PlanIssue.objects.get(pk=first_issue.pk).snapshot
    second = plan_start_new_version(plan=first, actor=worker)
    update_section(second, "important", worker, important_to_me="My new flat")
    plan_send_for_agreement(plan=second, actor=worker)

    second_issue = plan_record_agreement(
        plan=second, parties=person_and_worker_agree(person, worker), actor=worker
    )

    assert fresh(first).status == Plan.Status.SUPERSEDED
    assert fresh(second).status == Plan.Status.AGREED
    assert (second_issue.plan, second_issue.number) == (second, 1)
    assert second_issue.snapshot["important"]["important_to_me"] == "My new flat"
    assert PlanIssue.objects.get(pk=first_issue.pk).snapshot == sent_copy
    assert sent_copy["important"]["important_to_me"] == "My garden and my cat"


def test_it_allows_only_one_new_version_at_a_time(agreed_plan, worker):
    plan_start_new_version(plan=agreed_plan, actor=worker)

    with pytest.raises(PlanError):
        plan_start_new_version(plan=agreed_plan, actor=worker)

    assert list(agreed_plan.person.plans.values_list("version_number", "status")) == [
        (2, "draft"),
        (1, "agreed"),
    ]


def test_it_refuses_a_new_version_of_a_draft_or_a_superseded_plan(agreed_plan, person, worker):
    second = plan_start_new_version(plan=agreed_plan, actor=worker)
    with pytest.raises(PlanError):
        plan_start_new_version(plan=second, actor=worker)

    plan_send_for_agreement(plan=second, actor=worker)
    plan_record_agreement(
        plan=second, parties=person_and_worker_agree(person, worker), actor=worker
    )

    with pytest.raises(PlanError):
        plan_start_new_version(plan=agreed_plan, actor=worker)
    assert person.plans.count() == 2


def test_it_refuses_a_second_plan_while_one_is_being_written(person, worker):
    plan_create(person=person, actor=worker)

    with pytest.raises(PlanError):
        plan_create(person=person, actor=worker)

    assert person.plans.count() == 1


def test_it_refuses_a_new_plan_while_an_agreed_one_is_in_force(agreed_plan, person, worker):
    with pytest.raises(PlanError) as refusal:
        plan_create(person=person, actor=worker)

    assert "new version" in str(refusal.value)
    assert person.plans.count() == 1


def test_it_starts_a_plan_as_version_1_coordinated_by_the_worker(person, worker):
    by_worker = plan_create(person=person, actor=worker)

    assert (by_worker.version_number, by_worker.status, by_worker.coordinator) == (
        1,
        Plan.Status.DRAFT,
        worker,
    )


def test_it_makes_the_allocated_worker_coordinator_of_a_plan_the_person_starts(
    person, worker, person_user
):
    plan = plan_create(person=person, actor=person_user)

    assert (plan.created_by, plan.coordinator) == (person_user, worker)


def test_it_checks_the_new_version_again_before_it_is_sent(agreed_plan, worker):
    second = plan_start_new_version(plan=agreed_plan, actor=worker)
    cooking = add_item(
        second, "outcome", worker, words="Learn to cook", achieve_by=datetime.date(2026, 1, 1)
    )
    add_item(second, "action", worker, outcome=cooking, description="Cookery class")

    with pytest.raises(PlanNotReady) as refusal:
        plan_send_for_agreement(plan=second, actor=worker)

    assert [(p.rule, p.item_id) for p in refusal.value.problems] == [("P3", cooking.pk)]
    assert fresh(second).status == Plan.Status.DRAFT
