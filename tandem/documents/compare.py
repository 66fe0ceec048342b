"""What changed between two versions of a plan (A4), as a pure function of their snapshots.

A new version copies every item with a new id, so ids say nothing about which items are "the same".
Items are matched by what they say instead: first identical items, then items with the same
identifying words (an outcome's words, an action's description…), then items whose words are
similar enough to be an edit of each other. Whatever is left over was added or removed.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tandem.documents import headings
from tandem.plans.rules import ELEMENT_LABELS, Element

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"

TEXT = "text"
DATE = "date"
MONEY = "money"

# Words at least this similar (difflib ratio) are taken to be an edit of the same item.
SIMILAR = 0.6
# Beyond this many candidate pairs, similar-wording matching is skipped to keep pages quick.
MAX_SIMILARITY_PAIRS = 2500


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str
    kind: str = TEXT  # how the template shows the values: text, date (ISO) or money


@dataclass(frozen=True)
class ItemChange:
    change: str  # added, removed or changed
    noun: str  # what the item is, e.g. "Outcome"
    title: str  # the item's identifying words (its new words if it was reworded)
    fields: tuple[FieldChange, ...] = ()
    children: tuple["ItemChange", ...] = ()  # e.g. an outcome's indicators


@dataclass(frozen=True)
class SectionChange:
    key: str
    title: str
    fields: tuple[FieldChange, ...] = ()
    items: tuple[ItemChange, ...] = ()


@dataclass(frozen=True)
class Field:
    key: str
    label: Any  # a lazy translation
    kind: str = TEXT


@dataclass(frozen=True)
class ItemList:
    key: str  # where the list sits in the snapshot (or in its parent item)
    noun: Any
    title: str  # the field whose words identify the item
    fields: tuple[Field, ...]
    children: "ItemList | None" = None


@dataclass(frozen=True)
class Heading:
    key: str
    title: Any
    part: str = ""  # a dictionary of fields in the snapshot
    fields: tuple[Field, ...] = ()
    lists: tuple[ItemList, ...] = ()


INDICATORS = ItemList(
    "indicators",
    _("How will we know?"),
    "description",
    (Field("description", _("How will we know?")), Field("due_on", _("By when"), DATE)),
)
OUTCOMES = ItemList(
    "outcomes",
    _("Outcome"),
    "words",
    (
        Field("words", _("Outcome, in the person’s words")),
        Field("kind_label", _("Change or staying well")),
        Field("achieve_by", _("By when"), DATE),
        Field("life_area_label", _("Area of life")),
    ),
    children=INDICATORS,
)
SUPPORTS = ItemList(
    "supports",
    _("Support arrangement"),
    "description",
    (
        Field("description", _("Support")),
        Field("provider", _("Who provides it")),
        Field("how_often", _("How often or how much")),
        Field("funded_by_label", _("How it is resourced")),
        Field("funding_notes", _("Resourcing details")),
    ),
)
RISKS = ItemList(
    "risks",
    _("Risk"),
    "description",
    (
        Field("description", _("What could go wrong")),
        Field("significant_harm", _("Risk of significant harm")),
        Field("how_managed", _("How the risk is managed")),
        Field("contingency", _("Contingency")),
        Field("triggers", _("What starts the contingency plan")),
    ),
)
ACTIONS = ItemList(
    "actions",
    _("Action"),
    "description",
    (
        Field("description", _("Action")),
        Field("outcome_words", _("For which outcome")),
        Field("kind_label", _("Kind of help")),
        Field("responsible", _("Who")),
        Field("due_on", _("By when"), DATE),
        Field("starts_on", _("Starts on"), DATE),
        Field("frequency", _("How often")),
        Field("funded_by_label", _("How it is resourced")),
        Field("funding_notes", _("Resourcing details")),
    ),
)
NEEDS = ItemList(
    "needs",
    _("Need"),
    "description",
    (Field("description", _("Need")), Field("eligibility_label", _("Eligibility"))),
)

HEADINGS = (
    Heading(
        "about",
        _("About this plan"),
        part="plan",
        fields=(
            Field("prepared_by_label", _("Who prepared the plan")),
            Field("preparation_notes", _("How it was prepared")),
            Field("coordinator", _("Plan coordinator")),
            Field("support_starts_on", _("New support starts"), DATE),
        ),
    ),
    Heading(
        headings.IMPORTANT,
        headings.HEADINGS[headings.IMPORTANT],
        part="important",
        fields=(
            Field("important_to_me", _("What is important to you")),
            Field("strengths", _("Strengths, skills and gifts")),
        ),
    ),
    Heading(headings.OUTCOMES, headings.HEADINGS[headings.OUTCOMES], lists=(OUTCOMES,)),
    Heading(headings.SUPPORT, headings.HEADINGS[headings.SUPPORT], lists=(SUPPORTS,)),
    Heading(
        headings.BUDGET,
        headings.HEADINGS[headings.BUDGET],
        part="budget",
        fields=(
            Field("arrangement_label", _("How the personal budget is taken")),
            Field("direct_payment_amount", _("Direct payment amount"), MONEY),
            Field("direct_payment_frequency_label", _("How often the direct payment is paid")),
            Field("budget_use", _("How the personal budget will be used")),
        ),
    ),
    Heading(
        headings.MANAGEMENT,
        headings.HEADINGS[headings.MANAGEMENT],
        part="management",
        fields=(
            Field("support_management", _("How support will be managed")),
            Field("who_leads", _("Who manages the budget and the support")),
        ),
    ),
    Heading(
        headings.CONTROL,
        headings.HEADINGS[headings.CONTROL],
        part="control",
        fields=(Field("staying_in_control", _("How you will stay in control")),),
        lists=(RISKS,),
    ),
    Heading(headings.ACTIONS, headings.HEADINGS[headings.ACTIONS], lists=(ACTIONS,)),
    Heading("needs", _("Needs this plan meets"), lists=(NEEDS,)),
    Heading(
        "not_applicable",
        _("Parts of a good plan that do not apply"),
        part="not_applicable",
        fields=tuple(Field(element.value, ELEMENT_LABELS[element]) for element in Element),
    ),
)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    return str(value)


def _key(words: str) -> str:
    return " ".join(words.split()).casefold()


def _signature(item: dict, spec: ItemList) -> tuple:
    children = ()
    if spec.children:
        children = tuple(
            sorted(_signature(child, spec.children) for child in item.get(spec.children.key, []))
        )
    return (tuple(_text(item.get(f.key)) for f in spec.fields), children)


def _match_similar(
    old: Sequence[dict],
    new: Sequence[dict],
    spec: ItemList,
    partner: dict[int, int],
    unused_old: list[int],
) -> None:
    """Pair the most similar wordings first, as long as they are similar enough."""
    unmatched_new = [n for n in range(len(new)) if n not in partner]
    if not (unmatched_new and unused_old):
        return
    if len(unmatched_new) * len(unused_old) > MAX_SIMILARITY_PAIRS:
        return
    scored = sorted(
        (
            -SequenceMatcher(
                None,
                _key(_text(old[o].get(spec.title))),
                _key(_text(new[n].get(spec.title))),
            ).ratio(),
            n,
            o,
        )
        for n in unmatched_new
        for o in unused_old
    )
    for negative_ratio, n, o in scored:
        if -negative_ratio < SIMILAR:
            break
        if n not in partner and o in unused_old:
            partner[n] = o
            unused_old.remove(o)


def _pair_up(
    old: Sequence[dict],
    new: Sequence[dict],
    spec: ItemList,
) -> list[tuple[dict | None, dict | None]]:
    """Pairs of (old, new) items: matched, added (None, new) or removed (old, None)."""
    partner: dict[int, int] = {}  # new index -> old index
    unused_old = list(range(len(old)))

    def match_by(key: Callable[[dict], Any]) -> None:
        old_keys = [key(item) for item in old]
        for n, item in enumerate(new):
            if n in partner:
                continue
            wanted = key(item)
            for o in unused_old:
                if old_keys[o] == wanted:
                    partner[n] = o
                    unused_old.remove(o)
                    break

    match_by(lambda item: _signature(item, spec))
    match_by(lambda item: _key(_text(item.get(spec.title))))

    _match_similar(old, new, spec, partner, unused_old)

    pairs: list[tuple[dict | None, dict | None]] = [
        (old[partner[n]] if n in partner else None, item) for n, item in enumerate(new)
    ]
    pairs += [(old[o], None) for o in unused_old]
    return pairs


def _field_changes(old: dict, new: dict, fields: Sequence[Field]) -> tuple[FieldChange, ...]:
    changes = []
    for f in fields:
        before, after = _text(old.get(f.key)), _text(new.get(f.key))
        if before != after:
            changes.append(FieldChange(str(f.label), before, after, f.kind))
    return tuple(changes)


def _item_changes(
    old: Sequence[dict], new: Sequence[dict], spec: ItemList
) -> tuple[ItemChange, ...]:
    changes = []
    for before, after in _pair_up(old, new, spec):
        # Added and removed items list all their details, as changes from or to nothing; their
        # identifying words are the item's title, so they are repeated only when reworded.
        shown = spec.fields
        if before is None or after is None:
            shown = tuple(f for f in spec.fields if f.key != spec.title)
        fields = _field_changes(before or {}, after or {}, shown)
        children: tuple[ItemChange, ...] = ()
        if spec.children:
            key = spec.children.key
            children = _item_changes(
                (before or {}).get(key, []), (after or {}).get(key, []), spec.children
            )
        if before is None:
            change = ADDED
        elif after is None:
            change = REMOVED
        elif fields or children:
            change = CHANGED
        else:
            continue
        title = _text((after or before).get(spec.title))
        changes.append(ItemChange(change, str(spec.noun), title, fields, children))
    return tuple(changes)


def compare_snapshots(old: dict, new: dict) -> list[SectionChange]:
    """Changes from `old` to `new`, by heading in the document's order; empty when identical."""
    sections = []
    for heading in HEADINGS:
        fields: tuple[FieldChange, ...] = ()
        if heading.part:
            fields = _field_changes(
                old.get(heading.part) or {}, new.get(heading.part) or {}, heading.fields
            )
        items: tuple[ItemChange, ...] = ()
        for spec in heading.lists:
            items += _item_changes(old.get(spec.key) or [], new.get(spec.key) or [], spec)
        if fields or items:
            sections.append(SectionChange(heading.key, str(heading.title), fields, items))
    return sections
