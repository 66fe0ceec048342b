"""Forms for the administrator's pages: parsing and checking input only; the services save."""

from typing import Any

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import Organisation, Role, Team, User
from tandem.administration.selectors import SEARCH_MAX_LENGTH
from tandem.ui.forms import BoundedModelMultipleChoiceField, GovukForm

BROKEN_PAGE = _("Something went wrong with this page. Reload it and try again.")

ROLE_HINTS = {
    Role.SOCIAL_WORKER: _("Sees and writes the plans of their teams’ people."),
    Role.TEAM_MANAGER: _(
        "Sees their teams’ people, their safeguarding concerns and the team dashboard, and "
        "decides on plans’ costs."
    ),
    Role.ADMINISTRATOR: _(
        "Manages users, teams and the organisation’s settings. Sees no one’s record."
    ),
    Role.PERSON: _("Sees their own record only, once it is linked to their sign-in."),
    Role.CARER: _("Sees a person’s record only with that person’s consent."),
    Role.PROVIDER: _("Sees the people they support, with those people’s consent."),
}


def revision_field() -> forms.IntegerField:
    # Hidden: only a broken or tampered page sends it missing or wrong.
    return forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={"required": BROKEN_PAGE, "invalid": BROKEN_PAGE, "min_value": BROKEN_PAGE},
    )


class UserSearchForm(GovukForm):
    q = forms.CharField(
        label=_("Search by name, username, email address or job title"),
        max_length=SEARCH_MAX_LENGTH,
        required=False,
    )
    error_subjects = {"q": _("Your search")}

    @property
    def query(self) -> str:
        return self.cleaned_data.get("q", "").strip() if self.is_valid() else ""


class UserForm(GovukForm):
    """Add a user (with ``user`` None) or change one. A user changing themselves is not asked
    their role or teams: they cannot change those (rules.self_change_refusal)."""

    username = forms.CharField(
        label=_("Username"),
        help_text=_(
            "What they type to sign in. Letters, numbers and @ . + - _ only; it cannot be "
            "changed later."
        ),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        error_messages={
            "required": _("Enter a username"),
            "invalid": _("A username can only have letters, numbers and @ . + - _ in it"),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        error_messages={"required": _("Enter their first name")},
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        error_messages={"required": _("Enter their last name")},
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages={
            "required": _("Enter their email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    job_title = forms.CharField(label=_("Job title (optional)"), max_length=200, required=False)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select their role"),
            "invalid_choice": _("Select one of the roles listed"),
        },
    )
    teams = BoundedModelMultipleChoiceField(
        label=_("Teams (optional)"),
        help_text=_("Staff see the people of their teams. Select all that apply."),
        queryset=Team.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={
            "invalid_choice": _("Select teams from the list"),
            "invalid_pk_value": _("Select teams from the list"),
        },
    )
    error_subjects = {
        "username": _("The username"),
        "first_name": _("Their first name"),
        "last_name": _("Their last name"),
        "email": _("The email address"),
        "job_title": _("The job title"),
    }

    def __init__(
        self,
        *args: Any,
        organisation: Organisation,
        user: User | None = None,
        actor: User | None = None,
        **kwargs: Any,
    ) -> None:
        if user is not None:
            initial = {
                "first_name": user.first_name,
                "last_name": user.last_name,
                "email": user.email,
                "job_title": user.job_title,
                "role": user.role,
                "teams": [team.pk for team in user.teams.all()],
                "revision": user.revision,
            }
            kwargs["initial"] = {**initial, **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        self.fields["role"].widget.choice_hints = ROLE_HINTS
        self.fields["teams"].queryset = Team.objects.filter(organisation=organisation)
        if user is not None:
            del self.fields["username"]
            self.fields["revision"] = revision_field()
        self.is_self = user is not None and actor is not None and user.pk == actor.pk
        if self.is_self:
            del self.fields["role"]
            del self.fields["teams"]

    def user_data(self) -> dict[str, Any]:
        names = ("first_name", "last_name", "email", "job_title", "role", "teams")
        return {name: self.cleaned_data[name] for name in names if name in self.fields}


class ActiveForm(GovukForm):
    """Stop someone signing in, or let them again: only the revision the page was shown with."""

    revision = revision_field()


class TeamForm(GovukForm):
    name = forms.CharField(
        label=_("Team name"),
        max_length=200,
        error_messages={"required": _("Enter the team’s name")},
    )
    error_subjects = {"name": _("The team’s name")}

    def __init__(self, *args: Any, team: Team | None = None, **kwargs: Any) -> None:
        if team is not None:
            kwargs["initial"] = {"name": team.name, "revision": team.revision}
        super().__init__(*args, **kwargs)
        if team is not None:
            self.fields["revision"] = revision_field()


class OrganisationForm(GovukForm):
    name = forms.CharField(
        label=_("Organisation name"),
        help_text=_("Shown on every page and on plan documents."),
        max_length=200,
        error_messages={"required": _("Enter the organisation’s name")},
    )
    adult_outcome_framework = forms.ChoiceField(
        label=_("Areas of life for adults’ outcomes"),
        help_text=_(
            "Workers tag each adult’s outcome with an area of life from this framework, so "
            "outcomes can be counted across people. Children’s outcomes always use the eight "
            "wellbeing indicators."
        ),
        choices=Organisation.AdultFramework.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the framework for adults’ outcomes"),
            "invalid_choice": _("Select one of the frameworks listed"),
        },
    )
    revision = revision_field()
    error_subjects = {"name": _("The organisation’s name")}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        kwargs["initial"] = {
            "name": organisation.name,
            "adult_outcome_framework": organisation.adult_outcome_framework,
            "revision": organisation.details_revision,
        }
        super().__init__(*args, **kwargs)
