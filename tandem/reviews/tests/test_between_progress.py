import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem import testing
from tandem.audit.models import AuditAction, AuditEvent
from tandem.plans.models import Plan
from tandem.plans.services import (
    plan_record_agreement,
    plan_send_for_agreement,
    plan_start_new_version,
)
from tandem.plans.tests.helpers import person_and_worker_agree
from tandem.reviews.models import ActionProgress
from tandem.reviews.tests.between_helpers import (
    AGREED_ON,
    agreed_plan,
    first_action,
    progress_data,
)

DAY = AGREED_ON + timedelta(days=10)


built = testing.built_once(
    plan=lambda s: agreed_plan(s.person, s.worker),
)


org, team, worker, person, plan = testing.from_scene("org", "team", "worker", "person", "plan")


def url(plan, action):
    return reverse("reviews:progress", args=[plan.pk, action.pk])


def test_it_records_progress_against_the_actions_lasting_uid(client_for, worker, plan):
    action = first_action(plan)
    response = client_for(worker).post(url(plan, action), progress_data(DAY))
    assert response.status_code == 302
    assert response["Location"] == reverse("reviews:carrying_out", args=[plan.pk])
    progress = ActionProgress.objects.get()
    assert (progress.plan, progress.action_uid, progress.status) == (plan, action.uid, "under_way")
    assert (progress.happened_on, progress.note, progress.recorded_by) == (
        DAY,
        "Rang the club",
        worker,
    )
    event = AuditEvent.objects.get(action=AuditAction.ACTION_PROGRESS)
    assert (event.plan, event.person, event.actor) == (plan, plan.person, worker)


def test_it_shows_the_form_and_the_history(client_for, worker, plan):
    action = first_action(plan)
    client_for(worker).post(url(plan, action), progress_data(DAY, note="First call"))
    html = client_for(worker).get(url(plan, action)).content.decode()
    assert "Record progress on an action" in html
    assert action.description in html
    assert "First call" in html


def test_it_lets_the_person_record_progress(client_for, plan, person_user):
    response = client_for(person_user).post(url(plan, first_action(plan)), progress_data(DAY))
    assert response.status_code == 302
    assert ActionProgress.objects.get().recorded_by == person_user


def test_it_follows_the_action_into_a_new_version(client_for, worker, person, plan):
    """Progress recorded on version 1 is the action's history in version 2, by its uid."""
    action = first_action(plan)
    client_for(worker).post(url(plan, action), progress_data(DAY, note="On version 1"))
    new = plan_start_new_version(plan=plan, actor=worker)
    plan_send_for_agreement(plan=new, actor=worker)
    plan_record_agreement(plan=new, parties=person_and_worker_agree(person, worker), actor=worker)
    new.refresh_from_db()
    assert new.status == Plan.Status.AGREED
    copy = first_action(new)
    assert copy.uid == action.uid and copy.pk != action.pk
    html = client_for(worker).get(url(new, copy)).content.decode()
    assert "On version 1" in html
    assert "Plan version 1" in html
    client_for(worker).post(url(new, copy), progress_data(DAY, status="done", note="Sorted"))
    assert list(
        ActionProgress.objects.filter(action_uid=action.uid).values_list("plan", "status")
    ) == [(new.pk, "done"), (plan.pk, "under_way")]
    page = client_for(worker).get(reverse("reviews:carrying_out", args=[new.pk])).content.decode()
    assert "Done" in page


def test_it_refuses_progress_on_a_plan_not_yet_agreed(client_for, worker, plan):
    draft = plan_start_new_version(plan=plan, actor=worker)
    response = client_for(worker).post(url(draft, first_action(draft)), progress_data(DAY))
    assert response.status_code == 403
    assert "once it has been agreed" in response.content.decode()
    assert not ActionProgress.objects.exists()


def test_it_refuses_a_date_in_the_future_keeping_what_was_typed(client_for, worker, plan):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client_for(worker).post(
        url(plan, first_action(plan)), progress_data(tomorrow, note="Kept note")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "The date must be today or in the past" in html
    assert "Kept note" in html
    assert f'value="{tomorrow.year}"' in html
    assert not ActionProgress.objects.exists()


def test_it_refuses_a_date_before_the_plan_was_agreed(client_for, worker, plan):
    response = client_for(worker).post(
        url(plan, first_action(plan)), progress_data(AGREED_ON - timedelta(days=1))
    )
    assert response.status_code == 200
    assert "when the plan was agreed" in response.content.decode()
    assert not ActionProgress.objects.exists()


def test_it_refuses_an_unknown_status(client_for, worker, plan):
    response = client_for(worker).post(
        url(plan, first_action(plan)), progress_data(DAY, status="finished-ish")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Select how the action is going" in html
    assert not ActionProgress.objects.exists()


def test_it_answers_404_for_an_action_of_another_plan(client_for, worker, org, team, plan):

    other = agreed_plan(testing.make_person(org, team), worker)
    response = client_for(worker).post(url(plan, first_action(other)), progress_data(DAY))
    assert response.status_code == 404
    assert (
        client_for(worker)
        .get(reverse("reviews:progress", args=[plan.pk, 99999999999999999999]))
        .status_code
        == 404
    )
    assert not ActionProgress.objects.exists()


def test_it_records_the_same_form_sent_twice_once(client_for, worker, plan):
    data = progress_data(DAY, submission_key=str(uuid.uuid4()))
    client = client_for(worker)
    assert client.post(url(plan, first_action(plan)), data).status_code == 302
    assert client.post(url(plan, first_action(plan)), data).status_code == 302
    assert ActionProgress.objects.count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.ACTION_PROGRESS).count() == 1


@pytest.mark.parametrize("who", ["other_team_worker", "other_org_worker"])
def test_it_hides_the_plan_from_other_teams_and_organisations(client_for, plan, who, request):
    user = request.getfixturevalue(who)
    response = client_for(user).post(url(plan, first_action(plan)), progress_data(DAY))
    assert response.status_code == 404
    assert not ActionProgress.objects.exists()
