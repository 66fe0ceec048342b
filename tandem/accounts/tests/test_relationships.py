"""Who may see a person (issue 9, item 1), role by role: the relationship rules of
tandem/accounts/access.py, checked through the person's page (200 or 404) and `visible_people`."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem import testing
from tandem.accounts.access import visible_people
from tandem.accounts.models import Role
from tandem.people.consent import consent_give, consent_withdraw
from tandem.people.emergency import break_glass_open
from tandem.people.models import BreakGlassAccess, CircleMember

Appointment = CircleMember.Appointment


def sees(user, person) -> bool:
    status = testing.client_for(user).get(reverse("people:detail", args=[person.pk])).status_code
    assert status in (200, 404)
    return status == 200


def circle_user(person, *, role=Role.CARER, consent=False, appointed_as=Appointment.NONE):
    user = testing.make_user(person.organisation, role=role)
    testing.make_circle_member(
        person,
        user=user,
        kind=CircleMember.Kind.ADVOCATE if role == Role.CARER else CircleMember.Kind.PROVIDER,
        consent_to_share=consent,
        appointed_as=appointed_as,
        appointed_since=datetime.date(2025, 6, 1) if appointed_as != Appointment.NONE else None,
    )
    return user


class TestWorkers:
    def test_it_shows_a_worker_the_people_allocated_to_them_outside_their_teams(
        self, org, other_team_worker, person
    ):
        assert not sees(other_team_worker, person)
        person.allocated_worker = other_team_worker
        person.save()
        assert sees(other_team_worker, person)

    def test_it_never_shows_an_allocated_person_across_organisations(self, person):
        stranger = testing.make_worker(testing.make_organisation())
        person.allocated_worker = stranger  # an administrator's mistake
        person.save()
        assert stranger.pk is not None and person not in visible_people(stranger)

    def test_it_shows_a_manager_their_teams_people_only(self, org, manager, person):
        assert sees(manager, person)
        elsewhere = testing.make_person(org, testing.make_team(org))
        assert not sees(manager, elsewhere)

    def test_it_shows_an_administrator_no_one(self, org, person):
        admin = testing.make_user(org, role=Role.ADMINISTRATOR)
        assert not sees(admin, person)


class TestCircle:
    def test_it_shows_a_provider_only_with_consent(self, person):
        assert sees(circle_user(person, role=Role.PROVIDER, consent=True), person)
        assert not sees(circle_user(person, role=Role.PROVIDER), person)

    def test_an_appointment_does_not_open_the_record_to_a_provider(self, person):
        provider = circle_user(person, role=Role.PROVIDER, appointed_as=Appointment.ADVOCATE)
        assert not sees(provider, person)

    def test_it_hides_the_person_from_a_carer_without_consent(self, person):
        assert not sees(circle_user(person), person)

    @pytest.mark.parametrize(
        "appointed_as", [Appointment.ADVOCATE, Appointment.LEGAL_REPRESENTATIVE]
    )
    def test_it_shows_an_appointed_advocate_or_legal_representative_without_consent(
        self, person, appointed_as
    ):
        assert sees(circle_user(person, appointed_as=appointed_as), person)

    def test_an_appointment_in_another_organisation_opens_nothing(self, person):
        other_org = testing.make_organisation()
        user = testing.make_user(other_org, role=Role.CARER)
        testing.make_circle_member(
            person, user=user, consent_to_share=False, appointed_as=Appointment.ADVOCATE
        )
        assert person not in visible_people(user)

    def test_it_hides_the_person_at_once_when_consent_is_withdrawn(self, worker, person):
        carer = testing.make_user(person.organisation, role=Role.CARER)
        member = testing.make_circle_member(person, user=carer, consent_to_share=False)
        consent_give(
            member=member,
            actor=worker,
            purpose="share_plan",
            given_by="person",
            method="in_person",
            given_on=datetime.date(2026, 1, 5),
        )
        client = testing.client_for(carer)
        url = reverse("people:detail", args=[person.pk])
        assert client.get(url).status_code == 200

        consent_withdraw(
            member=member,
            actor=worker,
            purpose="share_plan",
            withdrawn_by="person",
            withdrawn_on=timezone.localdate(),
        )
        # The same signed-in session, its very next request.
        assert client.get(url).status_code == 404


class TestBreakGlass:
    REASON = "Found confused at the station, needs his medication list"

    def test_it_opens_the_record_to_a_practitioner_until_it_expires(
        self, org, other_team_worker, person
    ):
        assert not sees(other_team_worker, person)
        grant = break_glass_open(person=person, actor=other_team_worker, reason=self.REASON)
        assert sees(other_team_worker, person)

        BreakGlassAccess.objects.filter(pk=grant.pk).update(
            expires_at=timezone.now() - datetime.timedelta(seconds=1)
        )
        assert not sees(other_team_worker, person)

    def test_it_lasts_four_hours(self, other_team_worker, person):
        grant = break_glass_open(person=person, actor=other_team_worker, reason=self.REASON)
        assert grant.expires_at - grant.opened_at == datetime.timedelta(hours=4)

    def test_it_keeps_an_emergency_look_off_the_caseload(self, other_team_worker, person):
        from tandem.worklist.due import worklist_people

        break_glass_open(person=person, actor=other_team_worker, reason=self.REASON)
        assert person in visible_people(other_team_worker)
        assert person not in worklist_people(other_team_worker)

    @pytest.mark.parametrize(
        "role", [Role.ADMINISTRATOR, Role.CARER, Role.PROVIDER, Role.PERSON], ids=str
    )
    def test_it_refuses_anyone_but_a_practitioner(self, org, person, role):
        user = testing.make_user(org, role=role)
        client = testing.client_for(user)
        url = reverse("people:break_glass", args=[person.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, {"reason": self.REASON}).status_code == 403
        assert client.get(reverse("people:emergency_search")).status_code == 403
        assert not BreakGlassAccess.objects.exists()
        assert not sees(user, person)

    def test_it_refuses_a_person_of_another_organisation(self, other_team_worker):
        other_org = testing.make_organisation()
        stranger = testing.make_person(other_org, testing.make_team(other_org))
        client = testing.client_for(other_team_worker)
        url = reverse("people:break_glass", args=[stranger.pk])
        assert client.post(url, {"reason": self.REASON}).status_code == 404
        assert not BreakGlassAccess.objects.exists()


def _people(org, team, n, **kwargs):
    from tandem.people.models import Person

    return Person.objects.bulk_create(
        Person(
            organisation=org,
            team=team,
            given_name="Bulk",
            family_name=f"Person{i:04d}",
            date_of_birth=datetime.date(1970, 1, 1),
            local_identifier=f"BULK-{kwargs.get('prefix', '')}{i:04d}",
            allocated_worker=kwargs.get("allocated_worker"),
        )
        for i in range(n)
    )


@pytest.mark.parametrize("who", ["allocated", "emergency", "appointed"])
def test_the_people_list_costs_the_same_for_10_people_as_for_200(
    client_for, org, other_team_worker, worker, who, django_assert_num_queries
):
    """Each new way of seeing someone (allocation outside the team, emergency access, an
    appointment) keeps the people list at a fixed number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    elsewhere = testing.make_team(org, "East adults team")
    if who == "appointed":
        user = testing.make_user(org, role=Role.CARER)
    else:
        user = other_team_worker

    def grant(people):
        if who == "allocated":
            for p in people:
                p.allocated_worker = user
            type(people[0]).objects.bulk_update(people, ["allocated_worker"])
        elif who == "emergency":
            now = timezone.now()
            BreakGlassAccess.objects.bulk_create(
                BreakGlassAccess(
                    organisation=org,
                    person=p,
                    user=user,
                    reason="Bulk emergency for the query count",
                    opened_at=now,
                    expires_at=now + datetime.timedelta(hours=4),
                )
                for p in people
            )
        else:
            CircleMember.objects.bulk_create(
                CircleMember(
                    organisation=org,
                    person=p,
                    name="Ada Advocate",
                    kind=CircleMember.Kind.ADVOCATE,
                    user=user,
                    appointed_as=Appointment.LEGAL_REPRESENTATIVE,
                    appointed_since=datetime.date(2025, 1, 1),
                )
                for p in people
            )

    grant(_people(org, elsewhere, 10, prefix="A"))
    client = client_for(user)
    url = reverse("people:list")
    with CaptureQueriesContext(connection) as ten:
        response = client.get(url)
    assert "10 people" in response.text
    grant(_people(org, elsewhere, 190, prefix="B"))
    with django_assert_num_queries(len(ten)):
        response = client.get(url)
    assert "200 people" in response.text
