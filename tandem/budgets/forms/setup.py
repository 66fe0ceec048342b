"""Forms for the administrator's setup of the Resource Allocation System and the catalogue of
services. They only parse and validate; services/setup.py saves."""

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.budgets.forms.parts import money_messages
from tandem.budgets.models import (
    MAX_UNIT_COST,
    MAX_WEEKLY_AMOUNT,
    RasAdjustment,
    RasAnswer,
    RasQuestion,
    RasScheme,
    Service,
    ServiceRate,
    Unit,
)
from tandem.budgets.money import pounds
from tandem.budgets.services.setup import service_fingerprint
from tandem.ui.forms import GovukDateField, GovukModelForm, SubmissionKeyField

# A point worth more than £1,000 a week is a slip of the keyboard.
MAX_PRICE_PER_POINT = Decimal("1000.00")
MAX_POINTS = 1000
EARLIEST_RATE_DATE = datetime.date(2000, 1, 1)
RATE_YEARS_AHEAD = 5


def _amount_input(width: str = "govuk-input--width-10", mode: str = "decimal") -> forms.TextInput:
    """GOV.UK asks for a text box, not type="number", for amounts and counts: what was typed is
    kept as it was (a browser's number box drops text it can't read) and gets a written message."""
    return forms.TextInput(attrs={"inputmode": mode, "class": width, "spellcheck": "false"})


BROKEN_PAGE = _(
    "This page could not be saved. Go back to the scheme, open the page again and make your "
    "changes again"
)


class DraftRevisionMixin(forms.Form):
    """The draft's revision when the page was loaded (ADR 0002): a save over someone else's
    newer change is refused. Hidden: only a broken or tampered page sends it wrong."""

    revision = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        required=False,
        error_messages={"invalid": BROKEN_PAGE, "min_value": BROKEN_PAGE},
    )
    submission_key = SubmissionKeyField()

    def loaded_revision(self) -> int:
        return self.cleaned_data.get("revision") or 0

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields}  # type: ignore[attr-defined]

    def keep_typing(self, revision: int, message: str) -> None:
        """Someone else changed the draft first: keep what was typed, say why it was not saved,
        and let a second save (after checking) go through."""
        self.data = self.data.copy()
        self.data["revision"] = str(revision)
        self.add_error(None, message)  # type: ignore[attr-defined]


class SchemeDetailsForm(DraftRevisionMixin, GovukModelForm):
    class Meta:
        model = RasScheme
        fields = ["name", "price_per_point", "minimum_weekly", "maximum_weekly", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}
        labels = {
            "name": _("Name of the scheme"),
            "price_per_point": _("Price of a point (£ a week)"),
            "minimum_weekly": _("Smallest weekly budget (optional)"),
            "maximum_weekly": _("Largest weekly budget (optional)"),
            "notes": _("Notes for workers (optional)"),
        }
        help_texts = {
            "name": _("For example, “Adult social care RAS 2026”."),
            "price_per_point": _(
                "What each point a person scores is worth each week. For example, 4.15"
            ),
            "minimum_weekly": _(
                "Nobody’s indicative budget is less than this, whatever they score."
            ),
            "maximum_weekly": _(
                "Nobody’s indicative budget is more than this: a larger budget needs a manager’s "
                "decision."
            ),
            "notes": _("Shown to workers when they complete the scheme with a person."),
        }
        error_messages = {
            "name": {"required": _("Enter a name for the scheme")},
            "price_per_point": {
                "required": _("Enter the price of a point"),
                **money_messages(_("The price of a point"), MAX_PRICE_PER_POINT, allow_zero=False),
            },
            "minimum_weekly": money_messages(_("The smallest weekly budget"), MAX_WEEKLY_AMOUNT),
            "maximum_weekly": money_messages(_("The largest weekly budget"), MAX_WEEKLY_AMOUNT),
        }

    error_subjects = {"name": _("The name of the scheme"), "notes": _("The notes for workers")}
    input_prefixes = {"price_per_point": "£", "minimum_weekly": "£", "maximum_weekly": "£"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["price_per_point"].validators.append(MaxValueValidator(MAX_PRICE_PER_POINT))
        self.fields["minimum_weekly"].validators.append(MaxValueValidator(MAX_WEEKLY_AMOUNT))
        for name in ("price_per_point", "minimum_weekly", "maximum_weekly"):
            self.fields[name].widget = _amount_input()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        minimum, maximum = cleaned.get("minimum_weekly"), cleaned.get("maximum_weekly")
        if minimum is not None and maximum is not None and minimum > maximum:
            self.add_error(
                "maximum_weekly",
                _(
                    "The largest weekly budget must be the same as the smallest (%(minimum)s) "
                    "or more"
                )
                % {"minimum": pounds(minimum)},
            )
        return cleaned


class SchemeQuestionForm(DraftRevisionMixin, GovukModelForm):
    class Meta:
        model = RasQuestion
        fields = ["text", "hint"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "hint": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"text": _("Question"), "hint": _("Help for the person answering (optional)")}
        help_texts = {
            "text": _(
                "About the person’s needs. For example, “How much help do you need to wash "
                "and dress?”"
            ),
        }
        error_messages = {"text": {"required": _("Enter a question about the person’s needs")}}

    error_subjects = {"text": _("The question"), "hint": _("The help for the person answering")}


class SchemeAnswerForm(DraftRevisionMixin, GovukModelForm):
    class Meta:
        model = RasAnswer
        fields = ["text", "points"]
        labels = {"text": _("Answer"), "points": _("Points")}
        help_texts = {
            "text": _("For example, “I need help every morning and evening”."),
            "points": _("A whole number from 0 to %(max)s. For example, 12") % {"max": MAX_POINTS},
        }
        error_messages = {
            "text": {"required": _("Enter the answer the person can choose")},
            "points": {
                "required": _("Enter the points this answer scores"),
                "invalid": _("Points must be a whole number, like 12"),
                "min_value": _("Points must be 0 or more"),
                "max_value": _("Points must be %(max)s or less") % {"max": f"{MAX_POINTS:,}"},
            },
        }

    error_subjects = {"text": _("The answer")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["points"].widget = _amount_input("govuk-input--width-4", "numeric")
        self.fields["points"].max_value = MAX_POINTS


ADJUSTMENT_EXAMPLE = _("like -40.00 to lower the budget or 25.50 to raise it")


class SchemeAdjustmentForm(DraftRevisionMixin, GovukModelForm):
    class Meta:
        model = RasAdjustment
        fields = ["label", "weekly_amount"]
        labels = {
            "label": _("When does it apply?"),
            "weekly_amount": _("Change to the weekly budget (£)"),
        }
        help_texts = {
            "label": _("For example, “Has a carer who provides substantial support”."),
            "weekly_amount": _(
                "A minus sign lowers the budget. For example, -40.00 takes £40 a week off."
            ),
        }
        error_messages = {
            "label": {"required": _("Enter when the adjustment applies")},
            "weekly_amount": {
                "required": _("Enter the change to the weekly budget, %(example)s")
                % {"example": ADJUSTMENT_EXAMPLE},
                "invalid": _(
                    "The change to the weekly budget must be an amount in pounds, %(example)s"
                )
                % {"example": ADJUSTMENT_EXAMPLE},
                "min_value": _("The change to the weekly budget must be %(min)s or more")
                % {"min": pounds(-MAX_WEEKLY_AMOUNT)},
                "max_value": _("The change to the weekly budget must be %(max)s or less")
                % {"max": pounds(MAX_WEEKLY_AMOUNT)},
                "max_decimal_places": _(
                    "The change to the weekly budget must be in pounds and pence, like -40.00"
                ),
                "max_digits": _("The change to the weekly budget must be %(max)s or less")
                % {"max": pounds(MAX_WEEKLY_AMOUNT)},
                "max_whole_digits": _("The change to the weekly budget must be %(max)s or less")
                % {"max": pounds(MAX_WEEKLY_AMOUNT)},
            },
        }

    error_subjects = {"label": _("When the adjustment applies")}
    input_prefixes = {"weekly_amount": "£"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Not "decimal": some phone keyboards for it have no minus sign.
        self.fields["weekly_amount"].widget = _amount_input(mode="text")

    def clean_weekly_amount(self) -> Decimal | None:
        amount = self.cleaned_data.get("weekly_amount")
        if amount is not None and amount == 0:
            raise forms.ValidationError(
                _("An adjustment of £0 changes nothing: enter an amount, %(example)s")
                % {"example": ADJUSTMENT_EXAMPLE},
                code="zero",
            )
        return amount


def _rate_date_field() -> GovukDateField:
    return GovukDateField(
        label=_("From"),
        help_text=_("The first day this unit cost applies. For example, 1 4 2026"),
        error_messages={"required": _("Enter the date this unit cost applies from")},
    )


def _check_rate_date(form: forms.Form, day: datetime.date | None) -> None:
    if day is None:
        return
    latest = timezone.localdate().replace(year=timezone.localdate().year + RATE_YEARS_AHEAD)
    if day < EARLIEST_RATE_DATE:
        form.add_error(
            "effective_from", _("The date the unit cost applies from must be in 2000 or later")
        )
    elif day > latest:
        form.add_error(
            "effective_from",
            _("The date the unit cost applies from must be within %(years)s years from today")
            % {"years": RATE_YEARS_AHEAD},
        )


UNIT_COST_HELP = _("What one unit costs – an hour, a session, a day, a week. For example, 24.50")


class CatalogueServiceForm(GovukModelForm):
    """Add a service with its first unit cost, or change a service's details (then the form
    carries what the page was loaded with, so a save over someone else's change is refused)."""

    unit_cost = forms.DecimalField(
        label=_("Unit cost (£)"),
        help_text=UNIT_COST_HELP,
        max_digits=10,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=MAX_UNIT_COST,
        error_messages={
            "required": _("Enter the unit cost"),
            **money_messages(_("The unit cost"), MAX_UNIT_COST, allow_zero=False),
        },
    )
    effective_from = _rate_date_field()
    loaded = forms.CharField(widget=forms.HiddenInput, required=False)
    submission_key = SubmissionKeyField()

    class Meta:
        model = Service
        fields = ["name", "unit", "description"]
        widgets = {"unit": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 3})}
        labels = {
            "name": _("Name of the service"),
            "unit": _("How is it charged?"),
            "description": _("Description (optional)"),
        }
        help_texts = {
            "name": _("For example, “Home care – personal care”."),
            "description": _("What it is, who provides it, anything a worker should know."),
        }
        error_messages = {
            "name": {"required": _("Enter a name for the service")},
            "unit": {
                "required": _("Select how the service is charged"),
                "invalid_choice": _("Select how the service is charged"),
            },
        }

    error_subjects = {
        "name": _("The name of the service"),
        "description": _("The description"),
        "effective_from": _("The date the unit cost applies from"),
    }
    input_prefixes = {"unit_cost": "£"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = Unit.choices
        if self.instance.pk:
            # Changing a service: its unit costs have their own page.
            del self.fields["unit_cost"], self.fields["effective_from"]
            del self.fields["submission_key"]
            self.initial.setdefault("loaded", service_fingerprint(self.instance))
        else:
            del self.fields["loaded"]
            self.fields["unit_cost"].widget = _amount_input()
            self.initial.setdefault("effective_from", timezone.localdate())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "effective_from" in self.fields:
            _check_rate_date(self, cleaned.get("effective_from"))
        return cleaned

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields}

    def keep_typing(self, current: Service, message: str) -> None:
        self.data = self.data.copy()
        self.data["loaded"] = service_fingerprint(current)
        self.add_error(None, message)


class CatalogueRateForm(GovukModelForm):
    submission_key = SubmissionKeyField()

    class Meta:
        model = ServiceRate
        fields = ["unit_cost", "effective_from"]
        field_classes = {"effective_from": GovukDateField}
        labels = {"unit_cost": _("Unit cost (£)"), "effective_from": _("From")}
        help_texts = {
            "unit_cost": UNIT_COST_HELP,
            "effective_from": _("The first day this unit cost applies. For example, 1 4 2026"),
        }
        error_messages = {
            "unit_cost": {
                "required": _("Enter the unit cost"),
                **money_messages(_("The unit cost"), MAX_UNIT_COST, allow_zero=False),
            },
            "effective_from": {"required": _("Enter the date this unit cost applies from")},
        }

    error_subjects = {"effective_from": _("The date the unit cost applies from")}
    input_prefixes = {"unit_cost": "£"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit_cost"].widget = _amount_input()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        _check_rate_date(self, cleaned.get("effective_from"))
        return cleaned

    def _post_clean(self) -> None:
        # The service checks a second unit cost on the same date, with its own message.
        self._validate_unique = False
        super()._post_clean()
