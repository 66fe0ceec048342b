"""The users and teams lists: their own organisation's only, searchable, paginated, in a fixed
number of queries however many there are, and never a 500 for a strange query string."""

import pytest
from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Role, Team, User

pytestmark = pytest.mark.django_db

USERS = reverse("administration:users")
TEAMS = reverse("administration:teams")


def bulk_users(org, teams, count, start=0):
    users = User.objects.bulk_create(
        User(
            organisation=org,
            username=f"bulk{org.pk}-{start + n}",
            first_name=f"Bulk{n:04d}",
            last_name="Staff",
            email=f"bulk{n}@example.org",
            role=Role.SOCIAL_WORKER if n % 2 else Role.TEAM_MANAGER,
            is_active=n % 5 != 0,
        )
        for n in range(start, start + count)
    )
    through = User.teams.through
    through.objects.bulk_create(
        through(user_id=user.pk, team_id=teams[n % len(teams)].pk) for n, user in enumerate(users)
    )


def test_it_lists_the_organisations_users_with_role_and_teams(
    client_for, admin, worker, other_org_worker
):
    html = client_for(admin).get(USERS).content.decode()
    assert worker.display_name in html and "Social worker" in html and "North adults team" in html
    assert other_org_worker.display_name not in html


@pytest.mark.parametrize("query", ["wendy", "WORKER", "user-w", "wendy.w@", "Wendy Worker"])
def test_it_finds_someone_by_name_username_or_email(client_for, admin, worker, manager, query):
    worker.username, worker.email = "user-w", "wendy.w@example.org"
    worker.save()
    html = client_for(admin).get(USERS, {"q": query}).content.decode()
    assert worker.display_name in html
    assert "found for" in html
    assert manager.display_name not in html


def test_it_says_when_no_one_matches(client_for, admin):
    html = client_for(admin).get(USERS, {"q": "zzzz"}).content.decode()
    assert "No users found for “zzzz”" in html


@pytest.mark.parametrize(
    "query",
    [
        {"page": "999"},
        {"page": "-1"},
        {"page": "abc"},
        {"page": "9" * 40},
        {"q": "x" * 500},
        {"q": "\x00"},
        {"q": "%", "page": "2"},
    ],
)
def test_a_strange_query_string_is_never_an_error(client_for, admin, query):
    assert client_for(admin).get(USERS, query).status_code == 200
    assert client_for(admin).get(TEAMS, query).status_code == 200


def test_it_pages_through_many_users(client_for, admin, org, team):
    bulk_users(org, [team], 60)
    first = client_for(admin).get(USERS).content.decode()
    assert "61 users" in first  # the 60 and the administrator, and no one else
    assert 'aria-label="Page 3"' in first
    last = client_for(admin).get(USERS, {"page": "3"}).content.decode()
    assert last.count('class="govuk-table__row"') == 1 + 11


@pytest.mark.parametrize("url", [USERS, TEAMS])
def test_the_lists_take_the_same_queries_for_10_or_200(
    client_for, admin, org, django_assert_max_num_queries, url
):
    teams = [testing.make_team(org, f"Team {n}") for n in range(3)]
    bulk_users(org, teams, 10)
    client = client_for(admin)
    client.get(url)
    with django_assert_max_num_queries(100) as few:
        client.get(url)
    Team.objects.bulk_create(Team(organisation=org, name=f"More {n}") for n in range(30))
    bulk_users(org, teams + list(Team.objects.filter(name__startswith="More")), 190, start=10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url, {"page": "2", "q": "Bulk"})


def test_the_teams_list_counts_members_who_can_sign_in(client_for, admin, org, team, worker):
    testing.make_worker(org, team, is_active=False)
    testing.make_team(org, "Empty team")
    html = client_for(admin).get(TEAMS).content.decode()
    assert "North adults team" in html and "Empty team" in html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>' in html


def test_an_organisation_with_no_teams_is_told_what_to_do(client_for):
    admin = testing.make_user(testing.make_organisation(), role=Role.ADMINISTRATOR)
    html = client_for(admin).get(TEAMS).content.decode()
    assert "Your organisation has no teams yet" in html


@pytest.mark.parametrize("name", ["administration:user", "administration:user_change"])
def test_a_users_pages_take_the_same_queries_however_many_teams(
    client_for, admin, org, worker, django_assert_max_num_queries, name
):
    url = reverse(name, args=[worker.pk])
    client = client_for(admin)
    client.get(url)
    with django_assert_max_num_queries(100) as few:
        client.get(url)
    Team.objects.bulk_create(Team(organisation=org, name=f"More {n}") for n in range(40))
    worker.teams.add(*Team.objects.filter(name__startswith="More"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(url).content.decode()
    assert "More 39" in html
