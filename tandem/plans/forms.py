"""Forms only parse and validate; the services in services.py make the change."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import STAFF_ROLES, User
from tandem.people.models import CircleMember
from tandem.plans import frameworks, rules
from tandem.plans.models import (
    Action,
    Agreement,
    Disagreement,
    Funding,
    Indicator,
    Need,
    Outcome,
    Plan,
    Risk,
    SupportArrangement,
)
from tandem.plans.sections import SECTIONS
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

    def section_values(self) -> dict[str, Any]:
        return {field: self.cleaned_data[field] for field in self._meta.fields}

    def completed_answer(self) -> bool | None:
        answer = self.cleaned_data.get("completed")
        return None if not answer else answer == "yes"


class AboutForm(PlanSectionForm):
    coordinator = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        label=_("Plan coordinator"),
        help_text=_("The worker who coordinates the plan and decides on disagreements."),
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
        self.fields["coordinator"].queryset = User.objects.filter(
            organisation_id=self.instance.organisation_id, role__in=STAFF_ROLES, is_active=True
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
        fields = [
            "budget_arrangement",
            "direct_payment_amount",
            "direct_payment_frequency",
            "budget_use",
        ]
        widgets = {
            "budget_arrangement": forms.RadioSelect,
            "direct_payment_frequency": forms.RadioSelect,
        }
        help_texts = {
            "direct_payment_amount": _("Only for a direct payment. For example, 125.50"),
            "budget_use": _(
                "What the budget pays for and why, including cheaper options that give a better "
                "outcome (for example, a season ticket with a friend instead of paid support)."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["budget_arrangement"].choices = Plan.BudgetArrangement.choices[1:]
        self.fields["direct_payment_frequency"].choices = Plan.PaymentFrequency.choices

    def clean(self):
        cleaned = super().clean()
        arrangement = cleaned.get("budget_arrangement")
        if arrangement not in {"direct_payment", "mixed"}:
            cleaned["direct_payment_amount"] = None
            cleaned["direct_payment_frequency"] = ""
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


SECTION_FORMS = {
    "about": AboutForm,
    "important": ImportantForm,
    "budget": BudgetForm,
    "management": ManagementForm,
    "control": ControlForm,
}
assert set(SECTION_FORMS) == {s.key for s in SECTIONS if s.fields}


class PlanPartForm(RevisionMixin, GovukModelForm):
    """Base for one item of a list section (an outcome, an action…)."""

    def item_values(self) -> dict[str, Any]:
        return {field: self.cleaned_data[field] for field in self._meta.fields}


class OutcomeForm(PlanPartForm):
    class Meta:
        model = Outcome
        fields = ["words", "kind", "achieve_by", "life_area"]
        field_classes = {"achieve_by": GovukDateField}
        widgets = {"kind": forms.RadioSelect, "words": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "words": _(
                "Use the person’s own words. Say what should change or be achieved, or what should "
                "stay the same – for example “I want to stay living in my own home”."
            ),
            "achieve_by": _("For example, 27 3 2026"),
            "life_area": _("So that outcomes can be counted across people."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plan = self.instance.plan
        self.fields["kind"].choices = Outcome.Kind.choices
        self.fields["life_area"] = forms.ChoiceField(
            label=_("Area of life"),
            required=False,
            choices=frameworks.life_area_choices(
                organisation=plan.organisation, age_group=plan.person.age_group
            ),
            help_text=self.fields["life_area"].help_text,
        )


class IndicatorForm(PlanPartForm):
    class Meta:
        model = Indicator
        fields = ["description", "due_on"]
        field_classes = {"due_on": GovukDateField}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "description": _(
                "Something concrete you can see or count – for example “no hospital admissions "
                "for 6 months” or “goes to the club every Tuesday”."
            ),
            "due_on": _("The fixed date it will be checked by. For example, 27 3 2026"),
        }


RESPONSIBLE_HELP = _(
    "A named individual. The person, their family, friends and carers come first; then community "
    "resources, equipment and technology, then paid services."
)


class ActionForm(PlanPartForm):
    responsible = forms.ChoiceField(label=_("Who is responsible?"), help_text=RESPONSIBLE_HELP)

    class Meta:
        model = Action
        fields = [
            "outcome",
            "description",
            "kind",
            "due_on",
            "starts_on",
            "frequency",
            "funded_by",
            "funding_notes",
        ]
        field_classes = {"due_on": GovukDateField, "starts_on": GovukDateField}
        widgets = {
            "kind": forms.RadioSelect,
            "funded_by": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "outcome": _("Which outcome is this action for?"),
            "due_on": _("Date it will be done by"),
            "starts_on": _("Or, if it happens regularly: the date it starts"),
        }
        help_texts = {
            "due_on": _("For example, 27 3 2026"),
            "frequency": _("For example, “every Tuesday afternoon”. Needed with a start date."),
            "funded_by": _("Every action must say how it is resourced before the plan is agreed."),
        }

    field_order = ["outcome", "description", "kind", "responsible"]

    def __init__(self, *args, staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        plan = self.instance.plan
        self.fields["outcome"].queryset = plan.outcomes.all()
        self.fields["outcome"].empty_label = _("Choose an outcome")
        self.fields["kind"].choices = Action.Kind.choices
        self.fields["funded_by"].choices = Funding.choices
        self.fields["funded_by"].required = False
        members = plan.person.circle.all()
        self.fields["responsible"].choices = [
            ("", _("Choose who is responsible")),
            ("person", _("%(name)s (the person)") % {"name": plan.person.known_as}),
            (
                _("Circle of support"),
                [(f"member:{m.pk}", f"{m.name} ({m.get_kind_display()})") for m in members],
            ),
            (_("Workers"), [(f"staff:{u.pk}", u.display_name) for u in staff]),
        ]
        if self.instance.pk:
            self.initial["responsible"] = self._responsible_key(self.instance)

    @staticmethod
    def _responsible_key(action: Action) -> str:
        if action.responsible_is_person:
            return "person"
        if action.responsible_member_id:
            return f"member:{action.responsible_member_id}"
        if action.responsible_staff_id:
            return f"staff:{action.responsible_staff_id}"
        return ""

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("due_on")
            and not self.has_error("due_on")
            and not self.has_error("starts_on")
            and not (cleaned.get("starts_on") and cleaned.get("frequency", "").strip())
        ):
            self.add_error(
                "due_on",
                _("Enter the date it will be done by, or a start date and how often it happens"),
            )
        return cleaned

    def item_values(self) -> dict[str, Any]:
        values = super().item_values()
        kind, _sep, pk = self.cleaned_data["responsible"].partition(":")
        values["responsible_is_person"] = kind == "person"
        values["responsible_member_id"] = int(pk) if kind == "member" else None
        values["responsible_staff_id"] = int(pk) if kind == "staff" else None
        return values


class SupportForm(PlanPartForm):
    class Meta:
        model = SupportArrangement
        fields = ["description", "provider", "how_often", "funded_by", "funding_notes"]
        widgets = {"funded_by": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "provider": _("A person, group or organisation – for example “Sunrise Home Care”."),
            "how_often": _("For example, “2 hours every weekday morning”."),
            "funded_by": _(
                "Every support arrangement must say how it is resourced before agreement."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funded_by"].choices = Funding.choices
        self.fields["funded_by"].required = False


class RiskForm(PlanPartForm):
    class Meta:
        model = Risk
        fields = ["description", "significant_harm", "how_managed", "contingency", "triggers"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        labels = {
            "significant_harm": _("There is a risk of significant harm if progress is not made")
        }
        help_texts = {
            "contingency": _(
                "Who to call, alternative support, or an urgent case discussion or review. "
                "Needed when there is a risk of significant harm."
            ),
            "triggers": _("For example, “no answer at the door on a visit day”."),
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("significant_harm"):
            for field in ("contingency", "triggers"):
                if not (cleaned.get(field) or "").strip():
                    self.add_error(
                        field,
                        _("Enter the contingency arrangements for a risk of significant harm")
                        if field == "contingency"
                        else _("Enter what starts the contingency plan"),
                    )
        return cleaned


class NeedForm(PlanPartForm):
    class Meta:
        model = Need
        fields = ["description", "eligibility"]
        widgets = {
            "eligibility": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["eligibility"].choices = Need.Eligibility.choices


ITEM_FORMS = {
    "outcome": OutcomeForm,
    "indicator": IndicatorForm,
    "action": ActionForm,
    "support": SupportForm,
    "risk": RiskForm,
    "need": NeedForm,
}


class NotApplicableForm(GovukForm):
    reason = forms.CharField(
        label=_("Why does this not apply to this plan?"),
        help_text=_("Leave empty to show it as a gap again."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )


class AgreementForm(GovukForm):
    """A1: the person or their representative, the worker, and carers as appropriate."""

    agreed_by = forms.ChoiceField(
        label=_("Who agreed the plan for the person?"), widget=forms.RadioSelect
    )
    representative = forms.ModelChoiceField(
        queryset=CircleMember.objects.none(),
        required=False,
        label=_("Representative or advocate"),
        empty_label=_("Choose a representative"),
    )
    best_interest = forms.BooleanField(
        required=False,
        label=_("The decision was made in the person’s best interest"),
        help_text=_("Needed where the person lacks capacity for this decision."),
    )
    method = forms.ChoiceField(
        label=_("How did they agree?"), choices=Agreement.Method.choices, widget=forms.RadioSelect
    )
    agreed_on = GovukDateField(label=_("Date agreed"), allow_future=False)
    worker_agrees = forms.BooleanField(required=False, label=_("I agree this plan as the worker"))
    carers = forms.ModelMultipleChoiceField(
        queryset=CircleMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Carers who also agreed"),
    )

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
                    "best_interest": data["best_interest"],
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
    section = forms.ChoiceField(label=_("Which part of the plan is the disagreement about?"))
    raised_by = forms.CharField(
        label=_("Who disagrees?"),
        max_length=200,
        help_text=_("A name, and the organisation if they are from a provider or agency."),
    )
    details = forms.CharField(
        label=_("What is the disagreement?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", _("Choose a part of the plan"))] + [
            (s.key, s.title) for s in SECTIONS
        ]


class DecisionForm(GovukModelForm):
    class Meta:
        model = Disagreement
        fields = ["renegotiation", "renegotiation_reason"]
        widgets = {"renegotiation": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["renegotiation"].required = True
        self.fields["renegotiation"].choices = Disagreement.Renegotiation.choices
        self.fields["renegotiation_reason"].required = True


ELEMENT_CHOICES = [(e.value, rules.ELEMENT_LABELS[e]) for e in rules.Element]
