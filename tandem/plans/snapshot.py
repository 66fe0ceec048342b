"""A plan version as plain data.

The same dictionary is what the rules check, what the plan document renders, what an issue stores
so it can be reproduced exactly (A4), and what two versions are compared by. Its sections and
parts come from the registry (parts.py); every part carries the `uid` it keeps across versions.
"""

from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext as _

from tandem.plans.models import Disagreement, Plan
from tandem.plans.parts import PartKind, registry

# 2: parts carry their uid, actions their outcome's, disagreements their decision's words.
# 3: a disagreement may be about one part, and carries that part's words; and its date raised.
# 4: what other apps register: budgets' resources, trade-offs and costs, and `costing` (nothing
#    to fill in for older copies: they show no costs, as they had none).
# 5: who sees which part: an action's responsible circle member, a support arrangement's
#    provider, an outcome shared with everyone supporting the person, who recorded a
#    disagreement (provider_part.py). Older copies lack them, so a provider sees less of them,
#    never more.
SCHEMA = 5


def load_plan_parts(plan: Plan) -> Plan:
    """Fetch everything a plan page needs in a fixed number of queries, however big the plan:
    one query per kind of part, whatever kinds are registered."""
    plan.__dict__["loaded_parts"] = {
        kind.key: list(kind.queryset().filter(plan=plan)) for kind in registry.kinds.values()
    }
    prefetch_related_objects(
        [plan],
        "agreements",
        Prefetch("disagreements", queryset=Disagreement.objects.select_related("recorded_by")),
    )
    return plan


def _parts(plan: Plan, kind: PartKind) -> list:
    loaded = getattr(plan, "loaded_parts", None)
    if loaded is None or kind.key not in loaded:
        return list(kind.queryset().filter(plan=plan))
    return loaded[kind.key]


def _entries(
    plan: Plan, kind: PartKind, parts: list, children: dict[str, dict[int, list]]
) -> list[dict[str, Any]]:
    """The parts as snapshot entries, each with the parts shown inside it (`children`: for each
    nested kind, its parts grouped by their parent's id)."""
    entries = []
    for part in parts:
        entry = kind.serialize(part, plan)
        for child in registry.children(kind):
            inside = children[child.key].get(part.pk, [])
            entry[child.snapshot_key] = _entries(plan, child, inside, children)
        entries.append(entry)
    return entries


def _by_parent(plan: Plan) -> dict[str, dict[int, list]]:
    """Each nested kind's parts, grouped by their parent's id: one pass over each kind."""
    grouped: dict[str, dict[int, list]] = {}
    for kind in registry.kinds.values():
        if kind.nested:
            groups: dict[int, list] = defaultdict(list)
            for part in _parts(plan, kind):
                groups[getattr(part, f"{kind.parent_field}_id")].append(part)
            grouped[kind.key] = groups
    return grouped


def _section_answers(plan: Plan) -> dict[str, dict[str, Any]]:
    answers: dict[str, dict[str, Any]] = {}
    for section in registry.sections:
        if section.serialize:
            answers.setdefault(section.snapshot_key, {}).update(section.serialize(plan))
    return answers


def snapshot_parts(snapshot: Mapping[str, Any]) -> Iterator[tuple[PartKind, dict[str, Any]]]:
    """Every part in a snapshot with its kind, in section order, each followed by the parts
    shown inside it (an outcome, then its indicators)."""

    def walk(
        kind: PartKind, entries: list[dict[str, Any]]
    ) -> Iterator[tuple[PartKind, dict[str, Any]]]:
        for entry in entries:
            yield kind, entry
            for child in registry.children(kind):
                yield from walk(child, entry.get(child.snapshot_key) or [])

    for kind in registry.top_level():
        yield from walk(kind, snapshot.get(kind.snapshot_key) or [])


def plan_snapshot(plan: Plan) -> dict[str, Any]:
    person = plan.person
    answers = _section_answers(plan)
    children = _by_parent(plan)
    parts = {
        kind.snapshot_key: _entries(plan, kind, _parts(plan, kind), children)
        for kind in registry.top_level()
    }
    # Disagreements about a part take its words from the parts above: no query for each.
    titles = {
        (kind.key, str(entry.get("uid", ""))): kind.title_of(entry)
        for kind, entry in snapshot_parts(parts)
    }
    return {
        "schema": SCHEMA,
        **answers,
        "plan": {
            "id": plan.pk,
            "version_number": plan.version_number,
            "status": plan.status,
            "status_label": str(plan.get_status_display()),
            **answers.get("plan", {}),
        },
        "person": {
            "name": person.full_name,
            "known_as": person.known_as,
            "date_of_birth": person.date_of_birth.isoformat() if person.date_of_birth else "",
            "local_identifier": person.local_identifier,
            "language": person.language,
            "communication_needs": person.communication_needs,
            "age_group": person.age_group,
        },
        **parts,
        "not_applicable": dict(plan.elements_not_applicable),
        "agreements": [
            {
                "party": a.party,
                "party_label": str(a.get_party_display()),
                "name": a.name,
                "method_label": str(a.get_method_display()),
                "agreed_on": a.agreed_on.isoformat(),
                "best_interest": a.best_interest,
            }
            for a in plan.agreements.all()
        ],
        "disagreements": [_disagreement(d, titles) for d in plan.disagreements.all()],
        # What other apps add (budgets' figures and decisions), under their own keys.
        **{key: part(plan, parts) for key, part in registry.snapshot_parts.items()},
    }


def part_about(kind_key: str, title: str) -> str:
    """ "About the action “Find a lift to the club”": one sentence for each kind of part."""
    kind = registry.kind(kind_key)
    about = (kind.names.about if kind else "") or _("About “%(title)s”")
    return str(about) % {"title": title}


def _part_about(d: Disagreement, title: str | None, section_title: str) -> str:
    """The sentence naming the part a disagreement is about, kept in the copy so it keeps the
    part's words of the day even if the part is reworded or removed later."""
    if not d.part_kind:
        return ""
    if title is None:
        return _("About a part of “%(section)s” that has since been removed") % {
            "section": section_title
        }
    return part_about(d.part_kind, title)


def _disagreement(d: Disagreement, titles: Mapping[tuple[str, str], str]) -> dict[str, Any]:
    section = registry.section(d.section)
    section_title = str(section.title) if section else d.section
    title = titles.get((d.part_kind, str(d.part_uid))) if d.part_kind else None
    return {
        "id": d.pk,
        "section": d.section,
        "section_title": section_title,
        "part_kind": d.part_kind,
        "part_uid": str(d.part_uid) if d.part_uid else "",
        "part_title": title or "",
        "part_about": _part_about(d, title, section_title),
        "raised_by": d.raised_by,
        "raised_on": d.raised_on.isoformat(),
        "recorded_by": d.recorded_by.display_name,
        "recorded_by_id": d.recorded_by_id,
        "details": d.details,
        "after_agreement": d.after_agreement,
        "renegotiation": d.renegotiation,
        "renegotiation_label": str(d.get_renegotiation_display()) if d.renegotiation else "",
        "renegotiation_reason": d.renegotiation_reason,
    }


# What a disagreement in a copy stored under each older schema lacks, as nothing.
_DISAGREEMENT_DEFAULTS = {
    3: {"part_kind": "", "part_uid": "", "part_title": "", "part_about": "", "raised_on": ""},
}


def upgrade_snapshot(snapshot: dict[str, Any]) -> dict[str, Any]:
    """An issued copy stored under an older schema, with the values later code expects filled
    in from what it holds (nothing is invented: a copy without uids stays without them)."""
    schema = snapshot.get("schema", 1)
    if schema >= SCHEMA:
        return snapshot
    labels = dict(Disagreement.Renegotiation.choices)
    defaults: dict[str, Any] = {}
    for added_in, values in _DISAGREEMENT_DEFAULTS.items():
        if schema < added_in:
            defaults.update(values)
    disagreements = [
        {
            "renegotiation_label": str(labels.get(d.get("renegotiation", ""), "")),
            **defaults,
            **d,
        }
        for d in snapshot.get("disagreements", [])
    ]
    return {**snapshot, "disagreements": disagreements}
