"""The consultation page (R3–R5): the person in their own login, a carer who may represent
them, or a worker with the person says whom they want at the review, how it should be held,
whether each provider is invited or why not, and in their own words how things are going."""

import pytest
import time_machine
from django.urls import reverse

from tandem import testing
from tandem.audit.models import AuditAction, AuditEvent
from tandem.people.models import CircleMember
from tandem.reviews.models import Consultation
from tandem.reviews.tests.consultation_helpers import (
    CONSULT_FROM,
    DUE,
    NOT_YET_DUE,
    REVIEW_DUE,
    SUPPORT_PROVIDER,
    agreed_plan,
    circle_provider,
    form_data,
    provider_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def on_the_day_it_is_due():
    with time_machine.travel(DUE, tick=False):
        yield


def url(person, **query) -> str:
    address = reverse("reviews:consultation", args=[person.pk])
    return f"{address}?from={query['came_from']}" if "came_from" in query else address


def test_the_person_sees_when_their_review_is_due_and_why(client_for, worker, person, person_user):
    agreed_plan(person, worker)
    html = client_for(person_user).get(url(person)).content.decode()
    assert "Get ready for your review" in html
    assert REVIEW_DUE in html
    assert "6 weeks after new support started on 16 March 2026 (R1)" in html
    assert "Due now" in html
    assert f"We ask from {CONSULT_FROM}, so there is time to plan the review" in html
    for question in (
        "Who do you want to be at your review?",
        "How would you like your review to be held?",
        f"Should {SUPPORT_PROVIDER} be invited to your review?",
        "What is working?",
        "What is not working?",
        "What do you want to change?",
        "Your worker will see your answers before the meeting",
    ):
        assert question in html
    assert 'data-testid="with-person"' not in html


def test_it_may_be_answered_before_it_is_due(client_for, worker, person, person_user):
    plan = agreed_plan(person, worker)
    with time_machine.travel(NOT_YET_DUE, tick=False):
        html = client_for(person_user).get(url(person)).content.decode()
        assert f"We will ask you from {CONSULT_FROM}. You can answer now" in html
        assert "Due now" not in html
        shown = client_for(worker).get(url(person)).content.decode()
        assert f"Due from {CONSULT_FROM}" in shown
        assert client_for(person_user).post(url(person), form_data(plan)).status_code == 302
    assert Consultation.objects.count() == 1


def test_the_person_records_their_answers_and_goes_back(client_for, worker, person, person_user):
    plan = agreed_plan(person, worker)
    client = client_for(person_user)
    response = client.post(url(person), form_data(plan), follow=True)
    assert response.redirect_chain[-1][0] == reverse("people:detail", args=[person.pk])
    assert "Your answers have been saved" in response.content.decode()
    consultation = Consultation.objects.get()
    assert consultation.what_is_working == "The gardening club"
    assert consultation.how_held == "telephone"
    assert (consultation.with_person, consultation.answered_by) == (False, person_user)
    assert consultation.providers.get().invited is True


def test_a_worker_records_it_with_the_person_and_goes_back_to_the_plan(client_for, worker, person):
    plan = agreed_plan(person, worker)
    client = client_for(worker)
    html = client.get(url(person, came_from="plan")).content.decode()
    assert "You are recording these answers with Pri" in html
    assert "Get ready for Pri’s review" in html
    response = client.post(url(person, came_from="plan"), form_data(plan))
    assert response.url == reverse("plans:detail", args=[plan.pk])
    assert Consultation.objects.get().with_person is True


def test_a_carer_who_may_represent_the_person_answers_for_them(
    client_for, worker, person, carer_user
):
    plan = agreed_plan(person, worker)
    client = client_for(carer_user)
    assert "You are answering for Pri" in client.get(url(person)).content.decode()
    assert client.post(url(person), form_data(plan)).status_code == 302
    assert Consultation.objects.get().answered_by == carer_user


def test_the_page_shows_what_is_recorded_to_change_it(client_for, worker, person, person_user):
    plan = agreed_plan(person, worker)
    client = client_for(person_user)
    client.post(url(person), form_data(plan, invited={SUPPORT_PROVIDER: "A written report"}))
    html = client.get(url(person)).content.decode()
    assert "Recorded" in html
    assert 'name="revision" value="1"' in html
    assert "The gardening club</textarea>" in html
    assert "A written report</textarea>" in html
    no = html.index('value="no"')
    assert "checked" in html[no : html.index(">", no)]


def test_a_form_with_errors_keeps_what_was_typed(client_for, worker, person, person_user):
    plan = agreed_plan(person, worker)
    circle_provider(plan)
    data = form_data(plan, how_held="", invited={"Brightside Care": None, SUPPORT_PROVIDER: ""})
    data["invited_1"] = "no"
    data["what_is_not_working"] = "The bus <is> late"
    response = client_for(person_user).post(url(person), data)
    assert response.status_code == 200
    html = response.content.decode()
    summary = html[
        html.index("govuk-error-summary") : html.index("</ul>", html.index("govuk-error-summary"))
    ]
    assert "There is a problem" in summary
    assert "Select how you would like your review to be held" in summary
    assert "Say whether Brightside Care is invited, or why not" in summary
    assert f"Say why {SUPPORT_PROVIDER} is not invited" in summary
    assert 'href="#id_invited_0_0"' in summary
    assert 'href="#id_reason_1"' in summary
    assert "The bus &lt;is&gt; late</textarea>" in html
    assert "My sister Meena</textarea>" in html
    assert not Consultation.objects.exists()


def test_why_not_is_always_shown_and_no_radio_carries_aria_expanded(
    client_for, worker, person, person_user
):
    """A conditional reveal would put aria-expanded on the radio, which ARIA does not allow."""
    agreed_plan(person, worker)
    html = client_for(person_user).get(url(person)).content.decode()
    assert "data-aria-controls" not in html and "govuk-radios__conditional" not in html
    assert 'name="reason_0"' in html


def test_a_save_over_someone_elses_newer_answers_is_refused_and_kept(
    client_for, worker, person, person_user
):
    plan = agreed_plan(person, worker)
    client_for(person_user).post(url(person), form_data(plan))  # revision 1
    client_for(worker).post(url(person), form_data(plan, revision=1, what_to_change="Swim"))
    response = client_for(person_user).post(
        url(person), form_data(plan, revision=1, what_to_change="Dance")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else changed these answers while you were writing yours" in html
    assert "What is saved now" in html and "Swim" in html
    assert "Dance</textarea>" in html
    assert Consultation.objects.get().what_to_change == "Swim"
    # The form now carries the saved revision, so saving again replaces it.
    assert 'name="revision" value="2"' in html
    client_for(person_user).post(url(person), form_data(plan, revision=2, what_to_change="Dance"))
    assert Consultation.objects.get().what_to_change == "Dance"


def test_a_double_click_saves_once(client_for, worker, person, person_user):
    plan = agreed_plan(person, worker)
    client = client_for(person_user)
    assert client.post(url(person), form_data(plan)).status_code == 302
    assert client.post(url(person), form_data(plan)).status_code == 302
    assert Consultation.objects.count() == 1


def test_it_says_there_is_nothing_to_review_without_an_agreed_plan(
    client_for, worker, person, person_user
):
    testing.make_plan(person, worker)
    client = client_for(person_user)
    for response in (client.get(url(person)), client.post(url(person), {})):
        assert response.status_code == 200
        html = response.content.decode()
        assert "There is nothing to review yet" in html
        assert reverse("people:detail", args=[person.pk]) in html
    assert not Consultation.objects.exists()


def test_it_audits_viewing_the_consultation(client_for, worker, person, person_user):
    agreed_plan(person, worker)
    client_for(person_user).get(url(person))
    event = AuditEvent.objects.get(action=AuditAction.CONSULTATION_VIEW)
    assert (event.actor, event.person, event.detail) == (
        person_user,
        person,
        {"page": "consultation"},
    )


def test_the_summary_shows_the_answers_for_other_pages(client_for, worker, person, person_user):
    from django.template.loader import render_to_string

    from tandem.reviews.services.consultation import current_consultation

    plan = agreed_plan(person, worker)
    circle_provider(plan)
    data = form_data(plan, invited={SUPPORT_PROVIDER: "They send a written report"})
    client_for(person_user).post(url(person), data)
    html = render_to_string(
        "reviews/consultation/_summary.html", {"consultation": current_consultation(person)}
    )
    assert "By Priya Patel, in their own login, on 1 April 2026" in html
    assert "For the review due</dt>" in html and REVIEW_DUE in html
    assert "My sister Meena" in html and "By telephone" in html and "Mornings are best" in html
    assert "Brightside Care: invited" in html
    assert f"{SUPPORT_PROVIDER}: not invited. Why not: They send a written report" in html
    for words in ("The gardening club", "The bus is late", "Go twice a week"):
        assert words in html
    assert (
        render_to_string("reviews/consultation/_summary.html", {"consultation": None}).strip() == ""
    )


# Who may not ----------------------------------------------------------------------------------


def test_another_person_cannot_see_it(client_for, worker, person):
    agreed_plan(person, worker)
    other = testing.make_user_for_person(testing.make_person(person.organisation, person.team))
    client = client_for(other)
    assert client.get(url(person)).status_code == 404
    assert client.post(url(person), form_data(person.plans.get())).status_code == 404
    assert not Consultation.objects.exists()


def test_a_provider_may_not_answer_it(client_for, worker, person):
    plan = agreed_plan(person, worker)
    client = client_for(provider_user(person))
    assert client.get(url(person)).status_code == 403
    assert client.post(url(person), form_data(plan)).status_code == 403
    assert not Consultation.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.CONSULTATION_VIEW).exists()


def test_a_carer_without_consent_cannot_see_it(client_for, worker, person):
    plan = agreed_plan(person, worker)
    client = client_for(testing.make_carer_user(person, consent_to_share=False))
    assert client.get(url(person)).status_code == 404
    assert client.post(url(person), form_data(plan)).status_code == 404
    assert not Consultation.objects.exists()


def test_a_friend_who_may_not_represent_the_person_may_not_answer(client_for, worker, person):
    plan = agreed_plan(person, worker)
    friend = testing.make_carer_user(person)
    CircleMember.objects.filter(user=friend).update(kind=CircleMember.Kind.FRIEND)
    assert client_for(friend).post(url(person), form_data(plan)).status_code == 403
    assert not Consultation.objects.exists()


@pytest.mark.parametrize("who", ["other_org_worker", "other_team_worker"])
def test_workers_outside_the_team_cannot_see_it(client_for, worker, person, who, request):
    plan = agreed_plan(person, worker)
    client = client_for(request.getfixturevalue(who))
    assert client.get(url(person)).status_code == 404
    assert client.post(url(person), form_data(plan)).status_code == 404


def test_a_person_id_that_is_not_a_number_is_not_found(client_for, worker):
    response = client_for(worker).get("/reviews/people/abc/consultation/")
    assert response.status_code == 404


# Queries --------------------------------------------------------------------------------------


def _queries(client, address) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(address)  # warm the session
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


@pytest.mark.parametrize("recorded", [False, True], ids=["not recorded", "recorded"])
def test_the_page_keeps_its_queries_with_1_or_20_providers(client_for, worker, org, team, recorded):
    counts = []
    for providers in (1, 20):
        person = testing.make_person(org, team, allocated_worker=worker)
        plan = agreed_plan(person, worker, providers=providers)
        client = client_for(worker)
        if recorded:
            assert client.post(url(person), form_data(plan)).status_code == 302
        counts.append(_queries(client, url(person)))
    assert counts[0] == counts[1]
