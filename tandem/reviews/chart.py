"""The person's progress as a small SVG line chart of GAS T-scores, drawn on the server (issue 7).

A pure function of (review date, T-score) pairs: no JavaScript, no database, no template. The
chart is an image with a title and a description in words (first and latest score), so a screen
reader user hears what a sighted user sees; the page puts a table of the same scores beside it.
Colours are the GOV.UK palette: blue #1d70b8 for the scores (5.2:1 on white), black #0b0c0c for
text, axes and the expected level, dark grey #505a5f for the grid, so lines and text stay at or
above the 3:1 and 4.5:1 contrast WCAG 2.2 asks for. Drawing is done with presentation
attributes, never a style attribute, so the page's content security policy allows it.
"""

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.ui.templatetags.govuk import govuk_date

BLUE = "#1d70b8"
BLACK = "#0b0c0c"
DARK_GREY = "#505a5f"
WHITE = "#ffffff"
FONT = "arial, sans-serif"

EXPECTED = 50
# T-scores are built to have a standard deviation of 10, so 20 to 80 covers three either side
# of the expected level; a score outside it widens the axis by tens rather than being cut off.
LOWEST, HIGHEST, STEP = 20, 80, 10

# Room around the plot for the axis labels, and inside it so no marker sits on an axis.
LEFT, RIGHT, TOP, BOTTOM, INSET = 64, 32, 16, 56, 16
# The least room between two date labels, so they never overlap.
DATE_LABEL_GAP = 96

_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


@dataclass(frozen=True)
class _Frame:
    """Where the plot is in the SVG, and which scores its top and bottom stand for."""

    left: float
    right: float
    top: float
    bottom: float
    lowest: int
    highest: int

    def y(self, score: Decimal | int) -> float:
        share = (float(score) - self.lowest) / (self.highest - self.lowest)
        return self.bottom - share * (self.bottom - self.top)


def progress_svg(
    points: Sequence[tuple[date, Decimal]],
    *,
    title: str,
    width: int = 600,
    height: int = 260,
    chart_id: str = "progress-chart",
) -> str:
    """An accessible SVG line chart of T-scores over time, as a string of markup.

    ``points`` are (review date, T-score) pairs in any order; they are drawn in date order, spaced
    by the time between reviews. ``chart_id`` must be unique on the page: the title and
    description are found by ids made from it. Everything from outside is escaped.
    """
    if not _ID.fullmatch(chart_id):
        raise ValueError(f"A chart id is a letter then letters, digits, - or _, not {chart_id!r}.")
    if width < LEFT + RIGHT + 2 * INSET + 1 or height < TOP + BOTTOM + 1:
        raise ValueError(f"A progress chart needs more room than {width} by {height}.")
    ordered = sorted(points, key=lambda point: point[0])
    scores = [point[1] for point in ordered]
    frame = _Frame(
        left=LEFT,
        right=width - RIGHT,
        top=TOP,
        bottom=height - BOTTOM,
        lowest=min([LOWEST, *(_tens_below(score) for score in scores)]),
        highest=max([HIGHEST, *(_tens_above(score) for score in scores)]),
    )
    body = _axes(frame, width, height)
    if ordered:
        body += _grid(frame) + _scores(frame, ordered)
    else:
        body.append(
            _text(
                _("No reviews scored yet"),
                x=(frame.left + frame.right) / 2,
                y=(frame.top + frame.bottom) / 2,
                anchor="middle",
                size=19,
            )
        )
    ids = f"{chart_id}-title {chart_id}-desc"
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" id="{chart_id}" class="tandem-chart"'
            f' width="{width}" height="{height}" viewBox="0 0 {width} {height}"'
            f' role="img" aria-labelledby="{ids}" font-family="{FONT}" fill="{BLACK}">',
            f'<title id="{chart_id}-title">{escape(title)}</title>',
            f'<desc id="{chart_id}-desc">{escape(describe(ordered))}</desc>',
            *body,
            "</svg>",
        ]
    )


def describe(points: Sequence[tuple[date, Decimal]]) -> str:
    """The chart in words: how many reviews, the first and latest scores, and what 50 means."""
    if not points:
        return _("No reviews scored yet.")
    ordered = sorted(points, key=lambda point: point[0])
    meaning = _(
        "50 means the outcomes were met at the expected level; above 50 is better than expected "
        "and below 50 is less than expected."
    )
    (first_day, first), (last_day, latest) = ordered[0], ordered[-1]
    if len(ordered) == 1:
        return _("One review scored: %(score)s on %(date)s.") % {
            "score": _score(first),
            "date": govuk_date(first_day),
        } + (" " + meaning)
    summary = ngettext(
        "%(count)d review scored, from %(first_date)s to %(last_date)s.",
        "%(count)d reviews scored, from %(first_date)s to %(last_date)s.",
        len(ordered),
    ) % {
        "count": len(ordered),
        "first_date": govuk_date(first_day),
        "last_date": govuk_date(last_day),
    }
    return " ".join([summary, _change(first, latest), meaning])


def _change(first: Decimal, latest: Decimal) -> str:
    values = {"first": _score(first), "latest": _score(latest)}
    difference = round(Decimal(latest) - Decimal(first), 1)
    if difference > 0:
        words = _("The first score was %(first)s and the latest is %(latest)s, %(by)s higher.")
    elif difference < 0:
        words = _("The first score was %(first)s and the latest is %(latest)s, %(by)s lower.")
    else:
        words = _("The first score was %(first)s and the latest is %(latest)s, the same.")
    return words % {**values, "by": _score(abs(difference))}


def _axes(frame: _Frame, width: int, height: int) -> list[str]:
    middle_x = (frame.left + frame.right) / 2
    middle_y = (frame.top + frame.bottom) / 2
    return [
        f'<rect width="{width}" height="{height}" fill="{WHITE}"/>',
        _line(frame.left, frame.top, frame.left, frame.bottom, colour=BLACK),
        _line(frame.left, frame.bottom, frame.right, frame.bottom, colour=BLACK),
        # The y-axis label reads upwards, beside the axis.
        f'<text x="{_n(-middle_y)}" y="18" transform="rotate(-90)" text-anchor="middle"'
        f' font-size="16">{escape(_("T-score"))}</text>',
        _text(_("Date of review"), x=middle_x, y=height - 8, anchor="middle", size=16),
    ]


def _grid(frame: _Frame) -> list[str]:
    parts = []
    for score in range(frame.lowest, frame.highest + 1, STEP):
        y = frame.y(score)
        if score != frame.lowest:  # the x axis is drawn there already
            parts.append(_line(frame.left, y, frame.right, y, colour=DARK_GREY, dashes="2 4"))
        parts.append(_text(str(score), x=frame.left - 8, y=y + 5, anchor="end", size=14))
    expected = frame.y(EXPECTED)
    parts.append(
        _line(frame.left, expected, frame.right, expected, colour=BLACK, width=2, dashes="8 4")
    )
    parts.append(_text(_("Expected (50)"), x=frame.left + 8, y=expected - 6, size=14))
    return parts


def _scores(frame: _Frame, ordered: Sequence[tuple[date, Decimal]]) -> list[str]:
    days = [point[0] for point in ordered]
    xs = _x_positions(frame, days)
    ys = [frame.y(point[1]) for point in ordered]
    parts = []
    if len(ordered) > 1:
        coordinates = " ".join(f"{_n(x)},{_n(y)}" for x, y in zip(xs, ys, strict=True))
        parts.append(
            f'<polyline points="{coordinates}" fill="none" stroke="{BLUE}" stroke-width="3"'
            ' stroke-linejoin="round"/>'
        )
    for x, y, (day, score) in zip(xs, ys, ordered, strict=True):
        label = escape(f"{govuk_date(day)}: {_score(score)}")
        parts.append(
            f'<circle class="tandem-chart__point" cx="{_n(x)}" cy="{_n(y)}" r="5"'
            f' fill="{BLUE}" stroke="{WHITE}" stroke-width="2"><title>{label}</title></circle>'
        )
    parts += _date_labels(frame, xs, days)
    # The latest score in figures, above its marker (below it when the marker is at the top).
    latest_y = ys[-1] - 12 if ys[-1] - frame.top > 24 else ys[-1] + 24
    parts.append(
        _text(_score(ordered[-1][1]), x=xs[-1], y=latest_y, anchor="middle", size=16, bold=True)
    )
    return parts


def _x_positions(frame: _Frame, days: Sequence[date]) -> list[float]:
    """Each review across the plot in proportion to the time since the first."""
    left, right = frame.left + INSET, frame.right - INSET
    span = (days[-1] - days[0]).days
    if span == 0:
        return [(left + right) / 2] * len(days)
    return [left + (day - days[0]).days / span * (right - left) for day in days]


def _date_labels(frame: _Frame, xs: Sequence[float], days: Sequence[date]) -> list[str]:
    """A tick for every review; a date under the first, the last and as many between as fit."""
    labelled: list[int] = []
    for i, x in enumerate(xs):
        last = i == len(xs) - 1
        fits_after = not labelled or x - xs[labelled[-1]] >= DATE_LABEL_GAP
        fits_before = last or xs[-1] - x >= DATE_LABEL_GAP
        if fits_after and fits_before:
            labelled.append(i)
        elif last and labelled:  # the latest review always gets its date
            labelled[-1] = i
    ticks = [_line(x, frame.bottom, x, frame.bottom + 6, colour=BLACK) for x in xs]
    dates = [
        _text(_short_date(days[i]), x=xs[i], y=frame.bottom + 22, anchor="middle", size=14)
        for i in labelled
    ]
    return ticks + dates


def _line(
    x1: float,
    y1: float,
    x2: float,
    y2: float,
    *,
    colour: str,
    width: int = 1,
    dashes: str = "",
) -> str:
    dash = f' stroke-dasharray="{dashes}"' if dashes else ""
    return (
        f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}"'
        f' stroke="{colour}" stroke-width="{width}"{dash}/>'
    )


def _text(
    words: str, *, x: float, y: float, anchor: str = "start", size: int, bold: bool = False
) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" font-size="{size}"{weight}>'
        f"{escape(words)}</text>"
    )


def _short_date(day: date) -> str:
    # "3 Mar 2024": the full month would crowd the axis; the description has it in full.
    return date_format(day, "j M Y")


def _score(score: Decimal) -> str:
    return f"{Decimal(score):.1f}".replace("-", "−")


def _tens_below(score: Decimal) -> int:
    return math.floor(Decimal(score) / STEP) * STEP


def _tens_above(score: Decimal) -> int:
    return math.ceil(Decimal(score) / STEP) * STEP


def _n(value: float) -> str:
    """A coordinate to one decimal place: finer than a pixel, and short."""
    return f"{value:.1f}"
