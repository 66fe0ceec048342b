"""Forms for carrying out the plan between reviews. They only parse and validate."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.reviews import rules
from tandem.reviews.models import ActionProgress, ReviewTrigger
from tandem.ui.forms import DATE_PARTS, DateError, GovukDateField, GovukForm, SubmissionKeyField


def _date_field(label: str, help_text: str, required: str, subject: str) -> GovukDateField:
    return GovukDateField(
        label=label,
        help_text=help_text,
        allow_future=False,
        subject=subject,
        error_messages={DateError.REQUIRED: required},
    )


class ProgressForm(GovukForm):
    status = forms.ChoiceField(
        label=_("How is it going?"),
        choices=ActionProgress.Status.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select how the action is going"),
            "invalid_choice": _("Select how the action is going"),
        },
    )
    note = forms.CharField(
        label=_("What has happened? (optional)"),
        help_text=_("For example, who was contacted and what was agreed."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    happened_on = _date_field(
        _("When did this happen?"),
        _("For example, 27 3 2026"),
        _("Enter the date this happened"),
        _("The date"),
    )
    submission_key = SubmissionKeyField()
    error_subjects = {"note": _("What has happened"), "happened_on": _("The date")}

    def __init__(self, *args, agreed_on: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.agreed_on = agreed_on

    def clean_happened_on(self) -> date:
        happened_on = self.cleaned_data["happened_on"]
        problem = rules.progress_date_problem(
            happened_on, today=timezone.localdate(), agreed_on=self.agreed_on
        )
        if problem:
            raise forms.ValidationError(problem, params={"parts": DATE_PARTS})
        return happened_on


class TriggerForm(GovukForm):
    kind = forms.ChoiceField(
        label=_("What happened?"),
        choices=ReviewTrigger.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select what happened"),
            "invalid_choice": _("Select what happened"),
        },
    )
    details = forms.CharField(
        label=_("Details"),
        help_text=_("What happened, and what has been done about it so far."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter the details of what happened")},
    )
    happened_on = _date_field(
        _("When did it happen?"),
        _("For example, 27 3 2026"),
        _("Enter the date it happened"),
        _("The date it happened"),
    )
    submission_key = SubmissionKeyField()
    error_subjects = {"details": _("The details"), "happened_on": _("The date it happened")}

    def __init__(self, *args, kinds: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if kinds is not None:
            self.fields["kind"].choices = [
                (value, label) for value, label in ReviewTrigger.Kind.choices if value in kinds
            ]


class ReviewRequestForm(GovukForm):
    """R1: the person may ask for a review at any time; one question."""

    details = forms.CharField(
        label=_("Why would you like a review?"),
        help_text=_(
            "For example, something in your life has changed or your support is not working."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter why you would like a review")},
    )
    submission_key = SubmissionKeyField()
    error_subjects = {"details": _("The reason")}

    def __init__(self, *args, for_self: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not for_self:
            self.fields["details"].label = _("Why would the person like a review?")
            self.fields["details"].help_text = _("In their words, as far as you can.")
