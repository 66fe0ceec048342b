"""Demo data for the worklist (issue 8): what the demo worker sees on signing in.

Most kinds of work due are in the demo already, from the stories the other modules tell: reviews
and consultations due and overdue (reviews.py), actions and indicators past their dates (Margaret's
pendant alarm, Norman's outcomes), copies of review records due and late, a plan sent for
agreement, a disagreement waiting for the coordinator's decision (Priya's wheelchair service)
and a safeguarding concern waiting for acknowledgement (safeguarding.py). Several are overdue by
more than the council's 14 days, so they are escalated to the demo manager too.

This adds the one kind nothing else gives: a decision on a plan's cost that the team manager sent
back asking for changes (Gwen's new version), through the budgets services like any other."""

from datetime import date, timedelta

from tandem.accounts.models import User
from tandem.budgets.models import BudgetDecision
from tandem.demo.budgets import record_decision
from tandem.demo.plans import _at
from tandem.people.models import Person
from tandem.plans.models import Plan

GWEN = "DEMO-0006"


def create_worklist(*, users: dict[str, User], today: date) -> None:
    worker, manager = users["demo-worker"], users["demo-manager"]
    person = Person.objects.get(organisation=worker.organisation, local_identifier=GWEN)
    record_decision(
        plan=person.plans.get(status=Plan.Status.DRAFT),
        reason="Gwen's new version adds a personal assistant for swimming on top of her morning "
        "visits: the swimming is what keeps her walking.",
        worker=worker,
        manager=manager,
        status=BudgetDecision.Status.CHANGES,
        decision_reason="Please price the swimming with the leisure centre's carer pass first: "
        "a personal assistant may only be needed for the changing room.",
        asked=_at(today - timedelta(days=6), 10),
        decided=_at(today - timedelta(days=4), 15),
    )
