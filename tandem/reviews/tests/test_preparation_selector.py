"""Preparation for a review (R4, R5): what the selector puts in front of the worker."""

import datetime

import pytest

from tandem import testing
from tandem.plans.models import Action, Indicator, Outcome
from tandem.reviews.models import (
    ProviderInvitation,
    Review,
)
from tandem.reviews.preparation import indicator_is_due, preparation
from tandem.reviews.tests.between_helpers import AGREED_ON, agreed_plan, first_action
from tandem.reviews.tests.history_helpers import final_review, plan_version
from tandem.reviews.tests.preparation_helpers import (
    at,
    consultation,
    contact_on,
    draft_review,
    progress_on,
    trigger_on,
)

pytestmark = pytest.mark.django_db

LAST_REVIEW_ON = datetime.date(2026, 6, 1)
HELD_ON = datetime.date(2026, 7, 15)
TODAY = datetime.date(2026, 8, 1)


@pytest.fixture
def setting():
    organisation = testing.make_organisation()
    team = testing.make_team(organisation)
    worker = testing.make_worker(organisation, team)
    person = testing.make_person(organisation, team)
    plan = agreed_plan(person, worker)
    return person, worker, plan


def test_it_picks_only_what_happened_since_the_last_final_review(setting):
    person, worker, plan = setting
    last = final_review(person, plan, worker, LAST_REVIEW_ON, [0])
    before = LAST_REVIEW_ON - datetime.timedelta(days=1)
    after = LAST_REVIEW_ON + datetime.timedelta(days=10)
    for day, words in [(before, "before"), (LAST_REVIEW_ON, "on the day"), (after, "after")]:
        progress_on(plan, worker, day, f"Progress {words}")
        contact_on(plan, worker, day, f"Contact {words}")
        trigger_on(plan, worker, day, f"Trigger {words}")

    prep = preparation(draft_review(plan, worker, HELD_ON), today=TODAY)

    assert prep.last_review == last
    assert prep.since == LAST_REVIEW_ON
    assert [row.progress.note for row in prep.progress] == [
        "Progress after",
        "Progress on the day",
    ]
    assert prep.progress[0].action_words == first_action(plan).description
    assert [c.note for c in prep.contacts] == ["Contact after", "Contact on the day"]
    assert [t.details for t in prep.triggers] == ["Trigger after", "Trigger on the day"]


def test_it_counts_from_the_plans_agreement_before_the_first_review(setting):
    person, worker, plan = setting
    progress_on(plan, worker, AGREED_ON - datetime.timedelta(days=3), "Before it was agreed")
    progress_on(plan, worker, AGREED_ON + datetime.timedelta(days=3), "Since it was agreed")
    contact_on(plan, worker, AGREED_ON + datetime.timedelta(days=3), "Rang Jo")

    prep = preparation(draft_review(plan, worker), today=TODAY)

    assert prep.last_review is None and prep.past_reviews == []
    assert prep.since == AGREED_ON
    assert [row.progress.note for row in prep.progress] == ["Since it was agreed"]
    assert [c.note for c in prep.contacts] == ["Rang Jo"]


def test_it_gives_each_action_its_latest_progress_whenever_it_was_recorded(setting):
    person, worker, plan = setting
    progress_on(plan, worker, datetime.date(2026, 4, 1), "Older")
    latest = progress_on(plan, worker, datetime.date(2026, 5, 1), "Newest")
    final_review(person, plan, worker, LAST_REVIEW_ON, [0])

    prep = preparation(draft_review(plan, worker, HELD_ON), today=TODAY)

    (outcome,) = prep.outcomes
    (action,) = outcome.actions
    assert action.latest == latest  # recorded before the last review, still its status
    assert prep.progress == []


def test_it_names_an_action_the_reviewed_version_no_longer_has(setting):
    person, worker, plan = setting
    older = plan_version(person, worker, number=2)  # another version of the person's plan
    outcome = Outcome.objects.create(
        organisation=plan.organisation, plan=older, words="Older", achieve_by=AGREED_ON
    )
    gone = Action.objects.create(
        organisation=plan.organisation,
        plan=older,
        outcome=outcome,
        description="Ring the day centre",
        kind=Action.Kind.COMMUNITY,
    )
    progress_on(plan, worker, AGREED_ON + datetime.timedelta(days=5), "Rang them", gone)

    prep = preparation(draft_review(plan, worker), today=TODAY)

    (row,) = prep.progress
    assert row.action_words == "Ring the day centre"
    assert "Ring the day centre" not in [
        a.action.description for o in prep.outcomes for a in o.actions
    ]


def test_it_marks_the_indicators_due_since_the_last_review(setting):
    person, worker, plan = setting
    outcome = plan.outcomes.get()
    plan.indicators.all().delete()
    for day, words in [
        (LAST_REVIEW_ON - datetime.timedelta(days=10), "Looked at last time"),
        (LAST_REVIEW_ON, "Due on the day of the last review"),
        (LAST_REVIEW_ON + datetime.timedelta(days=1), "Due since"),
        (HELD_ON, "Due on the day of this review"),
        (HELD_ON + datetime.timedelta(days=1), "Due after this review"),
    ]:
        Indicator.objects.create(
            organisation=plan.organisation,
            plan=plan,
            outcome=outcome,
            description=words,
            due_on=day,
        )
    final_review(person, plan, worker, LAST_REVIEW_ON, [0])

    prep = preparation(draft_review(plan, worker, HELD_ON), today=TODAY)

    (row,) = prep.outcomes
    assert len(row.indicators) == 5
    assert [i.description for i in row.indicators_due] == [
        "Due since",
        "Due on the day of this review",
    ]
    assert prep.indicators_due == 2
    assert prep.due_by == HELD_ON


def test_it_counts_indicators_due_by_today_until_the_review_date_is_entered(setting):
    person, worker, plan = setting
    # The built plan's indicator is due on 30 June 2026.
    assert preparation(draft_review(plan, worker), today=datetime.date(2026, 6, 29)).due_by == (
        datetime.date(2026, 6, 29)
    )
    assert (
        preparation(draft_review(plan, worker), today=datetime.date(2026, 6, 29)).indicators_due
        == 0
    )
    assert (
        preparation(draft_review(plan, worker), today=datetime.date(2026, 6, 30)).indicators_due
        == 1
    )


@pytest.mark.parametrize(
    ("due_on", "after", "due"),
    [
        (datetime.date(2026, 7, 15), None, True),
        (datetime.date(2026, 7, 16), None, False),
        (datetime.date(2026, 1, 1), None, True),
        (datetime.date(2026, 6, 1), datetime.date(2026, 6, 1), False),
        (datetime.date(2026, 6, 2), datetime.date(2026, 6, 1), True),
        (None, None, False),
    ],
)
def test_it_decides_whether_an_indicator_is_due(due_on, after, due):
    assert indicator_is_due(due_on, due_by=datetime.date(2026, 7, 15), after=after) is due


def test_it_lists_the_previous_final_reviews_newest_first_with_their_ratings(setting):
    person, worker, plan = setting
    older = final_review(person, plan, worker, datetime.date(2026, 4, 1), [-1, 0])
    newer = final_review(person, plan, worker, LAST_REVIEW_ON, [1])

    prep = preparation(draft_review(plan, worker), today=TODAY)

    assert [p.review for p in prep.past_reviews] == [newer, older]
    assert [e.gas_level for e in prep.past_reviews[1].evaluations] == [-1, 0]


def test_it_has_no_answers_when_the_person_gave_none(setting):
    _person, worker, plan = setting
    prep = preparation(draft_review(plan, worker), today=TODAY)
    assert prep.consultation is None and prep.invitations == []


def test_it_takes_the_latest_consultation_since_the_last_final_review(setting):
    person, worker, plan = setting
    consultation(plan, worker, at(datetime.date(2026, 5, 1)), what_is_working="Before")
    last = final_review(person, plan, worker, LAST_REVIEW_ON, [0])
    Review.objects.filter(pk=last.pk).update(finalised_at=at(LAST_REVIEW_ON))
    consultation(plan, worker, at(datetime.date(2026, 6, 20)), what_is_working="Earlier since")
    latest = consultation(plan, worker, at(datetime.date(2026, 7, 1)), what_is_working="Latest")
    ProviderInvitation.objects.create(consultation=latest, name="Riverside Care Ltd", invited=True)

    prep = preparation(draft_review(plan, worker), today=TODAY)

    assert prep.consultation == latest
    assert [i.name for i in prep.invitations] == ["Riverside Care Ltd"]


def test_it_ignores_a_consultation_from_before_the_last_review(setting):
    person, worker, plan = setting
    consultation(plan, worker, at(datetime.date(2026, 5, 1)), what_is_working="Before")
    final_review(person, plan, worker, LAST_REVIEW_ON, [0])  # held, no finalised time recorded

    assert preparation(draft_review(plan, worker), today=TODAY).consultation is None


def test_it_uses_the_consultation_the_review_keeps(setting):
    _person, worker, plan = setting
    kept = consultation(plan, worker, at(datetime.date(2026, 6, 20)), what_is_working="Kept")
    consultation(plan, worker, at(datetime.date(2026, 7, 1)), what_is_working="Later")
    review = draft_review(plan, worker)
    Review.objects.filter(pk=review.pk).update(consultation=kept)
    review.refresh_from_db()
    review.plan = plan

    assert preparation(review, today=TODAY).consultation == kept


def test_it_never_shows_another_persons_consultation_or_contacts(setting):
    person, worker, plan = setting
    other = testing.make_person(person.organisation, person.team)
    other_plan = agreed_plan(other, worker)
    consultation(other_plan, worker, at(datetime.date(2026, 7, 1)), what_is_working="Not Sam's")
    contact_on(other_plan, worker, datetime.date(2026, 7, 1), "Not Sam's")
    progress_on(other_plan, worker, datetime.date(2026, 7, 1), "Not Sam's")

    prep = preparation(draft_review(plan, worker), today=TODAY)

    assert prep.consultation is None and prep.contacts == [] and prep.progress == []
