"""A provider's part of each demo plan (issue 9, item 1; plans/provider_part.py).

Support arrangements name who gives them in words ("Brightside Home Care (demo)"); the demo
also says which provider or agency of the person's circle that is, so each sees their own: Jo
Fieldfare (demo-provider) sees Brightside's morning care on Margaret's and Winston's plans and
her sitting service for Winston, but not the district nurses' dressings on Margaret's plan, the
risks, needs or budget. Margaret chose to share "Stay living in my own flat" with everyone
supporting her, so Jo sees that outcome too, though none of its actions is Brightside's.
"""

from collections.abc import Iterable
from typing import Any

from tandem.people.models import CircleMember
from tandem.plans.sections import SUPPORTING_KINDS

# Outcomes a demo person chose to share with everyone supporting them, by their words.
SHARED_OUTCOMES = frozenset({"Stay living in my own flat"})


def given_by(members: Iterable[CircleMember], provider: str) -> dict[str, Any]:
    """The support arrangement's provider in the circle: the provider or agency whose name or
    organisation is the name the arrangement gives (the first, if two work there)."""
    for member in members:
        if member.kind in SUPPORTING_KINDS and provider in {member.name, member.organisation_name}:
            return {"provider_member_id": member.pk}
    return {}


def shared(words: str) -> dict[str, Any]:
    return {"shared_with_supporters": True} if words in SHARED_OUTCOMES else {}
