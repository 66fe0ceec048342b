"""Tandem's own processes (the task worker, a web server) run against the test database, for tests
that need more than one process: a worker killed mid-task, simultaneous form submissions.

The test must use ``django_db(transaction=True)`` so the processes see its committed rows. On SQLite
the test database is a file for this (see conftest.py); on PostgreSQL it is pytest-django's
``test_…`` database on the same server.
"""

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def database_url() -> str:
    """DATABASE_URL for the database this test is using."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        name = str(db["NAME"])
        assert Path(name).is_absolute(), "the SQLite test database must be a file (conftest.py)"
        return f"sqlite:///{name}"
    user, password = quote(db["USER"] or "", safe=""), quote(db["PASSWORD"] or "", safe="")
    return f"postgres://{user}:{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def environment(**extra: str) -> dict[str, str]:
    env = {**os.environ, **extra}
    env.pop("DEBUG", None)
    env.update(
        DATABASE_URL=database_url(),
        SECRET_KEY=settings.SECRET_KEY,  # sessions made by the test are valid in the process
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
    )
    return env


def manage(*args: str, env: dict[str, str], **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env, **kwargs
    )


def wait_for(condition: Callable[[], object], *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 20) -> int:
    if process.poll() is None:
        process.send_signal(sig)
    return process.wait(timeout=timeout)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def web_server(env: dict[str, str]) -> Iterator[tuple[str, int]]:
    """gunicorn as in production: two processes with four threads each, so simultaneous requests
    really do meet in the database (pytest-django's live_server is one process, and on SQLite it
    shares a single in-memory connection)."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "tandem.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            "--workers=2",
            "--worker-class=gthread",
            "--threads=4",
            "--no-control-socket",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for(lambda: _answers("127.0.0.1", port), timeout=90, what="gunicorn to start")
        yield "127.0.0.1", port
    finally:
        stop(server)


def _answers(host: str, port: int) -> bool:
    try:
        connection = http.client.HTTPConnection(host, port, timeout=5)
        connection.request("GET", "/sign-in/")
        return connection.getresponse().status == 200
    except OSError:
        return False
