"""What reviews adds to the plan (registered with plans.parts in ReviewsConfig.ready):

- the Goal Attainment Scaling levels of an outcome, described in the person's words when the
  outcome is set (R6), so the review can rate against them. Being a registered part, they appear
  on the outcome's page, in the snapshot, the new-version copy (keeping their uid), the
  comparison of versions and the document without anything else knowing about them;
- in the snapshot, under "review", what the last review before this version found.

`plans` never imports this module."""

from typing import Any

from django.db.models import Subquery
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy

from tandem.errors import Refused
from tandem.plans.models import Plan
from tandem.plans.parts import Field, PartKind, PartNames, registry
from tandem.reviews.gas import Level
from tandem.reviews.models import AttainmentLevel, OutcomeEvaluation, Review


def level_words(level: int) -> str:
    """ "+1: Somewhat more than expected" – the level as people read it, with a real minus."""
    return f"{signed(level)}: {capfirst(str(Level(level).label))}"


def _level_extra(part: AttainmentLevel, plan: Plan) -> dict[str, Any]:
    return {"level_label": level_words(part.level)}


KINDS = (
    PartKind(
        "attainment_level",
        AttainmentLevel,
        form="tandem.reviews.forms.levels.AttainmentLevelForm",
        section="outcomes",
        snapshot_key="attainment_levels",
        title_field="level_label",
        values=("level", "words"),
        extra=_level_extra,
        fields=(
            Field("level_label", gettext_lazy("Level")),
            Field("words", gettext_lazy("What it would look like, in the person’s words")),
        ),
        names=PartNames(
            noun=gettext_lazy("Goal attainment levels, in the person’s words"),
            add=gettext_lazy("Describe a goal attainment level"),
            change=gettext_lazy("Change the goal attainment level"),
            remove=gettext_lazy("Are you sure you want to remove this goal attainment level?"),
            saved=gettext_lazy("The goal attainment level has been saved"),
            removed=gettext_lazy("The goal attainment level has been removed"),
            none_yet=gettext_lazy("No goal attainment level has been described yet."),
            numbered=gettext_lazy("Goal attainment level %(number)s"),
            add_for_parent=gettext_lazy("Describe a goal attainment level"),
            list_hint=gettext_lazy(
                "Optional. Say, in the person’s words, what each level from −2 (much less than "
                "expected) to +2 (much more than expected) would look like, so the review can "
                "rate the outcome against it."
            ),
            about=gettext_lazy("About the goal attainment level “%(title)s”"),
            added=gettext_lazy("Described goal attainment level “%(item)s”"),
            changed=gettext_lazy("Changed goal attainment level “%(item)s”"),
            deleted=gettext_lazy("Removed goal attainment level “%(item)s”"),
        ),
        parent="outcome",
        parent_field="outcome",
        nested=True,
        parent_required=True,
        ordering=("level", "id"),
        validate=lambda part, plan: check_level(part),
        document_template="documents/parts/_table.html",
        optional=True,
    ),
)


def check_level(part: AttainmentLevel) -> None:
    """One description per level of an outcome (checked again here, under the plan's lock, in
    case two people describe the same level at once)."""
    if level_taken(part):
        raise Refused(level_taken_message(part.level))


def level_taken(part: AttainmentLevel) -> bool:
    if part.outcome_id is None or part.level is None:
        return False
    return (
        AttainmentLevel.objects.filter(outcome_id=part.outcome_id, level=part.level)
        .exclude(pk=part.pk)
        .exists()
    )


def signed(level: int) -> str:
    """+1, −2: a level as people write it, with a real minus sign."""
    return f"{level:+d}".replace("-", "−")


def level_taken_message(level: int) -> str:
    return gettext(
        "You have already described level %(level)s (%(words)s) for this outcome – change that "
        "description instead"
    ) % {"level": signed(level), "words": Level(level).label}


def review_snapshot(plan: Plan, parts: dict[str, Any]) -> dict[str, Any]:
    """The plan's snapshot key "review": the last final review of an earlier version of the
    person's plan – the review this version follows (R9) – with each outcome's rating by its
    uid, so an issued copy says what the review found. Empty when there is none. Earlier
    versions only, so an agreed version's snapshot does not change when it is itself reviewed
    (A4). One query: the latest review's ratings, each with its review (a final review has
    rated every outcome of its plan, and an agreed plan has at least one)."""
    latest = (
        Review.objects.filter(
            person_id=plan.person_id,
            status=Review.Status.FINAL,
            plan__version_number__lt=plan.version_number,
        )
        .order_by("-held_on", "-finalised_at", "-id")
        .values("id")[:1]
    )
    evaluations = list(
        OutcomeEvaluation.objects.filter(review_id=Subquery(latest))
        .select_related("review__plan")
        .order_by("id")
    )
    if not evaluations:
        return {}
    review = evaluations[0].review
    return {
        "id": review.pk,
        "version_number": review.plan.version_number,
        "held_on": review.held_on.isoformat() if review.held_on else "",
        "how_held_label": str(review.get_how_held_display()) if review.how_held else "",
        "needs_changed": review.needs_changed,
        "new_assessment_needed": review.new_assessment_needed,
        "services_meet_outcomes_label": (
            str(review.get_services_meet_outcomes_display())
            if review.services_meet_outcomes
            else ""
        ),
        "new_plan_needed": review.new_plan_needed,
        "next_review_on": review.next_review_on.isoformat() if review.next_review_on else "",
        "outcomes": [
            {
                "uid": str(e.outcome_uid),
                "words": e.outcome_words,
                "rating": e.rating,
                "rating_label": str(e.get_rating_display()),
                "gas_level": e.gas_level,
            }
            for e in evaluations
        ],
    }


def register() -> None:
    for kind in KINDS:
        registry.register_part(kind)
    registry.register_snapshot("review", review_snapshot)
