"""Builds each demo plan through the plan services, so every row is valid and audited.

A person's row in people.py names the stage their plan has reached; their story in stories.py
holds what the plan says. The helpers here turn one into the other.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from tandem.accounts.models import User
from tandem.budgets.models import BudgetDecision
from tandem.demo import provider_part
from tandem.demo.budgets import choose_option, price_on, record_decision
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
class Cost:
    """A cost line (P5, P8): what pays for the action or support arrangement with these words
    (empty: nothing in particular, like a payroll service). A service from the council's list
    takes its unit and its price on the day the plan was written; anything else gives its own
    price, unit and reason."""

    pays_for: str
    description: str
    quantity: str
    times: int
    period: str = "week"
    payer: str = "council_managed"
    service: str = ""
    price: str = ""
    unit: str = ""
    why: str = ""  # why its own price
    stream: str = ""  # the funding stream, when another one pays
    managed_by: str = ""


@dataclass(frozen=True)
class Have:
    """A resource the person has (P7): skills, family, transport, community, funding."""

    kind: str
    description: str
    weekly: str = ""


@dataclass(frozen=True)
class Option:
    description: str
    provider: str
    weekly: str
    gives: str


@dataclass(frozen=True)
class Weigh:
    """Ways of meeting one outcome compared (P7); the chosen one becomes an action, by whom and
    when, resourced as `funded` says."""

    outcome: str  # the outcome's words
    question: str
    options: tuple[Option, ...]
    chosen: int
    why: str
    who: str
    when: int | str
    funded: str


@dataclass(frozen=True)
class Decision:
    """A team manager's decision on the plan's cost (P8, P5), asked for with the worker's reason
    once the plan is written; `then` are costs added after it was approved (so it lapses)."""

    reason: str
    decision_reason: str = ""
    status: str = BudgetDecision.Status.APPROVED
    then: tuple[Cost, ...] = ()


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
    resources: tuple[Have, ...] = ()
    tradeoffs: tuple[Weigh, ...] = ()
    costs: tuple[Cost, ...] = ()
    budget: tuple = ()  # (arrangement, use) or (arrangement, use, direct payment frequency)
    decision: Decision | None = None
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

    def __init__(self, plan: Plan, *, actor, start: date, priced_on: date | None = None):
        self.plan, self.actor, self.start = plan, actor, start
        self.priced_on = priced_on or timezone.localdate()  # the catalogue's prices on this day
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

    def when(self, when: int | str) -> dict:
        if isinstance(when, int):
            return {"due_on": self.start + timedelta(weeks=when)}
        return {"starts_on": self.start, "frequency": when}

    def outcome(self, want: Want) -> None:
        by = self.start + timedelta(days=30 * want.months)
        data = {"words": want.words, "kind": want.kind, "achieve_by": by, "life_area": want.area}
        outcome = self.item("outcome", data | provider_part.shared(want.words))
        self.item("indicator", {"description": want.indicator, "due_on": by}, outcome)
        for do in want.actions:
            data = {"description": do.text, "kind": do.kind, "funded_by": do.funded}
            data |= {"funding_notes": do.notes, **self.when(do.when), **self.responsible(do.who)}
            self.item("action", data, outcome)

    def weigh(self, weigh: Weigh) -> None:
        """Compare the options for an outcome, then choose one into the plan as an action."""
        outcome = self.plan.outcomes.get(words=weigh.outcome)
        trade_off = self.item("tradeoff", {"question": weigh.question}, outcome)
        options = [
            self.item(
                "option",
                {
                    "description": o.description,
                    "provider": o.provider,
                    "weekly_cost": Decimal(o.weekly),
                    "gives": o.gives,
                },
                trade_off,
            )
            for o in weigh.options
        ]
        choose_option(
            plan=self.plan,
            trade_off=trade_off,
            option=options[weigh.chosen],
            why=weigh.why,
            action={
                "kind": "paid",
                "funded_by": weigh.funded,
                **self.when(weigh.when),
                **self.responsible(weigh.who),
            },
            actor=self.actor,
        )

    def paid_part(self, words: str) -> dict:
        """The action or support arrangement a cost pays for, by the uid it keeps."""
        if not words:
            return {}
        for kind, parts in (
            ("action", self.plan.actions),
            ("support", self.plan.supportarrangements),
        ):
            part = parts.filter(description=words).first()
            if part is not None:
                return {"for_kind": kind, "for_uid": part.uid}
        raise ValueError(f"No action or support arrangement says {words!r}")

    def cost(self, cost: Cost):
        data = {
            "description": cost.description,
            "quantity": Decimal(cost.quantity),
            "times": cost.times,
            "period": cost.period,
            "payer": cost.payer,
            "funding_stream": cost.stream,
            "managed_by": cost.managed_by,
            **self.paid_part(cost.pays_for),
        }
        if cost.service:
            service, unit_cost = price_on(self.plan.organisation_id, cost.service, self.priced_on)
            data |= {"service": service, "service_name": service.name, "unit": service.unit}
            data |= {"unit_cost": unit_cost}
        else:
            data |= {"unit": cost.unit, "unit_cost": Decimal(cost.price)}
            data |= {"own_price_reason": cost.why}
        return self.item("cost", data)

    def parts(self, story: Story) -> None:
        """Each list the story has, in the order the plan's sections come; costs last, as they
        pay for the actions and support arrangements (and the options chosen) before them."""
        for want in story.outcomes:
            self.outcome(want)
        for s in story.supports:
            data = {"description": s.text, "provider": s.provider, "how_often": s.how_often}
            data |= provider_part.given_by(self.members.values(), s.provider)
            self.item("support", data | {"funded_by": s.funded, "funding_notes": s.notes})
        for r in story.risks:
            data = {"description": r.text, "how_managed": r.managed, "significant_harm": r.harm}
            self.item("risk", data | {"contingency": r.contingency, "triggers": r.triggers})
        for need, eligibility in story.needs:
            self.item("need", {"description": need, "eligibility": eligibility})
        for have in story.resources:
            data = {"kind": have.kind, "description": have.description}
            weekly = Decimal(have.weekly) if have.weekly else None
            self.item("resource", data | {"weekly_value": weekly})
        for weigh in story.tradeoffs:
            self.weigh(weigh)
        for cost in story.costs:
            self.cost(cost)

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
        self.parts(story)
        if story.budget:
            arrangement, use, *payment = story.budget
            self.section(
                "budget",
                {
                    "budget_arrangement": arrangement,
                    "budget_use": use,
                    "direct_payment_frequency": payment[0] if payment else "",
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
        lists |= {"resources": story.resources, "tradeoffs": story.tradeoffs}
        lists |= {"costs": story.costs}
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


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _decide(builder: Builder, decision: Decision | None, *, manager: User, on: date) -> Plan:
    """The worker asks the team manager to decide on the plan's cost two days before `on`, and
    the manager decides the day before (or it is still waiting); any costs added afterwards
    follow."""
    if decision is not None:
        record_decision(
            plan=builder.plan,
            reason=decision.reason,
            worker=builder.actor,
            manager=manager,
            status=decision.status,
            decision_reason=decision.decision_reason,
            asked=_at(on - timedelta(days=2), 10),
            decided=_at(on - timedelta(days=1), 15),
        )
        for cost in decision.then:
            builder.cost(cost)
    return builder.plan


def _agreed(
    person: Person, story: Story, *, actor, manager: User, start: date, on: date, today: date
) -> Plan:
    # Written, costed and decided on in the four weeks before it was agreed.
    written = on - timedelta(weeks=4)
    plan = _started(plan_create(person=person, actor=actor), written)
    builder = Builder(plan, actor=actor, start=start, priced_on=written)
    builder.write(story, complete=True)
    plan = _decide(builder, story.decision, manager=manager, on=on - timedelta(days=3))
    plan = plan_send_for_agreement(plan=plan, actor=actor)
    if story.noted:
        _dispute(plan, story.noted, today=today)
    parties = agreement_parties(person, plan.coordinator, on=on, how=story.agreed_how)
    plan_record_agreement(plan=plan, parties=parties, actor=actor)
    return Plan.objects.get(pk=plan.pk)


def _next_version(
    plan: Plan, story: Story, *, actor, start: date, complete: bool, priced_on: date
) -> Builder:
    """A4: a new draft copied from the agreed plan; dates that have passed roll forward."""
    builder = Builder(
        plan_start_new_version(plan=plan, actor=actor),
        actor=actor,
        start=start,
        priced_on=priced_on,
    )
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
    builder.write(story.change or Story(), complete=complete)
    return builder


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


STAGES = (
    "own",
    "draft",
    "asked",
    "ready",
    "agreed",
    "disagreed",
    "superseded",
    "new_version",
    "ended",
)


def build_plan(
    person: Person, stage: str, story: Story, *, since: int, today: date, manager: User
) -> Plan:
    """Take the person's plan to one of the STAGES: a draft with as much as the story says, a
    complete draft with a manager's decision asked for ("asked"), or a complete plan sent for
    agreement, agreed, disagreed with after agreement, superseded by an agreed version 2,
    followed by a new draft version, or ended. A complete plan whose cost needs a manager's
    decision has the one its story gives before it is sent for agreement."""
    if stage not in STAGES:
        raise ValueError(f"Unknown plan stage {stage!r}")
    actor = person.allocated_worker
    if stage == "own":
        return _own_plan(person, story, start=today + timedelta(days=21))
    if stage in {"draft", "asked", "ready"}:
        plan = plan_create(person=person, actor=actor)
        builder = Builder(plan, actor=actor, start=today + timedelta(days=14))
        plan = builder.write(story, complete=stage != "draft")
        if stage != "draft":
            plan = _decide(builder, story.decision, manager=manager, on=today)
        if stage == "ready":
            plan = plan_send_for_agreement(plan=plan, actor=actor)
        return plan
    if stage == "superseded":
        first = _agreed(
            person,
            story,
            actor=actor,
            manager=manager,
            start=today - timedelta(days=400),
            on=today - timedelta(days=405),
            today=today,
        )
        start = today - timedelta(days=since - 5)
        on = today - timedelta(days=since)
        written = on - timedelta(weeks=2)
        builder = _next_version(
            first, story, actor=actor, start=start, complete=True, priced_on=written
        )
        builder.plan = _started(builder.plan, written)
        change = story.change or Story()
        plan = _decide(builder, change.decision, manager=manager, on=on - timedelta(days=3))
        plan = plan_send_for_agreement(plan=plan, actor=actor)
        parties = agreement_parties(person, actor, on=on, how=story.agreed_how)
        plan_record_agreement(plan=plan, parties=parties, actor=actor)
        return Plan.objects.get(pk=plan.pk)
    agreed_on = today - timedelta(days=since)
    start = agreed_on + timedelta(days=7)
    plan = _agreed(
        person, story, actor=actor, manager=manager, start=start, on=agreed_on, today=today
    )
    if stage == "disagreed":
        _dispute(plan, story.disagreement, today=today)
    elif stage == "new_version":
        start = today + timedelta(days=14)
        builder = _next_version(
            plan, story, actor=actor, start=start, complete=False, priced_on=today
        )
        return builder.plan
    elif stage == "ended":
        return plan_end(plan=plan, reason=story.ended, actor=actor)
    return plan
