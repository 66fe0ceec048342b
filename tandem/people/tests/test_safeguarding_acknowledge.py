"""A manager of the person's team records that they have acknowledged a safeguarding concern,
and what was done (P11): once, by one manager, never silently replaced."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Role
from tandem.audit.models import AuditEvent
from tandem.people import services
from tandem.people.models import SafeguardingReferral

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
    }


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
        event = AuditEvent.objects.get(action="safeguarding.acknowledge")
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
        assert AuditEvent.objects.filter(action="safeguarding.acknowledge").count() == 1

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
        assert not AuditEvent.objects.filter(action="safeguarding.acknowledge").exists()

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
        assert not AuditEvent.objects.filter(action="safeguarding.acknowledge").exists()

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
