"""Forms for one item of a list section (an outcome, an action…). They only parse and validate."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.plans import frameworks
from tandem.plans.forms.sections import RevisionMixin
from tandem.plans.models import (
    Action,
    Funding,
    Indicator,
    Need,
    Outcome,
    Risk,
    SupportArrangement,
)
from tandem.plans.sections import SUPPORTING_KINDS
from tandem.ui.forms import GovukDateField, GovukForm, GovukModelForm, SubmissionKeyField


class PlanPartForm(RevisionMixin, GovukModelForm):
    """Base for one item of a list section (an outcome, an action…). A new part's form carries a
    one-time key, so sending it twice adds the part once."""

    submission_key = SubmissionKeyField()

    def item_values(self) -> dict[str, Any]:
        return {field: self.cleaned_data[field] for field in self._meta.fields}


class OutcomeForm(PlanPartForm):
    class Meta:
        model = Outcome
        fields = ["words", "kind", "achieve_by", "life_area", "shared_with_supporters"]
        field_classes = {"achieve_by": GovukDateField}
        widgets = {"kind": forms.RadioSelect, "words": forms.Textarea(attrs={"rows": 3})}
        labels = {
            "shared_with_supporters": _("Share this outcome with everyone supporting the person")
        }
        help_texts = {
            "shared_with_supporters": _(
                "Service providers and other agencies see only the outcomes their own actions "
                "are for. Tick this if the person wants all of them to see this outcome too."
            ),
            "words": _(
                "Use the person’s own words. Say what should change or be achieved, or what should "
                "stay the same – for example “I want to stay living in my own home”."
            ),
            "achieve_by": _("For example, 27 3 2026"),
            "life_area": _("So that outcomes can be counted across people."),
        }
        error_messages = {
            "words": {"required": _("Enter what the person wants, in their own words")},
            "kind": {"required": _("Select whether this is about change or staying well")},
            "achieve_by": {"required": _("Enter the date it should be achieved by")},
        }

    error_subjects = {
        "words": _("The outcome"),
        "achieve_by": _("The date it should be achieved by"),
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
        error_messages = {
            "description": {"required": _("Enter how we will know")},
            "due_on": {"required": _("Enter the date it will be checked by")},
        }

    error_subjects = {
        "description": _("The indicator"),
        "due_on": _("The date it will be checked by"),
    }


RESPONSIBLE_HELP = _(
    "A named individual. The person, their family, friends and carers come first; then community "
    "resources, equipment and technology, then paid services."
)


class ActionForm(PlanPartForm):
    responsible = forms.ChoiceField(
        label=_("Who is responsible?"),
        help_text=RESPONSIBLE_HELP,
        error_messages={"required": _("Select who is responsible")},
    )

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
        error_messages = {
            "outcome": {"required": _("Select which outcome this action is for")},
            "description": {"required": _("Enter what needs to happen")},
            "kind": {"required": _("Select what kind of help this is")},
        }

    error_subjects = {
        "description": _("What needs to happen"),
        "due_on": _("The date it will be done by"),
        "starts_on": _("The start date"),
        "frequency": _("How often it happens"),
        "funding_notes": _("Resourcing details"),
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
        error_messages = {
            "description": {"required": _("Enter what support there will be")},
            "provider": {"required": _("Enter who provides it")},
        }

    error_subjects = {
        "description": _("The support"),
        "provider": _("Who provides it"),
        "how_often": _("How often or how much"),
        "funding_notes": _("Resourcing details"),
    }

    provider_member = forms.ChoiceField(
        label=_("Is this provider in the person’s circle of support?"),
        help_text=_(
            "Choose them if they are. They will see this support arrangement, and nothing of "
            "the plan that is not theirs."
        ),
        required=False,
        error_messages={
            "invalid_choice": _(
                "Choose a provider from the list. The one you chose may have left the person’s "
                "circle of support."
            )
        },
    )
    field_order = ["description", "provider", "provider_member"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funded_by"].choices = Funding.choices
        self.fields["funded_by"].required = False
        plan = self.instance.plan
        providers = plan.person.circle.filter(kind__in=SUPPORTING_KINDS).order_by("name", "pk")
        self.fields["provider_member"].choices = [
            ("", _("No – not in the circle of support")),
            *((str(m.pk), f"{m.name} ({m.get_kind_display()})") for m in providers),
        ]
        if self.instance.provider_member_id:
            self.initial["provider_member"] = str(self.instance.provider_member_id)

    def item_values(self) -> dict[str, Any]:
        values = super().item_values()
        chosen = self.cleaned_data.get("provider_member")
        values["provider_member_id"] = int(chosen) if chosen else None
        return values


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
        error_messages = {
            "description": {"required": _("Enter what could go wrong")},
            "how_managed": {"required": _("Enter how the risk is managed")},
        }

    error_subjects = {
        "description": _("What could go wrong"),
        "how_managed": _("How the risk is managed"),
        "contingency": _("The contingency arrangements"),
        "triggers": _("What starts the contingency plan"),
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
        error_messages = {
            "description": {"required": _("Enter the need")},
            "eligibility": {"required": _("Select whether the need was assessed as eligible")},
        }

    error_subjects = {"description": _("The need")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["eligibility"].choices = Need.Eligibility.choices


class NotApplicableForm(RevisionMixin, GovukForm):
    reason = forms.CharField(
        label=_("Why does this not apply to this plan?"),
        help_text=_("Leave empty to show it as a gap again."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )
    error_subjects = {"reason": _("The reason")}
