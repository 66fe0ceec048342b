"""Service accounts and their tokens: made by an administrator on Tandem's pages, shown once,
stored as a SHA-256 hash, refused once revoked or outside their organisation, their last use
recorded and every change audited; no password, no Basic authentication, CSRF for sessions."""

import base64
import hashlib
import json
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Role
from tandem.audit.models import AuditAction, AuditEvent
from tandem.errors import Refused
from tandem.interop.models import ApiToken, ServiceAccount
from tandem.interop.services import (
    api_token_create,
    api_token_revoke,
    service_account_create,
)


@pytest.fixture
def admin(org):
    return testing.make_user(org, role=Role.ADMINISTRATOR)


@pytest.fixture
def account(org, team, admin):
    return service_account_create(
        organisation=org, actor=admin, name="Hospital trust", role=Role.SOCIAL_WORKER, teams=[team]
    )


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.mark.django_db
class TestAdministratorsPages:
    def test_a_token_is_shown_once_and_only_its_hash_is_kept(self, admin, team):
        client = testing.client_for(admin)
        response = client.post(
            reverse("administration:service_account_add"),
            {"name": "Hospital trust", "role": Role.SOCIAL_WORKER, "teams": [team.pk]},
        )
        account = ServiceAccount.objects.get()
        assert response.status_code == 302
        assert not account.user.has_usable_password()
        page = reverse("administration:service_account", args=[account.pk])
        made = client.post(page, {"name": "Live server"})
        key = made.context["key"]
        assert key.startswith("tdm_") and key in made.content.decode()
        token = ApiToken.objects.get()
        assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
        assert key not in json.dumps(list(ApiToken.objects.values()), default=str)
        # Never shown again.
        assert key not in client.get(page).content.decode()
        actions = set(AuditEvent.objects.values_list("action", flat=True))
        assert {AuditAction.SERVICE_ACCOUNT_CREATE, AuditAction.API_TOKEN_CREATE} <= actions

    def test_the_name_and_teams_are_asked_for_in_words_for_the_field(self, admin):
        response = testing.client_for(admin).post(
            reverse("administration:service_account_add"), {"role": Role.SOCIAL_WORKER}
        )
        assert response.context["form"].errors == {
            "name": ["Enter what the system is called"],
            "teams": ["Select at least one team"],
        }
        assert not ServiceAccount.objects.exists()

    def test_the_same_forms_sent_twice_add_one_account_and_show_one_token_both_times(
        self, admin, team
    ):
        client = testing.client_for(admin)
        add = reverse("administration:service_account_add")
        form = {"name": "Hospital trust", "role": Role.SOCIAL_WORKER, "teams": [team.pk]}
        form["submission_key"] = client.get(add).context["form"]["submission_key"].value()
        first, second = client.post(add, form), client.post(add, form)
        account = ServiceAccount.objects.get()
        assert (
            first.url == second.url == reverse("administration:service_account", args=[account.pk])
        )

        page = reverse("administration:service_account", args=[account.pk])
        token_form = {"name": "Live server"}
        token_form["submission_key"] = client.get(page).context["form"]["submission_key"].value()
        shown = [client.post(page, token_form).context["key"] for _ in range(2)]
        token = ApiToken.objects.get()
        assert (
            shown[0] == shown[1] and token.key_hash == hashlib.sha256(shown[0].encode()).hexdigest()
        )
        assert AuditEvent.objects.filter(action=AuditAction.SERVICE_ACCOUNT_CREATE).count() == 1
        assert AuditEvent.objects.filter(action=AuditAction.API_TOKEN_CREATE).count() == 1
        # A fresh form makes a different token.
        assert client.post(page, {"name": "Test server"}).context["key"] != shown[0]

        # Once that token is revoked, its form makes nothing and says why.
        api_token_revoke(token=token, actor=admin)
        again = client.post(page, token_form)
        assert "key" not in again.context
        assert "This form has been used already" in again.content.decode()
        assert ApiToken.objects.count() == 2

    def test_a_token_forms_key_sent_to_another_accounts_page_makes_nothing(
        self, org, admin, team, account
    ):
        other = service_account_create(
            organisation=org, actor=admin, name="GP", role=Role.SOCIAL_WORKER, teams=[team]
        )
        key = uuid.uuid4()
        api_token_create(account=account, actor=admin, name="Live", submission_key=key)
        with pytest.raises(Refused, match="This form has been used already"):
            api_token_create(account=other, actor=admin, name="Live", submission_key=key)
        assert not other.tokens.exists()

    def test_two_accounts_of_the_same_name_get_their_own_users(self, org, admin, team):
        accounts = [
            service_account_create(
                organisation=org, actor=admin, name="GP", role=Role.SOCIAL_WORKER, teams=[team]
            )
            for _ in range(2)
        ]
        assert [a.user.username for a in accounts] == ["system-gp", "system-gp-2"]

    def test_revoking_on_the_page_refuses_the_token_next_time(self, admin, account, person):
        made = api_token_create(account=account, actor=admin, name="Live")
        assert Client().get("/api/v1/people/", **bearer(made.key)).status_code == 200
        url = reverse("administration:token_revoke", args=[account.pk, made.token.pk])
        assert testing.client_for(admin).post(url).status_code == 302
        response = Client().get("/api/v1/people/", **bearer(made.key))
        assert response.status_code == 401
        assert response["Content-Type"] == "application/problem+json"
        assert AuditEvent.objects.filter(action=AuditAction.API_TOKEN_REVOKE).exists()

    def test_another_organisations_account_is_not_found(self, account, other_org_worker):
        other_admin = testing.make_user(other_org_worker.organisation, role=Role.ADMINISTRATOR)
        url = reverse("administration:service_account", args=[account.pk])
        assert testing.client_for(other_admin).get(url).status_code == 404


@pytest.mark.django_db
class TestTokenAuthentication:
    def test_it_sees_what_its_role_and_teams_see_and_records_its_use(
        self, admin, account, person, other_org_worker
    ):
        made = api_token_create(account=account, actor=admin, name="Live")
        response = Client().get(f"/api/v1/people/{person.pk}/", **bearer(made.key))
        assert response.status_code == 200
        made.token.refresh_from_db()
        assert made.token.last_used_at is not None
        # Its reads are audited with the account as the actor.
        event = AuditEvent.objects.order_by("-pk").first()
        assert (event.actor_id, event.action) == (account.user_id, AuditAction.PERSON_VIEW)
        # Another organisation's person: not found.
        elsewhere = testing.make_person(other_org_worker.organisation, other_org_worker.teams.get())
        assert (
            Client().get(f"/api/v1/people/{elsewhere.pk}/", **bearer(made.key)).status_code == 404
        )

    def test_a_token_is_refused_once_its_user_has_left_the_organisation(
        self, admin, account, other_org_worker
    ):
        made = api_token_create(account=account, actor=admin, name="Live")
        account.user.organisation = other_org_worker.organisation
        account.user.save()
        assert Client().get("/api/v1/people/", **bearer(made.key)).status_code == 401

    def test_a_revoked_or_unknown_token_is_refused(self, admin, account):
        made = api_token_create(account=account, actor=admin, name="Live")
        api_token_revoke(token=made.token, actor=admin)
        assert Client().get("/api/v1/people/", **bearer(made.key)).status_code == 401
        assert Client().get("/api/v1/people/", **bearer("tdm_guess")).status_code == 401
        assert Client().get("/api/v1/people/", HTTP_AUTHORIZATION="Bearer").status_code == 401

    def test_basic_authentication_is_not_accepted(self, worker):
        worker.set_password("correct horse battery")
        worker.save()
        basic = base64.b64encode(f"{worker.username}:correct horse battery".encode()).decode()
        response = Client().get("/api/v1/people/", HTTP_AUTHORIZATION=f"Basic {basic}")
        assert response.status_code == 401

    def test_a_service_account_cannot_sign_in_on_the_pages(self, account):
        assert not account.user.has_usable_password()
        client = Client()
        client.post(reverse("login"), {"username": account.user.username, "password": "x"})
        assert "_auth_user_id" not in client.session

    def test_a_session_write_needs_the_csrf_token(self, worker, person):
        client = testing.sign_in(Client(enforce_csrf_checks=True), worker)
        response = client.patch(
            f"/api/v1/people/{person.pk}/",
            json.dumps({"revision": 1, "language": "Welsh"}),
            content_type="application/json",
        )
        assert response.status_code == 403
        assert "CSRF" in response.json()["detail"]
        person.refresh_from_db()
        assert person.language == "English"
