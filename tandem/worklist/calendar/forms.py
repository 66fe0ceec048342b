"""The calendar settings page's one form: which button was pressed, the revision the page was
loaded with, and (for the names question) the answer."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.ui.forms import GovukForm

# Only a changed or broken page sends these wrong: nothing the worker typed.
BROKEN_PAGE = _("Something went wrong with this page. Reload it and try again.")

CREATE, RENEW, REVOKE, NAMES = "create", "renew", "revoke", "names"
YES, NO = "yes", "no"


class CalendarForm(GovukForm):
    action = forms.ChoiceField(
        choices=[(CREATE, CREATE), (RENEW, RENEW), (REVOKE, REVOKE), (NAMES, NAMES)],
        widget=forms.HiddenInput,
        error_messages={"required": BROKEN_PAGE, "invalid_choice": BROKEN_PAGE},
    )
    revision = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={"required": BROKEN_PAGE, "invalid": BROKEN_PAGE, "min_value": BROKEN_PAGE},
    )
    include_names = forms.TypedChoiceField(
        label=_("Show people’s names and why each thing is due?"),
        help_text=_(
            "Your calendar app, and anyone who can see your calendar, will see them. What is "
            "due, and why, can quote the person’s plan. If you choose no, each event shows the "
            "kind of thing due and the person’s local identifier only."
        ),
        choices=[
            (YES, _("Yes, show names and why each thing is due")),
            (NO, _("No, show local identifiers only")),
        ],
        coerce=lambda value: value == YES,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Select yes to show people’s names, or no")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.label_sizes = {"include_names": "m"}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("action") == NAMES and data.get("include_names") in (None, ""):
            self.add_error("include_names", _("Select yes to show people’s names, or no"))
        return data
