"""Django's admin is the only other place that writes organisations, teams and users, and it is
for operators (superusers) only (tandem/administration/sites.py).

Tandem roles give no admin access: everyone else is sent to the admin's sign-in page, even an
administrator marked as Django staff and given every model permission, and nothing changes. (Someone
signed out meets Tandem's own sign-in page first.) Nothing is deleted there, not even by an
operator. Django's admin is mounted only with DJANGO_ADMIN=1; these tests mount it.
"""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Role, Team, User
from tandem.administration.tests.helpers import make_operator
from tandem.audit.models import AuditEvent
from tandem.testing_refusals import ANONYMOUS, ROLES, everything, rows

pytestmark = pytest.mark.urls("tandem.administration.tests.urls_with_django_admin")

ADMIN_WRITES = {
    "team_add": (
        lambda team: reverse("admin:accounts_team_add"),
        lambda team: {"organisation": team.organisation_id, "name": "West adults team"},
    ),
    "team_change": (
        lambda team: reverse("admin:accounts_team_change", args=[team.pk]),
        lambda team: {"organisation": team.organisation_id, "name": "Renamed team"},
    ),
    "team_delete": (
        lambda team: reverse("admin:accounts_team_delete", args=[team.pk]),
        lambda team: {"post": "yes"},
    ),
    "user_add": (
        lambda team: reverse("admin:accounts_user_add"),
        lambda team: {
            "username": "new-manager",
            "usable_password": "false",
            "organisation": team.organisation_id,
            "role": Role.TEAM_MANAGER,
            "teams": [team.pk],
        },
    ),
}


def state():
    return {"teams": rows(Team.objects.all()), "users": rows(User.objects.all())}


def empty_team(cast):
    """A team no one belongs to, so deleting it is not refused for the data it holds."""
    return testing.make_team(cast.person.organisation, "Empty team")


def post(client, write, team):
    url, data = ADMIN_WRITES[write]
    return client.post(url(team), data(team))


@pytest.mark.parametrize("write", ADMIN_WRITES)
@pytest.mark.parametrize("role", ROLES)
def test_it_sends_every_tandem_role_to_the_admin_sign_in(cast, write, role):
    team = empty_team(cast)
    client = Client() if role == ANONYMOUS else testing.client_for(cast.users[role])
    before, tables = state(), everything()

    response = post(client, write, team)

    # Signed out, Tandem's own sign-in page comes first; signed in, the admin's asks for staff.
    sign_in = reverse("login") if role == ANONYMOUS else reverse("admin:login")
    assert response.status_code == 302
    assert response["Location"].startswith(sign_in + "?next=")
    assert state() == before
    assert everything() == tables


@pytest.mark.parametrize("write", ADMIN_WRITES)
def test_it_refuses_staff_even_with_every_permission(cast, write):
    team = empty_team(cast)
    administrator = testing.make_user(team.organisation, role=Role.ADMINISTRATOR, is_staff=True)
    administrator.user_permissions.set(
        Permission.objects.filter(content_type__app_label="accounts")
    )
    client = testing.client_for(administrator)
    before, tables = state(), everything()

    response = post(client, write, team)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login") + "?next=")
    assert state() == before
    assert everything() == tables


@pytest.mark.parametrize("write", [write for write in ADMIN_WRITES if write != "team_delete"])
def test_it_lets_an_operator_make_the_same_write_audited(cast, write):
    team = empty_team(cast)
    client = testing.client_for(make_operator())
    before = state()

    response = post(client, write, team)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert not response["Location"].startswith(reverse("admin:login"))
    assert state() != before
    assert AuditEvent.objects.filter(organisation=team.organisation).count() == 1


def test_not_even_an_operator_deletes_a_team(cast):
    team = empty_team(cast)
    client = testing.client_for(make_operator())
    before = state()

    response = post(client, "team_delete", team)

    assert response.status_code == 403
    assert state() == before
