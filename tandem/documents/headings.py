"""The headings the plan document shows, in order, and what each heading shows.

P6's seven headings come first (after "About you and this plan"), in the guidance's order; a
section registered under a heading of its own (needs, or another app's) adds that heading after
them. The document and the comparison of two versions both walk `document_headings()`, so the
person sees the same questions, in the same order, wherever their plan is shown.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from tandem.plans.parts import PartKind, Section, registry

ABOUT = "about"
IMPORTANT = "important"
OUTCOMES = "outcomes"
SUPPORT = "support"
BUDGET = "budget"
MANAGEMENT = "management"
CONTROL = "control"
ACTIONS = "actions"

HEADINGS = {
    IMPORTANT: _("What is important to you?"),
    OUTCOMES: _("What do you want to change or achieve?"),
    SUPPORT: _("How will you be supported?"),
    BUDGET: _("How will you use your personal budget?"),
    MANAGEMENT: _("How will your support be managed?"),
    CONTROL: _("How will you stay in control of your life?"),
    ACTIONS: _("What is your action plan?"),
}


@dataclass
class Entry:
    """One section under a heading: its answers (`section.shows`) or its parts (`kind`)."""

    section: Section
    kind: PartKind | None = None
    subheading: bool = False  # the section's title is shown under the heading


@dataclass
class DocumentHeading:
    key: str
    title: Any
    entries: list[Entry] = field(default_factory=list)


def document_headings() -> list[DocumentHeading]:
    titles: dict[str, Any] = {ABOUT: _("About you and this plan"), **HEADINGS}
    for section in registry.sections:
        titles.setdefault(section.heading, section.title)
    headings = {key: DocumentHeading(key, title) for key, title in titles.items()}
    for section in registry.sections:
        heading = headings[section.heading]
        kind = registry.kinds[section.part] if section.part else None
        subheading = bool(heading.entries) or section.heading not in (ABOUT, section.key)
        heading.entries.append(Entry(section, kind, subheading=subheading and kind is not None))
    return [heading for heading in headings.values() if heading.entries]
