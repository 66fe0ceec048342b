"""The review schedule (R1, R2, R3, R7, R8, R10, R11): examples of each rule, then properties."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.accounts.models import Organisation
from tandem.reviews.schedule import (
    Deadline,
    NextReview,
    PlanFacts,
    ReasonCode,
    ScheduleError,
    Timescales,
    add_months,
    consultation_on,
    is_overdue,
    next_review,
    record_due_on,
)

TODAY = date(2026, 5, 1)
DEFAULTS = Timescales()


def review(today: date = TODAY, timescales: Timescales = DEFAULTS, **facts) -> NextReview:
    return next_review(PlanFacts(**facts), timescales, today=today)


def reasons(result: NextReview) -> list[tuple[str, str, date]]:
    return [(r.code, r.rule, r.due_on) for r in result.reasons]


def texts(result: NextReview) -> list[str]:
    return [r.text for r in result.reasons]


# Months and weeks


def test_it_adds_months_on_the_same_day_of_the_month():
    assert add_months(date(2026, 3, 3), 12) == date(2027, 3, 3)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)
    assert add_months(date(2026, 3, 15), -3) == date(2025, 12, 15)


def test_it_adds_months_to_the_last_day_of_a_shorter_month():
    assert add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)
    assert add_months(date(2028, 2, 29), 12) == date(2029, 2, 28)
    assert add_months(date(2026, 1, 31), 3) == date(2026, 4, 30)


def test_it_consults_four_weeks_before_and_wants_the_record_three_weeks_after():
    assert consultation_on(date(2026, 6, 30), DEFAULTS) == date(2026, 6, 2)
    assert record_due_on(date(2026, 6, 30), DEFAULTS) == date(2026, 7, 21)


def test_it_counts_a_review_overdue_from_the_day_after_it_was_due():
    assert not is_overdue(date(2026, 5, 1), date(2026, 5, 1))
    assert is_overdue(date(2026, 5, 1), date(2026, 5, 2))


def test_it_reads_the_timescales_from_the_organisation():
    organisation = Organisation(
        name="Riverside",
        first_review_weeks=8,
        review_interval_months=6,
        direct_payment_review_months=3,
        consultation_weeks=2,
        review_copy_weeks=1,
    )
    assert Timescales.from_organisation(organisation) == Timescales(8, 6, 3, 2, 1)
    assert Timescales.from_organisation(Organisation(name="Defaults")) == DEFAULTS


# R1: the first review, then at least every 12 months


def test_it_reviews_six_weeks_after_new_support_starts():
    result = review(support_starts_on=date(2026, 3, 3), agreed_on=date(2026, 2, 20))
    assert result.due_on == date(2026, 4, 14)
    assert result.consultation_on == date(2026, 3, 17)
    assert reasons(result) == [("first_review", "R1", date(2026, 4, 14))]
    assert texts(result) == ["6 weeks after new support started on 3 March 2026 (R1)"]


def test_it_says_support_starts_when_it_has_not_started_yet():
    result = review(support_starts_on=date(2026, 6, 1))
    assert texts(result) == ["6 weeks after new support starts on 1 June 2026 (R1)"]


def test_it_does_not_count_a_review_on_the_day_support_starts():
    result = review(support_starts_on=date(2026, 3, 3), last_review_on=date(2026, 3, 3))
    assert result.due_on == date(2026, 4, 14)
    assert [r.code for r in result.reasons] == ["first_review", "annual"]


def test_it_reviews_every_12_months_once_a_review_after_the_start_is_held():
    result = review(support_starts_on=date(2026, 3, 3), last_review_on=date(2026, 4, 14))
    assert reasons(result) == [("annual", "R1", date(2027, 4, 14))]
    assert texts(result) == ["12 months after the last review on 14 April 2026 (R1)"]


def test_it_reviews_12_months_after_agreement_when_there_is_no_review_or_support_start():
    result = review(agreed_on=date(2026, 1, 10))
    assert reasons(result) == [("annual", "R1", date(2027, 1, 10))]
    assert texts(result) == ["12 months after the plan was agreed on 10 January 2026 (R1)"]


def test_it_says_month_in_the_singular():
    result = review(agreed_on=date(2026, 1, 10), timescales=Timescales(review_interval_months=1))
    assert texts(result) == ["1 month after the plan was agreed on 10 January 2026 (R1)"]


def test_it_reviews_at_once_when_the_person_asks():
    result = review(last_review_on=date(2026, 1, 5), requested_on=date(2026, 4, 28))
    assert result.due_on == date(2026, 4, 28)
    assert reasons(result) == [
        ("requested", "R1", date(2026, 4, 28)),
        ("annual", "R1", date(2027, 1, 5)),
    ]
    assert texts(result)[0] == "The person asked for a review on 28 April 2026 (R1)"


def test_it_forgets_a_request_the_last_review_answered():
    result = review(last_review_on=date(2026, 4, 1), requested_on=date(2026, 3, 28))
    assert [r.code for r in result.reasons] == ["annual"]


def test_it_keeps_a_request_made_on_the_day_of_the_last_review():
    result = review(last_review_on=date(2026, 4, 1), requested_on=date(2026, 4, 1))
    assert [r.code for r in result.reasons] == ["requested", "annual"]


# R2: before the earliest open deadline


def test_it_reviews_four_weeks_before_the_earliest_open_deadline():
    deadlines = (
        Deadline(date(2026, 12, 1), "Stay in my own home"),
        Deadline(date(2026, 9, 30), "Goes to the club every Tuesday"),
    )
    result = review(last_review_on=date(2026, 3, 1), deadlines=deadlines)
    assert result.due_on == date(2026, 9, 2)
    assert reasons(result)[0] == ("before_deadline", "R2", date(2026, 9, 2))
    assert texts(result)[0] == (
        "4 weeks before “Goes to the club every Tuesday” is due on 30 September 2026 (R2)"
    )


def test_it_names_an_unlabelled_deadline_plainly():
    result = review(agreed_on=date(2026, 3, 1), deadlines=(Deadline(date(2026, 9, 30)),))
    assert texts(result)[0] == (
        "4 weeks before the plan's earliest open deadline is due on 30 September 2026 (R2)"
    )


def test_it_reviews_today_when_a_deadline_is_less_than_the_lead_time_away():
    result = review(agreed_on=date(2026, 3, 1), deadlines=(Deadline(date(2026, 5, 10), "Walk"),))
    assert result.due_on == TODAY
    assert texts(result)[0] == "“Walk” is due on 10 May 2026, less than 4 weeks away (R2)"


def test_it_was_due_on_a_deadline_that_has_passed_and_is_still_open():
    result = review(agreed_on=date(2026, 1, 1), deadlines=(Deadline(date(2026, 4, 1)),))
    assert result.due_on == date(2026, 4, 1)
    assert is_overdue(result.due_on, TODAY)
    assert texts(result)[0] == (
        "The plan's earliest open deadline was due on 1 April 2026 and is still open (R2)"
    )


def test_it_leaves_out_deadlines_the_last_review_had_in_front_of_it():
    result = review(
        last_review_on=date(2026, 4, 1),
        deadlines=(Deadline(date(2026, 3, 1)), Deadline(date(2026, 4, 1))),
    )
    assert [r.code for r in result.reasons] == ["annual"]


def test_it_keeps_a_deadline_before_support_starts_where_it_is():
    # Moving the deadline would put the review after a date the plan promised something by.
    result = review(support_starts_on=date(2026, 9, 1), deadlines=(Deadline(date(2026, 7, 1)),))
    assert result.due_on == date(2026, 6, 3)
    assert [r.code for r in result.reasons] == ["before_deadline", "first_review"]


# R7: the date agreed at the last review


def test_it_reviews_on_the_date_agreed_at_the_last_review():
    result = review(last_review_on=date(2026, 3, 1), next_review_agreed_on=date(2026, 9, 1))
    assert reasons(result) == [
        ("agreed_at_review", "R7", date(2026, 9, 1)),
        ("annual", "R1", date(2027, 3, 1)),
    ]
    assert texts(result)[0] == "The date agreed at the review on 1 March 2026 (R7)"


def test_it_brings_an_agreed_date_forward_to_12_months_after_the_review():
    result = review(last_review_on=date(2026, 3, 1), next_review_agreed_on=date(2027, 6, 1))
    assert result.due_on == date(2027, 3, 1)
    assert reasons(result)[0] == ("agreed_at_review", "R7", date(2027, 3, 1))
    assert texts(result)[0] == (
        "1 June 2027 was agreed at the review on 1 March 2026, but reviews are at least every "
        "12 months (R7, R1)"
    )


# R10: urgent reviews


def test_it_puts_an_urgent_review_first_even_when_another_is_overdue():
    result = review(last_review_on=date(2025, 3, 1), urgent_since=date(2026, 4, 20))
    assert result.due_on == date(2026, 3, 1)
    assert reasons(result) == [
        ("urgent", "R10", date(2026, 4, 20)),
        ("annual", "R1", date(2026, 3, 1)),
    ]
    assert texts(result)[0] == (
        "Urgent since 20 April 2026: a contingency trigger, a change of circumstances or a rise in "
        "risk (R10)"
    )


def test_it_lists_urgent_before_requested_before_the_rest():
    result = review(
        agreed_on=date(2026, 1, 1),
        requested_on=date(2026, 4, 1),
        urgent_since=date(2026, 4, 30),
        deadlines=(Deadline(date(2026, 3, 1)),),
    )
    assert [r.code for r in result.reasons] == ["urgent", "requested", "before_deadline", "annual"]
    assert result.due_on == date(2026, 3, 1)


# R11: direct payments


def test_it_reviews_within_six_months_of_a_direct_payment_starting():
    result = review(
        support_starts_on=date(2025, 7, 1),
        last_review_on=date(2025, 8, 12),
        direct_payment_starts_on=date(2025, 8, 31),
        today=date(2025, 11, 1),
    )
    assert reasons(result) == [
        ("direct_payment", "R11", date(2026, 2, 28)),
        ("annual", "R1", date(2026, 8, 12)),
    ]
    assert texts(result)[0] == "6 months after the direct payment started on 31 August 2025 (R11)"


def test_it_needs_no_direct_payment_review_once_one_is_held_after_it_started():
    result = review(last_review_on=date(2026, 3, 1), direct_payment_starts_on=date(2026, 1, 1))
    assert [r.code for r in result.reasons] == ["annual"]


# Bad input


@pytest.mark.parametrize(
    "facts, message",
    [
        ({"last_review_on": date(2026, 5, 2)}, "The last review is dated 2026-05-02, after today"),
        ({"requested_on": date(2026, 5, 2)}, "The request for a review is dated 2026-05-02"),
        ({"urgent_since": date(2026, 6, 1)}, "The urgent review is dated 2026-06-01"),
        ({"next_review_agreed_on": date(2026, 9, 1)}, "but no review is recorded"),
        (
            {"last_review_on": date(2026, 4, 1), "next_review_agreed_on": date(2026, 3, 1)},
            "is before the review that agreed it",
        ),
        ({}, "Nothing gives a review date yet"),
        ({"support_starts_on": None, "last_review_on": None}, "Nothing gives a review date"),
    ],
)
def test_it_refuses_dates_that_cannot_be_true(facts, message):
    with pytest.raises(ScheduleError, match=message):
        review(**facts)


@pytest.mark.parametrize(
    "timescales, message",
    [
        ({"first_review_weeks": -1}, "first_review_weeks must be a whole number, 0 or more"),
        ({"consultation_weeks": 1.5}, "consultation_weeks must be a whole number"),
        ({"review_interval_months": 0}, "review_interval_months must be at least 1"),
    ],
)
def test_it_refuses_timescales_that_make_no_sense(timescales, message):
    with pytest.raises(ScheduleError, match=message):
        Timescales(**timescales)


def test_its_errors_are_value_errors():
    assert issubclass(ScheduleError, ValueError)


# Properties

some_days = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))
maybe_days = st.none() | some_days
timescales_st = st.builds(
    Timescales,
    first_review_weeks=st.integers(0, 52),
    review_interval_months=st.integers(1, 36),
    direct_payment_review_months=st.integers(0, 24),
    consultation_weeks=st.integers(0, 12),
    review_copy_weeks=st.integers(0, 12),
    deadline_lead_weeks=st.integers(0, 12),
)


@st.composite
def situations(draw):
    """A plan's facts and a today that they can be true on."""
    today = draw(some_days)
    not_after_today = st.none() | st.dates(date(2000, 1, 1), today)
    last_review_on = draw(not_after_today)
    agreed = None
    if last_review_on is not None:
        agreed = draw(st.none() | st.dates(last_review_on, date(2062, 12, 31)))
    facts = PlanFacts(
        support_starts_on=draw(maybe_days),
        agreed_on=draw(not_after_today),
        deadlines=tuple(draw(st.lists(st.builds(Deadline, some_days), max_size=4))),
        direct_payment_starts_on=draw(maybe_days),
        last_review_on=last_review_on,
        next_review_agreed_on=agreed,
        requested_on=draw(not_after_today),
        urgent_since=draw(not_after_today),
    )
    try:
        next_review(facts, DEFAULTS, today=today)
    except ScheduleError as error:
        assert "Nothing gives a review date" in str(error)
        facts = replace(facts, agreed_on=draw(st.dates(date(2000, 1, 1), today)))
    return facts, today


many = settings(max_examples=300, deadline=None)


@many
@given(situation=situations(), timescales=timescales_st)
def test_it_is_due_on_the_earliest_reason_and_lists_each_reason_once(situation, timescales):
    facts, today = situation
    result = next_review(facts, timescales, today=today)
    assert result.due_on == min(r.due_on for r in result.reasons)
    codes = [r.code for r in result.reasons]
    assert len(codes) == len(set(codes))
    assert all(r.text.endswith(")") and f"({r.rule}" in r.text for r in result.reasons)


@many
@given(situation=situations(), timescales=timescales_st)
def test_it_is_never_later_than_the_interval_after_the_last_review(situation, timescales):
    facts, today = situation
    if facts.last_review_on is not None:
        result = next_review(facts, timescales, today=today)
        assert result.due_on <= add_months(facts.last_review_on, timescales.review_interval_months)


@many
@given(situation=situations(), timescales=timescales_st)
def test_it_is_never_after_an_open_deadline(situation, timescales):
    facts, today = situation
    held = facts.last_review_on
    ahead = [d.due_on for d in facts.deadlines if held is None or d.due_on > held]
    if ahead:
        result = next_review(facts, timescales, today=today)
        assert result.due_on <= min(ahead)
        # and, when there is time, a lead time before it
        lead = min(ahead) - timedelta(weeks=timescales.deadline_lead_weeks)
        assert result.due_on <= max(lead, today)


@many
@given(situation=situations(), timescales=timescales_st)
def test_it_is_due_the_first_review_weeks_after_new_support_with_no_review_since(
    situation, timescales
):
    facts, today = situation
    start = facts.support_starts_on
    if start is not None and (facts.last_review_on is None or facts.last_review_on <= start):
        result = next_review(facts, timescales, today=today)
        first = start + timedelta(weeks=timescales.first_review_weeks)
        assert result.due_on <= first
        assert (ReasonCode.FIRST_REVIEW, first) in [(r.code, r.due_on) for r in result.reasons]


@many
@given(situation=situations(), timescales=timescales_st)
def test_it_is_within_the_months_after_a_direct_payment_starts_with_no_review_since(
    situation, timescales
):
    facts, today = situation
    start = facts.direct_payment_starts_on
    if start is not None and (facts.last_review_on is None or facts.last_review_on <= start):
        result = next_review(facts, timescales, today=today)
        assert result.due_on <= add_months(start, timescales.direct_payment_review_months)


@many
@given(situation=situations(), timescales=timescales_st)
def test_it_puts_urgent_reviews_first(situation, timescales):
    facts, today = situation
    since = facts.urgent_since
    if since is not None and (facts.last_review_on is None or since >= facts.last_review_on):
        result = next_review(facts, timescales, today=today)
        assert result.reasons[0].code == ReasonCode.URGENT
        assert result.due_on <= since <= today
        assert all(result.due_on <= r.due_on for r in result.reasons)


@many
@given(situation=situations(), timescales=timescales_st)
def test_it_consults_exactly_the_setting_before(situation, timescales):
    facts, today = situation
    result = next_review(facts, timescales, today=today)
    expected = result.due_on - timedelta(weeks=timescales.consultation_weeks)
    assert result.consultation_on == consultation_on(result.due_on, timescales) == expected


@many
@given(held_on=some_days, timescales=timescales_st)
def test_it_wants_the_record_exactly_the_setting_after(held_on, timescales):
    assert record_due_on(held_on, timescales) == held_on + timedelta(
        weeks=timescales.review_copy_weeks
    )


@many
@given(start=some_days, n=st.integers(0, 104), situation=situations())
def test_it_is_due_exactly_n_weeks_after_support_starts(start, n, situation):
    _, today = situation
    result = next_review(
        PlanFacts(support_starts_on=start), Timescales(first_review_weeks=n), today=today
    )
    assert result.due_on == start + timedelta(weeks=n)


@many
@given(situation=situations(), timescales=timescales_st, data=st.data())
def test_longer_timescales_never_bring_a_review_forward(situation, timescales, data):
    facts, today = situation
    longer = replace(
        timescales,
        first_review_weeks=timescales.first_review_weeks + data.draw(st.integers(0, 52)),
        review_interval_months=timescales.review_interval_months + data.draw(st.integers(0, 24)),
        direct_payment_review_months=timescales.direct_payment_review_months
        + data.draw(st.integers(0, 24)),
    )
    before = next_review(facts, timescales, today=today)
    after = next_review(facts, longer, today=today)
    assert after.due_on >= before.due_on
    dates_before = {r.code: r.due_on for r in before.reasons}
    dates_after = {r.code: r.due_on for r in after.reasons}
    assert dates_before.keys() == dates_after.keys()
    assert all(dates_after[code] >= dates_before[code] for code in dates_before)


@many
@given(situation=situations(), timescales=timescales_st)
def test_doubling_the_interval_never_makes_the_yearly_review_earlier(situation, timescales):
    facts, today = situation
    doubled = replace(timescales, review_interval_months=2 * timescales.review_interval_months)
    annual = [
        [r.due_on for r in next_review(facts, t, today=today).reasons if r.code == "annual"]
        for t in (timescales, doubled)
    ]
    assert annual[0] <= annual[1]


@many
@given(situation=situations(), timescales=timescales_st, more=st.integers(0, 12))
def test_a_longer_lead_time_never_puts_the_deadline_review_later(situation, timescales, more):
    facts, today = situation
    longer = replace(timescales, deadline_lead_weeks=timescales.deadline_lead_weeks + more)
    before, after = (
        [
            r.due_on
            for r in next_review(facts, t, today=today).reasons
            if r.code == "before_deadline"
        ]
        for t in (timescales, longer)
    )
    assert after <= before


@many
@given(day=some_days, months=st.integers(-240, 240))
def test_it_adds_months_by_the_calendar(day, months):
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day == day.day or (result.day < day.day and (result + timedelta(1)).day == 1)


def test_it_works_out_the_example_in_the_docs():
    # docs/reviews-schedule.md: keep the two in step.
    club = Deadline(date(2026, 6, 30), "Go to the club every Tuesday")
    sam = PlanFacts(
        agreed_on=date(2026, 2, 20),
        support_starts_on=date(2026, 3, 3),
        direct_payment_starts_on=date(2026, 3, 3),
        deadlines=(club,),
    )
    before = next_review(sam, DEFAULTS, today=date(2026, 5, 1))
    assert [(r.text, r.due_on) for r in before.reasons] == [
        ("6 weeks after new support started on 3 March 2026 (R1)", date(2026, 4, 14)),
        (
            "4 weeks before “Go to the club every Tuesday” is due on 30 June 2026 (R2)",
            date(2026, 6, 2),
        ),
        ("6 months after the direct payment started on 3 March 2026 (R11)", date(2026, 9, 3)),
    ]
    assert (before.due_on, before.consultation_on) == (date(2026, 4, 14), date(2026, 3, 17))
    assert is_overdue(before.due_on, date(2026, 5, 1))

    reviewed = replace(
        sam, last_review_on=date(2026, 5, 5), next_review_agreed_on=date(2026, 11, 1)
    )
    after = next_review(reviewed, DEFAULTS, today=date(2026, 5, 5))
    assert [(r.code, r.due_on) for r in after.reasons] == [
        ("before_deadline", date(2026, 6, 2)),
        ("agreed_at_review", date(2026, 11, 1)),
        ("annual", date(2027, 5, 5)),
    ]
    assert after.due_on == date(2026, 6, 2)
    assert record_due_on(date(2026, 5, 5), DEFAULTS) == date(2026, 5, 26)
