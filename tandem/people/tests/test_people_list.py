import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem import testing
from tandem.accounts.models import Role
from tandem.people.models import SafeguardingReferral
from tandem.plans.models import Plan

URL = reverse("people:list")


class TestPeopleList:
    def test_it_lists_the_teams_people(self, client_for, worker, person):
        response = client_for(worker).get(URL)
        assert response.status_code == 200
        body = response.content.decode()
        assert reverse("people:detail", args=[person.pk]) in body
        assert "Priya Patel" in body
        assert "RC0001" in body
        assert "1 January 1970" in body
        assert "North adults team" in body
        assert "Wendy Worker" in body
        assert "No plan" in body

    def test_it_shows_the_latest_plan_status(self, client_for, worker, person):
        plan = testing.make_plan(person, worker)
        Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.AGREED)
        response = client_for(worker).get(URL)
        assert '<strong class="govuk-tag govuk-tag--green">Agreed</strong>' in response.text

    def test_it_hides_people_in_other_teams(self, client_for, other_team_worker, person):
        response = client_for(other_team_worker).get(URL)
        assert response.status_code == 200
        assert "Priya" not in response.text
        assert "There is no one in your teams yet." in response.text

    def test_it_hides_people_in_other_organisations(self, client_for, other_org_worker, person):
        response = client_for(other_org_worker).get(URL)
        assert "Priya" not in response.text

    def test_it_shows_a_carer_only_their_people(self, client_for, org, team, carer_user, person):
        testing.make_person(org, team, given_name="Someone", family_name="Else")
        response = client_for(carer_user).get(URL)
        assert "Priya Patel" in response.text
        assert "Someone Else" not in response.text
        assert "Add a person" not in response.text

    def test_it_shows_a_provider_only_their_people(self, client_for, org, team, person):
        provider = testing.make_user(org, role=Role.PROVIDER)
        testing.make_circle_member(person, kind="provider", user=provider)
        testing.make_person(org, team, given_name="Someone", family_name="Else")
        response = client_for(provider).get(URL)
        assert "Priya Patel" in response.text
        assert "Someone Else" not in response.text

    def test_it_hides_people_from_a_carer_without_consent(self, client_for, person):
        carer = testing.make_carer_user(person, consent_to_share=False)
        response = client_for(carer).get(URL)
        assert "Priya" not in response.text
        assert "There is no one for you to see yet." in response.text

    def test_it_shows_the_add_button_to_staff(self, client_for, worker):
        response = client_for(worker).get(URL)
        assert "Add a person" in response.text
        assert reverse("people:add") in response.text

    def test_it_searches_by_name(self, client_for, org, team, worker, person):
        testing.make_person(org, team, given_name="Bob", family_name="Brown")
        response = client_for(worker).get(URL, {"q": "patel"})
        assert "Priya Patel" in response.text
        assert "Bob Brown" not in response.text
        assert "1 person found for “patel”" in response.text

    def test_it_searches_by_full_name(self, client_for, worker, person):
        response = client_for(worker).get(URL, {"q": "Priya Patel"})
        assert "Priya Patel" in response.text

    def test_it_searches_by_preferred_name(self, client_for, worker, person):
        response = client_for(worker).get(URL, {"q": "Pri"})
        assert "Priya Patel" in response.text

    def test_it_searches_by_local_identifier(self, client_for, org, team, worker, person):
        testing.make_person(org, team, given_name="Bob", local_identifier="XY9")
        response = client_for(worker).get(URL, {"q": "rc0001"})
        assert "Priya Patel" in response.text
        assert "Bob" not in response.text

    def test_it_says_when_nothing_matches(self, client_for, worker, person):
        response = client_for(worker).get(URL, {"q": "zzz"})
        assert "No people found for “zzz”" in response.text

    def test_it_refuses_an_over_long_search_without_failing(self, client_for, worker, person):
        response = client_for(worker).get(URL, {"q": "x" * 300})
        assert response.status_code == 200
        assert "must be 100 characters or less" in response.text

    def test_it_paginates_25_a_page(self, client_for, org, team, worker):
        for n in range(30):
            testing.make_person(org, team, family_name=f"Surname{n:02d}")
        client = client_for(worker)
        first = client.get(URL)
        assert first.text.count("govuk-table__row") == 26  # header and 25 people
        assert 'class="govuk-pagination"' in first.text
        second = client.get(URL, {"page": 2})
        assert second.text.count("govuk-table__row") == 6
        assert "Surname29" in second.text

    def test_it_keeps_the_search_in_page_links(self, client_for, org, team, worker):
        for n in range(26):
            testing.make_person(org, team, family_name=f"Smith{n:02d}")
        response = client_for(worker).get(URL, {"q": "smith"})
        assert "?q=smith&amp;page=2" in response.text

    def test_it_copes_with_a_bad_page_number(self, client_for, worker, person):
        response = client_for(worker).get(URL, {"page": "nonsense"})
        assert response.status_code == 200
        assert "Priya" in response.text

    def test_it_needs_sign_in(self, client):
        response = client.get(URL)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]

    def test_its_query_count_does_not_grow_with_people(
        self, client_for, org, team, worker, manager, person, django_assert_num_queries
    ):
        testing.make_plan(person, worker)
        client = client_for(manager)
        with CaptureQueriesContext(connection) as one_person:
            client.get(URL)
        for _n in range(49):
            someone = testing.make_person(org, team, allocated_worker=worker)
            testing.make_plan(someone, worker)
        with django_assert_num_queries(len(one_person)):
            response = client.get(URL)
        assert "50 people" in response.text

    def test_it_shows_a_manager_recent_safeguarding_concerns(
        self, client_for, manager, worker, person
    ):
        for _n in range(2):
            SafeguardingReferral.objects.create(
                organisation=person.organisation, person=person, concern="x", raised_by=worker
            )
        old = SafeguardingReferral.objects.create(
            organisation=person.organisation, person=person, concern="x", raised_by=worker
        )
        SafeguardingReferral.objects.filter(pk=old.pk).update(
            raised_at=timezone.now() - datetime.timedelta(days=8)
        )
        response = client_for(manager).get(URL)
        assert "2 safeguarding concerns raised in the last 7 days" in response.text
        assert reverse("people:safeguarding_list") in response.text

    def test_it_does_not_show_the_banner_to_workers(self, client_for, worker, person):
        SafeguardingReferral.objects.create(
            organisation=person.organisation, person=person, concern="x", raised_by=worker
        )
        response = client_for(worker).get(URL)
        assert "safeguarding concern" not in response.text

    def test_it_does_not_count_other_teams_concerns(self, client_for, org, manager, worker):
        other_team = testing.make_team(org)
        someone = testing.make_person(org, other_team)
        SafeguardingReferral.objects.create(
            organisation=org, person=someone, concern="x", raised_by=worker
        )
        other_manager = testing.make_worker(org, other_team, role=Role.TEAM_MANAGER)
        assert "safeguarding concern" not in client_for(manager).get(URL).text
        assert "1 safeguarding concern raised" in client_for(other_manager).get(URL).text
