"""R5/R9: when a review is finalised with a new plan needed, the outcomes agreed at it go into
the new draft version: a new one is added, a different one replaces the words of the outcome it
changes and keeps its uid."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem import testing
from tandem.errors import Refused
from tandem.plans.models import Outcome, Plan
from tandem.plans.tests.helpers import snapshot_of
from tandem.reviews.models import Review, ReviewOutcome
from tandem.reviews.services import (
    evaluation_save,
    review_finalise,
    review_finalise_problems,
    review_start,
    review_update,
)
from tandem.reviews.services.outcomes import (
    review_outcome_add,
    review_outcome_change,
    review_outcome_remove,
)
from tandem.reviews.tests.between_helpers import agreed_plan
from tandem.reviews.tests.outcomes_helpers import NEXT_YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    organisation = testing.make_organisation()
    team = testing.make_team(organisation)
    worker = testing.make_worker(organisation, team)
    person = testing.make_person(organisation, team)
    plan = agreed_plan(person, worker, actions=2)
    review = review_start(plan=plan, actor=worker)
    return person, worker, plan, review


def completed(review, plan, worker, *, new_plan_needed=True) -> Review:
    today = timezone.localdate()
    review = review_update(
        review=review,
        data={
            "held_on": today,
            "how_held": "telephone",
            "next_review_on": today + datetime.timedelta(days=200),
            "new_plan_needed": new_plan_needed,
        },
        revision=review.revision,
        actor=worker,
    )
    for outcome in plan.outcomes.all():
        evaluation_save(
            review=review,
            outcome_uid=outcome.uid,
            rating="partly",
            evidence="",
            gas_level=0,
            actor=worker,
        )
    return review


def test_the_new_version_carries_the_outcomes_uids_and_the_new_outcome(setting):
    person, worker, plan, review = setting
    kept, reworded = plan.outcomes.order_by("position", "id")
    different = review_outcome_add(
        review=review,
        words="Go to the club twice a week",
        kind="maintain",
        achieve_by=NEXT_YEAR,
        changes_uid=reworded.uid,
        actor=worker,
    )
    new = review_outcome_add(
        review=review,
        words="Cook my own meals",
        kind="change",
        achieve_by=NEXT_YEAR,
        life_area="ascot:food_drink",
        actor=worker,
    )
    result = review_finalise(review=completed(review, plan, worker), actor=worker)
    draft = result.new_plan
    assert draft is not None and draft.status == Plan.Status.DRAFT
    outcomes = {o.uid: o for o in Outcome.objects.filter(plan=draft)}
    # Every outcome of the reviewed plan is there with its uid, and one more.
    assert set(plan.outcomes.values_list("uid", flat=True)) < set(outcomes)
    assert len(outcomes) == 3
    assert outcomes[kept.uid].words == kept.words
    changed = outcomes[reworded.uid]
    assert (changed.words, changed.kind, changed.achieve_by) == (
        "Go to the club twice a week",
        "maintain",
        NEXT_YEAR,
    )
    # It keeps its indicators and actions in the draft.
    assert changed.indicators.count() == reworded.indicators.count() > 0
    different.refresh_from_db()
    new.refresh_from_db()
    assert different.outcome_uid == reworded.uid
    added = outcomes[new.outcome_uid]
    assert (added.words, added.plan_id) == ("Cook my own meals", draft.pk)
    assert added.life_area == "ascot:food_drink"  # counted with other outcomes in that area of life
    assert changed.life_area == reworded.life_area  # none given: the outcome's own is kept
    assert added.position > max(kept.position, reworded.position)
    # The reviewed, agreed plan is unchanged.
    reworded.refresh_from_db()
    assert reworded.words != "Go to the club twice a week"


def test_finalising_through_the_pages_opens_the_draft_with_the_new_outcome(setting):
    person, worker, plan, review = setting
    client = testing.client_for(worker)
    review_outcome_add(
        review=review, words="Cook my own meals", kind="change", achieve_by=NEXT_YEAR, actor=worker
    )
    completed(review, plan, worker)
    response = client.post(reverse("reviews:review_finalise", args=[review.pk]))
    draft = Plan.objects.get(person=person, status=Plan.Status.DRAFT)
    assert response.url == reverse("plans:detail", args=[draft.pk])
    assert draft.outcomes.filter(words="Cook my own meals").exists()
    document = client.get(reverse("reviews:review_document", args=[review.pk])).content.decode()
    assert "New or different outcomes" in document
    assert "Cook my own meals" in document
    final = client.get(reverse("reviews:review", args=[review.pk])).content.decode()
    assert "Cook my own meals" in final
    assert reverse("reviews:outcome_add", args=[review.pk]) not in final


def test_outcomes_agreed_without_a_new_plan_stop_the_review_being_finalised(setting):
    _person, worker, plan, review = setting
    review_outcome_add(
        review=review, words="Cook my own meals", kind="change", achieve_by=NEXT_YEAR, actor=worker
    )
    review = completed(review, plan, worker, new_plan_needed=False)
    problems = review_finalise_problems(review, today=timezone.localdate())
    assert problems == [
        "Say that a new plan is needed, so the outcomes agreed at the review go into it"
    ]
    with pytest.raises(Refused):
        review_finalise(review=review, actor=worker)
    assert Review.objects.get(pk=review.pk).status == Review.Status.DRAFT


def test_it_refuses_an_unknown_outcome(setting):
    _person, worker, _plan, review = setting
    other_person = testing.make_person(review.organisation, testing.make_team(review.organisation))
    elsewhere = agreed_plan(other_person, worker).outcomes.first()
    for uid in (uuid.uuid4(), elsewhere.uid):
        with pytest.raises(Refused, match="That is an unknown outcome"):
            review_outcome_add(
                review=review,
                words="Something",
                kind="change",
                achieve_by=NEXT_YEAR,
                changes_uid=uid,
                actor=worker,
            )
    assert not ReviewOutcome.objects.exists()


def test_it_refuses_a_second_rewording_of_the_same_outcome(setting):
    _person, worker, plan, review = setting
    outcome = plan.outcomes.first()
    values = {"kind": "change", "achieve_by": NEXT_YEAR, "changes_uid": outcome.uid}
    review_outcome_add(review=review, words="One way", actor=worker, **values)
    with pytest.raises(Refused, match="has already been added"):
        review_outcome_add(review=review, words="Another way", actor=worker, **values)


def test_it_refuses_a_date_in_the_past_and_a_final_review(setting):
    _person, worker, plan, review = setting
    with pytest.raises(Refused, match="must be in the future"):
        review_outcome_add(
            review=review,
            words="Something",
            kind="change",
            achieve_by=timezone.localdate(),
            actor=worker,
        )
    row = review_outcome_add(
        review=review, words="Something", kind="change", achieve_by=NEXT_YEAR, actor=worker
    )
    Review.objects.filter(pk=review.pk).update(status=Review.Status.FINAL)
    with pytest.raises(Refused, match="finalised"):
        review_outcome_add(
            review=review, words="More", kind="change", achieve_by=NEXT_YEAR, actor=worker
        )
    with pytest.raises(Refused, match="finalised"):
        review_outcome_remove(row=row, actor=worker)
    assert ReviewOutcome.objects.count() == 1


def test_it_refuses_anyone_but_the_worker(setting):
    person, worker, plan, review = setting
    row = review_outcome_add(
        review=review, words="Something", kind="change", achieve_by=NEXT_YEAR, actor=worker
    )
    for user in (testing.make_user_for_person(person), testing.make_carer_user(person)):
        with pytest.raises(Refused):
            review_outcome_add(
                review=review, words="Mine", kind="change", achieve_by=NEXT_YEAR, actor=user
            )
        with pytest.raises(Refused):
            review_outcome_change(
                row=row,
                words="Mine",
                kind="change",
                achieve_by=NEXT_YEAR,
                loaded="",
                actor=user,
            )
    assert ReviewOutcome.objects.get().words == "Something"


def test_the_new_versions_snapshot_says_what_the_review_found(setting):
    _person, worker, plan, review = setting
    review = completed(review, plan, worker)
    draft = review_finalise(review=review, actor=worker).new_plan
    found = snapshot_of(draft)["review"]
    assert (found["id"], found["version_number"], found["new_plan_needed"]) == (
        review.pk,
        plan.version_number,
        True,
    )
    assert found["held_on"] == timezone.localdate().isoformat()
    assert {o["uid"]: o["rating_label"] for o in found["outcomes"]} == {
        str(uid): "Partly achieved" for uid in plan.outcomes.values_list("uid", flat=True)
    }
    # The reviewed version is agreed and never changes (A4): its own review is not in it.
    assert snapshot_of(plan)["review"] == {}


def test_it_refuses_an_area_of_life_not_in_the_list(setting):
    _person, worker, _plan, review = setting
    with pytest.raises(Refused, match="Select an area of life from the list"):
        review_outcome_add(
            review=review,
            words="Cook my own meals",
            kind="change",
            achieve_by=NEXT_YEAR,
            life_area="ascot:made_up",
            actor=worker,
        )
