"""The consultation before a review (R3) and the person's own answers (R4, R5). Written to the
person ("you"), who answers in their own login or with a worker or carer. It only parses and
validates; the rules are the service's (services/consultation.py)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.reviews.models import Consultation, Review
from tandem.reviews.services.consultation import (
    CONSULTATION_FIELDS,
    Invitation,
    Provider,
    invitation_problem,
    name_key,
)
from tandem.ui.forms import GovukForm, govuk_error_messages

REASON_MAX_LENGTH = 1000
YES, NO = "yes", "no"


def _text(label: str, max_length: int, *, hint: str = "", rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=False,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ConsultationForm(GovukForm):
    """Whom the person wants at their review, how it should be held, every provider in the plan
    invited or why not (`invited_<n>`, `reason_<n>`), and their own words before the meeting."""

    who_to_invite = _text(
        _("Who do you want to be at your review? (optional)"),
        2000,
        hint=_("For example, family, friends, an advocate, or anyone else who helps you."),
        rows=3,
    )
    how_held = forms.ChoiceField(
        label=_("How would you like your review to be held?"),
        help_text=_(
            "Choose what suits you. A review can be small and simple, or a meeting with "
            "everyone who supports you."
        ),
        choices=Review.HowHeld.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select how you would like your review to be held"),
            "invalid_choice": _("Select how you would like your review to be held"),
        },
    )
    how_held_notes = _text(
        _("Anything else about how, when or where? (optional)"),
        2000,
        hint=_("For example, a time of day that is good for you, or help you need to take part."),
        rows=3,
    )
    what_is_working = _text(_("What is working? (optional)"), 4000)
    what_is_not_working = _text(_("What is not working? (optional)"), 4000)
    what_to_change = _text(_("What do you want to change? (optional)"), 4000)
    revision = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={
            "required": _("Reload the page and try again"),
            "invalid": _("Reload the page and try again"),
            "min_value": _("Reload the page and try again"),
        },
    )
    error_subjects = {
        "who_to_invite": _("Who you want at your review"),
        "how_held_notes": _("Anything else about how, when or where"),
        "what_is_working": _("What is working"),
        "what_is_not_working": _("What is not working"),
        "what_to_change": _("What you want to change"),
    }
    label_sizes = {"how_held": "m"}

    def __init__(self, *args: Any, providers: list[Provider], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.providers = providers
        for n, provider in enumerate(providers):
            name = provider.name
            invited = forms.ChoiceField(
                label=_("Should %(name)s be invited to your review?") % {"name": name},
                choices=[(YES, _("Yes")), (NO, _("No"))],
                widget=forms.RadioSelect,
                required=False,
                error_messages={
                    "invalid_choice": _("Say whether %(name)s is invited, or why not")
                    % {"name": name}
                },
            )
            reason = _text(
                _("Why not? (needed if they are not invited)"),
                REASON_MAX_LENGTH,
                hint=_("For example, they will send a written report instead."),
                rows=2,
            )
            self.fields[f"invited_{n}"] = invited
            self.fields[f"reason_{n}"] = reason
            # Made after the form's own fields were given their messages, so given them here.
            govuk_error_messages(reason, str(_("Why %(name)s is not invited") % {"name": name}))

    def provider_fields(self) -> list[dict[str, Any]]:
        """Each provider with its two questions, for the page."""
        return [
            {
                "provider": provider,
                "invited": self[f"invited_{n}"],
                "reason": self[f"reason_{n}"],
            }
            for n, provider in enumerate(self.providers)
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for n, provider in enumerate(self.providers):
            if f"invited_{n}" in self.errors or f"reason_{n}" in self.errors:
                continue
            invited = self._invited(cleaned.get(f"invited_{n}"))
            problem = invitation_problem(provider.name, invited, cleaned.get(f"reason_{n}", ""))
            if problem:
                self.add_error(f"invited_{n}" if invited is None else f"reason_{n}", problem)
        return cleaned

    @staticmethod
    def _invited(answer: str | None) -> bool | None:
        return {YES: True, NO: False}.get(answer or "")

    def consultation_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name, "") for name in CONSULTATION_FIELDS}

    def invitations(self) -> list[Invitation]:
        return [
            Invitation(
                name=provider.name,
                invited=self._invited(self.cleaned_data.get(f"invited_{n}")),
                reason_not_invited=self.cleaned_data.get(f"reason_{n}", ""),
            )
            for n, provider in enumerate(self.providers)
        ]

    @staticmethod
    def initial_for(consultation: Consultation | None, providers: list[Provider]) -> dict:
        """What the form shows: the current consultation's answers, or nothing yet."""
        if consultation is None:
            return {"revision": 0}
        initial: dict[str, Any] = {
            name: getattr(consultation, name) for name in CONSULTATION_FIELDS
        }
        initial["revision"] = consultation.revision
        saved = {name_key(p.name): p for p in consultation.providers.all()}
        for n, provider in enumerate(providers):
            row = saved.get(name_key(provider.name))
            if row is not None and row.invited is not None:
                initial[f"invited_{n}"] = YES if row.invited else NO
                initial[f"reason_{n}"] = row.reason_not_invited
        return initial
