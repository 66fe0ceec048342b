"""How long closed records are kept: an administrator's setting, audited, never overwritten by a
second administrator, and refused to everyone else."""

import pytest
from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Organisation, Role
from tandem.audit.models import AuditAction, AuditEvent
from tandem.testing_refusals import ROLES

URL = reverse("records:retention")


@pytest.fixture
def admin(org):
    return testing.make_user(org, role=Role.ADMINISTRATOR)


def test_it_saves_the_years_and_audits_the_change(client_for, admin, org):
    client = client_for(admin)
    page = client.get(URL).text
    assert 'name="retention_years"' in page and 'value="8"' in page
    assert f'href="{URL}"' in client.get(reverse("administration:home")).text

    response = client.post(URL, {"retention_years": "10", "revision": "1"})

    assert response.status_code == 302
    org.refresh_from_db()
    assert (org.retention_years, org.retention_revision) == (10, 2)
    event = AuditEvent.objects.get(action=AuditAction.RETENTION_CHANGE)
    assert (event.actor, event.detail) == (admin, {"retention_years": [8, 10]})


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Enter how many years closed records are kept"),
        ("eight", "must be a whole number, like 8"),
        ("0", "must be kept for at least 1 year"),
        ("101", "can be kept for at most 100 years"),
    ],
)
def test_it_refuses_a_bad_number_and_keeps_what_was_typed(client_for, admin, org, value, message):
    response = client_for(admin).post(URL, {"retention_years": value, "revision": "1"})

    assert response.status_code == 200
    assert message in response.text
    if value:
        assert f'value="{value}"' in response.text
    assert Organisation.objects.get(pk=org.pk).retention_years == 8


def test_a_second_administrator_never_overwrites_the_first(client_for, admin, org):
    other = testing.make_user(org, role=Role.ADMINISTRATOR)
    client_for(admin).post(URL, {"retention_years": "10", "revision": "1"})

    response = client_for(other).post(URL, {"retention_years": "12", "revision": "1"})

    assert response.status_code == 200
    assert "Someone else changed how long closed records are kept" in response.text
    assert "Keep closed records for 10 years" in response.text
    assert Organisation.objects.get(pk=org.pk).retention_years == 10
    # Saved again after checking, it goes through.
    client_for(other).post(URL, {"retention_years": "12", "revision": "2"})
    assert Organisation.objects.get(pk=org.pk).retention_years == 12


@pytest.mark.parametrize("role", [r for r in ROLES if r not in {"administrator", "anonymous"}])
def test_it_refuses_everyone_but_the_administrator(cast, org, role):
    client = testing.client_for(cast.users[role])

    assert client.get(URL).status_code == 403
    assert client.post(URL, {"retention_years": "1", "revision": "1"}).status_code == 403
    assert Organisation.objects.get(pk=org.pk).retention_years == 8
    assert not AuditEvent.objects.filter(action=AuditAction.RETENTION_CHANGE).exists()
