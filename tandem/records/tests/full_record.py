"""A person with a row of every kind held about them (held.py), each mentioning `word`, so the
export and retention tests can tell two people's records apart.

Plans, agreements and issued copies are made through the plans services (which also write audit
events); the rest straight through the ORM, with the fields each model needs.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from tandem import testing
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_record
from tandem.budgets.models import (
    BudgetDecision,
    CostLine,
    FinancialAssessment,
    IndicativeBudget,
    Resource,
    TradeOff,
    TradeOffOption,
)
from tandem.copies.tests.helpers import make_copy
from tandem.people.models import (
    BreakGlassAccess,
    CircleMember,
    ConsentRecord,
    Person,
    SafeguardingAlert,
    SafeguardingReferral,
    SharingReview,
)
from tandem.plans.models import Disagreement, Outcome
from tandem.plans.tests.helpers import build_agreed_plan
from tandem.records.models import RecordClosure
from tandem.reminders.models import Notification
from tandem.reviews.models import (
    ActionProgress,
    AttainmentLevel,
    Consultation,
    Contact,
    OutcomeEvaluation,
    ProviderInvitation,
    Review,
    ReviewOutcome,
    ReviewTrigger,
)

DAY = datetime.date(2026, 3, 5)


def build_full_record(person: Person, worker, manager, word: str) -> Person:
    """Every kind of record about `person`, its free text containing `word`."""
    org = person.organisation
    common = {"organisation": org}
    Person.objects.filter(pk=person.pk).update(
        address=f"1 {word} Road", communication_needs=f"{word} large print"
    )
    member = testing.make_circle_member(
        person, name=f"{word} Carer", phone="01632 960 000", email=f"{word.lower()}@example.org"
    )
    plan, issue = build_agreed_plan(person=person, actor=worker)
    outcome = Outcome.objects.filter(plan=plan).first()
    Outcome.objects.filter(plan=plan).update(words=f"{word} outcome words")
    Disagreement.objects.create(
        **common,
        plan=plan,
        raised_by=f"{word} Carer",
        details=f"{word} disagrees",
        recorded_by=worker,
        raised_on=DAY,
        section="outcomes",
    )
    IndicativeBudget.objects.create(
        **common,
        person=person,
        source=IndicativeBudget.Source.OUTSIDE,
        weekly_amount=Decimal("200.00"),
        source_details=f"{word} outside",
        completed_by=worker,
        set_on=DAY,
    )
    FinancialAssessment.objects.create(
        **common,
        person=person,
        status=FinancialAssessment.Status.DONE,
        notes=f"{word} assessment",
        recorded_by=worker,
    )
    parts = {**common, "plan": plan}
    Resource.objects.create(**parts, kind=Resource.Kind.SKILLS, description=f"{word} skills")
    CostLine.objects.create(
        **parts,
        description=f"{word} cost",
        unit="hour",
        unit_cost=Decimal("20.00"),
        quantity=Decimal("2"),
        times=1,
        period="week",
        payer="council_managed",
    )
    trade_off = TradeOff.objects.create(**parts, outcome=outcome, question=f"{word} question")
    TradeOffOption.objects.create(
        **parts,
        trade_off=trade_off,
        description=f"{word} option",
        provider=f"{word} Ltd",
        gives=f"{word} gives",
    )
    BudgetDecision.objects.create(
        **parts,
        reason=f"{word} over budget",
        budget_weekly=Decimal("250.00"),
        total_weekly=Decimal("250.00"),
        one_off_total=Decimal("0"),
        requested_by=worker,
    )
    AttainmentLevel.objects.create(**parts, outcome=outcome, level=0, words=f"{word} level")
    action = plan.actions.first()
    ActionProgress.objects.create(
        **parts,
        action_uid=action.uid,
        status=ActionProgress.Status.UNDER_WAY,
        note=f"{word} progress",
        happened_on=DAY,
        recorded_by=worker,
    )
    ReviewTrigger.objects.create(
        **parts,
        person=person,
        kind=ReviewTrigger.Kind.RISK,
        details=f"{word} trigger",
        happened_on=DAY,
        recorded_by=worker,
    )
    Contact.objects.create(
        **parts,
        person=person,
        with_whom=f"{word} sister",
        how=Contact.How.TELEPHONE,
        happened_on=DAY,
        note=f"{word} contact",
        recorded_by=worker,
    )
    consultation = Consultation.objects.create(
        **parts, person=person, who_to_invite=f"{word} invite", answered_by=worker
    )
    ProviderInvitation.objects.create(
        consultation=consultation, name=f"{word} Ltd", circle_member=member, invited=True
    )
    review = Review.objects.create(
        **parts,
        person=person,
        status=Review.Status.FINAL,
        held_on=DAY,
        created_by=worker,
        finalised_by=worker,
        what_must_change=f"{word} must change",
    )
    OutcomeEvaluation.objects.create(
        review=review,
        outcome_uid=outcome.uid,
        outcome_words=f"{word} outcome",
        rating=OutcomeEvaluation.Rating.PARTLY,
        evidence=f"{word} evidence",
    )
    ReviewOutcome.objects.create(review=review, words=f"{word} new outcome", achieve_by=DAY)
    referral = SafeguardingReferral.objects.create(
        **common,
        person=person,
        plan=plan,
        concern=f"{word} concern",
        raised_by=worker,
        acknowledged_by=manager,
        acknowledged_at=timezone.now(),
        action_taken=f"{word} acted",
    )
    SafeguardingAlert.objects.create(**common, referral=referral, recipient=manager)
    Notification.objects.create(
        **common,
        recipient=worker,
        recipient_as=Notification.As.WORKER,
        person=person,
        kind="review",
        item_key=f"review:{person.pk}",
        what=f"{word} reminder",
        due_on=DAY,
    )
    RecordClosure.objects.create(
        **common,
        person=person,
        closed_on=DAY,
        reason=f"{word} moved away",
        closed_by=worker,
        reopened_at=timezone.now(),
        reopened_by=worker,
        reopen_reason=f"{word} came back",
    )
    audit_record(
        actor=worker,
        action=AuditAction.SAFEGUARDING_VIEW,
        summary=f"Viewed {word} concern",
        person=person,
    )
    ConsentRecord.objects.create(
        **common,
        person=person,
        member=member,
        purpose=ConsentRecord.Purpose.CONSULT_AT_REVIEWS,
        given_by=ConsentRecord.GivenBy.PERSON,
        method=ConsentRecord.Method.IN_PERSON,
        given_on=DAY,
        notes=f"{word} consent notes",
        recorded_by=worker,
    )
    BreakGlassAccess.objects.create(
        **common,
        person=person,
        user=manager,
        reason=f"{word} emergency reason",
        opened_at=timezone.now(),
        expires_at=timezone.now(),
    )
    SharingReview.objects.create(**common, person=person, reviewed_by=worker)
    make_copy(
        issue,
        route="post",
        status="to_post",
        recipient_name=f"{word} Carer",
        recipient_key=f"member:{member.pk}",
        recipient_member=member,
        postal_address=f"2 {word} Lane",
        content=f"%PDF {word} copy".encode(),
    )
    assert issue is not None and member.kind == CircleMember.Kind.CARER
    person.refresh_from_db()
    return person
