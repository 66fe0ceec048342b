import datetime

import pytest
from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Role
from tandem.people.models import CircleMember, Person
from tandem.plans.models import Agreement, Plan
from tandem.plans.services import plan_send_for_agreement
from tandem.plans.tests.helpers import build_agreed_plan, build_ready_plan, fresh


@pytest.fixture
def ready_plan(person, worker):
    # Fresh from the database: the plan the service returns holds its (empty) disagreements.
    plan = plan_send_for_agreement(plan=build_ready_plan(person=person, actor=worker), actor=worker)
    return fresh(plan)


def url(plan):
    return reverse("plans:agree", args=[plan.pk])


TODAY = datetime.date.today()
AGREEMENT = {
    "agreed_by": "person",
    "method": "in_person",
    "agreed_on_day": str(TODAY.day),
    "agreed_on_month": str(TODAY.month),
    "agreed_on_year": str(TODAY.year),
    "worker_agrees": "on",
}
RAISED_TODAY = {
    "raised_on_day": str(TODAY.day),
    "raised_on_month": str(TODAY.month),
    "raised_on_year": str(TODAY.year),
}


def test_it_records_agreement_and_issues_the_first_copy(client_for, worker, ready_plan):
    response = client_for(worker).post(url(ready_plan), AGREEMENT)
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[ready_plan.pk])
    plan = Plan.objects.get(pk=ready_plan.pk)
    assert plan.status == Plan.Status.AGREED
    assert sorted(plan.agreements.values_list("party", flat=True)) == ["person", "worker"]
    assert plan.issues.get().number == 1


def test_it_records_carers_who_also_agreed(client_for, worker, person, ready_plan):
    carer = testing.make_circle_member(person, kind=CircleMember.Kind.CARER, name="Cara Carer")
    response = client_for(worker).post(url(ready_plan), AGREEMENT | {"carers": [carer.pk]})
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[ready_plan.pk])
    assert Agreement.objects.get(plan=ready_plan, party="carer").member == carer
    assert Plan.objects.get(pk=ready_plan.pk).status == Plan.Status.AGREED


def test_it_refuses_without_the_workers_agreement(client_for, worker, ready_plan):
    data = {k: v for k, v in AGREEMENT.items() if k != "worker_agrees"}
    response = client_for(worker).post(url(ready_plan), data)
    assert response.status_code == 200
    assert "Record the worker’s agreement" in response.content.decode()
    assert Plan.objects.get(pk=ready_plan.pk).status == Plan.Status.READY


def test_it_needs_a_representative_when_the_person_lacks_capacity(
    client_for, worker, person, ready_plan
):
    Person.objects.filter(pk=person.pk).update(capacity=Person.Capacity.LACKS_CAPACITY)
    response = client_for(worker).post(url(ready_plan), AGREEMENT)
    assert response.status_code == 200
    assert "lacks capacity" in response.content.decode()
    advocate = testing.make_circle_member(
        person, kind=CircleMember.Kind.ADVOCATE, name="Ada Advocate"
    )
    data = AGREEMENT | {
        "agreed_by": "representative",
        "representative": advocate.pk,
        "best_interest": "on",
    }
    response = client_for(worker).post(url(ready_plan), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[ready_plan.pk])
    assert Plan.objects.get(pk=ready_plan.pk).status == Plan.Status.AGREED
    agreement = Agreement.objects.get(plan=ready_plan, party="representative")
    assert agreement.best_interest and agreement.member == advocate


def test_it_refuses_a_future_or_impossible_date(client_for, worker, ready_plan):
    response = client_for(worker).post(
        url(ready_plan), AGREEMENT | {"agreed_on_day": "31", "agreed_on_month": "2"}
    )
    assert response.status_code == 200
    assert "must be a real date" in response.content.decode()
    future = AGREEMENT | {"agreed_on_year": str(TODAY.year + 1)}
    assert (
        "today or in the past" in client_for(worker).post(url(ready_plan), future).content.decode()
    )


def test_it_refuses_a_representative_from_another_persons_circle(
    client_for, worker, org, team, ready_plan
):
    stranger = testing.make_circle_member(
        testing.make_person(org, team), kind=CircleMember.Kind.ADVOCATE
    )
    data = AGREEMENT | {"agreed_by": "representative", "representative": stranger.pk}
    response = client_for(worker).post(url(ready_plan), data)
    assert response.status_code == 200
    assert Plan.objects.get(pk=ready_plan.pk).status == Plan.Status.READY


def test_it_sends_a_draft_back_to_the_plan(client_for, worker, person):
    plan = testing.make_plan(person, worker)
    response = client_for(worker).get(url(plan))
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[plan.pk])
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.DRAFT
    assert not plan.agreements.exists()


def test_it_does_not_let_the_person_record_agreement(client_for, person_user, ready_plan):
    assert client_for(person_user).get(url(ready_plan)).status_code == 403


def test_it_hides_the_page_from_another_team(client_for, other_team_worker, ready_plan):
    assert client_for(other_team_worker).get(url(ready_plan)).status_code == 404


def provider_for(person):
    provider = testing.make_user(
        person.organisation, role=Role.PROVIDER, first_name="Pat", last_name="Provider"
    )
    testing.make_circle_member(
        person, kind=CircleMember.Kind.PROVIDER, user=provider, name="Sunrise Care"
    )
    return provider


def test_a_provider_adds_a_disagreement_after_agreement_and_the_plan_is_reissued(
    client_for, worker, person
):
    plan, _issue = build_agreed_plan(person=person, actor=worker)
    provider = provider_for(person)
    response = client_for(provider).post(
        reverse("plans:disagreement_add", args=[plan.pk]),
        {
            "section": "support",
            "raised_by": "Pat Provider, Sunrise Care",
            "details": "Two hours is not enough",
        }
        | RAISED_TODAY,
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[plan.pk])
    issue = plan.issues.get(number=2)
    assert issue.snapshot["disagreements"][0]["details"] == "Two hours is not enough"
    assert any(r["name"] == "Sunrise Care" for r in issue.recipients)
    # A3: the coordinator decides; the provider cannot.
    disagreement = plan.disagreements.get()
    decide = reverse("plans:disagreement_decide", args=[plan.pk, disagreement.pk])
    assert client_for(provider).get(decide).status_code == 403
    response = client_for(worker).post(
        decide, {"renegotiation": "needed", "renegotiation_reason": "Hours need a review"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[plan.pk])
    disagreement.refresh_from_db()
    assert disagreement.renegotiation == "needed" and disagreement.decided_by == worker


def test_it_notes_a_disagreement_before_agreement_without_reissuing(client_for, worker, ready_plan):
    response = client_for(worker).post(
        reverse("plans:disagreement_add", args=[ready_plan.pk]),
        {
            "section": "budget",
            "raised_by": "Sam",
            "details": "I would rather have a direct payment",
        }
        | RAISED_TODAY,
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[ready_plan.pk])
    assert not ready_plan.issues.exists()
    disagreement = ready_plan.disagreements.get()
    assert disagreement.after_agreement is False
    assert (disagreement.section, disagreement.raised_by) == ("budget", "Sam")


def test_it_refuses_an_empty_or_unknown_disagreement(client_for, worker, ready_plan):
    response = client_for(worker).post(
        reverse("plans:disagreement_add", args=[ready_plan.pk]),
        {"section": "nonsense", "raised_by": "", "details": "Kept text"},
    )
    assert response.status_code == 200
    assert "Kept text" in response.content.decode()
    assert not ready_plan.disagreements.exists()


def test_it_starts_a_new_version_of_an_agreed_plan(client_for, worker, person):
    plan, _issue = build_agreed_plan(person=person, actor=worker)
    response = client_for(worker).post(reverse("plans:new_version", args=[plan.pk]))
    new = Plan.objects.get(person=person, version_number=2)
    assert response["Location"] == reverse("plans:detail", args=[new.pk])
    assert new.status == Plan.Status.DRAFT
    assert new.outcomes.count() == plan.outcomes.count()
    # A second attempt is refused with a message, not an error page.
    again = client_for(worker).post(reverse("plans:new_version", args=[plan.pk]))
    assert again.status_code == 302
    assert again["Location"] == reverse("plans:detail", args=[plan.pk])
    assert Plan.objects.filter(person=person).count() == 2


def test_it_only_starts_new_versions_by_post(client_for, worker, person):
    plan, _issue = build_agreed_plan(person=person, actor=worker)
    assert client_for(worker).get(reverse("plans:new_version", args=[plan.pk])).status_code == 405


def test_a_provider_disagrees_in_their_own_name_only(client_for, worker, person):
    plan, _issue = build_agreed_plan(person=person, actor=worker)
    provider = provider_for(person)
    client_for(provider).post(
        reverse("plans:disagreement_add", args=[plan.pk]),
        {"section": "support", "raised_by": "The person themself", "details": "Not enough hours"}
        | RAISED_TODAY,
    )
    assert plan.disagreements.get().raised_by == "Pat Provider (Sunrise Care)"


def test_a_worker_records_a_disagreement_on_someones_behalf(client_for, worker, ready_plan):
    client_for(worker).post(
        reverse("plans:disagreement_add", args=[ready_plan.pk]),
        {"section": "support", "raised_by": "Dee, the person's daughter", "details": "Too early"}
        | RAISED_TODAY,
    )
    html = client_for(worker).get(reverse("plans:detail", args=[ready_plan.pk])).content.decode()
    assert "From Dee, the person&#x27;s daughter" in html
    assert "recorded by" in html


def test_it_ends_an_agreed_plan_with_a_reason(client_for, worker, person):
    plan, _issue = build_agreed_plan(person=person, actor=worker)
    url = reverse("plans:end", args=[plan.pk])
    response = client_for(worker).post(url, {"reason": ""})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    response = client_for(worker).post(url, {"reason": "Moved to Wales"})
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[plan.pk])
    ended = Plan.objects.get(pk=plan.pk)
    assert ended.status == Plan.Status.ENDED
    assert ended.ended_at is not None


def test_it_does_not_let_the_person_or_a_carer_end_the_plan(
    client_for, worker, person, person_user
):
    plan, _issue = build_agreed_plan(person=person, actor=worker)
    response = client_for(person_user).post(reverse("plans:end", args=[plan.pk]), {"reason": "x"})
    assert response.status_code == 403
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.AGREED


def test_it_refuses_to_end_a_draft(client_for, worker, person):
    plan = testing.make_plan(person, worker)
    response = client_for(worker).post(reverse("plans:end", args=[plan.pk]), {"reason": "Moved"})
    assert response.status_code == 200
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.DRAFT


def test_it_asks_for_each_missing_answer_in_its_own_words(client_for, worker, ready_plan):
    response = client_for(worker).post(url(ready_plan), {})
    assert response.status_code == 200
    html = response.content.decode()
    for message in (
        "Select who agreed the plan for the person",
        "Select how they agreed",
        "Enter the date the plan was agreed",
    ):
        assert f">{message}</a>" in html, message
    assert "Select the who" not in html
    assert "Select the how" not in html
    assert Plan.objects.get(pk=ready_plan.pk).status == Plan.Status.READY
