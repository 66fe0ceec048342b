"""Health checks for whatever runs Tandem: a load balancer, an orchestrator, the benchmark.

`/healthz` says the process is up and answering, and does nothing else (no session, no
database), so it is also the floor the benchmark harness measures every page against.
`/readyz` says the process can do its work: the database answers a query (a read replica that
does not answer makes it "degraded", not unready: the primary then serves the reads, see
tandem/db_routing.py). Neither needs a signed-in user, and neither says anything about the data.
"""

import logging

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connections
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from tandem.db_routing import PRIMARY

logger = logging.getLogger(__name__)


def _plain(text: str, status: int = 200) -> HttpResponse:
    return HttpResponse(text + "\n", content_type="text/plain; charset=utf-8", status=status)


@login_not_required
@never_cache
@require_safe
def healthz(request):
    return _plain("ok")


@login_not_required
@never_cache
@require_safe
def readyz(request):
    """503 while the primary database does not answer, so traffic goes to a process that can
    serve it; 200 "degraded" while only the read replica does not (every process would be taken
    out of the balancer for something the primary covers)."""
    not_answering = []
    for alias in connections:
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
        except DatabaseError:
            logger.exception("Database %s is not answering", alias)
            not_answering.append(alias)
    if PRIMARY in not_answering:
        return _plain(f"database {PRIMARY} is not answering", status=503)
    if not_answering:
        names = ", ".join(not_answering)
        return _plain(f"ready, degraded: database {names} is not answering; the primary serves")
    return _plain("ready")
