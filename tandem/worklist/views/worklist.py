"""The worker's worklist: everything due or overdue across their caseload, most urgent first
(tandem.worklist.due), filtered by kind and by person, and the same list as a spreadsheet. Staff
only: people, carers, providers and administrators have no caseload and are refused as on other
staff pages."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from tandem.ui.spreadsheet import csv_response, filename
from tandem.worklist import csv_export, services
from tandem.worklist.due import Entry, escalated_to_manager, registry, worklist_for
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
        "escalated_to_manager": escalated_to_manager(item, person, user, today),
    }


@dataclass
class Chosen:
    """The user's worklist today, and what its filters select from it."""

    today: date
    everything: list[Entry]
    form: WorklistFilterForm
    kind: str
    person_id: int | None
    entries: list[Entry]


def _chosen(request: HttpRequest) -> Chosen:
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
    return Chosen(today, everything, form, kind, person_id, entries)


def _page(request: HttpRequest, chosen: Chosen, *, status: int = 200) -> HttpResponse:
    page = Paginator(chosen.entries, PER_PAGE).get_page(request.GET.get("page"))
    services.worklist_record_view(
        actor=request.user, kind=chosen.kind, person_id=chosen.person_id, page=page
    )
    # The download takes what the filters select, on every page: not the page number.
    # A filter refused is not kept either: the link always gives a file.
    download = {
        key: value for key, value in (("kind", chosen.kind), ("person", chosen.person_id)) if value
    }
    return render(
        request,
        "worklist/worklist.html",
        {
            "form": chosen.form,
            "page": page,
            "rows": [_row(entry, request.user, chosen.today) for entry in page],
            "filtered": bool(chosen.kind or chosen.person_id),
            "total": len(chosen.everything),
            "download_query": urlencode(download),
        },
        status=status,
    )


@require_safe
def worklist(request):
    return _page(request, _chosen(request))


@require_safe
def worklist_csv(request):
    """The worklist as a spreadsheet: every row its filters select. A filter refused on the
    page is refused here the same way: the page with its message (400), not a file."""
    chosen = _chosen(request)
    if chosen.form.errors:
        return _page(request, chosen, status=400)
    services.worklist_record_export(
        actor=request.user, kind=chosen.kind, person_id=chosen.person_id, entries=chosen.entries
    )
    header, rows = csv_export.worklist_table(
        chosen.entries, user=request.user, today=chosen.today, link=request.build_absolute_uri
    )
    return csv_response(name=filename("worklist", on=chosen.today), header=header, rows=rows)


urlpatterns: list[URLPattern] = [
    path("", worklist, name="list"),
    path("csv/", worklist_csv, name="list_csv"),
]
