from django.urls import reverse

from tandem import testing
from tandem.audit.models import AuditEvent
from tandem.people.models import CircleMember, Person
from tandem.people.tests.data import person_change_post


def url(person):
    return reverse("people:change", args=[person.pk])


class TestPersonUpdate:
    def test_it_shows_the_form_filled_in(self, client_for, worker, person):
        response = client_for(worker).get(url(person))
        assert response.status_code == 200
        assert 'value="Priya"' in response.text
        assert 'name="date_of_birth_year" value="1970"' in response.text
        assert 'name="revision" value="1"' in response.text

    def test_it_records_who_opened_the_full_record(self, client_for, worker, person):
        client_for(worker).get(url(person))
        event = AuditEvent.objects.get(action="person.edit.view")
        assert event.actor == worker
        assert event.person == person
        assert event.plan is None

    def test_it_records_no_view_when_refused(
        self, client_for, carer_user, other_team_worker, person
    ):
        client_for(carer_user).get(url(person))
        client_for(other_team_worker).get(url(person))
        assert not AuditEvent.objects.filter(action="person.edit.view").exists()

    def test_it_saves_changes(self, client_for, worker, person):
        post = person_change_post(person, given_name="Priyanka", capacity="has_capacity")
        response = client_for(worker).post(url(person), post)
        assert response.status_code == 302
        assert response["Location"] == reverse("people:detail", args=[person.pk])
        person.refresh_from_db()
        assert person.given_name == "Priyanka"
        assert person.capacity == "has_capacity"
        assert person.revision == 2
        event = AuditEvent.objects.get(action="person.update")
        assert event.detail["changes"]["given_name"] == ["Priya", "Priyanka"]

    def test_it_forbids_a_carer(self, client_for, carer_user, person):
        client = client_for(carer_user)
        assert client.get(url(person)).status_code == 403
        post = person_change_post(person, given_name="Hacked")
        assert client.post(url(person), post).status_code == 403
        person.refresh_from_db()
        assert person.given_name == "Priya"

    def test_it_forbids_the_person(self, client_for, person_user, person):
        assert client_for(person_user).get(url(person)).status_code == 403

    def test_it_hides_the_person_from_another_team(self, client_for, other_team_worker, person):
        assert client_for(other_team_worker).get(url(person)).status_code == 404

    def test_it_hides_the_person_from_another_organisation(
        self, client_for, other_org_worker, person
    ):
        client = client_for(other_org_worker)
        assert client.get(url(person)).status_code == 404
        assert client.post(url(person), person_change_post(person)).status_code == 404

    def test_it_refuses_a_stale_save_and_keeps_what_was_typed(self, client_for, worker, person):
        post = person_change_post(person, given_name="Mine")
        Person.objects.filter(pk=person.pk).update(given_name="Theirs", revision=2)
        response = client_for(worker).post(url(person), post)
        assert response.status_code == 200
        assert "govuk-error-summary" in response.text
        assert "Someone else changed these details while you were editing them" in response.text
        assert 'value="Mine"' in response.text
        assert "Theirs" in response.text  # what is saved now, shown to compare
        assert 'name="revision" value="2"' in response.text
        person.refresh_from_db()
        assert person.given_name == "Theirs"
        assert not AuditEvent.objects.filter(action="person.update").exists()

    def test_it_saves_after_a_conflict_once_checked(self, client_for, worker, person):
        Person.objects.filter(pk=person.pk).update(revision=2)
        post = person_change_post(person, given_name="Mine", revision="2")
        response = client_for(worker).post(url(person), post)
        assert response.status_code == 302
        assert response["Location"] == reverse("people:detail", args=[person.pk])
        person.refresh_from_db()
        assert person.given_name == "Mine"
        assert person.revision == 3

    def test_it_chooses_an_advocate_from_the_circle(self, client_for, worker, person):
        advocate = testing.make_circle_member(person, kind=CircleMember.Kind.ADVOCATE)
        post = person_change_post(person, advocate=str(advocate.pk))
        response = client_for(worker).post(url(person), post)
        assert response.status_code == 302
        assert response["Location"] == reverse("people:detail", args=[person.pk])
        person.refresh_from_db()
        assert person.advocate == advocate

    def test_it_offers_only_representatives_as_advocate(self, client_for, worker, person):
        friend = testing.make_circle_member(person, kind=CircleMember.Kind.FRIEND, name="Fred")
        response = client_for(worker).get(url(person))
        assert "Fred" not in response.text
        post = person_change_post(person, advocate=str(friend.pk))
        response = client_for(worker).post(url(person), post)
        assert "Select an advocate from the list" in response.text

    def test_it_refuses_someone_elses_circle_member_as_advocate(
        self, client_for, org, team, worker, person
    ):
        other = testing.make_circle_member(testing.make_person(org, team))
        response = client_for(worker).post(
            url(person), person_change_post(person, advocate=str(other.pk))
        )
        assert response.status_code == 200
        assert "Select an advocate from the list" in response.text

    def test_it_refuses_another_organisations_team(
        self, client_for, worker, person, other_org_worker
    ):
        other_team = other_org_worker.teams.get()
        response = client_for(worker).post(
            url(person), person_change_post(person, team=str(other_team.pk))
        )
        assert response.status_code == 200
        assert "Select one of your teams" in response.text

    def test_it_refuses_an_impossible_date(self, client_for, worker, person):
        post = person_change_post(person, date_of_birth_day="30", date_of_birth_month="2")
        response = client_for(worker).post(url(person), post)
        assert response.status_code == 200
        assert "Date of birth must be a real date" in response.text

    def test_it_refuses_a_missing_revision(self, client_for, worker, person):
        post = person_change_post(person)
        del post["revision"]
        response = client_for(worker).post(url(person), post)
        assert response.status_code == 200
        person.refresh_from_db()
        assert person.revision == 1

    def test_it_refuses_another_persons_local_identifier(
        self, client_for, org, team, worker, person
    ):
        testing.make_person(org, team, local_identifier="TAKEN")
        post = person_change_post(person, local_identifier="TAKEN")
        response = client_for(worker).post(url(person), post)
        assert "Another person in your organisation already has this local identifier" in (
            response.text
        )

    def test_it_offers_only_the_workers_own_teams(self, client_for, org, worker, person):
        testing.make_team(org, "Children and families")
        response = client_for(worker).get(url(person))
        assert "North adults team" in response.text
        assert "Children and families" not in response.text

    def test_it_refuses_to_move_the_person_to_a_team_the_worker_is_not_in(
        self, client_for, org, worker, person
    ):
        """The worker would lose sight of the person they had just moved."""
        children = testing.make_team(org, "Children and families")
        post = person_change_post(person, team=str(children.pk), allocated_worker="")
        response = client_for(worker).post(url(person), post)
        assert response.status_code == 200
        assert "Select one of your teams" in response.text
        assert "ask a team manager who is in both teams" in response.text
        person.refresh_from_db()
        assert person.team.name == "North adults team"
        assert not AuditEvent.objects.filter(action="person.update").exists()

    def test_a_manager_moves_the_person_between_their_own_teams(
        self, client_for, org, manager, person
    ):
        children = testing.make_team(org, "Children and families")
        manager.teams.add(children)
        post = person_change_post(person, team=str(children.pk), allocated_worker=manager.pk)
        response = client_for(manager).post(url(person), post)
        assert response.status_code == 302
        assert response["Location"] == reverse("people:detail", args=[person.pk])
        person.refresh_from_db()
        assert (person.team, person.allocated_worker) == (children, manager)

    def test_it_refuses_to_keep_a_worker_who_is_not_in_the_new_team(
        self, client_for, org, manager, person
    ):
        children = testing.make_team(org, "Children and families")
        manager.teams.add(children)
        post = person_change_post(person, team=str(children.pk))  # still allocated to Wendy
        response = client_for(manager).post(url(person), post)
        assert response.status_code == 200
        assert "Select a worker in Children and families, or ‘Not allocated’" in response.text
        person.refresh_from_db()
        assert person.team.name == "North adults team"

    def test_it_keeps_an_allocation_to_a_worker_who_has_left_the_team(
        self, client_for, team, worker, manager, person
    ):
        """Changing other details never drops the allocation silently."""
        worker.teams.remove(team)
        response = client_for(manager).get(url(person))
        assert "Wendy Worker" in response.text
        post = person_change_post(person, language="Welsh")
        assert client_for(manager).post(url(person), post).status_code == 302
        person.refresh_from_db()
        assert (person.language, person.allocated_worker) == ("Welsh", worker)
