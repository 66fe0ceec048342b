"""Forms for a person's indicative budget and financial assessment: parsing and checking input
only. Saving is done by tandem/budgets/services/person.py, whose refusals come back as errors on
the form."""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from tandem.budgets.forms.parts import money_messages
from tandem.budgets.models import MAX_WEEKLY_AMOUNT, FinancialAssessment, RasScheme
from tandem.budgets.money import pounds
from tandem.budgets.services.person import SCHEME_CHANGED
from tandem.ui.forms import GovukDateField, GovukForm, SubmissionKeyField

YES, NO = "yes", "no"
YES_NO = [(YES, _("Yes")), (NO, _("No"))]


class PoundsField(forms.DecimalField):
    """An amount in pounds and pence, as people type it: "£1,234.50" is 1234.50."""

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 10)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:
        if isinstance(value, str):
            value = value.strip().replace("£", "").replace(",", "").replace(" ", "")
        return super().to_python(value)

    def run_validators(self, value: Any) -> None:
        """One message for one amount: an absurd one breaks both the limit and the digits."""
        try:
            super().run_validators(value)
        except ValidationError as error:
            raise ValidationError(error.error_list[:1]) from None


def scheme_key(scheme: RasScheme) -> str:
    """Which version of the scheme, as changed how many times, a form was made from."""
    return f"{scheme.pk}-{scheme.revision}"


class RasForm(GovukForm):
    """The organisation's scheme in use: one question a radio group, the adjustments that
    apply, and whether the person took part. Made for one version of the scheme: sent after the
    scheme changed, it is refused and shown again for the version now in use."""

    scheme_key = forms.CharField(widget=forms.HiddenInput, required=False)
    submission_key = SubmissionKeyField()

    def __init__(self, *args: Any, scheme: RasScheme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scheme = scheme
        self.initial["scheme_key"] = scheme_key(scheme)
        self.questions = list(scheme.questions.prefetch_related("answers"))
        self.scheme_adjustments = list(scheme.adjustments.all())
        fields: dict[str, forms.Field] = {}
        for number, question in enumerate(self.questions, start=1):
            answers = list(question.answers.all())
            field = forms.ChoiceField(
                label=question.text,
                help_text=question.hint,
                choices=[(str(a.pk), a.text) for a in answers],
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Select an answer to question %(number)s") % {"number": number},
                    "invalid_choice": _("Select one of the answers given for question %(number)s")
                    % {"number": number},
                },
            )
            field.widget.choice_hints = {  # type: ignore[attr-defined]
                str(a.pk): _("%(points)s points") % {"points": a.points} for a in answers
            }
            fields[f"answer_{question.pk}"] = field
        if self.scheme_adjustments:
            adjustments = forms.MultipleChoiceField(
                label=_("Do any of these apply?"),
                help_text=_("Select all that apply. Each changes the weekly amount."),
                choices=[(str(a.pk), a.label) for a in self.scheme_adjustments],
                widget=forms.CheckboxSelectMultiple,
                required=False,
                error_messages={"invalid_choice": _("Select only adjustments from the list")},
            )
            adjustments.widget.choice_hints = {  # type: ignore[attr-defined]
                str(a.pk): _adjustment_hint(a.weekly_amount) for a in self.scheme_adjustments
            }
            fields["adjustments"] = adjustments
        fields["with_person"] = forms.TypedChoiceField(
            label=_("Did you complete this with the person?"),
            choices=YES_NO,
            coerce=lambda value: value == YES,
            widget=forms.RadioSelect,
            error_messages={
                "required": _("Select yes if you completed this with the person"),
                "invalid_choice": _("Select yes if you completed this with the person"),
            },
        )
        self.label_sizes = {name: "m" for name in fields}
        # The questions come first; the hidden keys last (the order they are rendered in).
        hidden = {name: self.fields.pop(name) for name in ("scheme_key", "submission_key")}
        self.fields.update(fields)
        self.fields.update(hidden)

    @property
    def is_stale(self) -> bool:
        return self.is_bound and self.data.get("scheme_key") != scheme_key(self.scheme)

    def full_clean(self) -> None:
        super().full_clean()
        if self.is_stale:
            self.refuse_stale(str(SCHEME_CHANGED))

    def refuse_stale(self, message: str) -> None:
        """The scheme changed since the form was shown: say so, and only that (its questions
        may be new, so "answer question 3" would be noise), keep any answers still offered,
        and let the next send go through."""
        self._errors = ErrorDict(renderer=self.renderer)
        self.cleaned_data = {}
        self.data = self.data.copy()
        self.data["scheme_key"] = scheme_key(self.scheme)
        self.add_error(None, message)

    def answers(self) -> dict[int, int]:
        """Question id → the id of the answer chosen."""
        return {
            question.pk: int(self.cleaned_data[f"answer_{question.pk}"])
            for question in self.questions
        }

    def adjustments(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data.get("adjustments", [])]


def _adjustment_hint(amount: Decimal) -> str:
    if amount < 0:
        return str(_("Takes %(amount)s a week off") % {"amount": pounds(-amount)})
    return str(_("Adds %(amount)s a week") % {"amount": pounds(amount)})


class OutsideBudgetForm(GovukForm):
    """P8: an indicative budget the council set outside Tandem."""

    weekly_amount = PoundsField(
        label=_("Indicative budget, a week"),
        help_text=_("In pounds and pence, for example 245.50"),
        min_value=Decimal("0.01"),
        max_value=MAX_WEEKLY_AMOUNT,
        error_messages={
            "required": _("Enter the indicative budget a week"),
            **money_messages(_("The indicative budget"), MAX_WEEKLY_AMOUNT, allow_zero=False),
        },
    )
    source_details = forms.CharField(
        label=_("Where does the figure come from?"),
        help_text=_(
            "For example, “the council’s panel decision letter” or “the previous council’s "
            "resource allocation”."
        ),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter where the figure comes from")},
    )
    set_on = GovukDateField(
        label=_("Date it was set"),
        help_text=_("For example, 27 3 2025"),
        allow_future=False,
        error_messages={"required": _("Enter the date the budget was set")},
    )
    submission_key = SubmissionKeyField()

    error_subjects = {
        "source_details": _("Where the figure comes from"),
        "set_on": _("The date the budget was set"),
    }
    input_prefixes = {"weekly_amount": "£"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["weekly_amount"].widget.attrs.update(
            {"class": "govuk-input--width-10", "inputmode": "decimal", "spellcheck": "false"}
        )


class FinancialAssessmentForm(GovukForm):
    """P7: whether the financial assessment is done, when, and the weekly contribution."""

    submission_key = SubmissionKeyField()

    status = forms.ChoiceField(
        label=_("Has the financial assessment been done?"),
        choices=FinancialAssessment.Status.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select whether the financial assessment has been done"),
            "invalid_choice": _("Select whether the financial assessment has been done"),
        },
    )
    assessed_on = GovukDateField(
        label=_("Date of the assessment"),
        help_text=_("Needed if it is done. For example, 27 3 2025"),
        allow_future=False,
        required=False,
    )
    weekly_contribution = PoundsField(
        label=_("Assessed weekly contribution"),
        help_text=_(
            "What the person was assessed to pay each week towards their support. Needed if "
            "the assessment is done: enter 0 if they pay nothing."
        ),
        min_value=Decimal("0"),
        max_value=MAX_WEEKLY_AMOUNT,
        required=False,
        error_messages=money_messages(_("The weekly contribution"), MAX_WEEKLY_AMOUNT),
    )
    notes = forms.CharField(
        label=_("Notes (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    error_subjects = {
        "assessed_on": _("The date of the assessment"),
        "notes": _("The notes"),
    }
    input_prefixes = {"weekly_contribution": "£"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["weekly_contribution"].widget.attrs.update(
            {"class": "govuk-input--width-10", "inputmode": "decimal", "spellcheck": "false"}
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("status") == FinancialAssessment.Status.DONE:
            if cleaned.get("assessed_on") is None and not self.has_error("assessed_on"):
                self.add_error("assessed_on", _("Enter the date of the assessment"))
            if cleaned.get("weekly_contribution") is None and not self.has_error(
                "weekly_contribution"
            ):
                self.add_error(
                    "weekly_contribution",
                    _("Enter the assessed weekly contribution, or 0 if they pay nothing"),
                )
        return cleaned
