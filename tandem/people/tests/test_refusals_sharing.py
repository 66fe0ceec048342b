"""Every page of consent, the sharing review and emergency access that writes refuses every role
it must, and then changes nothing (see tandem/testing_refusals.py)."""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse

from tandem import testing
from tandem.people.consent import consent_give
from tandem.people.emergency import break_glass_open
from tandem.people.models import BreakGlassAccess, SharingReview
from tandem.testing_refusals import (
    ANONYMOUS,
    ROLES,
    SEES_PERSON,
    STAFF,
    Write,
    assert_allowed,
    assert_every_refusal,
    case_id,
    cast_kept_for_module,
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

REASON = "Found confused at the station, needs his medication list"
GIVE = {
    "purpose": "consult_at_reviews",
    "given_by": "person",
    "method": "in_person",
    "given_on_day": "5",
    "given_on_month": "1",
    "given_on_year": "2026",
}
WITHDRAW = {
    "withdrawn_by": "person",
    "withdrawn_on_day": "6",
    "withdrawn_on_month": "2",
    "withdrawn_on_year": "2026",
}


def with_family_member(cast):
    member = testing.make_circle_member(cast.person, name="Dee Daughter", consent_to_share=False)
    return SimpleNamespace(cast=cast, person=cast.person, member=member)


def with_consent(cast):
    scene = with_family_member(cast)
    scene.record = consent_give(
        member=scene.member,
        actor=cast.worker,
        purpose="share_plan",
        given_by="person",
        method="phone",
        given_on=datetime.date(2026, 1, 5),
    )
    return scene


def with_emergency(cast):
    grant = break_glass_open(
        person=cast.person, actor=cast.users["other_team_worker"], reason=REASON
    )
    return SimpleNamespace(cast=cast, person=cast.person, grant=grant)


# Opening a record in an emergency: practitioners outside the person's teams. The person's own
# team is sent to the record (302, nothing recorded); anyone not a practitioner gets 403; staff
# of another organisation cannot find the person (404).
BREAK_GLASS_ALLOWED = frozenset({"other_team_worker", "other_team_manager"})
BREAK_GLASS_STATUSES = (
    {role: 302 for role in STAFF}
    | {
        role: 403
        for role in ROLES
        if role not in STAFF | BREAK_GLASS_ALLOWED | {ANONYMOUS, "other_org_worker"}
    }
    | {"other_org_worker": 404, "other_org_worker_in_the_team": 404}
)

# Reviewing an emergency access: the managers of the person's team and of the practitioner's.
REVIEW_ALLOWED = frozenset({"team_manager", "other_team_manager"})
REVIEW_STATUSES = {role: 404 for role in ROLES if role not in REVIEW_ALLOWED}

WRITES = [
    Write(
        name="consent_give",
        scene=with_family_member,
        url=lambda s: reverse("people:consent_give", args=[s.person.pk, s.member.pk]),
        data=lambda s: GIVE,
        state=lambda s: rows(s.member.consents.all()),
        allowed=STAFF,
    ),
    Write(
        name="consent_withdraw",
        scene=with_consent,
        url=lambda s: reverse(
            "people:consent_withdraw", args=[s.person.pk, s.member.pk, s.record.pk]
        ),
        data=lambda s: WITHDRAW,
        state=lambda s: (row(s.record), row(s.member)),
        allowed=STAFF,
    ),
    Write(
        name="sharing_review",
        scene=lambda cast: SimpleNamespace(cast=cast, person=cast.person),
        url=lambda s: reverse("people:sharing_review", args=[s.person.pk]),
        data=lambda s: {},
        state=lambda s: rows(SharingReview.objects.all()),
        allowed=STAFF,
    ),
    Write(
        name="break_glass",
        scene=lambda cast: SimpleNamespace(cast=cast, person=cast.person),
        url=lambda s: reverse("people:break_glass", args=[s.person.pk]),
        data=lambda s: {"reason": REASON},
        state=lambda s: rows(BreakGlassAccess.objects.all()),
        allowed=BREAK_GLASS_ALLOWED,
        statuses=BREAK_GLASS_STATUSES,
    ),
    Write(
        name="break_glass_reviewed",
        scene=with_emergency,
        url=lambda s: reverse("people:break_glass_reviewed", args=[s.grant.pk]),
        data=lambda s: {},
        state=lambda s: row(s.grant),
        allowed=REVIEW_ALLOWED,
        statuses=REVIEW_STATUSES,
    ),
]


@pytest.mark.parametrize("write", refused_writes(WRITES), ids=case_id)
def test_it_refuses_the_write_and_changes_nothing(cast, write):
    assert_every_refusal(write, cast)


@pytest.mark.parametrize(("write", "role"), permissions(WRITES), ids=case_id)
def test_it_lets_an_allowed_role_make_the_same_write(cast, write, role):
    assert_allowed(write, cast, role)


def test_it_covers_every_role_for_every_write():
    for write in WRITES:
        assert set(write.refused_roles()) | write.allowed == set(ROLES), write.name
        assert ANONYMOUS in write.refused_roles()
        assert write.allowed <= SEES_PERSON | {"other_team_worker", "other_team_manager"}
