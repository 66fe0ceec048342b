from datetime import date, timedelta

from tandem.reviews import rules
from tandem.reviews.rules import ActionEntry, LatestProgress, slipping

AGREED = date(2026, 3, 5)
TODAY = date(2026, 6, 1)


def test_it_is_not_slipping_while_on_time_and_recently_recorded():
    entry = ActionEntry(due_on=date(2026, 7, 1), agreed_on=AGREED)
    assert slipping(entry, LatestProgress("under_way", date(2026, 5, 20)), TODAY) == ""


def test_it_is_slipping_when_its_date_has_passed_and_it_is_not_done():
    entry = ActionEntry(due_on=date(2026, 5, 31), agreed_on=AGREED)
    why = slipping(entry, LatestProgress("under_way", date(2026, 5, 30)), TODAY)
    assert why == "It was due by 31 May 2026"


def test_it_is_not_slipping_when_done_or_stopped_however_late():
    entry = ActionEntry(due_on=date(2026, 4, 1), agreed_on=AGREED)
    for status in ("done", "stopped"):
        assert slipping(entry, LatestProgress(status, date(2026, 3, 10)), TODAY) == ""


def test_it_is_slipping_after_eight_quiet_weeks():
    entry = ActionEntry(due_on=None, agreed_on=AGREED)
    last = TODAY - timedelta(weeks=8)
    assert slipping(entry, LatestProgress("under_way", last), TODAY) == (
        "No progress recorded for 8 weeks"
    )
    assert slipping(entry, LatestProgress("under_way", last + timedelta(days=1)), TODAY) == ""


def test_it_counts_quiet_weeks_from_agreement_when_nothing_is_recorded():
    entry = ActionEntry(due_on=None, agreed_on=AGREED)
    assert "since the plan was agreed" in slipping(entry, None, TODAY)
    assert slipping(entry, None, AGREED + timedelta(weeks=7)) == ""


def test_it_refuses_progress_dated_in_the_future_or_before_agreement():
    assert rules.progress_date_problem(TODAY + timedelta(days=1), today=TODAY, agreed_on=AGREED)
    assert "5 March 2026" in rules.progress_date_problem(
        AGREED - timedelta(days=1), today=TODAY, agreed_on=AGREED
    )
    assert rules.progress_date_problem(AGREED, today=TODAY, agreed_on=AGREED) == ""
    assert rules.trigger_date_problem(TODAY + timedelta(days=1), today=TODAY)
    assert rules.trigger_date_problem(TODAY, today=TODAY) == ""
