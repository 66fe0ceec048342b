"""The rules of administration, as plain functions: no database, no request."""

from types import SimpleNamespace

import pytest

from tandem.accounts.models import Role
from tandem.administration import rules


def someone(**kwargs):
    values = {
        "pk": 1,
        "is_authenticated": True,
        "is_active": True,
        "is_superuser": False,
        "organisation_id": 10,
        "role": Role.ADMINISTRATOR,
    }
    return SimpleNamespace(**{**values, **kwargs})


class TestMayAdminister:
    def test_it_lets_an_administrator_of_an_organisation(self):
        assert rules.may_administer(someone())

    @pytest.mark.parametrize("role", [role for role in Role if role != Role.ADMINISTRATOR])
    def test_it_refuses_every_other_role(self, role):
        assert not rules.may_administer(someone(role=role))

    def test_it_refuses_a_team_manager_even_as_a_superuser(self):
        # Django's superuser flag opens the operators' admin, never Tandem's administration.
        assert not rules.may_administer(someone(role=Role.TEAM_MANAGER, is_superuser=True))

    def test_it_refuses_an_administrator_in_no_organisation_or_stopped(self):
        assert not rules.may_administer(someone(organisation_id=None))
        assert not rules.may_administer(someone(is_active=False))
        assert not rules.may_administer(someone(is_authenticated=False))


class TestWhoMayChangeWhom:
    def test_an_administrator_changes_their_own_organisations_users_only(self):
        actor = someone()
        assert rules.may_change_user(actor, someone(pk=2, role=Role.SOCIAL_WORKER))
        assert not rules.may_change_user(actor, someone(pk=2, organisation_id=11))

    def test_an_administrator_cannot_change_an_operators_sign_in(self):
        operator = someone(pk=2, is_superuser=True, role=Role.PERSON)
        assert not rules.may_change_user(someone(), operator)
        assert rules.may_change_user(
            someone(pk=3, is_superuser=True, organisation_id=None), operator
        )

    def test_an_operator_manages_any_organisation_but_not_no_organisation(self):
        operator = someone(is_superuser=True, organisation_id=None, role=Role.PERSON)
        assert rules.may_manage_organisation(operator, 99)
        assert not rules.may_manage_organisation(operator, None)

    def test_a_team_manager_may_change_no_one(self):
        manager = someone(role=Role.TEAM_MANAGER)
        assert not rules.may_change_user(manager, someone(pk=2, role=Role.SOCIAL_WORKER))
        assert not rules.may_manage_organisation(manager, 10)


class TestNoOneGrantsThemselvesAccess:
    @pytest.mark.parametrize("field", ["role", "teams", "is_active"])
    def test_it_refuses_a_change_to_ones_own_access(self, field):
        refusal = rules.self_change_refusal(actor_pk=1, target_pk=1, changed=[field])
        assert refusal and "ask another administrator" in refusal

    def test_it_lets_someone_change_their_own_name_and_email(self):
        changed = ["first_name", "last_name", "email", "job_title"]
        assert rules.self_change_refusal(actor_pk=1, target_pk=1, changed=changed) is None

    def test_it_lets_an_administrator_change_someone_elses_role(self):
        assert rules.self_change_refusal(actor_pk=1, target_pk=2, changed=["role"]) is None

    def test_it_names_fields_administration_never_sets(self):
        data = {"role": "x", "is_superuser": True, "is_staff": True, "organisation": 3}
        assert rules.unknown_fields(data, rules.USER_FIELDS) == [
            "is_staff",
            "is_superuser",
            "organisation",
        ]

    def test_teams_must_be_of_the_users_organisation(self):
        assert not rules.teams_outside(10, [10, 10])
        assert rules.teams_outside(10, [10, 11])


def test_field_changes_lists_old_and_new_values_of_what_differs():
    before = {"role": "social_worker", "teams": ["North"], "email": "a@example.org"}
    after = {"role": "team_manager", "teams": ["North"], "email": "a@example.org"}
    assert rules.field_changes(before, after) == {"role": ["social_worker", "team_manager"]}
