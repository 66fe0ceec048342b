"""Every administration page and every POST: the organisation's administrator only. Every other
role is refused (403: their role may not do this), an administrator of another organisation
finds none of this organisation's users or teams (404), someone signed out is sent to sign in,
and a refused POST changes no row and writes no audit event."""

import pytest
from django.test import Client
from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Role, Team, User
from tandem.administration.tests.helpers import make_administrator
from tandem.audit.models import AuditEvent
from tandem.interop.models import ApiToken, ServiceAccount
from tandem.testing_refusals import ANONYMOUS, ROLES, everything

pytestmark = pytest.mark.django_db

# name: (url for the scene, POST data that an administrator's request saves, or None for GET only)
PAGES = {
    "home": (lambda s: reverse("administration:home"), None),
    "users": (lambda s: reverse("administration:users"), None),
    "user": (lambda s: reverse("administration:user", args=[s.worker.pk]), None),
    "teams": (lambda s: reverse("administration:teams"), None),
    "user_add": (
        lambda s: reverse("administration:user_add"),
        lambda s: {
            "username": "new-manager",
            "first_name": "New",
            "last_name": "Manager",
            "email": "new@example.org",
            "role": Role.TEAM_MANAGER,
            "teams": [s.team.pk],
        },
    ),
    "user_change": (
        lambda s: reverse("administration:user_change", args=[s.worker.pk]),
        lambda s: {
            "first_name": "Wendy",
            "last_name": "Worker",
            "email": "w@example.org",
            "role": Role.TEAM_MANAGER,
            "teams": [s.team.pk],
            "revision": s.worker.revision,
        },
    ),
    "user_active": (
        lambda s: reverse("administration:user_active", args=[s.worker.pk]),
        lambda s: {"revision": s.worker.revision},
    ),
    "user_second_factor": (
        lambda s: reverse("administration:user_second_factor", args=[s.worker.pk]),
        lambda s: {},
    ),
    "team_add": (lambda s: reverse("administration:team_add"), lambda s: {"name": "West team"}),
    "team_change": (
        lambda s: reverse("administration:team_change", args=[s.team.pk]),
        lambda s: {"name": "Renamed team", "revision": s.team.revision},
    ),
    "organisation": (
        lambda s: reverse("administration:organisation"),
        lambda s: {
            "name": "Renamed Council",
            "adult_outcome_framework": "talking_points",
            "revision": s.team.organisation.details_revision,
        },
    ),
    # Systems using the API. Making a token answers 200 (the token is shown once, on that
    # page), so it is checked in tandem/interop/tests/test_tokens.py.
    "service_accounts": (lambda s: reverse("administration:service_accounts"), None),
    "service_account_add": (
        lambda s: reverse("administration:service_account_add"),
        lambda s: {"name": "Hospital trust", "role": Role.SOCIAL_WORKER, "teams": [s.team.pk]},
    ),
    "service_account": (
        lambda s: reverse("administration:service_account", args=[s.service_account.pk]),
        None,
    ),
    "token_revoke": (
        lambda s: reverse(
            "administration:token_revoke", args=[s.service_account.pk, s.api_token.pk]
        ),
        lambda s: {},
    ),
}
WRITES = [name for name, (_url, data) in PAGES.items() if data]
# The pages about one of the organisation's users or teams: another organisation's
# administrator does not find them.
ABOUT_ONE = {
    "user",
    "user_change",
    "user_active",
    "user_second_factor",
    "team_change",
    "service_account",
    "token_revoke",
}


class Scene:
    def __init__(self, cast):
        self.worker = cast.worker
        self.team = cast.worker.teams.get()
        # Their authenticator app, for an administrator to reset.
        testing.authenticator_for(self.worker)
        # A system using the API and its token, made without the services (and their audit).
        organisation = self.worker.organisation
        self.service_account = ServiceAccount.objects.create(
            organisation=organisation,
            user=testing.make_user(organisation, role=Role.SOCIAL_WORKER),
            name="Health partner",
        )
        self.api_token = ApiToken.objects.create(
            organisation=organisation,
            service_account=self.service_account,
            name="Live",
            key_hash="0" * 64,
            prefix="tdm_000000",
        )


def client_as(cast, role):
    return Client() if role == ANONYMOUS else testing.client_for(cast.users[role])


def test_every_administration_url_is_in_this_table():
    from tandem.administration.urls import urlpatterns

    assert {pattern.name for pattern in urlpatterns} == set(PAGES)


@pytest.mark.parametrize("name", PAGES)
def test_an_administrator_may_open_every_page(cast, name):
    url, _data = PAGES[name]
    response = testing.client_for(cast.users["administrator"]).get(url(Scene(cast)))
    assert response.status_code == 200


@pytest.mark.parametrize("name", WRITES)
def test_an_administrator_may_make_every_change_and_it_is_audited(cast, name):
    scene = Scene(cast)
    url, data = PAGES[name]
    before = everything()

    response = testing.client_for(cast.users["administrator"]).post(url(scene), data(scene))

    assert response.status_code == 302, response.content.decode()[:3000]
    assert everything() != before
    assert AuditEvent.objects.filter(actor=cast.users["administrator"]).count() == 1


@pytest.mark.parametrize("role", [role for role in ROLES if role != "administrator"])
def test_every_other_role_is_refused_every_page_and_nothing_changes(cast, role):
    scene = Scene(cast)
    client = client_as(cast, role)
    before, events = everything(), AuditEvent.objects.count()

    for page, (url, data) in PAGES.items():
        responses = [client.get(url(scene))]
        if data:
            responses.append(client.post(url(scene), data(scene)))
        for response in responses:
            if role == ANONYMOUS:
                assert response.status_code == 302, page
                assert response["Location"].startswith(reverse("login"))
            else:
                assert response.status_code == 403, (page, response.status_code)

    assert everything() == before
    assert AuditEvent.objects.count() == events


def test_another_organisations_administrator_finds_none_of_its_users_or_teams(cast):
    scene = Scene(cast)
    stranger = make_administrator(testing.make_organisation("Hillside Council"))
    client = testing.client_for(stranger)
    before = everything()

    for page in sorted(ABOUT_ONE):
        url, data = PAGES[page]
        assert client.get(url(scene)).status_code == 404, page
        if data:
            assert client.post(url(scene), data(scene)).status_code == 404, page

    assert everything() == before
    assert not AuditEvent.objects.exists()


def test_another_organisations_administrator_changes_only_their_own(cast):
    other = testing.make_organisation("Hillside Council")
    stranger = make_administrator(other)
    client = testing.client_for(stranger)
    client.post(
        reverse("administration:user_add"),
        PAGES["user_add"][1](Scene(cast)) | {"teams": []},
    )
    client.post(reverse("administration:team_add"), {"name": "Hillside west team"})
    added = User.objects.get(username="new-manager")
    assert added.organisation == other
    assert Team.objects.get(name="Hillside west team").organisation == other
    assert cast.person.organisation.users.filter(username="new-manager").count() == 0


def test_the_administrator_alone_has_it_in_the_navigation(cast):
    href = f'href="{reverse("administration:home")}"'
    for role in ROLES:
        if role == ANONYMOUS:
            continue
        html = testing.client_for(cast.users[role]).get(reverse("home"), follow=True).text
        assert (href in html) == (role == "administrator"), role
