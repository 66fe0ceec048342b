"""Synthetic data for benchmarks: N people with a full plan each, in bulk.

Rows are made with bulk_create rather than the services (which audit every change) so that
100k people load in minutes; they are valid plans all the same. Run through bench/run.py.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction

from tandem.accounts.models import Organisation, Role, Team, User
from tandem.budgets.models import CostLine, IndicativeBudget
from tandem.people.models import CircleMember, Person
from tandem.plans.models import (
    Action,
    Indicator,
    Need,
    Outcome,
    Plan,
    Risk,
    SupportArrangement,
)
from tandem.reviews.models import ActionProgress, OutcomeEvaluation, Review

BATCH = 2000
GIVEN = ["Ada", "Bryn", "Cai", "Dilys", "Efa", "Ffion", "Gethin", "Huw", "Iola", "Jac"]
FAMILY = ["Example", "Sample", "Placeholder", "Testwell", "Demoson", "Fictional"]


TEAM_SIZE = 500  # people per team: a worker's list is their team's, however big the council


def generate(*, people: int, outcomes_per_plan: int = 5, seed: int = 1) -> dict:
    """Make one organisation of `people` people with plans, in teams of TEAM_SIZE, and a worker
    in the first team with its people as their caseload."""
    rng = random.Random(seed)
    today = datetime.date.today()
    with transaction.atomic():
        org = Organisation.objects.create(name=f"Bench Council {rng.randrange(10**6)}")
        teams = Team.objects.bulk_create(
            Team(organisation=org, name=f"Bench team {n}")
            for n in range(max(1, -(-people // TEAM_SIZE)))
        )
        team = teams[0]
        worker = User.objects.create(
            username=f"bench-worker-{org.pk}", organisation=org, role=Role.SOCIAL_WORKER
        )
        worker.set_password("bench-password")
        worker.save()
        worker.teams.add(team)
        for start in range(0, people, BATCH):
            _batch(
                org, teams, worker, rng, today, start, min(BATCH, people - start), outcomes_per_plan
            )
    return {"organisation": org, "team": team, "worker": worker}


def _batch(org, teams, worker, rng, today, start, count, outcomes_per_plan) -> None:
    persons = Person.objects.bulk_create(
        Person(
            organisation=org,
            team=teams[(start + i) // TEAM_SIZE],
            allocated_worker=worker if start + i < TEAM_SIZE else None,
            given_name=rng.choice(GIVEN),
            family_name=f"{rng.choice(FAMILY)}{start + i}",
            date_of_birth=today - datetime.timedelta(days=rng.randrange(20 * 365, 90 * 365)),
            local_identifier=f"BENCH-{org.pk}-{start + i:07d}",
        )
        for i in range(count)
    )
    CircleMember.objects.bulk_create(
        CircleMember(
            organisation=org, person=p, name="Casey Carer", kind="carer", consent_to_share=True
        )
        for p in persons
    )
    plans = Plan.objects.bulk_create(
        Plan(
            organisation=org,
            person=p,
            status=Plan.Status.AGREED,
            prepared_by="person_with_circle",
            coordinator=worker,
            created_by=worker,
            important_to_me="My home, my garden and my friends",
            budget_arrangement="council_managed",
            budget_use="Help at home",
            support_management="The council arranges it",
            who_leads="The person, checked monthly",
            staying_in_control="I can ask for changes at any time",
        )
        for p in persons
    )
    outcomes = Outcome.objects.bulk_create(
        Outcome(
            organisation=org,
            plan=plan,
            position=n,
            words=f"Outcome {n} in my own words",
            achieve_by=today + datetime.timedelta(days=180),
            life_area="ascot:control",
        )
        for plan in plans
        for n in range(outcomes_per_plan)
    )
    Indicator.objects.bulk_create(
        Indicator(
            organisation=org,
            plan_id=o.plan_id,
            outcome=o,
            description="Something we can count",
            due_on=today + datetime.timedelta(days=90),
        )
        for o in outcomes
    )
    Action.objects.bulk_create(
        Action(
            organisation=org,
            plan_id=o.plan_id,
            outcome=o,
            description="Something that needs to happen",
            kind="natural",
            responsible_is_person=True,
            due_on=today + datetime.timedelta(days=60),
            funded_by="natural",
        )
        for o in outcomes
    )
    supports = SupportArrangement.objects.bulk_create(
        SupportArrangement(
            organisation=org,
            plan=plan,
            description="Help at home",
            provider="Bench Care",
            funded_by="personal_budget",
        )
        for plan in plans
    )
    # P5, P8: the support paid from the budget is costed, within an indicative budget.
    IndicativeBudget.objects.bulk_create(
        IndicativeBudget(
            organisation=org,
            person=p,
            source=IndicativeBudget.Source.OUTSIDE,
            weekly_amount=Decimal("300.00"),
            source_details="Bench data",
            set_on=today,
            completed_by=worker,
        )
        for p in persons
    )
    CostLine.objects.bulk_create(
        CostLine(
            organisation=org,
            plan_id=s.plan_id,
            description="Help at home",
            for_kind="support",
            for_uid=s.uid,
            unit="hour",
            unit_cost=Decimal("24.50"),
            own_price_reason="Bench data",
            quantity=Decimal("1"),
            times=7,
            period="week",
            payer="council_managed",
        )
        for s in supports
    )
    Need.objects.bulk_create(
        Need(organisation=org, plan=plan, description="Help at home", eligibility="eligible")
        for plan in plans
    )
    Risk.objects.bulk_create(
        Risk(organisation=org, plan=plan, description="Falls", how_managed="Alarm pendant")
        for plan in plans
    )
    _reviews(org, worker, today, plans, persons, outcomes)


REVIEWS_PER_PERSON = 3


def _reviews(org, worker, today, plans, persons, outcomes) -> None:
    """Issue 7: progress recorded on every action, and three final reviews a year apart rating
    every outcome with a GAS level, so the review, carrying-out and progress pages have history."""
    ActionProgress.objects.bulk_create(
        ActionProgress(
            organisation=org,
            plan_id=action.plan_id,
            action_uid=action.uid,
            status=ActionProgress.Status.UNDER_WAY,
            note="Going well",
            happened_on=today - datetime.timedelta(days=14),
            recorded_by=worker,
        )
        for action in Action.objects.filter(plan__in=plans).only("plan_id", "uid")
    )
    by_plan: dict[int, list[Outcome]] = {}
    for outcome in outcomes:
        by_plan.setdefault(outcome.plan_id, []).append(outcome)
    reviews = Review.objects.bulk_create(
        Review(
            organisation=org,
            person=person,
            plan=plan,
            status=Review.Status.FINAL,
            held_on=today - datetime.timedelta(days=365 * years + 30),
            how_held=Review.HowHeld.FACE_TO_FACE,
            why_proportionate="Nothing has changed much",
            who_took_part="The person and their carer",
            services_meet_outcomes=Review.Meets.YES,
            next_review_on=today + datetime.timedelta(days=300),
            created_by=worker,
            finalised_by=worker,
            copy_due_on=today - datetime.timedelta(days=365 * years + 9),
        )
        for plan, person in zip(plans, persons, strict=True)
        for years in range(REVIEWS_PER_PERSON)
    )
    OutcomeEvaluation.objects.bulk_create(
        OutcomeEvaluation(
            review=review,
            outcome_uid=outcome.uid,
            outcome_words=outcome.words,
            rating=OutcomeEvaluation.Rating.PARTLY,
            evidence="Some of it happened",
            gas_level=-1 + n % 3,
        )
        for n, review in enumerate(reviews)
        for outcome in by_plan[review.plan_id]
    )
