"""The worklist's forms: the worker's filter (by kind of work and by person, a GET form) and the
administrator's escalation setting (one whole number, with its own messages)."""

from collections.abc import Iterable

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.people.models import Person
from tandem.ui.forms import GovukForm
from tandem.worklist.due import Kind
from tandem.worklist.services import ESCALATE_AFTER

BROKEN_PAGE = _("Something went wrong with this page. Reload it and try again.")


class EscalationForm(GovukForm):
    revision = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={"required": BROKEN_PAGE, "invalid": BROKEN_PAGE, "min_value": BROKEN_PAGE},
    )
    escalate_after_days = forms.IntegerField(
        label=_("Escalate work overdue for more than"),
        help_text=_(
            "Work past its date for longer than this shows on the team managers’ worklists as "
            "well as the worker’s. Between 1 and 90 days; 14 unless you change it."
        ),
        min_value=ESCALATE_AFTER[0],
        max_value=ESCALATE_AFTER[1],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "required": _("Enter how many days work may be overdue before it is escalated"),
            "invalid": _("The days before work is escalated must be a whole number, like 14"),
            "min_value": _("Work must be overdue for at least 1 day before it is escalated"),
            "max_value": _("Escalate work overdue for no more than 90 days"),
        },
    )
    input_suffixes = {"escalate_after_days": _("days")}


class WorklistFilterForm(GovukForm):
    """Choices are the registry's kinds and the people who have something due for this user, so
    an unknown kind or someone else's person id is simply not a choice: it is refused with the
    same message whether that person exists or not."""

    kind = forms.ChoiceField(
        label=_("Kind of work"),
        required=False,
        error_messages={"invalid_choice": _("Select a kind of work from the list")},
    )
    person = forms.ChoiceField(
        label=_("Person"),
        required=False,
        error_messages={"invalid_choice": _("Select a person from the list")},
    )

    def __init__(
        self, *args, kinds: Iterable[Kind] = (), people: Iterable[Person] = (), **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds of work"))] + [
            (k.code, k.label) for k in kinds
        ]
        self.fields["person"].choices = [("", _("Everyone"))] + [
            (str(p.pk), p.full_name) for p in people
        ]

    def filters(self) -> tuple[str, int | None]:
        """The kind and person chosen, or none where the choice was empty or refused."""
        if not self.is_bound:
            return "", None
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        person = data.get("person")
        return data.get("kind", ""), int(person) if person else None
