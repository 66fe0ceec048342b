"""Forms of data rights: each message written for its field."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.records.models import REASON_MAX_LENGTH
from tandem.records.services import RETENTION_YEARS_HIGH, RETENTION_YEARS_LOW
from tandem.ui.forms import GovukDateField, GovukForm, SubmissionKeyField

BROKEN_PAGE = _("Something went wrong with this page. Reload it and try again.")


def _hidden_number() -> forms.IntegerField:
    return forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={"required": BROKEN_PAGE, "invalid": BROKEN_PAGE, "min_value": BROKEN_PAGE},
    )


class ExportForm(GovukForm):
    """What goes in the archive: everything, unless safeguarding referrals must be withheld."""

    withhold_safeguarding = forms.BooleanField(
        label=_("Leave out safeguarding referrals"),
        help_text=_(
            "Only when telling the person would be likely to cause serious harm to them or "
            "someone else, or would identify someone who raised a concern and has not agreed "
            "to that. Ask your manager or the information governance team first."
        ),
        required=False,
    )
    withholding_reason = forms.CharField(
        label=_("Why are they left out?"),
        help_text=_("This is kept in the audit trail, not in the archive."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )
    submission_key = SubmissionKeyField()
    error_subjects = {"withholding_reason": _("Why safeguarding referrals are left out")}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("withhold_safeguarding") and not data.get("withholding_reason", "").strip():
            self.add_error(
                "withholding_reason", _("Enter why the safeguarding referrals are left out")
            )
        return data


class CloseRecordForm(GovukForm):
    closed_on = GovukDateField(
        label=_("When was the record closed?"),
        help_text=_("For example, 27 3 2026. The retention period starts on this date."),
        allow_future=False,
        error_messages={"required": _("Enter the date the record was closed")},
    )
    reason = forms.CharField(
        label=_("Why is the record being closed?"),
        help_text=_("For example, moved to another area, or support no longer needed."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=REASON_MAX_LENGTH,
        error_messages={"required": _("Enter why the record is being closed")},
    )
    error_subjects = {
        "closed_on": _("The date the record was closed"),
        "reason": _("Why the record is being closed"),
    }


class ReopenRecordForm(GovukForm):
    closure = _hidden_number()
    reason = forms.CharField(
        label=_("Why is the record being reopened?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=REASON_MAX_LENGTH,
        error_messages={"required": _("Enter why the record is being reopened")},
    )
    error_subjects = {"reason": _("Why the record is being reopened")}


class RetentionForm(GovukForm):
    revision = _hidden_number()
    retention_years = forms.IntegerField(
        label=_("Keep closed records for"),
        help_text=_(
            "Years from the date a record was closed. After this, the record is anonymised: "
            "names, contact details and everything written about the person are removed, and "
            "only the numbers remain."
        ),
        min_value=RETENTION_YEARS_LOW,
        max_value=RETENTION_YEARS_HIGH,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "required": _("Enter how many years closed records are kept"),
            "invalid": _("The years closed records are kept must be a whole number, like 8"),
            "min_value": _("Closed records must be kept for at least 1 year"),
            "max_value": _("Closed records can be kept for at most 100 years"),
        },
    )
    input_suffixes = {"retention_years": _("years")}
