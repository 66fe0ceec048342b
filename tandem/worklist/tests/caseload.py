"""A caseload with something of every kind due for each person, made with bulk_create so query
counts can be compared for 10 and for 500 people."""

import datetime

from django.utils import timezone

from tandem.budgets.models import BudgetDecision
from tandem.people.models import Person, SafeguardingReferral
from tandem.plans.models import Action, Disagreement, Indicator, Outcome, Plan
from tandem.reviews.models import ActionProgress, Review, ReviewTrigger


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def make_caseload(org, team, worker, count: int, today: datetime.date, *, start: int = 0):
    """`count` people in `team`, every fifth unallocated (so the team's managers see their work),
    each with: an agreed plan whose indicator and action are past their dates (one action under
    way), a review due, urgent for every third (R10), a waiting disagreement, a copy of a review
    record due, a concern waiting for acknowledgement, a version sent for agreement with a
    budget decision waiting, and a draft whose decision asked for changes."""
    people = Person.objects.bulk_create(
        Person(
            organisation=org,
            team=team,
            given_name="Sam",
            family_name=f"Caseload{start + n:04d}",
            date_of_birth=datetime.date(1970, 1, 1),
            local_identifier=f"CL{start + n:05d}",
            allocated_worker=None if n % 5 == 4 else worker,
        )
        for n in range(count)
    )
    common = {"organisation": org, "created_by": worker}
    agreed = Plan.objects.bulk_create(
        Plan(
            person=p,
            status=Plan.Status.AGREED,
            agreed_at=_at(today - datetime.timedelta(days=200)),
            coordinator=worker,
            **common,
        )
        for p in people
    )
    ready = Plan.objects.bulk_create(
        Plan(
            person=p,
            version_number=2,
            status=Plan.Status.READY,
            sent_for_agreement_at=_at(today - datetime.timedelta(days=3)),
            **common,
        )
        for p in people
    )
    drafts = Plan.objects.bulk_create(
        Plan(person=p, version_number=3, status=Plan.Status.DRAFT, **common) for p in people
    )
    outcomes = Outcome.objects.bulk_create(
        Outcome(
            organisation=org,
            plan=plan,
            words="Go to the club every Tuesday",
            achieve_by=today + datetime.timedelta(days=100),
        )
        for plan in agreed
    )
    Indicator.objects.bulk_create(
        Indicator(
            organisation=org,
            plan=o.plan,
            outcome=o,
            description="Goes every week for a month",
            due_on=today - datetime.timedelta(days=20),
        )
        for o in outcomes
    )
    actions = Action.objects.bulk_create(
        Action(
            organisation=org,
            plan=o.plan,
            outcome=o,
            description="Book the taxi to the club",
            kind=Action.Kind.COMMUNITY,
            responsible_is_person=True,
            due_on=today - datetime.timedelta(days=10),
        )
        for o in outcomes
    )
    ActionProgress.objects.bulk_create(
        ActionProgress(
            organisation=org,
            plan=a.plan,
            action_uid=a.uid,
            status=ActionProgress.Status.UNDER_WAY,
            happened_on=today - datetime.timedelta(days=5),
            recorded_by=worker,
        )
        for a in actions[::2]
    )
    ReviewTrigger.objects.bulk_create(
        ReviewTrigger(
            organisation=org,
            person=plan.person,
            plan=plan,
            kind=ReviewTrigger.Kind.CONTINGENCY,
            details="A fall at home",
            happened_on=today - datetime.timedelta(days=2),
            recorded_by=worker,
        )
        for plan in agreed[::3]
    )
    Disagreement.objects.bulk_create(
        Disagreement(
            organisation=org,
            plan=plan,
            section="outcomes",
            raised_by="Riverside Care",
            raised_on=today,
            details="The visits are too early",
            recorded_by=worker,
        )
        for plan in agreed
    )
    Review.objects.bulk_create(
        Review(
            organisation=org,
            person=plan.person,
            plan=plan,
            status=Review.Status.FINAL,
            held_on=today - datetime.timedelta(days=10),
            copy_due_on=today + datetime.timedelta(days=11),
            created_by=worker,
        )
        for plan in agreed
    )
    SafeguardingReferral.objects.bulk_create(
        SafeguardingReferral(
            organisation=org,
            person=p,
            concern="Bruising seen on a visit",
            immediate_risk=n % 2 == 0,
            raised_by=worker,
        )
        for n, p in enumerate(people)
    )
    decision = {
        "organisation": org,
        "reason": "Two carers at night",
        "budget_weekly": "300.00",
        "total_weekly": "300.00",
        "one_off_total": "0.00",
        "requested_by": worker,
        "over_budget": True,
    }
    BudgetDecision.objects.bulk_create(
        [BudgetDecision(plan=plan, **decision) for plan in ready]
        + [
            BudgetDecision(
                plan=plan,
                status=BudgetDecision.Status.CHANGES,
                decided_at=_at(today - datetime.timedelta(days=1)),
                **decision,
            )
            for plan in drafts
        ]
    )
    return people
