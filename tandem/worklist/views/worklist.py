"""The worker's worklist: everything due or overdue across their caseload, most urgent first
(tandem.worklist.due), filtered by kind and by person. Staff only: people, carers, providers and
administrators have no caseload and are refused as on other staff pages."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.http import require_safe

from tandem.worklist import services
from tandem.worklist.due import Audience, Entry, escalates, registry, worklist_for
from tandem.worklist.forms import WorklistFilterForm

PER_PAGE = 25


def _people_of(entries: list[Entry]) -> list:
    """The people who have something on this worklist, by name: the person filter's choices."""
    people = {entry.person.pk: entry.person for entry in entries}
    return sorted(people.values(), key=lambda p: (p.family_name, p.given_name, p.pk))


def _row(entry: Entry, user, today) -> dict:
    item, person = entry.item, entry.person
    return {
        "entry": entry,
        "days_overdue": item.days_overdue(today),
        "due_today": item.due_on == today,
        # The allocated worker is told when their team's managers now see it too.
        "escalated_to_manager": item.audience == Audience.WORKER
        and item.for_user_id is None
        and person.allocated_worker_id == user.pk
        and escalates(item, person, today),
    }


@require_safe
def worklist(request):
    if not request.user.is_worker:
        raise PermissionDenied
    today = timezone.localdate()
    everything = worklist_for(request.user, today)
    # Nothing to filter, nothing to refuse: the empty worklist shows no form.
    asked = everything and ("kind" in request.GET or "person" in request.GET)
    form = WorklistFilterForm(
        request.GET if asked else None,
        kinds=registry.ordered(),
        people=_people_of(everything),
    )
    kind, person_id = form.filters()
    entries = [
        e
        for e in everything
        if (not kind or e.item.kind == kind) and (person_id is None or e.person.pk == person_id)
    ]
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    services.worklist_record_view(actor=request.user, kind=kind, person_id=person_id, page=page)
    return render(
        request,
        "worklist/worklist.html",
        {
            "form": form,
            "page": page,
            "rows": [_row(entry, request.user, today) for entry in page],
            "filtered": bool(kind or person_id),
            "total": len(everything),
        },
    )


urlpatterns: list[URLPattern] = [path("", worklist, name="list")]
