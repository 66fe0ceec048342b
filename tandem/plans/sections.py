"""The plan's task list: one data-driven description of every section.

Views, templates and the document all walk this list, so adding a section is one entry here
(and its form), never a new view.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    hint: str
    fields: tuple[str, ...] = ()  # plan fields edited on the section's own page
    item_kind: str = ""  # or a list of items, each edited on its own page
    needs: str = ""  # a section that must have content before this one can start
    prefilled: tuple[str, ...] = ()  # filled in for the user, so not a sign the section started


SECTIONS = (
    Section(
        "about",
        _("About this plan"),
        _("Who prepared the plan and how, who coordinates it, and when new support starts."),
        fields=("prepared_by", "preparation_notes", "coordinator", "support_starts_on"),
        prefilled=("coordinator",),
    ),
    Section(
        "important",
        _("What is important to me"),
        _("What matters to the person, and their strengths, skills and gifts."),
        fields=("important_to_me", "strengths"),
    ),
    Section(
        "outcomes",
        _("What I want to change or achieve"),
        _("Outcomes in the person’s own words, each with how we will know and by when."),
        item_kind="outcome",
    ),
    Section(
        "actions",
        _("My action plan"),
        _("What needs to happen, who does it and when, and how it is resourced."),
        item_kind="action",
        needs="outcomes",
    ),
    Section(
        "support",
        _("How I will be supported"),
        _("Support arrangements: who provides what, and how it is resourced."),
        item_kind="support",
    ),
    Section(
        "budget",
        _("How I will use my personal budget"),
        _("How the budget is taken and what it pays for."),
        fields=(
            "budget_arrangement",
            "direct_payment_amount",
            "direct_payment_frequency",
            "budget_use",
        ),
    ),
    Section(
        "management",
        _("How my support will be managed"),
        _("Who manages the budget and the support, and how that is checked."),
        fields=("support_management", "who_leads"),
    ),
    Section(
        "control",
        _("How I will stay in control of my life"),
        _("How the person keeps choice and control, and can ask for changes."),
        fields=("staying_in_control",),
    ),
    Section(
        "risks",
        _("Risks and what happens if things go wrong"),
        _("What could go wrong, how it is managed, and the contingency plan and its triggers."),
        item_kind="risk",
    ),
    Section(
        "needs",
        _("Needs this plan meets"),
        _("The needs the plan meets and whether they were assessed as eligible."),
        item_kind="need",
    ),
)

SECTIONS_BY_KEY = {section.key: section for section in SECTIONS}

# Where each list section's items sit in the snapshot.
ITEM_LISTS = {
    "outcome": "outcomes",
    "action": "actions",
    "support": "supports",
    "risk": "risks",
    "need": "needs",
}


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


def section_has_content(section: Section, plan, snapshot: dict) -> bool:
    if section.item_kind:
        return bool(snapshot[ITEM_LISTS[section.item_kind]])
    return any(
        getattr(plan, field) not in (None, "")
        for field in section.fields
        if field not in section.prefilled
    )


def section_state(section: Section, plan, snapshot: dict) -> str:
    if section.needs and not section_has_content(SECTIONS_BY_KEY[section.needs], plan, snapshot):
        return SectionState.CANNOT_START
    if plan.section_status.get(section.key) == SectionState.COMPLETED:
        return SectionState.COMPLETED
    if section_has_content(section, plan, snapshot):
        return SectionState.IN_PROGRESS
    return SectionState.NOT_STARTED


def task_list(plan, snapshot: dict) -> list[dict]:
    return [
        {
            "section": section,
            "state": (state := section_state(section, plan, snapshot)),
            "state_label": STATE_LABELS[state],
        }
        for section in SECTIONS
    ]


# How each kind of item is summarised on its section page and the check-your-answers page:
# (snapshot key, label). Empty values show as "Not given".
ITEM_SUMMARIES = {
    "outcome": (
        ("kind_label", _("Kind of outcome")),
        ("achieve_by", _("By when")),
        ("life_area_label", _("Area of life")),
    ),
    "action": (
        ("outcome_words", _("For the outcome")),
        ("kind_label", _("Kind of help")),
        ("responsible", _("Who is responsible")),
        ("due_on", _("Done by")),
        ("starts_on", _("Starts on")),
        ("frequency", _("How often")),
        ("funded_by_label", _("How it is resourced")),
        ("funding_notes", _("Resourcing details")),
    ),
    "support": (
        ("provider", _("Who provides it")),
        ("how_often", _("How often or how much")),
        ("funded_by_label", _("How it is resourced")),
        ("funding_notes", _("Resourcing details")),
    ),
    "risk": (
        ("how_managed", _("How it is managed")),
        ("contingency", _("Contingency")),
        ("triggers", _("What starts the contingency plan")),
    ),
    "need": (("eligibility_label", _("Eligibility")),),
}
ITEM_TITLES = {
    "outcome": "words",
    "action": "description",
    "support": "description",
    "risk": "description",
    "need": "description",
}
ITEM_NAMES = {
    "outcome": _("outcome"),
    "indicator": _("indicator"),
    "action": _("action"),
    "support": _("support arrangement"),
    "risk": _("risk"),
    "need": _("need"),
}
DATE_KEYS = frozenset({"achieve_by", "due_on", "starts_on"})


def _display(key: str, value):
    return date.fromisoformat(value) if key in DATE_KEYS and value else value


def item_cards(kind: str, items: list[dict]) -> list[dict]:
    """Items of a list section as title + rows, ready for GOV.UK summary cards."""
    return [
        {
            "id": item["id"],
            "title": item[ITEM_TITLES[kind]],
            "rows": [
                {"label": label, "value": _display(key, item.get(key, ""))}
                for key, label in ITEM_SUMMARIES[kind]
            ],
            "indicators": [
                {**i, "due_on": _display("due_on", i["due_on"])} for i in item.get("indicators", [])
            ],
        }
        for item in items
    ]
