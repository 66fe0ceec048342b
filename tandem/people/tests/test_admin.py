"""The admin pages for accounts and people load, and people are read-only there."""

import pytest
from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Role
from tandem.people.models import SafeguardingReferral


@pytest.fixture
def admin_client_for(client_for, org):
    admin = testing.make_user(org, role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    return client_for(admin)


class TestAdmin:
    @pytest.mark.parametrize(
        "name",
        [
            "admin:accounts_organisation_changelist",
            "admin:accounts_team_changelist",
            "admin:accounts_user_changelist",
            "admin:accounts_user_add",
            "admin:people_person_changelist",
            "admin:people_safeguardingreferral_changelist",
        ],
    )
    def test_it_shows_the_page(self, admin_client_for, person, name):
        assert admin_client_for.get(reverse(name)).status_code == 200

    def test_it_shows_a_user_with_role_and_teams(self, admin_client_for, worker):
        response = admin_client_for.get(reverse("admin:accounts_user_change", args=[worker.pk]))
        assert response.status_code == 200
        assert 'name="role"' in response.text
        assert 'name="teams"' in response.text

    def test_it_shows_people_read_only(self, admin_client_for, worker, person):
        SafeguardingReferral.objects.create(
            organisation=person.organisation, person=person, concern="x", raised_by=worker
        )
        response = admin_client_for.get(reverse("admin:people_person_change", args=[person.pk]))
        assert response.status_code == 200
        assert 'name="given_name"' not in response.text
        assert admin_client_for.get(reverse("admin:people_person_add")).status_code == 403

    def test_it_is_closed_to_workers(self, client_for, worker):
        response = client_for(worker).get(reverse("admin:index"))
        assert response.status_code == 302
