"""A small team built by hand, whose dashboard figures are counted by hand (see `Team`), and a
big one built in bulk for the query counts. Everything is made directly with the ORM.

Today is 1 June 2026; the organisation keeps the guidance's timescales (first review 6 weeks
after support starts, yearly reviews, copies within 3 weeks) and escalates after 14 days.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from tandem import testing
from tandem.accounts.models import Organisation, Role, Team, User
from tandem.budgets.models import BudgetDecision
from tandem.people.models import Person
from tandem.plans.models import Indicator, Outcome, Plan
from tandem.reviews.models import Review

TODAY = datetime.date(2026, 6, 1)
NOON_TODAY = datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)
FAR = datetime.date(2027, 12, 1)  # outcome deadlines far enough off to bring no review forward


def only_reviews_due(monkeypatch) -> None:
    """Overdue work from the reviews app's sources only, so the hand count holds whatever other
    apps register in the worklist's registry."""
    from tandem.reviews import due as reviews_due
    from tandem.worklist import due

    registry = due.Registry()
    monkeypatch.setattr(due, "registry", registry)
    monkeypatch.setattr(reviews_due, "registry", registry)
    reviews_due.register()


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def plan_for(
    person: Person,
    actor: User,
    *,
    agreed_on: datetime.date | None = None,
    status: str = Plan.Status.AGREED,
    version_number: int = 1,
    support_starts_on: datetime.date | None = None,
    outcomes: tuple[tuple[str, bool], ...] = (),
) -> Plan:
    """A plan with outcomes given as (area of life, has an indicator) pairs."""
    plan = Plan.objects.create(
        organisation=person.organisation,
        person=person,
        status=status,
        version_number=version_number,
        agreed_at=at(agreed_on) if agreed_on else None,
        support_starts_on=support_starts_on,
        created_by=actor,
    )
    for n, (area, indicator) in enumerate(outcomes):
        outcome = Outcome.objects.create(
            organisation=plan.organisation,
            plan=plan,
            words=f"Outcome {n + 1} of {person.given_name}",
            achieve_by=FAR,
            life_area=area,
            position=n,
        )
        if indicator:
            Indicator.objects.create(
                organisation=plan.organisation,
                plan=plan,
                outcome=outcome,
                description=f"Evidence {n + 1}",
                due_on=FAR,
            )
    return plan


def held(
    plan: Plan,
    actor: User,
    held_on: datetime.date,
    *,
    final: bool = True,
    sent_on: datetime.date | None = None,
    next_review_on: datetime.date | None = None,
) -> Review:
    """A review held on a day: final with its copy due 3 weeks later (as finalising sets it),
    or a draft still being recorded."""
    return Review.objects.create(
        organisation=plan.organisation,
        person=plan.person,
        plan=plan,
        status=Review.Status.FINAL if final else Review.Status.DRAFT,
        held_on=held_on,
        next_review_on=next_review_on,
        copy_due_on=held_on + datetime.timedelta(weeks=3) if final else None,
        copy_sent_at=at(sent_on) if sent_on else None,
        created_by=actor,
    )


def decision(plan: Plan, actor: User, asked_on: datetime.date) -> BudgetDecision:
    made = BudgetDecision.objects.create(
        organisation=plan.organisation,
        plan=plan,
        over_budget=True,
        reason="Two carers at night",
        budget_weekly="250.00",
        total_weekly="250.00",
        one_off_total="0.00",
        requested_by=actor,
    )
    BudgetDecision.objects.filter(pk=made.pk).update(requested_at=at(asked_on))
    return made


@dataclass
class HandCounted:
    org: Organisation
    team: Team
    manager: User
    wendy: User  # a worker
    will: User  # another worker
    people: dict[str, Person] = field(default_factory=dict)
    elsewhere: dict[str, Person] = field(default_factory=dict)
    south: Team | None = None
    south_worker: User | None = None


def hand_counted_team() -> HandCounted:
    """North team, counted by hand:

    Each person: worker; plan; review held since 1 June 2025; its copy; outcomes (area of life,
    ✓ with an indicator, ✗ without).
    - Ann: Wendy; agreed, support from 1 Jan 2026; first review 10 Feb (due 12 Feb): on time;
      sent 1 Mar (due 3 Mar): on time; control ✓, food ✓.
    - Ben: Wendy; agreed, support from 1 Jan 2026; first review 1 Mar (due 12 Feb): late; sent
      1 Apr (due 22 Mar): late; control ✗.
    - Cat: Will; agreed, reviewed 1 Apr 2025 with the next agreed for 1 Mar 2026; yearly review
      20 Feb (due 1 Mar by R7): on time; not sent (due 13 Mar): late; control ✓, control ✗,
      social ✓.
    - Dan: Will; agreed 10 Jan 2025; yearly review 1 Feb 2026 (due 10 Jan): late, still a draft;
      not sent (due 22 Feb): late; food ✓.
    - Eve: not allocated; agreed 1 Sep 2025; yearly review 25 May 2026 (due 1 Sep): on time, a
      draft; not due yet (15 June); no area ✗.
    - Fay (Wendy, agreed 1 Jan 2025), Gus (Wendy, agreed 25 May 2025), Hal (not allocated,
      agreed 20 May 2025): never reviewed; social ✓ each.
    - Ivy: Wendy; a draft (dignity ✓, not counted: not agreed) with a budget decision asked
      20 May. Jo: Will; ready for agreement. Kim: Will; a draft, decision asked 29 May.

    Overdue today (1 June 2026), escalated after 14 days:
    - Wendy: Fay's review (due 1 Jan 2026) and consultation (4 Dec 2025), both escalated; Gus's
      review (25 May, 7 days: not escalated) and consultation (27 Apr, escalated): 4, 3 escalated.
    - Will: Cat's copy (13 Mar) and Dan's review record (22 Feb), both escalated: 2, 2 escalated.
    - Not allocated: Hal's review (20 May, 12 days: not escalated) and consultation (22 Apr,
      escalated): 2, 1 escalated.

    South team (same organisation) and another organisation each have a person with a late
    review, a late copy and outcomes: never counted.
    """
    org = testing.make_organisation("Riverside Council")
    team = testing.make_team(org, "North adults team")
    manager = testing.make_worker(
        org, team, role=Role.TEAM_MANAGER, first_name="Morgan", last_name="Manager"
    )
    wendy = testing.make_worker(org, team, first_name="Wendy", last_name="Worker")
    will = testing.make_worker(org, team, first_name="Will", last_name="Walker")
    built = HandCounted(org=org, team=team, manager=manager, wendy=wendy, will=will)

    def person(name: str, worker: User | None, in_team: Team = team) -> Person:
        made = testing.make_person(
            in_team.organisation,
            in_team,
            given_name=name,
            family_name="Example",
            allocated_worker=worker,
        )
        built.people[name] = made
        return made

    d = datetime.date
    ann = plan_for(
        person("Ann", wendy),
        wendy,
        agreed_on=d(2025, 12, 15),
        support_starts_on=d(2026, 1, 1),
        outcomes=(("ascot:control", True), ("ascot:food_drink", True)),
    )
    held(ann, wendy, d(2026, 2, 10), sent_on=d(2026, 3, 1))
    ben = plan_for(
        person("Ben", wendy),
        wendy,
        agreed_on=d(2025, 12, 15),
        support_starts_on=d(2026, 1, 1),
        outcomes=(("ascot:control", False),),
    )
    held(ben, wendy, d(2026, 3, 1), sent_on=d(2026, 4, 1))
    cat = plan_for(
        person("Cat", will),
        will,
        agreed_on=d(2025, 3, 1),
        outcomes=(("ascot:control", True), ("ascot:control", False), ("ascot:social", True)),
    )
    held(cat, will, d(2025, 4, 1), sent_on=d(2025, 4, 10), next_review_on=d(2026, 3, 1))
    held(cat, will, d(2026, 2, 20))
    dan = plan_for(
        person("Dan", will), will, agreed_on=d(2025, 1, 10), outcomes=(("ascot:food_drink", True),)
    )
    held(dan, will, d(2026, 2, 1), final=False)
    eve = plan_for(person("Eve", None), manager, agreed_on=d(2025, 9, 1), outcomes=(("", False),))
    held(eve, manager, d(2026, 5, 25), final=False)
    plan_for(
        person("Fay", wendy), wendy, agreed_on=d(2025, 1, 1), outcomes=(("ascot:social", True),)
    )
    plan_for(
        person("Gus", wendy), wendy, agreed_on=d(2025, 5, 25), outcomes=(("ascot:social", True),)
    )
    plan_for(
        person("Hal", None), manager, agreed_on=d(2025, 5, 20), outcomes=(("ascot:social", True),)
    )
    ivy = plan_for(
        person("Ivy", wendy), wendy, status=Plan.Status.DRAFT, outcomes=(("ascot:dignity", True),)
    )
    decision(ivy, wendy, d(2026, 5, 20))
    plan_for(person("Jo", will), will, status=Plan.Status.READY)
    kim = plan_for(person("Kim", will), will, status=Plan.Status.DRAFT)
    decision(kim, will, d(2026, 5, 29))

    # Elsewhere: the same kinds of thing, which must never be counted or listed.
    south = testing.make_team(org, "South adults team")
    south_worker = testing.make_worker(org, south, first_name="Olu", last_name="Other")
    built.south, built.south_worker = south, south_worker
    other_org = testing.make_organisation("Hillside Council")
    other_team = testing.make_team(other_org, "Hillside team")
    other_worker = testing.make_worker(other_org, other_team)
    for name, in_team, worker in (
        ("Zed", south, south_worker),
        ("Yan", other_team, other_worker),
    ):
        someone = testing.make_person(
            in_team.organisation,
            in_team,
            given_name=name,
            family_name="Elsewhere",
            allocated_worker=worker,
        )
        built.elsewhere[name] = someone
        plan = plan_for(
            someone,
            worker,
            agreed_on=d(2024, 1, 1),
            support_starts_on=d(2026, 1, 1),
            outcomes=(("ascot:dignity", False),),
        )
        held(plan, worker, d(2026, 4, 1))
        draft = plan_for(someone, worker, status=Plan.Status.DRAFT, version_number=2)
        decision(draft, worker, d(2026, 5, 1))
    return built
