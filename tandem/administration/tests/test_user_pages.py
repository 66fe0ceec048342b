"""An administrator adds users, changes their details, role and teams, and stops them signing in
(or lets them again): every change audited with its old and new values, two administrators
never overwrite each other, and no one changes their own access."""

import pytest
from django.test import Client
from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Role, User
from tandem.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

ADD = reverse("administration:user_add")


def user_url(name, user):
    return reverse(f"administration:{name}", args=[user.pk])


def new_user(team, **changes):
    return {
        "username": "kim.newstarter",
        "first_name": "Kim",
        "last_name": "Newstarter",
        "email": "kim@example.org",
        "job_title": "Social worker",
        "role": Role.SOCIAL_WORKER,
        "teams": [str(team.pk)],
        **changes,
    }


def details(user, **changes):
    return {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "job_title": user.job_title,
        "role": user.role,
        "teams": [str(team.pk) for team in user.teams.all()],
        "revision": str(user.revision),
        **changes,
    }


class TestAddAUser:
    def test_it_adds_them_to_the_organisation_with_their_role_and_teams(
        self, client_for, admin, org, team
    ):
        response = client_for(admin).post(ADD, new_user(team))

        user = User.objects.get(username="kim.newstarter")
        assert response["Location"] == user_url("user", user)
        assert (user.organisation, user.role, list(user.teams.all())) == (
            org,
            Role.SOCIAL_WORKER,
            [team],
        )
        # No one knows their password, the administrator included; nor are they Django staff.
        assert not user.has_usable_password()
        assert not (user.is_staff or user.is_superuser)
        event = AuditEvent.objects.get(action=AuditAction.USER_CREATE)
        assert (event.actor, event.organisation) == (admin, org)
        assert event.detail["role"] == Role.SOCIAL_WORKER
        assert event.detail["teams"] == [team.name]

    def test_it_never_sets_another_organisation_superuser_or_staff_whatever_is_posted(
        self, client_for, admin, org, team, other_org_worker
    ):
        tampered = new_user(
            team,
            organisation=str(other_org_worker.organisation_id),
            is_superuser="on",
            is_staff="on",
        )
        client_for(admin).post(ADD, tampered)
        user = User.objects.get(username="kim.newstarter")
        assert user.organisation == org
        assert not (user.is_staff or user.is_superuser)

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"username": "wendy"}, "Someone already has this username"),
            ({"username": "WENDY"}, "Someone already has this username"),
            ({"username": "kim newstarter!"}, "A username can only have letters, numbers"),
            ({"email": "kim-at-example"}, "Enter an email address in the correct format"),
            ({"email": ""}, "Enter their email address"),
            ({"first_name": ""}, "Enter their first name"),
            ({"role": ""}, "Select their role"),
            ({"role": "superuser"}, "Select one of the roles listed"),
            ({"teams": ["999999999999999999999"]}, "Select teams from the list"),
        ],
    )
    def test_it_refuses_what_it_cannot_save_and_keeps_what_was_typed(
        self, client_for, admin, team, worker, changes, message
    ):
        worker.username = "wendy"
        worker.save()
        before = User.objects.count()

        response = client_for(admin).post(ADD, new_user(team, **changes))

        html = response.content.decode()
        assert response.status_code == 200
        assert "There is a problem" in html
        assert message in html
        assert 'value="Newstarter"' in html
        assert User.objects.count() == before
        assert not AuditEvent.objects.filter(action=AuditAction.USER_CREATE).exists()

    def test_it_offers_only_the_organisations_own_teams(
        self, client_for, admin, team, other_org_worker
    ):
        other_team = other_org_worker.teams.get()
        html = client_for(admin).get(ADD).content.decode()
        assert team.name in html
        assert other_team.name not in html
        client_for(admin).post(ADD, new_user(team, teams=[str(other_team.pk)]))
        assert not User.objects.filter(username="kim.newstarter").exists()


class TestChangeAUser:
    def test_making_someone_a_team_manager_is_audited_with_the_old_and_new_role(
        self, client_for, admin, worker, team
    ):
        second = testing.make_team(admin.organisation, "South adults team")
        response = client_for(admin).post(
            user_url("user_change", worker),
            details(worker, role=Role.TEAM_MANAGER, teams=[str(team.pk), str(second.pk)]),
        )

        assert response["Location"] == user_url("user", worker)
        worker.refresh_from_db()
        assert worker.role == Role.TEAM_MANAGER
        event = AuditEvent.objects.get(action=AuditAction.USER_UPDATE)
        assert event.actor == admin
        assert event.detail == {
            "user": worker.pk,
            "changes": {
                "role": [Role.SOCIAL_WORKER, Role.TEAM_MANAGER],
                "teams": [[team.name], sorted([team.name, second.name])],
            },
        }

    def test_saving_nothing_new_writes_no_event(self, client_for, admin, worker):
        response = client_for(admin).post(user_url("user_change", worker), details(worker))
        assert response.status_code == 302
        assert not AuditEvent.objects.filter(action=AuditAction.USER_UPDATE).exists()

    def test_an_administrator_cannot_change_their_own_role_or_teams(self, client_for, admin, team):
        page = client_for(admin).get(user_url("user_change", admin)).content.decode()
        assert "You cannot change your own role or teams" in page
        assert 'name="role"' not in page and 'name="teams"' not in page

        client_for(admin).post(
            user_url("user_change", admin),
            details(admin, role=Role.TEAM_MANAGER, teams=[str(team.pk)], job_title="Boss"),
        )

        admin.refresh_from_db()
        # Their own details are theirs to keep right; their access is not.
        assert (admin.role, list(admin.teams.all()), admin.job_title) == (
            Role.ADMINISTRATOR,
            [],
            "Boss",
        )
        event = AuditEvent.objects.get(action=AuditAction.USER_UPDATE)
        assert set(event.detail["changes"]) == {"job_title"}

    def test_two_administrators_never_overwrite_each_other(
        self, client_for, admin, other_admin, worker
    ):
        stale = details(worker, job_title="Senior social worker")
        client_for(other_admin).post(
            user_url("user_change", worker), details(worker, role=Role.TEAM_MANAGER)
        )

        response = client_for(admin).post(user_url("user_change", worker), stale)

        html = response.content.decode()
        assert "Someone else changed this user" in html
        assert "What is saved now" in html and "Team manager" in html
        assert 'value="Senior social worker"' in html
        worker.refresh_from_db()
        assert (worker.role, worker.job_title) == (Role.TEAM_MANAGER, "")
        # Having seen it, saving again keeps this administrator's change (and the role shown).
        again = details(worker, job_title="Senior social worker")
        assert client_for(admin).post(user_url("user_change", worker), again).status_code == 302
        worker.refresh_from_db()
        assert (worker.role, worker.job_title) == (Role.TEAM_MANAGER, "Senior social worker")

    def test_the_page_shows_the_user_and_where_to_change_them(self, client_for, admin, worker):
        html = client_for(admin).get(user_url("user", worker)).content.decode()
        assert worker.display_name in html and worker.email in html
        assert "North adults team" in html
        assert user_url("user_change", worker) in html
        assert user_url("user_active", worker) in html

    def test_an_administrator_sees_no_way_to_change_their_own_access(self, client_for, admin):
        html = client_for(admin).get(user_url("user", admin)).content.decode()
        assert "You cannot change your own role, teams or sign-in" in html
        assert user_url("user_active", admin) not in html


class TestStopSigningIn:
    def test_it_stops_someone_and_lets_them_again_each_audited(self, client_for, admin, worker):
        client = client_for(admin)
        page = client.get(user_url("user_active", worker)).content.decode()
        assert "Stop them signing in?" in page

        client.post(user_url("user_active", worker), {"revision": worker.revision})
        worker.refresh_from_db()
        assert not worker.is_active
        # Their session is refused at once: Django signs out an inactive user.
        assert client_for(worker).get(reverse("worklist:list")).status_code == 302

        client.post(user_url("user_active", worker), {"revision": worker.revision})
        worker.refresh_from_db()
        assert worker.is_active
        actions = list(
            AuditEvent.objects.filter(actor=admin).order_by("pk").values_list("action", flat=True)
        )
        assert actions == [AuditAction.USER_DEACTIVATE, AuditAction.USER_REACTIVATE]
        assert User.objects.filter(pk=worker.pk).exists()  # never deleted

    def test_a_second_click_on_a_stale_page_changes_nothing(self, client_for, admin, worker):
        client = client_for(admin)
        revision = worker.revision
        client.post(user_url("user_active", worker), {"revision": revision})
        client.post(user_url("user_active", worker), {"revision": revision})
        worker.refresh_from_db()
        assert not worker.is_active
        assert AuditEvent.objects.filter(actor=admin).count() == 1

    def test_an_administrator_cannot_stop_themselves(self, client_for, admin):
        response = client_for(admin).post(user_url("user_active", admin), {"revision": 1})
        assert response.status_code == 403
        admin.refresh_from_db()
        assert admin.is_active
        assert not AuditEvent.objects.exists()

    def test_an_administrator_cannot_change_an_operators_sign_in(self, client_for, admin, org):
        operator = testing.make_user(org, role=Role.PERSON, is_superuser=True)
        client = client_for(admin)
        assert client.post(user_url("user_active", operator), {"revision": 1}).status_code == 403
        assert client.get(user_url("user_change", operator)).status_code == 403
        operator.refresh_from_db()
        assert operator.is_active


class TestResetTheSecondFactor:
    def test_it_forgets_their_authenticator_so_they_set_up_a_new_one_and_is_audited(
        self, client_for, admin, worker
    ):
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice

        testing.authenticator_for(worker)
        StaticDevice.objects.create(user=worker, name="Recovery codes", confirmed=True)
        client = client_for(admin)
        url = reverse("administration:user_second_factor", args=[worker.pk])
        page = client.get(reverse("administration:user", args=[worker.pk])).text
        assert f'href="{url}"' in page and "Set up" in page
        assert "Reset their second factor?" in client.get(url).text

        response = client.post(url)

        assert response["Location"] == reverse("administration:user", args=[worker.pk])
        assert not TOTPDevice.objects.filter(user=worker).exists()
        assert not StaticDevice.objects.filter(user=worker).exists()
        event = AuditEvent.objects.get(action=AuditAction.SECOND_FACTOR_RESET)
        assert event.actor == admin and event.detail["user_id"] == worker.pk
        page = client.get(reverse("administration:user", args=[worker.pk])).text
        assert "Not set up yet" in page and f'href="{url}"' not in page
        # Their next sign-in with their password leads to setting up a new authenticator.
        worker.set_password("correct horse battery")
        worker.save(update_fields=["password"])
        signed_in = Client().post(
            reverse("login"),
            {"username": worker.username, "password": "correct horse battery"},
            follow=True,
        )
        enrol = reverse("signin:enrol")
        assert any(url.startswith(enrol) for url, _status in signed_in.redirect_chain)

    def test_an_administrator_cannot_reset_their_own(self, client_for, admin):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        client = client_for(admin)
        url = reverse("administration:user_second_factor", args=[admin.pk])
        assert client.post(url).status_code == 403
        assert TOTPDevice.objects.filter(user=admin).exists()
        assert not AuditEvent.objects.filter(action=AuditAction.SECOND_FACTOR_RESET).exists()
        page = client.get(reverse("administration:user", args=[admin.pk])).text
        assert f'href="{url}"' not in page


class TestReadsAreAudited:
    """Staff's details are personal data too: each read of them is one audit event."""

    def test_the_list_and_a_search_are_audited_with_what_was_searched(self, client_for, admin):
        client_for(admin).get(reverse("administration:users"), {"q": "wendy"})
        event = AuditEvent.objects.get()
        assert (event.action, event.actor, event.detail) == (
            AuditAction.USERS_VIEW,
            admin,
            {"query": "wendy", "page": 1},
        )

    @pytest.mark.parametrize(("name", "page"), [("user", "detail"), ("user_change", "change")])
    def test_a_users_page_is_audited_once(self, client_for, admin, worker, name, page):
        client_for(admin).get(user_url(name, worker))
        event = AuditEvent.objects.get()
        assert (event.action, event.detail) == (
            AuditAction.USER_VIEW,
            {"user": worker.pk, "page": page},
        )

    def test_a_refused_change_shows_their_details_again_and_is_audited_as_a_read(
        self, client_for, admin, worker
    ):
        client_for(admin).post(user_url("user_change", worker), details(worker, email="nope"))
        assert AuditEvent.objects.get().action == AuditAction.USER_VIEW


@pytest.mark.parametrize("role", [Role.TEAM_MANAGER, Role.SOCIAL_WORKER])
def test_no_one_but_an_administrator_changes_a_role_not_even_their_own(client_for, org, team, role):
    user = testing.make_user(org, role=role, teams=(team,))
    data = details(user, role=Role.ADMINISTRATOR)
    assert client_for(user).post(user_url("user_change", user), data).status_code == 403
    user.refresh_from_db()
    assert user.role == role
    assert not AuditEvent.objects.exists()
