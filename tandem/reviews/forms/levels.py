"""The form of one Goal Attainment Scaling level of an outcome, in the person's words (a plan
part: tandem.reviews.sections). It only parses and validates."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.plans.forms.items import PlanPartForm
from tandem.reviews.gas import Level
from tandem.reviews.models import AttainmentLevel
from tandem.reviews.sections import level_taken, level_taken_message, level_words

LEVEL_MESSAGE = _(
    "Select a level from −2 (much less than expected) to +2 (much more than expected)"
)


class AttainmentLevelForm(PlanPartForm):
    level = forms.TypedChoiceField(
        label=_("Which level is this?"),
        choices=[(level.value, level_words(level.value)) for level in Level],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": LEVEL_MESSAGE, "invalid_choice": LEVEL_MESSAGE},
    )

    class Meta:
        model = AttainmentLevel
        fields = ["level", "words"]
        widgets = {"words": forms.Textarea(attrs={"rows": 3})}
        labels = {"words": _("What would this look like, in your words?")}
        help_texts = {
            "words": _(
                "For example, for “I want to get out more”: “I go to the club every week and "
                "sometimes to the cinema”."
            ),
        }
        error_messages = {
            "words": {
                "required": _("Enter what this level would look like, in the person’s words"),
            },
        }

    error_subjects = {"words": _("What this level would look like")}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        level = cleaned.get("level")
        if level is not None and "level" not in self.errors:
            candidate = AttainmentLevel(
                pk=self.instance.pk, outcome_id=self.instance.outcome_id, level=level
            )
            if level_taken(candidate):
                self.add_error("level", level_taken_message(level))
        return cleaned
