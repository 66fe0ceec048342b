"""Where the copy of a final review record stands (R8): due, sent, or late after its due date."""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from tandem.reviews.rules import copy_state

DUE = datetime.date(2026, 3, 20)


def review(due=DUE, sent_at=None):
    return SimpleNamespace(copy_due_on=due, copy_sent_at=sent_at)


def test_it_shows_nothing_for_a_draft_review():
    assert copy_state(review(due=None), DUE) is None


def test_it_shows_the_copy_due_and_not_late_up_to_and_on_the_due_date():
    for today in (DUE - datetime.timedelta(days=21), DUE):
        state = copy_state(review(), today)
        assert state.text == "Copy due by 20 March 2026"
        assert not state.late and not state.sent


def test_it_is_late_from_the_day_after_the_due_date():
    assert copy_state(review(), DUE + datetime.timedelta(days=1)).late


def test_it_shows_when_the_copy_was_sent_and_is_never_late_once_sent():
    sent = timezone.make_aware(datetime.datetime(2026, 4, 2, 10, 0))
    state = copy_state(review(sent_at=sent), DUE + datetime.timedelta(days=30))
    assert state.text == "Copy sent on 2 April 2026"
    assert state.sent and not state.late
