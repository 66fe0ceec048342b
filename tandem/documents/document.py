"""The plan document's content, from a plan snapshot alone.

A live draft and a copy issued years ago go through this one function and one template, so every
copy ever sent can be shown again exactly as it was (A4). Nothing here reads the database.
"""

from typing import Any

from django.utils.translation import gettext as _

from tandem.documents.headings import ABOUT, document_headings
from tandem.people.models import Person
from tandem.plans.models import Disagreement, Funding
from tandem.plans.parts import PartKind, Section, registry
from tandem.plans.provider_part import WHOLE, PlanView, part_notice, visible_parts
from tandem.plans.rules import element_statuses
from tandem.plans.snapshot import upgrade_snapshot

RENEGOTIATION_LABELS = dict(Disagreement.Renegotiation.choices)


def _resourcing_groups(snapshot: dict) -> list[dict[str, Any]]:
    """P5/P7: every action and support arrangement, grouped by how it is resourced.

    Groups follow the order of the resourcing options; anything not yet resourced comes last as
    its own group, so a gap shows rather than disappears.
    """
    rows: dict[str, list[dict[str, str]]] = {}
    labels: dict[str, str] = {}
    for action in snapshot.get("actions", []):
        code = action.get("funded_by", "")
        rows.setdefault(code, []).append(
            {
                "what": action["description"],
                "type": _("Action"),
                "who": action.get("responsible", ""),
                "details": action.get("funding_notes", ""),
            }
        )
        labels.setdefault(code, action.get("funded_by_label", ""))
    for support in snapshot.get("supports", []):
        code = support.get("funded_by", "")
        rows.setdefault(code, []).append(
            {
                "what": support["description"],
                "type": _("Support arrangement"),
                "who": support.get("provider", ""),
                "details": support.get("funding_notes", ""),
            }
        )
        labels.setdefault(code, support.get("funded_by_label", ""))
    known = [code for code in Funding.values if code in rows]
    others = sorted(code for code in rows if code and code not in Funding.values)
    order = known + others + ([""] if "" in rows else [])
    return [
        {
            "code": code,
            # The label stored in the snapshot, so an old copy keeps the words it was sent with.
            "label": (labels[code] or str(dict(Funding.choices).get(code, code)))
            if code
            else _("How this is resourced has not been recorded yet"),
            "rows": rows[code],
        }
        for code in order
    ]


def _undecided(snapshot: dict, *, issued: bool) -> str:
    """What a copy says of a disagreement the coordinator has not decided on (A3): true when it
    is read, however long after it was made."""
    if issued:
        return _("The plan coordinator had not decided when this copy was sent")
    if snapshot["plan"].get("status") in {"superseded", "ended"}:
        return _("No decision was recorded while this version was in force")
    return _("The plan coordinator has not decided yet")


def _disagreements(snapshot: dict, *, issued: bool) -> list[dict[str, Any]]:
    disagreements = []
    for disagreement in snapshot.get("disagreements", []):
        decision = disagreement.get("renegotiation", "")
        # Copies issued before snapshots carried the section's title still name their section.
        section = registry.section(disagreement.get("section", ""))
        label = str(RENEGOTIATION_LABELS.get(decision, decision))
        disagreements.append(
            {
                "section_title": str(section.title) if section else disagreement.get("section"),
                **disagreement,
                "renegotiation_label": label,
                "decision": label if decision else _undecided(snapshot, issued=issued),
            }
        )
    return disagreements


def _rows(fields, values: dict[str, Any], *, leave_out: str = "") -> list[dict[str, Any]]:
    return [
        {"label": f.label, "value": values.get(f.key, ""), "kind": f.kind}
        for f in fields
        if f.key != leave_out and not (f.optional and not values.get(f.key))
    ]


def _parts(kind: PartKind, entries: list[dict]) -> list[dict[str, Any]]:
    """A kind's parts as its document template shows them: numbered, titled, with their values
    and, for each kind shown inside them, a table of those."""
    return [
        {
            **entry,
            "caption": kind.names.numbered % {"number": number},
            "title": kind.title_of(entry),
            "rows": _rows(kind.fields, entry, leave_out=kind.title_field),
            "children": [
                {
                    "kind": child,
                    "columns": [f.label for f in _title_first(child)],
                    "rows": [
                        _rows(_title_first(child), e) for e in entry.get(child.snapshot_key, [])
                    ],
                }
                for child in registry.children(kind)
            ],
        }
        for number, entry in enumerate(entries, start=1)
    ]


def _title_first(kind: PartKind) -> list:
    return sorted(kind.fields, key=lambda f: f.key != kind.title_field)


def _entry(section: Section, kind: PartKind | None, snapshot: dict) -> dict[str, Any]:
    if kind is None:
        return {"rows": _rows(section.shows, snapshot.get(section.snapshot_key) or {})}
    return {
        "kind": kind,
        "template": kind.document_template,
        "columns": [f.label for f in _title_first(kind)],
        "parts": _parts(kind, snapshot.get(kind.snapshot_key) or []),
    }


def _blocks(snapshot: dict, view: PlanView) -> list[dict[str, Any]]:
    """The document's headings in order, each with what it shows from this snapshot. A heading
    with no section this reader may see is left out, title and all (provider_part.py), but for
    "About you and this plan", which names the person."""
    blocks = [
        {
            "key": heading.key,
            "title": heading.title,
            "entries": [
                {
                    "section": entry.section,
                    "subheading": entry.subheading,
                    **_entry(entry.section, entry.kind, snapshot),
                }
                for entry in heading.entries
                if view.shows_section(entry.section.key)
            ],
        }
        for heading in document_headings()
    ]
    return [block for block in blocks if block["entries"] or block["key"] == ABOUT]


def document_content(
    snapshot: dict, *, issued: bool = False, view: PlanView = WHOLE
) -> dict[str, Any]:
    """Everything the plan document template shows, worked out from the snapshot: of the
    version as it is now, or of a copy as it was sent (`issued`), as this reader may see it
    (`view`: the whole plan, or a provider's part)."""
    snapshot = visible_parts(view, upgrade_snapshot(snapshot))
    elements = element_statuses(snapshot) if view.whole else []
    return {
        "snapshot": snapshot,
        "plan": snapshot["plan"],
        "person": snapshot["person"],
        "blocks": _blocks(snapshot, view),
        "elements": elements,
        "gap_count": sum(1 for element in elements if element["state"] == "gap"),
        "resourcing": _resourcing_groups(snapshot) if view.whole else [],
        "disagreements": _disagreements(snapshot, issued=issued),
        "is_agreed": snapshot["plan"].get("status") in {"agreed", "superseded", "ended"},
        "part_notice": part_notice(view, snapshot["person"].get("known_as", "")),
    }


def recipients_for_display(recipients: list[dict]) -> list[dict[str, Any]]:
    """Who a copy was sent to, with the names of the formats it was sent in."""
    labels = dict(Person.Format.choices)
    return [
        {
            **recipient,
            "format_labels": [str(labels.get(code, code)) for code in recipient.get("formats", [])],
        }
        for recipient in recipients
    ]
