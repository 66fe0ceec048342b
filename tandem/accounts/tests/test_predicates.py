"""Who may do what, role by role: the permission predicates in tandem/accounts/access.py.

The refusal tests (tandem/*/tests/test_refusals.py) show each page applies them; this table pins
what each answers, including where no page could tell today (everyone who can see a person may
add a disagreement or raise a concern, so a page's answer is the same either way).
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from tandem.accounts import access
from tandem.accounts.models import STAFF_ROLES, Role, User

MAY = {
    access.can_manage_person: STAFF_ROLES,
    access.can_draft_plan: STAFF_ROLES | {Role.PERSON, Role.CARER},
    access.can_coordinate_plan: STAFF_ROLES,
    access.can_add_disagreement: STAFF_ROLES | {Role.PERSON, Role.CARER, Role.PROVIDER},
    access.can_raise_safeguarding: frozenset(Role),
    access.can_acknowledge_safeguarding: {Role.TEAM_MANAGER},
}


@pytest.mark.parametrize("predicate", MAY, ids=lambda predicate: predicate.__name__)
@pytest.mark.parametrize("role", Role.values)
def test_it_answers_for_each_role(predicate, role):
    assert predicate(User(role=role)) is (role in MAY[predicate])


def test_it_lets_no_one_signed_out_raise_a_concern():
    assert access.can_raise_safeguarding(AnonymousUser()) is False
