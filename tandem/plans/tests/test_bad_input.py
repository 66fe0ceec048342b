"""Whatever is typed or tampered with, plan pages answer with a page or a redirect, never a 500."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem import testing
from tandem.plans.models import Plan
from tandem.plans.parts import registry
from tandem.plans.services import plan_send_for_agreement
from tandem.plans.tests.helpers import add_item, build_ready_plan

# Text that breaks naive parsing: huge numbers, negative and decimal ids, control characters, NUL
# (which PostgreSQL refuses in text), very long strings, other people's ids.
nasty = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "0", "-1", "1.5", "99999999999999999999", "31", "2", "abc", "\x00"]),
    st.sampled_from(["x" * 5001, "é" * 201, "<script>alert(1)</script>"]),
    st.integers(min_value=-(2**63), max_value=2**63).map(str),
)

PLAN_FORM_FIELDS = sorted(
    {
        name
        for form in [
            *(s.form_class() for s in registry.sections if s.form),
            *(k.form_class() for k in registry.kinds.values()),
        ]
        for name in form.base_fields
    }
    | {"revision", "completed", "responsible", "reason"}
    | {
        f"{d}_{part}"
        for d in ("due_on", "starts_on", "achieve_by", "support_starts_on")
        for part in ("day", "month", "year")
    }
)

hypothesis_settings = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def ready_plan(person, worker):
    return plan_send_for_agreement(plan=build_ready_plan(person=person, actor=worker), actor=worker)


@pytest.fixture
def plan(person, worker):
    plan = testing.make_plan(person, worker)
    outcome = add_item(plan, "outcome", worker)
    add_item(plan, "action", worker, outcome=outcome)
    return plan


@hypothesis_settings
@given(data=st.dictionaries(st.sampled_from(PLAN_FORM_FIELDS), nasty, max_size=12))
def test_it_never_fails_on_any_section_form(client_for, worker, plan, data):
    client = client_for(worker)
    for section in registry.sections:
        response = client.post(reverse("plans:section", args=[plan.pk, section.key]), data)
        assert response.status_code in {200, 302}, (section.key, response.status_code)


@hypothesis_settings
@given(data=st.dictionaries(st.sampled_from(PLAN_FORM_FIELDS), nasty, max_size=12), outcome=nasty)
def test_it_never_fails_on_any_item_form(client_for, worker, plan, data, outcome):
    client = client_for(worker)
    for kind in registry.kinds:
        url = reverse("plans:item_add", args=[plan.pk, kind]) + "?" + f"outcome={outcome}"
        response = client.post(url, data)
        assert response.status_code in {200, 302, 404}, (kind, response.status_code)
    action = plan.actions.get()
    response = client.post(reverse("plans:item", args=[plan.pk, "action", action.pk]), data)
    assert response.status_code in {200, 302}


@hypothesis_settings
@given(
    data=st.dictionaries(
        st.sampled_from(
            [
                "agreed_by",
                "representative",
                "method",
                "agreed_on_day",
                "agreed_on_month",
                "agreed_on_year",
                "worker_agrees",
                "carers",
                "section",
                "raised_by",
                "details",
                "raised_on_day",
                "raised_on_month",
                "raised_on_year",
            ]
        ),
        nasty,
        max_size=8,
    )
)
def test_it_never_fails_on_agreement_or_disagreement(client_for, worker, ready_plan, data):
    client = client_for(worker)
    for name in ("plans:agree", "plans:disagreement_add"):
        response = client.post(reverse(name, args=[ready_plan.pk]), data)
        assert response.status_code in {200, 302}, (name, response.status_code)
    # The agreement form was really read and refused, not skipped by a redirect.
    assert Plan.objects.get(pk=ready_plan.pk).status in {Plan.Status.READY, Plan.Status.AGREED}


def test_it_refuses_an_id_no_database_can_hold_as_a_carer(client_for, worker, ready_plan):
    response = client_for(worker).post(
        reverse("plans:agree", args=[ready_plan.pk]), {"carers": "9" * 30}
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
