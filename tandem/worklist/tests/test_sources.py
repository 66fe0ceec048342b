"""The plans, budgets, people and reviews apps' due items, read through the worklist's registry:
what shows, when it drops off and who sees it."""

import datetime

import pytest

from tandem import testing
from tandem.budgets.models import BudgetDecision
from tandem.people.models import SafeguardingReferral
from tandem.plans.models import Action, Disagreement, Plan
from tandem.reviews.models import ActionProgress, OutcomeEvaluation
from tandem.reviews.tests.test_due_batch import agreed_plan, at, final_review
from tandem.worklist.due import Audience, items_for_people, worklist_for

# Records are changed straight through the ORM here, between reads.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("due_items_not_kept")]

TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def colleague(org, team):
    return testing.make_worker(org, team)


def kinds_for(user, day=TODAY, **kwargs):
    return [(e.item.kind, e.escalated) for e in worklist_for(user, day, **kwargs)]


def only(kind, person, day=TODAY):
    return [i for i in items_for_people([person], day) if i.kind == kind]


# --- plans ------------------------------------------------------------------------------------


def test_a_plan_sent_for_agreement_is_due_for_its_worker_until_agreed(org, team, worker, manager):
    plan = agreed_plan(org, team, worker, status=Plan.Status.READY, agreed_on=None)
    Plan.objects.filter(pk=plan.pk).update(sent_for_agreement_at=at(TODAY))
    [item] = only("agreement", plan.person)
    assert item.due_on == TODAY
    assert item.url == f"/plans/{plan.pk}/agree/"
    assert "(A1)" in item.why
    assert kinds_for(worker) == [("agreement", False)]
    assert kinds_for(manager) == []  # allocated to a worker, and not waiting long
    # Waiting more than the organisation's 14 days: escalated to the team's managers.
    assert kinds_for(manager, TODAY + datetime.timedelta(days=15)) == [("agreement", True)]

    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.AGREED, agreed_at=at(TODAY))
    assert only("agreement", plan.person) == []


def test_a_draft_is_not_waiting_for_agreement(org, team, worker):
    plan = agreed_plan(org, team, worker, status=Plan.Status.DRAFT, agreed_on=None)
    assert only("agreement", plan.person) == []


def _disagreement(plan, worker, **fields):
    disagreement = Disagreement.objects.create(
        organisation=plan.organisation,
        plan=plan,
        section="outcomes",
        raised_by="Riverside Care",
        raised_on=TODAY,
        details="The visits are too early",
        recorded_by=worker,
        **fields,
    )
    Disagreement.objects.filter(pk=disagreement.pk).update(recorded_at=at(TODAY))
    return disagreement


def test_a_disagreement_waits_for_the_coordinators_decision(org, team, worker, colleague):
    plan = agreed_plan(org, team, worker)
    disagreement = _disagreement(plan, worker)
    [item] = only("disagreement", plan.person)
    assert item.url == f"/plans/{plan.pk}/disagreements/{disagreement.pk}/decision/"
    assert "Riverside Care" in item.what and "(A3)" in item.why
    # E-mails and calendars leave Tandem: no name in what they say.
    assert "Riverside Care" not in item.outside
    assert kinds_for(worker) == [("disagreement", False)]
    assert kinds_for(colleague) == []

    Disagreement.objects.filter(pk=disagreement.pk).update(
        renegotiation=Disagreement.Renegotiation.NOT_NEEDED
    )
    assert only("disagreement", plan.person) == []


def test_a_disagreement_on_a_version_no_longer_in_force_is_not_waiting(org, team, worker):
    plan = agreed_plan(org, team, worker, status=Plan.Status.SUPERSEDED)
    _disagreement(plan, worker)
    assert only("disagreement", plan.person) == []


def test_a_coordinator_other_than_the_allocated_worker_decides(org, team, worker, colleague):
    plan = agreed_plan(org, team, worker, coordinator=colleague)
    _disagreement(plan, worker)
    assert kinds_for(colleague) == [("disagreement", False)]
    assert kinds_for(worker) == []


# --- budgets ----------------------------------------------------------------------------------


def _decision(plan, worker, status=BudgetDecision.Status.WAITING, *, day=TODAY, **fields):
    decision = BudgetDecision.objects.create(
        organisation=plan.organisation,
        plan=plan,
        reason="Two carers at night",
        budget_weekly="300.00",
        total_weekly="300.00",
        one_off_total="0.00",
        requested_by=worker,
        status=status,
        decided_at=at(day) if status != BudgetDecision.Status.WAITING else None,
        **fields,
    )
    BudgetDecision.objects.filter(pk=decision.pk).update(requested_at=at(day))
    return decision


def test_a_decision_waiting_is_for_the_teams_managers(org, team, worker, manager):
    plan = agreed_plan(org, team, worker, status=Plan.Status.DRAFT, agreed_on=None)
    decision = _decision(plan, worker, over_budget=True)
    [item] = only("budget_decision", plan.person)
    assert item.audience == Audience.MANAGER
    assert item.url == f"/budgets/decisions/{decision.pk}/"
    assert "(P8)" in item.why
    assert kinds_for(manager) == [("budget_decision", False)]
    assert kinds_for(worker) == []

    BudgetDecision.objects.filter(pk=decision.pk).update(status=BudgetDecision.Status.APPROVED)
    assert items_for_people([plan.person], TODAY) == []


def test_changes_asked_for_go_back_to_the_worker_until_asked_again(org, team, worker, manager):
    plan = agreed_plan(org, team, worker, status=Plan.Status.DRAFT, agreed_on=None)
    _decision(plan, worker, BudgetDecision.Status.CHANGES, social_work=True)
    [item] = only("budget_changes", plan.person)
    assert item.url == f"/plans/{plan.pk}/sections/costs/"
    assert "(P5)" in item.why
    assert kinds_for(worker) == [("budget_changes", False)]
    assert kinds_for(manager) == []

    # Asked again: the new request is the manager's, and the old one is off the worker's list.
    _decision(plan, worker, day=TODAY + datetime.timedelta(days=1))
    assert kinds_for(worker) == []
    assert kinds_for(manager) == [("budget_decision", False)]


def test_nothing_is_due_on_the_cost_of_a_plan_already_agreed(org, team, worker):
    plan = agreed_plan(org, team, worker)
    _decision(plan, worker)
    _decision(plan, worker, BudgetDecision.Status.DECLINED)
    assert items_for_people([plan.person], TODAY) == []


# --- people -----------------------------------------------------------------------------------


def _concern(person, raised_by, *, immediate_risk=False):
    referral = SafeguardingReferral.objects.create(
        organisation=person.organisation,
        person=person,
        concern="Bruising seen on a visit",
        immediate_risk=immediate_risk,
        raised_by=raised_by,
    )
    SafeguardingReferral.objects.filter(pk=referral.pk).update(raised_at=at(TODAY))
    return referral


def test_a_concern_waits_for_a_manager_and_the_one_who_raised_it_sees_it_waiting(
    org, team, worker, colleague, manager
):
    person = testing.make_person(org, team, allocated_worker=worker)
    referral = _concern(person, colleague, immediate_risk=True)
    items = {i.kind: i for i in items_for_people([person], TODAY)}
    # The allocated worker is asked to review who the plan is shared with (issue 9).
    assert set(items) == {"safeguarding", "safeguarding_raised", "sharing_review"}
    assert items["safeguarding"].urgent and "(P11)" in items["safeguarding"].why
    assert items["safeguarding"].url == f"/people/{person.pk}/safeguarding/{referral.pk}/"
    assert kinds_for(manager) == [("safeguarding", False)]
    assert kinds_for(colleague) == [("safeguarding_raised", False)]
    # Allocated, but neither raised it nor acknowledges: only the sharing review is theirs.
    assert kinds_for(worker) == [("sharing_review", False)]

    SafeguardingReferral.objects.filter(pk=referral.pk).update(
        acknowledged_by=manager, acknowledged_at=at(TODAY), action_taken="Referred"
    )
    assert [i.kind for i in items_for_people([person], TODAY)] == ["sharing_review"]


def test_a_concern_raised_by_a_manager_is_listed_once_for_them(org, team, worker, manager):
    person = testing.make_person(org, team, allocated_worker=worker)
    _concern(person, manager)
    assert kinds_for(manager) == [("safeguarding", False)]
    assert not only("safeguarding", person)[0].urgent


# --- reviews: actions and indicators ----------------------------------------------------------


def _action(plan, due_on):
    outcome = plan.outcomes.get()
    return Action.objects.create(
        organisation=plan.organisation,
        plan=plan,
        outcome=outcome,
        description="Book the taxi to the club",
        kind=Action.Kind.COMMUNITY,
        responsible_is_person=True,
        due_on=due_on,
    )


def _progress(plan, action, status, worker, day=TODAY):
    ActionProgress.objects.create(
        organisation=plan.organisation,
        plan=plan,
        action_uid=action.uid,
        status=status,
        happened_on=day,
        recorded_by=worker,
    )


def test_an_action_past_its_date_is_due_until_done(org, team, worker):
    plan = agreed_plan(org, team, worker)
    action = _action(plan, datetime.date(2026, 5, 20))
    _action(plan, datetime.date(2026, 7, 1))  # not yet due
    [item] = only("action", plan.person)
    assert item.due_on == datetime.date(2026, 5, 20)
    assert item.days_overdue(TODAY) == 12
    assert item.url == f"/reviews/plans/{plan.pk}/actions/{action.pk}/progress/"
    assert "It was due by 20 May 2026" in item.why and "(P4)" in item.why
    assert "Book the taxi" in item.what
    # E-mails and calendars leave Tandem: no plan text in what they say.
    assert "taxi" not in item.outside

    _progress(plan, action, ActionProgress.Status.UNDER_WAY, worker, datetime.date(2026, 5, 25))
    assert len(only("action", plan.person)) == 1  # under way is not done
    _progress(plan, action, ActionProgress.Status.DONE, worker)
    assert only("action", plan.person) == []


def test_an_action_stopped_in_an_earlier_version_stays_off(org, team, worker):
    """Progress follows the action's uid into the new version."""
    earlier = agreed_plan(org, team, worker, status=Plan.Status.SUPERSEDED)
    action = _action(earlier, datetime.date(2026, 5, 20))
    _progress(earlier, action, ActionProgress.Status.STOPPED, worker)
    plan = Plan.objects.create(
        organisation=org,
        person=earlier.person,
        version_number=2,
        status=Plan.Status.AGREED,
        agreed_at=at(datetime.date(2026, 5, 1)),
        created_by=worker,
    )
    outcome = earlier.outcomes.get()
    outcome.pk, outcome.plan = None, plan
    outcome.save()
    Action.objects.create(
        organisation=org,
        plan=plan,
        outcome=outcome,
        uid=action.uid,
        description=action.description,
        kind=action.kind,
        responsible_is_person=True,
        due_on=action.due_on,
    )
    assert only("action", plan.person) == []


def test_an_indicator_is_due_from_its_date_while_its_outcome_is_open(org, team, worker):
    plan = agreed_plan(org, team, worker)  # indicator due 1 November 2026
    indicator_on = datetime.date(2026, 11, 1)
    assert only("indicator", plan.person, indicator_on - datetime.timedelta(days=1)) == []
    [item] = only("indicator", plan.person, indicator_on)
    assert item.url == f"/reviews/plans/{plan.pk}/"
    assert "(P3)" in item.why and "Go to the club every Tuesday" in item.why
    assert "club" not in item.outside.lower()

    # A review held before the indicator's date rated the outcome partly achieved: still open.
    outcome = plan.outcomes.get()
    partly = OutcomeEvaluation.Rating.PARTLY
    final_review(plan, worker, datetime.date(2026, 10, 1), closed=[(outcome, partly)])
    assert len(only("indicator", plan.person, indicator_on)) == 1
    # Rated at a review held on or after its date: the evidence is in.
    not_achieved = OutcomeEvaluation.Rating.NOT_ACHIEVED
    final_review(plan, worker, datetime.date(2026, 11, 3), closed=[(outcome, not_achieved)])
    assert only("indicator", plan.person, datetime.date(2026, 11, 4)) == []


def test_an_outcome_achieved_closes_its_indicators(org, team, worker):
    plan = agreed_plan(org, team, worker)
    achieved = (plan.outcomes.get(), OutcomeEvaluation.Rating.ACHIEVED)
    final_review(plan, worker, datetime.date(2026, 9, 1), closed=[achieved])
    assert only("indicator", plan.person, datetime.date(2026, 11, 2)) == []
