"""Reads from a PostgreSQL streaming replica, writes to the primary, and a user's own change
always shown to them (read-your-writes). Inert unless DATABASE_REPLICA_URL configures the
`replica` alias: without it the router answers nothing and the middleware does nothing.

The rule, in full (docs/adr/0015-read-replica-and-read-your-writes.md):
- every write goes to the primary; migrations run only there;
- reads go to the replica only during a GET or HEAD request that is not pinned, outside any
  transaction on the primary, and before the request has itself written anything that a user
  would see; everything else (form posts, API writes, the task worker, management commands,
  the shell, the body of a streamed download) reads the primary;
- a request that changes something (any other method, or a GET that wrote more than its own
  audit row and the session) pins the user to the primary for a few seconds with a signed
  cookie, so the page they are sent to next shows their change even when the replica lags;
- who is signed in (sessions, users, second-factor devices, lock-outs, API tokens, calendar
  feeds) is always read from the primary: a lagging replica must never bring back a session that
  was signed out or a token that was revoked;
- a replica that does not answer is left alone: the primary serves every read of the process for
  REPLICA_RETRY_SECONDS, then the replica is tried again (a replica down must not take the site
  down with it; /readyz says "degraded").
"""

import logging
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

PRIMARY = "default"
REPLICA = "replica"
# After the replica fails to answer, this process reads from the primary alone for this long.
REPLICA_RETRY_SECONDS = 30.0
_replica_down_until = 0.0
PIN_COOKIE = "tandem_primary"
_PIN_SALT = "tandem.db_routing.pin"
_SAFE_METHODS = frozenset({"GET", "HEAD"})

# Who is signed in, and may be (sessions, users, second factors, lock-outs, API tokens, calendar
# feed addresses): read from the primary always, so a revoked one never comes back from a lag.
_SIGN_IN_APPS = frozenset({"sessions", "axes", "django_otp", "otp_totp", "otp_static"})
_SIGN_IN_MODELS = frozenset({"interop.apitoken", "interop.serviceaccount", "worklist.calendarfeed"})
# Written on a GET as a by-product of reading, never shown back to the reader at once: writing
# them does not pin (a view's own audit row would otherwise send every page to the primary; an
# API token and a calendar feed note when they were last used).
_BOOKKEEPING_APPS = frozenset({"audit", "sessions", "axes"})
_BOOKKEEPING_MODELS = frozenset({"interop.apitoken", "worklist.calendarfeed"})


def _signs_in(model: type[Model]) -> bool:
    meta = model._meta
    return (
        meta.app_label in _SIGN_IN_APPS
        or meta.label_lower in _SIGN_IN_MODELS
        or meta.label == settings.AUTH_USER_MODEL
    )


def _bookkeeping(model: type[Model]) -> bool:
    meta = model._meta
    return meta.app_label in _BOOKKEEPING_APPS or meta.label_lower in _BOOKKEEPING_MODELS


@dataclass
class _RequestReads:
    replica_allowed: bool
    wrote: bool = False
    replica_answers: bool | None = None  # asked at the request's first read from the replica


_request_reads: ContextVar[_RequestReads | None] = ContextVar("tandem_request_reads", default=None)


def replica_configured() -> bool:
    return REPLICA in connections.settings


def replica_answers() -> bool:
    """Whether the replica can be read: connected, or connects now. After it fails, False for
    REPLICA_RETRY_SECONDS without trying (a connection that times out is slow to fail)."""
    global _replica_down_until
    if time.monotonic() < _replica_down_until:
        return False
    try:
        connections[REPLICA].ensure_connection()
    except DatabaseError:
        logger.warning(
            "The database replica is not answering: reads go to the primary for %.0f s",
            REPLICA_RETRY_SECONDS,
        )
        _replica_down_until = time.monotonic() + REPLICA_RETRY_SECONDS
        return False
    return True


def _replica_serves(model: type[Model]) -> bool:
    state = _request_reads.get()
    if state is None or not state.replica_allowed or state.wrote:
        return False
    if _signs_in(model):
        return False
    # A read inside a transaction on the primary is the first half of a write (check, then
    # change): it must see the rows the write will change.
    if connections[PRIMARY].in_atomic_block:
        return False
    if state.replica_answers is None:
        state.replica_answers = replica_answers()
    return state.replica_answers


class PrimaryReplicaRouter:
    """Django's router: which database each query uses (see the module's rule)."""

    def db_for_read(self, model: type[Model], **hints) -> str | None:
        if not replica_configured():
            return None
        return REPLICA if _replica_serves(model) else PRIMARY

    def db_for_write(self, model: type[Model], **hints) -> str | None:
        if not replica_configured():
            return None
        state = _request_reads.get()
        if state is not None and not _bookkeeping(model):
            state.wrote = True
        return PRIMARY

    def allow_relation(self, obj1: Model, obj2: Model, **hints) -> bool | None:
        # The same rows on both: a person read from the replica may be given to a plan saved
        # on the primary.
        if {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA}:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool | None:
        return False if db == REPLICA else None


def pinned(request: HttpRequest) -> bool:
    """Whether this user changed something in the last READ_YOUR_WRITES_SECONDS (the cookie's
    signature carries the time it was set)."""
    return (
        request.get_signed_cookie(
            PIN_COOKIE, default=None, salt=_PIN_SALT, max_age=settings.READ_YOUR_WRITES_SECONDS
        )
        is not None
    )


class ReadReplicaMiddleware:
    """Says for each request whether its reads may use the replica, and pins a user who
    changed something to the primary for the next few seconds."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_configured():
            return self.get_response(request)
        safe = request.method in _SAFE_METHODS
        state = _RequestReads(replica_allowed=safe and not pinned(request))
        token = _request_reads.set(state)
        try:
            response = self.get_response(request)
        finally:
            _request_reads.reset(token)
        if not safe or state.wrote:
            response.set_signed_cookie(
                PIN_COOKIE,
                "1",
                salt=_PIN_SALT,
                max_age=settings.READ_YOUR_WRITES_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
