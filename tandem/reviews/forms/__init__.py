"""Forms for carrying out the plan between reviews. They only parse and validate."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.plans.models import Plan
from tandem.reviews import rules
from tandem.reviews.gas import Level
from tandem.reviews.models import ActionProgress, OutcomeEvaluation, Review, ReviewTrigger
from tandem.reviews.services import REVIEW_FIELDS, review_held_on_problem, review_next_problem
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


_BOOLEAN_LABELS = {
    "advocate_present": _("An advocate was there to support the person"),
    "needs_changed": _("The person’s needs have changed"),
    "new_assessment_needed": _("A new assessment or eligibility check is needed"),
    "new_plan_needed": _("A new plan is needed (a new draft version starts from this plan)"),
}


class ReviewForm(GovukForm):
    """The review record: how and when it was held, each outcome rated, and what happens next.
    Each outcome of the plan gets `rating_<n>`, `evidence_<n>` and `gas_<n>` fields."""

    held_on = GovukDateField(
        label=_("When was the review held?"),
        help_text=_("For example, 27 3 2026"),
        allow_future=False,
        subject=_("The date the review was held"),
        required=False,
    )
    how_held = forms.ChoiceField(
        label=_("How was the review held?"),
        choices=Review.HowHeld.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Select how the review was held")},
    )
    why_proportionate = forms.CharField(
        label=_("Why is that proportionate? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    who_took_part = forms.CharField(
        label=_("Who took part? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    advocate_present = forms.BooleanField(label=_BOOLEAN_LABELS["advocate_present"], required=False)
    best_interest_decisions = forms.CharField(
        label=_("Best-interest decisions (needed when the person lacks capacity)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    needs_changed = forms.BooleanField(label=_BOOLEAN_LABELS["needs_changed"], required=False)
    new_assessment_needed = forms.BooleanField(
        label=_BOOLEAN_LABELS["new_assessment_needed"], required=False
    )
    services_meet_outcomes = forms.ChoiceField(
        label=_("Do the services meet the person’s outcomes?"),
        choices=Review.Meets.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Select whether the services meet the outcomes")},
    )
    what_must_change = forms.CharField(
        label=_("What must change? (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    new_plan_needed = forms.BooleanField(label=_BOOLEAN_LABELS["new_plan_needed"], required=False)
    next_review_on = GovukDateField(
        label=_("When is the next review?"),
        help_text=_("The date agreed at this review, for example 27 3 2027"),
        subject=_("The date of the next review"),
        required=False,
    )
    revision = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Reload the page and try again"),
            "invalid": _("Reload the page and try again"),
        },
    )
    error_subjects = {
        "why_proportionate": _("Why it is proportionate"),
        "who_took_part": _("Who took part"),
        "best_interest_decisions": _("The best-interest decisions"),
        "what_must_change": _("What must change"),
    }

    def __init__(self, *args, plan: Plan, outcomes: list, levels: dict | None = None, **kwargs):
        """`levels`: the GAS levels the person described for each outcome, by outcome id, as
        {level: words}; each is shown beside the standard words of its level."""
        super().__init__(*args, **kwargs)
        levels = levels or {}
        self.plan = plan
        self.outcomes = outcomes
        self.error_subjects = {**self.error_subjects}
        for n, outcome in enumerate(outcomes):
            words = outcome.words
            self.fields[f"rating_{n}"] = forms.ChoiceField(
                label=_("Has “%(words)s” been achieved?") % {"words": words},
                choices=OutcomeEvaluation.Rating.choices,
                widget=forms.RadioSelect,
                required=False,
                error_messages={
                    "invalid_choice": _("Select whether “%(words)s” has been achieved")
                    % {"words": words}
                },
            )
            self.fields[f"evidence_{n}"] = forms.CharField(
                label=_("Evidence against its indicators for “%(words)s” (optional)")
                % {"words": words},
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.error_subjects[f"evidence_{n}"] = _("The evidence")
            self.fields[f"gas_{n}"] = forms.TypedChoiceField(
                label=_("Goal attainment level for “%(words)s” (optional)") % {"words": words},
                choices=[(level.value, f"{level.value:+d}: {level.label}") for level in Level],
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect,
                required=False,
                error_messages={
                    "invalid_choice": _("Select a goal attainment level from −2 to +2")
                },
            )
            described = levels.get(outcome.pk)
            if described:
                self.fields[f"gas_{n}"].widget.choice_hints = {
                    str(level): _("In the person’s words: “%(words)s”") % {"words": words}
                    for level, words in described.items()
                }

    def clean_held_on(self) -> date | None:
        held_on = self.cleaned_data.get("held_on")
        problem = review_held_on_problem(held_on, self.plan, today=timezone.localdate())
        if problem:
            raise forms.ValidationError(problem, params={"parts": DATE_PARTS})
        return held_on

    def clean(self) -> dict:
        cleaned = super().clean()
        problem = review_next_problem(
            cleaned.get("next_review_on"), cleaned.get("held_on"), timezone.localdate()
        )
        if problem and "next_review_on" not in self.errors:
            self.add_error("next_review_on", forms.ValidationError(problem))
        return cleaned

    def review_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in REVIEW_FIELDS}

    def evaluations(self) -> list[dict]:
        """Each outcome rated on the form (an outcome not yet rated is left for later)."""
        rated = []
        for n, outcome in enumerate(self.outcomes):
            rating = self.cleaned_data.get(f"rating_{n}")
            if rating:
                rated.append(
                    {
                        "outcome_uid": outcome.uid,
                        "rating": rating,
                        "evidence": self.cleaned_data.get(f"evidence_{n}", ""),
                        "gas_level": self.cleaned_data.get(f"gas_{n}"),
                    }
                )
        return rated

    @staticmethod
    def initial_for(review: Review, outcomes: list, evaluations: dict) -> dict:
        initial: dict = {name: getattr(review, name) for name in REVIEW_FIELDS}
        initial["revision"] = review.revision
        for n, outcome in enumerate(outcomes):
            evaluation = evaluations.get(outcome.uid)
            if evaluation is not None:
                initial[f"rating_{n}"] = evaluation.rating
                initial[f"evidence_{n}"] = evaluation.evidence
                initial[f"gas_{n}"] = evaluation.gas_level
        return initial


class ReviewFinaliseForm(GovukForm):
    """Confirming the review record is complete; it is then frozen."""
