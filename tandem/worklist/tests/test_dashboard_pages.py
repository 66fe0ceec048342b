"""The team manager's dashboard and the lists behind its figures: for team managers only, their
own teams only (whatever the query string says), audited, and in a fixed number of queries
however many people and workers the team has."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Role
from tandem.audit.models import AuditAction, AuditEvent
from tandem.budgets.models import BudgetDecision
from tandem.people.models import Person
from tandem.plans.models import Indicator, Outcome, Plan
from tandem.reviews.models import Review
from tandem.worklist.tests.dashboard_team import (
    NOON_TODAY,
    at,
    hand_counted_team,
    only_reviews_due,
)

pytestmark = pytest.mark.django_db
URL = reverse("worklist:dashboard")


def figure_url(slug: str, **query) -> str:
    url = reverse("worklist:figure", args=[slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def north(monkeypatch):
    """The hand-counted team on the day it was counted for (dashboard_team.py)."""
    only_reviews_due(monkeypatch)
    with time_machine.travel(NOON_TODAY, tick=False):
        yield hand_counted_team()


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_manager_sees_every_figure_with_its_rule_chart_and_table(client_for, north):
    html = text(client_for(north.manager).get(URL))
    for title in (
        "First reviews held on time",
        "Yearly reviews held on time",
        "Copies of review records sent on time",
        "Outcomes with measurable indicators",
        "Plans agreed and waiting",
        "Budget decisions waiting",
        "Overdue work by worker",
        "People’s outcomes by area of life",
    ):
        assert f">{title}</h2>" in html
    assert html.count('role="img"') == 8
    assert html.count('<table class="govuk-table">') == 8
    assert "1 of 2 on time (50%)" in html
    assert "1 of 4 sent on time (25%)" in html
    assert "(R1: 6 weeks unless your organisation set another)" in html
    # Each number links to the list behind it.
    assert f'href="{figure_url("first-reviews", status="late")}"' in html
    assert f'href="{figure_url("overdue", worker=north.wendy.pk)}"' in html
    # Escalated work is counted and points to the manager's worklist.
    assert "pieces of work have been overdue for more than 14 days" in html
    assert 'href="/worklist/"' in html


def test_a_drill_down_lists_the_people_behind_a_number_each_linked(client_for, north):
    response = client_for(north.manager).get(figure_url("copies", status="not_sent"))
    html = text(response)
    assert response.status_code == 200
    dan, cat = north.people["Dan"], north.people["Cat"]
    assert f'href="{reverse("people:detail", args=[dan.pk])}"' in html
    assert f'href="{reverse("people:detail", args=[cat.pk])}"' in html
    assert html.index(dan.full_name) < html.index(cat.full_name)  # the oldest due first
    assert "Due by 22 February 2026, not sent: the review is still being recorded" in html
    assert "Due by 13 March 2026, not sent<" in html
    assert "2 counted" in html
    assert north.people["Ann"].full_name not in html


def test_overdue_work_for_a_worker_is_listed_with_what_is_escalated(client_for, north):
    html = text(client_for(north.manager).get(figure_url("overdue", worker=north.wendy.pk)))
    assert html.count(north.people["Fay"].full_name) == 2
    assert html.count(north.people["Gus"].full_name) == 2
    assert html.count(">Escalated</strong>") == 3
    assert "Due on 25 May 2026: 7 days overdue" in html


def test_the_drill_down_is_paginated(client_for, north):
    team = north.team
    for _ in range(30):
        person = testing.make_person(north.org, team, allocated_worker=north.wendy)
        Plan.objects.create(
            organisation=north.org, person=person, status=Plan.Status.READY, created_by=north.wendy
        )
    client = client_for(north.manager)
    first = text(client.get(figure_url("plans", status="agreement")))
    assert "31 counted" in first
    assert 'aria-label="Page 2"' in first and "status=agreement&amp;page=2" in first
    assert client.get(figure_url("plans", status="agreement", page=2)).status_code == 200
    assert client.get(figure_url("plans", status="agreement", page="x")).status_code == 200
    assert client.get(figure_url("plans", status="agreement", page=999)).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        {"worker": "abc"},
        {"worker": "999999"},
        {"worker": ""},
        {"team": "abc", "worker": "unallocated"},
        {"team": "999999"},
        {"page": "-1"},
        {"worker": "%00"},
    ],
)
def test_bad_query_strings_never_fail_and_show_only_the_managers_team(client_for, north, query):
    response = client_for(north.manager).get(figure_url("overdue", **query))
    assert response.status_code in (200, 404)
    html = response.content.decode()
    for someone in north.elsewhere.values():
        assert someone.full_name not in html


def test_another_teams_worker_or_team_never_shows_their_people(client_for, north):
    client = client_for(north.manager)
    assert client.get(figure_url("overdue", worker=north.south_worker.pk)).status_code == 404
    assert client.get(figure_url("areas", area="ascot:dignity")).status_code == 404
    assert client.get(reverse("worklist:figure", args=["nonsense"])).status_code == 404
    # Asking for the other team's figures shows the manager's own.
    html = text(client.get(URL, {"team": north.south.pk}))
    assert "1 of 2 on time (50%)" in html
    everything = text(client.get(figure_url("first-reviews", team=north.south.pk)))
    assert north.elsewhere["Zed"].full_name not in everything
    assert north.people["Ann"].full_name in everything


def test_a_manager_of_several_teams_can_choose_one(client_for, north):
    north.manager.teams.add(north.south)
    client = client_for(north.manager)
    html = text(client.get(URL))
    assert '<select class="govuk-select" id="team" name="team">' in html
    assert "1 of 3 on time (33%)" in html  # Zed's late first review joins North's two
    south = text(client.get(URL, {"team": north.south.pk}))
    assert "0 of 1 on time (0%)" in south
    listed = text(client.get(figure_url("first-reviews", status="late", team=north.south.pk)))
    assert north.elsewhere["Zed"].full_name in listed
    assert north.people["Ben"].full_name not in listed


def test_reading_the_figures_and_a_list_is_audited_with_the_people_shown(client_for, north):
    client = client_for(north.manager)
    client.get(URL)
    client.get(figure_url("indicators", status="without"))
    dashboard, listed = AuditEvent.objects.filter(action=AuditAction.DASHBOARD_VIEW).order_by("pk")
    assert dashboard.actor == north.manager
    assert dashboard.detail == {"teams": [north.team.pk], "figure": "", "row": "", "people": []}
    expected = sorted(north.people[name].pk for name in ("Ben", "Cat", "Eve"))
    assert listed.detail == {
        "teams": [north.team.pk],
        "figure": "indicators",
        "row": "without",
        "people": expected,
    }


def test_a_manager_with_no_team_is_told_so(client_for):
    org = testing.make_organisation()
    manager = testing.make_user(org, role=Role.TEAM_MANAGER)
    html = text(client_for(manager).get(URL))
    assert "You are not in a team yet" in html


@pytest.mark.parametrize("role", [role for role in Role if role != Role.TEAM_MANAGER])
def test_no_one_but_a_team_manager_may_see_it(client_for, north, role):
    user = testing.make_user(north.org, role=role, teams=(north.team,))
    if role in (Role.PERSON,):
        north.people["Ann"].user = user
        north.people["Ann"].save()
    if role in (Role.CARER, Role.PROVIDER):
        testing.make_circle_member(north.people["Ann"], user=user)
    client = client_for(user)
    before = AuditEvent.objects.count()
    assert client.get(URL).status_code == 403
    assert client.get(figure_url("overdue", worker=north.wendy.pk)).status_code == 403
    assert AuditEvent.objects.count() == before
    assert f'href="{URL}"' not in client.get(reverse("home"), follow=True).content.decode()


def test_the_dashboard_is_in_the_managers_menu(client_for, north):
    assert f'href="{URL}"' in client_for(north.manager).get(reverse("people:list")).content.decode()


def test_another_organisations_manager_sees_none_of_it(client_for, north):
    other = testing.make_organisation()
    manager = testing.make_user(other, role=Role.TEAM_MANAGER, teams=(testing.make_team(other),))
    client = client_for(manager)
    assert "None to count yet" in text(client.get(URL))
    assert client.get(figure_url("overdue", worker=north.wendy.pk)).status_code == 404
    assert client.get(figure_url("overdue", team=north.team.pk)).status_code == 200
    assert north.people["Fay"].full_name not in text(
        client.get(figure_url("overdue", team=north.team.pk))
    )


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- Queries do not grow with the team ---------------------------------------------------------


def bulk_team(org, team, workers, count: int) -> None:
    """`count` people built in bulk with every variant the figures read: allocated and not;
    agreed plans with and without support start dates, outcomes with and without indicators
    and areas of life; reviews held on time and late, final and draft, copies sent and not; a
    draft plan waiting for a decision and one ready for agreement."""
    day = datetime.date
    people = Person.objects.bulk_create(
        Person(
            organisation=org,
            team=team,
            given_name=f"Bulk{n}",
            family_name="Example",
            date_of_birth=day(1970, 1, 1),
            local_identifier=f"B{team.pk}-{n}",
            allocated_worker=workers[n % len(workers)] if n % 7 else None,
        )
        for n in range(count)
    )
    plans = Plan.objects.bulk_create(
        Plan(
            organisation=org,
            person=person,
            status=Plan.Status.AGREED,
            agreed_at=at(day(2025, 1 + n % 12, 1)),
            support_starts_on=day(2026, 1, 1) if n % 2 else None,
            created_by=workers[0],
        )
        for n, person in enumerate(people)
    )
    Plan.objects.bulk_create(
        Plan(
            organisation=org,
            person=person,
            version_number=2,
            status=Plan.Status.READY if n % 2 else Plan.Status.DRAFT,
            created_by=workers[0],
        )
        for n, person in enumerate(people)
        if n % 3 == 0
    )
    areas = ["ascot:control", "ascot:food_drink", "", "ascot:social"]
    outcomes = Outcome.objects.bulk_create(
        Outcome(
            organisation=org,
            plan=plan,
            words=f"Outcome {k}",
            achieve_by=day(2027, 12, 1),
            life_area=areas[(n + k) % 4],
            position=k,
        )
        for n, plan in enumerate(plans)
        for k in range(2)
    )
    Indicator.objects.bulk_create(
        Indicator(
            organisation=org,
            plan=outcome.plan,
            outcome=outcome,
            description="Evidence",
            due_on=day(2027, 11, 1),
        )
        for n, outcome in enumerate(outcomes)
        if n % 3
    )
    reviews = []
    for n, plan in enumerate(plans):
        if n % 4 == 0:
            reviews.append((plan, day(2025, 5, 1), True, day(2025, 5, 10)))
        if n % 4 in (0, 1):
            final = n % 8 != 1
            sent = day(2026, 3, 1) if n % 3 else None
            reviews.append((plan, day(2026, 2, 1 + n % 20), final, sent if final else None))
    Review.objects.bulk_create(
        Review(
            organisation=org,
            person=plan.person,
            plan=plan,
            status=Review.Status.FINAL if final else Review.Status.DRAFT,
            held_on=held_on,
            copy_due_on=held_on + datetime.timedelta(weeks=3) if final else None,
            copy_sent_at=at(sent) if sent else None,
            created_by=workers[0],
        )
        for plan, held_on, final, sent in reviews
    )


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@time_machine.travel(NOON_TODAY, tick=False)
def test_the_queries_do_not_grow_with_the_people_or_the_workers(client_for):
    counted = []
    for people, workers in ((10, 1), (500, 5)):
        org = testing.make_organisation()
        team = testing.make_team(org)
        manager = testing.make_worker(org, team, role=Role.TEAM_MANAGER)
        staff = [testing.make_worker(org, team) for _ in range(workers)]
        bulk_team(org, team, staff, people)
        BudgetDecision.objects.bulk_create(
            BudgetDecision(
                organisation=org,
                plan=plan,
                over_budget=True,
                reason="More care",
                budget_weekly="100.00",
                total_weekly="100.00",
                one_off_total="0.00",
                requested_by=staff[0],
            )
            for plan in Plan.objects.filter(person__team=team, status=Plan.Status.DRAFT)
        )
        testing.analyze_tables()
        client = client_for(manager)
        counted.append(
            [
                queries_for(client, URL),
                queries_for(client, figure_url("overdue", worker=staff[0].pk)),
                queries_for(client, figure_url("copies", status="not_sent")),
                queries_for(client, figure_url("areas")),
                queries_for(client, figure_url("decisions")),
            ]
        )
        # Every figure has something in it, so every query is made.
        html = text(client.get(URL))
        assert "None to count yet" not in html and "Nothing to count yet" not in html
        assert "pieces of work have been overdue" in html
    small, big = counted
    assert big == small
