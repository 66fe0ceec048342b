"""Forms for agreement (A1), disagreements and the coordinator's decision (A3)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.people.models import CircleMember
from tandem.plans.models import (
    Agreement,
    Disagreement,
)
from tandem.plans.parts import registry
from tandem.ui.forms import (
    BoundedModelMultipleChoiceField,
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


class DisagreementForm(GovukForm):
    section = forms.ChoiceField(
        label=_("Which part of the plan is the disagreement about?"),
        error_messages={"required": _("Select which part of the plan the disagreement is about")},
    )
    raised_by = forms.CharField(
        label=_("Who disagrees?"),
        max_length=200,
        help_text=_("A name, and the organisation if they are from a provider or agency."),
        error_messages={"required": _("Enter who disagrees")},
    )
    details = forms.CharField(
        label=_("What is the disagreement?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": _("Enter what the disagreement is")},
    )
    submission_key = SubmissionKeyField()
    error_subjects = {"raised_by": _("The name"), "details": _("The disagreement")}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        if not actor.is_worker:
            # People disagree in their own name; only a worker records one on someone's behalf.
            del self.fields["raised_by"]
        self.fields["section"].choices = [("", _("Choose a part of the plan"))] + [
            (s.key, s.title) for s in registry.sections
        ]


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
