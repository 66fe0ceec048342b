"""The reminder settings forms: staff choose how, the person and carers whether."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.ui.forms import GovukForm

BROKEN_PAGE = _("Something went wrong with this page. Reload it and try again.")


def revision_field() -> forms.IntegerField:
    """The saves of the settings the form was loaded with (0: none yet), so an old form never
    overwrites a newer choice."""
    return forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={"required": BROKEN_PAGE, "invalid": BROKEN_PAGE, "min_value": BROKEN_PAGE},
    )


class StaffRemindersForm(GovukForm):
    revision = revision_field()
    delivery = forms.ChoiceField(
        label=_("How do you want your reminders?"),
        choices=[
            ("single", _("An e-mail for each reminder, as it comes due")),
            ("digest", _("One e-mail each morning listing all my reminders")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select how you want your reminders"),
            "invalid_choice": _("Select how you want your reminders"),
        },
    )
    label_sizes = {"delivery": "m"}


class OptInRemindersForm(GovukForm):
    revision = revision_field()
    email_reminders = forms.ChoiceField(
        label=_("Do you want reminders by e-mail?"),
        choices=[("yes", _("Yes, e-mail me reminders")), ("no", _("No"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select yes if you want reminders by e-mail"),
            "invalid_choice": _("Select yes if you want reminders by e-mail"),
        },
    )
    label_sizes = {"email_reminders": "m"}

    def __init__(self, *args: Any, has_email: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.has_email = has_email

    def clean_email_reminders(self) -> str:
        answer = self.cleaned_data["email_reminders"]
        if answer == "yes" and not self.has_email:
            raise forms.ValidationError(
                _(
                    "You need an e-mail address on your account to get reminders. Ask your "
                    "worker to add it, then choose yes"
                )
            )
        return answer
