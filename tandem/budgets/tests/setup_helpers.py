"""Shared scenes for the setup tests: an administrator, a scheme with questions, a catalogue."""

import datetime
from decimal import Decimal

from tandem import testing
from tandem.accounts.models import Role
from tandem.budgets.models import (
    RasAdjustment,
    RasAnswer,
    RasQuestion,
    RasScheme,
    Service,
    ServiceRate,
    Unit,
)


def make_admin(organisation, **kwargs):
    return testing.make_user(organisation, role=Role.ADMINISTRATOR, **kwargs)


def make_scheme(organisation, actor, *, questions=0, status=RasScheme.Status.DRAFT, **kwargs):
    """A scheme whose questions each have 3 answers scoring 0, 5 and 10 points."""
    kwargs.setdefault("name", "Adult RAS")
    kwargs.setdefault("version", 1)
    kwargs.setdefault("price_per_point", Decimal("4.15"))
    scheme = RasScheme.objects.create(
        organisation=organisation, created_by=actor, status=status, **kwargs
    )
    for n in range(questions):
        question = RasQuestion.objects.create(scheme=scheme, position=n, text=f"Question {n}")
        for m, points in enumerate((0, 5, 10)):
            RasAnswer.objects.create(
                question=question, position=m, text=f"Answer {n}.{m}", points=points
            )
    return scheme


def make_adjustment(scheme, amount="-40.00", label="Has a carer who provides substantial support"):
    return RasAdjustment.objects.create(scheme=scheme, label=label, weekly_amount=Decimal(amount))


def make_service(organisation, name="Home care", *, cost="24.50", unit=Unit.HOUR, since=None):
    service = Service.objects.create(organisation=organisation, name=name, unit=unit)
    ServiceRate.objects.create(
        service=service,
        unit_cost=Decimal(cost),
        effective_from=since or datetime.date(2025, 4, 1),
    )
    return service
