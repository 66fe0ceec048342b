"""`make bench` end to end at a tiny size, so a change that breaks the benchmark fails the suite:
50 people generated into the test database, served by gunicorn, every page requested by two
signed-in clients (and the API and FHIR with a service account's token), the report written."""

import datetime

import pytest

from bench.harness import Settings, benchmark, new_report_path, pages, report
from tests import processes


@pytest.mark.django_db(transaction=True)
def test_it_measures_every_page_without_an_error(tmp_path):
    run = benchmark(
        Settings(people=50, clients=2, requests=2, seconds=10, pdfs=1),
        processes.environment(ALLOWED_HOSTS="127.0.0.1"),
        tmp_path / "gunicorn.log",
        quiet=True,
    )

    measured = [run.floor, *run.results]
    assert [m.name for m in run.results] == [page.name for page in pages()]
    assert {m.name: m.errors for m in measured} == {m.name: [] for m in measured}
    assert all(len(m.timings) == 4 for m in measured)
    text = report(run)
    for m in measured:
        assert f"| {m.name} | 4 | 0 |" in text
    assert "Reminder sweep over all 50 people" in text
    assert run.pdf_ms and all(ms == ms for ms in run.pdf_ms)  # a PDF came back (not NaN)
    assert run.rss_mb

    # Measured again without generating (--generated): the same people, counted from the database.
    again = benchmark(
        Settings(people=0, clients=2, requests=1, seconds=10, pdfs=1, sweep=False, generated=True),
        processes.environment(ALLOWED_HOSTS="127.0.0.1"),
        tmp_path / "gunicorn-again.log",
        quiet=True,
    )
    assert again.people == 50
    assert {m.name: m.errors for m in again.results} == {m.name: [] for m in again.results}
    assert "Data: 50 people, generated before this run (--generated)." in report(again)


def test_a_second_report_of_the_day_does_not_overwrite_the_first(tmp_path):
    day = datetime.date(2026, 12, 2)
    first = new_report_path(tmp_path, day, 10_000)
    assert first.name == "2026-12-02-10000.md"
    first.write_text("kept")
    second = new_report_path(tmp_path, day, 10_000)
    assert second.name == "2026-12-02-10000-2.md"
    second.write_text("also kept")
    assert new_report_path(tmp_path, day, 10_000).name == "2026-12-02-10000-3.md"
    assert new_report_path(tmp_path, day, 100_000).name == "2026-12-02-100000.md"
    assert first.read_text() == "kept"
