"""Choosing an option of a trade-off into the plan: why, how it is resourced, and who pays."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.budgets.models import Payer, TradeOffOption
from tandem.budgets.services.tradeoffs import (
    WHY_LENGTH,
    option_has_cost,
    payer_needed,
    payer_problem,
)
from tandem.plans.models import Funding
from tandem.ui.forms import GovukForm, SubmissionKeyField

# Another funding stream is "another organisation" (no cost line is made for it here).
PAYER_CHOICES = [(value, label) for value, label in Payer.choices if value != Payer.OTHER_FUNDING]


class ChooseOptionForm(GovukForm):
    why_chosen = forms.CharField(
        label=_("Why this option?"),
        help_text=_(
            "What made it the right one for the person – in their words if you can. This stays "
            "with the comparison in the plan."
        ),
        max_length=WHY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter why this option was chosen")},
    )
    funded_by = forms.ChoiceField(
        label=_("How will it be resourced?"),
        choices=Funding.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select how it will be resourced"),
            "invalid_choice": _("Select how it will be resourced from the list"),
        },
    )
    payer = forms.ChoiceField(
        label=_("Who pays for it?"),
        help_text=_(
            "Only when it is paid with money – from the personal budget, social work resources "
            "or the person’s own money. Its cost then goes into the plan’s costs."
        ),
        choices=PAYER_CHOICES,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Select who pays from the list")},
    )
    submission_key = SubmissionKeyField()

    error_subjects = {"why_chosen": _("Why this option was chosen")}

    def __init__(self, *args: Any, option: TradeOffOption, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.option = option
        if not option_has_cost(option):
            del self.fields["payer"]  # it costs nothing: nobody pays

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        funded_by = cleaned.get("funded_by") or ""
        if "payer" not in self.fields or self.has_error("payer") or not funded_by:
            return cleaned
        payer = cleaned.get("payer") or ""
        if not payer_needed(self.option, funded_by):
            cleaned["payer"] = ""
        elif not payer:
            self.add_error("payer", _("Select who pays for it"))
        elif problem := payer_problem(funded_by, payer):
            self.add_error("payer", problem)
        return cleaned
