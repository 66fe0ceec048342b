from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Role
from tandem.audit.models import AuditEvent
from tandem.people.models import Person
from tandem.people.tests.data import person_post

URL = reverse("people:add")


class TestPersonCreate:
    def test_it_shows_the_form_to_staff(self, client_for, worker):
        response = client_for(worker).get(URL)
        assert response.status_code == 200
        assert 'name="date_of_birth_day"' in response.text
        assert 'name="preferred_formats"' in response.text
        assert 'name="advocate"' not in response.text

    def test_it_adds_a_person(self, client_for, org, team, worker):
        post = person_post(team, allocated_worker=str(worker.pk), capacity="lacks_capacity")
        response = client_for(worker).post(URL, post)
        person = Person.objects.get(local_identifier="RC0100")
        assert response.status_code == 302
        assert response["Location"] == reverse("people:detail", args=[person.pk])
        assert person.organisation == org
        assert person.team == team
        assert person.allocated_worker == worker
        assert person.preferred_formats == ["large_print"]
        assert str(person.date_of_birth) == "1958-07-14"
        event = AuditEvent.objects.get(action="person.create")
        assert event.person == person
        assert event.actor == worker

    def test_it_forbids_a_carer(self, client_for, carer_user, team):
        client = client_for(carer_user)
        assert client.get(URL).status_code == 403
        assert client.post(URL, person_post(team)).status_code == 403
        assert not Person.objects.filter(local_identifier="RC0100").exists()

    def test_it_forbids_the_person(self, client_for, person_user):
        assert client_for(person_user).get(URL).status_code == 403

    def test_it_refuses_a_team_of_another_organisation(self, client_for, team, other_org_worker):
        response = client_for(other_org_worker).post(URL, person_post(team))
        assert response.status_code == 200
        assert "Select one of your teams" in response.text
        assert not Person.objects.filter(local_identifier="RC0100").exists()

    def test_it_only_offers_the_organisations_teams(self, client_for, worker, other_org_worker):
        response = client_for(worker).get(URL)
        assert "North adults team" in response.text
        assert "Hillside team" not in response.text

    def test_it_refuses_a_worker_of_another_organisation(self, client_for, team, worker):
        outsider = testing.make_worker(testing.make_organisation())
        response = client_for(worker).post(URL, person_post(team, allocated_worker=outsider.pk))
        assert "Select a worker from the list" in response.text

    def test_it_refuses_an_impossible_date_and_keeps_what_was_typed(self, client_for, team, worker):
        post = person_post(team, date_of_birth_day="31", date_of_birth_month="2")
        response = client_for(worker).post(URL, post)
        assert response.status_code == 200
        assert "Date of birth must be a real date" in response.text
        assert 'value="Nia"' in response.text
        assert 'value="31"' in response.text
        assert 'value="large_print"\n' not in response.text
        assert "checked" in response.text

    def test_it_refuses_a_date_of_birth_in_the_future(self, client_for, team, worker):
        post = person_post(team, date_of_birth_year="2999")
        response = client_for(worker).post(URL, post)
        assert "Date of birth must be today or in the past" in response.text

    def test_it_refuses_letters_in_the_date(self, client_for, team, worker):
        post = person_post(team, date_of_birth_day="xx")
        response = client_for(worker).post(URL, post)
        assert response.status_code == 200
        assert "Date of birth must be a real date" in response.text

    def test_it_asks_for_required_fields(self, client_for, team, worker):
        post = person_post(
            team,
            given_name="",
            family_name="",
            local_identifier="",
            team="",
            date_of_birth_day="",
            date_of_birth_month="",
            date_of_birth_year="",
        )
        response = client_for(worker).post(URL, post)
        assert response.status_code == 200
        assert "There is a problem" in response.text
        for message in (
            "Enter the person’s first name",
            "Enter the person’s last name",
            "Enter the person’s local identifier",
            "Enter the person’s date of birth",
            "Select the person’s team",
        ):
            assert message in response.text

    def test_it_refuses_over_long_text(self, client_for, team, worker):
        post = person_post(team, given_name="x" * 300, address="y" * 600)
        response = client_for(worker).post(URL, post)
        assert response.status_code == 200
        assert "First name must be 100 characters or less" in response.text
        assert "Address must be 500 characters or less" in response.text
        assert "x" * 300 in response.text

    def test_it_refuses_a_local_identifier_already_in_use(self, client_for, team, worker, person):
        response = client_for(worker).post(URL, person_post(team, local_identifier="RC0001"))
        assert response.status_code == 200
        assert "Another person in your organisation already has this local identifier" in (
            response.text
        )
        assert Person.objects.filter(local_identifier="RC0001").count() == 1

    def test_it_allows_the_same_identifier_in_another_organisation(
        self, client_for, other_org_worker, person
    ):
        team = other_org_worker.teams.get()
        response = client_for(other_org_worker).post(
            URL, person_post(team, local_identifier="RC0001")
        )
        assert response.status_code == 302
        assert Person.objects.filter(local_identifier="RC0001").count() == 2
        added = Person.objects.get(
            local_identifier="RC0001", organisation=other_org_worker.organisation
        )
        assert response["Location"] == reverse("people:detail", args=[added.pk])
        assert added.team == team
        assert person.organisation != added.organisation

    def test_it_refuses_an_unknown_format(self, client_for, team, worker):
        response = client_for(worker).post(URL, person_post(team, preferred_formats=["smoke"]))
        assert response.status_code == 200
        assert "Select a valid choice" in response.text

    def test_it_offers_only_the_workers_own_teams(self, client_for, org, worker):
        testing.make_team(org, "South adults team")
        response = client_for(worker).get(URL)
        assert "North adults team" in response.text
        assert "South adults team" not in response.text

    def test_it_offers_a_manager_each_of_their_own_teams(self, client_for, org, team, manager):
        manager.teams.add(testing.make_team(org, "Children and families"))
        testing.make_team(org, "South adults team")
        response = client_for(manager).get(URL)
        assert "North adults team" in response.text
        assert "Children and families" in response.text
        assert "South adults team" not in response.text

    def test_it_refuses_a_team_the_worker_is_not_in(self, client_for, org, worker):
        other_team = testing.make_team(org, "South adults team")
        response = client_for(worker).post(URL, person_post(other_team))
        assert response.status_code == 200
        assert "Select one of your teams" in response.text
        assert not Person.objects.filter(local_identifier="RC0100").exists()
        assert not AuditEvent.objects.filter(action="person.create").exists()

    def test_it_explains_whom_to_ask_when_the_worker_is_in_no_team(self, client_for, org, team):
        loner = testing.make_worker(org)
        testing.make_user(org, role=Role.ADMINISTRATOR, first_name="Robin", last_name="Admin")
        testing.make_user(testing.make_organisation(), role=Role.ADMINISTRATOR, last_name="Far")
        client = client_for(loner)
        response = client.get(URL)
        assert response.status_code == 200
        assert "You are not in a team" in response.text
        assert "Robin Admin" in response.text
        assert "Far" not in response.text
        assert 'name="given_name"' not in response.text
        assert reverse("people:list") in response.text
        response = client.post(URL, person_post(team))
        assert response.status_code == 200
        assert "You are not in a team" in response.text
        assert not Person.objects.filter(local_identifier="RC0100").exists()

    def test_it_offers_only_workers_of_the_workers_teams(self, client_for, org, worker):
        testing.make_worker(org, testing.make_team(org), first_name="Olu", last_name="Other")
        response = client_for(worker).get(URL)
        assert "Wendy Worker" in response.text
        assert "Olu Other" not in response.text

    def test_it_groups_the_workers_by_team(self, client_for, org, worker, manager):
        children = testing.make_team(org, "Children and families")
        manager.teams.add(children)
        testing.make_worker(org, children, first_name="Cam", last_name="Child")
        response = client_for(manager).get(URL)
        north = response.text.index('<optgroup label="North adults team">')
        families = response.text.index('<optgroup label="Children and families">')
        assert families < response.text.index("Cam Child") < north
        assert north < response.text.index("Wendy Worker")

    def test_it_refuses_a_worker_who_is_not_in_the_chosen_team(
        self, client_for, org, team, manager
    ):
        children = testing.make_team(org, "Children and families")
        manager.teams.add(children)
        cam = testing.make_worker(org, children, first_name="Cam", last_name="Child")
        response = client_for(manager).post(URL, person_post(team, allocated_worker=str(cam.pk)))
        assert response.status_code == 200
        assert "Select a worker in North adults team, or ‘Not allocated’" in response.text
        assert not Person.objects.filter(local_identifier="RC0100").exists()
