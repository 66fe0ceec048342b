"""Builds each demo plan through the plan services, so every row is valid and audited.

A person's row in people.py names the stage their plan has reached; their story in stories.py
holds what the plan says. The helpers here turn one into the other.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from tandem.people.models import CircleMember, Person
from tandem.plans.models import Agreement, Plan
from tandem.plans.parts import registry
from tandem.plans.services import (
    disagreement_add,
    disagreement_decide,
    plan_create,
    plan_end,
    plan_item_create,
    plan_item_update,
    plan_mark_not_applicable,
    plan_mark_section,
    plan_record_agreement,
    plan_send_for_agreement,
    plan_start_new_version,
    plan_update_section,
)


@dataclass(frozen=True)
class Do:
    """An action: who is "person", "worker" or a circle member's name; when is a number of weeks
    from the start (a due date) or how often (starting when support starts)."""

    text: str
    kind: str
    who: str
    when: int | str
    funded: str = ""  # empty leaves a P5 gap, for drafts
    notes: str = ""


@dataclass(frozen=True)
class Want:
    """An outcome in the person's words, with one indicator due when the outcome is."""

    words: str
    area: str
    months: int
    indicator: str
    actions: tuple[Do, ...] = ()
    kind: str = "change"


@dataclass(frozen=True)
class Support:
    text: str
    provider: str
    how_often: str
    funded: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Risk:
    text: str
    managed: str
    harm: bool = False
    contingency: str = ""
    triggers: str = ""


@dataclass(frozen=True)
class Dispute:
    section: str
    who: str  # a circle member's name
    details: str
    decision: tuple[str, str] | None = None  # (renegotiation, reason), A3
    part: str = ""  # the words of the one part of the section it is about, if it is
    days_ago: int = 0  # raised this many days before the demo was loaded


@dataclass(frozen=True)
class Story:
    prepared_by: str = ""
    preparation_notes: str = ""
    important: str = ""
    strengths: str = ""
    outcomes: tuple[Want, ...] = ()
    supports: tuple[Support, ...] = ()
    risks: tuple[Risk, ...] = ()
    needs: tuple[tuple[str, str], ...] = ()  # (need, eligibility)
    budget: tuple = ()  # (arrangement, use) or (arrangement, use, amount, frequency)
    management: tuple[str, str] = ("", "")
    control: str = ""
    not_applicable: tuple[tuple[str, str], ...] = ()  # (element, reason)
    agreed_how: str = Agreement.Method.IN_PERSON
    noted: Dispute | None = None  # a disagreement noted just before agreement (A1)
    disagreement: Dispute | None = None  # added after agreement (A2)
    change: "Story | None" = None  # what the next version adds (fields and outcomes)
    reworded: tuple[tuple[str, str], ...] = ()  # (words, new words) of outcomes the next version
    ended: str = "Support is no longer needed."


# What most complete plans say about leadership and control, unless their story says otherwise.
MANAGED = "The coordinator arranges the support with the providers; anyone in the circle can say "
MANAGED += "when something needs to change."
LEADS = "The council manages the budget; the coordinator checks the plan at the first review and "
LEADS += "at least every year after."
CONTROL = "I choose how and when my support happens. I can ask to change this plan, or for a "
CONTROL += "review, at any time: it is my plan, not a contract."


class Builder:
    """Writes one plan version on behalf of one actor, starting from a support start date."""

    def __init__(self, plan: Plan, *, actor, start: date):
        self.plan, self.actor, self.start = plan, actor, start
        self.members = {m.name: m for m in plan.person.circle.all()}

    def section(self, key: str, data: dict, *, completed: bool = True) -> None:
        data = {field: value for field, value in data.items() if value not in ("", None)}
        if data:
            self.plan = plan_update_section(
                plan=self.plan,
                section_key=key,
                data=data,
                revision=self.plan.section_revisions.get(key, 0),
                completed=completed,
                actor=self.actor,
            )

    def item(self, kind: str, data: dict, outcome=None):
        return plan_item_create(
            plan=self.plan, kind=kind, data=data, parent=outcome, actor=self.actor
        )

    def mark(self, key: str) -> None:
        self.plan = plan_mark_section(
            plan=self.plan, section_key=key, completed=True, actor=self.actor
        )

    def important(self, story: Story) -> None:
        data = {"important_to_me": story.important, "strengths": story.strengths}
        self.section("important", data)

    def responsible(self, who: str) -> dict:
        if who == "person":
            return {"responsible_is_person": True}
        if who == "worker":
            return {"responsible_staff": self.plan.coordinator}
        return {"responsible_member": self.members[who]}

    def outcome(self, want: Want) -> None:
        by = self.start + timedelta(days=30 * want.months)
        data = {"words": want.words, "kind": want.kind, "achieve_by": by, "life_area": want.area}
        outcome = self.item("outcome", data)
        self.item("indicator", {"description": want.indicator, "due_on": by}, outcome)
        for do in want.actions:
            if isinstance(do.when, int):
                when = {"due_on": self.start + timedelta(weeks=do.when)}
            else:
                when = {"starts_on": self.start, "frequency": do.when}
            data = {"description": do.text, "kind": do.kind, "funded_by": do.funded}
            data |= {"funding_notes": do.notes, **when, **self.responsible(do.who)}
            self.item("action", data, outcome)

    def write(self, story: Story, *, complete: bool) -> Plan:
        """Fill in what the story says; a complete plan has every section marked completed."""
        self.section(
            "about",
            {
                "prepared_by": story.prepared_by,
                "preparation_notes": story.preparation_notes,
                "support_starts_on": self.start if story.prepared_by else None,
            },
        )
        self.important(story)
        for want in story.outcomes:
            self.outcome(want)
        for s in story.supports:
            data = {"description": s.text, "provider": s.provider, "how_often": s.how_often}
            self.item("support", data | {"funded_by": s.funded, "funding_notes": s.notes})
        for r in story.risks:
            data = {"description": r.text, "how_managed": r.managed, "significant_harm": r.harm}
            self.item("risk", data | {"contingency": r.contingency, "triggers": r.triggers})
        for need, eligibility in story.needs:
            self.item("need", {"description": need, "eligibility": eligibility})
        if story.budget:
            arrangement, use, *payment = story.budget
            amount, frequency = payment or (None, "")
            self.section(
                "budget",
                {
                    "budget_arrangement": arrangement,
                    "budget_use": use,
                    "direct_payment_amount": amount,
                    "direct_payment_frequency": frequency,
                },
                completed=complete,
            )
        management, who_leads = story.management
        if complete:
            management, who_leads = management or MANAGED, who_leads or LEADS
        self.section(
            "management",
            {"support_management": management, "who_leads": who_leads},
            completed=complete,
        )
        control = story.control or (CONTROL if complete else "")
        self.section("control", {"staying_in_control": control}, completed=complete)
        for element, reason in story.not_applicable:
            self.plan = plan_mark_not_applicable(
                plan=self.plan, element=element, reason=reason, actor=self.actor
            )
        lists = {"outcomes": story.outcomes, "actions": story.outcomes}
        lists |= {"support": story.supports, "risks": story.risks, "needs": story.needs}
        for key, items in lists.items():
            if items and (complete or key == "outcomes"):
                self.mark(key)
        return self.plan


def agreement_parties(person: Person, coordinator, *, on: date, how: str) -> list[dict]:
    """A1: the person or, where they lack capacity, their advocate in their best interest (R9);
    a carer who shares in the plan; and the worker."""
    if person.capacity == Person.Capacity.LACKS_CAPACITY and person.advocate:
        advocate = person.advocate
        parties = [
            {
                "party": "representative",
                "name": advocate.name,
                "member": advocate,
                "method": how,
                "agreed_on": on,
                "best_interest": True,
            }
        ]
    else:
        parties = [{"party": "person", "name": person.full_name, "method": how, "agreed_on": on}]
    carer = person.circle.filter(kind=CircleMember.Kind.CARER, consent_to_share=True).first()
    if carer:
        parties.append(
            {
                "party": "carer",
                "name": carer.name,
                "member": carer,
                "method": "in_person",
                "agreed_on": on,
            }
        )
    parties.append(
        {
            "party": "worker",
            "name": coordinator.display_name,
            "method": "in_person",
            "agreed_on": on,
        }
    )
    return parties


def _part(plan: Plan, words: str) -> dict:
    """The part of the plan that says these words, as a disagreement names it."""
    for kind in registry.kinds.values():
        part = kind.model.objects.filter(plan=plan, **{kind.title_field: words}).first()
        if part is not None:
            return {"part_kind": kind.key, "part_uid": part.uid}
    raise ValueError(f"No part of the plan says {words!r}")


def _dispute(plan: Plan, dispute: Dispute, *, today: date) -> None:
    member = plan.person.circle.get(name=dispute.who)
    raised_by = ", ".join(filter(None, [member.name, member.organisation_name]))
    # A provider with a sign-in adds it themselves; otherwise the coordinator records it for them.
    actor = member.user or plan.coordinator
    disagreement = disagreement_add(
        plan=plan,
        section=dispute.section,
        **(_part(plan, dispute.part) if dispute.part else {}),
        raised_by=raised_by,
        raised_on=today - timedelta(days=dispute.days_ago),
        details=dispute.details,
        actor=actor,
    )
    if dispute.decision:
        renegotiation, reason = dispute.decision
        disagreement_decide(
            disagreement=disagreement,
            renegotiation=renegotiation,
            reason=reason,
            actor=plan.coordinator,
        )


def _started(plan: Plan, day: date) -> Plan:
    """Date the version's start as the story has it: the demo writes every plan today."""
    started = timezone.make_aware(datetime.combine(day, time(10)))
    Plan.objects.filter(pk=plan.pk).update(created_at=started)
    return Plan.objects.get(pk=plan.pk)


def _agreed(person: Person, story: Story, *, actor, start: date, on: date, today: date) -> Plan:
    # Written in the four weeks before it was agreed.
    plan = _started(plan_create(person=person, actor=actor), on - timedelta(weeks=4))
    builder = Builder(plan, actor=actor, start=start)
    plan = plan_send_for_agreement(plan=builder.write(story, complete=True), actor=actor)
    if story.noted:
        _dispute(plan, story.noted, today=today)
    parties = agreement_parties(person, plan.coordinator, on=on, how=story.agreed_how)
    plan_record_agreement(plan=plan, parties=parties, actor=actor)
    return Plan.objects.get(pk=plan.pk)


def _next_version(plan: Plan, story: Story, *, actor, start: date, complete: bool) -> Plan:
    """A4: a new draft copied from the agreed plan; dates that have passed roll forward."""
    builder = Builder(plan_start_new_version(plan=plan, actor=actor), actor=actor, start=start)
    reworded = dict(story.reworded)
    for outcome in builder.plan.outcomes.all():
        # The same outcome (same uid) in other words: the comparison shows it as changed.
        if outcome.words in reworded:
            outcome = plan_item_update(
                item=outcome, data={"words": reworded[outcome.words]}, revision=1, actor=actor
            )
        if outcome.achieve_by < start:
            by = start + timedelta(days=180)
            plan_item_update(
                item=outcome, data={"achieve_by": by}, revision=outcome.revision, actor=actor
            )
            for indicator in outcome.indicators.all():
                plan_item_update(item=indicator, data={"due_on": by}, revision=1, actor=actor)
    builder.section("about", {"support_starts_on": start})
    return builder.write(story.change or Story(), complete=complete)


def _own_plan(person: Person, story: Story, *, start: date) -> Plan:
    """The demo person's own plan, part-written by them, their carer and their worker (P1)."""
    carer = person.circle.get(user__isnull=False, kind=CircleMember.Kind.CARER)
    plan = plan_create(person=person, actor=person.user)
    mine = Builder(plan, actor=person.user, start=start)
    mine.important(story)
    for want in story.outcomes:
        mine.outcome(want)
    carers = Builder(mine.plan, actor=carer.user, start=start)
    for s in story.supports:
        data = {"description": s.text, "provider": s.provider, "how_often": s.how_often}
        carers.item("support", data | {"funded_by": s.funded})
    worker = Builder(carers.plan, actor=person.allocated_worker, start=start)
    worker.section(
        "about",
        {"prepared_by": story.prepared_by, "preparation_notes": story.preparation_notes},
        completed=False,
    )
    return worker.plan


STAGES = ("own", "draft", "ready", "agreed", "disagreed", "superseded", "new_version", "ended")


def build_plan(person: Person, stage: str, story: Story, *, since: int, today: date) -> Plan:
    """Take the person's plan to one of the STAGES: a draft with as much as the story says, or a
    complete plan sent for agreement, agreed, disagreed with after agreement, superseded by an
    agreed version 2, followed by a new draft version, or ended."""
    if stage not in STAGES:
        raise ValueError(f"Unknown plan stage {stage!r}")
    actor = person.allocated_worker
    if stage == "own":
        return _own_plan(person, story, start=today + timedelta(days=21))
    if stage in {"draft", "ready"}:
        plan = plan_create(person=person, actor=actor)
        builder = Builder(plan, actor=actor, start=today + timedelta(days=14))
        plan = builder.write(story, complete=stage == "ready")
        if stage == "ready":
            plan = plan_send_for_agreement(plan=plan, actor=actor)
        return plan
    if stage == "superseded":
        first = _agreed(
            person,
            story,
            actor=actor,
            start=today - timedelta(days=400),
            on=today - timedelta(days=405),
            today=today,
        )
        start = today - timedelta(days=since - 5)
        on = today - timedelta(days=since)
        plan = _next_version(first, story, actor=actor, start=start, complete=True)
        plan = plan_send_for_agreement(plan=_started(plan, on - timedelta(weeks=2)), actor=actor)
        parties = agreement_parties(person, actor, on=on, how=story.agreed_how)
        plan_record_agreement(plan=plan, parties=parties, actor=actor)
        return Plan.objects.get(pk=plan.pk)
    agreed_on = today - timedelta(days=since)
    start = agreed_on + timedelta(days=7)
    plan = _agreed(person, story, actor=actor, start=start, on=agreed_on, today=today)
    if stage == "disagreed":
        _dispute(plan, story.disagreement, today=today)
    elif stage == "new_version":
        start = today + timedelta(days=14)
        return _next_version(plan, story, actor=actor, start=start, complete=False)
    elif stage == "ended":
        return plan_end(plan=plan, reason=story.ended, actor=actor)
    return plan
