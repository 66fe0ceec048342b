"""New or different outcomes agreed at a review (R5), through their pages: added, changed and
removed on a draft review, shown on the review and its document, refused to anyone else."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem import testing
from tandem.accounts.models import Role
from tandem.audit.models import AuditAction, AuditEvent
from tandem.reviews.models import Review, ReviewOutcome
from tandem.reviews.services import review_start
from tandem.reviews.services.outcomes import loaded_stamp
from tandem.reviews.tests.between_helpers import agreed_plan, date_data, provider_for
from tandem.reviews.tests.outcomes_helpers import NEXT_YEAR, outcome_data

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


def add_url(review) -> str:
    return reverse("reviews:outcome_add", args=[review.pk])


def test_it_adds_a_new_outcome_and_lists_it_on_the_review(setting):
    _person, worker, _plan, review = setting
    client = testing.client_for(worker)
    page = client.get(reverse("reviews:review", args=[review.pk])).content.decode()
    assert "New or different outcomes" in page
    assert "No new or different outcome has been agreed at this review." in page
    assert add_url(review) in page
    form = client.get(add_url(review)).content.decode()
    assert "Is this a new outcome, or a different way of saying one of the outcomes above?" in form
    response = client.post(add_url(review), outcome_data())
    assert response.status_code == 302
    assert response.url.endswith("#new-outcomes")
    row = ReviewOutcome.objects.get(review=review)
    assert (row.words, row.changes_uid, row.achieve_by) == (
        "I want to go back to work, two days a week",
        None,
        NEXT_YEAR,
    )
    page = client.get(reverse("reviews:review", args=[review.pk])).content.decode()
    assert "I want to go back to work, two days a week" in page
    assert reverse("reviews:outcome_change", args=[review.pk, row.pk]) in page
    assert reverse("reviews:outcome_remove", args=[review.pk, row.pk]) in page
    event = AuditEvent.objects.get(action=AuditAction.REVIEW_OUTCOME)
    assert event.detail["id"] == row.pk


def test_it_adds_a_different_way_of_saying_an_outcome(setting):
    _person, worker, plan, review = setting
    outcome = plan.outcomes.order_by("position", "id").first()
    client = testing.client_for(worker)
    form = client.get(add_url(review)).content.decode()
    assert f"A different way of saying “{outcome.words}”" in form
    client.post(add_url(review), outcome_data(changes=str(outcome.uid), words="Club twice a week"))
    row = ReviewOutcome.objects.get(review=review)
    assert row.changes_uid == outcome.uid
    page = client.get(reverse("reviews:review", args=[review.pk])).content.decode()
    assert f"In place of “{outcome.words}”" in page


def test_the_same_form_sent_twice_adds_one_outcome(setting):
    _person, worker, _plan, review = setting
    client = testing.client_for(worker)
    key = str(uuid.uuid4())
    client.post(add_url(review), outcome_data(submission_key=key))
    client.post(add_url(review), outcome_data(submission_key=key))
    assert ReviewOutcome.objects.filter(review=review).count() == 1


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"changes": str(uuid.uuid4())}, "That is an unknown outcome"),
        (
            date_data("achieve_by", timezone.localdate() - datetime.timedelta(days=3)),
            "The date it should be achieved by must be in the future",
        ),
        (
            {"achieve_by_day": "31", "achieve_by_month": "2", "achieve_by_year": "2030"},
            "The date it should be achieved by must be a real date",
        ),
        ({"words": ""}, "Enter what the person wants, in their own words"),
        ({"kind": "sideways"}, "Select whether this is about change or staying well"),
    ],
)
def test_it_shows_a_clear_error_and_keeps_what_was_typed(setting, extra, message):
    _person, worker, _plan, review = setting
    data = outcome_data(**{"words": "Cook my own meals", **extra})
    response = testing.client_for(worker).post(add_url(review), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert message in page
    if extra.get("words", "x"):
        assert "Cook my own meals" in page
    assert not ReviewOutcome.objects.exists()


def test_it_changes_and_removes_an_outcome_agreed_at_the_review(setting):
    _person, worker, plan, review = setting
    client = testing.client_for(worker)
    client.post(add_url(review), outcome_data())
    row = ReviewOutcome.objects.get()
    url = reverse("reviews:outcome_change", args=[review.pk, row.pk])
    form = client.get(url).content.decode()
    assert "I want to go back to work, two days a week" in form
    outcome = plan.outcomes.order_by("position", "id").last()
    response = client.post(
        url,
        outcome_data(
            changes=str(outcome.uid), words="Work one day a week", loaded=loaded_stamp(row)
        ),
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.words, row.changes_uid) == ("Work one day a week", outcome.uid)
    remove = reverse("reviews:outcome_remove", args=[review.pk, row.pk])
    assert "Are you sure you want to remove" in client.get(remove).content.decode()
    assert client.post(remove).status_code == 302
    assert not ReviewOutcome.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.REVIEW_OUTCOME).count() == 3


def test_a_change_over_someone_elses_newer_change_is_refused_and_kept(setting):
    _person, worker, _plan, review = setting
    client = testing.client_for(worker)
    client.post(add_url(review), outcome_data())
    row = ReviewOutcome.objects.get()
    stale = loaded_stamp(row)
    ReviewOutcome.objects.filter(pk=row.pk).update(words="Changed by someone else")
    response = client.post(
        reverse("reviews:outcome_change", args=[review.pk, row.pk]),
        outcome_data(words="My own change", loaded=stale),
    )
    page = response.content.decode()
    assert "Someone else changed this outcome while you were changing it." in page
    assert "My own change" in page
    assert ReviewOutcome.objects.get().words == "Changed by someone else"


@pytest.mark.parametrize("role", ["person", "provider", "carer"])
def test_only_the_worker_may_set_outcomes_at_a_review(setting, role):
    person, _worker, _plan, review = setting
    user = {
        "person": lambda: testing.make_user_for_person(person),
        "provider": lambda: provider_for(person),
        "carer": lambda: testing.make_carer_user(person),
    }[role]()
    assert user.role in {Role.PERSON, Role.PROVIDER, Role.CARER}
    client = testing.client_for(user)
    assert client.get(add_url(review)).status_code == 403
    assert client.post(add_url(review), outcome_data()).status_code == 403
    assert not ReviewOutcome.objects.exists()


def test_another_organisations_review_is_not_found(setting):
    _person, worker, _plan, review = setting
    testing.client_for(worker).post(add_url(review), outcome_data())
    row = ReviewOutcome.objects.get()
    other = testing.make_organisation()
    stranger = testing.client_for(testing.make_worker(other, testing.make_team(other)))
    for url in (
        add_url(review),
        reverse("reviews:outcome_change", args=[review.pk, row.pk]),
        reverse("reviews:outcome_remove", args=[review.pk, row.pk]),
    ):
        assert stranger.get(url).status_code == 404
    assert stranger.post(add_url(review), outcome_data()).status_code == 404
    client = testing.client_for(worker)
    assert client.get("/reviews/reviews/abc/outcomes/add/").status_code == 404
    assert client.get(f"/reviews/reviews/{review.pk}/outcomes/99999/").status_code == 404


def test_a_final_reviews_outcomes_can_no_longer_be_changed(setting):
    _person, worker, _plan, review = setting
    client = testing.client_for(worker)
    client.post(add_url(review), outcome_data())
    row = ReviewOutcome.objects.get()
    Review.objects.filter(pk=review.pk).update(status=Review.Status.FINAL)
    assert client.get(add_url(review)).status_code == 403
    assert client.post(add_url(review), outcome_data()).status_code == 403
    change = reverse("reviews:outcome_change", args=[review.pk, row.pk])
    assert client.post(change, outcome_data(loaded=loaded_stamp(row))).status_code == 403
    remove = reverse("reviews:outcome_remove", args=[review.pk, row.pk])
    assert client.post(remove).status_code == 403
    assert ReviewOutcome.objects.count() == 1
