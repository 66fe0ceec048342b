"""Django's admin is for operators (superusers), mounted only with DJANGO_ADMIN=1, and keeps the
rules of Tandem's own pages: role and team changes audited with old and new values, no one
changing their own access, no one made a superuser or staff, a user's organisation fixed, and no
case content registered at all."""

import importlib

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, clear_url_caches, reverse

import tandem.urls
from tandem import testing
from tandem.accounts.models import Role, User
from tandem.administration.tests.helpers import make_operator
from tandem.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.urls("tandem.administration.tests.urls_with_django_admin")


@pytest.fixture
def operator(db):
    return make_operator()


def change_url(user):
    return reverse("admin:accounts_user_change", args=[user.pk])


def posted(user, **changes):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "job_title": user.job_title,
        "role": user.role,
        "teams": [team.pk for team in user.teams.all()],
        "revision": user.revision,
        "is_active": "on" if user.is_active else "",
        **changes,
    }
    return {name: value for name, value in data.items() if value != ""}


@pytest.mark.urls("tandem.urls")
def test_it_is_not_mounted_unless_switched_on(client_for, db, settings):
    assert settings.DJANGO_ADMIN is False
    with pytest.raises(NoReverseMatch):
        reverse("admin:index")
    assert client_for(make_operator()).get("/admin/").status_code == 404
    settings.DJANGO_ADMIN = True
    try:
        mounted = importlib.reload(tandem.urls)
        assert any(str(pattern.pattern) == "admin/" for pattern in mounted.urlpatterns)
    finally:
        settings.DJANGO_ADMIN = False
        importlib.reload(tandem.urls)
        clear_url_caches()


def test_only_accounts_are_registered_nothing_with_case_content():
    registered = {model._meta.label for model in admin.site._registry}
    assert registered == {"accounts.Organisation", "accounts.Team", "accounts.User"}


def test_the_index_lists_no_people_plans_reviews_budgets_or_audit(client_for, operator, person):
    html = client_for(operator).get(reverse("admin:index")).content.decode()
    assert "/admin/accounts/" in html
    for app in (
        "people",
        "plans",
        "reviews",
        "budgets",
        "audit",
        "worklist",
        "reminders",
        "django_tasks_db",
        "auth",
    ):
        assert f"/admin/{app}/" not in html, app
    assert person.family_name not in html


@pytest.mark.parametrize(
    "path", ["/admin/plans/plan/", "/admin/audit/auditevent/", "/admin/budgets/costline/"]
)
def test_an_operator_cannot_read_case_records_there(client_for, operator, path):
    assert client_for(operator).get(path).status_code == 404


def test_making_someone_a_team_manager_in_the_admin_is_audited(client_for, operator, worker):
    response = client_for(operator).post(change_url(worker), posted(worker, role=Role.TEAM_MANAGER))

    assert response.status_code == 302, response.content.decode()[:3000]
    worker.refresh_from_db()
    assert worker.role == Role.TEAM_MANAGER
    event = AuditEvent.objects.get(action=AuditAction.USER_UPDATE)
    assert (event.actor, event.organisation) == (operator, worker.organisation)
    assert event.detail["changes"] == {"role": [Role.SOCIAL_WORKER, Role.TEAM_MANAGER]}


def test_stopping_someone_signing_in_there_is_audited(client_for, operator, worker):
    client_for(operator).post(change_url(worker), posted(worker, is_active=""))
    worker.refresh_from_db()
    assert not worker.is_active
    assert AuditEvent.objects.get().action == AuditAction.USER_DEACTIVATE


def test_no_one_is_made_a_superuser_staff_or_moved_organisation_there(
    client_for, operator, worker, other_org_worker
):
    page = client_for(operator).get(change_url(worker)).content.decode()
    assert 'name="is_superuser"' not in page and 'name="is_staff"' not in page
    assert 'name="organisation"' not in page

    client_for(operator).post(
        change_url(worker),
        posted(
            worker,
            is_superuser="on",
            is_staff="on",
            organisation=other_org_worker.organisation_id,
            job_title="Senior",
        ),
    )

    worker.refresh_from_db()
    assert worker.job_title == "Senior"
    assert not (worker.is_superuser or worker.is_staff)
    assert worker.organisation_id != other_org_worker.organisation_id


def test_an_administrator_who_is_also_a_superuser_cannot_grant_themselves_access(
    client_for, org, team
):
    # The back door of issue 9: an administrator making themselves a team manager there.
    administrator = testing.make_user(org, role=Role.ADMINISTRATOR, is_superuser=True)
    client = client_for(administrator)

    response = client.post(
        change_url(administrator),
        posted(administrator, role=Role.TEAM_MANAGER, teams=[team.pk]),
    )

    assert response.status_code == 200
    assert "You cannot change your own role, teams or sign-in" in response.content.decode()
    administrator.refresh_from_db()
    assert administrator.role == Role.ADMINISTRATOR
    assert not administrator.teams.exists()
    assert not AuditEvent.objects.exists()


def test_teams_of_another_organisation_are_refused(client_for, operator, worker, other_org_worker):
    response = client_for(operator).post(
        change_url(worker), posted(worker, teams=[other_org_worker.teams.get().pk])
    )
    assert "Select teams of the user’s own organisation only" in response.content.decode()
    assert list(worker.teams.values_list("name", flat=True)) == ["North adults team"]


def test_a_stale_change_page_is_refused(client_for, operator, worker):
    stale = posted(worker, job_title="Old page")
    client_for(operator).post(change_url(worker), posted(worker, job_title="New page"))
    response = client_for(operator).post(change_url(worker), stale)
    assert "Someone else changed this while you were editing it" in response.content.decode()
    worker.refresh_from_db()
    assert worker.job_title == "New page"


def test_a_user_added_there_is_audited_and_has_no_password(client_for, operator, team):
    data = {
        "username": "from-the-admin",
        "usable_password": "false",
        "organisation": team.organisation_id,
        "role": Role.SOCIAL_WORKER,
        "teams": [team.pk],
    }
    response = client_for(operator).post(reverse("admin:accounts_user_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(username="from-the-admin")
    assert (user.organisation, list(user.teams.all())) == (team.organisation, [team])
    assert not user.has_usable_password()
    assert AuditEvent.objects.get().action == AuditAction.USER_CREATE


def test_an_operator_setting_a_password_is_audited_without_it(client_for, operator, worker):
    url = reverse("admin:auth_user_password_change", args=[worker.pk])
    response = client_for(operator).post(
        url,
        {
            "password1": "a-long-synthetic-pass-42",
            "password2": "a-long-synthetic-pass-42",
            "set_usable_password": "true",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    worker.refresh_from_db()
    assert worker.check_password("a-long-synthetic-pass-42")
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.organisation) == (
        AuditAction.USER_UPDATE,
        operator,
        worker.organisation,
    )
    assert event.detail == {"user": worker.pk, "password": "set"}
