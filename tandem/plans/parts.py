"""The plan's parts, described once.

A plan is a set of sections (the task list) and of parts that hang off it: outcomes, indicators,
actions, support arrangements, risks, needs, and whatever other apps register (budgets' cost
lines, reviews' evaluations). Each is described here once – its model, form, parent, section,
names, and how it is snapshotted, copied into a new version, compared and shown in the document –
and the task list, snapshot, version copy, comparison, document and item pages are all derived
from these descriptions. `plans` never imports the apps that register parts.

A new kind of part costs one `PartKind`, a model (a `PlanPart` subclass, so it has a `uid`) and a
form. See docs/adr/0004-plan-parts-registry-and-uids.md.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from tandem.plans.models import Plan, PlanPart

# How a value is shown and compared.
TEXT = "text"
DATE = "date"  # an ISO date string in the snapshot
MONEY = "money"  # a decimal string in the snapshot
YES_NO = "yes_no"


@dataclass(frozen=True)
class Field:
    """One value of a section or part as the snapshot holds it, with the label people read."""

    key: str
    label: Any  # a lazy translation
    kind: str = TEXT
    summary: bool = True  # shown on the section page and on check-your-answers
    optional: bool = False  # left out of pages and the document when empty


@dataclass(frozen=True)
class Section:
    """One task of the task list."""

    key: str
    title: Any
    hint: Any
    heading: str  # the document heading it is shown under (documents.headings)
    form: str = ""  # dotted path of the form, for a section whose answers are plan fields
    fields: tuple[str, ...] = ()  # the plan fields its form edits
    part: str = ""  # or the kind of part it lists, each edited on its own page
    needs: str = ""  # a section that must have content before this one can start
    prefilled: tuple[str, ...] = ()  # filled in for the user, so not a sign the section started
    snapshot_key: str = ""  # where a fields section's answers sit in the snapshot
    shows: tuple[Field, ...] = ()  # what of them pages, the document and the comparison show
    serialize: Callable[[Any], dict[str, Any]] | None = None  # plan -> its answers
    panel: str = ""  # a template shown above a list section's parts (it is given `snapshot`)

    def form_class(self) -> type[Any]:  # forms take keyword arguments of their own
        return import_string(self.form)


@dataclass(frozen=True)
class PartNames:
    """Every sentence about a kind of part, written whole so each can be translated."""

    noun: Any  # "Outcome"
    add: Any  # "Add outcome"
    change: Any  # "Change outcome"
    remove: Any  # "Are you sure you want to remove this outcome?"
    saved: Any  # "The outcome has been saved"
    removed: Any  # "The outcome has been removed"
    none_yet: Any  # "No outcome has been added yet."
    numbered: Any  # "Outcome %(number)s"
    add_for_parent: Any = ""  # "Add an action for this outcome", for a part with a parent
    list_hint: Any = ""  # said above the list of these on the parent's page
    remove_warning: Any = ""  # "Its indicators and actions will be removed too."
    about: Any = ""  # "About the outcome “%(title)s”", for a disagreement about one part
    # In "Recent changes" (an "%(item)s" each); a kind without its own gets a generic sentence.
    added: Any = ""  # "Added outcome “%(item)s”"
    changed: Any = ""
    deleted: Any = ""


@dataclass(frozen=True)
class PartKind:
    """A kind of plan part: everything the generic pages, snapshot, copy and compare need."""

    key: str  # in URLs and audit details: "outcome"
    model: type["PlanPart"]
    form: str  # dotted path of its form
    section: str  # the task-list section it is edited from
    snapshot_key: str  # its list in the snapshot (or in its parent's entry): "outcomes"
    title_field: str  # the value that identifies it to people: "words"
    fields: tuple[Field, ...]  # what is shown and compared, title first
    names: PartNames
    values: tuple[str, ...] = ()  # model fields stored in the snapshot as they are
    parent: str = ""  # the kind it belongs to: an indicator to an outcome
    parent_field: str = ""  # the foreign key to the parent: "outcome"
    nested: bool = False  # shown inside its parent (snapshot, pages, document, comparison)
    parent_required: bool = False  # created only from its parent's page
    heading: str = ""  # document heading; the section's when empty
    document_template: str = "documents/parts/_list.html"
    extra: Callable[[Any, Any], dict[str, Any]] | None = None  # (part, plan) -> derived values
    select_related: tuple[str, ...] = ()
    ordering: tuple[str, ...] = ("position", "id")
    form_kwargs: Callable[[Any], dict[str, Any]] | None = None  # plan -> form keyword arguments
    validate: Callable[[Any, Any], None] | None = None  # (part, plan): raise PlanError
    open_after_create: bool = False  # go to its own page after adding it (to add children)
    # A template shown on the part's own page in place of the list of its children (given
    # `plan`, `item`, `kind` and `children`), e.g. a trade-off's options side by side.
    panel: str = ""
    # A part a plan may well leave out (GAS levels in the person's words): having none is not
    # flagged on the pages and not mentioned in the document.
    optional: bool = False

    def form_class(self) -> type[Any]:  # forms take keyword arguments of their own
        return import_string(self.form)

    def queryset(self) -> "models.QuerySet[PlanPart]":
        parts = self.model._default_manager.order_by(*self.ordering)
        return parts.select_related(*self.select_related) if self.select_related else parts

    def title_of(self, entry: dict[str, Any]) -> str:
        return str(entry.get(self.title_field, ""))

    def serialize(self, part: "PlanPart", plan: "Plan") -> dict[str, Any]:
        """The part as plain data: what the rules check and a copy keeps for ever."""
        data: dict[str, Any] = {"id": part.pk, "uid": str(part.uid)}
        for name in self.values:
            data.update(_value(part, name))
        if self.extra:
            data.update(self.extra(part, plan))
        return data


def _value(obj: models.Model, name: str) -> dict[str, Any]:
    """A model field as snapshot data, with the words of a choice beside its code."""
    model_field = obj._meta.get_field(name)
    value = getattr(obj, name)
    if isinstance(value, date):
        value = value.isoformat()
    elif isinstance(value, Decimal):
        value = str(value)
    elif value is None:
        value = ""
    data = {name: value}
    if isinstance(model_field, models.Field) and model_field.choices:
        data[f"{name}_label"] = str(getattr(obj, f"get_{name}_display")()) if value else ""
    return data


# A readiness rule another app adds: snapshot -> the problems it finds (rules.Problem).
Rule = Callable[[dict[str, Any]], list[Any]]
# What another app adds to the snapshot under its own key: (plan, the plan's parts as snapshot
# entries, by snapshot key) -> plain data. It may read the database, a fixed number of times.
SnapshotPart = Callable[["Plan", dict[str, Any]], Any]


@dataclass
class Registry:
    sections: list[Section] = field(default_factory=list)
    kinds: dict[str, PartKind] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)
    snapshot_parts: dict[str, SnapshotPart] = field(default_factory=dict)

    def register_section(self, section: Section, *, after: str = "") -> None:
        if any(s.key == section.key for s in self.sections):
            raise ValueError(f"Section {section.key!r} is registered already")
        keys = [s.key for s in self.sections]
        self.sections.insert(keys.index(after) + 1 if after else len(keys), section)

    def register_part(self, kind: PartKind) -> None:
        if kind.key in self.kinds:
            raise ValueError(f"Part kind {kind.key!r} is registered already")
        if kind.parent and kind.parent not in self.kinds:
            raise ValueError(f"Register {kind.parent!r} before {kind.key!r}")
        self.kinds[kind.key] = kind

    def register_rule(self, rule: Rule) -> None:
        """A readiness rule of another app: its problems stop the plan being sent for agreement
        like the plan's own (rules.readiness_problems)."""
        self.rules.append(rule)

    def register_snapshot(self, key: str, part: SnapshotPart) -> None:
        if key in self.snapshot_parts:
            raise ValueError(f"Snapshot key {key!r} is registered already")
        self.snapshot_parts[key] = part

    @contextmanager
    def registered(
        self, *, sections: tuple[Section, ...] = (), kinds: tuple[PartKind, ...] = ()
    ) -> Iterator[None]:
        """Register for a while and take away again (for tests)."""
        saved = (list(self.sections), dict(self.kinds), list(self.rules), dict(self.snapshot_parts))
        for section in sections:
            self.register_section(section)
        for kind in kinds:
            self.register_part(kind)
        try:
            yield
        finally:
            self.sections[:], self.kinds = saved[0], saved[1]
            self.rules[:], self.snapshot_parts = saved[2], saved[3]

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def kind(self, key: str) -> PartKind | None:
        return self.kinds.get(key)

    def kind_for_model(self, model: type[models.Model]) -> PartKind:
        return next(k for k in self.kinds.values() if k.model is model)

    def top_level(self) -> Iterator[PartKind]:
        """Kinds listed on their own in the snapshot (not inside a parent), in section order."""
        order = {s.key: n for n, s in enumerate(self.sections)}
        yield from sorted(
            (k for k in self.kinds.values() if not k.nested),
            key=lambda k: order.get(k.section, len(order)),
        )

    def children(self, kind: PartKind, *, nested: bool | None = True) -> list[PartKind]:
        return [
            k
            for k in self.kinds.values()
            if k.parent == kind.key and (nested is None or k.nested == nested)
        ]

    def heading_of(self, kind: PartKind) -> str:
        if kind.heading:
            return kind.heading
        section = self.section(kind.section)
        return section.heading if section else kind.section


registry = Registry()
