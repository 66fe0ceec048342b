"""The form for recording a contact with someone in the plan. It only parses and validates."""

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.people.models import CircleMember, Person
from tandem.reviews import rules
from tandem.reviews.models import Contact
from tandem.ui.forms import DATE_PARTS, DateError, GovukDateField, GovukForm, SubmissionKeyField

PERSON = "person"
SOMEONE_ELSE = "other"


class ContactForm(GovukForm):
    """Who the contact was with is chosen from the person and their circle, or typed in."""

    who = forms.ChoiceField(
        label=_("Who was the contact with?"),
        help_text=_("Choose someone in the person’s circle of support, or someone else."),
        error_messages={
            "required": _("Select who the contact was with"),
            "invalid_choice": _("Select who the contact was with"),
        },
    )
    other_name = forms.CharField(
        label=_("If someone else, their name and role"),
        help_text=_("For example, Dr Shah, the person’s GP."),
        required=False,
        max_length=200,
    )
    how = forms.ChoiceField(
        label=_("How was the contact made?"),
        choices=Contact.How.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select how the contact was made"),
            "invalid_choice": _("Select how the contact was made"),
        },
    )
    happened_on = GovukDateField(
        label=_("When was the contact?"),
        help_text=_("For example, 27 3 2026"),
        allow_future=False,
        subject=_("The date"),
        error_messages={DateError.REQUIRED: _("Enter the date of the contact")},
    )
    note = forms.CharField(
        label=_("What was said or agreed?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter what was said or agreed")},
    )
    submission_key = SubmissionKeyField()
    error_subjects = {
        "other_name": _("Their name and role"),
        "happened_on": _("The date"),
        "note": _("What was said or agreed"),
    }

    def __init__(self, *args: Any, person: Person, first_plan_on: date | None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.first_plan_on = first_plan_on
        self.members = {str(m.pk): m for m in person.circle.all()}
        self.fields["who"].choices = [
            ("", _("Choose who the contact was with")),
            (PERSON, _("%(name)s (the person)") % {"name": person.known_as}),
            (
                _("Circle of support"),
                [
                    (f"member:{pk}", f"{m.name} ({m.get_kind_display()})")
                    for pk, m in self.members.items()
                ],
            ),
            (SOMEONE_ELSE, _("Someone else")),
        ]
        self.person = person

    def clean_happened_on(self) -> date:
        happened_on = self.cleaned_data["happened_on"]
        problem = rules.contact_date_problem(
            happened_on, today=timezone.localdate(), first_plan_on=self.first_plan_on
        )
        if problem:
            raise forms.ValidationError(problem, params={"parts": DATE_PARTS})
        return happened_on

    def clean_note(self) -> str:
        note = self.cleaned_data["note"].strip()
        if not note:
            raise forms.ValidationError(_("Enter what was said or agreed"))
        return note

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("who") == SOMEONE_ELSE and not cleaned.get("other_name", "").strip():
            if not self.has_error("other_name"):
                self.add_error("other_name", _("Enter the name of who the contact was with"))
        return cleaned

    def contact_values(self) -> dict[str, Any]:
        """What the service needs: the circle member chosen, or the name typed."""
        data = self.cleaned_data
        who: str = data["who"]
        member: CircleMember | None = None
        with_whom = ""
        if who == PERSON:
            with_whom = self.person.full_name
        elif who == SOMEONE_ELSE:
            with_whom = data["other_name"].strip()
        else:
            member = self.members[who.partition(":")[2]]
        return {
            "circle_member": member,
            "with_whom": with_whom,
            "how": data["how"],
            "happened_on": data["happened_on"],
            "note": data["note"],
            "submission_key": data["submission_key"],
        }
