"""Patient/[id]/$everything: everything Tandem may tell this reader about a person, as one
FHIR R4 Bundle, read in a fixed number of queries however big the plan and circle are.

Reached only through `everything_for_user`, which fetches and authorises the person exactly as
the pages do (404 without a relationship), shows only what the pages show this reader (a
provider sees their part of the plan; contact details and addresses go to staff and the person
themselves; consent records to staff), audits the read, and validates what it returns with
`fhir.resources` and the value-set checks of codes.py.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _
from fhir.resources.R4B.bundle import Bundle

from tandem.accounts.access import APPOINTMENTS, can_manage_person, get_person_for_user
from tandem.accounts.models import User
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_record
from tandem.interop.fhir import plan_resources, resources
from tandem.interop.fhir.codes import code_problems
from tandem.people.models import CircleMember, ConsentRecord, Person
from tandem.people.selectors import sees_whole_record
from tandem.plans.models import Plan
from tandem.plans.provider_part import PlanView, plan_view, visible_parts
from tandem.plans.snapshot import load_plan_parts, plan_snapshot
from tandem.reviews import gas
from tandem.reviews.models import ActionProgress, OutcomeEvaluation, Review


class InvalidExport(Exception):
    """Tandem built a resource R4 does not allow: a bug, never sent to a partner."""


@dataclass(frozen=True)
class Reader:
    """How much of a person's record this user may read (as the pages decide it)."""

    view: PlanView  # the whole plan, or a provider's part
    whole_record: bool  # addresses and contact details: staff and the person themselves
    sees_consents: bool  # consent records: staff, as on the consent pages


def reader_for(user: User, person: Person) -> Reader:
    return Reader(
        view=plan_view(user, person),
        whole_record=sees_whole_record(user, person),
        sees_consents=can_manage_person(user),
    )


def current_plan(person: Person) -> Plan | None:
    """The plan in force if there is one; otherwise the one being written; otherwise the
    latest version (ended or superseded)."""
    plans = list(person.plans.select_related("coordinator").order_by("-version_number"))
    for status in (Plan.Status.AGREED, Plan.Status.READY, Plan.Status.DRAFT):
        for plan in plans:
            if plan.status == status:
                return plan
    return plans[0] if plans else None


def _circle(person: Person, reader: Reader) -> list[CircleMember]:
    """The circle as the person page shows it: carers and providers see only those who share
    the plan by consent or appointment."""
    members = person.circle.all()
    if not reader.whole_record:
        members = members.filter(consent_to_share=True) | members.filter(
            appointed_as__in=APPOINTMENTS
        )
    return list(members.order_by("kind", "name", "id"))


def _latest_progress(person: Person, uids: list[str]) -> dict[str, str]:
    latest: dict[str, str] = {}
    rows = ActionProgress.objects.filter(plan__person_id=person.pk, action_uid__in=uids)
    for uid, status in rows.values_list("action_uid", "status"):  # newest first
        latest.setdefault(str(uid), status)
    return latest


def _final_evaluations(person: Person) -> list[OutcomeEvaluation]:
    """Every outcome rated at the person's final reviews, oldest review first."""
    return list(
        OutcomeEvaluation.objects.filter(
            review__person_id=person.pk, review__status=Review.Status.FINAL
        )
        .select_related("review", "review__finalised_by")
        .order_by("review__held_on", "review__finalised_at", "review_id", "id")
    )


class _Bundle:
    """Resources gathered once each, in the order they were first added."""

    def __init__(self) -> None:
        self.resources: dict[tuple[str, str], dict[str, Any]] = {}

    def add(self, resource: dict[str, Any]) -> None:
        self.resources.setdefault((resource["resourceType"], resource["id"]), resource)

    def as_searchset(self, base_url: str, self_url: str, now: datetime) -> dict[str, Any]:
        entries = [
            {
                "fullUrl": f"{base_url}{kind}/{pk}",
                "resource": resource,
                "search": {"mode": "match"},
            }
            for (kind, pk), resource in self.resources.items()
        ]
        return {
            "resourceType": "Bundle",
            "type": "searchset",
            "timestamp": now.isoformat(),
            "total": len(entries),
            "link": [{"relation": "self", "url": self_url}],
            "entry": entries,
        }


def _plan_resources(
    bundle: _Bundle, plan: Plan, person: Person, reader: Reader, members: dict[int, CircleMember]
) -> None:
    """The CarePlan, its Goals, and (for readers of the whole plan) the GAS observations."""
    plan.person = person
    snapshot = visible_parts(reader.view, plan_snapshot(load_plan_parts(plan)))
    actions = {str(action.uid): action for action in plan.__dict__["loaded_parts"]["action"]}
    visible = [entry["uid"] for entry in snapshot.get("actions") or []]
    evaluations = _final_evaluations(person) if reader.view.sees_review_records else []
    context = plan_resources.PlanContext(
        plan=plan,
        person=person,
        actions=actions,
        members=members,
        progress=_latest_progress(person, visible),
        evaluations={str(e.outcome_uid): e for e in evaluations},  # the latest wins
        care_team=True,
        whole=reader.view.whole,
    )
    if plan.coordinator:
        bundle.add(resources.practitioner(plan.coordinator))
    for uid in visible:
        if (staff := actions[uid].responsible_staff) is not None:
            bundle.add(resources.practitioner(staff))
    bundle.add(plan_resources.care_plan(snapshot, context))
    goals = [entry["uid"] for entry in snapshot.get("outcomes") or []]
    for entry in snapshot.get("outcomes") or []:
        bundle.add(plan_resources.goal(entry, context))
    _gas_observations(bundle, person, evaluations, set(goals))


def _gas_observations(
    bundle: _Bundle, person: Person, evaluations: list[OutcomeEvaluation], goals: set[str]
) -> None:
    """Each GAS level given to one of the plan's outcomes at a review, and each such review's
    T-score over all the levels it gave."""
    by_review: dict[int, list[OutcomeEvaluation]] = {}
    for evaluation in evaluations:
        if evaluation.gas_level is not None:
            by_review.setdefault(evaluation.review_id, []).append(evaluation)
    for rated in by_review.values():
        review = rated[0].review
        focus = [str(e.outcome_uid) for e in rated if str(e.outcome_uid) in goals]
        if not focus:
            continue
        if review.finalised_by is not None:
            bundle.add(resources.practitioner(review.finalised_by))
        for evaluation in rated:
            if str(evaluation.outcome_uid) in goals:
                bundle.add(
                    resources.gas_level_observation(evaluation, person, str(evaluation.outcome_uid))
                )
        score = gas.t_score([int(e.gas_level) for e in rated if e.gas_level is not None])
        bundle.add(resources.gas_t_score_observation(review, person, score, focus))


def everything(
    *,
    person: Person,
    reader: Reader,
    plan: Plan | None,
    base_url: str,
    self_url: str,
    now: datetime,
) -> dict[str, Any]:
    """The person's Bundle for this reader with `plan` (their current_plan) as the CarePlan,
    validated (see the module docstring)."""
    bundle = _Bundle()
    bundle.add(resources.patient(person, whole_record=reader.whole_record))
    bundle.add(resources.council(person.organisation))
    circle = _circle(person, reader)
    members = {member.pk: member for member in circle}
    worker = person.allocated_worker
    if worker is not None:
        bundle.add(resources.practitioner(worker))
    bundle.add(resources.care_team(person, circle, worker))
    for member in circle:
        bundle.add(resources.circle_member(member, person, whole_record=reader.whole_record))
    if plan is not None:
        _plan_resources(bundle, plan, person, reader, members)
    if reader.sees_consents:
        consents = ConsentRecord.objects.filter(
            person=person, purpose=ConsentRecord.Purpose.SHARE_PLAN
        ).order_by("given_on", "id")
        for record in consents:
            if record.member_id in members:
                bundle.add(resources.consent(record, members[record.member_id], person))
    return validated(bundle.as_searchset(base_url, self_url, now))


def validated(resource: dict[str, Any]) -> dict[str, Any]:
    """The resource, once `fhir.resources` has read it without complaint and every code is in
    its R4 value set (InvalidExport otherwise: a bug to fix, never something to send). What was
    checked is what is sent: the model is not dumped again (that would double the time)."""
    problems = code_problems(resource)
    if problems:
        raise InvalidExport("; ".join(problems))
    try:
        Bundle.model_validate(resource)
    except ValueError as error:  # pydantic's ValidationError
        raise InvalidExport(str(error)) from error
    return resource


def everything_for_user(
    *, user: User, pk: int | str, base_url: str, self_url: str, now: datetime
) -> dict[str, Any]:
    """Fetch and authorise the person as the pages do (404 without a relationship), build
    their Bundle as this user may see it, and audit the read in one event."""
    person = get_person_for_user(user, pk)
    reader = reader_for(user, person)
    plan = current_plan(person)
    bundle = everything(
        person=person, reader=reader, plan=plan, base_url=base_url, self_url=self_url, now=now
    )
    audit_record(
        actor=user,
        action=AuditAction.FHIR_EVERYTHING_VIEW,
        summary=_("Read the record of %(name)s through FHIR") % {"name": person.full_name},
        person=person,
        plan=plan,
        detail={"page": "fhir_everything", "whole_plan": reader.view.whole},
    )
    return bundle
