"""The plan's task list: one data-driven description of every section.

Views, templates and the document all walk this list, so adding a section is one entry here
(and its form), never a new view.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    hint: str
    fields: tuple[str, ...] = ()  # plan fields edited on the section's own page
    item_kind: str = ""  # or a list of items, each edited on its own page
    needs: str = ""  # a section that must have content before this one can start


SECTIONS = (
    Section(
        "about",
        _("About this plan"),
        _("Who prepared the plan and how, who coordinates it, and when new support starts."),
        fields=("prepared_by", "preparation_notes", "coordinator", "support_starts_on"),
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
        fields=("budget_arrangement", "direct_payment_amount", "direct_payment_frequency", "budget_use"),
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
    return any(getattr(plan, field) not in (None, "") for field in section.fields)


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
