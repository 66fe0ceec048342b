"""A manager of the person's team records that they have acknowledged a safeguarding concern,
and what was done (P11): once, by one manager, never silently replaced."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Role
from tandem.audit.models import AuditAction, AuditEvent
from tandem.people import services
from tandem.people.models import CircleMember, SafeguardingReferral

ACTION = "Spoke to Priya at home with her worker; referred to the adult protection team."
NOW = datetime.datetime(2026, 3, 5, 15, 4, tzinfo=datetime.UTC)


def make_referral(person, raised_by, **kwargs):
    return SafeguardingReferral.objects.create(
        organisation=person.organisation,
        person=person,
        concern="Bruises on her arms.",
        raised_by=raised_by,
        **kwargs,
    )


@pytest.fixture
def referral(person, worker):
    return make_referral(person, worker)


def url(referral):
    return reverse("people:safeguarding_acknowledge", args=[referral.person_id, referral.pk])


def acknowledge(referral, actor, action_taken=ACTION):
    return services.safeguarding_acknowledge(
        referral=referral, actor=actor, action_taken=action_taken
    )


def other_roles(person):
    """Everyone who can see the person but is not a manager of their team."""
    org = person.organisation
    return {
        "worker": person.allocated_worker,
        "assistant": testing.make_worker(org, person.team, role=Role.SOCIAL_WORK_ASSISTANT),
        "occupational therapist": testing.make_worker(
            org, person.team, role=Role.OCCUPATIONAL_THERAPIST
        ),
        "sensory impairment worker": testing.make_worker(
            org, person.team, role=Role.SENSORY_IMPAIRMENT_WORKER
        ),
        "person": testing.make_user_for_person(person),
        "carer": testing.make_carer_user(person),
        "provider": make_provider_user(person),
    }


def make_provider_user(person):
    user = testing.make_user(person.organisation, role=Role.PROVIDER)
    testing.make_circle_member(person, kind=CircleMember.Kind.PROVIDER, user=user)
    return user


class TestService:
    @time_machine.travel(NOW, tick=False)
    def test_it_records_who_acknowledged_when_and_what_was_done(self, manager, referral):
        acknowledged = acknowledge(referral, manager)
        assert acknowledged.acknowledged_by == manager
        assert acknowledged.acknowledged_at == NOW
        assert acknowledged.action_taken == ACTION
        referral.refresh_from_db()
        assert (referral.acknowledged_by, referral.acknowledged_at) == (manager, NOW)
        assert referral.is_acknowledged

    def test_it_audits_in_the_same_transaction(self, manager, person, referral):
        acknowledge(referral, manager)
        event = AuditEvent.objects.get(action=AuditAction.SAFEGUARDING_ACKNOWLEDGE)
        assert event.actor == manager
        assert event.person == person
        assert event.plan is None  # never on a plan's recent changes
        assert event.detail == {"referral": referral.pk}
        assert ACTION not in event.summary

    def test_it_refuses_a_second_acknowledgement_and_keeps_the_first(
        self, org, team, manager, referral
    ):
        acknowledge(referral, manager)
        second = testing.make_worker(org, team, role=Role.TEAM_MANAGER)
        with pytest.raises(services.EditConflict) as conflict:
            acknowledge(referral, second, action_taken="Something else")
        assert "already" in str(conflict.value)
        assert conflict.value.current.acknowledged_by == manager
        referral.refresh_from_db()
        assert referral.acknowledged_by == manager
        assert referral.action_taken == ACTION
        assert AuditEvent.objects.filter(action=AuditAction.SAFEGUARDING_ACKNOWLEDGE).count() == 1

    def test_it_refuses_a_stale_copy_acknowledged_meanwhile(self, org, team, manager, referral):
        stale = SafeguardingReferral.objects.get(pk=referral.pk)
        acknowledge(referral, manager)
        second = testing.make_worker(org, team, role=Role.TEAM_MANAGER)
        with pytest.raises(services.EditConflict):
            acknowledge(stale, second)
        assert SafeguardingReferral.objects.get(pk=referral.pk).acknowledged_by == manager

    @pytest.mark.parametrize("text", ["", "   "])
    def test_it_asks_what_was_done(self, manager, referral, text):
        with pytest.raises(ValidationError) as error:
            acknowledge(referral, manager, action_taken=text)
        assert "action_taken" in error.value.message_dict
        referral.refresh_from_db()
        assert not referral.is_acknowledged
        assert not AuditEvent.objects.filter(action=AuditAction.SAFEGUARDING_ACKNOWLEDGE).exists()

    def test_it_refuses_over_long_text(self, manager, referral):
        with pytest.raises(ValidationError):
            acknowledge(referral, manager, action_taken="x" * 5001)
        referral.refresh_from_db()
        assert not referral.is_acknowledged

    def test_it_refuses_everyone_but_a_manager(self, person, referral):
        for role, user in other_roles(person).items():
            with pytest.raises(PermissionDenied):
                acknowledge(referral, user)
            referral.refresh_from_db()
            assert not referral.is_acknowledged, role
        assert not AuditEvent.objects.filter(action=AuditAction.SAFEGUARDING_ACKNOWLEDGE).exists()

    def test_it_refuses_a_manager_of_another_team(self, org, referral):
        elsewhere = testing.make_worker(org, testing.make_team(org), role=Role.TEAM_MANAGER)
        with pytest.raises(PermissionDenied):
            acknowledge(referral, elsewhere)

    def test_it_refuses_a_manager_of_another_organisation(self, other_org_worker, referral):
        outsider = testing.make_worker(
            other_org_worker.organisation, other_org_worker.teams.get(), role=Role.TEAM_MANAGER
        )
        with pytest.raises(PermissionDenied):
            acknowledge(referral, outsider)


def referral_url(referral):
    return reverse("people:safeguarding_referral", args=[referral.person_id, referral.pk])


def referral_url_path(person, pk):
    return reverse("people:safeguarding_referral", args=[person.pk, pk])


class TestAcknowledgeView:
    def test_it_offers_the_manager_the_form_on_the_concern(self, client_for, manager, referral):
        response = client_for(manager).get(referral_url(referral))
        assert response.status_code == 200
        assert "Not yet acknowledged" in response.text
        assert f'action="{url(referral)}"' in response.text
        assert 'name="action_taken"' in response.text
        assert 'class="govuk-textarea' in response.text
        assert 'id="id_action_taken-hint"' in response.text

    def test_it_records_the_acknowledgement(self, client_for, manager, referral):
        client = client_for(manager)
        response = client.post(url(referral), {"action_taken": ACTION})
        assert response.status_code == 302
        assert response["Location"] == referral_url(referral)
        referral.refresh_from_db()
        assert referral.acknowledged_by == manager
        assert referral.action_taken == ACTION
        assert AuditEvent.objects.filter(
            action=AuditAction.SAFEGUARDING_ACKNOWLEDGE, actor=manager
        ).exists()
        page = client.get(response["Location"])
        assert "You have acknowledged the concern" in page.text
        assert "Acknowledged by" in page.text
        assert "Morgan Manager" in page.text
        assert ACTION in page.text
        assert 'name="action_taken"' not in page.text

    def test_it_asks_what_was_done(self, client_for, manager, referral):
        response = client_for(manager).post(url(referral), {"action_taken": " "})
        assert response.status_code == 200
        assert "govuk-error-summary" in response.text
        assert '<a href="#id_action_taken">Enter what was done about the concern</a>' in (
            response.text
        )
        assert "<title>Error:" in response.text
        referral.refresh_from_db()
        assert not referral.is_acknowledged

    def test_it_audits_the_concern_shown_again_after_a_refusal(self, client_for, manager, referral):
        client_for(manager).post(url(referral), {"action_taken": ""})
        event = AuditEvent.objects.get(action=AuditAction.SAFEGUARDING_VIEW)
        assert (event.actor, event.detail) == (manager, {"referral": referral.pk})

    def test_it_refuses_over_long_text_and_keeps_it(self, client_for, manager, referral):
        text = "x" * 5001
        response = client_for(manager).post(url(referral), {"action_taken": text})
        assert response.status_code == 200
        assert "What was done must be 5000 characters or less" in response.text
        assert text in response.text
        referral.refresh_from_db()
        assert not referral.is_acknowledged

    def test_it_refuses_a_second_acknowledgement_and_says_why(
        self, client_for, org, team, manager, referral
    ):
        second = testing.make_worker(
            org, team, role=Role.TEAM_MANAGER, first_name="Mo", last_name="Second"
        )
        client = client_for(second)
        client.get(referral_url(referral))  # both managers have the page open
        acknowledge(referral, manager)
        response = client.post(url(referral), {"action_taken": "My own notes"})
        assert response.status_code == 200
        assert "govuk-error-summary" in response.text
        assert "Morgan Manager has already acknowledged this concern" in response.text
        assert ACTION in response.text  # what the first manager recorded
        referral.refresh_from_db()
        assert (referral.acknowledged_by, referral.action_taken) == (manager, ACTION)

    def test_it_shows_a_worker_the_acknowledgement_without_a_form(
        self, client_for, worker, manager, referral
    ):
        response = client_for(worker).get(referral_url(referral))
        assert "Not yet acknowledged" in response.text
        assert 'name="action_taken"' not in response.text
        acknowledge(referral, manager)
        response = client_for(worker).get(referral_url(referral))
        assert "Acknowledged by" in response.text
        assert "Morgan Manager" in response.text
        assert ACTION in response.text

    @pytest.mark.parametrize(
        "role", ["worker", "assistant", "occupational therapist", "sensory impairment worker"]
    )
    def test_it_forbids_staff_who_are_not_managers(self, client_for, person, referral, role):
        user = other_roles(person)[role]
        assert client_for(user).post(url(referral), {"action_taken": ACTION}).status_code == 403
        referral.refresh_from_db()
        assert not referral.is_acknowledged
        assert not AuditEvent.objects.filter(action=AuditAction.SAFEGUARDING_ACKNOWLEDGE).exists()

    @pytest.mark.parametrize("role", ["person", "carer", "provider"])
    def test_it_forbids_the_person_their_carer_and_provider(
        self, client_for, person, referral, role
    ):
        user = other_roles(person)[role]
        assert client_for(user).post(url(referral), {"action_taken": ACTION}).status_code == 403
        referral.refresh_from_db()
        assert not referral.is_acknowledged

    def test_it_hides_the_person_from_an_administrator(self, client_for, org, referral):
        administrator = testing.make_user(org, role=Role.ADMINISTRATOR)
        response = client_for(administrator).post(url(referral), {"action_taken": ACTION})
        assert response.status_code == 404
        referral.refresh_from_db()
        assert not referral.is_acknowledged

    def test_it_hides_the_person_from_a_manager_of_another_team(self, client_for, org, referral):
        elsewhere = testing.make_worker(org, testing.make_team(org), role=Role.TEAM_MANAGER)
        response = client_for(elsewhere).post(url(referral), {"action_taken": ACTION})
        assert response.status_code == 404
        referral.refresh_from_db()
        assert not referral.is_acknowledged

    def test_it_hides_the_person_from_another_organisation(
        self, client_for, other_org_worker, referral
    ):
        outsider = testing.make_worker(
            other_org_worker.organisation, other_org_worker.teams.get(), role=Role.TEAM_MANAGER
        )
        response = client_for(outsider).post(url(referral), {"action_taken": ACTION})
        assert response.status_code == 404
        referral.refresh_from_db()
        assert not referral.is_acknowledged

    def test_it_answers_404_for_another_persons_referral(
        self, client_for, org, team, manager, worker, person
    ):
        other = make_referral(testing.make_person(org, team), worker)
        wrong = reverse("people:safeguarding_acknowledge", args=[person.pk, other.pk])
        assert client_for(manager).post(wrong, {"action_taken": ACTION}).status_code == 404
        other.refresh_from_db()
        assert not other.is_acknowledged

    @pytest.mark.parametrize("method", ["get", "put", "patch", "delete", "options"])
    def test_it_only_takes_a_post(self, client_for, manager, referral, method):
        assert getattr(client_for(manager), method)(url(referral)).status_code == 405
        assert not AuditEvent.objects.exists()


class TestWhereItShows:
    def test_the_person_page_shows_who_acknowledged_and_when(
        self, client_for, worker, manager, person
    ):
        waiting = make_referral(person, worker)
        done = make_referral(person, worker)
        with time_machine.travel(NOW, tick=False):
            acknowledge(done, manager)
        response = client_for(worker).get(reverse("people:detail", args=[person.pk]))
        rows = response.text.split('<tr class="govuk-table__row">')[2:]
        by_referral = {
            pk: next(row for row in rows if referral_url_path(person, pk) in row)
            for pk in (waiting.pk, done.pk)
        }
        assert "Not yet acknowledged" in by_referral[waiting.pk]
        assert "Acknowledged" in by_referral[done.pk]
        assert "Morgan Manager" in by_referral[done.pk]
        assert "5 March 2026" in by_referral[done.pk]
        assert ACTION not in response.text  # the details stay on the concern's own page

    def test_the_managers_list_shows_which_await_acknowledgement(
        self, client_for, worker, manager, person
    ):
        waiting = make_referral(person, worker)
        done = make_referral(person, worker)
        acknowledge(done, manager)
        response = client_for(manager).get(reverse("people:safeguarding_list"))
        assert response.status_code == 200
        rows = response.text.split('<tr class="govuk-table__row">')[2:]
        waiting_row = next(r for r in rows if referral_url_path(person, waiting.pk) in r)
        done_row = next(r for r in rows if referral_url_path(person, done.pk) in r)
        assert "Not yet acknowledged" in waiting_row
        assert "Not yet acknowledged" not in done_row
        assert "Acknowledged" in done_row

    def test_the_managers_list_query_count_does_not_grow(
        self, client_for, org, team, worker, manager, person, django_assert_num_queries
    ):
        acknowledge(make_referral(person, worker), manager)
        client = client_for(manager)
        list_url = reverse("people:safeguarding_list")
        with CaptureQueriesContext(connection) as one:
            client.get(list_url)
        second = testing.make_worker(org, team, role=Role.TEAM_MANAGER)
        for n in range(10):
            referral = make_referral(testing.make_person(org, team), second if n % 2 else worker)
            if n % 3:
                acknowledge(referral, second if n % 2 else manager)
        with django_assert_num_queries(len(one)):
            response = client.get(list_url)
        assert response.text.count("Not yet acknowledged") == 4
