"""What changed between two versions of a plan (A4), as a pure function of their snapshots.

Parts are matched by their `uid`, the identity a part keeps across versions (so a reworded
outcome shows as changed, not as removed and added). Copies issued before parts had uids are
matched by what they say instead: first identical items, then items with the same identifying
words, then items whose words are similar enough to be an edit of each other. Whatever is left
over was added or removed. The headings, fields and lists come from the registry of plan parts.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tandem.documents.headings import document_headings
from tandem.plans.parts import Field, PartKind, registry
from tandem.plans.rules import ELEMENT_LABELS, Element
from tandem.plans.snapshot import upgrade_snapshot

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"

# Words at least this similar (difflib ratio) are taken to be an edit of the same item.
SIMILAR = 0.6
# Beyond this many candidate pairs, similar-wording matching is skipped to keep pages quick.
MAX_SIMILARITY_PAIRS = 2500


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str
    kind: str = "text"  # how the template shows the values: text, date (ISO) or money


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
class ItemList:
    key: str  # where the list sits in the snapshot (or in its parent item)
    noun: Any
    title: str  # the field whose words identify the item
    fields: tuple[Field, ...]
    children: tuple["ItemList", ...] = ()
    identity: str = ""  # a key that is the same item's in both snapshots ("uid")


@dataclass(frozen=True)
class Heading:
    key: str
    title: Any
    groups: tuple[tuple[str, tuple[Field, ...]], ...] = ()  # (snapshot part, its fields)
    lists: tuple[ItemList, ...] = ()


def part_list(kind: PartKind) -> ItemList:
    return ItemList(
        kind.snapshot_key,
        kind.names.noun,
        kind.title_field,
        kind.fields,
        children=tuple(part_list(child) for child in registry.children(kind)),
        identity="uid",
    )


DISAGREEMENTS = ItemList(
    "disagreements",
    _("Area of disagreement"),
    "details",
    (
        Field("details", _("What the disagreement is")),
        Field("section_title", _("Part of the plan")),
        Field("part_about", _("Which part")),
        Field("raised_by", _("Who disagrees")),
        Field("renegotiation_label", _("Does the plan need to be reviewed or renegotiated?")),
        Field("renegotiation_reason", _("Reason for the decision")),
    ),
    identity="id",  # a disagreement belongs to one version; its copies share the row's id
)


def comparison_headings() -> list[Heading]:
    """The document's headings with what each shows, then what follows the seven headings."""
    headings = [
        Heading(
            heading.key,
            heading.title,
            groups=tuple(
                (entry.section.snapshot_key, entry.section.shows)
                for entry in heading.entries
                if entry.kind is None
            ),
            lists=tuple(part_list(entry.kind) for entry in heading.entries if entry.kind),
        )
        for heading in document_headings()
    ]
    return [
        *headings,
        Heading(
            "not_applicable",
            _("Parts of a good plan that do not apply"),
            groups=(
                (
                    "not_applicable",
                    tuple(Field(element.value, ELEMENT_LABELS[element]) for element in Element),
                ),
            ),
        ),
        # Who agreed is not compared: a new draft has no agreements yet, which is no removal.
        Heading("disagreements", _("Areas of disagreement"), lists=(DISAGREEMENTS,)),
    ]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    return str(value)


def _key(words: str) -> str:
    return " ".join(words.split()).casefold()


def _signature(item: dict, spec: ItemList) -> tuple:
    children = tuple(
        tuple(sorted(_signature(child, c) for child in item.get(c.key, []))) for c in spec.children
    )
    return (tuple(_text(item.get(f.key)) for f in spec.fields), children)


def _match_similar(
    old: Sequence[dict],
    new: Sequence[dict],
    spec: ItemList,
    partner: dict[int, int],
    unused_old: list[int],
    may_pair: Callable[[int, int], bool],
) -> None:
    """Pair the most similar wordings first, as long as they are similar enough."""
    candidates = [
        (n, o) for n in range(len(new)) if n not in partner for o in unused_old if may_pair(n, o)
    ]
    if not candidates or len(candidates) > MAX_SIMILARITY_PAIRS:
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
        for n, o in candidates
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

    def identity(item: dict) -> Any:
        return item.get(spec.identity) if spec.identity else None

    def may_pair(n: int, o: int) -> bool:
        # Two items that both carry an identity are the same item only if it is the same one.
        return identity(new[n]) is None or identity(old[o]) is None

    def match_by(key: Callable[[dict], Any], allowed: Callable[[int, int], bool]) -> None:
        old_keys = [key(item) for item in old]
        for n, item in enumerate(new):
            if n in partner:
                continue
            wanted = key(item)
            for o in unused_old:
                if old_keys[o] == wanted and allowed(n, o):
                    partner[n] = o
                    unused_old.remove(o)
                    break

    match_by(identity, lambda n, o: identity(new[n]) is not None)
    match_by(lambda item: _signature(item, spec), may_pair)
    match_by(lambda item: _key(_text(item.get(spec.title))), may_pair)
    _match_similar(old, new, spec, partner, unused_old, may_pair)

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
        for child in spec.children:
            children += _item_changes(
                (before or {}).get(child.key, []), (after or {}).get(child.key, []), child
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
    old, new = upgrade_snapshot(old), upgrade_snapshot(new)
    sections = []
    for heading in comparison_headings():
        fields: tuple[FieldChange, ...] = ()
        for part, shown in heading.groups:
            fields += _field_changes(old.get(part) or {}, new.get(part) or {}, shown)
        items: tuple[ItemChange, ...] = ()
        for spec in heading.lists:
            items += _item_changes(old.get(spec.key) or [], new.get(spec.key) or [], spec)
        if fields or items:
            sections.append(SectionChange(heading.key, str(heading.title), fields, items))
    return sections
