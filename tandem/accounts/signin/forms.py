"""The sign-in pages' forms: each field with its own whole-sentence messages."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.ui.forms import GovukForm

BROKEN_PAGE = _("Something went wrong with this page. Reload it and try again.")
IDLE_RANGE = (5, 240)  # minutes: long enough to read a plan, short enough for a shared desk
LIMIT_RANGE = (1, 24)  # hours: at most a day (the session cookie lasts no longer)


class SecondFactorForm(GovukForm):
    """The code from the authenticator app, or one of the recovery codes."""

    code = forms.CharField(
        label=_("Code"),
        help_text=_(
            "The 6-digit code your authenticator app shows for Tandem, or one of your recovery "
            "codes."
        ),
        max_length=16,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "class": "govuk-input--width-10",
            }
        ),
        error_messages={
            "required": _("Enter the code from your authenticator app or a recovery code"),
            "max_length": _("The code must be 16 characters or fewer"),
        },
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split())


class EnrolForm(GovukForm):
    """The first code from the newly added authenticator, proving it holds the same key."""

    code = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("Enter the 6 digits the app shows for Tandem."),
        max_length=8,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input--width-5",
            }
        ),
        error_messages={
            "required": _("Enter the 6-digit code from your authenticator app"),
            "max_length": _("The code must be 6 digits, like 123456"),
        },
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(_("The code must be 6 digits, like 123456"))
        return code


class SignInSettingsForm(GovukForm):
    revision = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={"required": BROKEN_PAGE, "invalid": BROKEN_PAGE, "min_value": BROKEN_PAGE},
    )
    idle_timeout_minutes = forms.IntegerField(
        label=_("Sign staff out after this long without activity"),
        help_text=_(
            "Staff are signed out when they have not used Tandem for this many minutes. "
            "People, carers and providers are not."
        ),
        min_value=IDLE_RANGE[0],
        max_value=IDLE_RANGE[1],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "required": _("Enter how many minutes without activity sign staff out"),
            "invalid": _("The minutes without activity must be a whole number, like 30"),
            "min_value": _("The minutes without activity must be 5 or more"),
            "max_value": _("The minutes without activity must be 240 (4 hours) or fewer"),
        },
    )
    session_limit_hours = forms.IntegerField(
        label=_("Sign everyone out after this long, whatever they are doing"),
        help_text=_("Everyone signs in again after this many hours, even when active."),
        min_value=LIMIT_RANGE[0],
        max_value=LIMIT_RANGE[1],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "required": _("Enter how many hours everyone may stay signed in"),
            "invalid": _("The hours signed in must be a whole number, like 12"),
            "min_value": _("The hours signed in must be 1 or more"),
            "max_value": _("The hours signed in must be 24 or fewer"),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.input_suffixes = {
            "idle_timeout_minutes": _("minutes"),
            "session_limit_hours": _("hours"),
        }
