"""Requests a second through gunicorn on PostgreSQL, with and without a connection pool
(docs/scaling.md). Needs `wrk` (Debian package) and a PostgreSQL server to make a database on:

    DATABASE_URL=postgres://app:app@127.0.0.1:55432/app .venv/bin/python scripts/measure_pool.py

It makes (and at the end drops) the database `tandem_pool_measure` on that server, loads the
demo, signs demo-worker in, then for each way of connecting serves Tandem with gunicorn as
production does (2 processes × 4 threads) and drives two pages with wrk: /readyz (one query, no
session: the cost of getting a connection, nearly alone) and the people list, signed in.
"""

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "tandem_pool_measure"
WAYS = {
    "new connection per request (CONN_MAX_AGE=0, the default)": {"CONN_MAX_AGE": "0"},
    "persistent connection per thread (CONN_MAX_AGE=60)": {"CONN_MAX_AGE": "60"},
    "Django's pool (DATABASE_POOL=1, 4 per process)": {"DATABASE_POOL": "1"},
}
PGBOUNCER = "PgBouncer, transaction pooling, 8 server connections (CONN_MAX_AGE=60 to it)"


def main() -> None:
    server_url = os.environ["DATABASE_URL"]
    parts = urlsplit(server_url)
    url = urlunsplit(parts._replace(path=f"/{DATABASE}"))
    _psql(server_url, f"DROP DATABASE IF EXISTS {DATABASE}")
    _psql(server_url, f"CREATE DATABASE {DATABASE}")
    try:
        os.environ.update(
            DATABASE_URL=url,
            SECRET_KEY=os.environ.get("SECRET_KEY", "measure-only-key"),
            STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
            DJANGO_SETTINGS_MODULE="tandem.settings",
        )
        cookie = _signed_in_cookie()
        from tests import processes

        print("| way of connecting | page | requests/s | median | p99 |")
        print("| --- | --- | ---: | ---: | ---: |")
        ways = dict(WAYS)
        bouncer = contextlib.ExitStack()
        if shutil.which("pgbouncer"):
            bouncer_url = bouncer.enter_context(_pgbouncer(parts, processes.free_port()))
            ways[PGBOUNCER] = {
                "DATABASE_URL": bouncer_url,
                "CONN_MAX_AGE": "60",
                "DATABASE_TRANSACTION_POOLING": "1",
            }
        with bouncer:
            for way, extra in ways.items():
                _measure(way, {**os.environ, **extra}, cookie)
    finally:
        _psql(server_url, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def _measure(way: str, env: dict[str, str], cookie: str) -> None:
    from tests import processes

    with processes.web_server(env) as (host, port):
        for page, headers in (("/readyz", []), ("/people/", ["-H", f"Cookie: {cookie}"])):
            rate, median, p99 = _wrk(f"http://{host}:{port}{page}", headers)
            print(f"| {way} | {page} | {rate:.0f} | {median} | {p99} |", flush=True)


@contextlib.contextmanager
def _pgbouncer(server, port: int) -> Iterator[str]:
    """PgBouncer in front of the server, pooling by transaction (it refuses to run as root)."""
    folder = Path(tempfile.mkdtemp(prefix="tandem-pgbouncer-"))
    (folder / "users.txt").write_text(f'"{server.username}" "{server.password}"\n')
    (folder / "pgbouncer.ini").write_text(
        f"""[databases]
{DATABASE} = host={server.hostname} port={server.port} dbname={DATABASE}
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {port}
unix_socket_dir =
auth_type = trust
auth_file = {folder}/users.txt
pool_mode = transaction
default_pool_size = 8
max_client_conn = 200
logfile = {folder}/pgbouncer.log
"""
    )
    command = ["pgbouncer", str(folder / "pgbouncer.ini")]
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        command = ["runuser", "-u", "postgres", "--", *command]
    bouncer = subprocess.Popen(command)
    try:
        yield f"postgres://{server.username}:{server.password}@127.0.0.1:{port}/{DATABASE}"
    finally:
        bouncer.terminate()
        bouncer.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def _psql(url: str, statement: str) -> None:
    subprocess.run(["psql", "-q", url, "-c", statement], check=True)


def _signed_in_cookie() -> str:
    """Migrate, load the demo, and sign demo-worker in as a test would (second factor given)."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from tandem import testing
    from tandem.accounts.models import User

    call_command("migrate", verbosity=0)
    call_command("load_demo", "--demo-site", stdout=io.StringIO())
    client = testing.sign_in(Client(), User.objects.get(username="demo-worker"))
    return f"sessionid={client.cookies['sessionid'].value}"


def _wrk(url: str, headers: list[str]) -> tuple[float, str, str]:
    subprocess.run(["wrk", "-t2", "-c8", "-d3s", *headers, url], check=True, capture_output=True)
    done = subprocess.run(
        ["wrk", "-t2", "-c8", "-d15s", "--latency", *headers, url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    if "Non-2xx" in done:
        raise SystemExit(f"{url} answered with errors:\n{done}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", done).group(1))  # type: ignore[union-attr]
    median = re.search(r"50%\s+(\S+)", done).group(1)  # type: ignore[union-attr]
    p99 = re.search(r"99%\s+(\S+)", done).group(1)  # type: ignore[union-attr]
    return rate, median, p99


if __name__ == "__main__":
    main()
