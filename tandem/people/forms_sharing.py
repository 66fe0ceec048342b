"""Forms for consent to share and for emergency (break-glass) access: they parse and validate
input only; the rules are in people/consent.py and people/emergency.py."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tandem.people import emergency, rules
from tandem.people.models import BreakGlassAccess, ConsentRecord
from tandem.ui.forms import GovukDateField, GovukForm

GivenBy = ConsentRecord.GivenBy
NAME_MAX_LENGTH = ConsentRecord._meta.get_field("given_by_name").max_length


class _GiverMixin:
    """Someone other than the person gives or withdraws consent on their behalf: their name is
    asked for, beside the answer, and needed."""

    who_field = ""
    name_field = ""

    def clean(self):
        cleaned = super().clean()  # type: ignore[misc]
        who = cleaned.get(self.who_field)
        name = (cleaned.get(self.name_field) or "").strip()
        if who and who != GivenBy.PERSON and not name:
            self.add_error(  # type: ignore[attr-defined]
                self.name_field, _("Enter the name of the person who spoke for them")
            )
        return cleaned


class ConsentGiveForm(_GiverMixin, GovukForm):
    who_field, name_field = "given_by", "given_by_name"

    purpose = forms.ChoiceField(
        label=_("What does the person consent to?"),
        choices=ConsentRecord.Purpose.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what the person consents to")},
    )
    given_by = forms.ChoiceField(
        label=_("Who gave consent?"),
        choices=GivenBy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who gave consent")},
    )
    given_by_name = forms.CharField(
        label=_("Their name (if not the person themselves)"),
        max_length=NAME_MAX_LENGTH,
        required=False,
    )
    method = forms.ChoiceField(
        label=_("How was consent given?"),
        choices=ConsentRecord.Method.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how consent was given")},
    )
    given_on = GovukDateField(
        label=_("When was consent given?"),
        help_text=_("For example, 27 3 2026"),
        allow_future=False,
        error_messages={"required": _("Enter the date consent was given")},
    )
    notes = forms.CharField(
        label=_("Notes (optional)"),
        help_text=_("For example, any limits the person set."),
        max_length=ConsentRecord._meta.get_field("notes").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    error_subjects = {
        "given_by_name": _("Their name"),
        "given_on": _("The date consent was given"),
        "notes": _("Notes"),
    }
    label_sizes = {"purpose": "m", "given_by": "m", "method": "m", "given_on": "m"}


class ConsentWithdrawForm(_GiverMixin, GovukForm):
    who_field, name_field = "withdrawn_by", "withdrawn_by_name"

    withdrawn_by = forms.ChoiceField(
        label=_("Who withdrew consent?"),
        choices=GivenBy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who withdrew consent")},
    )
    withdrawn_by_name = forms.CharField(
        label=_("Their name (if not the person themselves)"),
        max_length=NAME_MAX_LENGTH,
        required=False,
    )
    withdrawn_on = GovukDateField(
        label=_("When was consent withdrawn?"),
        help_text=_("For example, 27 3 2026"),
        allow_future=False,
        error_messages={"required": _("Enter the date consent was withdrawn")},
    )
    error_subjects = {
        "withdrawn_by_name": _("Their name"),
        "withdrawn_on": _("The date consent was withdrawn"),
    }
    label_sizes = {"withdrawn_by": "m", "withdrawn_on": "m"}


class EmergencySearchForm(GovukForm):
    identifier = forms.CharField(
        label=_("Local identifier"),
        help_text=_("The person’s reference in your organisation’s case record system, in full."),
        max_length=emergency.SEARCH_MAX_LENGTH,
        error_messages={"required": _("Enter the person’s local identifier")},
    )
    error_subjects = {"identifier": _("Local identifier")}


class BreakGlassForm(GovukForm):
    reason = forms.CharField(
        label=_("Why do you need to open this record now?"),
        help_text=_(
            "Say what the emergency is and why it cannot wait for the person’s own team. "
            "Your reason is shown on the record and to your manager."
        ),
        min_length=rules.BREAK_GLASS_REASON_MIN_LENGTH,
        max_length=BreakGlassAccess._meta.get_field("reason").max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Enter why you need to open this record now"),
            "min_length": _("Your reason must be %(limit_value)d characters or more"),
        },
    )
    error_subjects = {"reason": _("Your reason")}
    label_sizes = {"reason": "m"}

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if len(reason) < rules.BREAK_GLASS_REASON_MIN_LENGTH:
            raise ValidationError(
                _("Your reason must be %(min)d characters or more")
                % {"min": rules.BREAK_GLASS_REASON_MIN_LENGTH}
            )
        return reason
