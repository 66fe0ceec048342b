"""The plan document and review record as PDF: the same data, templates and reader's view as the
pages.

WeasyPrint lays out the one document template (`documents/_document.html`, or the review record's
`reviews/_review_record.html`) with a small print stylesheet of its own, so a PDF says exactly
what the page says to the same reader: a provider's PDF holds their part of the plan and nothing
else (plans/provider_part.py).

Every PDF is tagged for accessibility (PDF/UA-1: a structure tree, the document's title and its
language, selectable text). A copy (render.py) is also the same bytes each time it is made from
the same source: WeasyPrint writes no date of its own, so the dates in its metadata and its file
identifier are taken from the source.
"""

from pathlib import Path

from django.template.loader import render_to_string
from weasyprint import CSS, HTML

HERE = Path(__file__).parent
STYLESHEET = HERE / "pdf.css"
LARGE_PRINT = HERE / "large_print.css"
EASY_READ = HERE / "easy_read.css"
# Easy-read pictograms are named relative to their folder: <img src="star.svg">.
PICTOGRAMS = HERE / "pictograms"


def html_pdf(html: str, *, stylesheets: list[Path], identifier: bytes | None = None) -> bytes:
    """A tagged PDF of this HTML page (which says its title and language)."""
    return HTML(string=html, base_url=f"{PICTOGRAMS}/").write_pdf(
        stylesheets=[CSS(filename=str(path)) for path in stylesheets],
        pdf_variant="pdf/ua-1",
        pdf_identifier=identifier,
    )


def document_pdf(context: dict) -> bytes:
    """The plan document (a `document_content` context, with `issue` for a copy) as PDF."""
    return html_pdf(render_to_string("documents/pdf.html", context), stylesheets=[STYLESHEET])
