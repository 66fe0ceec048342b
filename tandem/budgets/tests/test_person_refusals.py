"""Every page that records a person's budget or financial assessment refuses every role it must
(tandem/testing_refusals.py): staff of the person's team record them; the person and their
consenting carers may only read them (403), a provider may not even read them (403), and
everyone without a relationship gets 404, with nothing changed."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from tandem.budgets.models import FinancialAssessment, IndicativeBudget
from tandem.budgets.tests.person_data import (
    assessment_post,
    make_scheme,
    outside_post,
    ras_post,
)
from tandem.testing_refusals import (
    ANONYMOUS,
    ROLES,
    STAFF,
    Write,
    assert_allowed,
    assert_every_refusal,
    case_id,
    cast_kept_for_module,
    permissions,
    refused_writes,
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


def with_a_scheme(cast):
    scheme = make_scheme(cast.person.organisation, cast.worker)
    return SimpleNamespace(cast=cast, person=cast.person, scheme=scheme)


def budgets_of(scene):
    return rows(IndicativeBudget.objects.filter(person=scene.person))


WRITES = [
    Write(
        name="ras",
        scene=with_a_scheme,
        url=lambda s: reverse("budgets:ras", args=[s.person.pk]),
        data=lambda s: ras_post(s.scheme, {1: "Every day", 2: "Some help"}),
        state=budgets_of,
        allowed=STAFF,
    ),
    Write(
        name="set_outside",
        scene=lambda cast: SimpleNamespace(cast=cast, person=cast.person),
        url=lambda s: reverse("budgets:set_outside", args=[s.person.pk]),
        data=lambda s: outside_post(),
        state=budgets_of,
        allowed=STAFF,
    ),
    Write(
        name="assessment",
        scene=lambda cast: SimpleNamespace(cast=cast, person=cast.person),
        url=lambda s: reverse("budgets:assessment", args=[s.person.pk]),
        data=lambda s: assessment_post(),
        state=lambda s: rows(FinancialAssessment.objects.filter(person=s.person)),
        allowed=STAFF,
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
        assert {"person", "carer", "provider"} <= set(write.refused_roles())
