"""The HTTP benchmark: Tandem served by gunicorn, driven by concurrent signed-in clients.

    python -m bench.harness --people 10000 --database-url postgres://…/empty_db
    make bench                      (10,000 people on a throwaway PostgreSQL: scripts/bench.sh)
    make bench PEOPLE=100000
    python -m bench.harness --generated --no-sweep --database-url postgres://…/generated_db

It migrates the (empty) database, generates the people (bench/generate.py), signs in workers and
team managers of the generated teams (sessions made as a completed sign-in makes them, second factor
included: tandem.testing.sign_in) and an API service account's token, then serves Tandem with
gunicorn (2 workers × 4 threads, DEBUG off, database connections pooled) and, page by page, has
`--clients` concurrent clients (threads with keep-alive connections) request the pages workers use
most, each client as its own user, over its own people. `/healthz` on the same server with the same
clients, asked without a session (as a load balancer asks), is the floor: each page's median is
reported as a multiple of the floor's; `/healthz` asked again with each client's session shows what
the session costs every page. Any response but 200 is an error, counted and shown. Then: the
gunicorn workers' memory, a plan PDF's time (sequential), and the day's reminder sweep over all the
people (after recording yesterday's as sent: see `reminder_sweep`). The report (Markdown) is printed
and written to bench/results/.
"""

import argparse
import datetime
import http.client
import os
import platform
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.generate import ROOT, setup_django

RESULTS = ROOT / "bench" / "results"
GUNICORN = Path(sys.executable).parent / "gunicorn"

# The targets (issue 11): pages whose p95 must be under 150 ms, search under 100 ms,
# each within 4× the floor's median.
P95_PAGES = ("Worklist", "Person page", "Plan page", "Review page")
SEARCH_PAGES = ("People search by name", "People search by identifier")
FLOOR_RATIO = 4.0


@dataclass
class Subject:
    """One signed-in user and the records they are asked for."""

    cookie: str
    people: list[int]
    plans: list[int]
    reviews: list[int]
    names: list[str]
    identifiers: list[str]


@dataclass
class Page:
    name: str
    # The n-th path a client asks for, given its subject.
    path: Callable[[Subject, int], str]
    as_manager: bool = False
    api: bool = False
    # Asked with no session cookie and no token: the floor, as a load balancer polls it.
    anonymous: bool = False


@dataclass
class Measured:
    name: str
    timings: list[float] = field(default_factory=list)  # milliseconds, of 200 responses
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def percentile(self, p: float) -> float:
        if not self.timings:
            return float("nan")
        ordered = sorted(self.timings)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

    @property
    def requests(self) -> int:
        return len(self.timings) + len(self.errors)

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def pages() -> list[Page]:
    from django.urls import reverse

    def each(items: Callable[[Subject], list], n: int, s: Subject):
        values = items(s)
        return values[n % len(values)]

    return [
        # The floor again, signed in: what reading the session and the user costs every page.
        Page("/healthz signed in", lambda s, n: "/healthz"),
        Page("Worklist", lambda s, n: reverse("worklist:list")),
        Page(
            "People search by name",
            lambda s, n: reverse("people:list") + "?q=" + each(lambda s: s.names, n, s),
        ),
        Page(
            "People search by identifier",
            lambda s, n: reverse("people:list") + "?q=" + each(lambda s: s.identifiers, n, s),
        ),
        Page("Person page", lambda s, n: reverse("people:detail", args=[each(_people, n, s)])),
        Page("Plan page", lambda s, n: reverse("plans:detail", args=[each(_plans, n, s)])),
        Page("Plan document", lambda s, n: reverse("documents:plan", args=[each(_plans, n, s)])),
        Page("Review page", lambda s, n: reverse("reviews:review", args=[each(_reviews, n, s)])),
        Page("Progress page", lambda s, n: reverse("reviews:history", args=[each(_people, n, s)])),
        Page("Team dashboard", lambda s, n: reverse("worklist:dashboard"), as_manager=True),
        Page("API: people list", lambda s, n: "/api/v1/people/", api=True),
        Page("API: worklist", lambda s, n: "/api/v1/worklist/", api=True),
        Page(
            "FHIR Patient $everything",
            lambda s, n: f"/fhir/r4/Patient/{each(_people, n, s)}/$everything",
            api=True,
        ),
    ]


def _people(s: Subject) -> list[int]:
    return s.people


def _plans(s: Subject) -> list[int]:
    return s.plans


def _reviews(s: Subject) -> list[int]:
    return s.reviews


def subjects(clients: int) -> tuple[list[Subject], list[Subject], Subject, str]:
    """Workers (one per client, from different teams where there are enough) with their own
    caseloads; their teams' managers; a service account of the first worker's team, with its
    people, and its API token. Sessions are made as a completed sign-in makes them."""
    from django.conf import settings
    from django.db.models import Count, Max
    from django.test import Client

    from tandem.accounts.models import Role, Team, User
    from tandem.interop.services import api_token_create, service_account_create
    from tandem.people.models import Person
    from tandem.plans.models import Plan
    from tandem.reviews.models import Review
    from tandem.testing import sign_in

    workers = list(
        User.objects.filter(role=Role.SOCIAL_WORKER, username__startswith="bench-")
        .annotate(caseload_size=Count("caseload"))
        .filter(caseload_size__gte=1)
        .order_by("teams__id", "pk")
        .distinct()
    )
    # Spread clients over teams: the first worker of each team, then the second…
    by_team: dict[int, list[User]] = {}
    for worker in workers:
        team = worker.teams.values_list("pk", flat=True).first()
        by_team.setdefault(team, []).append(worker)
    chosen: list[User] = []
    for rank in range(max(len(w) for w in by_team.values())):
        for team_workers in by_team.values():
            if rank < len(team_workers) and len(chosen) < clients:
                chosen.append(team_workers[rank])
    cookie_name = settings.SESSION_COOKIE_NAME

    def session(user: User) -> str:
        client = sign_in(Client(), user)
        return f"{cookie_name}={client.cookies[cookie_name].value}"

    result = []
    for worker in chosen:
        people = list(
            Person.objects.filter(allocated_worker=worker)
            .order_by("pk")
            .values_list("pk", "family_name", "local_identifier")[:20]
        )
        ids = [p for p, _, _ in people]
        plans = list(
            Plan.objects.filter(person__in=ids, status=Plan.Status.AGREED).values_list(
                "pk", flat=True
            )
        )
        latest = (
            Review.objects.filter(person__in=ids, status=Review.Status.FINAL)
            .values("person")
            .annotate(last=Max("pk"))
        )
        result.append(
            Subject(
                cookie=session(worker),
                people=ids,
                plans=plans,
                reviews=[row["last"] for row in latest] or [0],
                names=[name for _, name, _ in people],
                identifiers=[lid for _, _, lid in people],
            )
        )
    teams = Team.objects.filter(members__in=chosen).distinct()
    managers = User.objects.filter(role=Role.TEAM_MANAGER, teams__in=teams).distinct()
    manager_subjects = [
        Subject(cookie=session(m), people=[], plans=[], reviews=[], names=[], identifiers=[])
        for m in managers
    ]
    organisation = chosen[0].organisation
    admin = User.objects.get(organisation=organisation, role=Role.ADMINISTRATOR)
    # One team's system (its worklist is a team's, like a worker's): an account of every team
    # reads the whole council's worklist on each request (see docs/performance.md).
    account = service_account_create(
        organisation=organisation,
        actor=admin,
        name="Benchmark system",
        role=Role.SOCIAL_WORKER,
        teams=list(chosen[0].teams.all()),
    )
    token = api_token_create(account=account, actor=admin, name="Benchmark").key
    team_people = Person.objects.filter(team__in=account.user.teams.all()).order_by("pk")
    system = Subject(
        cookie="",
        people=list(team_people.values_list("pk", flat=True)[:100]),
        plans=[],
        reviews=[],
        names=[],
        identifiers=[],
    )
    return result, manager_subjects, system, token


class Server:
    """gunicorn serving Tandem on a free port, with DEBUG off, until stopped."""

    def __init__(self, *, workers: int, threads: int, env: dict[str, str], log: Path) -> None:
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.log = log.open("w")
        self.process = subprocess.Popen(
            [
                str(GUNICORN),
                "tandem.wsgi:application",
                f"--bind=127.0.0.1:{self.port}",
                f"--workers={workers}",
                f"--threads={threads}",
                "--worker-class=gthread",
                "--no-control-socket",
                "--keep-alive=30",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                pass
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {log}")
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer /healthz within a minute; see {log}")

    def worker_rss_mb(self) -> list[float]:
        """Resident memory of each gunicorn worker (the master's children), from /proc."""
        pid = self.process.pid
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            return []
        sizes = []
        for child in children:
            for line in Path(f"/proc/{child}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sizes

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def _headers(page: Page, subject: Subject, token: str) -> dict[str, str]:
    """Who asks: no one (the floor), the service account (the API), or the client's worker."""
    headers = {"Host": "127.0.0.1"}
    if page.anonymous:
        return headers
    if page.api:
        return headers | {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    return headers | {"Cookie": subject.cookie}


def drive(
    port: int,
    page: Page,
    subjects: list[Subject],
    token: str,
    clients: int,
    each: int,
    seconds: float,
) -> Measured:
    """`clients` threads, each with a keep-alive connection, request the page `each` times
    (after one request not counted, which opens the connection), or until `seconds` have
    passed, so a slow page does not hold the whole run up."""
    measured = Measured(page.name)
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)

    def client(k: int) -> None:
        subject = subjects[k % len(subjects)]
        headers = _headers(page, subject, token)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        timings, errors = [], []

        def get(n: int) -> tuple[int, float]:
            path = page.path(subject, n)
            began = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()  # reopened by the next request
                return -1, 0.0
            return status, (time.perf_counter() - began) * 1000

        get(k)  # warm up: open the connection
        start.wait()
        deadline = time.perf_counter() + seconds
        for n in range(each):
            if time.perf_counter() > deadline:
                break
            status, ms = get(k * each + n)
            if status == 200:
                timings.append(ms)
            else:
                errors.append(f"{status} {page.path(subject, k * each + n)}")
        with lock:
            measured.timings.extend(timings)
            measured.errors.extend(errors)
        conn.close()

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    measured.seconds = time.perf_counter() - began
    return measured


def pdf_times(port: int, subject: Subject, times: int) -> list[float]:
    from django.urls import reverse

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    result = []
    for n in range(times):
        path = reverse("documents:plan_pdf", args=[subject.plans[n % len(subject.plans)]])
        began = time.perf_counter()
        conn.request("GET", path, headers={"Cookie": subject.cookie, "Host": "127.0.0.1"})
        response = conn.getresponse()
        response.read()
        ms = (time.perf_counter() - began) * 1000
        result.append(ms if response.status == 200 else float("nan"))
    conn.close()
    return result


def yesterdays_reminders(today: datetime.date) -> int:
    """Record as sent every reminder due up to yesterday, as yesterday's sweep would have (as
    Notification rows, without the e-mails): today's sweep then finds what a day brings, as
    every day but the first. Returns how many."""
    from tandem.accounts.models import Organisation
    from tandem.reminders import sweep
    from tandem.reminders.models import Notification

    yesterday = today - datetime.timedelta(days=1)
    made = 0
    for organisation in Organisation.objects.order_by("pk"):
        for people in sweep.chunks(organisation):
            rows = [sweep.as_sent(r) for r in sweep.plan(people, yesterday)]
            Notification.objects.bulk_create(rows, ignore_conflicts=True)
            made += len(rows)
    return made


def reminder_sweep() -> tuple[float, int, float, int]:
    """Today's reminder sweep over everyone, timed, after yesterday's (untimed); e-mails go to an
    in-memory outbox. Returns the sweep's seconds and reminders, then yesterday's."""
    from django.core import mail
    from django.test.utils import override_settings

    from tandem.reminders.sweep import run

    today = datetime.date.today()
    began = time.perf_counter()
    before = yesterdays_reminders(today)
    setup = time.perf_counter() - began
    locmem = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    with override_settings(MAILERS=locmem):
        mail.outbox = []
        began = time.perf_counter()
        result = run(today=today)
        seconds = time.perf_counter() - began
    return seconds, result.notifications, setup, before


def machine() -> dict[str, str]:
    from django.db import connection

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
        else:
            database = f"{connection.vendor} {connection.Database.sqlite_version}"
    load = os.getloadavg()
    return {
        "cores": str(os.cpu_count()),
        "cpu": cpu,
        "database": database,
        "python": platform.python_version(),
        "load": f"{load[0]:.1f} {load[1]:.1f} {load[2]:.1f}",
    }


@dataclass
class Run:
    people: int
    clients: int
    generated_seconds: float
    rows: int
    floor: Measured
    results: list[Measured]
    rss_mb: list[float]
    pdf_ms: list[float]
    sweep_seconds: float
    reminders: int
    machine: dict[str, str]
    yesterday_seconds: float = float("nan")
    yesterday_reminders: int = 0
    total_seconds: float = 0.0
    migrate_seconds: float = 0.0


def report(run: Run) -> str:
    floor_p50 = run.floor.percentile(50)
    lines = [
        f"# HTTP benchmark: {run.people:,} people, {run.clients} concurrent clients",
        "",
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC. Machine: {run.machine['cores']}"
        f" cores ({run.machine['cpu']}), {run.machine['database']}, Python"
        f" {run.machine['python']}; load average at the end {run.machine['load']}."
        " gunicorn, 2 workers × 4 threads (gthread), DEBUG off, DATABASE_POOL=1; clients are"
        " threads in the harness process on the same machine.",
        "",
        (
            f"Data: {run.people:,} people, {run.rows:,} rows, generated in"
            f" {run.generated_seconds:.1f} s (migrations {run.migrate_seconds:.1f} s before)."
            if run.rows
            else f"Data: {run.people:,} people, generated before this run (--generated)."
        ),
        "",
        "| page | requests | errors | p50 ms | p95 ms | p99 ms | req/s | p50 × floor |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for m in [run.floor, *run.results]:
        ratio = m.percentile(50) / floor_p50 if floor_p50 else float("nan")
        lines.append(
            f"| {m.name} | {m.requests} | {len(m.errors)} | {m.percentile(50):.1f} |"
            f" {m.percentile(95):.1f} | {m.percentile(99):.1f} | {m.throughput:.0f} |"
            f" {ratio:.1f} |"
        )
    errors = [e for m in run.results + [run.floor] for e in m.errors]
    if errors:
        lines += ["", f"Errors (first 10 of {len(errors)}):", ""]
        lines += [f"- `{e}`" for e in errors[:10]]
    pdf = [t for t in run.pdf_ms if t == t]
    pdf_median = statistics.median(pdf) if pdf else float("nan")
    rss = max(run.rss_mb) if run.rss_mb else float("nan")
    swept = run.sweep_seconds == run.sweep_seconds  # not NaN
    lines += [
        "",
        "- Web worker memory after the run (RSS): "
        + (", ".join(f"{r:.0f} MB" for r in run.rss_mb) or "not available"),
        f"- Plan PDF, {len(run.pdf_ms)} requests one after another: median {pdf_median:.0f} ms,"
        f" slowest {max(pdf, default=float('nan')):.0f} ms",
        (
            f"- Reminder sweep over all {run.people:,} people, as on any day but the first:"
            f" {run.sweep_seconds:.1f} s ({run.reminders:,} reminders sent, what came due"
            f" today; the {run.yesterday_reminders:,} due up to yesterday recorded as sent"
            f" beforehand, untimed in the figure, {run.yesterday_seconds:.1f} s)"
            if swept
            else "- Reminder sweep: not run (--no-sweep)"
        ),
        f"- The whole run took {run.total_seconds / 60:.1f} minutes.",
        "",
        "## Targets (issue 11)",
        "",
        "| target | measured | |",
        "| --- | --- | --- |",
    ]
    by_name = {m.name: m for m in run.results}

    def verdict(ok: bool) -> str:
        return "met" if ok else "**missed**"

    for name in P95_PAGES:
        m = by_name[name]
        lines.append(
            f"| {name}: p95 under 150 ms | {m.percentile(95):.0f} ms |"
            f" {verdict(m.percentile(95) < 150)} |"
        )
    for name in SEARCH_PAGES:
        m = by_name[name]
        lines.append(
            f"| {name}: p95 under 100 ms | {m.percentile(95):.0f} ms |"
            f" {verdict(m.percentile(95) < 100)} |"
        )
    for name in (*P95_PAGES, *SEARCH_PAGES):
        ratio = by_name[name].percentile(50) / floor_p50
        lines.append(
            f"| {name}: median within {FLOOR_RATIO:.0f}× the floor's | {ratio:.1f}× |"
            f" {verdict(ratio <= FLOOR_RATIO)} |"
        )
    # The sweep target is for 1,000,000 people: scaled linearly from this size.
    scaled = run.sweep_seconds * 1_000_000 / run.people
    lines += [
        (
            f"| Reminder sweep over 1M people under 2 minutes | {run.sweep_seconds:.1f} s here;"
            f" {scaled / 60:.1f} min at 1M if linear | {verdict(scaled < 120)} |"
            if swept
            else "| Reminder sweep over 1M people under 2 minutes | not run | – |"
        ),
        f"| One web worker's memory under 200 MB | {rss:.0f} MB | {verdict(rss < 200)} |",
        f"| A plan PDF under 1 s | {pdf_median:.0f} ms (median) | {verdict(pdf_median < 1000)} |",
        "| Latency at 1M within 1.5× of 10k | compare the reports of both sizes | – |",
        "",
    ]
    return "\n".join(lines)


@dataclass
class Settings:
    people: int = 10_000
    clients: int = 16
    requests: int = 25  # per client, per page
    seconds: float = 20  # at most, per page
    pdfs: int = 5
    sweep: bool = True
    seed: int = 1
    generated: bool = False  # the database already holds the people: measure only


def benchmark(settings: Settings, env: dict[str, str], log: Path, *, quiet: bool = False) -> Run:
    """Generate the people into the (migrated) database, serve it with gunicorn in `env`, and
    measure. Django must be set up on that database, with the server's SECRET_KEY."""
    from bench.generate import generate

    def say(text: str) -> None:
        if not quiet:
            sys.stderr.write(text)

    begun = time.perf_counter()
    if settings.generated:
        from tandem.people.models import Person

        made = None
        settings.people = Person.objects.count()
    else:
        say(f"Generating {settings.people:,} people\n")
        made = generate(people=settings.people, seed=settings.seed, quiet=quiet)
    workers, managers, system, token = subjects(settings.clients)
    # Connections kept in Django's pool, as docs/scaling.md advises in production (one per thread):
    # a new PostgreSQL connection for every request would be most of a cheap page's time.
    server = Server(workers=2, threads=4, env={"DATABASE_POOL": "1", **env}, log=log)
    try:

        def measure(page: Page, subjects: list[Subject]) -> Measured:
            say(f"  {page.name}: ")
            measured = drive(
                server.port,
                page,
                subjects,
                token,
                settings.clients,
                settings.requests,
                settings.seconds,
            )
            say(
                f"{measured.requests} requests, {len(measured.errors)} errors, median"
                f" {measured.percentile(50):.0f} ms, p95 {measured.percentile(95):.0f} ms\n"
            )
            return measured

        floor = measure(Page("Floor: /healthz", lambda s, n: "/healthz", anonymous=True), workers)
        results = [
            measure(page, managers if page.as_manager else [system] if page.api else workers)
            for page in pages()
        ]
        rss = server.worker_rss_mb()
        say("  Plan PDFs\n")
        pdf = pdf_times(server.port, workers[0], settings.pdfs)
    finally:
        server.stop()
    sweep_seconds, reminders, yesterday_seconds, yesterday = float("nan"), 0, float("nan"), 0
    if settings.sweep:
        say("Reminder sweep\n")
        sweep_seconds, reminders, yesterday_seconds, yesterday = reminder_sweep()
    return Run(
        people=settings.people,
        clients=settings.clients,
        generated_seconds=made.seconds if made else float("nan"),
        rows=made.rows if made else 0,
        floor=floor,
        results=results,
        rss_mb=rss,
        pdf_ms=pdf,
        sweep_seconds=sweep_seconds,
        reminders=reminders,
        yesterday_seconds=yesterday_seconds,
        yesterday_reminders=yesterday,
        machine=machine(),
        total_seconds=time.perf_counter() - begun,
    )


def new_report_path(results: Path, day: datetime.date, people: int) -> Path:
    """`<date>-<people>.md`, or `…-2.md`, `…-3.md` when that day's report of that size is there
    already: a second run never overwrites a report kept in the repository."""
    stem = f"{day:%Y-%m-%d}-{people}"
    path, n = results / f"{stem}.md", 1
    while path.exists():
        n += 1
        path = results / f"{stem}-{n}.md"
    return path


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=Settings.people)
    parser.add_argument("--clients", type=int, default=Settings.clients)
    parser.add_argument(
        "--requests", type=int, default=Settings.requests, help="per client, per page"
    )
    parser.add_argument(
        "--seconds",
        type=float,
        default=Settings.seconds,
        help="at most, per page (a slow page stops early)",
    )
    parser.add_argument("--pdfs", type=int, default=Settings.pdfs)
    parser.add_argument("--no-sweep", action="store_true", help="skip the reminder sweep")
    parser.add_argument("--seed", type=int, default=Settings.seed)
    parser.add_argument("--database-url", help="an empty database (default: $DATABASE_URL)")
    parser.add_argument(
        "--generated",
        action="store_true",
        help="the database already holds generated people (bench.generate): measure them again",
    )
    parser.add_argument("--output", type=Path, help="default: bench/results/<date>-<size>.md")
    args = parser.parse_args()

    os.environ["SECRET_KEY"] = os.environ.get("SECRET_KEY") or "bench-only-key"
    os.environ.pop("DEBUG", None)
    setup_django(args.database_url)
    from django.core.management import call_command

    sys.stderr.write(f"Migrating {os.environ.get('DATABASE_URL', 'the default database')}\n")
    began = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrate_seconds = time.perf_counter() - began
    log = ROOT / ".tmp" / "bench-gunicorn.log"
    log.parent.mkdir(exist_ok=True)
    settings = Settings(
        people=args.people,
        clients=args.clients,
        requests=args.requests,
        seconds=args.seconds,
        pdfs=args.pdfs,
        sweep=not args.no_sweep,
        seed=args.seed,
        generated=args.generated,
    )
    run = benchmark(settings, {**os.environ, "ALLOWED_HOSTS": "127.0.0.1"}, log)
    run.migrate_seconds = migrate_seconds
    run.total_seconds += migrate_seconds
    text = report(run)
    output = args.output or new_report_path(RESULTS, datetime.date.today(), settings.people)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text)
    sys.stdout.write(text + f"\nWritten to {output}\n")


if __name__ == "__main__":
    main()
