"""The plan document as a PDF: the same snapshot, template and reader's view as the page.

WeasyPrint lays out the one document template (`documents/_document.html`) with a small print
stylesheet of its own, so a PDF says exactly what the page says to the same reader: a provider's
PDF holds their part of the plan and nothing else (plans/provider_part.py).
"""

from pathlib import Path

from django.template.loader import render_to_string
from weasyprint import CSS, HTML

STYLESHEET = Path(__file__).parent / "pdf.css"


def document_pdf(context: dict) -> bytes:
    """The plan document (a `document_content` context, with `issue` for a copy) as PDF."""
    html = render_to_string("documents/pdf.html", context)
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))])
