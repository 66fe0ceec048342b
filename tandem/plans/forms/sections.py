"""Forms for the sections whose answers are fields of the plan. They only parse and validate."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import STAFF_ROLES, User
from tandem.plans.models import (
    Plan,
)
from tandem.ui.forms import GovukDateField, GovukForm, GovukModelForm

COMPLETED_CHOICES = (
    ("yes", _("Yes, I’ve completed this section")),
    ("no", _("No, I’ll come back to it later")),
)


class RevisionMixin(forms.Form):
    """The revision the user loaded, so a save over someone else's newer change is refused."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def loaded_revision(self) -> int:
        return self.cleaned_data.get("revision") or 0


class SectionCompletedForm(GovukForm):
    completed = forms.ChoiceField(
        label=_("Have you completed this section?"),
        choices=COMPLETED_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes if you have completed this section")},
    )

    def is_completed(self) -> bool:
        return self.cleaned_data["completed"] == "yes"


class PlanSectionForm(RevisionMixin, GovukModelForm):
    """Base for sections whose answers are fields of the plan itself."""

    completed = forms.ChoiceField(
        label=_("Have you completed this section?"),
        choices=COMPLETED_CHOICES,
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor

    def section_values(self) -> dict[str, Any]:
        return {
            field: self.cleaned_data[field] for field in self._meta.fields if field in self.fields
        }

    def completed_answer(self) -> bool | None:
        answer = self.cleaned_data.get("completed")
        return None if not answer else answer == "yes"


class AboutForm(PlanSectionForm):
    coordinator = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        label=_("Plan coordinator"),
        help_text=_(
            "A worker in the person’s team, who coordinates the plan and decides on disagreements."
        ),
        empty_label=_("Choose a worker"),
    )

    class Meta:
        model = Plan
        fields = ["prepared_by", "preparation_notes", "coordinator", "support_starts_on"]
        field_classes = {"support_starts_on": GovukDateField}
        widgets = {"prepared_by": forms.RadioSelect}
        help_texts = {
            "prepared_by": _(
                "The first choice is that the person prepares their own plan, with family, friends "
                "or carers if they wish. A worker may help, from one-to-one support to a planning "
                "meeting."
            ),
            "preparation_notes": _("For example, who was there and how the person took part."),
            "support_starts_on": _(
                "For example, 27 3 2026. The first review is due 6 weeks after."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prepared_by"].choices = Plan.PreparedBy.choices
        if self.actor is None or not self.actor.is_worker:
            # The coordinator decides on disagreements (A3): workers choose who that is.
            del self.fields["coordinator"]
            return
        self.fields["coordinator"].queryset = User.objects.filter(
            organisation_id=self.instance.organisation_id,
            teams=self.instance.person.team_id,
            role__in=STAFF_ROLES,
            is_active=True,
        ).order_by("first_name", "last_name")


class ImportantForm(PlanSectionForm):
    class Meta:
        model = Plan
        fields = ["important_to_me", "strengths"]
        help_texts = {
            "important_to_me": _(
                "In the person’s own words: the people, places, routines and things that matter."
            ),
            "strengths": _(
                "What the person is good at and what they can offer, including what family, "
                "friends and the community bring."
            ),
        }


class BudgetForm(PlanSectionForm):
    class Meta:
        model = Plan
        # The direct payment's amount is not typed: it is worked out from the costs it pays for
        # (budgets). Plans agreed before that kept the amount typed then.
        fields = ["budget_arrangement", "direct_payment_frequency", "budget_use"]
        widgets = {
            "budget_arrangement": forms.RadioSelect,
            "direct_payment_frequency": forms.RadioSelect,
        }
        help_texts = {
            "budget_use": _(
                "What the budget pays for and why, including cheaper options that give a better "
                "outcome (for example, a season ticket with a friend instead of paid support)."
            ),
        }

    error_subjects = {"budget_use": _("How the budget will be used")}

    # A radio button cannot be unticked: this answer takes back a frequency chosen before.
    NO_DIRECT_PAYMENT = "none"
    WITH_DIRECT_PAYMENT = {Plan.BudgetArrangement.DIRECT_PAYMENT, Plan.BudgetArrangement.MIXED}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["budget_arrangement"].choices = Plan.BudgetArrangement.choices[1:]
        self.fields["direct_payment_frequency"].choices = [
            *Plan.PaymentFrequency.choices,
            (self.NO_DIRECT_PAYMENT, _("No direct payment")),
        ]

    def clean_direct_payment_frequency(self) -> str:
        frequency = self.cleaned_data["direct_payment_frequency"]
        return "" if frequency == self.NO_DIRECT_PAYMENT else frequency

    def clean(self):
        """A direct payment frequency with an arrangement that has none is refused, never
        dropped unseen: the user takes it back or chooses an arrangement that has one."""
        cleaned = super().clean()
        if cleaned.get("budget_arrangement") in self.WITH_DIRECT_PAYMENT:
            return cleaned
        if cleaned.get("direct_payment_frequency"):
            self.add_error(
                "direct_payment_frequency",
                _(
                    "Select ‘No direct payment’ for how often it is paid, or choose direct "
                    "payment or a mix of these"
                ),
            )
        return cleaned


class ManagementForm(PlanSectionForm):
    class Meta:
        model = Plan
        fields = ["support_management", "who_leads"]
        help_texts = {
            "support_management": _(
                "For example, the person manages it with help from their sister."
            ),
            "who_leads": _(
                "Who holds the budget, who arranges the support, and how it is checked."
            ),
        }


class ControlForm(PlanSectionForm):
    class Meta:
        model = Plan
        fields = ["staying_in_control"]
        help_texts = {
            "staying_in_control": _(
                "How the person makes their own choices, who they can ask for help, and how they "
                "can ask for the plan to change at any time."
            )
        }
