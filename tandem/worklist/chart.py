"""A dashboard figure as a small SVG bar chart, drawn on the server (as tandem.reviews.chart).

A pure function of the figure's rows: no JavaScript, no database, no template. Each row is a
label above a horizontal bar with its count at the end; escalated work is the darker part of its
bar. The chart is an image with a title and a description in words (every row and its count), so
a screen reader user hears what a sighted user sees; the page puts a table of the same figures,
with links to what is behind them, under it. Colours are the GOV.UK palette: blue #1d70b8 for
the bars (5.2:1 on white), dark blue #003078 for the escalated part (13:1 on white), light grey
#f3f2f1 for the rest of the track, black #0b0c0c for text. Presentation attributes only, never a
style attribute, so the page's content security policy allows it.
"""

import re
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.translation import gettext as _

from tandem.worklist.dashboard import Row

BLUE = "#1d70b8"
DARK_BLUE = "#003078"
BLACK = "#0b0c0c"
LIGHT_GREY = "#f3f2f1"
FONT = "arial, sans-serif"

ROW_HEIGHT, LABEL, BAR, GAP, PAD = 52, 20, 18, 12, 8
COUNT_ROOM = 72  # after the longest bar, for its count

_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


def describe(rows: Sequence[Row]) -> str:
    """The chart in words: each row and its count, and how many are escalated where any are."""
    if not rows:
        return _("Nothing to count yet.")
    parts = []
    for row in rows:
        if row.escalated:
            words = _("%(label)s: %(count)s, %(escalated)s escalated.")
        else:
            words = _("%(label)s: %(count)s.")
        parts.append(words % {"label": row.label, "count": row.count, "escalated": row.escalated})
    return " ".join(parts)


def bars_svg(rows: Sequence[Row], *, title: str, chart_id: str, width: int = 600) -> str:
    """An accessible horizontal bar chart of the rows, as a string of markup. ``chart_id`` must
    be unique on the page (the title and description are found by ids made from it).
    Everything from outside is escaped."""
    if not _ID.fullmatch(chart_id):
        raise ValueError(f"A chart id is a letter then letters, digits, - or _, not {chart_id!r}.")
    height = PAD * 2 + max(len(rows), 1) * ROW_HEIGHT
    most = max((row.count for row in rows), default=0)
    room = width - PAD * 2 - COUNT_ROOM
    body = [f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    if not rows:
        body.append(_text(_("Nothing to count yet"), x=PAD, y=PAD + LABEL, size=16))
    for n, row in enumerate(rows):
        top = PAD + n * ROW_HEIGHT
        body.append(_text(row.label, x=PAD, y=top + LABEL - 4, size=16))
        bar_top = top + LABEL + 2
        length = room * row.count / most if most else 0
        body.append(
            f'<rect x="{PAD}" y="{bar_top}" width="{room}" height="{BAR}" fill="{LIGHT_GREY}"/>'
        )
        if length:
            body.append(
                f'<rect x="{PAD}" y="{bar_top}" width="{length:.1f}" height="{BAR}" fill="{BLUE}"/>'
            )
        if row.escalated and most:
            part = room * row.escalated / most
            body.append(
                f'<rect x="{PAD}" y="{bar_top}" width="{part:.1f}" height="{BAR}"'
                f' fill="{DARK_BLUE}"/>'
            )
        body.append(
            _text(str(row.count), x=PAD + length + 8, y=bar_top + BAR - 3, size=16, bold=True)
        )
    ids = f"{chart_id}-title {chart_id}-desc"
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" id="{chart_id}" class="tandem-chart"'
            f' width="{width}" height="{height}" viewBox="0 0 {width} {height}"'
            f' role="img" aria-labelledby="{ids}" font-family="{FONT}" fill="{BLACK}">',
            f'<title id="{chart_id}-title">{escape(title)}</title>',
            f'<desc id="{chart_id}-desc">{escape(describe(rows))}</desc>',
            *body,
            "</svg>",
        ]
    )


def _text(words: str, *, x: float, y: float, size: int, bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}"{weight}>{escape(words)}</text>'
