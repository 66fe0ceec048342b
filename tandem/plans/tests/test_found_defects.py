"""Defects found by trying the product as a new user would (issue 5), each pinned by a test that
failed before its fix."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem import testing
from tandem.documents.compare import CHANGED, compare_snapshots
from tandem.plans.models import Indicator, Plan
from tandem.plans.services import (
    plan_item_delete,
    plan_item_update,
    plan_mark_section,
    plan_start_new_version,
)
from tandem.plans.tests.helpers import add_item, build_agreed_plan, snapshot_of


@pytest.fixture
def plan(person, worker):
    return testing.make_plan(person, worker)


def hrefs(response) -> list[str]:
    return re.findall(r'href="(/plans/[^"]+)"', response.content.decode())


def test_every_link_to_fix_a_problem_leads_somewhere(client_for, worker, plan):
    """The check page linked "not applicable" for outcomes and treatments, which is a 404."""
    client = client_for(worker)
    response = client.post(reverse("plans:check", args=[plan.pk]))  # refused: nothing written

    links = hrefs(response)
    assert reverse("plans:element", args=[plan.pk, "outcomes"]) not in links
    assert reverse("plans:element", args=[plan.pk, "treatments"]) not in links
    for href in set(links):
        assert client.get(href).status_code == 200, href


def test_a_missing_element_links_first_to_where_it_is_filled_in(client_for, worker, plan):
    html = client_for(worker).get(reverse("plans:check", args=[plan.pk])).content.decode()
    section = reverse("plans:section", args=[plan.pk, "support"])
    not_applicable = reverse("plans:element", args=[plan.pk, "support"])
    item = re.search(r"<li><a[^>]*>Support – who is needed is missing.*?</li>", html, re.S)
    assert item is not None
    assert item[0].index(section) < item[0].index(not_applicable)


def test_changing_an_indicator_someone_removed_keeps_what_was_typed(client_for, worker, plan):
    """It gave a 500 and lost the text; other kinds kept it."""
    outcome = add_item(plan, "outcome", worker)
    indicator = add_item(plan, "indicator", worker, outcome=outcome)
    plan_item_delete(item=indicator, revision=indicator.revision, actor=worker)

    response = client_for(worker).post(
        reverse("plans:item", args=[plan.pk, "indicator", indicator.pk]),
        {"description": "Swims twice a week", "revision": indicator.revision},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Swims twice a week" in html
    assert "Someone else removed this while you were editing it" in html
    again = reverse("plans:item_add", args=[plan.pk, "indicator"]) + f"?outcome={outcome.pk}"
    assert f'action="{again}"' in html
    assert not Indicator.objects.filter(plan=plan).exists()


def test_posting_to_another_plans_indicator_is_not_found(client_for, worker, person, plan):
    other_person = testing.make_person(person.organisation, person.team)
    other_plan = testing.make_plan(other_person, worker)
    outcome = add_item(other_plan, "outcome", worker)
    indicator = add_item(other_plan, "indicator", worker, outcome=outcome)

    response = client_for(worker).post(
        reverse("plans:item", args=[plan.pk, "indicator", indicator.pk]),
        {"description": "Tampered", "revision": 1},
    )

    assert response.status_code == 404
    assert Indicator.objects.get(pk=indicator.pk).description != "Tampered"


def test_a_section_is_not_completed_while_the_rules_find_something_to_fix(client_for, worker, plan):
    outcome = add_item(plan, "outcome", worker)
    add_item(plan, "action", worker, outcome=outcome, funded_by="")
    plan_mark_section(plan=plan, section_key="actions", completed=True, actor=worker)

    html = client_for(worker).get(reverse("plans:detail", args=[plan.pk])).content.decode()
    task = re.search(r'id="task-actions-status">\s*(.*?)\s*</div>', html, re.S)
    assert task is not None
    assert "In progress" in task[1]
    assert "Completed" not in task[1]

    section = client_for(worker).get(reverse("plans:section", args=[plan.pk, "actions"]))
    assert "Say how the action “Find a lift to the club” is resourced" in section.text


RESPONSIBLE_KINDS = ["person", "member", "staff"]


def _grow_with_every_kind_of_responsible(plan, person, worker, n: int) -> None:
    """Actions for which the person, someone in their circle, or a worker is responsible."""
    for i in range(n):
        outcome = add_item(plan, "outcome", worker, words=f"Outcome {i}")
        add_item(plan, "indicator", worker, outcome=outcome)
        member = testing.make_circle_member(person, name=f"Friend {i}")
        staff = testing.make_worker(person.organisation, person.team, first_name=f"W{i}")
        for kind in RESPONSIBLE_KINDS:
            add_item(
                plan,
                "action",
                worker,
                outcome=outcome,
                description=f"Action {i} {kind}",
                responsible_is_person=kind == "person",
                responsible_member_id=member.pk if kind == "member" else None,
                responsible_staff_id=staff.pk if kind == "staff" else None,
            )


PAGES = {
    "plans:detail": (),
    "plans:check": (),
    "plans:section": ("actions",),
    "documents:plan": (),
}


@pytest.mark.parametrize("view", PAGES)
def test_the_queries_do_not_grow_with_who_is_responsible(client_for, worker, person, view):
    """The plan page took 15 queries with one staff- or circle-led action and 34 with 20."""
    counts = []
    for size in (1, 8):
        plan = testing.make_plan(testing.make_person(person.organisation, person.team), worker)
        _grow_with_every_kind_of_responsible(plan, plan.person, worker, size)
        client = client_for(worker)
        url = reverse(view, args=[plan.pk, *PAGES[view]])
        client.get(url)  # warm the session
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
        assert len(snapshot_of(plan)["actions"]) == 3 * size
        Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.ENDED)
    assert counts[0] == counts[1], counts


def test_a_reworded_outcome_keeps_its_uid_and_shows_as_changed(person, worker):
    first, _issue = build_agreed_plan(person=person, actor=worker)
    second = plan_start_new_version(plan=first, actor=worker)
    old = first.outcomes.get()
    new = second.outcomes.get()
    assert new.uid == old.uid and new.pk != old.pk
    plan_item_update(
        item=new, data={"words": "Swim at the leisure centre"}, revision=new.revision, actor=worker
    )

    changes = {c.key: c for c in compare_snapshots(snapshot_of(first), snapshot_of(second))}
    (change,) = changes["outcomes"].items
    assert (change.change, change.title) == (CHANGED, "Swim at the leisure centre")
