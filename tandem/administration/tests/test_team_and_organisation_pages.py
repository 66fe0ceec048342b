"""Teams are added and renamed (never deleted: people belong to them), and the organisation's
name and framework changed, each audited, with duplicate names refused and two administrators
never overwriting each other."""

import pytest
from django.urls import reverse

from tandem.accounts.models import Organisation, Team
from tandem.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

TEAM_ADD = reverse("administration:team_add")
ORGANISATION = reverse("administration:organisation")


def rename(team):
    return reverse("administration:team_change", args=[team.pk])


def test_it_adds_a_team_to_the_organisation_audited(client_for, admin, org):
    response = client_for(admin).post(TEAM_ADD, {"name": "West adults team"})
    assert response["Location"] == reverse("administration:teams")
    team = Team.objects.get(name="West adults team")
    assert team.organisation == org
    event = AuditEvent.objects.get(action=AuditAction.TEAM_CREATE)
    assert (event.actor, event.detail) == (admin, {"team": team.pk, "name": "West adults team"})


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("North adults team", "There is already a team with this name"),
        ("NORTH ADULTS TEAM", "There is already a team with this name"),
        ("", "Enter the team’s name"),
        ("x" * 201, "The team’s name must be 200 characters or less"),
    ],
)
def test_it_refuses_a_name_it_cannot_use(client_for, admin, team, name, message):
    for url in (TEAM_ADD, rename(team)):
        other = Team.objects.create(organisation=team.organisation, name="Other team")
        target = url if url == TEAM_ADD else rename(other)
        data = {"name": name, "revision": other.revision}
        response = client_for(admin).post(target, data)
        assert response.status_code == 200
        assert message in response.content.decode()
        other.delete()
    assert Team.objects.filter(organisation=team.organisation).count() == 1
    assert not AuditEvent.objects.exists()


def test_another_organisation_may_have_a_team_of_the_same_name(client_for, admin, other_org_worker):
    name = other_org_worker.teams.get().name
    client_for(admin).post(TEAM_ADD, {"name": name})
    assert Team.objects.filter(name=name).count() == 2


def test_it_renames_a_team_and_its_people_and_members_stay(client_for, admin, team, worker, person):
    response = client_for(admin).post(rename(team), {"name": "North team", "revision": "1"})
    assert response.status_code == 302
    team.refresh_from_db()
    person.refresh_from_db()
    assert team.name == "North team"
    assert person.team == team and list(worker.teams.all()) == [team]
    event = AuditEvent.objects.get(action=AuditAction.TEAM_UPDATE)
    assert event.detail == {
        "team": team.pk,
        "changes": {"name": ["North adults team", "North team"]},
    }


def test_two_administrators_renaming_a_team_never_overwrite_each_other(
    client_for, admin, other_admin, team
):
    client_for(other_admin).post(rename(team), {"name": "North team", "revision": "1"})
    response = client_for(admin).post(rename(team), {"name": "Northern team", "revision": "1"})
    html = response.content.decode()
    assert "Someone else renamed this team" in html
    assert "North team" in html and 'value="Northern team"' in html
    team.refresh_from_db()
    assert team.name == "North team"


def test_it_changes_the_organisations_details_audited(client_for, admin, org):
    page = client_for(admin).get(ORGANISATION).content.decode()
    assert 'value="Riverside Council"' in page
    response = client_for(admin).post(
        ORGANISATION,
        {
            "name": "Riverside City Council",
            "adult_outcome_framework": "talking_points",
            "revision": "1",
        },
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert (org.name, org.adult_outcome_framework) == ("Riverside City Council", "talking_points")
    event = AuditEvent.objects.get(action=AuditAction.ORGANISATION_UPDATE)
    assert event.detail == {
        "changes": {
            "name": ["Riverside Council", "Riverside City Council"],
            "adult_outcome_framework": ["ascot", "talking_points"],
        }
    }


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Enter the organisation’s name"),
        ({"adult_outcome_framework": "made-up"}, "Select one of the frameworks listed"),
        ({"revision": "abc"}, "Something went wrong with this page"),
    ],
)
def test_it_refuses_bad_details(client_for, admin, org, changes, message):
    data = {"name": "New name", "adult_outcome_framework": "ascot", "revision": "1", **changes}
    response = client_for(admin).post(ORGANISATION, data)
    assert message in response.content.decode()
    assert Organisation.objects.get(pk=org.pk).name == "Riverside Council"


def test_two_administrators_changing_the_details_never_overwrite_each_other(
    client_for, admin, other_admin, org
):
    data = {"adult_outcome_framework": "ascot", "revision": "1"}
    client_for(other_admin).post(ORGANISATION, {**data, "name": "Riverside A"})
    response = client_for(admin).post(ORGANISATION, {**data, "name": "Riverside B"})
    html = response.content.decode()
    assert "Someone else changed the organisation’s details" in html
    assert "Riverside A" in html and 'value="Riverside B"' in html
    assert Organisation.objects.get(pk=org.pk).name == "Riverside A"


def test_the_home_page_links_to_the_organisations_settings_that_exist(client_for, admin):
    html = client_for(admin).get(reverse("administration:home")).content.decode()
    for name in (
        "administration:users",
        "administration:teams",
        "administration:organisation",
        "reviews:timescales",
        "worklist:escalation",
        "budgets:setup",
    ):
        assert f'href="{reverse(name)}"' in html
