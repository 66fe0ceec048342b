"""Paying for the plan (P5, P7, P8): the organisation's Resource Allocation System and catalogue,
a person's indicative budget and financial assessment, and the plan's resources, cost lines,
trade-offs and the manager's decisions.

Money is `Decimal` pounds (money.py). Anything a result or a plan copied from the scheme or the
catalogue (answers, points, unit costs) is stored with it, so changing the scheme or the
catalogue later never changes what was worked out or agreed.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import Organisation
from tandem.budgets.money import Period
from tandem.people.models import Person
from tandem.plans.models import Outcome, Plan, PlanPart

# Bounds that catch a slip of the keyboard (a unit cost of £15,000 an hour) with a clear message.
MAX_UNIT_COST = Decimal("10000.00")
MAX_WEEKLY_AMOUNT = Decimal("50000.00")
MAX_QUANTITY = Decimal("168")  # hours in a week
MAX_TIMES = 100


def money_field(verbose_name, *, null: bool = False, minimum: str = "0.00", maximum=None):
    validators = [MinValueValidator(Decimal(minimum))]
    if maximum is not None:
        validators.append(MaxValueValidator(maximum))
    return models.DecimalField(
        verbose_name,
        max_digits=10,
        decimal_places=2,
        null=null,
        blank=null,
        validators=validators,
    )


# --- The organisation's Resource Allocation System (RAS) -------------------------------------


class RasScheme(models.Model):
    """One version of an organisation's RAS. A published version never changes: changing the
    scheme makes a new draft version, so every result stays explainable by the version it used."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("In use")
        RETIRED = "retired", _("Replaced by a later version")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name of the scheme"), max_length=200)
    version = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    price_per_point = money_field(_("price per point (£ a week)"), minimum="0.01")
    minimum_weekly = money_field(_("smallest weekly budget (£)"), null=True)
    maximum_weekly = money_field(
        _("largest weekly budget (£)"), null=True, maximum=MAX_WEEKLY_AMOUNT
    )
    notes = models.TextField(_("notes for workers"), max_length=2000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    revision = models.PositiveIntegerField(default=1)  # optimistic locking (ADR 0002)

    class Meta:
        ordering = ["organisation", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "version"], name="budgets_rasscheme_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} (version {self.version})"


class RasQuestion(models.Model):
    """A question about the person's needs; each of its answers scores points."""

    scheme = models.ForeignKey(RasScheme, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(default=0)
    text = models.CharField(_("question"), max_length=500)
    hint = models.CharField(_("help for the person answering"), max_length=500, blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class RasAnswer(models.Model):
    question = models.ForeignKey(RasQuestion, on_delete=models.CASCADE, related_name="answers")
    position = models.PositiveIntegerField(default=0)
    text = models.CharField(_("answer"), max_length=300)
    points = models.PositiveIntegerField(_("points"), validators=[MaxValueValidator(1000)])

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class RasAdjustment(models.Model):
    """An optional adjustment a worker ticks when it applies (e.g. a carer's support lowers the
    budget by £40 a week), added to or taken from the weekly amount."""

    scheme = models.ForeignKey(RasScheme, on_delete=models.CASCADE, related_name="adjustments")
    position = models.PositiveIntegerField(default=0)
    label = models.CharField(_("adjustment"), max_length=300)
    weekly_amount = models.DecimalField(
        _("change to the weekly budget (£, negative to lower it)"),
        max_digits=10,
        decimal_places=2,
        validators=[
            MinValueValidator(-MAX_WEEKLY_AMOUNT),
            MaxValueValidator(MAX_WEEKLY_AMOUNT),
        ],
    )

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.label


class IndicativeBudget(models.Model):
    """P8: the indicative personal budget worked out for a person – by the RAS (with its answers,
    points, price and version kept) or set by the council outside Tandem (with its source).
    The latest is the one a plan works within."""

    class Source(models.TextChoices):
        RAS = "ras", _("Worked out with the Resource Allocation System")
        OUTSIDE = "outside", _("Set by the council outside Tandem")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="indicative_budgets")
    source = models.CharField(max_length=20, choices=Source.choices)
    weekly_amount = money_field(_("indicative budget (£ a week)"), maximum=MAX_WEEKLY_AMOUNT)
    # RAS results: what the scheme said on the day, so it stays explainable when it changes.
    scheme = models.ForeignKey(
        RasScheme, on_delete=models.PROTECT, null=True, blank=True, related_name="results"
    )
    scheme_name = models.CharField(max_length=200, blank=True)
    scheme_version = models.PositiveIntegerField(null=True, blank=True)
    answers = models.JSONField(default=list, blank=True)  # [{question, answer, points}]
    adjustments = models.JSONField(default=list, blank=True)  # [{label, weekly_amount}]
    points = models.PositiveIntegerField(null=True, blank=True)
    price_per_point = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    calculated_amount = models.DecimalField(  # before the scheme's minimum and maximum
        max_digits=12, decimal_places=2, null=True, blank=True
    )
    # Set outside Tandem: where the figure came from and when it was set.
    source_details = models.CharField(_("where the figure comes from"), max_length=500, blank=True)
    set_on = models.DateField(_("date set"))
    completed_with_person = models.BooleanField(_("completed with the person"), default=False)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    completed_at = models.DateTimeField(auto_now_add=True)
    submission_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["person", "-completed_at", "-id"]
        get_latest_by = ["completed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["completed_by", "submission_key"],
                name="budgets_indicative_once_per_submission",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: £{self.weekly_amount} a week"


class FinancialAssessment(models.Model):
    """P7: whether the person's financial assessment has been done, when, and what they were
    assessed to contribute each week. The latest is the current one."""

    class Status(models.TextChoices):
        DONE = "done", _("Done")
        IN_PROGRESS = "in_progress", _("Started, not finished")
        NOT_DONE = "not_done", _("Not done yet")
        DECLINED = "declined", _("The person chose not to have one (they pay the full cost)")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="financial_assessments"
    )
    status = models.CharField(
        _("has the financial assessment been done?"), max_length=20, choices=Status.choices
    )
    assessed_on = models.DateField(_("date of the assessment"), null=True, blank=True)
    weekly_contribution = money_field(
        _("assessed weekly contribution (£)"), null=True, maximum=MAX_WEEKLY_AMOUNT
    )
    notes = models.CharField(_("notes"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person", "-recorded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_status_display()}"


# --- The catalogue of services and unit costs ----------------------------------------------


class Unit(models.TextChoices):
    HOUR = "hour", _("per hour")
    SESSION = "session", _("per session")
    DAY = "day", _("per day")
    WEEK = "week", _("per week")
    ONE_OFF = "one_off", _("one-off")


class Service(models.Model):
    """A service the organisation buys or provides, with its unit costs over time."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name of the service"), max_length=200)
    unit = models.CharField(_("charged"), max_length=20, choices=Unit.choices)
    description = models.CharField(_("description"), max_length=500, blank=True)
    active = models.BooleanField(_("can be chosen for new costs"), default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="budgets_service_name_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ServiceRate(models.Model):
    """A service's unit cost from a date; the rate on a day is the latest that started by then."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="rates")
    unit_cost = money_field(_("unit cost (£)"), minimum="0.01", maximum=MAX_UNIT_COST)
    effective_from = models.DateField(_("from"))

    class Meta:
        ordering = ["service", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "effective_from"], name="budgets_servicerate_date_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service}: £{self.unit_cost} from {self.effective_from}"


# --- The plan's parts ------------------------------------------------------------------------


class Resource(PlanPart):
    """P7: what the person has besides paid support – money and not money."""

    class Kind(models.TextChoices):
        SKILLS = "skills", _("Their own skills and gifts")
        FAMILY = "family", _("Family and friends")
        TRANSPORT = "transport", _("Transport (a car, a bus pass)")
        COMMUNITY = "community", _("Community resources")
        CONTRIBUTION = "contribution", _("What they want to contribute, in money or otherwise")
        FUNDING = "funding", _("Another funding stream (NHS, employment support, Access to Work)")

    kind = models.CharField(_("what kind of resource is it?"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("describe the resource"), max_length=1000)
    weekly_value = money_field(
        _("money it brings each week, if any (£)"), null=True, maximum=MAX_WEEKLY_AMOUNT
    )

    class Meta(PlanPart.Meta):
        pass

    def __str__(self) -> str:
        return self.description


class Payer(models.TextChoices):
    """P8: who pays a cost line: part of the personal budget, taken one of three ways, or not."""

    COUNCIL_MANAGED = "council_managed", _("Personal budget – managed by the council")
    DIRECT_PAYMENT = "direct_payment", _("Personal budget – direct payment")
    INDIVIDUAL_SERVICE_FUND = (
        "individual_service_fund",
        _("Personal budget – individual service fund"),
    )
    OWN_MONEY = "own_money", _("The person’s own money")
    OTHER_FUNDING = "other_funding", _("Another funding stream")


PERSONAL_BUDGET_PAYERS = frozenset(
    {Payer.COUNCIL_MANAGED, Payer.DIRECT_PAYMENT, Payer.INDIVIDUAL_SERVICE_FUND}
)


class CostLine(PlanPart):
    """P5, P8: what one action or support arrangement costs, and who pays it.

    units × times × unit cost every period. The unit cost is copied from the catalogue when the
    line is saved (or is the line's own price, with a reason), so a later price change never
    alters a plan."""

    description = models.CharField(_("what does this pay for?"), max_length=300)
    # The action or support arrangement it costs, by the uid it keeps across versions.
    for_kind = models.CharField(max_length=30, blank=True)
    for_uid = models.UUIDField(null=True, blank=True)
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    service_name = models.CharField(max_length=200, blank=True)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices)
    unit_cost = money_field(_("unit cost (£)"), minimum="0.01", maximum=MAX_UNIT_COST)
    own_price_reason = models.CharField(
        _("why this price rather than the catalogue’s?"), max_length=500, blank=True
    )
    quantity = models.DecimalField(
        _("how many units each time?"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_QUANTITY)],
    )
    times = models.PositiveSmallIntegerField(
        _("how many times?"), validators=[MinValueValidator(1), MaxValueValidator(MAX_TIMES)]
    )
    period = models.CharField(_("how often?"), max_length=20, choices=Period.choices)
    payer = models.CharField(_("who pays?"), max_length=30, choices=Payer.choices)
    funding_stream = models.CharField(_("which funding stream?"), max_length=200, blank=True)
    managed_by = models.CharField(_("who manages this money?"), max_length=200, blank=True)

    class Meta(PlanPart.Meta):
        pass

    def __str__(self) -> str:
        return self.description


class TradeOff(PlanPart):
    """P7: ways of meeting one outcome, compared side by side; the one chosen goes into the plan
    and the comparison stays with it."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="trade_offs")
    question = models.CharField(_("what are you weighing up?"), max_length=300)
    chosen_uid = models.UUIDField(null=True, blank=True)  # the option chosen, by its uid
    why_chosen = models.TextField(_("why this one?"), max_length=2000, blank=True)

    class Meta(PlanPart.Meta):
        pass

    def __str__(self) -> str:
        return self.question


class TradeOffOption(PlanPart):
    trade_off = models.ForeignKey(TradeOff, on_delete=models.CASCADE, related_name="options")
    description = models.CharField(_("what is this way of meeting the outcome?"), max_length=300)
    provider = models.CharField(_("who provides it?"), max_length=200)
    weekly_cost = money_field(_("cost a week (£)"), null=True, maximum=MAX_WEEKLY_AMOUNT)
    one_off_cost = money_field(_("one-off cost (£)"), null=True, maximum=MAX_WEEKLY_AMOUNT)
    gives = models.TextField(_("what does it give the person?"), max_length=2000)

    class Meta(PlanPart.Meta):
        pass

    def __str__(self) -> str:
        return self.description


# --- A manager's decision -------------------------------------------------------------------


class BudgetDecision(models.Model):
    """P8, P5: a team manager's decision on a plan that costs more than the indicative budget or
    uses social-work resources. It holds the costs it was asked about: if the plan's cost rises
    afterwards, the decision lapses and a new one is needed."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for a decision")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        CHANGES = "changes", _("Changes asked for")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="budget_decisions")
    over_budget = models.BooleanField(default=False)
    social_work = models.BooleanField(default=False)
    reason = models.TextField(_("why is this needed?"), max_length=5000)
    # The plan's figures when the decision was asked for.
    indicative_weekly = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    budget_weekly = models.DecimalField(max_digits=12, decimal_places=2)  # the council's part
    total_weekly = models.DecimalField(max_digits=12, decimal_places=2)
    one_off_total = models.DecimalField(max_digits=12, decimal_places=2)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WAITING)
    decision_reason = models.TextField(_("reason for your decision"), max_length=5000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    submission_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["requested_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["requested_by", "submission_key"],
                name="budgets_decision_once_per_submission",
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan}: {self.get_status_display()}"
