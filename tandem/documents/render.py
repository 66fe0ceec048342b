"""Copies of the plan and of a review record in every form a person can use (issue 10).

A copy is rendered from a *source*: a JSON-serialisable dict saved with the copy, so the same
copy can be produced again byte for byte years later. `render_copy(source, form)` is pure: the
same source and form always give the same bytes.

- `plan_copy_source(issue, view)`: a copy of the plan as it was issued (PlanIssue.snapshot), as
  this recipient may see it (the whole plan, or a provider's part);
- `review_copy_source(review)`: a copy of a final review record;
- forms are `Person.Format` codes: standard, large_print, easy_read (PDF) and audio (MP3).
"""

from dataclasses import dataclass
from typing import Any

from tandem.documents.document import document_content
from tandem.documents.pdf import document_pdf
from tandem.people.models import Person
from tandem.plans.provider_part import WHOLE, PlanView, visible_parts

# The forms Tandem renders itself; braille is produced outside Tandem from the standard copy.
RENDERED_FORMS = (
    Person.Format.STANDARD,
    Person.Format.LARGE_PRINT,
    Person.Format.EASY_READ,
    Person.Format.AUDIO,
)


@dataclass(frozen=True)
class RenderedCopy:
    content: bytes
    media_type: str  # "application/pdf" or "audio/mpeg"
    extension: str  # "pdf" or "mp3"


def plan_copy_source(issue: Any, view: PlanView = WHOLE) -> dict[str, Any]:
    """What a copy of an issued plan is rendered from: its snapshot as this recipient sees it."""
    return {"kind": "plan", "issue": issue.number, "snapshot": visible_parts(view, issue.snapshot)}


def review_copy_source(review: Any) -> dict[str, Any]:
    """What a copy of a final review record is rendered from."""
    raise NotImplementedError("issue 10: review copies")


def render_copy(source: dict[str, Any], form: str) -> RenderedCopy:
    """The copy's bytes in this form."""
    if source["kind"] == "plan" and form == Person.Format.STANDARD:
        context = document_content(source["snapshot"], issued=True)
        return RenderedCopy(document_pdf(context), "application/pdf", "pdf")
    raise NotImplementedError(f"issue 10: {source['kind']} copies in {form}")
