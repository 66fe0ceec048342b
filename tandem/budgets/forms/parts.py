"""Forms for the parts budgets adds to a plan: resources, trade-offs and their options, costs.
They only parse and validate; the catalogue's price is looked up here because it is what the
user is shown and agrees to."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.budgets.models import (
    MAX_QUANTITY,
    MAX_TIMES,
    MAX_UNIT_COST,
    MAX_WEEKLY_AMOUNT,
    CostLine,
    Payer,
    Resource,
    Service,
    ServiceRate,
    TradeOff,
    TradeOffOption,
    Unit,
)
from tandem.budgets.money import Period, pounds
from tandem.plans.forms.items import PlanPartForm


def money_messages(subject: str, maximum: Decimal, *, allow_zero: bool = True) -> dict:
    """Messages for an amount of money: in pounds and pence, never "Enter a number"."""
    return {
        "invalid": _("%(subject)s must be an amount in pounds, like 125.50") % {"subject": subject},
        "min_value": (
            _("%(subject)s must be £0 or more")
            if allow_zero
            else _("%(subject)s must be more than £0")
        )
        % {"subject": subject},
        "max_value": _("%(subject)s must be %(max)s or less")
        % {"subject": subject, "max": pounds(maximum)},
        "max_decimal_places": _("%(subject)s must be in pounds and pence, like 125.50")
        % {"subject": subject},
        "max_digits": _("%(subject)s must be %(max)s or less")
        % {"subject": subject, "max": pounds(maximum)},
        "max_whole_digits": _("%(subject)s must be %(max)s or less")
        % {"subject": subject, "max": pounds(maximum)},
    }


class ResourceForm(PlanPartForm):
    class Meta:
        model = Resource
        fields = ["kind", "description", "weekly_value"]
        widgets = {"kind": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "description": _(
                "For example, “Gwen’s daughter drives her to the shops on Saturdays” or “a bus "
                "pass”."
            ),
            "weekly_value": _(
                "Only for money – another funding stream, or what the person will pay. For "
                "example, 40.00"
            ),
        }
        error_messages = {
            "kind": {"required": _("Select what kind of resource it is")},
            "description": {"required": _("Describe the resource")},
            "weekly_value": money_messages(_("The money it brings each week"), MAX_WEEKLY_AMOUNT),
        }

    error_subjects = {"description": _("The description of the resource")}
    input_prefixes = {"weekly_value": "£"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Resource.Kind.choices


class TradeOffForm(PlanPartForm):
    class Meta:
        model = TradeOff
        fields = ["outcome", "question", "why_chosen"]
        widgets = {"why_chosen": forms.Textarea(attrs={"rows": 3})}
        labels = {"outcome": _("Which outcome are you weighing up ways of meeting?")}
        help_texts = {
            "question": _(
                "For example, “Getting to the football: a season ticket with a friend, or a "
                "support worker”."
            ),
            "why_chosen": _("Once you have chosen an option: what made it the right one."),
        }
        error_messages = {
            "outcome": {
                "required": _("Select the outcome"),
                "invalid_choice": _("Select an outcome of this plan"),
            },
            "question": {"required": _("Enter what you are weighing up")},
        }

    error_subjects = {
        "question": _("What you are weighing up"),
        "why_chosen": _("Why the option was chosen"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].queryset = self.instance.plan.outcomes.all()
        self.fields["outcome"].empty_label = _("Choose an outcome")


class OptionForm(PlanPartForm):
    class Meta:
        model = TradeOffOption
        fields = ["description", "provider", "weekly_cost", "one_off_cost", "gives"]
        widgets = {"gives": forms.Textarea(attrs={"rows": 3})}
        labels = {"weekly_cost": _("What does it cost a week? (£)")}
        help_texts = {
            "description": _("For example, “A season ticket, going with a friend”."),
            "provider": _("A person, group or organisation."),
            "weekly_cost": _("Leave blank if it costs nothing each week. For example, 12.50"),
            "one_off_cost": _("Only if there is one. For example, 350.00"),
            "gives": _("What difference it makes to the person, in their words if you can."),
        }
        error_messages = {
            "description": {"required": _("Enter what this option is")},
            "provider": {"required": _("Enter who provides it")},
            "gives": {"required": _("Enter what it gives the person")},
            "weekly_cost": money_messages(_("The cost a week"), MAX_WEEKLY_AMOUNT),
            "one_off_cost": money_messages(_("The one-off cost"), MAX_WEEKLY_AMOUNT),
        }

    error_subjects = {
        "description": _("The option"),
        "provider": _("Who provides it"),
        "gives": _("What it gives the person"),
    }
    input_prefixes = {"weekly_cost": "£", "one_off_cost": "£"}


CATALOGUE_PRICE_HELP = _(
    "Leave blank to use the price in your organisation’s list. If you give a different price, "
    "say why."
)


class CostLineForm(PlanPartForm):
    """What one thing costs: units × how many times × unit cost, every week, month or year,
    or once; and who pays."""

    pays_for = forms.ChoiceField(
        label=_("Which action or support arrangement does this pay for?"),
        required=False,
        help_text=_("Every action or support paid with money needs a cost before agreement."),
        error_messages={
            "invalid_choice": _("Select an action or support arrangement of this plan")
        },
    )

    class Meta:
        model = CostLine
        fields = [
            "description",
            "service",
            "unit_cost",
            "unit",
            "own_price_reason",
            "quantity",
            "times",
            "period",
            "payer",
            "funding_stream",
            "managed_by",
        ]
        widgets = {
            "period": forms.RadioSelect,
            "payer": forms.RadioSelect,
            "unit": forms.RadioSelect,
        }
        labels = {
            "service": _("Which service is it?"),
            "unit_cost": _("Unit cost (£)"),
            "unit": _("How is it charged?"),
        }
        help_texts = {
            "description": _("For example, “Morning visits to help with washing and dressing”."),
            "unit": _("Only for a service that is not in the list."),
            "quantity": _("For example, 1.5 for an hour and a half each visit."),
            "times": _("For example, 7 for a visit every day of the week."),
            "funding_stream": _(
                "Only when another funding stream pays: for example, “NHS continuing health care”."
            ),
            "managed_by": _(
                "For example, “Gwen, with her daughter’s help”, or the provider of an individual "
                "service fund."
            ),
        }
        error_messages = {
            "description": {"required": _("Enter what this pays for")},
            "service": {"invalid_choice": _("Select a service from your organisation’s list")},
            "unit_cost": money_messages(_("The unit cost"), MAX_UNIT_COST, allow_zero=False),
            "unit": {"required": _("Select how it is charged")},
            "quantity": {
                "required": _("Enter how many units each time"),
                "invalid": _("How many units each time must be a number, like 1.5"),
                "min_value": _("How many units each time must be more than 0"),
                "max_value": _("How many units each time must be %(max)s or less")
                % {"max": MAX_QUANTITY},
                "max_decimal_places": _("How many units each time can have up to 2 decimal places"),
                "max_digits": _("How many units each time must be %(max)s or less")
                % {"max": MAX_QUANTITY},
                "max_whole_digits": _("How many units each time must be %(max)s or less")
                % {"max": MAX_QUANTITY},
            },
            "times": {
                "required": _("Enter how many times"),
                "invalid": _("How many times must be a whole number, like 7"),
                "min_value": _("How many times must be 1 or more"),
                "max_value": _("How many times must be %(max)s or less") % {"max": MAX_TIMES},
            },
            "period": {"required": _("Select how often")},
            "payer": {"required": _("Select who pays")},
        }

    error_subjects = {
        "description": _("What this pays for"),
        "own_price_reason": _("Why this price"),
        "funding_stream": _("The funding stream"),
        "managed_by": _("Who manages this money"),
    }
    input_prefixes = {"unit_cost": "£"}
    field_order = ["description", "pays_for", "service", "unit_cost", "unit", "own_price_reason"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["pays_for"].choices = [
            ("", _("Nothing in particular (for example, a payroll service)")),
            (_("Actions"), [(f"action:{a.uid}", a.description[:80]) for a in plan.actions.all()]),
            (
                _("Support arrangements"),
                [(f"support:{s.uid}", s.description[:80]) for s in plan.supportarrangements.all()],
            ),
        ]
        services = Service.objects.filter(organisation_id=plan.organisation_id, active=True)
        if self.instance.service_id:
            services = services | Service.objects.filter(pk=self.instance.service_id)
        self.fields["service"].queryset = services.order_by("name")
        self.fields["service"].empty_label = _("Not in the list – I will give its own price")
        self.fields["service"].required = False
        self.fields["unit_cost"].required = False
        self.fields["unit"].required = False
        self.fields["unit"].choices = Unit.choices
        self.fields["period"].choices = Period.choices
        self.fields["payer"].choices = Payer.choices
        self.fields["unit_cost"].help_text = CATALOGUE_PRICE_HELP
        if self.instance.pk:
            if self.instance.for_uid:
                self.initial["pays_for"] = f"{self.instance.for_kind}:{self.instance.for_uid}"
            if self.instance.service_id and not self.instance.own_price_reason:
                self.initial["unit_cost"] = None  # the catalogue's price, looked up again

    def _catalogue_price(self, service: Service) -> Decimal | None:
        rate = (
            ServiceRate.objects.filter(service=service, effective_from__lte=timezone.localdate())
            .order_by("-effective_from")
            .first()
        )
        return rate.unit_cost if rate else None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("service") is not None:
            self._clean_catalogue_price(cleaned)
        elif not self.has_error("service"):
            self._clean_own_price(cleaned)
        period = cleaned.get("period")
        if cleaned.get("unit") == Unit.ONE_OFF and period not in (None, "", Period.ONCE):
            self.add_error("period", _("A one-off cost happens once: select ‘once only’"))
        stream = (cleaned.get("funding_stream") or "").strip()
        if cleaned.get("payer") == Payer.OTHER_FUNDING and not stream:
            self.add_error("funding_stream", _("Enter which funding stream pays"))
        return cleaned

    def _clean_catalogue_price(self, cleaned: dict) -> None:
        """A service from the list: its unit and today's price, unless the user gives another
        price and says why."""
        service, unit_cost = cleaned["service"], cleaned.get("unit_cost")
        cleaned["unit"] = service.unit
        price = self._catalogue_price(service)
        if unit_cost is None and not self.has_error("unit_cost"):
            if price is None:
                self.add_error(
                    "unit_cost",
                    _("This service has no price in the list yet: give its price and say why"),
                )
            cleaned["unit_cost"] = price
        elif unit_cost is not None and unit_cost != price:
            if not (cleaned.get("own_price_reason") or "").strip():
                self.add_error(
                    "own_price_reason",
                    _("Say why this price is different from the list’s (%(price)s)")
                    % {"price": pounds(price) if price is not None else _("no price")},
                )

    def _clean_own_price(self, cleaned: dict) -> None:
        """Not in the list: its own price, how it is charged, and why."""
        if cleaned.get("unit_cost") is None and not self.has_error("unit_cost"):
            self.add_error("unit_cost", _("Enter the unit cost, or choose a service from the list"))
        if not cleaned.get("unit") and not self.has_error("unit"):
            self.add_error("unit", _("Select how it is charged"))
        if not (cleaned.get("own_price_reason") or "").strip():
            self.add_error("own_price_reason", _("Say why it is not a service from the list"))

    def item_values(self) -> dict[str, Any]:
        values = super().item_values()
        service = self.cleaned_data.get("service")
        values["service_name"] = service.name if service else ""
        values["unit"] = self.cleaned_data["unit"]
        values["unit_cost"] = self.cleaned_data["unit_cost"]
        if service is not None and self.cleaned_data["unit_cost"] == self._catalogue_price(service):
            values["own_price_reason"] = ""
        kind, _sep, uid = self.cleaned_data["pays_for"].partition(":")
        values["for_kind"] = kind
        values["for_uid"] = uid or None
        return values
