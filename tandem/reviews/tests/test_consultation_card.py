"""The "Next review" card says whether the consultation (R3) is due or recorded, and links to it
for those who may record it; the person's own page says "Get ready for your review" when it is
time. The card keeps its number of queries however many providers the plan has."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem import testing
from tandem.reviews.tests.consultation_helpers import (
    CONSULT_FROM,
    DUE,
    NOT_YET_DUE,
    agreed_plan,
    form_data,
    provider_user,
)

pytestmark = pytest.mark.django_db


def pages(plan) -> list[str]:
    return [
        reverse("plans:detail", args=[plan.pk]),
        reverse("people:detail", args=[plan.person_id]),
    ]


def card(html: str) -> str:
    start = html.index('data-testid="next-review-card"')
    return html[start : html.index("</dl>", start)]


def consultation_url(plan) -> str:
    return reverse("reviews:consultation", args=[plan.person_id])


def record(plan, user) -> None:
    response = testing.client_for(user).post(consultation_url(plan), form_data(plan))
    assert response.status_code == 302


def test_it_is_not_yet_due_four_weeks_and_more_before_the_review(client_for, worker, person):
    plan = agreed_plan(person, worker)
    with time_machine.travel(NOT_YET_DUE, tick=False):
        for address in pages(plan):
            shown = card(client_for(worker).get(address).content.decode())
            assert f"Ask the person whom to invite by {CONSULT_FROM} (R3)" in shown
            assert "Consultation due" not in shown
            assert "Record the answers" in shown


@time_machine.travel(DUE, tick=False)
def test_it_tags_the_consultation_due_with_a_link_to_record_it(client_for, worker, person):
    plan = agreed_plan(person, worker)
    for address in pages(plan):
        shown = card(client_for(worker).get(address).content.decode())
        assert '<strong class="govuk-tag govuk-tag--yellow">Consultation due</strong>' in shown
        assert consultation_url(plan) in shown
    plan_card = card(client_for(worker).get(pages(plan)[0]).content.decode())
    assert f"{consultation_url(plan)}?from=plan" in plan_card


@time_machine.travel(DUE, tick=False)
def test_it_says_when_the_consultation_was_recorded(client_for, worker, person, person_user):
    plan = agreed_plan(person, worker)
    record(plan, person_user)
    for address in pages(plan):
        shown = card(client_for(worker).get(address).content.decode())
        assert "Recorded on 1 April 2026" in shown
        assert "Consultation due" not in shown
        assert "Change the answers" in shown


@time_machine.travel(DUE, tick=False)
def test_a_provider_sees_the_card_without_the_link(client_for, worker, person):
    plan = agreed_plan(person, worker)
    shown = card(client_for(provider_user(person)).get(pages(plan)[1]).content.decode())
    assert "Consultation due" in shown
    assert consultation_url(plan) not in shown


# The person's own page ------------------------------------------------------------------------


def home_link(client, plan) -> bool:
    html = client.get(reverse("people:detail", args=[plan.person_id])).content.decode()
    return 'data-testid="consultation-link"' in html and "Get ready for your review" in html


def test_the_person_is_asked_to_get_ready_once_it_is_due(client_for, worker, person, person_user):
    plan = agreed_plan(person, worker)
    client = client_for(person_user)
    with time_machine.travel(NOT_YET_DUE, tick=False):
        assert not home_link(client, plan)
    with time_machine.travel(DUE, tick=False):
        assert home_link(client, plan)
        # Still open once answered, to change the answers until the review.
        record(plan, person_user)
        assert home_link(client, plan)


@time_machine.travel(DUE, tick=False)
def test_only_the_person_gets_the_link_on_their_page(client_for, worker, person):
    plan = agreed_plan(person, worker)
    assert not home_link(client_for(worker), plan)


@time_machine.travel(DUE, tick=False)
def test_there_is_no_link_without_an_agreed_plan(client_for, worker, person, person_user):
    plan = testing.make_plan(person, worker)
    assert not home_link(client_for(person_user), plan)


# Queries --------------------------------------------------------------------------------------


def queries(client, address) -> int:
    client.get(address)  # warm the session
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    assert "next-review-card" in response.content.decode()
    return len(captured)


@time_machine.travel(DUE, tick=False)
@pytest.mark.parametrize("page", [0, 1], ids=["plan page", "person page"])
@pytest.mark.parametrize("viewer", ["worker", "person"])
def test_the_card_keeps_its_queries_with_1_or_20_providers_recorded(
    client_for, worker, org, team, page, viewer
):
    counts = []
    for providers in (1, 20):
        person = testing.make_person(org, team, allocated_worker=worker)
        person_user = testing.make_user_for_person(person)
        plan = agreed_plan(person, worker, providers=providers)
        record(plan, person_user)
        client = client_for(worker if viewer == "worker" else person_user)
        counts.append(queries(client, pages(plan)[page]))
    assert counts[0] == counts[1]
