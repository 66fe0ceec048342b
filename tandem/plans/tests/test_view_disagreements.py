"""Areas of disagreement on the plan page: deciding on them (A3) whether they were noted before
agreement (A1) or after it (A2), and what the page says once a decision is made."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem import testing
from tandem.plans.models import Disagreement, Plan
from tandem.plans.services import (
    disagreement_add,
    disagreement_decide,
    plan_record_agreement,
    plan_send_for_agreement,
    plan_start_new_version,
)
from tandem.plans.tests.helpers import (
    add_item,
    build_ready_plan,
    fresh,
    person_and_worker_agree,
)
from tandem.ui.templatetags.govuk import govuk_date

DECIDE = "Decide whether to renegotiate"


def detail(plan) -> str:
    return reverse("plans:detail", args=[plan.pk])


def text_of(response) -> str:
    """The page's words, without tags, with whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def decide_url(plan, disagreement) -> str:
    return reverse("plans:disagreement_decide", args=[plan.pk, disagreement.pk])


# Fresh from the database: the plan the service returns holds its (empty) disagreements.
built = testing.built_once(
    ready_plan=lambda s: fresh(
        plan_send_for_agreement(
            plan=build_ready_plan(person=s.person, actor=s.worker), actor=s.worker
        )
    ),
)


org, team, worker, person, ready_plan = testing.from_scene(
    "org", "team", "worker", "person", "ready_plan"
)


@pytest.fixture
def noted(ready_plan, worker):
    """A1: noted before agreement, on a plan sent for agreement."""
    return disagreement_add(
        plan=ready_plan,
        section="support",
        raised_by="Meena Patel",
        details="Pri should go to the lunch club twice a week",
        actor=worker,
    )


def on(day: datetime.date, **data) -> dict:
    return {
        "raised_on_day": str(day.day),
        "raised_on_month": str(day.month),
        "raised_on_year": str(day.year),
        **data,
    }


def agree(plan, person, worker):
    plan_record_agreement(plan=plan, parties=person_and_worker_agree(person, worker), actor=worker)
    return fresh(plan)


# A1 + A3: a disagreement noted before agreement can be decided


def test_it_offers_the_coordinator_a_decision_on_a_disagreement_noted_before_agreement(
    client_for, worker, ready_plan, noted
):
    html = client_for(worker).get(detail(ready_plan)).content.decode()

    assert DECIDE in html
    assert decide_url(ready_plan, noted) in html


def test_it_still_offers_the_decision_once_the_plan_is_agreed(
    client_for, worker, person, ready_plan, noted
):
    plan = agree(ready_plan, person, worker)

    html = client_for(worker).get(detail(plan)).content.decode()

    assert decide_url(plan, noted) in html


def test_it_records_a_decision_on_a_disagreement_noted_before_agreement(
    client_for, worker, ready_plan, noted
):
    response = client_for(worker).post(
        decide_url(ready_plan, noted),
        {"renegotiation": "not_needed", "renegotiation_reason": "Once a week suits Pri for now"},
    )

    assert response.status_code == 302
    noted.refresh_from_db()
    assert (noted.renegotiation, noted.decided_by) == ("not_needed", worker)
    html = client_for(worker).get(detail(ready_plan)).content.decode()
    assert DECIDE not in html
    assert "Noted – no renegotiation needed" in html
    assert "Once a week suits Pri for now" in html


# A provider sees only the disagreements they noted themselves (tandem/plans/tests/
# test_provider_part.py), so the carer's one here is not theirs to see.
@pytest.mark.parametrize("role", ["person", "carer", "colleague"])
def test_it_offers_the_decision_only_to_who_may_make_it(
    client_for, org, team, person, person_user, carer_user, ready_plan, noted, role
):
    user = {
        "person": person_user,
        "carer": carer_user,
        "colleague": testing.make_worker(org, team, first_name="Colin"),
    }[role]

    html = client_for(user).get(detail(ready_plan)).content.decode()

    assert DECIDE not in html
    assert "Not decided yet" in html


def test_it_lets_the_team_manager_decide_before_agreement(client_for, manager, ready_plan, noted):
    assert DECIDE in client_for(manager).get(detail(ready_plan)).content.decode()

    response = client_for(manager).post(
        decide_url(ready_plan, noted),
        {"renegotiation": "needed", "renegotiation_reason": "Talk it through with Pri"},
    )

    assert response.status_code == 302
    assert Disagreement.objects.get(pk=noted.pk).decided_by == manager


def test_it_offers_no_decision_on_a_version_no_longer_in_force(
    client_for, worker, person, ready_plan, noted
):
    plan = agree(ready_plan, person, worker)
    second = plan_start_new_version(plan=plan, actor=worker)
    plan_send_for_agreement(plan=second, actor=worker)
    agree(second, person, worker)

    html = client_for(worker).get(detail(plan)).content.decode()
    response = client_for(worker).post(
        decide_url(plan, noted), {"renegotiation": "needed", "renegotiation_reason": "Late"}
    )

    assert DECIDE not in html
    assert "No decision was recorded while this version was in force" in html
    assert response.status_code == 200
    assert "This version of the plan is no longer in force" in response.content.decode()
    assert Disagreement.objects.get(pk=noted.pk).renegotiation == ""


# A3: after "renegotiate: yes", the page says why and offers the way to do it


RENEGOTIATE = "The coordinator decided the plan must be reviewed or renegotiated: "
START = "Start a new version of the plan"


@pytest.fixture
def renegotiate(person, worker, ready_plan, noted):
    """An agreed plan whose coordinator decided the noted disagreement means renegotiating."""
    plan = agree(ready_plan, person, worker)
    disagreement_decide(
        disagreement=noted,
        renegotiation="needed",
        reason="Pri would like the lunch club twice a week",
        actor=worker,
    )
    return plan


def test_it_says_the_plan_must_be_renegotiated_and_why(client_for, person_user, renegotiate):
    text = text_of(client_for(person_user).get(detail(renegotiate)))

    assert RENEGOTIATE + "Pri would like the lunch club twice a week" in text


def test_it_offers_the_coordinator_a_new_version_to_renegotiate_in(
    client_for, worker, person, renegotiate
):
    client = client_for(worker)
    html = client.get(detail(renegotiate)).content.decode()

    banner = html[html.index(RENEGOTIATE.rstrip(": ")) :]
    assert f'action="{reverse("plans:new_version", args=[renegotiate.pk])}"' in banner
    assert START in banner
    response = client.post(reverse("plans:new_version", args=[renegotiate.pk]))
    new = person.plans.get(version_number=2)
    assert response["Location"] == detail(new)
    assert new.previous_version == renegotiate


@pytest.mark.parametrize("role", ["person", "carer"])
def test_it_offers_a_new_version_only_to_who_may_start_one(
    client_for, person, person_user, carer_user, renegotiate, role
):
    user = {"person": person_user, "carer": carer_user}[role]

    html = client_for(user).get(detail(renegotiate)).content.decode()

    assert RENEGOTIATE.rstrip(": ") in html
    assert START not in html


def test_it_stops_offering_a_new_version_once_one_is_started(client_for, worker, renegotiate):
    draft = plan_start_new_version(plan=renegotiate, actor=worker)

    html = client_for(worker).get(detail(renegotiate)).content.decode()

    assert START not in html
    assert detail(draft) in html


def test_it_offers_no_new_version_before_the_plan_is_agreed(client_for, worker, ready_plan, noted):
    disagreement_decide(
        disagreement=noted, renegotiation="needed", reason="Change it first", actor=worker
    )

    text = text_of(client_for(worker).get(detail(ready_plan)))

    assert RENEGOTIATE + "Change it first" in text
    assert START not in text


def test_it_says_nothing_of_renegotiating_when_the_coordinator_decided_against_it(
    client_for, worker, person, ready_plan, noted
):
    plan = agree(ready_plan, person, worker)
    disagreement_decide(
        disagreement=noted, renegotiation="not_needed", reason="Minor", actor=worker
    )

    html = client_for(worker).get(detail(plan)).content.decode()

    assert RENEGOTIATE.rstrip(": ") not in html
    assert START not in html


# A disagreement about one part of the plan


def today() -> dict:
    return on(timezone.localdate())


def add_url(plan) -> str:
    return reverse("plans:disagreement_add", args=[plan.pk])


ABOUT_ACTION = "About the action “Find a lift to the club”"


def test_it_offers_each_part_of_the_plan_under_its_section(client_for, worker, ready_plan):
    action = ready_plan.actions.get()
    outcome = ready_plan.outcomes.get()

    html = client_for(worker).get(add_url(ready_plan)).content.decode()

    group = html[html.index('<optgroup label="My action plan">') :]
    group = group[: group.index("</optgroup>")]
    assert '<option value="actions">My action plan</option>' in group
    assert f'<option value="action:{action.uid}">{ABOUT_ACTION}</option>' in group
    outcomes = html[html.index('<optgroup label="What I want to change or achieve">') :]
    assert f'value="outcome:{outcome.uid}"' in outcomes[: outcomes.index("</optgroup>")]
    # A section with no parts is one choice on its own.
    assert '<option value="important">What is important to me</option>' in html


def test_it_notes_a_disagreement_about_one_action(client_for, worker, ready_plan):
    action = ready_plan.actions.get()

    response = client_for(worker).post(
        add_url(ready_plan),
        {
            "section": f"action:{action.uid}",
            "raised_by": "Meena Patel",
            "details": "A taxi would be more reliable",
        }
        | today(),
    )

    assert response.status_code == 302
    saved = ready_plan.disagreements.get()
    assert (saved.section, saved.part_kind, saved.part_uid) == ("actions", "action", action.uid)
    text = text_of(client_for(worker).get(detail(ready_plan)))
    assert f"Part of the plan My action plan {ABOUT_ACTION}" in text


@pytest.mark.parametrize(
    "value",
    [
        "action:elsewhere",
        "action:d0c2ab4e-0000-4000-8000-000000000000",
        "action:not-a-uid",
        "outcome:action",
        "weather:action",
        "action:",
        "action",
    ],
)
def test_it_refuses_a_part_that_is_not_in_this_plan(
    client_for, worker, org, team, ready_plan, value
):
    other = build_ready_plan(person=testing.make_person(org, team), actor=worker)
    uids = {"elsewhere": other.actions.get().uid, "action": ready_plan.actions.get().uid}
    kind, _sep, uid = value.partition(":")
    value = f"{kind}:{uids.get(uid, uid)}" if _sep else value

    response = client_for(worker).post(
        add_url(ready_plan),
        {"section": value, "raised_by": "Meena", "details": "Kept text"} | today(),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose a part of this plan from the list" in html
    assert "Kept text" in html
    assert not ready_plan.disagreements.exists()


def test_it_shows_the_part_on_the_decision_page(client_for, worker, ready_plan):
    disagreement = disagreement_add(
        plan=ready_plan,
        section="actions",
        part_kind="action",
        part_uid=ready_plan.actions.get().uid,
        raised_by="Meena Patel",
        details="A taxi would be more reliable",
        actor=worker,
    )

    text = text_of(client_for(worker).get(decide_url(ready_plan, disagreement)))

    assert f"Meena Patel disagrees with “My action plan”: {ABOUT_ACTION} A taxi" in text


def _disagree_about_parts(plan, worker, n):
    """n disagreements, each about an action of its own, recorded by different people."""
    outcome = plan.outcomes.get()
    for i in range(n):
        action = add_item(plan, "action", worker, outcome=outcome, description=f"Action {i}")
        disagreement_add(
            plan=plan,
            section="actions",
            part_kind="action",
            part_uid=action.uid,
            raised_by=f"Someone {i}",
            details="No",
            actor=testing.make_worker(plan.organisation, plan.person.team),
        )


@pytest.mark.parametrize("size", [1, 10])
def test_it_shows_disagreements_about_parts_in_the_same_number_of_queries(
    client_for, worker, ready_plan, django_assert_num_queries, size
):
    _disagree_about_parts(ready_plan, worker, size)
    client = client_for(worker)
    client.get(detail(ready_plan))  # warm the session

    with django_assert_num_queries(QUERIES_WITH_DISAGREEMENTS):
        response = client.get(detail(ready_plan))

    assert response.content.decode().count("About the action “Action ") == size
    assert fresh(ready_plan).disagreements.exclude(part_uid=None).count() == size


# +2 from reviews: its GAS levels (one query per kind) and its snapshot key "review".
QUERIES_WITH_DISAGREEMENTS = 23


# The date a disagreement was raised


DISAGREEMENT = {"section": "support", "raised_by": "Meena Patel", "details": "Too few hours"}


def test_it_asks_when_it_was_raised_and_suggests_today(client_for, worker, ready_plan):
    today = timezone.localdate()

    html = client_for(worker).get(add_url(ready_plan)).content.decode()

    assert "When was the disagreement raised?" in html
    assert f'name="raised_on_day" value="{today.day}"' in html
    assert f'name="raised_on_year" value="{today.year}"' in html


def test_it_records_the_day_it_was_raised(client_for, worker, ready_plan):
    start = timezone.localdate() - datetime.timedelta(days=20)
    Plan.objects.filter(pk=ready_plan.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=20)
    )
    raised = start + datetime.timedelta(days=3)

    response = client_for(worker).post(add_url(ready_plan), on(raised, **DISAGREEMENT))

    assert response.status_code == 302
    assert ready_plan.disagreements.get().raised_on == raised
    text = text_of(client_for(worker).get(detail(ready_plan)))
    assert f"Date raised {govuk_date(raised)}" in text
    document = text_of(client_for(worker).get(reverse("documents:plan", args=[ready_plan.pk])))
    assert f"Date raised {govuk_date(raised)}" in document


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"raised_on_day": "", "raised_on_month": "", "raised_on_year": ""},
            "Enter the date the disagreement was raised",
        ),
        ({"raised_on_month": ""}, "The date the disagreement was raised must include a month"),
        (
            {"raised_on_day": "31", "raised_on_month": "2"},
            "The date the disagreement was raised must be a real date",
        ),
        (
            {"raised_on_year": "25"},
            "The date the disagreement was raised must include a year with 4 numbers",
        ),
        ({"days": 1}, "The date the disagreement was raised must be today or in the past"),
        (
            {"days": -1},
            "The date the disagreement was raised must be the same as or after {started}, when "
            "this version of the plan was started",
        ),
    ],
)
def test_it_refuses_a_date_it_cannot_have_been_raised_on(
    client_for, worker, ready_plan, data, message
):
    today = timezone.localdate()
    day = today + datetime.timedelta(days=data.pop("days", 0))

    response = client_for(worker).post(add_url(ready_plan), on(day, **DISAGREEMENT) | data)

    assert response.status_code == 200
    html = response.content.decode()
    assert message.format(started=govuk_date(today)) in html
    assert 'href="#id_raised_on_' in html  # the error summary links to the date
    assert "Too few hours" in html
    assert not ready_plan.disagreements.exists()
