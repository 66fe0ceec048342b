"""The demo council's money (P5, P7, P8): its Resource Allocation System, with an earlier version
retired so the history shows; its list of services and unit costs, with a rate history; and each
demo person's indicative budget and financial assessment.

The scheme and the list are plain rows, as an administrator's pages would save them. People's
results are worked out with the scheme in use through the budgets services, as a worker would:
Harold Quillby's first while version 1 was in use, before version 2 replaced it. Decisions go
through budgets' decision_ask and decision_decide. `choose_option` stands in for the trade-off
service being built alongside, in one small function so it can be swapped for it. Only dates are
moved back afterwards, so the demo reads as days that have passed. All of it is invented.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from tandem.accounts.models import Organisation, User
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_record
from tandem.budgets.models import (
    BudgetDecision,
    FinancialAssessment,
    IndicativeBudget,
    RasAdjustment,
    RasAnswer,
    RasQuestion,
    RasScheme,
    Service,
    ServiceRate,
    TradeOff,
    TradeOffOption,
    Unit,
)
from tandem.budgets.services.decisions import decision_ask, decision_decide
from tandem.budgets.services.person import (
    financial_assessment_record,
    indicative_budget_record_outside,
    indicative_budget_work_out,
)
from tandem.people.models import Person
from tandem.plans.models import Action, Plan
from tandem.plans.services import plan_item_create

SCHEME_NAME = "Sampletown Resource Allocation System"
CARER = "Has a carer who provides substantial support"

# (question, hint, ((answer, points), …)): version 2, the one in use.
QUESTIONS = (
    (
        "Personal care: how much help is needed with washing, dressing and using the toilet?",
        "Think about a usual week, not the best or the worst day.",
        (
            ("None: manages on their own", 0),
            ("Some help, on some days", 15),
            ("Help every day", 35),
            ("Help several times every day", 75),
        ),
    ),
    (
        "Eating and drinking: how much help is needed to make food and eat it?",
        "",
        (("None", 0), ("Help to make some meals", 10), ("Help with every meal", 25)),
    ),
    (
        "Getting out and about: what help is needed to go out?",
        "Shopping, appointments, seeing people, work or study.",
        (
            ("Goes out on their own", 0),
            ("Someone with them some of the time", 10),
            ("Someone with them every time", 20),
            ("Cannot go out without two people", 30),
        ),
    ),
    (
        "Keeping safe: how much supervision is needed to stay safe?",
        "",
        (
            ("None", 0),
            ("Checks during the day", 10),
            ("Someone nearby most of the day", 30),
            ("Someone there day and night", 60),
        ),
    ),
    (
        "Support from carers: does the person's unpaid carer need help to keep caring?",
        "Answer for the carer who does the most.",
        (
            ("No unpaid carer, or no help needed", 0),
            ("A break some weeks", 10),
            ("A regular break every week", 20),
        ),
    ),
)
PRICE_PER_POINT = Decimal("2.40")
MINIMUM, MAXIMUM = Decimal("0.00"), Decimal("900.00")
CARER_ADJUSTMENT = Decimal("-40.00")

# Version 1, retired: the first four questions, a lower price, and no question about carers.
V1_PRICE, V1_MAXIMUM, V1_CARER_ADJUSTMENT = Decimal("2.25"), Decimal("850.00"), Decimal("-35.00")
V1_PUBLISHED_DAYS_AGO, V2_PUBLISHED_DAYS_AGO = 700, 180


@dataclass(frozen=True)
class Offer:
    """A service in the catalogue: its unit, and its unit cost from so many days ago."""

    name: str
    unit: str
    description: str
    rates: tuple[tuple[str, int], ...]  # (unit cost, from how many days ago)
    active: bool = True


# Two services changed price 180 days ago: plans costed before then keep the older rate.
CATALOGUE = (
    Offer(
        "Home care",
        Unit.HOUR,
        "Help at home with washing, dressing, meals and medication, from the council's framework "
        "providers.",
        (("25.00", 500), ("26.00", V2_PUBLISHED_DAYS_AGO)),
    ),
    Offer(
        "Sitting service",
        Unit.HOUR,
        "Someone stays with the person so their carer can go out.",
        (("20.00", 500),),
    ),
    Offer(
        "Day centre with lunch",
        Unit.DAY,
        "A day at a council-funded day centre, with lunch.",
        (("50.00", 500), ("52.00", V2_PUBLISHED_DAYS_AGO)),
    ),
    Offer(
        "Day centre transport",
        Unit.SESSION,
        "The minibus to a day centre and back.",
        (("7.00", 500),),
    ),
    Offer(
        "Personal assistant",
        Unit.HOUR,
        "The council's direct payment rate for a personal assistant the person employs.",
        (("16.50", 500),),
    ),
    Offer(
        "Direct payment payroll service",
        Unit.WEEK,
        "Payslips, tax and pension for people who employ their own assistants.",
        (("3.00", 500),),
    ),
    Offer(
        "Telecare monitoring",
        Unit.WEEK,
        "The response centre answers a pendant alarm or sensor day and night.",
        (("4.50", 500),),
    ),
    Offer(
        "Overnight short break",
        Unit.DAY,
        "A night and the day around it at the children's short-break house.",
        (("240.00", 500),),
    ),
    Offer(
        "Supervised family time",
        Unit.SESSION,
        "Two hours at the family time centre, with a family support worker.",
        (("55.00", 500),),
    ),
    Offer(
        "Meals on wheels",
        Unit.SESSION,
        "A hot meal delivered at lunch time. No longer offered: people buy meals themselves.",
        (("4.80", 500),),
        active=False,
    ),
)


def _days_ago(today: date, days: int) -> datetime:
    return timezone.make_aware(datetime.combine(today - timedelta(days=days), time(11)))


def _scheme(
    *,
    organisation: Organisation,
    admin: User,
    version: int,
    price: Decimal,
    maximum: Decimal,
    adjustment: Decimal,
    questions: tuple,
    published: datetime,
) -> RasScheme:
    scheme = RasScheme(
        organisation=organisation,
        name=SCHEME_NAME,
        version=version,
        status=RasScheme.Status.PUBLISHED,
        price_per_point=price,
        minimum_weekly=MINIMUM,
        maximum_weekly=maximum,
        notes="Answer with the person, for a usual week. Tick the carer adjustment only when a "
        "carer gives most of the day-to-day help.",
        created_by=admin,
        published_at=published,
    )
    scheme.full_clean()
    scheme.save()
    for position, (text, hint, answers) in enumerate(questions, start=1):
        question = RasQuestion.objects.create(
            scheme=scheme, position=position, text=text, hint=hint
        )
        RasAnswer.objects.bulk_create(
            RasAnswer(question=question, position=n, text=answer, points=points)
            for n, (answer, points) in enumerate(answers, start=1)
        )
    RasAdjustment.objects.create(scheme=scheme, position=1, label=CARER, weekly_amount=adjustment)
    audit_record(
        actor=admin,
        action=AuditAction.SCHEME_PUBLISH,
        summary=f"Published version {version} of {SCHEME_NAME}",
        detail={"scheme": scheme.pk, "version": version},
    )
    return scheme


def create_scheme_v1(*, organisation: Organisation, admin: User, today: date) -> RasScheme:
    """Version 1, in use until version 2 replaced it."""
    return _scheme(
        organisation=organisation,
        admin=admin,
        version=1,
        price=V1_PRICE,
        maximum=V1_MAXIMUM,
        adjustment=V1_CARER_ADJUSTMENT,
        questions=QUESTIONS[:4],
        published=_days_ago(today, V1_PUBLISHED_DAYS_AGO),
    )


def publish_scheme_v2(
    *, organisation: Organisation, admin: User, today: date, replacing: RasScheme
) -> RasScheme:
    """Version 2, the one in use: a question about carers, a higher price; version 1 retires."""
    RasScheme.objects.filter(pk=replacing.pk).update(status=RasScheme.Status.RETIRED)
    return _scheme(
        organisation=organisation,
        admin=admin,
        version=2,
        price=PRICE_PER_POINT,
        maximum=MAXIMUM,
        adjustment=CARER_ADJUSTMENT,
        questions=QUESTIONS,
        published=_days_ago(today, V2_PUBLISHED_DAYS_AGO),
    )


def create_catalogue(*, organisation: Organisation, admin: User, today: date) -> None:
    for offer in CATALOGUE:
        service = Service(
            organisation=organisation,
            name=offer.name,
            unit=offer.unit,
            description=offer.description,
            active=offer.active,
        )
        service.full_clean()
        service.save()
        ServiceRate.objects.bulk_create(
            ServiceRate(
                service=service,
                unit_cost=Decimal(cost),
                effective_from=today - timedelta(days=days),
            )
            for cost, days in offer.rates
        )
    audit_record(
        actor=admin,
        action=AuditAction.CATALOGUE_CHANGE,
        summary=f"Set up the list of {len(CATALOGUE)} services and their unit costs",
    )


def price_on(organisation_id: int, name: str, day: date) -> tuple[Service, Decimal]:
    """A service in the list and its unit cost on a day (the latest rate started by then)."""
    service = Service.objects.get(organisation_id=organisation_id, name=name)
    rate = service.rates.filter(effective_from__lte=day).order_by("-effective_from").first()
    if rate is None:
        raise ValueError(f"{name} has no price on {day}")
    return service, rate.unit_cost


# --- A person's indicative budget and financial assessment ---------------------------------


@dataclass(frozen=True)
class Ras:
    """A result of the scheme: the answer chosen for each question, by its position from 0."""

    answers: tuple[int, ...]
    carer: bool = False  # the carer adjustment applies
    days_ago: int = 60
    with_person: bool = True


@dataclass(frozen=True)
class Outside:
    """A budget the council set outside Tandem, with where the figure comes from."""

    weekly: str
    source: str
    days_ago: int = 60


@dataclass(frozen=True)
class Assessment:
    status: str
    contribution: str = ""
    days_ago: int = 50
    notes: str = ""


@dataclass(frozen=True)
class Money:
    """What a demo person has been given: their indicative budgets, oldest first (the latest is
    the one a plan works within), results worked out with version 1 while it was in use, and
    their financial assessment."""

    budgets: tuple[Ras | Outside, ...] = ()
    assessment: Assessment | None = None
    earlier: tuple[Ras, ...] = ()


def _work_out(*, person: Person, scheme: RasScheme, ras: Ras, actor: User) -> IndicativeBudget:
    questions = list(scheme.questions.prefetch_related("answers"))
    if len(ras.answers) != len(questions):
        raise ValueError(f"Version {scheme.version} has {len(questions)} questions")
    answers = {
        question.pk: list(question.answers.all())[pick].pk
        for question, pick in zip(questions, ras.answers, strict=True)
    }
    adjustments = [a.pk for a in scheme.adjustments.all()] if ras.carer else []
    return indicative_budget_work_out(
        person=person,
        scheme=scheme,
        answers=answers,
        adjustments=adjustments,
        with_person=ras.with_person,
        actor=actor,
    )


def _dated(budget: IndicativeBudget, *, today: date, days_ago: int) -> None:
    IndicativeBudget.objects.filter(pk=budget.pk).update(
        set_on=today - timedelta(days=days_ago), completed_at=_days_ago(today, days_ago)
    )


def record_earlier_results(
    *, person: Person, money: Money, scheme: RasScheme, actor: User, today: date
) -> None:
    """Results worked out with a scheme version that has since been replaced."""
    for ras in money.earlier:
        budget = _work_out(person=person, scheme=scheme, ras=ras, actor=actor)
        _dated(budget, today=today, days_ago=ras.days_ago)


def record_money(
    *, person: Person, money: Money, scheme: RasScheme, actor: User, today: date
) -> None:
    """The person's indicative budgets (with the scheme in use, or as the council set them)
    and financial assessment, through the budgets services, dated as the story has it."""
    for budget in money.budgets:
        if isinstance(budget, Ras):
            result = _work_out(person=person, scheme=scheme, ras=budget, actor=actor)
        else:
            result = indicative_budget_record_outside(
                person=person,
                weekly_amount=Decimal(budget.weekly),
                source_details=budget.source,
                set_on=today - timedelta(days=budget.days_ago),
                actor=actor,
            )
        _dated(result, today=today, days_ago=budget.days_ago)
    if money.assessment:
        _assess(person=person, assessment=money.assessment, actor=actor, today=today)


def _assess(*, person: Person, assessment: Assessment, actor: User, today: date) -> None:
    done = assessment.status == FinancialAssessment.Status.DONE
    row = financial_assessment_record(
        person=person,
        status=assessment.status,
        assessed_on=today - timedelta(days=assessment.days_ago) if done else None,
        weekly_contribution=Decimal(assessment.contribution) if assessment.contribution else None,
        notes=assessment.notes,
        actor=actor,
    )
    FinancialAssessment.objects.filter(pk=row.pk).update(
        recorded_at=_days_ago(today, assessment.days_ago)
    )


# --- A manager's decision, and choosing an option -------------------------------------------


def record_decision(
    *,
    plan: Plan,
    reason: str,
    worker: User,
    manager: User,
    status: str,
    decision_reason: str,
    asked: datetime,
    decided: datetime,
) -> BudgetDecision:
    """A worker asks a team manager to decide on the plan's cost (P8, P5) and, unless it is still
    waiting, the manager decides; dated as the story has it."""
    decision = decision_ask(plan=plan, reason=reason, actor=worker)
    dates = {"requested_at": asked}
    if status != BudgetDecision.Status.WAITING:
        decision = decision_decide(
            decision=decision, status=status, reason=decision_reason, actor=manager
        )
        dates["decided_at"] = decided
    BudgetDecision.objects.filter(pk=decision.pk).update(**dates)
    decision.refresh_from_db()
    return decision


def choose_option(
    *,
    plan: Plan,
    trade_off: TradeOff,
    option: TradeOffOption,
    why: str,
    action: dict,
    actor: User,
) -> Action:
    """Choose an option into the plan (P7), as budgets' option_choose does: an action for the
    outcome in the option's words, and the comparison marks the option chosen and why. `action`
    holds the rest of the action (who, when, how it is resourced)."""
    created = plan_item_create(
        plan=plan,
        kind="action",
        parent=trade_off.outcome,
        data={
            "description": option.description,
            "funding_notes": f"Chosen from the options compared: {trade_off.question}",
            **action,
        },
        actor=actor,
    )
    assert isinstance(created, Action)
    TradeOff.objects.filter(pk=trade_off.pk).update(
        chosen_uid=option.uid, why_chosen=why, revision=trade_off.revision + 1
    )
    audit_record(
        actor=actor,
        action=AuditAction.OPTION_CHOOSE,
        summary=f"Chose “{option.description}” for “{trade_off.question}”",
        plan=plan,
        detail={
            "tradeoff_uid": str(trade_off.uid),
            "option_uid": str(option.uid),
            "action_uid": str(created.uid),
        },
    )
    return created
