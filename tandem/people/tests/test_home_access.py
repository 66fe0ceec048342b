"""Who sees a person's home page (people:home): the person their own, a carer that of each person
they may represent; staff keep their own landing page; no one sees anyone else's."""

import pytest
from django.test import Client
from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Role
from tandem.audit.models import AuditAction, AuditEvent
from tandem.people.models import CircleMember
from tandem.people.tests.home_helpers import agreed_plan, home_url
from tandem.testing_refusals import ANONYMOUS, ROLES, STAFF

pytestmark = pytest.mark.django_db

# Everyone without a home page of their own is sent to the site's home, which sends them on to
# their own landing page (staff to people, the administrator to budgets); no one is told
# whether the person exists.
SENT_HOME = STAFF | {
    "administrator",
    "other_team_worker",
    "other_team_manager",
    "other_org_worker",
    "other_org_worker_in_the_team",
    "worker_without_organisation",
    "provider",
    "provider_without_consent",
    "other_org_provider_in_circle",
}
ANSWERS = {
    "person": 200,
    "carer": 200,
    "carer_without_consent": 404,
    "another_person": 404,
    ANONYMOUS: 302,
    **dict.fromkeys(SENT_HOME, 302),
}


def test_the_table_covers_every_role():
    assert set(ANSWERS) == set(ROLES)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_persons_home_page_or_is_sent_away(cast, role):
    user = cast.users.get(role)
    client = Client() if user is None else testing.client_for(user)
    response = client.get(home_url(cast.person))
    assert response.status_code == ANSWERS[role]
    if role in SENT_HOME:
        assert response["Location"] == reverse("home")
    elif role == ANONYMOUS:
        assert response["Location"].startswith(reverse("login"))
    if response.status_code == 200:
        assert cast.person.full_name in response.text
    else:
        assert cast.person.full_name not in response.text


@pytest.mark.parametrize("role", sorted(STAFF))
def test_staff_going_to_their_home_page_keep_their_own_landing_page(client_for, cast, role):
    client = client_for(cast.users[role])
    response = client.get(reverse("people:home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("worklist:list")
    assert client.get(reverse("home"))["Location"] == reverse("worklist:list")


def test_a_carer_who_may_not_represent_the_person_is_refused(client_for, person):
    friend = testing.make_user(person.organisation, role=Role.CARER)
    testing.make_circle_member(person, user=friend, kind=CircleMember.Kind.FRIEND)
    client = client_for(friend)
    assert client.get(home_url(person)).status_code == 403
    response = client.get(home_url())
    assert response.status_code == 200
    assert "There is no plan to show you yet." in response.text
    assert person.full_name not in response.text
    assert not AuditEvent.objects.filter(person=person, actor=friend).exists()


def test_a_carer_for_one_person_sees_their_home_page_straight_away(
    client_for, worker, person, carer_user
):
    html = client_for(carer_user).get(home_url()).text
    assert "Pri’s plan" in html
    assert "Priya Patel" in html


def test_a_carer_for_several_people_chooses_among_only_those_they_represent(
    client_for, org, team, person, carer_user
):
    second = testing.make_person(org, team, given_name="Sunil", family_name="Patel")
    testing.make_circle_member(second, user=carer_user, kind=CircleMember.Kind.FAMILY)
    not_represented = testing.make_person(org, team, given_name="Uma", family_name="Friend")
    testing.make_circle_member(not_represented, user=carer_user, kind=CircleMember.Kind.FRIEND)
    stranger = testing.make_person(org, team, given_name="Oliver", family_name="Other")
    html = client_for(carer_user).get(home_url()).text
    assert "Whose plan" in html
    for someone in (person, second):
        assert f'href="{home_url(someone)}">{someone.full_name}</a>' in html
    for someone in (not_represented, stranger):
        assert someone.full_name not in html
    # The list of names is a view of personal data: one event naming those shown (issue 9).
    event = AuditEvent.objects.get(action=AuditAction.PEOPLE_LIST_VIEW, actor=carer_user)
    assert sorted(event.detail["people"]) == sorted([person.pk, second.pk])
    assert client_for(carer_user).get(home_url(not_represented)).status_code == 403
    assert client_for(carer_user).get(home_url(stranger)).status_code == 404


def test_a_carer_sees_the_actions_they_are_responsible_for_not_the_persons(
    client_for, worker, person, carer_user
):
    plan = agreed_plan(person, worker, actions=2)
    first, second = plan.actions.order_by("outcome__position", "position")
    member = CircleMember.objects.get(person=person, user=carer_user)
    second.responsible_is_person, second.responsible_member = False, member
    second.save()
    html = client_for(carer_user).get(home_url()).text
    assert second.description in html
    assert f'href="{reverse("reviews:progress", args=[plan.pk, second.pk])}"' in html
    assert first.description not in html


def test_a_person_never_sees_another_persons_home_page(client_for, org, team, worker, person):
    other = testing.make_person(org, team, given_name="Oliver", family_name="Other")
    agreed_plan(other, worker)
    own = testing.make_user_for_person(person)
    assert client_for(own).get(home_url(other)).status_code == 404
    html = client_for(own).get(home_url()).text
    assert "Priya Patel" in html and "Oliver" not in html
    assert "There is no plan yet." in html
    assert client_for(own).get("/people/me/not-a-number/").status_code == 404


def test_viewing_the_home_page_is_audited_as_a_view_of_the_record(client_for, person, person_user):
    client_for(person_user).get(home_url())
    event = AuditEvent.objects.get(person=person, actor=person_user)
    assert event.action == AuditAction.PERSON_VIEW
    assert event.detail == {"page": "home"}
