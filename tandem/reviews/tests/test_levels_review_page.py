"""At the review, each outcome's GAS level is chosen against the person's own description of each
level, shown beside the standard words – in one query for the whole plan."""

import datetime

import pytest
from django.urls import reverse

from tandem import testing
from tandem.reviews.models import ReviewOutcome
from tandem.reviews.services import review_start
from tandem.reviews.tests.between_helpers import agreed_plan
from tandem.reviews.tests.levels_helpers import describe_levels
from tandem.reviews.tests.test_record_pages import QUERIES

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    organisation = testing.make_organisation()
    team = testing.make_team(organisation)
    worker = testing.make_worker(organisation, team)
    person = testing.make_person(organisation, team)
    return person, worker


def test_it_shows_the_persons_words_beside_each_level(setting):
    person, worker = setting
    plan = agreed_plan(person, worker, actions=2)
    first, second = plan.outcomes.order_by("position", "id")
    describe_levels(first, {0: "I go to the club every week", 2: "I help run the club"})
    review = review_start(plan=plan, actor=worker)
    page = testing.client_for(worker).get(reverse("reviews:review", args=[review.pk]))
    html = page.content.decode()
    assert f"In the person’s words: “I go to the club every week ({first.pk})”" in html
    assert f"In the person’s words: “I help run the club ({first.pk})”" in html
    # The hint is tied to its radio, and the standard words are still there.
    assert 'id="id_gas_0_2-item-hint"' in html
    assert "+2: much more than expected" in html
    # The second outcome has no levels described: no hints for it.
    assert "id_gas_1_2-item-hint" not in html
    assert f"({second.pk})”" not in html


@pytest.mark.parametrize("outcomes", [1, 20])
def test_it_keeps_the_review_page_queries_constant_with_levels_and_new_outcomes(
    setting, outcomes, django_assert_num_queries
):
    person, worker = setting
    plan = agreed_plan(person, worker, actions=outcomes)
    for outcome in plan.outcomes.all():
        describe_levels(outcome)
    review = review_start(plan=plan, actor=worker)
    ReviewOutcome.objects.bulk_create(
        ReviewOutcome(
            review=review,
            words=f"New outcome {n}",
            achieve_by=datetime.date(2030, 1, 1),
            changes_uid=outcome.uid if n % 2 else None,
        )
        for n, outcome in enumerate(plan.outcomes.all())
    )
    client = testing.client_for(worker)
    with django_assert_num_queries(QUERIES):
        page = client.get(reverse("reviews:review", args=[review.pk]))
    assert page.content.decode().count("In the person’s words") == 5 * outcomes
