"""A plan version as a CarePlan with its Goals (docs/fhir.md has the mapping table).

Built from the plan's snapshot as the reader may see it (`visible_parts`: a provider gets only
their part), so the FHIR export shows exactly what the plan page shows. Each outcome is a Goal
whose `identifier` is the outcome's lasting uid; its indicators are the Goal's targets; each
action (and support arrangement) is a CarePlan activity whose element id carries its uid, so a
plan exported, imported and exported again keeps every part's identity.
"""

from dataclasses import dataclass, field
from typing import Any

from tandem.interop.fhir import codes
from tandem.interop.fhir.resources import (
    ACHIEVEMENT,
    GOAL_LIFECYCLE,
    PLAN_STATUS,
    PROGRESS_STATUS,
    member_ref,
    patient_ref,
    ref,
)
from tandem.people.models import CircleMember, Person
from tandem.plans.models import Action, Plan
from tandem.reviews.models import OutcomeEvaluation

ACHIEVE_BY = "achieve-by"  # the element id of the target that is the outcome's own date
SUPPORT = "support"  # the activity code of a support arrangement (actions have their kind's)


def indicator_target_id(uid: str) -> str:
    return f"indicator-{uid}"


def action_activity_id(uid: str) -> str:
    return f"action-{uid}"


def attainment_level_id(uid: str) -> str:
    return f"attainment-level-{uid}"


def support_activity_id(uid: str) -> str:
    return f"support-{uid}"


@dataclass
class PlanContext:
    """What the CarePlan and Goals need beyond the snapshot, loaded once (everything.py)."""

    plan: Plan
    person: Person
    actions: dict[str, Action]  # by uid: who is responsible (the snapshot has only words)
    members: dict[int, CircleMember]  # the circle members in the bundle, by id
    progress: dict[str, str] = field(default_factory=dict)  # action uid -> latest status
    evaluations: dict[str, OutcomeEvaluation] = field(default_factory=dict)  # latest by uid
    care_team: bool = False
    whole: bool = True  # the reader sees the whole plan (not a provider's part)


def _coding(system: str, code: str, display: str = "") -> dict[str, str]:
    return {"system": system, "code": code, **({"display": display} if display else {})}


def _lifecycle(entry: dict[str, Any], context: PlanContext) -> str:
    evaluation = context.evaluations.get(entry["uid"])
    if evaluation is not None:
        if evaluation.rating == OutcomeEvaluation.Rating.ACHIEVED:
            return "completed"
        if evaluation.rating == OutcomeEvaluation.Rating.NO_LONGER_WANTED:
            return "cancelled"
    return GOAL_LIFECYCLE[context.plan.status]


def _achievement(entry: dict[str, Any], context: PlanContext) -> dict[str, Any] | None:
    """From the latest review that rated the outcome; in progress for an agreed plan not yet
    reviewed; nothing for a draft (or an outcome no longer wanted, which is cancelled)."""
    evaluation = context.evaluations.get(entry["uid"])
    if evaluation is not None:
        if evaluation.rating not in ACHIEVEMENT:
            return None
        code, display = ACHIEVEMENT[evaluation.rating]
        return {
            "coding": [_coding(codes.GOAL_ACHIEVEMENT, code, display)],
            "text": str(evaluation.get_rating_display()),
        }
    if context.plan.status == Plan.Status.AGREED:
        return {"coding": [_coding(codes.GOAL_ACHIEVEMENT, "in-progress", "In Progress")]}
    return None


def _gas_levels(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """The outcome's GAS levels in the person's words, as the Person-Centered Outcomes guide's
    goal-attainment-scaling extension (a LOINC answer and the words), from +2 down to −2."""
    levels = sorted(entry.get("attainment_levels") or [], key=lambda e: -int(e["level"]))
    return [
        {
            "id": attainment_level_id(level["uid"]),
            "url": codes.PCO_GAS_EXTENSION,
            "extension": [
                {
                    "url": "level",
                    "valueCoding": _coding(codes.LOINC, *codes.GAS_ANSWERS[int(level["level"])]),
                },
                {"url": "text", "valueString": level["words"]},
            ],
        }
        for level in levels
    ]


def goal(entry: dict[str, Any], context: PlanContext) -> dict[str, Any]:
    """An outcome as a Goal: its words, its date and its indicators as targets (gol-1 holds:
    no target has a `detail`), its kind and area of life as categories."""
    uid = entry["uid"]
    levels = _gas_levels(entry) if context.whole else []
    own_date: dict[str, Any] = {"id": ACHIEVE_BY, "dueDate": entry["achieve_by"]}
    if levels:
        own_date["measure"] = {"coding": [_coding(codes.LOINC, *codes.GAS_MEASURE)]}
    categories = [
        {
            "coding": [
                _coding(
                    codes.tandem_code_system("outcome-kind"), entry["kind"], entry["kind_label"]
                )
            ]
        }
    ]
    if entry.get("life_area"):
        categories.append(
            {
                "coding": [
                    _coding(
                        codes.tandem_code_system("life-area"),
                        entry["life_area"],
                        entry.get("life_area_label", ""),
                    )
                ]
            }
        )
    resource: dict[str, Any] = {
        "resourceType": "Goal",
        "id": uid,
        "identifier": [{"use": "official", "system": codes.part_system(), "value": uid}],
        "lifecycleStatus": _lifecycle(entry, context),
        "category": categories,
        "description": {"text": entry["words"]},
        "subject": patient_ref(context.person),
        "expressedBy": patient_ref(context.person),
        "target": [
            own_date,
            *(
                {
                    "id": indicator_target_id(indicator["uid"]),
                    "measure": {"text": indicator["description"]},
                    "dueDate": indicator["due_on"],
                }
                for indicator in entry.get("indicators") or []
            ),
        ],
    }
    if levels:
        resource["extension"] = levels
    if context.whole and (achievement := _achievement(entry, context)):
        resource["achievementStatus"] = achievement
    return resource


def _timing(entry: dict[str, Any], frequency_key: str) -> dict[str, Any] | None:
    """When an action happens: from its start date to the date it is done by, and how often."""
    timing: dict[str, Any] = {}
    bounds = {
        key: entry[name]
        for key, name in (("start", "starts_on"), ("end", "due_on"))
        if entry.get(name)
    }
    if bounds:
        timing["repeat"] = {"boundsPeriod": bounds}
    if entry.get(frequency_key):
        timing["code"] = {"text": entry[frequency_key]}
    return timing or None


def _performer(entry: dict[str, Any], context: PlanContext) -> dict[str, Any] | None:
    action = context.actions.get(entry["uid"])
    if action is None:
        return None
    if action.responsible_is_person:
        return patient_ref(context.person)
    if action.responsible_member_id is not None:
        member = context.members.get(action.responsible_member_id)
        # Someone the reader may not see in the circle is named, not linked.
        return member_ref(member) if member else {"display": entry.get("responsible", "")}
    if action.responsible_staff_id is not None:
        staff = action.responsible_staff
        return ref("Practitioner", action.responsible_staff_id, staff.display_name if staff else "")
    return None


def action_activity(entry: dict[str, Any], context: PlanContext, goals: set[str]) -> dict:
    detail: dict[str, Any] = {
        "code": {
            "coding": [
                _coding(
                    codes.tandem_code_system("activity-kind"), entry["kind"], entry["kind_label"]
                )
            ]
        },
        "status": PROGRESS_STATUS.get(context.progress.get(entry["uid"], ""), "not-started"),
        "description": entry["description"],
    }
    if entry.get("outcome_uid") in goals:
        detail["goal"] = [ref("Goal", entry["outcome_uid"])]
    if timing := _timing(entry, "frequency"):
        detail["scheduledTiming"] = timing
    if performer := _performer(entry, context):
        detail["performer"] = [performer]
    return {"id": action_activity_id(entry["uid"]), "detail": detail}


def support_activity(entry: dict[str, Any], context: PlanContext) -> dict[str, Any]:
    member = context.members.get(entry.get("provider_member_id") or 0)
    detail: dict[str, Any] = {
        "code": {
            "coding": [
                _coding(codes.tandem_code_system("activity-kind"), SUPPORT, "Support arrangement")
            ]
        },
        "status": "not-started" if context.plan.is_editable else "in-progress",
        "description": entry["description"],
        "performer": [member_ref(member) if member else {"display": entry["provider"]}],
    }
    if entry.get("how_often"):
        detail["scheduledString"] = entry["how_often"]
    return {"id": support_activity_id(entry["uid"]), "detail": detail}


def care_plan(snapshot: dict[str, Any], context: PlanContext) -> dict[str, Any]:
    """The plan version as a CarePlan: its state, its Goals, and an activity for each action
    and support arrangement (each a `detail`, never also a `reference`: cpl-3)."""
    plan = context.plan
    goal_ids = [entry["uid"] for entry in snapshot.get("outcomes") or []]
    goals = set(goal_ids)
    resource: dict[str, Any] = {
        "resourceType": "CarePlan",
        "id": str(plan.pk),
        "identifier": [{"use": "official", "system": codes.plan_system(), "value": str(plan.pk)}],
        "status": PLAN_STATUS[plan.status],
        "intent": "plan",
        "title": f"Support plan, version {plan.version_number}",
        "subject": patient_ref(context.person),
        "created": plan.created_at.isoformat(),
    }
    important = (snapshot.get("important") or {}).get("important_to_me")
    if context.whole and important:
        resource["description"] = important
    if plan.support_starts_on:
        resource["period"] = {"start": plan.support_starts_on.isoformat()}
    if plan.coordinator_id:
        resource["author"] = ref("Practitioner", plan.coordinator_id)
    if context.care_team:
        resource["careTeam"] = [ref("CareTeam", f"circle-{context.person.pk}")]
    if goals:
        resource["goal"] = [ref("Goal", uid) for uid in goal_ids]
    activities = [
        action_activity(entry, context, goals) for entry in snapshot.get("actions") or []
    ] + [support_activity(entry, context) for entry in snapshot.get("supports") or []]
    if activities:
        resource["activity"] = activities
    return resource
