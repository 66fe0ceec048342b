"""Benchmark harness: time Tandem's main pages in-process as data grows.

    python -m bench.run --people 1000 10000      (SQLite; set DATABASE_URL for PostgreSQL)

For each size it generates the data into a fresh throwaway database, then requests each page
many times through Django's test client as a signed-in worker and reports the median and 95th
percentile time and the number of queries. A trivial page (the sign-in form) is measured in the
same run as the floor, so figures from different machines can be compared.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent


def _setup_django(database_file: Path | None) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-key")
    os.environ.setdefault(
        "STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    os.environ["ALLOWED_HOSTS"] = "testserver"
    if database_file is not None:
        os.environ["DATABASE_URL"] = f"sqlite:///{database_file}"
    import django

    django.setup()


def _time(client, url: str, repeat: int) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm up
    timings = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    return statistics.median(timings), p95, len(queries)


def _manager(team):
    """The team's manager, for the dashboard (the worklist is timed as the team's worker)."""
    from tandem.accounts.models import Role, User

    manager = User.objects.create(
        username=f"bench-manager-{team.pk}", organisation=team.organisation, role=Role.TEAM_MANAGER
    )
    manager.teams.add(team)
    return manager


def bench(people: int, repeat: int) -> list[tuple]:
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from bench.generate import generate
    from tandem.worklist.calendar.services import calendar_link_issue

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    made = generate(people=people)
    generated_in = time.perf_counter() - started
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Fresh planner statistics after a bulk load, as autovacuum would gather.
            cursor.execute("ANALYZE")
    worker = made["worker"]
    person = worker.caseload.order_by("pk").first()
    plan = person.plans.get()

    from tandem.reviews.models import Review
    from tandem.testing import sign_in

    draft = Review.objects.create(
        organisation=plan.organisation, person=person, plan=plan, created_by=worker
    )
    anonymous = Client()
    client = sign_in(Client(), worker)
    manager = _manager(made["team"])
    managing = sign_in(Client(), manager)
    feed = urlsplit(calendar_link_issue(user=worker, revision=0).url).path
    pages = [
        ("Sign-in page (floor)", anonymous, reverse("login")),
        ("People list, page 1", client, reverse("people:list")),
        ("People list, search", client, reverse("people:list") + "?q=Example1"),
        (
            "People list, last page",
            client,
            reverse("people:list") + f"?page={max(1, (people + 24) // 25)}",
        ),
        ("Person page", client, reverse("people:detail", args=[person.pk])),
        ("Person's budget", client, reverse("budgets:person", args=[person.pk])),
        ("Plan page (task list)", client, reverse("plans:detail", args=[plan.pk])),
        ("Plan document", client, reverse("documents:plan", args=[plan.pk])),
        ("Carrying out the plan", client, reverse("reviews:carrying_out", args=[plan.pk])),
        ("Review record (3 earlier reviews)", client, reverse("reviews:review", args=[draft.pk])),
        ("Progress over time", client, reverse("reviews:history", args=[person.pk])),
        ("Worklist (whole team's items)", client, reverse("worklist:list")),
        ("Team dashboard", managing, reverse("worklist:dashboard")),
        ("Dashboard: overdue per worker", managing, reverse("worklist:figure", args=["overdue"])),
        ("Calendar feed", anonymous, feed),
    ]
    rows = [(name, *_time(c, url, repeat)) for name, c, url in pages]
    return [("(generated in)", generated_in * 1000, 0, 0), *rows]


def out(*parts: str) -> None:
    sys.stdout.write(" ".join(parts) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, nargs="+", default=[1000])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()

    on_postgres = bool(os.environ.get("DATABASE_URL"))
    for people in args.people:
        database_file = None if on_postgres else ROOT / ".tmp" / f"bench-{people}.sqlite3"
        if database_file is not None:
            database_file.parent.mkdir(exist_ok=True)
            database_file.unlink(missing_ok=True)
        _setup_django(database_file)
        from django.db import connection

        rows = bench(people, args.repeat)
        out(
            f"\n{people:,} people with a 5-outcome plan each, in teams of 500,"
            f" on {connection.vendor}"
        )
        out("| page | median ms | p95 ms | queries |")
        out("| --- | ---: | ---: | ---: |")
        for name, median, p95, queries in rows:
            if name == "(generated in)":
                out(f"| data generated in | {median / 1000:.1f} s | | |")
            else:
                out(f"| {name} | {median:.1f} | {p95:.1f} | {queries} |")
        if database_file is not None:
            connection.close()
            database_file.unlink(missing_ok=True)
        # Django is set up once per process: one size per run when sizes differ.
        if len(args.people) > 1:
            os.execv(
                sys.executable,
                [
                    sys.executable,
                    "-m",
                    "bench.run",
                    "--people",
                    *map(str, args.people[1:]),
                    "--repeat",
                    str(args.repeat),
                ],
            )


if __name__ == "__main__":
    main()
