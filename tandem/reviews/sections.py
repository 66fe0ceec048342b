"""What reviews adds to the plan (registered with plans.parts in ReviewsConfig.ready): the Goal
Attainment Scaling levels of an outcome, described in the person's words when the outcome is set
(R6), so the review can rate against them. Being a registered part, the levels appear on the
outcome's page, in the snapshot, the new-version copy (keeping their uid), the comparison of
versions and the document without anything else knowing about them. `plans` never imports this
module."""

from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy

from tandem.errors import Refused
from tandem.plans.models import Plan
from tandem.plans.parts import Field, PartKind, PartNames, registry
from tandem.reviews.gas import Level
from tandem.reviews.models import AttainmentLevel


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


def register() -> None:
    for kind in KINDS:
        registry.register_part(kind)
