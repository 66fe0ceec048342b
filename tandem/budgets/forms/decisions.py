"""Asking a team manager to decide on a plan's cost, and their decision (P8, P5). The forms only
parse; the services check the plan's state and who may act."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.budgets.models import BudgetDecision
from tandem.ui.forms import GovukForm, SubmissionKeyField

Status = BudgetDecision.Status


class DecisionAskForm(GovukForm):
    reason = forms.CharField(
        label=_("Why does the plan need this?"),
        help_text=_(
            "Say what the person needs that the indicative budget does not cover, or why "
            "social-work resources are needed, and what else was tried. The team manager reads "
            "this when they decide."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={
            "required": _("Enter why the plan needs this"),
            "max_length": _("The reason must be 5,000 characters or fewer"),
        },
    )
    submission_key = SubmissionKeyField()
    error_subjects = {"reason": _("The reason")}
    label_sizes = {"reason": "m"}


class DecisionDecideForm(GovukForm):
    status = forms.ChoiceField(
        label=_("What is your decision?"),
        widget=forms.RadioSelect,
        choices=[
            (Status.APPROVED.value, _("Approve the cost")),
            (Status.CHANGES.value, _("Ask for changes to the plan")),
            (Status.DECLINED.value, _("Decline")),
        ],
        error_messages={
            "required": _("Select your decision"),
            "invalid_choice": _("Select approve, ask for changes or decline"),
        },
    )
    decision_reason = forms.CharField(
        label=_("Why have you made this decision?"),
        help_text=_("The worker and the person read this on the plan."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={
            "required": _("Enter the reason for your decision"),
            "max_length": _("The reason for your decision must be 5,000 characters or fewer"),
        },
    )
    error_subjects = {"decision_reason": _("The reason for your decision")}
    label_sizes = {"status": "m"}
