"""The review record's services: start, answers, outcome ratings and finalising (R5–R9)."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from tandem import testing
from tandem.accounts.models import Role
from tandem.audit.models import AuditAction, AuditEvent
from tandem.errors import EditConflict, Refused
from tandem.people.models import Person
from tandem.plans.models import Outcome, Plan
from tandem.reviews import services
from tandem.reviews.models import OutcomeEvaluation, Review
from tandem.reviews.selectors import next_review_for
from tandem.reviews.tests.between_helpers import AGREED_ON, agreed_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    organisation = testing.make_organisation()
    team = testing.make_team(organisation)
    worker = testing.make_worker(organisation, team)
    person = testing.make_person(organisation, team)
    return person, worker


def ready_review(person, worker, outcomes: int = 1, **answers) -> Review:
    plan = agreed_plan(person, worker, actions=outcomes)
    review = services.review_start(plan=plan, actor=worker)
    today = timezone.localdate()
    data = {
        "held_on": today,
        "how_held": Review.HowHeld.TELEPHONE,
        "next_review_on": today + datetime.timedelta(days=180),
        **answers,
    }
    review = services.review_update(
        review=review, data=data, revision=review.revision, actor=worker
    )
    for outcome in Outcome.objects.filter(plan=plan):
        services.evaluation_save(
            review=review,
            outcome_uid=outcome.uid,
            rating=OutcomeEvaluation.Rating.ACHIEVED,
            evidence="Goes to the club every week",
            gas_level=1,
            actor=worker,
        )
    return review


def test_it_starts_one_draft_review_per_person(setting):
    person, worker = setting
    plan = agreed_plan(person, worker)
    first = services.review_start(plan=plan, actor=worker)
    again = services.review_start(plan=plan, actor=worker)
    assert again.pk == first.pk
    assert Review.objects.filter(person=person).count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.REVIEW_START).count() == 1


def test_it_refuses_to_review_a_plan_not_agreed(setting):
    person, worker = setting
    plan = testing.make_plan(person, worker)
    with pytest.raises(Refused):
        services.review_start(plan=plan, actor=worker)


def test_it_refuses_a_review_from_someone_not_a_worker(setting):
    person, worker = setting
    plan = agreed_plan(person, worker)
    manager = testing.make_user(person.organisation, role=Role.PROVIDER)
    with pytest.raises(Refused):
        services.review_start(plan=plan, actor=manager)


def test_it_refuses_a_review_held_before_the_plan_was_agreed(setting):
    person, worker = setting
    review = services.review_start(plan=agreed_plan(person, worker), actor=worker)
    with pytest.raises(Refused, match="on or after the plan was agreed"):
        services.review_update(
            review=review,
            data={"held_on": AGREED_ON - datetime.timedelta(days=1)},
            revision=review.revision,
            actor=worker,
        )


def test_it_refuses_a_review_held_in_the_future(setting):
    person, worker = setting
    review = services.review_start(plan=agreed_plan(person, worker), actor=worker)
    with pytest.raises(Refused, match="today or in the past"):
        services.review_update(
            review=review,
            data={"held_on": timezone.localdate() + datetime.timedelta(days=1)},
            revision=review.revision,
            actor=worker,
        )


def test_it_refuses_a_next_review_in_the_past(setting):
    person, worker = setting
    review = services.review_start(plan=agreed_plan(person, worker), actor=worker)
    with pytest.raises(Refused, match="in the future"):
        services.review_update(
            review=review,
            data={"next_review_on": timezone.localdate() - datetime.timedelta(days=1)},
            revision=review.revision,
            actor=worker,
        )


def test_it_refuses_a_save_over_a_newer_one(setting):
    person, worker = setting
    review = services.review_start(plan=agreed_plan(person, worker), actor=worker)
    services.review_update(review=review, data={"who_took_part": "Sam"}, revision=1, actor=worker)
    with pytest.raises(EditConflict):
        services.review_update(
            review=review, data={"who_took_part": "Alex"}, revision=1, actor=worker
        )
    assert Review.objects.get(pk=review.pk).who_took_part == "Sam"


def test_it_refuses_an_outcome_not_in_the_plan(setting):
    person, worker = setting
    review = services.review_start(plan=agreed_plan(person, worker), actor=worker)
    with pytest.raises(Refused, match="Choose an outcome of this plan"):
        services.evaluation_save(
            review=review,
            outcome_uid=__import__("uuid").uuid4(),
            rating="achieved",
            evidence="",
            gas_level=None,
            actor=worker,
        )


def test_it_refuses_a_gas_level_of_3(setting):
    person, worker = setting
    plan = agreed_plan(person, worker)
    review = services.review_start(plan=plan, actor=worker)
    with pytest.raises(Refused, match="−2 to \\+2"):
        services.evaluation_save(
            review=review,
            outcome_uid=plan.outcomes.first().uid,
            rating="achieved",
            evidence="",
            gas_level=3,
            actor=worker,
        )
    assert not OutcomeEvaluation.objects.exists()


def test_it_refuses_to_finalise_with_an_outcome_unrated(setting):
    person, worker = setting
    plan = agreed_plan(person, worker, actions=2)
    review = services.review_start(plan=plan, actor=worker)
    first = plan.outcomes.order_by("position", "id").first()
    services.evaluation_save(
        review=review,
        outcome_uid=first.uid,
        rating="achieved",
        evidence="",
        gas_level=None,
        actor=worker,
    )
    with pytest.raises(Refused):
        services.review_finalise(review=review, actor=worker)
    assert Review.objects.get(pk=review.pk).status == Review.Status.DRAFT


def test_it_needs_best_interest_decisions_when_the_person_lacks_capacity(setting):
    person, worker = setting
    review = ready_review(person, worker)
    Person.objects.filter(pk=person.pk).update(capacity=Person.Capacity.LACKS_CAPACITY)
    with pytest.raises(Refused, match="best-interest"):
        services.review_finalise(review=review, actor=worker)
    services.review_update(
        review=review,
        data={"best_interest_decisions": "Agreed with her sister to keep the club"},
        revision=Review.objects.get(pk=review.pk).revision,
        actor=worker,
    )
    assert services.review_finalise(review=review, actor=worker).review.is_final


def test_it_finalises_and_freezes_the_review_and_tracks_the_copy(setting):
    person, worker = setting
    review = ready_review(person, worker)
    final = services.review_finalise(review=review, actor=worker).review
    assert final.is_final
    assert final.finalised_by == worker
    assert final.copy_due_on == final.held_on + datetime.timedelta(weeks=3)
    assert final.copy_sent_at is None
    with pytest.raises(Refused):
        services.review_update(
            review=final, data={"who_took_part": "x"}, revision=final.revision, actor=worker
        )
    with pytest.raises(Refused):
        services.review_finalise(review=final, actor=worker)


def test_it_never_lets_two_people_finalise_one_review(setting):
    person, worker = setting
    review = ready_review(person, worker)
    other = testing.make_worker(person.organisation, person.team)
    real_problems = services.review_finalise_problems

    def someone_else_finalises_meanwhile(current, *, today):
        # The other worker's finalising lands between this one's checks and its update.
        Review.objects.filter(pk=current.pk).update(status=Review.Status.FINAL, finalised_by=other)
        return real_problems(current, today=today)

    with mock.patch.object(
        services, "review_finalise_problems", side_effect=someone_else_finalises_meanwhile
    ):
        with pytest.raises(Refused, match="already been finalised"):
            services.review_finalise(review=review, actor=worker)
    # (The other's update was made inside this transaction, so it is undone with it here.)
    assert Review.objects.get(pk=review.pk).finalised_by != worker
    assert AuditEvent.objects.filter(action=AuditAction.REVIEW_FINALISE).count() == 0


def test_it_starts_a_new_plan_version_carrying_the_outcome_uids(setting):
    person, worker = setting
    review = ready_review(person, worker, outcomes=2, new_plan_needed=True)
    result = services.review_finalise(review=review, actor=worker)
    assert result.new_plan is not None
    assert result.new_plan.status == Plan.Status.DRAFT
    old = set(Outcome.objects.filter(plan=review.plan).values_list("uid", flat=True))
    new = set(Outcome.objects.filter(plan=result.new_plan).values_list("uid", flat=True))
    assert old == new and len(old) == 2


def test_it_takes_the_next_review_from_the_one_agreed_at_the_last_review(setting):
    person, worker = setting
    agreed_for = timezone.localdate() + datetime.timedelta(days=40)
    review = ready_review(person, worker, next_review_on=agreed_for)
    services.review_finalise(review=review, actor=worker)
    upcoming = next_review_for(Plan.objects.get(pk=review.plan_id))
    assert upcoming is not None
    assert upcoming.due_on == agreed_for


def test_a_refused_rating_leaves_none_of_the_reviews_answers_saved(setting):
    """The page saves answers and ratings together: the second refused, the first is undone."""
    import uuid

    person, worker = setting
    review = services.review_start(plan=agreed_plan(person, worker), actor=worker)
    outcome = Outcome.objects.get(plan=review.plan)
    rated = {"rating": "achieved", "evidence": "Goes every week", "gas_level": 1}
    with pytest.raises(Refused, match="Choose an outcome of this plan"):
        services.review_save(
            review=review,
            data={"how_held": Review.HowHeld.TELEPHONE, "who_took_part": "Sam and Alex"},
            evaluations=[
                {"outcome_uid": outcome.uid, **rated},
                {"outcome_uid": uuid.uuid4(), **rated},
            ],
            revision=review.revision,
            actor=worker,
        )
    review.refresh_from_db()
    assert (review.how_held, review.who_took_part, review.revision) == ("", "", 1)
    assert not OutcomeEvaluation.objects.filter(review=review).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.REVIEW_UPDATE).exists()
