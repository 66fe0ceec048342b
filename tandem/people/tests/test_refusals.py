"""Every people page that writes refuses every role it must, and then changes nothing.

One entry per view (see tandem/testing_refusals.py): the POST that succeeds for an allowed role is
refused for everyone else with 403 (they can see the person but may not do this), 404 (no
relationship, or another organisation) or a sign-in page, and leaves every row as it was.
"""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from tandem import testing
from tandem.people.models import Person, SafeguardingReferral
from tandem.people.tests.data import member_post, person_change_post, person_post
from tandem.testing_refusals import (
    ANONYMOUS,
    CIRCLE,
    ROLES,
    SEES_PERSON,
    STAFF,
    Write,
    assert_allowed,
    assert_every_refusal,
    assert_refused,
    case_id,
    cast_kept_for_module,
    link_sign_in_from_another_organisation,
    permissions,
    refused_writes,
    row,
    rows,
)

(
    built,
    org,
    team,
    worker,
    manager,
    person,
    person_user,
    carer_user,
    other_team_worker,
    other_org_worker,
    cast,
) = cast_kept_for_module()


def the_person(cast):
    return SimpleNamespace(cast=cast, person=cast.person)


def with_family_member(cast):
    member = testing.make_circle_member(cast.person, name="Dee Daughter", consent_to_share=False)
    return SimpleNamespace(cast=cast, person=cast.person, member=member)


def with_a_concern(cast):
    referral = SafeguardingReferral.objects.create(
        organisation=cast.person.organisation,
        person=cast.person,
        concern="She said she is scared at home.",
        raised_by=cast.person.allocated_worker,
    )
    return SimpleNamespace(cast=cast, person=cast.person, referral=referral)


def member_change_post(member):
    return member_post(
        name=member.name,
        kind=member.kind,
        phone="01632 960 001",
        consent_to_share="yes",
        revision=str(member.revision),
    )


# Adding a person has no person to see yet: everyone but staff is refused with 403. Staff add
# people only to their own teams (they would not see anyone else's), so staff of another team or
# another organisation are refused on the form.
PERSON_ADD_ALLOWED = STAFF
PERSON_ADD_STATUSES = {role: 403 for role in ROLES if role not in PERSON_ADD_ALLOWED} | {
    "other_team_worker": 200,
    "other_team_manager": 200,
    "other_org_worker": 200,
    "other_org_worker_in_the_team": 200,
}

WRITES = [
    Write(
        name="person_add",
        scene=the_person,
        url=lambda s: reverse("people:add"),
        data=lambda s: person_post(s.person.team, local_identifier="NEW0001"),
        state=lambda s: rows(Person.objects.all()),
        allowed=PERSON_ADD_ALLOWED,
        statuses=PERSON_ADD_STATUSES,
    ),
    Write(
        name="person_change",
        scene=the_person,
        url=lambda s: reverse("people:change", args=[s.person.pk]),
        data=lambda s: person_change_post(s.person, given_name="Priyanka"),
        state=lambda s: row(s.person),
        allowed=STAFF,
    ),
    Write(
        name="circle_add",
        scene=the_person,
        url=lambda s: reverse("people:circle_add", args=[s.person.pk]),
        data=lambda s: member_post(),
        state=lambda s: rows(s.person.circle.all()),
        allowed=STAFF,
    ),
    Write(
        name="circle_change",
        scene=with_family_member,
        url=lambda s: reverse("people:circle_change", args=[s.person.pk, s.member.pk]),
        data=lambda s: member_change_post(s.member),
        state=lambda s: row(s.member),
        allowed=STAFF,
    ),
    Write(
        # P11: anyone who can see the person can raise a concern, and no one else.
        name="safeguarding_raise",
        scene=the_person,
        url=lambda s: reverse("people:safeguarding", args=[s.person.pk]),
        data=lambda s: {"concern": "She said she is scared at home.", "immediate_risk": "yes"},
        state=lambda s: rows(SafeguardingReferral.objects.filter(person=s.person)),
        allowed=STAFF | CIRCLE,
    ),
    Write(
        # P11: a manager of the person's team records that the concern was acted on.
        name="safeguarding_acknowledge",
        scene=with_a_concern,
        url=lambda s: reverse("people:safeguarding_acknowledge", args=[s.person.pk, s.referral.pk]),
        data=lambda s: {"action_taken": "Referred to the adult protection team."},
        state=lambda s: row(s.referral),
        allowed=frozenset({"team_manager"}),
    ),
]


@pytest.mark.parametrize("write", refused_writes(WRITES), ids=case_id)
def test_it_refuses_the_write_and_changes_nothing(cast, write):
    assert_every_refusal(write, cast)


@pytest.mark.parametrize(("write", "role"), permissions(WRITES), ids=case_id)
def test_it_lets_an_allowed_role_make_the_same_write(cast, write, role):
    assert_allowed(write, cast, role)


@pytest.mark.parametrize("write", [w for w in WRITES if "person" in w.allowed], ids=case_id)
def test_it_refuses_a_sign_in_of_another_organisation_linked_to_the_person(
    cast, other_org_worker, write
):
    role = link_sign_in_from_another_organisation(cast, other_org_worker.organisation)
    assert_refused(write, cast, role)


def test_it_covers_every_role_for_every_write():
    for write in WRITES:
        assert set(write.refused_roles()) | write.allowed == set(ROLES), write.name
        assert ANONYMOUS in write.refused_roles()
        assert write.allowed <= SEES_PERSON | {"other_team_worker", "other_team_manager"}
