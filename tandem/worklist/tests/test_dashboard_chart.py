"""The dashboard's bar charts: an image with a name and the figures in words, everything from
outside escaped, and well-formed SVG."""

from xml.etree import ElementTree

import pytest

from tandem.worklist.chart import bars_svg, describe
from tandem.worklist.dashboard import Row


def test_it_names_the_chart_and_says_every_row_in_words():
    rows = [Row("1", "Wendy <Worker>", 4, escalated=3), Row("unallocated", "Not allocated", 0)]
    svg = bars_svg(rows, title="Overdue work & more", chart_id="figure-6")
    root = ElementTree.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "figure-6-title figure-6-desc"
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text == "Overdue work & more"
    assert root.find(f"{ns}desc").text == ("Wendy <Worker>: 4, 3 escalated. Not allocated: 0.")
    assert "Wendy &lt;Worker&gt;" in svg
    assert "style=" not in svg


def test_an_empty_figure_says_so():
    assert describe([]) == "Nothing to count yet."
    assert "Nothing to count yet" in bars_svg([], title="Areas", chart_id="areas")


def test_a_chart_id_that_could_break_the_markup_is_refused():
    with pytest.raises(ValueError):
        bars_svg([], title="x", chart_id='x" onload="alert(1)')
