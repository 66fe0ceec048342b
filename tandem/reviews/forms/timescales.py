"""The administrator's review timescales form: each number with its own whole-sentence messages."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.reviews.services.timescales import SETTINGS
from tandem.ui.forms import GovukForm

BROKEN_PAGE = _("Something went wrong with this page. Reload it and try again.")

# label, hint, unit, and the message when the number is too high (saying which rule caps it).
WORDS: dict[str, tuple[Any, Any, Any, Any]] = {
    "first_review_weeks": (
        _("First review after new support starts"),
        _("R1: the guidance says 6 weeks."),
        _("weeks"),
        _("The first review must be within 26 weeks of new support starting"),
    ),
    "review_interval_months": (
        _("Time between reviews"),
        _("R1: at least every 12 months. Choose fewer to review more often."),
        _("months"),
        _("Reviews must be at least every 12 months (R1)"),
    ),
    "direct_payment_review_months": (
        _("Review of a direct payment within"),
        _("R11: a review falls within the first 6 months of a direct payment."),
        _("months"),
        _("A direct payment must be reviewed within its first 6 months (R11)"),
    ),
    "consultation_weeks": (
        _("Ask the person whom to invite"),
        _("R3: 4 weeks before the review is due."),
        _("weeks before"),
        _("Ask the person no more than 12 weeks before the review"),
    ),
    "review_copy_weeks": (
        _("Record the review and send a copy within"),
        _("R8: within 3 weeks of the review."),
        _("weeks"),
        _("The record and its copy must reach the person within 3 weeks (R8)"),
    ),
    "deadline_lead_weeks": (
        _("Review before a deadline in the plan"),
        _(
            "R2: how long before an outcome or indicator is due the review falls, so there is "
            "time to act. 0 means on the day."
        ),
        _("weeks before"),
        _("Review no more than 26 weeks before a deadline"),
    ),
}

# What each number is called in its messages, written whole for each (never built from a label).
SUBJECTS = {
    "first_review_weeks": (
        _("Enter how many weeks after new support starts the first review is due"),
        _("The weeks to the first review must be a whole number, like 6"),
        _("The first review must be at least 1 week after new support starts"),
    ),
    "review_interval_months": (
        _("Enter how many months there are between reviews"),
        _("The months between reviews must be a whole number, like 12"),
        _("The months between reviews must be 1 or more"),
    ),
    "direct_payment_review_months": (
        _("Enter the months within which a direct payment is reviewed"),
        _("The months to a direct payment’s review must be a whole number, like 6"),
        _("The months to a direct payment’s review must be 1 or more"),
    ),
    "consultation_weeks": (
        _("Enter how many weeks before the review the person is asked whom to invite"),
        _("The weeks before a review to ask the person must be a whole number, like 4"),
        _("Ask the person at least 1 week before the review"),
    ),
    "review_copy_weeks": (
        _("Enter the weeks within which the copy of the review is sent"),
        _("The weeks to send the copy must be a whole number, like 3"),
        _("The weeks to send the copy must be 1 or more"),
    ),
    "deadline_lead_weeks": (
        _("Enter how many weeks before a deadline the review falls"),
        _("The weeks before a deadline must be a whole number, like 4"),
        _("The weeks before a deadline must be 0 or more"),
    ),
}


class TimescalesForm(GovukForm):
    revision = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={"required": BROKEN_PAGE, "invalid": BROKEN_PAGE, "min_value": BROKEN_PAGE},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for setting in SETTINGS:
            label, hint, unit, too_high = WORDS[setting.name]
            required, invalid, too_low = SUBJECTS[setting.name]
            self.fields[setting.name] = forms.IntegerField(
                label=label,
                help_text=hint,
                min_value=setting.low,
                max_value=setting.high,
                widget=forms.TextInput(
                    attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}
                ),
                error_messages={
                    "required": required,
                    "invalid": invalid,
                    "min_value": too_low,
                    "max_value": too_high,
                },
            )
            self.input_suffixes = {**self.input_suffixes, setting.name: unit}
