"""The password step: Argon2, each outcome audited, and who goes on to a second factor."""

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.test import Client, override_settings
from django.urls import reverse

from tandem import testing
from tandem.accounts.tests.signin_helpers import post_password, with_password
from tandem.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def test_it_hashes_passwords_with_argon2_and_upgrades_older_hashes(worker, settings):
    from tandem import settings as project_settings

    settings.PASSWORD_HASHERS = [
        *project_settings.PASSWORD_HASHERS,
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        with_password(worker)
    assert identify_hasher(worker.password).algorithm == "md5"

    post_password(Client(), worker.username)

    worker.refresh_from_db()
    assert identify_hasher(worker.password).algorithm == "argon2"


def test_it_signs_a_person_in_without_a_second_factor_and_audits_it(person_user):
    with_password(person_user)
    client = Client()

    response = post_password(client, person_user.username)

    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get(reverse("people:home")).status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.SIGN_IN)
    assert event.actor == person_user


def test_it_sends_staff_to_the_second_factor_and_audits_no_sign_in_yet(worker):
    with_password(worker)
    client = Client()

    response = post_password(client, worker.username)

    assert response["Location"].startswith(reverse("signin:second_factor"))
    assert not AuditEvent.objects.filter(action=AuditAction.SIGN_IN).exists()


def test_it_audits_a_wrong_password_against_the_user(worker):
    with_password(worker)

    response = post_password(Client(), worker.username, "wrong")

    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()
    event = AuditEvent.objects.get(action=AuditAction.SIGN_IN_FAILED)
    assert (event.actor, event.organisation) == (worker, worker.organisation)


def test_it_audits_a_wrong_username_with_the_name_tried(db):
    post_password(Client(), "nobody-here", "wrong")

    event = AuditEvent.objects.get(action=AuditAction.SIGN_IN_FAILED)
    assert event.actor is None and event.organisation is None
    assert event.detail["username"] == "nobody-here"


def test_it_audits_signing_out(person_user):
    client = testing.client_for(person_user)

    response = client.post(reverse("logout"))

    assert response["Location"] == reverse("login")
    assert AuditEvent.objects.get(action=AuditAction.SIGN_OUT).actor == person_user
    assert client.get(reverse("people:home")).status_code == 302


@pytest.mark.urls("tandem.administration.tests.urls_with_django_admin")
def test_signing_out_of_the_admin_site_is_audited_too(person_user):
    testing.client_for(person_user).post("/admin/logout/")

    assert AuditEvent.objects.get(action=AuditAction.SIGN_OUT).actor == person_user


@pytest.mark.urls("tandem.administration.tests.urls_with_django_admin")
def test_the_admin_site_signs_in_through_tandems_sign_in(db):
    response = Client().get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response["Location"] == reverse("login") + "?next=/admin/"


def test_it_keeps_pages_seen_signed_in_out_of_every_cache(person_user):
    client = testing.client_for(person_user)

    assert client.get(reverse("people:home"))["Cache-Control"] == "private, no-store"
    assert client.get(reverse("home"))["Cache-Control"] == "private, no-store"  # a redirect too
