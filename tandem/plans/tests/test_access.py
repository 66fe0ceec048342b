"""Who may see a person's plan and its items: fetch-and-authorise answers 404 to everyone else."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from tandem import testing
from tandem.accounts.access import visible_people
from tandem.accounts.models import Role
from tandem.people.models import CircleMember
from tandem.plans.selectors import get_disagreement, get_issue, get_plan_for_user, get_plan_item
from tandem.plans.services import disagreement_add
from tandem.plans.tests.helpers import build_agreed_plan, build_ready_plan


@pytest.fixture
def plan(person, worker):
    return build_ready_plan(person=person, actor=worker)


@pytest.fixture
def neighbour(org, team):
    """Someone else supported by the same team."""
    return testing.make_person(org, team, given_name="Nia", family_name="Jones")


def make_provider(person, *, consent_to_share: bool):
    provider = testing.make_user(person.organisation, role=Role.PROVIDER, first_name="Riverside")
    testing.make_circle_member(
        person,
        name="Riverside Care Ltd",
        kind=CircleMember.Kind.PROVIDER,
        user=provider,
        consent_to_share=consent_to_share,
    )
    return provider


def assert_hidden(user, plan) -> None:
    assert plan.person not in visible_people(user)
    with pytest.raises(Http404):
        get_plan_for_user(user, plan.pk)


def assert_visible(user, plan) -> None:
    assert plan.person in visible_people(user)
    assert get_plan_for_user(user, plan.pk) == plan


# Staff


def test_it_shows_the_plan_to_a_worker_of_the_persons_team(worker, plan):
    assert_visible(worker, plan)


def test_it_shows_the_plan_to_the_team_manager(manager, plan):
    assert_visible(manager, plan)


def test_it_shows_a_worker_the_people_of_every_team_they_belong_to(org, worker, plan):
    south = testing.make_team(org, "South")
    someone = testing.make_person(org, south)
    worker.teams.add(south)

    assert set(visible_people(worker)) == {plan.person, someone}


def test_it_hides_the_plan_from_a_worker_of_another_team(other_team_worker, plan):
    assert_hidden(other_team_worker, plan)


def test_it_hides_the_plan_from_a_worker_of_another_organisation(other_org_worker, plan):
    assert_hidden(other_org_worker, plan)


def test_it_hides_people_from_an_administrator(org, plan):
    administrator = testing.make_user(org, role=Role.ADMINISTRATOR)

    assert_hidden(administrator, plan)


def test_it_hides_everyone_from_someone_not_signed_in(plan):
    assert_hidden(AnonymousUser(), plan)


# The person


def test_it_shows_the_person_their_own_plan(person_user, plan):
    assert_visible(person_user, plan)
    assert list(visible_people(person_user)) == [plan.person]


def test_it_hides_other_peoples_plans_from_the_person(person_user, neighbour, worker):
    their_plan = build_ready_plan(person=neighbour, actor=worker)

    assert_hidden(person_user, their_plan)


# Carers and providers, only with the person's consent


def test_it_shows_the_plan_to_a_carer_the_person_consents_to_share_with(carer_user, plan):
    assert_visible(carer_user, plan)


def test_it_hides_the_plan_from_a_carer_without_consent(person, plan):
    carer = testing.make_carer_user(person, consent_to_share=False)

    assert_hidden(carer, plan)


def test_it_hides_the_plan_once_consent_is_withdrawn(carer_user, person, plan):
    person.circle.filter(user=carer_user).update(consent_to_share=False)

    assert_hidden(carer_user, plan)


def test_it_shows_a_carer_only_the_people_who_consented(carer_user, neighbour, plan, worker):
    testing.make_circle_member(neighbour, user=carer_user, consent_to_share=False)
    their_plan = build_ready_plan(person=neighbour, actor=worker)

    assert list(visible_people(carer_user)) == [plan.person]
    assert_hidden(carer_user, their_plan)


def test_it_lists_a_person_once_for_a_carer_with_two_roles_in_their_circle(carer_user, person):
    testing.make_circle_member(
        person, user=carer_user, kind=CircleMember.Kind.ADVOCATE, consent_to_share=True
    )

    assert list(visible_people(carer_user)) == [person]


def test_it_shows_the_plan_to_a_provider_with_consent(person, plan):
    assert_visible(make_provider(person, consent_to_share=True), plan)


def test_it_hides_the_plan_from_a_provider_without_consent(person, plan):
    assert_hidden(make_provider(person, consent_to_share=False), plan)


# Items, copies and disagreements belong to one plan


def test_it_fetches_an_item_of_the_plan(plan):
    outcome = plan.outcomes.get()

    assert get_plan_item(plan, "outcome", outcome.pk) == outcome
    assert get_plan_item(plan, "outcome", str(outcome.pk)) == outcome


def test_it_answers_404_for_an_item_of_another_plan(plan, neighbour, worker):
    their_plan = build_ready_plan(person=neighbour, actor=worker)
    their_outcome = their_plan.outcomes.get()
    their_risk = their_plan.risks.get()

    for kind, item in [("outcome", their_outcome), ("risk", their_risk)]:
        with pytest.raises(Http404):
            get_plan_item(plan, kind, item.pk)


@pytest.mark.parametrize(
    ("kind", "pk"), [("outcome", "abc"), ("outcome", None), ("agreement", 1), ("plan", 1)]
)
def test_it_answers_404_for_a_malformed_item_request(plan, kind, pk):
    with pytest.raises(Http404):
        get_plan_item(plan, kind, pk)


def test_it_answers_404_for_a_malformed_plan_id(worker, plan):
    for pk in ["abc", None, plan.pk + 1000]:
        with pytest.raises(Http404):
            get_plan_for_user(worker, pk)


def test_it_answers_404_for_a_copy_or_disagreement_of_another_plan(person, neighbour, worker):
    plan, _issue = build_agreed_plan(person=person, actor=worker)
    their_plan, their_issue = build_agreed_plan(person=neighbour, actor=worker)
    theirs = disagreement_add(
        plan=their_plan, section="support", raised_by="Sue", details="No", actor=worker
    )

    assert get_issue(plan, 1).plan == plan
    with pytest.raises(Http404):
        get_issue(plan, 2)
    with pytest.raises(Http404):
        get_disagreement(plan, theirs.pk)
    assert get_disagreement(their_plan, theirs.pk) == theirs
