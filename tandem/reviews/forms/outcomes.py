"""The form of a new or different outcome agreed at a review (R5). It only parses and
validates; the service checks again under the review's lock."""

from datetime import date
from typing import Any
from uuid import UUID

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.plans.models import Outcome
from tandem.reviews.services.outcomes import achieve_by_problem
from tandem.ui.forms import DATE_PARTS, DateError, GovukDateField, GovukForm, SubmissionKeyField

NEW = "new"
UNKNOWN = _("That is an unknown outcome: select “A new outcome” or one of the outcomes above")


class ReviewOutcomeForm(GovukForm):
    """`outcomes` are the reviewed plan's, offered as the one this one says differently."""

    changes = forms.ChoiceField(
        label=_("Is this a new outcome, or a different way of saying one of the outcomes above?"),
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": UNKNOWN},
    )
    words = forms.CharField(
        label=_("What does the person want, in their own words?"),
        help_text=_(
            "Say what should change or be achieved, or what should stay the same – for example "
            "“I want to go back to work, two days a week”."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter what the person wants, in their own words")},
    )
    kind = forms.ChoiceField(
        label=_("Is this about change, or staying well?"),
        choices=Outcome.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select whether this is about change or staying well"),
            "invalid_choice": _("Select whether this is about change or staying well"),
        },
    )
    achieve_by = GovukDateField(
        label=_("By when?"),
        help_text=_("A date after the review. For example, 27 3 2027"),
        subject=_("The date it should be achieved by"),
        error_messages={DateError.REQUIRED: _("Enter the date it should be achieved by")},
    )
    life_area = forms.ChoiceField(
        label=_("Area of life (optional)"),
        help_text=_("So that outcomes can be counted across people."),
        required=False,
        error_messages={"invalid_choice": _("Select an area of life from the list")},
    )
    error_subjects = {"words": _("The outcome")}

    def __init__(
        self,
        *args: Any,
        outcomes: list[Outcome],
        held_on: date | None = None,
        life_areas: Any = (),
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.held_on = held_on
        # The areas of life for this person (plans.frameworks.life_area_choices).
        self.fields["life_area"].choices = list(life_areas) or [("", _("Choose an area of life"))]
        self.fields["changes"].choices = [(NEW, _("A new outcome"))] + [
            (
                str(outcome.uid),
                _("A different way of saying “%(words)s”") % {"words": outcome.words},
            )
            for outcome in outcomes
        ]
        self.fields["changes"].initial = NEW

    def clean_achieve_by(self) -> date:
        achieve_by = self.cleaned_data["achieve_by"]
        problem = achieve_by_problem(achieve_by, held_on=self.held_on, today=timezone.localdate())
        if problem:
            raise forms.ValidationError(problem, params={"parts": DATE_PARTS})
        return achieve_by

    def clean_changes(self) -> UUID | None:
        value = self.cleaned_data.get("changes")
        return UUID(value) if value and value != NEW else None

    def values(self) -> dict[str, Any]:
        return {
            "words": self.cleaned_data["words"],
            "kind": self.cleaned_data["kind"],
            "achieve_by": self.cleaned_data["achieve_by"],
            "changes_uid": self.cleaned_data["changes"],
            "life_area": self.cleaned_data.get("life_area", ""),
        }


class ReviewOutcomeAddForm(ReviewOutcomeForm):
    submission_key = SubmissionKeyField()


class ReviewOutcomeChangeForm(ReviewOutcomeForm):
    """`loaded` is what the form was given (services.outcomes.loaded_stamp)."""

    loaded = forms.CharField(
        widget=forms.HiddenInput,
        error_messages={"required": _("Reload the page and try again")},
    )
