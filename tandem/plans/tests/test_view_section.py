import re

import pytest
from django.urls import reverse

from tandem import testing
from tandem.audit.models import AuditEvent
from tandem.people.models import CircleMember
from tandem.plans.models import Plan
from tandem.plans.tests.helpers import build_agreed_plan


@pytest.fixture
def plan(person, worker):
    return testing.make_plan(person, worker)


def url(plan, section="important"):
    return reverse("plans:section", args=[plan.pk, section])


def test_it_saves_a_section_and_returns_to_the_task_list(client_for, worker, plan):
    response = client_for(worker).post(
        url(plan),
        {
            "important_to_me": "My cat Biscuit",
            "strengths": "Baking",
            "revision": 0,
            "completed": "yes",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[plan.pk])
    saved = Plan.objects.get(pk=plan.pk)
    assert saved.important_to_me == "My cat Biscuit"
    assert saved.section_status["important"] == "completed"
    event = AuditEvent.objects.get(plan=plan, action="plan.section.update")
    assert event.actor == worker
    assert event.detail["changes"]["important_to_me"] == ["", "My cat Biscuit"]


def test_it_lets_the_person_draft_their_own_plan(client_for, person_user, plan):
    response = client_for(person_user).post(
        url(plan), {"important_to_me": "Seeing my grandchildren", "strengths": "", "revision": 0}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[plan.pk])
    assert Plan.objects.get(pk=plan.pk).important_to_me == "Seeing my grandchildren"
    assert AuditEvent.objects.filter(plan=plan, actor=person_user).exists()


def test_it_lets_a_consenting_carer_draft(client_for, carer_user, plan):
    response = client_for(carer_user).post(
        url(plan), {"important_to_me": "Her routines", "strengths": "", "revision": 0}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[plan.pk])
    saved = Plan.objects.get(pk=plan.pk)
    assert saved.important_to_me == "Her routines"
    assert saved.section_revisions["important"] == 1
    event = AuditEvent.objects.get(plan=plan, action="plan.section.update")
    assert event.actor == carer_user


def test_it_hides_the_plan_from_a_carer_without_consent(client_for, person, plan):
    carer = testing.make_carer_user(person, consent_to_share=False)
    assert client_for(carer).get(url(plan)).status_code == 404


def test_it_refuses_a_provider(client_for, person, plan):
    provider = testing.make_user(person.organisation, role="provider")
    testing.make_circle_member(person, kind=CircleMember.Kind.PROVIDER, user=provider)
    assert client_for(provider).get(url(plan)).status_code == 403


def test_it_refuses_another_organisation(client_for, other_org_worker, plan):
    assert client_for(other_org_worker).get(url(plan)).status_code == 404


def test_it_answers_404_for_an_unknown_section(client_for, worker, plan):
    assert client_for(worker).get(url(plan, "nonsense")).status_code == 404


def test_it_refuses_to_change_an_agreed_version(client_for, worker, person):
    agreed, _issue = build_agreed_plan(person=person, actor=worker)
    client = client_for(worker)
    assert client.get(url(agreed)).status_code == 403
    response = client.post(url(agreed), {"important_to_me": "Changed", "revision": 1})
    assert response.status_code == 403
    assert Plan.objects.get(pk=agreed.pk).important_to_me != "Changed"


def test_it_keeps_what_was_typed_when_a_date_is_impossible(client_for, worker, plan):
    response = client_for(worker).post(
        url(plan, "about"),
        {
            "prepared_by": "person",
            "preparation_notes": "Over tea at the kitchen table",
            "support_starts_on_day": "31",
            "support_starts_on_month": "2",
            "support_starts_on_year": "2026",
            "revision": 0,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "must be a real date" in html
    assert "Over tea at the kitchen table" in html
    assert 'value="31"' in html
    assert Plan.objects.get(pk=plan.pk).preparation_notes == ""


def test_it_refuses_over_long_text_and_keeps_it(client_for, worker, plan):
    text = "x" * 5001
    response = client_for(worker).post(url(plan), {"important_to_me": text, "revision": 0})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert text in response.content.decode()


def test_it_refuses_a_coordinator_from_another_organisation(
    client_for, worker, plan, other_org_worker
):
    response = client_for(worker).post(
        url(plan, "about"),
        {"prepared_by": "person", "coordinator": other_org_worker.pk, "revision": 0},
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert Plan.objects.get(pk=plan.pk).coordinator == worker


def test_it_refuses_the_second_of_two_concurrent_edits_and_keeps_its_text(
    client_for, worker, person_user, plan
):
    first, second = client_for(worker), client_for(person_user)
    # Both open the page and see revision 0.
    assert 'name="revision" value="0"' in first.get(url(plan)).content.decode()
    assert 'name="revision" value="0"' in second.get(url(plan)).content.decode()

    first.post(url(plan), {"important_to_me": "Worker's words", "revision": 0})
    response = second.post(url(plan), {"important_to_me": "My own words", "revision": 0})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else changed this while you were editing it" in html
    assert "My own words" in html  # what they typed is kept
    assert "Worker&#x27;s words" in html  # and they see what is saved now
    assert Plan.objects.get(pk=plan.pk).important_to_me == "Worker's words"

    # Having seen the latest version, saving again is a deliberate choice and goes through.
    assert 'name="revision" value="1"' in html
    response = second.post(url(plan), {"important_to_me": "My own words", "revision": 1})
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[plan.pk])
    assert Plan.objects.get(pk=plan.pk).important_to_me == "My own words"


def test_it_lets_two_people_edit_different_sections_at_once(client_for, worker, person_user, plan):
    client_for(worker).post(
        url(plan, "control"), {"staying_in_control": "Weekly call", "revision": 0}
    )
    response = client_for(person_user).post(url(plan), {"important_to_me": "Music", "revision": 0})
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[plan.pk])
    saved = Plan.objects.get(pk=plan.pk)
    assert (saved.staying_in_control, saved.important_to_me) == ("Weekly call", "Music")


def test_it_marks_a_list_section_completed(client_for, worker, plan):
    response = client_for(worker).post(url(plan, "risks"), {"completed": "yes"})
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[plan.pk])
    assert Plan.objects.get(pk=plan.pk).section_status["risks"] == "completed"


def test_it_asks_whether_a_list_section_is_completed(client_for, worker, plan):
    response = client_for(worker).post(url(plan, "risks"), {})
    assert response.status_code == 200
    assert "Select yes if you have completed this section" in response.content.decode()


def test_it_sends_a_ready_plan_back_to_draft_when_changed(client_for, worker, person):
    from tandem.plans.services import plan_send_for_agreement
    from tandem.plans.tests.helpers import build_ready_plan

    plan = plan_send_for_agreement(plan=build_ready_plan(person=person, actor=worker), actor=worker)
    assert plan.status == Plan.Status.READY
    revision = plan.section_revisions.get("important", 0)
    client_for(worker).post(url(plan), {"important_to_me": "New words", "revision": revision})
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.DRAFT


def test_it_does_not_let_the_person_choose_the_coordinator(client_for, person_user, manager, plan):
    client = client_for(person_user)
    assert 'name="coordinator"' not in client.get(url(plan, "about")).content.decode()
    client.post(
        url(plan, "about"), {"prepared_by": "person", "coordinator": manager.pk, "revision": 0}
    )
    saved = Plan.objects.get(pk=plan.pk)
    assert saved.prepared_by == "person"
    assert saved.coordinator == plan.coordinator


def test_it_refuses_a_coordinator_from_another_team(client_for, worker, other_team_worker, plan):
    response = client_for(worker).post(
        url(plan, "about"),
        {"prepared_by": "person", "coordinator": other_team_worker.pk, "revision": 0},
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert Plan.objects.get(pk=plan.pk).coordinator == worker


def test_it_lets_the_worker_hand_coordination_to_the_teams_manager(
    client_for, worker, manager, plan
):
    response = client_for(worker).post(
        url(plan, "about"), {"prepared_by": "person", "coordinator": manager.pk, "revision": 0}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[plan.pk])
    assert Plan.objects.get(pk=plan.pk).coordinator == manager


def test_it_says_why_an_agreed_version_cannot_be_changed(client_for, worker, person):
    agreed, _issue = build_agreed_plan(person=person, actor=worker)
    response = client_for(worker).get(url(agreed))
    assert response.status_code == 403
    assert "has been agreed and cannot be changed" in response.content.decode()


def budget_post(**overrides):
    return {
        "budget_arrangement": "council_managed",
        "budget_use": "Morning calls from Brightside",
        "revision": 0,
        **overrides,
    }


def assert_nothing_saved(plan):
    saved = Plan.objects.get(pk=plan.pk)
    assert (saved.budget_arrangement, saved.budget_use) == ("", "")
    assert (saved.direct_payment_amount, saved.direct_payment_frequency) == (None, "")
    assert not AuditEvent.objects.filter(plan=plan, action="plan.section.update").exists()


def test_it_keeps_a_direct_payment_frequency_that_does_not_fit_and_says_why(
    client_for, worker, plan
):
    response = client_for(worker).post(
        url(plan, "budget"), budget_post(direct_payment_frequency="weekly")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        '<a href="#id_direct_payment_frequency_0">Select ‘No direct payment’ for how often it is '
        "paid, or choose direct payment or a mix of these</a>"
    ) in html
    assert re.search(r'<input[^>]*value="weekly"[^>]*checked', html)
    assert_nothing_saved(plan)


def test_it_lets_a_frequency_chosen_before_be_taken_back(client_for, worker, plan):
    """A radio button cannot be unticked, so there is an answer that says there is none."""
    Plan.objects.filter(pk=plan.pk).update(
        budget_arrangement="direct_payment", direct_payment_frequency="weekly"
    )
    response = client_for(worker).post(
        url(plan, "budget"), budget_post(direct_payment_frequency="none")
    )
    assert response.status_code == 302
    saved = Plan.objects.get(pk=plan.pk)
    assert (saved.budget_arrangement, saved.direct_payment_frequency) == ("council_managed", "")


@pytest.mark.parametrize("arrangement", ["direct_payment", "mixed"])
def test_it_saves_a_direct_payment(client_for, worker, plan, arrangement):
    response = client_for(worker).post(
        url(plan, "budget"),
        budget_post(
            budget_arrangement=arrangement,
            direct_payment_amount="125.50",  # no longer asked: it comes from the costs
            direct_payment_frequency="four_weekly",
        ),
    )
    assert response.status_code == 302
    saved = Plan.objects.get(pk=plan.pk)
    assert (saved.budget_arrangement, saved.direct_payment_frequency) == (
        arrangement,
        "four_weekly",
    )
    assert saved.direct_payment_amount is None


def test_it_saves_a_council_managed_budget_without_a_direct_payment(client_for, worker, plan):
    response = client_for(worker).post(url(plan, "budget"), budget_post())
    assert response.status_code == 302
    saved = Plan.objects.get(pk=plan.pk)
    assert (saved.budget_arrangement, saved.direct_payment_amount) == ("council_managed", None)
