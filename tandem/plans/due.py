"""What the plans app says is due (tandem.worklist.due): a plan sent for agreement and not yet
agreed (A1), and an area of disagreement waiting for the plan coordinator's decision (A3).

Neither has a deadline in the rules: each is due from the day it began to wait (the plan was sent,
the disagreement recorded), so it reads as overdue the day after and is escalated to the team's
managers once it has waited longer than the organisation allows."""

from collections.abc import Iterable, Sequence
from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.people.models import Person
from tandem.plans.models import Disagreement, Plan
from tandem.worklist.due import DueItem, registry

# Plan.accepts_disagreements: a disagreement on a superseded or ended version is never decided.
DECIDABLE = (Plan.Status.DRAFT, Plan.Status.READY, Plan.Status.AGREED)


def agreement_due(people: Sequence[Person], today: date) -> Iterable[DueItem]:
    """A1: a plan sent for agreement waits for the person and the worker to agree it. Off the list
    once agreed, or when a change sends it back to draft. One query."""
    plans = Plan.objects.filter(
        person_id__in=[p.pk for p in people], status=Plan.Status.READY
    ).only("pk", "person_id", "version_number", "sent_for_agreement_at", "updated_at")
    for plan in plans:
        sent_on = timezone.localdate(plan.sent_for_agreement_at or plan.updated_at)
        yield DueItem(
            kind="agreement",
            key=f"agreement:{plan.pk}:{sent_on.isoformat()}",
            person_id=plan.person_id,
            due_on=sent_on,
            what=_("Record agreement to version %(number)s of the plan")
            % {"number": plan.version_number},
            why=_(
                "A plan sent for agreement is agreed by the person and the worker, with any "
                "areas of disagreement noted (A1)"
            ),
            url=reverse("plans:agree", args=[plan.pk]),
        )


def disagreements_due(people: Sequence[Person], today: date) -> Iterable[DueItem]:
    """A3: a disagreement waits for the plan coordinator to decide whether the plan must be
    reviewed or renegotiated – the same test as the plan page's "Decide whether to renegotiate"
    link (no decision yet, on a version still being agreed or in force).

    It is for the person's allocated worker (and escalates like other work), unless the plan names
    a different coordinator: then it is for that coordinator alone. One query."""
    allocated = {p.pk: p.allocated_worker_id for p in people}
    disagreements = (
        Disagreement.objects.filter(
            plan__person_id__in=list(allocated), plan__status__in=DECIDABLE, renegotiation=""
        )
        .select_related("plan")
        .only(
            "pk",
            "raised_by",
            "recorded_at",
            "plan__id",
            "plan__person_id",
            "plan__coordinator_id",
            "plan__status",
        )
        .order_by("pk")
    )
    for disagreement in disagreements:
        plan = disagreement.plan
        coordinator = plan.coordinator_id
        recorded_on = timezone.localdate(disagreement.recorded_at)
        yield DueItem(
            kind="disagreement",
            key=f"disagreement:{disagreement.pk}",
            person_id=plan.person_id,
            due_on=recorded_on,
            what=_("Decide on the disagreement from %(name)s") % {"name": disagreement.raised_by},
            brief=_("Decide on a disagreement with the plan"),
            why=_(
                "The plan coordinator decides whether a disagreement means the plan must be "
                "reviewed or renegotiated (A3)"
            ),
            url=reverse("plans:disagreement_decide", args=[plan.pk, disagreement.pk]),
            for_user_id=coordinator
            if coordinator not in (None, allocated[plan.person_id])
            else None,
        )


def register() -> None:
    registry.register(agreement_due, {"agreement": gettext_lazy("Plans waiting for agreement")})
    registry.register(
        disagreements_due, {"disagreement": gettext_lazy("Disagreements to decide on")}
    )
