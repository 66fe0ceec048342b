"""Forms for agreement (A1), disagreements and the coordinator's decision (A3)."""

from collections import defaultdict
from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from tandem.people.models import CircleMember
from tandem.plans import rules
from tandem.plans.models import (
    Agreement,
    Disagreement,
)
from tandem.plans.parts import registry
from tandem.plans.provider_part import WHOLE, PlanView, visible_parts
from tandem.plans.snapshot import part_about, snapshot_parts
from tandem.ui.forms import (
    DATE_PARTS,
    BoundedModelMultipleChoiceField,
    DateError,
    GovukDateField,
    GovukForm,
    GovukModelForm,
    SubmissionKeyField,
)


class AgreementForm(GovukForm):
    """A1: the person or their representative, the worker, and carers as appropriate."""

    agreed_by = forms.ChoiceField(
        label=_("Who agreed the plan for the person?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who agreed the plan for the person")},
    )
    representative = forms.ModelChoiceField(
        queryset=CircleMember.objects.none(),
        required=False,
        label=_("Representative or advocate"),
        empty_label=_("Choose a representative"),
        help_text=_("Only if a representative or advocate agreed. Add them to the circle first."),
    )
    best_interest = forms.BooleanField(
        required=False,
        label=_("The decision was made in the person’s best interest"),
        help_text=_(
            "The person lacks capacity for planning decisions: an advocate was considered, and "
            "agreeing this plan is in their best interest."
        ),
    )
    method = forms.ChoiceField(
        label=_("How did they agree?"),
        choices=Agreement.Method.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how they agreed")},
    )
    agreed_on = GovukDateField(
        label=_("Date agreed"),
        allow_future=False,
        error_messages={"required": _("Enter the date the plan was agreed")},
    )
    worker_agrees = forms.BooleanField(required=False, label=_("I agree this plan as the worker"))
    carers = BoundedModelMultipleChoiceField(
        queryset=CircleMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Carers who also agreed"),
    )
    error_subjects = {"agreed_on": _("Date agreed")}

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["agreed_by"].choices = [
            ("person", _("%(name)s, the person") % {"name": person.known_as}),
            ("representative", _("A representative or advocate")),
        ]
        circle = person.circle.all()
        self.fields["representative"].queryset = circle.filter(
            kind__in=[CircleMember.Kind.CARER, CircleMember.Kind.FAMILY, CircleMember.Kind.ADVOCATE]
        )
        self.fields["carers"].queryset = circle.filter(
            kind__in=[CircleMember.Kind.CARER, CircleMember.Kind.FAMILY]
        )
        if person.capacity != person.Capacity.LACKS_CAPACITY:
            # R9 only applies where the person lacks capacity; don't ask otherwise.
            del self.fields["best_interest"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("agreed_by") == "representative" and not cleaned.get("representative"):
            self.add_error("representative", _("Choose the representative who agreed"))
        return cleaned

    def parties(self, *, worker) -> list[dict[str, Any]]:
        data = self.cleaned_data
        common = {"method": data["method"], "agreed_on": data["agreed_on"]}
        parties = []
        if data["agreed_by"] == "representative":
            member = data["representative"]
            parties.append(
                {
                    "party": Agreement.Party.REPRESENTATIVE,
                    "name": member.name,
                    "member": member,
                    "best_interest": data.get("best_interest", False),
                    **common,
                }
            )
        else:
            parties.append(
                {"party": Agreement.Party.PERSON, "name": self.person.full_name, **common}
            )
        if data["worker_agrees"]:
            parties.append({"party": Agreement.Party.WORKER, "name": worker.display_name, **common})
        for carer in data["carers"]:
            parties.append(
                {"party": Agreement.Party.CARER, "name": carer.name, "member": carer, **common}
            )
        return parties


def disagreement_choices(snapshot: dict, view: PlanView = WHOLE) -> list:
    """The plan's sections in task-list order; a section with parts is a group of its own: the
    section as a whole, then each of its parts, named by its words in this version. A provider
    chooses from their part only (`view`, with the snapshot already limited to it)."""
    parts = defaultdict(list)
    for kind, entry in snapshot_parts(snapshot):
        if entry.get("uid"):
            title = Truncator(kind.title_of(entry)).chars(100)
            parts[kind.section].append((f"{kind.key}:{entry['uid']}", part_about(kind.key, title)))
    choices: list = [("", _("Choose a part of the plan"))]
    for section in registry.sections:
        if not view.shows_section(section.key):
            continue
        whole = (section.key, section.title)
        choices.append(
            (section.title, [whole, *parts[section.key]]) if parts[section.key] else whole
        )
    return choices


class DisagreementForm(GovukForm):
    section = forms.ChoiceField(
        label=_("Which part of the plan is the disagreement about?"),
        help_text=_("A whole section, or one outcome, action or other part of it."),
        error_messages={
            "required": _("Choose which part of the plan the disagreement is about"),
            "invalid_choice": _(
                "Choose a part of this plan from the list. The part you chose may have been "
                "removed."
            ),
        },
    )
    raised_by = forms.CharField(
        label=_("Who disagrees?"),
        max_length=200,
        help_text=_("A name, and the organisation if they are from a provider or agency."),
        error_messages={
            "required": _("Enter the name of who disagrees"),
            "max_length": _("The name of who disagrees must be 200 characters or fewer"),
        },
    )
    details = forms.CharField(
        label=_("What is the disagreement?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={
            "required": _("Enter what the disagreement is"),
            "max_length": _("The disagreement must be 5,000 characters or fewer"),
        },
    )
    raised_on = GovukDateField(
        label=_("When was the disagreement raised?"),
        help_text=_(
            "Today, or the day it was first raised if that was earlier, for example at a "
            "planning meeting. For example, 27 3 2025."
        ),
        allow_future=False,
        error_messages={
            DateError.REQUIRED: _("Enter the date the disagreement was raised"),
            DateError.INCOMPLETE: _(
                "The date the disagreement was raised must include a %(missing)s"
            ),
            DateError.INVALID: _("The date the disagreement was raised must be a real date"),
            DateError.YEAR_LENGTH: _(
                "The date the disagreement was raised must include a year with 4 numbers"
            ),
            DateError.NOT_PAST: _(
                "The date the disagreement was raised must be today or in the past"
            ),
        },
    )
    submission_key = SubmissionKeyField()
    error_subjects = {
        "raised_by": _("The name"),
        "details": _("The disagreement"),
        "raised_on": _("The date the disagreement was raised"),
    }

    def __init__(
        self, *args, actor, snapshot: dict, started_on: date, view: PlanView = WHOLE, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.started_on = started_on
        if not actor.is_worker:
            # People disagree in their own name; only a worker records one on someone's behalf.
            del self.fields["raised_by"]
        self.fields["section"].choices = disagreement_choices(visible_parts(view, snapshot), view)

    def clean_raised_on(self) -> date:
        raised_on = self.cleaned_data["raised_on"]
        problem = rules.raised_on_problem(
            raised_on, today=timezone.localdate(), plan_started=self.started_on
        )
        if problem:
            raise forms.ValidationError(problem, params={"parts": DATE_PARTS})
        return raised_on

    def clean(self):
        """A part is chosen as "<kind>:<uid>": the disagreement is about it, in its section."""
        cleaned = super().clean()
        kind_key, is_part, uid = cleaned.get("section", "").partition(":")
        kind = registry.kind(kind_key) if is_part else None
        if kind is not None:
            cleaned.update(section=kind.section, part_kind=kind.key, part_uid=uid)
        return cleaned


class DecisionForm(GovukModelForm):
    class Meta:
        model = Disagreement
        fields = ["renegotiation", "renegotiation_reason"]
        widgets = {"renegotiation": forms.RadioSelect}
        error_messages = {
            "renegotiation": {
                "required": _("Select yes if the plan needs to be reviewed or renegotiated")
            },
            "renegotiation_reason": {"required": _("Enter a reason for the decision")},
        }

    error_subjects = {"renegotiation_reason": _("The reason")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["renegotiation"].required = True
        self.fields["renegotiation"].choices = Disagreement.Renegotiation.choices
        self.fields["renegotiation_reason"].required = True


class EndPlanForm(GovukForm):
    reason = forms.CharField(
        label=_("Why is the plan ending?"),
        help_text=_(
            "For example, the person has moved to another area or no longer needs support."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        error_messages={"required": _("Enter why the plan is ending")},
    )
    error_subjects = {"reason": _("The reason")}
