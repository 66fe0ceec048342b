import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django_tasks_db.models import DBTaskResult

from tandem import testing
from tandem.audit.models import AuditEvent
from tandem.people import rules, services
from tandem.people.models import CircleMember, Person, SafeguardingReferral


def person_data(team, **overrides):
    data = {
        "given_name": "Nia",
        "family_name": "Jones",
        "date_of_birth": datetime.date(1958, 7, 14),
        "local_identifier": "RC0100",
        "team": team,
    }
    data.update(overrides)
    return data


class TestPersonCreate:
    def test_it_creates_and_audits(self, org, team, worker):
        person = services.person_create(organisation=org, actor=worker, data=person_data(team))
        assert person.pk and person.organisation == org and person.revision == 1
        assert AuditEvent.objects.filter(action="person.create", person=person).exists()

    def test_it_refuses_another_organisations_team(self, org, worker, other_org_worker):
        other_team = other_org_worker.teams.get()
        with pytest.raises(ValidationError) as error:
            services.person_create(organisation=org, actor=worker, data=person_data(other_team))
        assert "team" in error.value.message_dict
        assert not Person.objects.exists()
        assert not AuditEvent.objects.exists()

    def test_it_refuses_a_team_the_actor_is_not_in(self, org, worker):
        other_team = testing.make_team(org)
        with pytest.raises(ValidationError) as error:
            services.person_create(organisation=org, actor=worker, data=person_data(other_team))
        assert "Select one of your teams" in error.value.message_dict["team"][0]
        assert not Person.objects.exists()
        assert not AuditEvent.objects.exists()

    def test_it_refuses_an_allocated_worker_from_another_team(self, org, team, worker):
        other = testing.make_worker(org, testing.make_team(org))
        data = person_data(team, allocated_worker=other)
        with pytest.raises(ValidationError) as error:
            services.person_create(organisation=org, actor=worker, data=data)
        assert "allocated_worker" in error.value.message_dict
        assert not Person.objects.exists()

    def test_it_refuses_a_non_staff_allocated_worker(self, org, team, worker, carer_user):
        data = person_data(team, allocated_worker=carer_user)
        with pytest.raises(ValidationError) as error:
            services.person_create(organisation=org, actor=worker, data=data)
        assert "allocated_worker" in error.value.message_dict

    def test_it_refuses_a_duplicate_local_identifier(self, org, team, worker, person):
        data = person_data(team, local_identifier=person.local_identifier)
        with pytest.raises(ValidationError) as error:
            services.person_create(organisation=org, actor=worker, data=data)
        assert "local_identifier" in error.value.message_dict

    def test_it_ignores_fields_it_does_not_own(self, org, team, worker, other_org_worker):
        data = person_data(team, organisation=other_org_worker.organisation, revision=99)
        person = services.person_create(organisation=org, actor=worker, data=data)
        assert person.organisation == org and person.revision == 1


class TestPersonUpdate:
    def test_it_updates_bumps_the_revision_and_audits(self, worker, person):
        updated = services.person_update(
            person=person, actor=worker, data={"language": "Welsh"}, revision=1
        )
        assert updated.revision == 2
        person.refresh_from_db()
        assert person.language == "Welsh" and person.revision == 2
        event = AuditEvent.objects.get(action="person.update")
        assert event.detail["changes"] == {"language": ["English", "Welsh"]}

    def test_it_refuses_a_stale_revision(self, worker, person):
        services.person_update(person=person, actor=worker, data={"language": "Welsh"}, revision=1)
        with pytest.raises(services.EditConflict) as conflict:
            services.person_update(
                person=person, actor=worker, data={"language": "Urdu"}, revision=1
            )
        assert conflict.value.current.language == "Welsh"
        person.refresh_from_db()
        assert person.language == "Welsh"

    def test_it_refuses_an_advocate_from_another_circle(self, org, team, worker, person):
        stranger = testing.make_circle_member(testing.make_person(org, team))
        with pytest.raises(ValidationError) as error:
            services.person_update(
                person=person, actor=worker, data={"advocate": stranger}, revision=1
            )
        assert "advocate" in error.value.message_dict

    def test_it_refuses_a_friend_as_advocate(self, worker, person):
        friend = testing.make_circle_member(person, kind=CircleMember.Kind.FRIEND)
        with pytest.raises(ValidationError):
            services.person_update(
                person=person, actor=worker, data={"advocate": friend}, revision=1
            )

    def test_it_refuses_a_move_to_a_team_the_actor_is_not_in(self, org, worker, person):
        other_team = testing.make_team(org)
        with pytest.raises(ValidationError) as error:
            services.person_update(
                person=person,
                actor=worker,
                data={"team": other_team, "allocated_worker": None},
                revision=1,
            )
        assert "team" in error.value.message_dict
        person.refresh_from_db()
        assert person.team != other_team and person.revision == 1

    def test_it_validates_the_fields(self, worker, person):
        with pytest.raises(ValidationError):
            services.person_update(
                person=person, actor=worker, data={"given_name": "x" * 101}, revision=1
            )


class TestCircleMember:
    def test_it_adds_and_audits(self, worker, person):
        member = services.circle_member_add(
            person=person, actor=worker, data={"name": "Dee", "kind": "family"}
        )
        assert member.organisation_id == person.organisation_id
        assert AuditEvent.objects.filter(action="person.circle.add", person=person).exists()

    def test_it_validates_the_email(self, worker, person):
        with pytest.raises(ValidationError):
            services.circle_member_add(
                person=person, actor=worker, data={"name": "D", "kind": "family", "email": "no"}
            )

    def test_it_refuses_a_stale_revision(self, worker, person):
        member = testing.make_circle_member(person)
        services.circle_member_update(
            member=member, actor=worker, data={"phone": "01632 960 001"}, revision=1
        )
        with pytest.raises(services.EditConflict):
            services.circle_member_update(
                member=member, actor=worker, data={"phone": "01632 960 002"}, revision=1
            )
        member.refresh_from_db()
        assert member.phone == "01632 960 001" and member.revision == 2


def raise_concern(person, actor, **kwargs):
    values = {"plan": None, "concern": "c", "immediate_risk": False, **kwargs}
    return services.safeguarding_raise(person=person, actor=actor, **values)


class TestSafeguardingRaise:
    def test_it_records_the_referral_and_queues_the_alerts(
        self, worker, manager, person, mailoutbox
    ):
        referral = raise_concern(person, worker)
        assert list(referral.alerted.all()) == [manager]
        assert AuditEvent.objects.filter(action="safeguarding.raise").exists()
        queued = DBTaskResult.objects.get()
        assert queued.task_path == "tandem.people.tasks.safeguarding_alert_send"
        assert queued.args_kwargs == {"args": [referral.pk], "kwargs": {}}
        assert mailoutbox == []  # nothing leaves until the worker runs the task

        assert testing.run_queued_tasks() == 1
        assert [m.to for m in mailoutbox] == [[manager.email]]
        assert "immediate risk" not in mailoutbox[0].body

    @pytest.mark.django_db(transaction=True)
    def test_the_alert_is_queued_in_the_referrals_transaction(
        self, worker, manager, person, monkeypatch
    ):
        """Queued as a row in the referral's own transaction: if that is rolled back, even after
        the task was queued, nothing is queued; once it commits, the task is there too."""
        real = services.safeguarding_alert_send

        class FailsAfterQueuing:
            def enqueue(self, *args, **kwargs):
                real.enqueue(*args, **kwargs)
                raise RuntimeError("The referral's transaction fails after queuing")

        monkeypatch.setattr(services, "safeguarding_alert_send", FailsAfterQueuing())
        with pytest.raises(RuntimeError):
            raise_concern(person, worker)
        assert not SafeguardingReferral.objects.exists()
        assert not DBTaskResult.objects.exists()

        monkeypatch.setattr(services, "safeguarding_alert_send", real)
        referral = raise_concern(person, worker)
        assert DBTaskResult.objects.get().args_kwargs["args"] == [referral.pk]

    def test_a_refused_referral_queues_nothing(self, worker, manager, person):
        with pytest.raises(ValidationError):
            raise_concern(person, worker, concern="")
        assert not DBTaskResult.objects.exists()

    def test_it_refuses_another_persons_plan(self, org, team, worker, person):
        plan = testing.make_plan(testing.make_person(org, team), worker)
        with pytest.raises(ValueError):
            raise_concern(person, worker, plan=plan)
        assert not SafeguardingReferral.objects.exists()

    def test_it_skips_managers_without_an_email(self, org, team, worker, person, mailoutbox):
        testing.make_worker(org, team, role="team_manager", email="")
        referral = raise_concern(person, worker, immediate_risk=True)
        testing.run_queued_tasks()
        assert referral.alerted.count() == 1
        assert mailoutbox == []

    def test_it_ignores_inactive_managers(self, org, team, worker, person):
        testing.make_worker(org, team, role="team_manager", is_active=False)
        referral = raise_concern(person, worker, immediate_risk=True)
        assert referral.alerted.count() == 0
        assert not DBTaskResult.objects.exists()


class TestSafeguardingRaisedTwice:
    """The same form sent twice (a double click) is one referral and one alert."""

    def test_it_gives_back_the_first_referral(self, worker, manager, person, mailoutbox):
        key = uuid.uuid4()
        first = raise_concern(person, worker, submission_key=key)
        second = raise_concern(person, worker, submission_key=key)
        assert second == first
        assert SafeguardingReferral.objects.count() == 1
        assert AuditEvent.objects.filter(action="safeguarding.raise").count() == 1
        testing.run_queued_tasks()
        assert len(mailoutbox) == 1

    def test_a_key_used_for_a_different_concern_is_a_new_referral(self, worker, person):
        """A form brought back with the browser's back button and changed is a new concern."""
        key = uuid.uuid4()
        first = raise_concern(person, worker, submission_key=key)
        second = raise_concern(person, worker, submission_key=key, concern="Another")
        assert second != first
        assert (second.concern, second.submission_key) == ("Another", None)

    def test_the_key_is_each_users_own(self, worker, carer_user, person):
        key = uuid.uuid4()
        raise_concern(person, worker, submission_key=key)
        raise_concern(person, carer_user, submission_key=key)
        assert SafeguardingReferral.objects.filter(submission_key=key).count() == 2

    def test_without_a_key_each_submission_is_a_referral(self, worker, person):
        raise_concern(person, worker)
        raise_concern(person, worker)
        assert SafeguardingReferral.objects.count() == 2


class TestRules:
    def test_it_asks_to_consider_an_advocate_only_when_capacity_is_lacking(self):
        lacks = Person.Capacity.LACKS_CAPACITY
        assert rules.should_consider_advocate(capacity=lacks, has_advocate=False)
        assert not rules.should_consider_advocate(capacity=lacks, has_advocate=True)
        for capacity in (Person.Capacity.HAS_CAPACITY, Person.Capacity.NOT_ASSESSED):
            assert not rules.should_consider_advocate(capacity=capacity, has_advocate=False)
