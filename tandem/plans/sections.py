"""The plan's own sections and parts, registered once (see parts.py), and the task list's states.

Views, templates, the snapshot, new versions, the comparison and the document all walk the
registry, so adding a section or a kind of part is one entry here (or in another app's
`AppConfig.ready`), a model and a form – never a new view.
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import STAFF_ROLES, User
from tandem.errors import Refused
from tandem.people.models import CircleMember
from tandem.plans import frameworks
from tandem.plans.models import Action, Indicator, Need, Outcome, Plan, Risk, SupportArrangement
from tandem.plans.parts import DATE, MONEY, YES_NO, Field, PartKind, PartNames, Section, registry
from tandem.plans.rules import Problem

# Document headings (P6, in documents.headings) that a section is shown under.
ABOUT, IMPORTANT, OUTCOMES, SUPPORT = "about", "important", "outcomes", "support"
BUDGET, MANAGEMENT, CONTROL, ACTIONS, NEEDS = "budget", "management", "control", "actions", "needs"


# The kinds of circle member who give support the plan arranges: they see their part of it.
SUPPORTING_KINDS = (CircleMember.Kind.PROVIDER, CircleMember.Kind.AGENCY)


def _date(value: date | None) -> str:
    return value.isoformat() if value else ""


def _label(plan: Plan, name: str) -> str:
    return str(getattr(plan, f"get_{name}_display")()) if getattr(plan, name) else ""


def _about(plan: Plan) -> dict[str, Any]:
    return {
        "prepared_by": plan.prepared_by,
        "prepared_by_label": _label(plan, "prepared_by"),
        "preparation_notes": plan.preparation_notes,
        "coordinator": plan.coordinator.display_name if plan.coordinator else "",
        "support_starts_on": _date(plan.support_starts_on),
    }


def _budget(plan: Plan) -> dict[str, Any]:
    amount = plan.direct_payment_amount
    return {
        "arrangement": plan.budget_arrangement,
        "arrangement_label": _label(plan, "budget_arrangement"),
        "direct_payment_amount": str(amount) if amount is not None else "",
        "direct_payment_frequency": plan.direct_payment_frequency,
        "direct_payment_frequency_label": _label(plan, "direct_payment_frequency"),
        "budget_use": plan.budget_use,
    }


def _fields_of(*names: str) -> Any:
    return lambda plan: {name: getattr(plan, name) for name in names}


SECTIONS = (
    Section(
        "about",
        _("About this plan"),
        _("Who prepared the plan and how, who coordinates it, and when new support starts."),
        heading=ABOUT,
        form="tandem.plans.forms.sections.AboutForm",
        fields=("prepared_by", "preparation_notes", "coordinator", "support_starts_on"),
        prefilled=("coordinator",),
        snapshot_key="plan",
        serialize=_about,
        shows=(
            Field("prepared_by_label", _("Who prepared the plan")),
            Field("preparation_notes", _("How it was prepared")),
            Field("coordinator", _("Plan coordinator")),
            Field("support_starts_on", _("New support starts"), DATE),
        ),
    ),
    Section(
        "important",
        _("What is important to me"),
        _("What matters to the person, and their strengths, skills and gifts."),
        heading=IMPORTANT,
        form="tandem.plans.forms.sections.ImportantForm",
        fields=("important_to_me", "strengths"),
        snapshot_key="important",
        serialize=_fields_of("important_to_me", "strengths"),
        shows=(
            Field("important_to_me", _("What is important to you")),
            Field("strengths", _("Strengths, skills and gifts")),
        ),
    ),
    Section(
        "outcomes",
        _("What I want to change or achieve"),
        _("Outcomes in the person’s own words, each with how we will know and by when."),
        heading=OUTCOMES,
        part="outcome",
    ),
    Section(
        "actions",
        _("My action plan"),
        _("What needs to happen, who does it and when, and how it is resourced."),
        heading=ACTIONS,
        part="action",
        needs="outcomes",
    ),
    Section(
        "support",
        _("How I will be supported"),
        _("Support arrangements: who provides what, and how it is resourced."),
        heading=SUPPORT,
        part="support",
    ),
    Section(
        "budget",
        _("How I will use my personal budget"),
        _("How the budget is taken and what it pays for."),
        heading=BUDGET,
        form="tandem.plans.forms.sections.BudgetForm",
        fields=("budget_arrangement", "direct_payment_frequency", "budget_use"),
        snapshot_key="budget",
        serialize=_budget,
        shows=(
            Field("arrangement_label", _("How the personal budget is taken")),
            Field("direct_payment_amount", _("Direct payment amount"), MONEY, optional=True),
            Field(
                "direct_payment_frequency_label",
                _("How often the direct payment is paid"),
                optional=True,
            ),
            Field("budget_use", _("How the personal budget will be used")),
        ),
    ),
    Section(
        "management",
        _("How my support will be managed"),
        _("Who manages the budget and the support, and how that is checked."),
        heading=MANAGEMENT,
        form="tandem.plans.forms.sections.ManagementForm",
        fields=("support_management", "who_leads"),
        snapshot_key="management",
        serialize=_fields_of("support_management", "who_leads"),
        shows=(
            Field("support_management", _("How support will be managed")),
            Field("who_leads", _("Who manages the budget and the support, and how it is checked")),
        ),
    ),
    Section(
        "control",
        _("How I will stay in control of my life"),
        _("How the person keeps choice and control, and can ask for changes."),
        heading=CONTROL,
        form="tandem.plans.forms.sections.ControlForm",
        fields=("staying_in_control",),
        snapshot_key="control",
        serialize=_fields_of("staying_in_control"),
        shows=(Field("staying_in_control", _("How you will stay in control")),),
    ),
    Section(
        "risks",
        _("Risks and what happens if things go wrong"),
        _("What could go wrong, how it is managed, and the contingency plan and its triggers."),
        heading=CONTROL,
        part="risk",
    ),
    Section(
        "needs",
        _("Needs this plan meets"),
        _("The needs the plan meets and whether they were assessed as eligible."),
        heading=NEEDS,
        part="need",
    ),
)


def _responsible(action: Action, plan: Plan) -> str:
    if action.responsible_is_person:
        return plan.person.known_as
    if member := action.responsible_member:
        return f"{member.name} ({member.get_kind_display()})"
    if action.responsible_staff:
        return action.responsible_staff.display_name
    return ""


def _action_extra(action: Action, plan: Plan) -> dict[str, Any]:
    return {
        "outcome_id": action.outcome_id,
        "outcome_uid": str(action.outcome.uid),
        "outcome_words": action.outcome.words,
        "responsible": _responsible(action, plan),
        # Who sees this action in their part of the plan (provider_part.py).
        "responsible_member_id": action.responsible_member_id,
    }


def _action_form_kwargs(plan: Plan) -> dict[str, Any]:
    """Workers of the organisation can be named as responsible for an action."""
    staff = User.objects.filter(
        organisation_id=plan.organisation_id, role__in=STAFF_ROLES, is_active=True
    ).order_by("first_name", "last_name")
    return {"staff": staff}


def _check_action(action: Action, plan: Plan) -> None:
    """The person named as responsible is in this person's circle, or a worker of this council."""
    member_id = action.responsible_member_id
    if member_id is not None and not plan.person.circle.filter(pk=member_id).exists():
        raise Refused(_("Choose someone from this person’s circle of support."))
    staff_id = action.responsible_staff_id
    if (
        staff_id is not None
        and not User.objects.filter(pk=staff_id, organisation_id=plan.organisation_id).exists()
    ):
        raise Refused(_("Choose a worker from this organisation."))


def _support_extra(support: SupportArrangement, plan: Plan) -> dict[str, Any]:
    # Who sees this arrangement in their part of the plan (provider_part.py).
    return {"provider_member_id": support.provider_member_id}


def _check_support(support: SupportArrangement, plan: Plan) -> None:
    """The provider chosen from the circle is a provider or agency in this person's circle."""
    member_id = support.provider_member_id
    if (
        member_id is not None
        and not plan.person.circle.filter(pk=member_id, kind__in=SUPPORTING_KINDS).exists()
    ):
        raise Refused(_("Choose a provider or agency from this person’s circle of support."))


FUNDING_FIELDS = (
    Field("funded_by_label", _("How it is resourced")),
    Field("funding_notes", _("Resourcing details")),
)

KINDS = (
    PartKind(
        "outcome",
        Outcome,
        form="tandem.plans.forms.items.OutcomeForm",
        section="outcomes",
        snapshot_key="outcomes",
        title_field="words",
        values=("words", "kind", "achieve_by", "life_area", "shared_with_supporters"),
        extra=lambda outcome, plan: {
            "life_area_label": frameworks.life_area_label(outcome.life_area)
        },
        fields=(
            Field("words", _("Outcome, in the person’s words")),
            Field("kind_label", _("Change or staying well")),
            Field("achieve_by", _("By when"), DATE),
            Field("life_area_label", _("Area of life")),
            Field(
                "shared_with_supporters",
                _("Shared with everyone supporting the person"),
                YES_NO,
                optional=True,
            ),
        ),
        names=PartNames(
            noun=_("Outcome"),
            add=_("Add outcome"),
            change=_("Change outcome"),
            remove=_("Are you sure you want to remove this outcome?"),
            saved=_("The outcome has been saved"),
            added=_("Added outcome “%(item)s”"),
            changed=_("Changed outcome “%(item)s”"),
            deleted=_("Removed outcome “%(item)s”"),
            removed=_("The outcome has been removed"),
            none_yet=_("No outcome has been added yet."),
            numbered=_("Outcome %(number)s"),
            about=_("About the outcome “%(title)s”"),
            remove_warning=_("Its indicators and actions will be removed too."),
        ),
        open_after_create=True,  # an outcome needs an indicator (P3): add one next
    ),
    PartKind(
        "indicator",
        Indicator,
        form="tandem.plans.forms.items.IndicatorForm",
        section="outcomes",
        snapshot_key="indicators",
        title_field="description",
        values=("description", "due_on"),
        fields=(
            Field("description", _("What will show it is happening")),
            Field("due_on", _("By when"), DATE),
        ),
        names=PartNames(
            noun=_("How will we know?"),
            add=_("Add indicator"),
            change=_("Change indicator"),
            remove=_("Are you sure you want to remove this indicator?"),
            saved=_("The indicator has been saved"),
            added=_("Added indicator “%(item)s”"),
            changed=_("Changed indicator “%(item)s”"),
            deleted=_("Removed indicator “%(item)s”"),
            removed=_("The indicator has been removed"),
            none_yet=_("No indicator yet"),
            numbered=_("Indicator %(number)s"),
            about=_("About the indicator “%(title)s”"),
            add_for_parent=_("Add an indicator"),
            list_hint=_(
                "Every outcome needs at least one indicator: something concrete and measurable, "
                "due on a fixed date."
            ),
        ),
        parent="outcome",
        parent_field="outcome",
        nested=True,
        parent_required=True,
        document_template="documents/parts/_table.html",
    ),
    PartKind(
        "action",
        Action,
        form="tandem.plans.forms.items.ActionForm",
        section="actions",
        snapshot_key="actions",
        title_field="description",
        values=(
            "description",
            "kind",
            "due_on",
            "starts_on",
            "frequency",
            "funded_by",
            "funding_notes",
        ),
        extra=_action_extra,
        fields=(
            Field("description", _("Action")),
            Field("outcome_words", _("For which outcome")),
            Field("kind_label", _("Kind of help")),
            Field("responsible", _("Who is responsible")),
            Field("due_on", _("Done by"), DATE),
            Field("starts_on", _("Starts on"), DATE),
            Field("frequency", _("How often")),
            *FUNDING_FIELDS,
        ),
        names=PartNames(
            noun=_("Action"),
            add=_("Add action"),
            change=_("Change action"),
            remove=_("Are you sure you want to remove this action?"),
            saved=_("The action has been saved"),
            added=_("Added action “%(item)s”"),
            changed=_("Changed action “%(item)s”"),
            deleted=_("Removed action “%(item)s”"),
            removed=_("The action has been removed"),
            none_yet=_("No action has been added yet."),
            numbered=_("Action %(number)s"),
            about=_("About the action “%(title)s”"),
            add_for_parent=_("Add an action for this outcome"),
        ),
        parent="outcome",
        parent_field="outcome",
        select_related=("outcome", "responsible_member", "responsible_staff"),
        ordering=("outcome__position", "outcome_id", "position", "id"),
        form_kwargs=_action_form_kwargs,
        validate=_check_action,
        document_template="documents/parts/action.html",
    ),
    PartKind(
        "support",
        SupportArrangement,
        form="tandem.plans.forms.items.SupportForm",
        section="support",
        snapshot_key="supports",
        title_field="description",
        values=("description", "provider", "how_often", "funded_by", "funding_notes"),
        extra=_support_extra,
        fields=(
            Field("description", _("Support")),
            Field("provider", _("Who provides it")),
            Field("how_often", _("How often or how much")),
            *FUNDING_FIELDS,
        ),
        names=PartNames(
            noun=_("Support arrangement"),
            add=_("Add support arrangement"),
            change=_("Change support arrangement"),
            remove=_("Are you sure you want to remove this support arrangement?"),
            saved=_("The support arrangement has been saved"),
            added=_("Added support arrangement “%(item)s”"),
            changed=_("Changed support arrangement “%(item)s”"),
            deleted=_("Removed support arrangement “%(item)s”"),
            removed=_("The support arrangement has been removed"),
            none_yet=_("No support arrangement has been added yet."),
            numbered=_("Support arrangement %(number)s"),
            about=_("About the support arrangement “%(title)s”"),
        ),
        validate=_check_support,
        document_template="documents/parts/_table.html",
    ),
    PartKind(
        "risk",
        Risk,
        form="tandem.plans.forms.items.RiskForm",
        section="risks",
        snapshot_key="risks",
        title_field="description",
        values=("description", "significant_harm", "how_managed", "contingency", "triggers"),
        fields=(
            Field("description", _("What could go wrong")),
            Field("significant_harm", _("Risk of significant harm"), YES_NO),
            Field("how_managed", _("How the risk is managed")),
            Field("contingency", _("Contingency: who to call and what other support there is")),
            Field("triggers", _("What starts the contingency plan")),
        ),
        names=PartNames(
            noun=_("Risk"),
            add=_("Add risk"),
            change=_("Change risk"),
            remove=_("Are you sure you want to remove this risk?"),
            saved=_("The risk has been saved"),
            added=_("Added risk “%(item)s”"),
            changed=_("Changed risk “%(item)s”"),
            deleted=_("Removed risk “%(item)s”"),
            removed=_("The risk has been removed"),
            none_yet=_("No risk has been added yet."),
            numbered=_("Risk %(number)s"),
            about=_("About the risk “%(title)s”"),
        ),
    ),
    PartKind(
        "need",
        Need,
        form="tandem.plans.forms.items.NeedForm",
        section="needs",
        snapshot_key="needs",
        title_field="description",
        values=("description", "eligibility"),
        fields=(Field("description", _("Need")), Field("eligibility_label", _("Eligibility"))),
        names=PartNames(
            noun=_("Need"),
            add=_("Add need"),
            change=_("Change need"),
            remove=_("Are you sure you want to remove this need?"),
            saved=_("The need has been saved"),
            added=_("Added need “%(item)s”"),
            changed=_("Changed need “%(item)s”"),
            deleted=_("Removed need “%(item)s”"),
            removed=_("The need has been removed"),
            none_yet=_("No need has been added yet."),
            numbered=_("Need %(number)s"),
            about=_("About the need “%(title)s”"),
        ),
        document_template="documents/parts/_table.html",
    ),
)


def register_builtin() -> None:
    """Called once from PlansConfig.ready, before other apps register theirs."""
    for section in SECTIONS:
        registry.register_section(section)
    for kind in KINDS:
        registry.register_part(kind)


class SectionState:
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CANNOT_START = "cannot_start"


STATE_LABELS = {
    SectionState.NOT_STARTED: _("Not started"),
    SectionState.IN_PROGRESS: _("In progress"),
    SectionState.COMPLETED: _("Completed"),
    SectionState.CANNOT_START: _("Cannot start yet"),
}


def section_has_content(section: Section, plan: Plan, snapshot: dict) -> bool:
    if section.part:
        return bool(snapshot.get(registry.kinds[section.part].snapshot_key))
    return any(
        getattr(plan, name) not in (None, "")
        for name in section.fields
        if name not in section.prefilled
    )


def section_state(
    section: Section, plan: Plan, snapshot: dict, problems: Sequence[Problem] = ()
) -> str:
    """A section is Completed only when someone said so *and* the rules find nothing to fix in
    it: an action without resourcing leaves "My action plan" In progress."""
    needed = registry.section(section.needs) if section.needs else None
    if needed and not section_has_content(needed, plan, snapshot):
        return SectionState.CANNOT_START
    if plan.section_status.get(section.key) == SectionState.COMPLETED and not any(
        p.section == section.key for p in problems
    ):
        return SectionState.COMPLETED
    if section_has_content(section, plan, snapshot):
        return SectionState.IN_PROGRESS
    if plan.section_status.get(section.key) == SectionState.COMPLETED:
        return SectionState.IN_PROGRESS
    return SectionState.NOT_STARTED


def task_list(plan: Plan, snapshot: dict, problems: Sequence[Problem] = ()) -> list[dict]:
    return [
        {
            "section": section,
            "state": (state := section_state(section, plan, snapshot, problems)),
            "state_label": STATE_LABELS[state],
            "problems": [p for p in problems if p.section == section.key],
        }
        for section in registry.sections
    ]


def _display(field: Field, value: Any) -> Any:
    if field.kind == DATE and value:
        return date.fromisoformat(value)
    return value


def _rows(kind: PartKind, entry: dict) -> list[dict]:
    return [
        {"label": f.label, "value": _display(f, entry.get(f.key, "")), "kind": f.kind}
        for f in kind.fields
        if f.summary and f.key != kind.title_field and not (f.optional and not entry.get(f.key))
    ]


def part_cards(kind: PartKind, entries: list[dict]) -> list[dict]:
    """Parts of a list section as title + rows (and their nested parts), for summary cards."""
    return [
        {
            "id": entry["id"],
            "uid": entry.get("uid", ""),
            "title": kind.title_of(entry),
            "rows": _rows(kind, entry),
            "children": [
                {
                    "kind": child,
                    "entries": [
                        {"id": e["id"], "title": child.title_of(e), "rows": _rows(child, e)}
                        for e in entry.get(child.snapshot_key, [])
                    ],
                }
                for child in registry.children(kind)
            ],
        }
        for entry in entries
    ]


def section_rows(section: Section, snapshot: dict) -> list[dict]:
    """A fields section's answers, labelled, for check-your-answers."""
    values = snapshot.get(section.snapshot_key, {})
    return [
        {"label": f.label, "value": values.get(f.key, ""), "kind": f.kind}
        for f in section.shows
        if not (f.optional and not values.get(f.key))
    ]
