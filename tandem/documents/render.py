"""Copies of the plan and of a review record in every form a person can use (issue 10).

A copy is rendered from a *source*: a JSON-serialisable dict saved with the copy, so the same
copy can be produced again byte for byte years later. `render_copy(source, form)` is pure: the
same source and form always give the same bytes (with the same templates and tools).

- `plan_copy_source(issue, view)`: a copy of the plan as it was issued (PlanIssue.snapshot), as
  this recipient may see it (the whole plan, or a provider's part);
- `review_copy_source(review)`: a copy of a final review record (reviews/record.py);
- forms are `Person.Format` codes: standard, large_print, easy_read (tagged PDF) and audio (MP3,
  the easy-read text read aloud);
- `forms_for(person_or_recipient)`: the forms someone needs, from what is recorded about them.
"""

import copy
import datetime
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from tandem.documents import audio, pdf
from tandem.documents.document import document_content
from tandem.documents.easy_read import plan_easy_read, review_easy_read, spoken_text
from tandem.people.models import Person
from tandem.plans.provider_part import WHOLE, PlanView, issue_reasons, part_notice, visible_parts
from tandem.reviews.record import review_record
from tandem.ui.templatetags.govuk import iso_date

# The forms Tandem renders itself; braille is produced outside Tandem from the standard copy.
RENDERED_FORMS = (
    Person.Format.STANDARD,
    Person.Format.LARGE_PRINT,
    Person.Format.EASY_READ,
    Person.Format.AUDIO,
)

PDF = ("application/pdf", "pdf")
STYLESHEETS: dict[str, list[Path]] = {
    Person.Format.STANDARD: [pdf.STYLESHEET],
    Person.Format.LARGE_PRINT: [pdf.STYLESHEET, pdf.LARGE_PRINT],
    Person.Format.EASY_READ: [pdf.EASY_READ],
}


class UnknownForm(ValueError):
    """A copy was asked for in a form Tandem does not render (braille, or a mistyped code)."""


@dataclass(frozen=True)
class RenderedCopy:
    content: bytes
    media_type: str  # "application/pdf" or "audio/mpeg"
    extension: str  # "pdf" or "mp3"


def _utc(moment: datetime.datetime | None) -> str:
    """A moment as the W3C date PDF metadata carries: to the second, in UTC."""
    if moment is None:
        return ""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _view_data(view: PlanView) -> dict[str, Any]:
    return {
        "whole": view.whole,
        "member_ids": sorted(view.member_ids),
        "user_id": view.user_id,
        "names": list(view.names),
    }


def _view(data: dict[str, Any]) -> PlanView:
    if data.get("whole", True):
        return WHOLE
    return PlanView(
        whole=False,
        member_ids=frozenset(data.get("member_ids") or []),
        user_id=data.get("user_id"),
        names=tuple(data.get("names") or []),
    )


def plan_copy_source(issue: Any, view: PlanView = WHOLE) -> dict[str, Any]:
    """What a copy of an issued plan is rendered from: its snapshot as this recipient sees it
    (a provider's copy holds their part only, and says so: plans/provider_part.py), with what
    the copy says about itself (its number, when and why it was sent)."""
    [issue] = issue_reasons(view, [copy.copy(issue)])  # a provider's reason, leaving `issue` be
    return {
        "kind": "plan",
        "issue": issue.number,
        "issued": {"number": issue.number, "at": _utc(issue.issued_at), "reason": issue.reason},
        "view": _view_data(view),
        "snapshot": visible_parts(view, issue.snapshot),
    }


def review_copy_source(review: Any) -> dict[str, Any]:
    """What a copy of a final review record is rendered from: the record its page shows. A
    draft may still change, so it has no copy (R8)."""
    if not review.is_final:
        raise ValueError("Only a final review record has a copy")
    return {"kind": "review", "record": review_record(review)}


def _identifier(source: dict[str, Any], form: str) -> bytes:
    """The PDF's file identifier: the same for the same source and form, and no other."""
    canonical = json.dumps([source, form], sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(canonical.encode()).hexdigest()[:32].encode()


def _moment(value: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))


def _plan_page(source: dict[str, Any]) -> dict[str, Any]:
    issued = source["issued"]
    context = document_content(source["snapshot"], issued=True, view=_view(source["view"]))
    name = context["person"].get("known_as", "")
    return {
        **context,
        "issue": {
            "number": issued["number"],
            "issued_at": _moment(issued["at"]),
            "reason": issued["reason"],
        },
        "title": _("%(name)s’s support plan, version %(number)s, copy %(issue)s")
        % {
            "name": name,
            "number": context["plan"].get("version_number"),
            "issue": issued["number"],
        },
        "created": issued["at"],
    }


def _review_page(source: dict[str, Any]) -> dict[str, Any]:
    record = source["record"]
    review = record["review"]
    finalised = review.get("finalised_at")
    return {
        "record": record,
        "title": _("%(name)s’s review, held on %(date)s")
        % {"name": record["person"]["known_as"], "date": iso_date(review["held_on"])},
        "created": _utc(_moment(finalised)) if finalised else "",
    }


def _easy_read(source: dict[str, Any]) -> dict[str, Any]:
    if source["kind"] == "plan":
        snapshot = source["snapshot"]
        known_as = (snapshot.get("person") or {}).get("known_as", "")
        notice = part_notice(_view(source["view"]), known_as)
        return plan_easy_read(snapshot, part_notice=notice)
    return review_easy_read(source["record"])


def _pdf(source: dict[str, Any], form: str) -> bytes:
    page = _plan_page(source) if source["kind"] == "plan" else _review_page(source)
    if form == Person.Format.EASY_READ:
        easy = _easy_read(source)
        html = render_to_string(
            "documents/copies/easy_read.html",
            {"easy": easy, "title": easy["title"], "created": page["created"]},
        )
    else:
        html = render_to_string(f"documents/copies/{source['kind']}.html", page)
    return pdf.html_pdf(html, stylesheets=STYLESHEETS[form], identifier=_identifier(source, form))


def render_copy(source: dict[str, Any], form: str) -> RenderedCopy:
    """The copy's bytes in this form. Raises UnknownForm for a form Tandem does not render, and
    audio.SpeechError when the audio tools are missing or fail."""
    if source.get("kind") not in ("plan", "review"):
        raise ValueError(f"Not a copy source: {source.get('kind')!r}")
    if form == Person.Format.AUDIO:
        return RenderedCopy(audio.mp3(spoken_text(_easy_read(source))), "audio/mpeg", "mp3")
    if form not in STYLESHEETS:
        raise UnknownForm(f"Tandem does not render copies in {form!r}")
    return RenderedCopy(_pdf(source, form), *PDF)


# What a recorded communication need asks for, when no preferred format says so: words in it.
NEEDS = (
    (Person.Format.LARGE_PRINT, ("large print", "large-print", "partially sighted", "low vision")),
    (Person.Format.EASY_READ, ("easy read", "easy-read", "learning disab", "pictures")),
    (Person.Format.AUDIO, ("audio", "listen", "blind", "cannot read", "can't read")),
)


def forms_for(person_or_recipient: Any) -> list[str]:
    """The forms of a copy someone needs, in the order Tandem renders them.

    Their preferred formats (Person.Format codes, on a Person or in an issued copy's recipient
    `formats`) say it; where none is recorded, their communication needs are read for the forms
    they name; the standard copy when nothing is recorded. Audio only where it is asked for.
    Braille is transcribed outside Tandem, from the standard copy, which is then included."""
    if isinstance(person_or_recipient, dict):
        formats = person_or_recipient.get("formats") or []
        needs = person_or_recipient.get("communication_needs", "")
    else:
        formats = getattr(person_or_recipient, "preferred_formats", None) or []
        needs = getattr(person_or_recipient, "communication_needs", "")
    wanted = set(formats)
    if not wanted:
        text = (needs or "").lower()
        wanted = {form for form, words in NEEDS if any(word in text for word in words)}
    if Person.Format.BRAILLE in wanted:
        wanted.add(Person.Format.STANDARD)  # what the braille is transcribed from
    forms = [form.value for form in RENDERED_FORMS if form in wanted]
    return forms or [Person.Format.STANDARD.value]
