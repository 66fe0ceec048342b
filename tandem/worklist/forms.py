"""The administrator's escalation setting: one whole number, with its own messages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.ui.forms import GovukForm
from tandem.worklist.services import ESCALATE_AFTER

BROKEN_PAGE = _("Something went wrong with this page. Reload it and try again.")


class EscalationForm(GovukForm):
    revision = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={"required": BROKEN_PAGE, "invalid": BROKEN_PAGE, "min_value": BROKEN_PAGE},
    )
    escalate_after_days = forms.IntegerField(
        label=_("Escalate work overdue for more than"),
        help_text=_(
            "Work past its date for longer than this shows on the team managers’ worklists as "
            "well as the worker’s. Between 1 and 90 days; 14 unless you change it."
        ),
        min_value=ESCALATE_AFTER[0],
        max_value=ESCALATE_AFTER[1],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "required": _("Enter how many days work may be overdue before it is escalated"),
            "invalid": _("The days before work is escalated must be a whole number, like 14"),
            "min_value": _("Work must be overdue for at least 1 day before it is escalated"),
            "max_value": _("Escalate work overdue for no more than 90 days"),
        },
    )
    input_suffixes = {"escalate_after_days": _("days")}
