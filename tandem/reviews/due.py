"""What the reviews app says is due (tandem.worklist.due): the consultation before a review (R3),
the review itself (R1, R2, R7, R10, R11), the record of a review held (R8) and its copy (R8),
and, between reviews, actions past their date (P4, the slipping rule) and indicators past theirs
(P3). The dates come from the schedule's rules (`next_reviews_for`) and `rules.slipping`, never
worked out again here."""

from collections.abc import Iterable, Sequence
from datetime import date

from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.timezone import localdate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.accounts.models import Organisation
from tandem.people.models import Person
from tandem.plans.models import Action, Indicator, Plan
from tandem.plans.rules import shorten
from tandem.reviews import rules
from tandem.reviews.models import ActionProgress, OutcomeEvaluation, Review
from tandem.reviews.schedule import AT_ONCE, ReasonCode, Timescales, record_due_on
from tandem.reviews.selectors import last_reviews, next_reviews_for
from tandem.reviews.services.consultation import consultation_states_for
from tandem.ui.templatetags.govuk import govuk_date
from tandem.worklist.due import DueItem, registry

# A final review that rated an outcome so closes it for good (R6).
CLOSED = frozenset({OutcomeEvaluation.Rating.ACHIEVED, OutcomeEvaluation.Rating.NO_LONGER_WANTED})


def _agreed_plans(people: Sequence[Person]) -> list[Plan]:
    return list(
        Plan.objects.filter(
            person_id__in=[p.pk for p in people], status=Plan.Status.AGREED
        ).select_related("organisation")
    )


def _reviews_open(people: Sequence[Person]) -> list[Review]:
    """Reviews held but not yet recorded (a draft with the day it was held), and final ones whose
    copy has not gone."""
    held = Q(status=Review.Status.DRAFT, held_on__isnull=False)
    copy_due = Q(status=Review.Status.FINAL, copy_sent_at__isnull=True, copy_due_on__isnull=False)
    return list(
        Review.objects.filter(held | copy_due, person_id__in=[p.pk for p in people]).order_by("pk")
    )


def reviews_due(people: Sequence[Person], today: date) -> Iterable[DueItem]:
    """The next review of each agreed plan, from its consultation date on, and its consultation
    while none is recorded. A plan whose review has been held and is being recorded shows the
    record instead. A fixed number of queries however many people.

    The keys name the review *cycle* (the plan, and the last review held), not the date: under R2
    the date can move day by day (due "today" once the lead time before a deadline has begun), and
    a reminder or calendar event must follow one review, not start again each day. A review made
    urgent (R10) or asked for (R1) within a cycle is a new item, so it is reminded again."""
    plans = _agreed_plans(people)
    held = {r.plan_id for r in _reviews_open(people) if r.status == Review.Status.DRAFT}
    plans = [p for p in plans if p.pk not in held]
    next_reviews = next_reviews_for(plans, today=today)
    last = last_reviews(p.person_id for p in plans)
    consultations = consultation_states_for(plans, today=today, next_reviews=next_reviews)
    for plan in plans:
        review = next_reviews[plan.pk]
        if review is None:
            continue
        first = review.reasons[0]
        urgent = any(r.code == ReasonCode.URGENT for r in review.reasons)
        held_on = last[plan.person_id].held_on if plan.person_id in last else None
        cycle = f"{plan.pk}:{held_on.isoformat() if held_on else 'agreed'}"
        if first.code in AT_ONCE:
            cycle += f":{first.code}"
        yield DueItem(
            kind="review",
            key=f"review:{cycle}",
            person_id=plan.person_id,
            shows_from=review.consultation_on,
            due_on=review.due_on,
            what=_("Urgent review of the plan") if urgent else _("Review of the plan"),
            why=first.text,
            url=reverse("reviews:carrying_out", args=[plan.pk]),
            urgent=urgent,
        )
        state = consultations[plan.pk]
        # Not yet due is given too: it shows from its date (shows_from), and the calendar puts
        # it on its date beforehand. Once recorded, it is done.
        if state is not None and not state.is_recorded:
            yield DueItem(
                kind="consultation",
                key=f"consultation:{cycle}",
                person_id=plan.person_id,
                shows_from=review.consultation_on,
                due_on=review.consultation_on,
                what=_("Ask the person whom to invite to their review"),
                why=_(
                    "The person is asked what matters to them and whom to invite before the "
                    "review due on %(date)s (R3)"
                )
                % {"date": govuk_date(review.due_on)},
                url=reverse("reviews:consultation", args=[plan.person_id]),
                urgent=urgent,
            )


def _timescales(reviews: list[Review]) -> dict[int, Timescales]:
    ids = {r.organisation_id for r in reviews}
    return {o.pk: Timescales.from_organisation(o) for o in Organisation.objects.filter(pk__in=ids)}


def records_due(people: Sequence[Person], today: date) -> Iterable[DueItem]:
    """R8: a review held is recorded, and a copy sent to the person, within the organisation's
    weeks (3 by default) of the day it was held. Two queries."""
    reviews = _reviews_open(people)
    timescales = _timescales([r for r in reviews if r.status == Review.Status.DRAFT])
    for review in reviews:
        url = reverse("reviews:review", args=[review.pk])
        if review.status == Review.Status.DRAFT:
            assert review.held_on is not None
            due_on = record_due_on(review.held_on, timescales[review.organisation_id])
            yield DueItem(
                kind="review_record",
                key=f"review_record:{review.pk}",
                person_id=review.person_id,
                due_on=due_on,
                what=_("Finish the record of the review held on %(date)s")
                % {"date": govuk_date(review.held_on)},
                why=_("A review is recorded and a copy sent within %(weeks)s weeks of it (R8)")
                % {"weeks": timescales[review.organisation_id].review_copy_weeks},
                url=url,
            )
        else:
            assert review.copy_due_on is not None
            yield DueItem(
                kind="review_copy",
                key=f"review_copy:{review.pk}",
                person_id=review.person_id,
                due_on=review.copy_due_on,
                what=_("Send the person a copy of their review record"),
                why=_("A copy of the review record goes to the person by %(date)s (R8)")
                % {"date": govuk_date(review.copy_due_on)},
                url=reverse("reviews:review_send", args=[review.pk]),
            )


def actions_due(people: Sequence[Person], today: date) -> Iterable[DueItem]:
    """P4: each action of an agreed plan past its date and not done or stopped, by its latest
    progress (the slipping rule). Off the list once progress says done or stopped, or when a new
    version is agreed (its actions are listed instead). One query: the latest progress comes in
    the same query, by the action's lasting uid, so progress recorded against an earlier version
    counts."""
    latest = ActionProgress.objects.filter(
        action_uid=OuterRef("uid"), plan__person_id=OuterRef("plan__person_id")
    ).order_by("-happened_on", "-recorded_at", "-id")
    actions = (
        Action.objects.filter(
            plan__person_id__in=[p.pk for p in people],
            plan__status=Plan.Status.AGREED,
            due_on__lt=today,
        )
        .select_related("plan")
        .only(
            "pk", "uid", "description", "due_on", "plan__id", "plan__person_id", "plan__agreed_at"
        )
        .annotate(
            latest_status=Subquery(latest.values("status")[:1]),
            latest_on=Subquery(latest.values("happened_on")[:1]),
        )
        .order_by("pk")
    )
    for action in actions:
        plan = action.plan
        agreed_on = localdate(plan.agreed_at) if plan.agreed_at else today
        last = (
            rules.LatestProgress(action.latest_status, action.latest_on)
            if action.latest_status
            else None
        )
        why = rules.slipping(rules.ActionEntry(action.due_on, agreed_on), last, today)
        if not why:
            continue
        yield DueItem(
            kind="action",
            key=f"action:{action.uid}:{action.due_on.isoformat()}",
            person_id=plan.person_id,
            due_on=action.due_on,
            what=_("Action: %(action)s") % {"action": shorten(action.description)},
            brief=_("An action in the plan is past its date"),
            why=_("%(why)s: every action has someone responsible and a date (P4)") % {"why": why},
            url=reverse("reviews:progress", args=[plan.pk, action.pk]),
        )


def indicators_due(people: Sequence[Person], today: date) -> Iterable[DueItem]:
    """P3: each indicator of an agreed plan, from its date on, while its outcome is open.

    The evidence against an indicator is recorded when its outcome is rated at a review (R6), so
    it is off the list once a final review held on or after the indicator's date has rated its
    outcome, or any final review has found the outcome achieved or no longer wanted. Two
    queries."""
    indicators = list(
        Indicator.objects.filter(
            plan__person_id__in=[p.pk for p in people],
            plan__status=Plan.Status.AGREED,
            due_on__lte=today,
        )
        .select_related("plan", "outcome")
        .only(
            "pk",
            "uid",
            "description",
            "due_on",
            "plan__id",
            "plan__person_id",
            "outcome__uid",
            "outcome__words",
        )
        .order_by("pk")
    )
    rated: dict = {}
    for held_on, outcome_uid, rating in OutcomeEvaluation.objects.filter(
        review__person_id__in={i.plan.person_id for i in indicators},
        review__status=Review.Status.FINAL,
        review__held_on__isnull=False,
    ).values_list("review__held_on", "outcome_uid", "rating"):
        rated.setdefault(outcome_uid, []).append((held_on, rating))
    for indicator in indicators:
        ratings = rated.get(indicator.outcome.uid, [])
        if any(r in CLOSED or held_on >= indicator.due_on for held_on, r in ratings):
            continue
        yield DueItem(
            kind="indicator",
            key=f"indicator:{indicator.uid}:{indicator.due_on.isoformat()}",
            person_id=indicator.plan.person_id,
            due_on=indicator.due_on,
            what=_("Check how we will know: %(indicator)s")
            % {"indicator": shorten(indicator.description)},
            brief=_("Check the progress towards an outcome"),
            why=_(
                "Each outcome has an indicator due on a fixed date: check the progress towards "
                "“%(outcome)s” then (P3)"
            )
            % {"outcome": shorten(indicator.outcome.words)},
            url=reverse("reviews:carrying_out", args=[indicator.plan.pk]),
        )


def register() -> None:
    """Kept (tandem.worklist.due): each follows from the person's plans and reviews, their
    organisation's timescales and the day alone."""
    registry.register(
        reviews_due,
        {"review": gettext_lazy("Reviews"), "consultation": gettext_lazy("Consultations")},
        kept=True,
    )
    registry.register(
        records_due,
        {
            "review_record": gettext_lazy("Review records"),
            "review_copy": gettext_lazy("Copies of review records"),
        },
        kept=True,
    )
    registry.register(actions_due, {"action": gettext_lazy("Actions past their date")}, kept=True)
    registry.register(
        indicators_due, {"indicator": gettext_lazy("Indicators past their date")}, kept=True
    )
