"""What Tandem holds about a person: every model with rows about them, and how each reaches them.

One list, read by the subject-access export (everything held, as JSON and PDF) and by retention
(what is anonymised). A model with a foreign key to a person, a plan, or a model listed here must
be listed here or in `LEFT_OUT` with the reason: `tests/test_held.py` walks every installed model
and fails for one that is neither, so a new kind of record can't be forgotten by either.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Model, Q, QuerySet

from tandem.audit.models import SAFEGUARDING_ACTIONS


@dataclass(frozen=True)
class Held:
    """One kind of record about a person.

    - label: the model, as "app.Model".
    - path: the lookup from that model to the person ("" for the person themselves).
    - title: what the export calls these records.
    - safeguarding: withheld with safeguarding referrals (see `withheld`).
    """

    label: str
    path: str
    title: str
    safeguarding: bool = False

    @property
    def model(self) -> type[Model]:
        return apps.get_model(self.label)

    def rows(self, person_id: int) -> QuerySet:
        lookup = f"{self.path}__pk" if self.path else "pk"
        return self.model._default_manager.filter(**{lookup: person_id}).order_by("pk")

    def rows_for_people(self, person_ids: list[int]) -> QuerySet:
        lookup = f"{self.path}__in" if self.path else "pk__in"
        return self.model._default_manager.filter(**{lookup: person_ids})


HELD: tuple[Held, ...] = (
    Held("people.Person", "", "The person’s details"),
    Held("people.CircleMember", "person", "Circle of support"),
    Held("people.ConsentRecord", "person", "Consent to share, given and withdrawn"),
    Held("people.BreakGlassAccess", "person", "Records opened in an emergency, and why"),
    Held("records.RecordClosure", "person", "Closing and reopening the record"),
    Held("plans.Plan", "person", "Plan versions"),
    Held("plans.Outcome", "plan__person", "Outcomes"),
    Held("plans.Indicator", "plan__person", "How we will know (indicators)"),
    Held("plans.Action", "plan__person", "Actions"),
    Held("plans.SupportArrangement", "plan__person", "Support arrangements"),
    Held("plans.Risk", "plan__person", "Risks and contingency"),
    Held("plans.Need", "plan__person", "Needs and eligibility"),
    Held("plans.Agreement", "plan__person", "Agreements"),
    Held("plans.Disagreement", "plan__person", "Areas of disagreement"),
    Held("plans.PlanIssue", "plan__person", "Copies of the plan that were sent"),
    Held("budgets.IndicativeBudget", "person", "Indicative budgets"),
    Held("budgets.FinancialAssessment", "person", "Financial assessments"),
    Held("budgets.Resource", "plan__person", "Resources"),
    Held("budgets.CostLine", "plan__person", "Cost lines"),
    Held("budgets.TradeOff", "plan__person", "Support options compared"),
    Held("budgets.TradeOffOption", "plan__person", "Options"),
    Held("budgets.BudgetDecision", "plan__person", "Budget decisions"),
    Held("reviews.ActionProgress", "plan__person", "Progress on actions"),
    Held("reviews.ReviewTrigger", "person", "Things that called for a review"),
    Held("reviews.Consultation", "person", "Review consultations"),
    Held("reviews.ProviderInvitation", "consultation__person", "Providers invited to a review"),
    Held("reviews.Review", "person", "Review records"),
    Held("reviews.OutcomeEvaluation", "review__person", "Outcomes evaluated at a review"),
    Held("reviews.ReviewOutcome", "review__person", "New or different outcomes from a review"),
    Held("reviews.AttainmentLevel", "plan__person", "Goal attainment levels"),
    Held("reviews.Contact", "person", "Contacts between reviews"),
    Held("people.SafeguardingReferral", "person", "Safeguarding referrals", safeguarding=True),
    Held(
        "people.SafeguardingAlert",
        "referral__person",
        "Managers alerted about a safeguarding referral",
        safeguarding=True,
    ),
    # Asked for after a safeguarding concern: that one was raised is withheld with the referrals.
    Held(
        "people.SharingReview",
        "person",
        "Reviews of who the plan is shared with",
        safeguarding=True,
    ),
    Held("reminders.Notification", "person", "Notifications and reminders sent"),
    Held("copies.Copy", "person", "Copies of the plan and reviews sent, and to whom"),
    # The files themselves are not in the archive (the copies' sources are); listed so
    # anonymising deletes them.
    Held("copies.CopyContent", "copy__person", "Files of the copies sent"),
    Held("audit.AuditEvent", "person", "Who viewed and changed the record"),
)

# Models that point at a person or plan but hold nothing more about them, with the reason.
LEFT_OUT: dict[str, str] = {
    "audit.RecordChange": (
        "a random token, new with each change to the record so that what is worked out from it "
        "is worked out again; it says nothing about the person"
    ),
    "records.SubjectAccessExport": (
        "an earlier archive is a copy of the records themselves, and each request and download "
        "is in the audit trail; why anything was withheld is for staff only"
    ),
}

# Fields not exported: staff's network addresses are theirs, not the person's.
NOT_EXPORTED_FIELDS: dict[str, frozenset[str]] = {
    "audit.AuditEvent": frozenset({"ip_address"}),
    # A PDF or sound file: its source, on the copy, says the same as data.
    "copies.CopyContent": frozenset({"data"}),
}


def held(*, withhold_safeguarding: bool = False) -> list[Held]:
    """The kinds of record to export, less safeguarding ones when they are withheld."""
    return [h for h in HELD if not (withhold_safeguarding and h.safeguarding)]


def audit_rows(*, withhold_safeguarding: bool) -> Q:
    """Audit events of safeguarding are withheld with the referrals: that a concern was raised
    or read is itself what withholding protects."""
    if withhold_safeguarding:
        return ~Q(action__in=[a.value for a in SAFEGUARDING_ACTIONS])
    return Q()
