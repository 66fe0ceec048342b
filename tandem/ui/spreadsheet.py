"""Lists as spreadsheets: a CSV file of exactly the rows a list page selects, to open in Excel,
LibreOffice or Numbers.

- UTF-8 with a byte-order mark: without it Excel reads the file in the computer's old code page
  and names like "Siân" or "Zoë" come out garbled.
- Every cell quoted, and text a spreadsheet would run as a formula ("=HYPERLINK(…)", "+44…",
  "-1", "@SUM(…)", a leading tab or carriage return) kept as text by a leading single quote:
  a name or an outcome typed by anyone must never run when a worker opens the file (OWASP's
  "CSV injection").
- Dates as YYYY-MM-DD, which every spreadsheet reads as a date whatever its language.
- Streamed row by row (StreamingHttpResponse), so a large caseload is never held in memory.
"""

import csv
import datetime
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext as _

BYTE_ORDER_MARK = "\ufeff"
# What a spreadsheet takes as the start of a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPE = "text/csv; charset=utf-8"

Cell = str | Promise | int | Decimal | bool | datetime.date | None


def cell(value: Cell) -> str:
    """One value as its cell shows it: a date as YYYY-MM-DD (a time as YYYY-MM-DD HH:MM, local),
    yes or no in words, nothing as an empty cell, and text that would start a formula kept as
    text. Numbers are left as they are: they cannot run, and a spreadsheet can add them up."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, datetime.datetime):
        moment = timezone.localtime(value) if timezone.is_aware(value) else value
        return moment.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Line:
    """The csv module writes to a file; this "file" hands each line back instead, to stream."""

    def write(self, line: str) -> str:
        return line


def csv_lines(header: Sequence[Cell], rows: Iterable[Sequence[Cell]]) -> Iterator[str]:
    """The header row, then each row, as lines of CSV; the first starts with the byte-order
    mark. Lazy: a row is read from `rows` only when its line is sent."""
    writer = csv.writer(_Line(), quoting=csv.QUOTE_ALL)
    yield BYTE_ORDER_MARK + writer.writerow([cell(value) for value in header])
    for row in rows:
        yield writer.writerow([cell(value) for value in row])


def filename(*words: str, on: datetime.date) -> str:
    """A file name that says what the list is and the day it was downloaded:
    "worklist-2026-06-01.csv". Words are made safe for every operating system's files."""
    stem = "-".join(part for part in (slugify(str(word)) for word in words) if part)
    return f"{stem or 'tandem'}-{on.isoformat()}.csv"


def csv_response(
    *, name: str, header: Sequence[Cell], rows: Iterable[Sequence[Cell]]
) -> StreamingHttpResponse:
    """A download of the rows as a CSV file called `name` (see `filename`). Never kept by a
    browser's or a proxy's cache: it is personal data."""
    response = StreamingHttpResponse(csv_lines(header, rows), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
