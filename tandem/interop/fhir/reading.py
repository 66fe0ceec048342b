"""Reading a FHIR R4 Bundle that holds a CarePlan and its Goals into plain plan parts.

Pure functions over the parsed JSON: what Tandem can keep becomes `ImportedPlan` (outcomes with
their indicators and GAS levels, actions, support arrangements, each with the uid it had), and
everything it cannot is a warning or information issue for the report. Nothing here touches the
database; importing.py saves the result through the plans services.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tandem.interop.fhir import codes
from tandem.interop.fhir.plan_resources import ACHIEVE_BY, SUPPORT
from tandem.plans.models import Action, Outcome

INDICATOR, ACTION, SUPPORT_PREFIX = "indicator-", "action-", "support-"
LEVEL = "attainment-level-"


@dataclass
class Performer:
    """Who an activity names as responsible, as a reference: ("Patient", "12"), or a name."""

    kind: str = ""
    id: str = ""
    display: str = ""


@dataclass
class ImportedIndicator:
    uid: uuid.UUID
    description: str
    due_on: date


@dataclass
class ImportedOutcome:
    uid: uuid.UUID
    words: str
    kind: str
    achieve_by: date
    life_area: str
    key: str  # how activities refer to it ("Goal/<id>" or its fullUrl)
    indicators: list[ImportedIndicator] = field(default_factory=list)
    levels: list[tuple[uuid.UUID, int, str]] = field(default_factory=list)


@dataclass
class ImportedAction:
    uid: uuid.UUID
    outcome_uid: uuid.UUID
    description: str
    kind: str
    due_on: date | None
    starts_on: date | None
    frequency: str
    performer: Performer | None


@dataclass
class ImportedSupport:
    uid: uuid.UUID
    description: str
    how_often: str
    performer: Performer


@dataclass
class ImportedPlan:
    important_to_me: str = ""
    subject: str = ""
    outcomes: list[ImportedOutcome] = field(default_factory=list)
    actions: list[ImportedAction] = field(default_factory=list)
    supports: list[ImportedSupport] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # information, not a problem


class NotAPlan(Exception):
    """The Bundle is not something Tandem can import: no CarePlan, or more than one."""


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _coded(concept: dict[str, Any] | None, system: str) -> str:
    for coding in (concept or {}).get("coding") or []:
        if coding.get("system") == system and coding.get("code"):
            return str(coding["code"])
    return ""


def reference_key(reference: dict[str, Any] | None) -> tuple[str, str]:
    """("Goal", "abc") from "Goal/abc" or "https://…/fhir/r4/Goal/abc"; ("", "") otherwise."""
    text = str((reference or {}).get("reference") or "")
    parts = text.rstrip("/").split("/")
    return (parts[-2], parts[-1]) if len(parts) >= 2 else ("", "")


class _Uids:
    """Each part's uid from the bundle where it is a valid, unused one; a new one otherwise."""

    def __init__(self, plan: ImportedPlan):
        self.plan, self.used = plan, set[uuid.UUID]()

    def take(self, value: str, what: str) -> uuid.UUID:
        try:
            uid = uuid.UUID(value)
        except (ValueError, TypeError, AttributeError):
            uid = None
        if uid is None or uid in self.used:
            if value:
                self.plan.warnings.append(
                    f"{what}: its identifier {value!r} is not a new Tandem uid, so it was given "
                    "a new one."
                )
            uid = uuid.uuid4()
        self.used.add(uid)
        return uid


def _goal_uid(goal: dict[str, Any]) -> str:
    for identifier in goal.get("identifier") or []:
        if identifier.get("system") == codes.part_system():
            return str(identifier.get("value") or "")
    return ""


def _levels(goal: dict[str, Any], uids: "_Uids") -> list[tuple[uuid.UUID, int, str]]:
    """GAS levels from the Person-Centered Outcomes guide's extension on the Goal."""
    levels = []
    for extension in goal.get("extension") or []:
        if extension.get("url") != codes.PCO_GAS_EXTENSION:
            continue
        inner = {e.get("url"): e for e in extension.get("extension") or []}
        code = ((inner.get("level") or {}).get("valueCoding") or {}).get("code")
        words = (inner.get("text") or {}).get("valueString") or ""
        if code in codes.GAS_LEVEL_OF_ANSWER and words:
            uid = uids.take(str(extension.get("id") or "").removeprefix(LEVEL), "A GAS level")
            levels.append((uid, codes.GAS_LEVEL_OF_ANSWER[code], words))
    return levels


def _indicators(
    goal: dict[str, Any], uids: _Uids, plan: ImportedPlan, name: str
) -> list[ImportedIndicator]:
    indicators = []
    for target in goal.get("target") or []:
        if target.get("id") == ACHIEVE_BY:
            continue
        words = (target.get("measure") or {}).get("text") or target.get("detailString") or ""
        due_on = _date(target.get("dueDate"))
        if not words or due_on is None:
            plan.warnings.append(
                f"Outcome “{name}”: a target without words or a due date was not imported as "
                "an indicator."
            )
            continue
        target_id = str(target.get("id") or "")
        uid = uids.take(target_id.removeprefix(INDICATOR), f"Indicator “{words}”")
        indicators.append(ImportedIndicator(uid, words, due_on))
    return indicators


def _achieve_by(goal: dict[str, Any]) -> date | None:
    targets = goal.get("target") or []
    own = [t for t in targets if t.get("id") == ACHIEVE_BY]
    dates = [_date(t.get("dueDate")) for t in own or targets]
    return max((d for d in dates if d), default=None)


def _outcome(entry: dict[str, Any], uids: _Uids, plan: ImportedPlan) -> ImportedOutcome | None:
    goal = entry["resource"]
    words = ((goal.get("description") or {}).get("text") or "").strip()
    if not words:
        plan.warnings.append(f"Goal {goal.get('id', '')}: it has no words, so it was left out.")
        return None
    achieve_by = _achieve_by(goal)
    if achieve_by is None:
        plan.warnings.append(
            f"Outcome “{words}”: it has no date to achieve it by, so it was left out."
        )
        return None
    kind = _coded_from(goal.get("category"), codes.tandem_code_system("outcome-kind"))
    return ImportedOutcome(
        uid=uids.take(_goal_uid(goal), f"Outcome “{words}”"),
        words=words,
        kind=kind if kind in Outcome.Kind.values else Outcome.Kind.CHANGE,
        achieve_by=achieve_by,
        life_area=_coded_from(goal.get("category"), codes.tandem_code_system("life-area")),
        key=f"Goal/{goal.get('id', '')}",
        indicators=_indicators(goal, uids, plan, words),
        levels=_levels(goal, uids),
    )


def _coded_from(concepts: list[dict[str, Any]] | None, system: str) -> str:
    return next((code for c in concepts or [] if (code := _coded(c, system))), "")


def _performer(detail: dict[str, Any]) -> Performer | None:
    for reference in detail.get("performer") or []:
        kind, pk = reference_key(reference)
        return Performer(kind=kind, id=pk, display=str(reference.get("display") or ""))
    return None


def _schedule(detail: dict[str, Any]) -> tuple[date | None, date | None, str]:
    """(starts on, due on, how often) from scheduledTiming, scheduledPeriod or scheduledString."""
    timing = detail.get("scheduledTiming") or {}
    bounds = (timing.get("repeat") or {}).get("boundsPeriod") or detail.get("scheduledPeriod")
    bounds = bounds or {}
    frequency = (timing.get("code") or {}).get("text") or detail.get("scheduledString") or ""
    return _date(bounds.get("start")), _date(bounds.get("end")), str(frequency)


def _activity(
    activity: dict[str, Any], outcomes: dict[str, ImportedOutcome], uids: _Uids, plan: ImportedPlan
) -> None:
    detail = activity.get("detail")
    if not detail:
        plan.warnings.append("A CarePlan activity with no detail (only a reference) was left out.")
        return
    description = str(detail.get("description") or "").strip()
    if not description:
        plan.warnings.append("A CarePlan activity with no description was left out.")
        return
    kind = _coded(detail.get("code"), codes.tandem_code_system("activity-kind"))
    activity_id = str(activity.get("id") or "")
    if kind == SUPPORT:
        _support(detail, description, activity_id, uids, plan)
        return
    goal = next((outcomes.get("/".join(reference_key(g))) for g in detail.get("goal") or []), None)
    if goal is None:
        plan.warnings.append(
            f"Action “{description}”: it is for no Goal of the plan, so it was left out."
        )
        return
    if kind not in Action.Kind.values:
        plan.warnings.append(
            f"Action “{description}”: the kind of help was not given; it was recorded as a "
            "paid service – check it."
        )
        kind = Action.Kind.PAID
    starts_on, due_on, frequency = _schedule(detail)
    plan.actions.append(
        ImportedAction(
            uid=uids.take(activity_id.removeprefix(ACTION), f"Action “{description}”"),
            outcome_uid=goal.uid,
            description=description,
            kind=kind,
            due_on=due_on,
            starts_on=starts_on,
            frequency=frequency,
            performer=_performer(detail),
        )
    )


def _support(
    detail: dict[str, Any], description: str, activity_id: str, uids: _Uids, plan: ImportedPlan
) -> None:
    performer = _performer(detail)
    if performer is None:
        plan.warnings.append(
            f"Support arrangement “{description}”: no one provides it, so it was left out."
        )
        return
    _start, _end, how_often = _schedule(detail)
    uid = uids.take(activity_id.removeprefix(SUPPORT_PREFIX), f"Support “{description}”")
    plan.supports.append(ImportedSupport(uid, description, how_often, performer))


def care_plan_entry(bundle: dict[str, Any]) -> dict[str, Any]:
    care_plans = [
        entry
        for entry in bundle.get("entry") or []
        if (entry.get("resource") or {}).get("resourceType") == "CarePlan"
    ]
    if len(care_plans) != 1:
        raise NotAPlan(
            "The Bundle must hold exactly one CarePlan (with its Goals); "
            f"it holds {len(care_plans)}."
        )
    return care_plans[0]


def read_plan(bundle: dict[str, Any]) -> ImportedPlan:
    """The CarePlan of a (structurally valid) R4 Bundle and the Goals it refers to."""
    care_plan = care_plan_entry(bundle)["resource"]
    plan = ImportedPlan(
        important_to_me=str(care_plan.get("description") or ""),
        subject="/".join(reference_key(care_plan.get("subject"))),
    )
    uids = _Uids(plan)
    outcomes: dict[str, ImportedOutcome] = {}
    others: dict[str, int] = {}
    for entry in bundle.get("entry") or []:
        resource = entry.get("resource") or {}
        kind = resource.get("resourceType")
        if kind == "Goal":
            outcome = _outcome(entry, uids, plan)
            if outcome is not None:
                plan.outcomes.append(outcome)
                outcomes[outcome.key] = outcome
                if entry.get("fullUrl"):
                    outcomes["/".join(reference_key({"reference": entry["fullUrl"]}))] = outcome
        elif kind != "CarePlan":
            others[str(kind)] = others.get(str(kind), 0) + 1
    for activity in care_plan.get("activity") or []:
        _activity(activity, outcomes, uids, plan)
    if others:
        listed = ", ".join(f"{count} {kind}" for kind, count in sorted(others.items()))
        plan.notes.append(
            f"Not imported (Tandem imports the CarePlan and its Goals only): {listed}."
        )
    plan.notes.append(
        "How each action and support arrangement is resourced is not in FHIR: record it before "
        "the plan is sent for agreement."
    )
    return plan
