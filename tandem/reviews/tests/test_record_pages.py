"""The review record through its pages: start, fill in, bad input, finalise, read-only."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem import testing
from tandem.plans.models import Plan
from tandem.reviews.models import OutcomeEvaluation, Review
from tandem.reviews.tests.between_helpers import AGREED_ON, agreed_plan, date_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    organisation = testing.make_organisation()
    team = testing.make_team(organisation)
    worker = testing.make_worker(organisation, team)
    person = testing.make_person(organisation, team)
    return person, worker


def form_data(review, plan, **extra):
    today = timezone.localdate()
    data = {
        "revision": review.revision,
        "how_held": "telephone",
        "who_took_part": "Sam and her sister",
        **date_data("held_on", today),
        **date_data("next_review_on", today + datetime.timedelta(days=100)),
    }
    for n, _outcome in enumerate(plan.outcomes.order_by("position", "id")):
        data |= {f"rating_{n}": "achieved", f"evidence_{n}": "Goes every week", f"gas_{n}": "1"}
    return data | extra


def started(client, plan) -> Review:
    response = client.post(reverse("reviews:review_start", args=[plan.pk]))
    review = Review.objects.get(plan=plan)
    assert response.url == reverse("reviews:review", args=[review.pk])
    return review


def test_it_records_and_finalises_a_review_through_the_pages(setting):
    person, worker = setting
    plan = agreed_plan(person, worker, actions=2)
    client = testing.client_for(worker)
    page = client.get(reverse("reviews:carrying_out", args=[plan.pk]))
    assert "Start a review" in page.content.decode()
    review = started(client, plan)
    assert client.get(reverse("reviews:review", args=[review.pk])).status_code == 200
    response = client.post(
        reverse("reviews:review", args=[review.pk]), form_data(review, plan, finalise="1")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert OutcomeEvaluation.objects.filter(review=review, gas_level=1).count() == 2
    response = client.post(reverse("reviews:review_finalise", args=[review.pk]))
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.is_final
    final_page = client.get(reverse("reviews:review", args=[review.pk])).content.decode()
    assert "Review record" in final_page and "Save the review" not in final_page
    plan_page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert review.next_review_on.strftime("%-d %B %Y") in plan_page


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (date_data("held_on", AGREED_ON - datetime.timedelta(days=2)), "on or after the plan"),
        (
            date_data("held_on", timezone.localdate() + datetime.timedelta(days=2)),
            "must be today or in the past",
        ),
        ({"gas_0": "3"}, "Select a goal attainment level from −2 to +2"),
        (
            date_data("next_review_on", timezone.localdate() - datetime.timedelta(days=2)),
            "must be in the future",
        ),
    ],
)
def test_it_shows_a_clear_error_and_keeps_what_was_typed(setting, extra, message):
    person, worker = setting
    plan = agreed_plan(person, worker)
    client = testing.client_for(worker)
    review = started(client, plan)
    response = client.post(
        reverse("reviews:review", args=[review.pk]),
        form_data(review, plan, who_took_part="Sam and Jo", **extra),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert message in page.replace("&#x27;", "'")
    assert "Sam and Jo" in page
    assert not OutcomeEvaluation.objects.exists()


def test_it_refuses_to_finalise_an_incomplete_review(setting):
    person, worker = setting
    plan = agreed_plan(person, worker)
    client = testing.client_for(worker)
    review = started(client, plan)
    page = client.get(reverse("reviews:review_finalise", args=[review.pk])).content.decode()
    assert "Enter the date the review was held" in page
    response = client.post(reverse("reviews:review_finalise", args=[review.pk]))
    assert response.status_code == 200
    assert Review.objects.get(pk=review.pk).status == Review.Status.DRAFT


def test_it_starts_a_new_plan_version_when_one_is_needed(setting):
    person, worker = setting
    plan = agreed_plan(person, worker)
    client = testing.client_for(worker)
    review = started(client, plan)
    client.post(
        reverse("reviews:review", args=[review.pk]), form_data(review, plan, new_plan_needed="on")
    )
    response = client.post(reverse("reviews:review_finalise", args=[review.pk]))
    new = Plan.objects.get(person=person, status=Plan.Status.DRAFT)
    assert response.url == reverse("plans:detail", args=[new.pk])
    assert set(new.outcomes.values_list("uid", flat=True)) == set(
        plan.outcomes.values_list("uid", flat=True)
    )


def test_it_lets_only_workers_record_and_hides_other_organisations(setting):
    person, worker = setting
    plan = agreed_plan(person, worker)
    review = started(testing.client_for(worker), plan)
    carer = testing.make_carer_user(person)
    assert (
        testing.client_for(carer).get(reverse("reviews:review", args=[review.pk])).status_code
        == 403
    )
    other_org = testing.make_organisation()
    stranger = testing.make_worker(other_org, testing.make_team(other_org))
    assert (
        testing.client_for(stranger).get(reverse("reviews:review", args=[review.pk])).status_code
        == 404
    )
    assert testing.client_for(worker).get("/reviews/reviews/abc/").status_code == 404


@pytest.mark.parametrize("outcomes", [1, 20])
def test_it_keeps_the_review_page_queries_constant(setting, outcomes, django_assert_num_queries):
    person, worker = setting
    plan = agreed_plan(person, worker, actions=outcomes)
    client = testing.client_for(worker)
    review = started(client, plan)
    client.post(reverse("reviews:review", args=[review.pk]), form_data(review, plan))
    with django_assert_num_queries(QUERIES):
        client.get(reverse("reviews:review", args=[review.pk]))


QUERIES = 18  # the same for 1 and 20 outcomes (with their GAS levels and new outcomes); 7 before
# the preparation (R4), the levels in the person's words and new outcomes joined the page


def test_a_save_over_someone_elses_is_refused_keeps_what_was_typed_and_can_be_made_again(
    setting,
):
    person, worker = setting
    plan = agreed_plan(person, worker)
    other = testing.make_worker(person.organisation, person.team)
    client = testing.client_for(worker)
    review = started(client, plan)
    url = reverse("reviews:review", args=[review.pk])
    loaded = form_data(review, plan)  # both loaded revision 1
    testing.client_for(other).post(url, loaded | {"who_took_part": "Jo and Sam"})

    response = client.post(url, loaded | {"who_took_part": "Sam, Jo and her sister"})

    page = response.content.decode()
    assert "Someone else changed this review while you were editing it." in page
    assert "Sam, Jo and her sister</textarea>" in page
    assert 'name="revision" value="2"' in page
    review.refresh_from_db()
    assert review.who_took_part == "Jo and Sam"
    again = client.post(url, loaded | {"revision": 2, "who_took_part": "Sam, Jo and her sister"})
    assert again.status_code == 302
    review.refresh_from_db()
    assert review.who_took_part == "Sam, Jo and her sister"
