"""The progress chart (issue 7): well-formed, accessible SVG of T-scores over time."""

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.reviews.chart import describe, progress_svg

D = Decimal
SVG = "{http://www.w3.org/2000/svg}"

THREE_YEARS = [
    (date(2023, 3, 1), D("38.2")),
    (date(2024, 3, 1), D("50.0")),
    (date(2025, 3, 3), D("63.7")),
]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # raises if the markup is not well-formed XML


def points_of(root: ET.Element) -> list[ET.Element]:
    return [c for c in root.iter(f"{SVG}circle") if c.get("class") == "tandem-chart__point"]


def texts_of(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def test_it_is_an_image_with_a_title_and_a_description_in_words():
    root = parse(progress_svg(THREE_YEARS, title="Ann's progress", chart_id="ann-progress"))

    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "ann-progress-title ann-progress-desc"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.get("id") == "ann-progress-title"
    assert title.text == "Ann's progress"
    assert desc is not None and desc.get("id") == "ann-progress-desc"
    assert desc.text == (
        "3 reviews scored, from 1 March 2023 to 3 March 2025. "
        "The first score was 38.2 and the latest is 63.7, 25.5 higher. "
        "50 means the outcomes were met at the expected level; above 50 is better than expected "
        "and below 50 is less than expected."
    )


def test_it_labels_the_axes_and_the_expected_level_and_has_no_script():
    svg = progress_svg(THREE_YEARS, title="Progress")
    root = parse(svg)

    assert {"T-score", "Date of review", "Expected (50)"} <= set(texts_of(root))
    assert {"20", "50", "80"} <= set(texts_of(root))
    assert "script" not in svg.lower()
    assert not re.search(r"\s(on\w+|style)=", svg)  # no event handlers or inline styles (CSP)


def test_it_uses_the_govuk_colours():
    root = parse(progress_svg(THREE_YEARS, title="Progress"))

    line = root.find(f"{SVG}polyline")
    assert line is not None and line.get("stroke") == "#1d70b8"
    assert {p.get("fill") for p in points_of(root)} == {"#1d70b8"}
    assert root.get("fill") == "#0b0c0c"  # the text
    grid = [g for g in root.iter(f"{SVG}line") if g.get("stroke") == "#505a5f"]
    assert grid


def test_it_draws_one_marker_per_score_with_its_date_and_score():
    root = parse(progress_svg(THREE_YEARS, title="Progress"))

    markers = points_of(root)
    assert [m.findtext(f"{SVG}title") for m in markers] == [
        "1 March 2023: 38.2",
        "1 March 2024: 50.0",
        "3 March 2025: 63.7",
    ]
    assert "63.7" in texts_of(root)  # the latest score in figures


def test_it_escapes_the_title():
    svg = progress_svg(THREE_YEARS, title='Jo <script>&"friends"</script>')

    assert "<script>" not in svg
    assert "&lt;script&gt;&amp;" in svg
    assert parse(svg).findtext(f"{SVG}title") == 'Jo <script>&"friends"</script>'


def test_it_refuses_an_id_that_could_break_out_of_its_attribute():
    with pytest.raises(ValueError, match="chart id"):
        progress_svg(THREE_YEARS, title="Progress", chart_id='x" onload="alert(1)')


def test_it_says_when_no_reviews_are_scored_yet():
    root = parse(progress_svg([], title="Progress"))

    assert points_of(root) == []
    assert root.find(f"{SVG}polyline") is None
    assert "No reviews scored yet" in texts_of(root)
    assert root.findtext(f"{SVG}desc") == "No reviews scored yet."


def test_it_draws_one_review_as_one_marker_without_a_line():
    root = parse(progress_svg([(date(2024, 6, 5), D("56.2"))], title="Progress"))

    assert len(points_of(root)) == 1
    assert root.find(f"{SVG}polyline") is None
    assert "5 Jun 2024" in texts_of(root)
    assert root.findtext(f"{SVG}desc", "").startswith("One review scored: 56.2 on 5 June 2024.")


def test_it_spaces_reviews_by_the_time_between_them():
    # Reviews at 0, 6 weeks and 12 months: the gaps along the axis are in proportion.
    start = date(2024, 1, 1)
    days = [0, 42, 365]
    root = parse(
        progress_svg([(start + timedelta(days=d), D("50.0")) for d in days], title="Progress")
    )

    xs = [float(m.get("cx", "")) for m in points_of(root)]
    assert (xs[1] - xs[0]) / (xs[2] - xs[0]) == pytest.approx(42 / 365, abs=0.001)


def test_it_draws_the_reviews_in_date_order_whatever_order_they_come_in():
    root = parse(progress_svg(list(reversed(THREE_YEARS)), title="Progress"))

    titles = [m.findtext(f"{SVG}title") for m in points_of(root)]
    assert titles[0] == "1 March 2023: 38.2"
    xs = [float(m.get("cx", "")) for m in points_of(root)]
    assert xs == sorted(xs)


def test_it_widens_the_axis_for_a_score_outside_20_to_80():
    root = parse(
        progress_svg([(date(2024, 1, 1), D("13.5")), (date(2025, 1, 1), D("86.5"))], title="P")
    )

    assert {"10", "90"} <= set(texts_of(root))
    top, bottom = 16, 260 - 56  # the plot's edges
    assert all(top <= float(m.get("cy", "")) <= bottom for m in points_of(root))


def test_it_says_whether_the_latest_score_is_higher_lower_or_the_same():
    first = (date(2023, 1, 1), D("60.0"))
    assert "the latest is 55.5, 4.5 lower." in describe([first, (date(2024, 1, 1), D("55.5"))])
    assert "the latest is 60.0, the same." in describe([first, (date(2024, 1, 1), D("60.0"))])


scored_reviews = st.lists(
    st.decimals(min_value=D("10"), max_value=D("90"), places=1),
    min_size=1,
    max_size=40,
)


@given(scores=scored_reviews, gap=st.integers(min_value=0, max_value=400))
def test_a_higher_score_is_always_drawn_higher(scores, gap):
    points = [(date(2020, 1, 1) + timedelta(days=i * gap), s) for i, s in enumerate(scores)]
    root = parse(progress_svg(points, title="Progress"))

    markers = points_of(root)
    assert len(markers) == len(scores)
    # Same-day reviews keep their order (the sort is stable), so markers match scores one to one.
    ys = [float(m.get("cy", "")) for m in markers]
    for score_a, y_a in zip(scores, ys, strict=True):
        for score_b, y_b in zip(scores, ys, strict=True):
            if score_a > score_b:
                assert y_a < y_b  # SVG's y grows downwards
