"""Forms for people, their circle of support and safeguarding concerns: parsing and checking
input only. Saving is done by the services, whose refusals come back through ``add_errors``."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from tandem.accounts import access
from tandem.accounts.models import User
from tandem.people import selectors
from tandem.people.models import (
    ACTION_TAKEN_MAX_LENGTH,
    CircleMember,
    Delivery,
    Person,
    SafeguardingReferral,
)
from tandem.people.services import CIRCLE_FIELDS, PERSON_FIELDS
from tandem.ui.forms import GovukDateField, GovukForm, GovukModelForm, SubmissionKeyField

YES, NO = "yes", "no"
YES_NO = [(YES, _("Yes")), (NO, _("No"))]
EARLIEST_BIRTH_DATE = datetime.date(1900, 1, 1)
PHONE_PATTERN = re.compile(r"^\+?[0-9 ()\-]{6,30}$")


def _yes_no_field(**kwargs) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        choices=YES_NO, coerce=lambda value: value == YES, widget=forms.RadioSelect, **kwargs
    )


def add_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: by field where the form has the field."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages)


class RevisionMixin:
    """The revision of the record the form was loaded from, for optimistic locking."""

    latest: list[tuple[str, str]] | None = None

    def add_revision(self, revision: int) -> None:
        # Hidden: only a broken or tampered page can send it missing or wrong.
        message = _(
            "This page could not be saved. Open it again from the person’s page and make your "
            "changes again"
        )
        self.fields["revision"] = forms.IntegerField(
            widget=forms.HiddenInput,
            min_value=0,
            error_messages={"required": message, "invalid": message, "min_value": message},
        )
        self.initial.setdefault("revision", revision)

    def refuse_stale(self, message: str, current) -> None:
        """Someone saved first: keep what the user typed, say why it wasn't saved, list what is
        saved now where it differs, and let a second save (after checking) go through."""
        self.data = self.data.copy()
        self.data["revision"] = str(current.revision)
        self.latest = [
            (str(self[name].label), _display(current, name))
            for name, value in self.cleaned_data.items()
            if name != "revision" and getattr(current, name) != value
        ]
        self.add_error(None, message)


def _display(obj, name: str) -> str:
    value = getattr(obj, name)
    if value in (None, "", []):
        return str(_("Not given"))
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    if name == "preferred_formats":
        labels = dict(Person.Format.choices)
        return ", ".join(str(labels.get(v, v)) for v in value)
    display = getattr(obj, f"get_{name}_display", None)
    return str(display() if display else value)


def _copies_by_field(label: str, help_text: str) -> forms.ChoiceField:
    field = forms.ChoiceField(
        label=label,
        help_text=help_text,
        choices=Delivery.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Select how copies are sent from the list")},
    )
    return field


class PersonForm(RevisionMixin, GovukModelForm):
    """Add a person, or change their details (then ``person`` is given)."""

    date_of_birth = GovukDateField(
        label=_("Date of birth"),
        help_text=_("For example, 27 3 1980"),
        allow_future=False,
        error_messages={"required": _("Enter the person’s date of birth")},
    )
    preferred_formats = forms.MultipleChoiceField(
        label=_("Which formats does the person want their plan in?"),
        help_text=_("Select all that apply."),
        choices=Person.Format.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    copies_by = _copies_by_field(
        _("How does the person want their copies sent?"),
        _(
            "Copies of the plan and of reviews. Email only if they chose it: anyone who reads "
            "their inbox could read the plan. With no answer, copies go behind their sign-in if "
            "they have one, otherwise by post."
        ),
    )
    error_subjects = {
        "given_name": _("First name"),
        "family_name": _("Last name"),
        "preferred_name": _("Preferred name"),
        "date_of_birth": _("Date of birth"),
        "local_identifier": _("Local identifier"),
        "address": _("Address"),
        "language": _("Preferred language"),
        "communication_needs": _("Communication needs"),
        "capacity_notes": _("Capacity and best-interest notes"),
    }

    class Meta:
        model = Person
        fields = list(PERSON_FIELDS)
        widgets = {
            "address": forms.Textarea(attrs={"rows": 4}),
            "communication_needs": forms.Textarea(attrs={"rows": 4}),
            "email": forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            "capacity_notes": forms.Textarea(attrs={"rows": 5}),
            "age_group": forms.RadioSelect,
            "capacity": forms.RadioSelect,
        }
        labels = {
            "preferred_name": _("Preferred name (optional)"),
            "address": _("Address (optional)"),
            "communication_needs": _("Communication needs (optional)"),
            "email": _("Email (optional)"),
            "allocated_worker": _("Allocated worker (optional)"),
            "capacity_notes": _("Capacity and best-interest notes (optional)"),
            "advocate": _("Advocate"),
        }
        help_texts = {
            "allocated_worker": _("A worker in the person’s team."),
            "preferred_name": _("What the person likes to be called, if different."),
            "local_identifier": _(
                "The person’s reference in your organisation’s case record system."
            ),
            "communication_needs": _(
                "For example, uses British Sign Language, needs an interpreter, reads easy read."
            ),
            "capacity": _(
                "Capacity is assumed unless it has been assessed as lacking for a decision."
            ),
            "capacity_notes": _(
                "Which decisions the person lacks capacity for, when it was assessed, and how "
                "best-interest decisions are made."
            ),
            "advocate": _(
                "An advocate, carer or family member from the circle of support who represents "
                "the person. Consider one if the person lacks capacity for planning decisions."
            ),
        }
        error_messages = {
            "given_name": {"required": _("Enter the person’s first name")},
            "family_name": {"required": _("Enter the person’s last name")},
            "local_identifier": {"required": _("Enter the person’s local identifier")},
            "language": {"required": _("Enter the person’s preferred language")},
            "age_group": {"required": _("Select whether the person is an adult or a child")},
            "team": {"required": _("Select the person’s team")},
            "allocated_worker": {"invalid_choice": _("Select a worker from the list")},
            "capacity": {"required": _("Select the person’s capacity for planning decisions")},
            "advocate": {"invalid_choice": _("Select an advocate from the list")},
        }

    def __init__(self, *args, actor: User, person: Person | None = None, **kwargs) -> None:
        if person is not None:
            kwargs.setdefault("initial", model_to_dict(person, fields=self._meta.fields))
        super().__init__(*args, **kwargs)
        self._limit_to_own_teams(actor, person)
        if person is None:
            # The circle is empty until the person has been added.
            del self.fields["advocate"]
        else:
            advocate = self.fields["advocate"]
            advocate.queryset = selectors.possible_advocates(person)
            advocate.required = False
            advocate.empty_label = _("No advocate")
            advocate.label_from_instance = lambda member: f"{member} ({member.get_kind_display()})"
            self.add_revision(person.revision)

    def _limit_to_own_teams(self, actor: User, person: Person | None) -> None:
        """Offer only what leads somewhere: the actor's own teams (they see only those teams'
        people), and the workers of those teams, grouped by team."""
        team = self.fields["team"]
        team.queryset = access.own_teams(actor)
        team.empty_label = _("Select a team")
        if person is None:
            team.help_text = _("You can add people to your own teams only.")
            team.error_messages["invalid_choice"] = _(
                "Select one of your teams: you can only add people to a team you are in"
            )
        else:
            team.help_text = _(
                "You can move someone to one of your own teams only. To move them to a team you "
                "are not in, ask a team manager who is in both teams."
            )
            team.error_messages["invalid_choice"] = _(
                "Select one of your teams. To move someone to a team you are not in, ask a team "
                "manager who is in both teams"
            )
        current = person.allocated_worker if person is not None else None
        worker = self.fields["allocated_worker"]
        worker.queryset = selectors.allocatable_staff(
            actor, current=current.pk if current else None
        )
        groups = [
            (team.name, [(user.pk, user.display_name) for user in staff])
            for team, staff in selectors.staff_by_team(actor)
        ]
        choices: list = [("", _("Not allocated"))]
        if current is not None and not any(current.pk == pk for _t, g in groups for pk, _n in g):
            # Allocated to someone no longer in these teams: keep them until changed.
            choices.append((current.pk, current.display_name))
        worker.choices = choices + groups

    def clean_date_of_birth(self) -> datetime.date:
        value = self.cleaned_data["date_of_birth"]
        if value < EARLIEST_BIRTH_DATE:
            raise ValidationError(_("Date of birth must be after 1 January 1900"))
        return value

    def person_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "revision"}


class CircleMemberForm(RevisionMixin, GovukModelForm):
    consent_to_share = _yes_no_field(
        label=_("Does the person consent to share their plan with them?"),
        help_text=_(
            "This controls who can see the person’s plan in Tandem and who is sent a copy of it. "
            "Only choose yes if the person has agreed, or if this is their advocate and the "
            "person lacks capacity to decide."
        ),
        error_messages={"required": _("Select yes if the person consents to share their plan")},
    )
    preferred_formats = forms.MultipleChoiceField(
        label=_("Which formats do they want copies of the plan in? (optional)"),
        help_text=_(
            "Only if the person shares their plan with them. Select all that apply; with none "
            "selected they get standard print."
        ),
        choices=Person.Format.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    copies_by = _copies_by_field(
        _("How do they want their copies sent? (optional)"),
        _(
            "Email only if they chose it and an email address is given above. With no answer, "
            "copies go behind their sign-in if they have one, otherwise by post."
        ),
    )
    appointed_since = GovukDateField(
        label=_("Appointed since (if appointed)"),
        help_text=_("For example, 27 3 2024"),
        allow_future=False,
        required=False,
    )
    error_subjects = {
        "appointment_note": _("Appointment notes"),
        "appointed_since": _("The date they were appointed"),
        "name": _("Name"),
        "relationship": _("Relationship to the person"),
        "organisation_name": _("Organisation"),
        "phone": _("Phone number"),
        "address": _("Address"),
        "consent_notes": _("Consent notes"),
    }

    class Meta:
        model = CircleMember
        fields = list(CIRCLE_FIELDS)
        widgets = {
            "kind": forms.RadioSelect,
            "appointed_as": forms.RadioSelect,
            "address": forms.Textarea(attrs={"rows": 4}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        }
        labels = {
            "kind": _("Type"),
            "relationship": _("Relationship to the person (optional)"),
            "organisation_name": _("Organisation (optional)"),
            "phone": _("Phone (optional)"),
            "email": _("Email (optional)"),
            "address": _("Address (optional)"),
            "consent_notes": _("Consent notes (optional)"),
            "appointed_as": _("Have they been appointed to represent the person?"),
            "appointment_note": _("Appointment notes (optional)"),
        }
        help_texts = {
            "appointed_as": _(
                "An appointed advocate or legal representative can see the person’s record even "
                "without their consent. Appoint an advocate only where the person lacks capacity "
                "for planning decisions."
            ),
            "appointment_note": _(
                "For example, who appointed them and the reference of the lasting power of "
                "attorney or deputyship order."
            ),
            "relationship": _("For example, daughter, neighbour, support worker."),
            "organisation_name": _("For a provider, agency or advocacy service."),
            "consent_notes": _("For example, how and when consent was given, or any limits."),
        }
        error_messages = {
            "name": {"required": _("Enter their name")},
            "kind": {"required": _("Select the type of support they give")},
            "appointed_as": {"required": _("Select whether they have been appointed")},
            "email": {
                "invalid": _("Enter an email address in the correct format, like name@example.com")
            },
        }

    def __init__(self, *args, member: CircleMember | None = None, **kwargs) -> None:
        if member is not None:
            initial = model_to_dict(member, fields=self._meta.fields)
            initial["consent_to_share"] = YES if member.consent_to_share else NO
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        # Most members are not appointed: an unanswered question means "Not appointed".
        self.fields["appointed_as"].required = False
        if member is not None:
            self.add_revision(member.revision)

    def clean_appointed_as(self) -> str:
        return self.cleaned_data.get("appointed_as") or CircleMember.Appointment.NONE

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE_PATTERN.match(phone):
            raise ValidationError(
                _("Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192")
            )
        return phone

    def member_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "revision"}


class SafeguardingForm(GovukForm):
    concern = forms.CharField(
        label=_("What is the concern?"),
        help_text=_(
            "Say what you have seen, heard or been told, who is involved, and when it happened."
        ),
        max_length=SafeguardingReferral._meta.get_field("concern").max_length,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Enter the concern")},
    )
    immediate_risk = _yes_no_field(
        label=_("Is anyone at immediate risk?"),
        error_messages={"required": _("Select yes if anyone is at immediate risk")},
    )
    submission_key = SubmissionKeyField()
    error_subjects = {"concern": _("The concern")}
    label_sizes = {"concern": "m", "immediate_risk": "m"}


class SafeguardingAcknowledgeForm(GovukForm):
    """P11: the manager records that they have acknowledged the concern and what was done."""

    action_taken = forms.CharField(
        label=_("What was done?"),
        help_text=_(
            "For example, who you spoke to, whether you referred the concern to the adult or "
            "child protection team, and what happens next."
        ),
        max_length=ACTION_TAKEN_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Enter what was done about the concern")},
    )
    error_subjects = {"action_taken": _("What was done")}
    label_sizes = {"action_taken": "m"}


class PeopleSearchForm(GovukForm):
    q = forms.CharField(
        label=_("Search by name or local identifier"),
        max_length=selectors.SEARCH_MAX_LENGTH,
        required=False,
    )
    error_subjects = {"q": _("Your search")}

    @property
    def query(self) -> str:
        return self.cleaned_data.get("q", "") if self.is_valid() else ""
