"""The dashboard's figures, checked against a team counted by hand (dashboard_team.py), and the
pure rules behind them with dates alone."""

import datetime

import pytest

from tandem.reviews.schedule import Timescales
from tandem.worklist import dashboard, selectors
from tandem.worklist import figures as dashboard_figures
from tandem.worklist.tests.dashboard_team import TODAY, hand_counted_team, only_reviews_due

pytestmark = pytest.mark.django_db
d = datetime.date


@pytest.fixture
def reviews_only(monkeypatch):
    only_reviews_due(monkeypatch)


@pytest.fixture
def north():
    return hand_counted_team()


@pytest.fixture
def counted(north, reviews_only):
    scope = dashboard.Scope(
        teams=[north.team],
        people=list(selectors.team_people([north.team])),
        today=TODAY,
    )
    return {figure.kind.slug: figure for figure in dashboard_figures.figures_for(scope)}, scope


def counts(figure) -> dict[str, int]:
    return {row.label: row.count for row in figure.rows}


def test_first_and_yearly_reviews_held_on_time(counted):
    found, _ = counted
    assert counts(found["first-reviews"]) == {"On time": 1, "Late": 1}
    assert found["first-reviews"].summary == "1 of 2 on time (50%)"
    assert counts(found["yearly-reviews"]) == {"On time": 2, "Late": 1}
    assert found["yearly-reviews"].summary == "2 of 3 on time (67%)"


def test_copies_sent_within_the_weeks_r8_allows(counted):
    found, _ = counted
    assert counts(found["copies"]) == {
        "Sent on time": 1,
        "Sent late": 1,
        "Not sent and late": 2,
        "Not due yet": 1,
    }
    assert found["copies"].summary == "1 of 4 sent on time (25%)"


def test_outcomes_with_indicators_count_only_plans_in_force(counted):
    found, _ = counted
    # Ivy's draft outcome is not counted; the other team's and organisation's never are.
    assert counts(found["indicators"]) == {"With an indicator": 8, "Without an indicator": 3}
    assert found["indicators"].summary == "8 of 11 with an indicator (73%)"


def test_plans_agreed_and_waiting_and_the_decisions_waiting(counted):
    found, _ = counted
    assert counts(found["plans"]) == {
        "Agreed": 8,
        "Waiting for agreement": 1,
        "Waiting for a budget decision": 2,
    }
    assert counts(found["decisions"]) == {
        "Less than a week": 1,
        "1 to 4 weeks": 1,
        "More than 4 weeks": 0,
    }


def test_overdue_work_per_worker_with_what_is_escalated(counted):
    found, _ = counted
    rows = [(row.label, row.count, row.escalated) for row in found["overdue"].rows]
    assert rows == [
        ("Wendy Worker", 4, 3),
        ("Will Walker", 2, 2),
        ("Not allocated", 2, 1),
    ]
    assert found["overdue"].escalated == 6


def test_areas_of_life_count_people_not_outcomes(counted):
    found, _ = counted
    # Cat's two outcomes about control over daily life count her once.
    assert counts(found["areas"]) == {
        "Social participation and involvement": 4,
        "Control over daily life": 3,
        "Food and drink": 2,
        "No area of life given": 1,
    }


def test_each_drill_down_lists_exactly_what_its_number_counts(north, counted):
    found, scope = counted
    names = {p.pk: p.given_name for p in scope.people}

    def listed(slug, row):
        _, facts = dashboard_figures.drill_down(dashboard_figures.BY_SLUG[slug], scope, row)
        return [names[f.person_id] for f in facts]

    assert listed("first-reviews", "late") == ["Ben"]
    assert listed("yearly-reviews", "on_time") == ["Cat", "Eve"]
    assert listed("yearly-reviews", "late") == ["Dan"]
    assert listed("copies", "not_sent") == ["Dan", "Cat"]  # oldest due first
    assert listed("indicators", "without") == ["Ben", "Cat", "Eve"]
    assert listed("plans", "decision") == ["Ivy", "Kim"]
    assert listed("decisions", "month") == ["Ivy"]
    assert listed("overdue", str(north.wendy.pk)) == ["Fay", "Fay", "Gus", "Gus"]
    assert listed("overdue", "unallocated") == ["Hal", "Hal"]
    assert listed("areas", "ascot:food_drink") == ["Ann", "Dan"]
    assert sorted(listed("areas", None)) == sorted(
        ["Ann", "Ann", "Ben", "Cat", "Cat", "Dan", "Eve", "Fay", "Gus", "Hal"]
    )
    with pytest.raises(KeyError):
        dashboard_figures.drill_down(
            dashboard_figures.BY_SLUG["overdue"], scope, str(north.south_worker.pk)
        )


# --- The rules with dates alone ----------------------------------------------------------------


def held(**fields) -> selectors.HeldReview:
    base = {
        "review_id": 1,
        "person_id": 1,
        "held_on": d(2026, 2, 12),
        "final": True,
        "copy_due_on": None,
        "copy_sent_on": None,
        "support_starts_on": None,
        "plan_agreed_on": None,
    }
    return selectors.HeldReview(**{**base, **fields})


def test_a_first_review_on_its_due_day_is_on_time_and_the_day_after_is_late():
    scales = Timescales()
    on_day = dashboard.review_timeliness(held(support_starts_on=d(2026, 1, 1)), scales)
    assert on_day == dashboard.Timeliness(first=True, due_on=d(2026, 2, 12), on_time=True)
    late = held(support_starts_on=d(2026, 1, 1), held_on=d(2026, 2, 13))
    assert dashboard.review_timeliness(late, scales).on_time is False
    # The organisation's own weeks are used: 8 weeks makes the same review on time.
    assert dashboard.review_timeliness(late, Timescales(first_review_weeks=8)).on_time


def test_a_yearly_review_is_due_by_the_date_agreed_at_the_last_one_when_that_is_sooner():
    review = held(
        held_on=d(2026, 3, 2),
        plan_agreed_on=d(2025, 1, 1),
        previous_held_on=d(2025, 4, 1),
        previous_next_review_on=d(2026, 3, 1),
    )
    found = dashboard.review_timeliness(review, Timescales())
    assert found == dashboard.Timeliness(first=False, due_on=d(2026, 3, 1), on_time=False)


def test_a_review_with_nothing_to_give_a_date_is_not_counted():
    assert dashboard.review_timeliness(held(), Timescales()) is None


@pytest.mark.parametrize(
    ("sent_on", "today", "row"),
    [
        (d(2026, 3, 3), d(2026, 4, 1), "on_time"),
        (d(2026, 3, 4), d(2026, 4, 1), "sent_late"),
        (None, d(2026, 3, 3), "not_due"),
        (None, d(2026, 3, 4), "not_sent"),
    ],
)
def test_a_copy_is_on_time_when_sent_by_its_due_day(sent_on, today, row):
    assert dashboard.copy_row(due_on=d(2026, 3, 3), sent_on=sent_on, today=today) == row


@pytest.mark.parametrize(
    ("days", "row"), [(0, "week"), (6, "week"), (7, "month"), (28, "month"), (29, "longer")]
)
def test_decisions_are_grouped_by_how_long_they_have_waited(days, row):
    today = d(2026, 6, 1)
    assert dashboard.waiting_row(today - datetime.timedelta(days=days), today) == row
