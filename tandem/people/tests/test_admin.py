"""The admin is for organisations, teams and users only.

People, their circles and safeguarding referrals are personal data: they are reached only through
the people pages, which check who may see them and write the audit trail.
"""

import pytest
from django.contrib import admin
from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Role
from tandem.people.models import CircleMember, Person, SafeguardingReferral

# Django's admin is mounted only with DJANGO_ADMIN=1 (tandem/urls.py); these tests mount it.
pytestmark = pytest.mark.urls("tandem.administration.tests.urls_with_django_admin")


@pytest.fixture
def admin_client_for(client_for, org):
    admin_user = testing.make_user(org, role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    return client_for(admin_user)


@pytest.fixture
def referral(worker, person):
    return SafeguardingReferral.objects.create(
        organisation=person.organisation, person=person, concern="x", raised_by=worker
    )


class TestAdmin:
    @pytest.mark.parametrize(
        "name",
        [
            "admin:accounts_organisation_changelist",
            "admin:accounts_team_changelist",
            "admin:accounts_user_changelist",
            "admin:accounts_user_add",
        ],
    )
    def test_it_shows_the_page(self, admin_client_for, person, name):
        assert admin_client_for.get(reverse(name)).status_code == 200

    def test_it_shows_a_user_with_role_and_teams(self, admin_client_for, worker):
        response = admin_client_for.get(reverse("admin:accounts_user_change", args=[worker.pk]))
        assert response.status_code == 200
        assert 'name="role"' in response.text
        assert 'name="teams"' in response.text

    def test_it_is_closed_to_workers(self, client_for, worker):
        response = client_for(worker).get(reverse("admin:index"))
        assert response.status_code == 302
        assert response["Location"] == (reverse("admin:login") + "?next=" + reverse("admin:index"))


class TestNoPersonalDataInTheAdmin:
    @pytest.mark.parametrize("model", [Person, CircleMember, SafeguardingReferral])
    def test_the_model_is_not_registered(self, model):
        assert not admin.site.is_registered(model)

    def test_the_index_lists_only_accounts(self, admin_client_for, person, referral):
        response = admin_client_for.get(reverse("admin:index"))
        assert response.status_code == 200
        assert "/admin/accounts/" in response.text
        assert "/admin/people/" not in response.text
        assert "Safeguarding" not in response.text
        assert "Priya" not in response.text

    @pytest.mark.parametrize(
        "path",
        [
            "/admin/people/",
            "/admin/people/person/",
            "/admin/people/person/{person}/change/",
            "/admin/people/circlemember/",
            "/admin/people/safeguardingreferral/",
            "/admin/people/safeguardingreferral/{referral}/change/",
        ],
    )
    def test_the_pages_are_not_found(self, admin_client_for, person, referral, path):
        response = admin_client_for.get(path.format(person=person.pk, referral=referral.pk))
        assert response.status_code == 404
        assert "Priya" not in response.text
