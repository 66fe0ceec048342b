"""Shared by the tests of outcomes agreed at a review."""

import datetime
from typing import Any

from django.utils import timezone

from tandem.reviews.tests.between_helpers import date_data

NEXT_YEAR = timezone.localdate() + datetime.timedelta(days=365)


def outcome_data(**extra: Any) -> dict[str, Any]:
    return {
        "changes": "new",
        "words": "I want to go back to work, two days a week",
        "kind": "change",
        **date_data("achieve_by", NEXT_YEAR),
        **extra,
    }
