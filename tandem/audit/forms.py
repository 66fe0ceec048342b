"""The audit log's filters: a GET form, so a filtered page can be bookmarked and paged."""

import datetime
from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.audit.models import AuditAction
from tandem.audit.selectors import SEARCH_MAX_LENGTH
from tandem.ui.forms import DateError, GovukDateField, GovukForm

SINCE_MESSAGES = {
    DateError.INCOMPLETE: _("The date from must include a %(missing)s"),
    DateError.INVALID: _("The date from must be a real date"),
    DateError.YEAR_LENGTH: _("The date from must include a year with 4 numbers"),
    DateError.NOT_PAST: _("The date from must be today or in the past"),
}
UNTIL_MESSAGES = {
    DateError.INCOMPLETE: _("The date to must include a %(missing)s"),
    DateError.INVALID: _("The date to must be a real date"),
    DateError.YEAR_LENGTH: _("The date to must include a year with 4 numbers"),
}


class AuditLogFilterForm(GovukForm):
    error_subjects = {
        "person": _("The person’s name"),
        "user": _("The name of who did it"),
        "since": _("The date from"),
        "until": _("The date to"),
    }

    person = forms.CharField(
        label=_("Person"),
        help_text=_("Their name or local identifier"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        error_messages={"max_length": _("The person’s name must be 100 characters or fewer")},
    )
    user = forms.CharField(
        label=_("Who did it"),
        help_text=_("Their name or username"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        error_messages={"max_length": _("The name of who did it must be 100 characters or fewer")},
    )
    action = forms.ChoiceField(
        label=_("What they did"),
        required=False,
        error_messages={"invalid_choice": _("Select what they did from the list")},
    )
    since = GovukDateField(
        label=_("From"),
        help_text=_("For example, 27 3 2026"),
        required=False,
        allow_future=False,
        error_messages=SINCE_MESSAGES,
    )
    until = GovukDateField(
        label=_("To"),
        help_text=_("For example, 28 3 2026"),
        required=False,
        error_messages=UNTIL_MESSAGES,
    )

    def __init__(
        self, *args: Any, actions: Iterable[AuditAction], with_person: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Anything"))] + [
            (a.value, a.label) for a in sorted(actions, key=lambda a: a.label)
        ]
        if not with_person:
            # An administrator's events are about running the organisation, never a person.
            del self.fields["person"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", _("The date to must be the same as or after the date from"))
        return data

    def filters(self) -> dict[str, Any]:
        """The filters that were valid (an invalid one is shown with its error, and ignored)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: value for name, value in data.items() if value not in (None, "")}


def describe(filters: dict[str, Any]) -> dict[str, str]:
    """The filters as text, for the audit event that records this reading of the log."""
    return {
        name: value.isoformat() if isinstance(value, datetime.date) else str(value)
        for name, value in filters.items()
    }
