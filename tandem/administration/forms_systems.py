"""Forms for service accounts and their API tokens: parsing and checking input only."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import STAFF_ROLES, Organisation, Role, Team
from tandem.ui.forms import BoundedModelMultipleChoiceField, GovukForm, SubmissionKeyField


class ServiceAccountForm(GovukForm):
    name = forms.CharField(
        label=_("Name of the system"),
        help_text=_("For example, the hospital trust’s discharge system."),
        max_length=200,
        error_messages={"required": _("Enter what the system is called")},
    )
    role = forms.ChoiceField(
        label=_("Role"),
        help_text=_(
            "It sees and does what a member of staff with this role in these teams may, and "
            "nothing more."
        ),
        choices=[(role.value, role.label) for role in Role if role in STAFF_ROLES],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select its role"),
            "invalid_choice": _("Select one of the roles listed"),
        },
    )
    teams = BoundedModelMultipleChoiceField(
        label=_("Teams"),
        help_text=_("It sees the people of these teams. Select all that apply."),
        queryset=Team.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Select at least one team"),
            "invalid_choice": _("Select teams from the list"),
            "invalid_pk_value": _("Select teams from the list"),
        },
    )
    submission_key = SubmissionKeyField()
    error_subjects = {"name": _("The name of the system")}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["teams"].queryset = organisation.teams.all()


class TokenForm(GovukForm):
    name = forms.CharField(
        label=_("Name of the token"),
        help_text=_("Say where it will be used, for example “live server, March 2026”."),
        max_length=100,
        error_messages={"required": _("Enter a name for the token")},
    )
    submission_key = SubmissionKeyField()
    error_subjects = {"name": _("The name of the token")}
