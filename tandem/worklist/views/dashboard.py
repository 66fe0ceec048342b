"""The team manager's dashboard, the lists behind its figures, and the administrator's
escalation setting."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from tandem.accounts.models import Team, User
from tandem.errors import EditConflict
from tandem.reviews.schedule import ScheduleError, Timescales
from tandem.ui.spreadsheet import csv_response, filename
from tandem.ui.templatetags.govuk import govuk_date
from tandem.worklist import chart, csv_export, figures, selectors, services
from tandem.worklist.dashboard import SayDate, Scope
from tandem.worklist.forms import EscalationForm

PER_PAGE = 25


def _require_manager(user: User) -> None:
    # As the decisions queue: only a team manager in an organisation has a dashboard, and
    # reading it is audited per organisation.
    if not user.is_manager or user.organisation_id is None:
        raise PermissionDenied


def chosen_teams(teams: list[Team], wanted: str | None) -> tuple[list[Team], Team | None]:
    """The teams the figures cover: the one asked for if it is one of the manager's own,
    otherwise all of them (an unknown or mistyped team shows all of their own, never another)."""
    for team in teams:
        if wanted == str(team.pk):
            return [team], team
    return teams, None


def _scope(
    request: HttpRequest, *, say_date: SayDate = govuk_date
) -> tuple[Scope, list[Team], Team | None]:
    user = request.user
    own = selectors.manager_teams(user)
    teams, team = chosen_teams(own, request.GET.get("team"))
    try:
        timescales = Timescales.from_organisation(user.organisation)
    except ScheduleError:
        timescales = Timescales()
    scope = Scope(
        teams=teams,
        people=list(selectors.team_people(teams)) if teams else [],
        today=timezone.localdate(),
        timescales=timescales,
        say_date=say_date,
    )
    return scope, own, team


def _worklist_href() -> str:
    # The worklist page is built beside the dashboard; its address is /worklist/ either way.
    try:
        return reverse("worklist:list")
    except NoReverseMatch:
        return "/worklist/"


def _row_href(kind: figures.FigureKind, key: str, team: Team | None) -> str:
    query = {kind.param: key, **({"team": team.pk} if team else {})}
    return f"{reverse('worklist:figure', args=[kind.slug])}?{urlencode(query)}"


@require_safe
def dashboard(request):
    _require_manager(request.user)
    scope, own, team = _scope(request)
    cards = []
    for n, figure in enumerate(figures.figures_for(scope) if scope.teams else []):
        # bars_svg escapes everything it is given, so its markup is safe to show as it is.
        svg = chart.bars_svg(figure.rows, title=str(figure.kind.title), chart_id=f"figure-{n}")
        cards.append(
            {
                "figure": figure,
                "chart": mark_safe(svg),  # noqa: S308
                "rows": [(row, _row_href(figure.kind, row.key, team)) for row in figure.rows],
                "download": reverse("worklist:figure_table_csv", args=[figure.kind.slug])
                + _download_query(figure.kind, None, team),
            }
        )
    services.dashboard_view(actor=request.user, teams=scope.teams, people=[])
    escalated = next(
        (c["figure"].escalated for c in cards if c["figure"].kind.slug == "overdue"), 0
    )
    return render(
        request,
        "worklist/dashboard.html",
        {
            "cards": cards,
            "own_teams": own,
            "team": team,
            "escalated": escalated,
            "escalate_after_days": request.user.organisation.escalate_after_days,
            "worklist_href": _worklist_href(),
        },
    )


def _figure_kind(slug: str) -> figures.FigureKind:
    kind = figures.BY_SLUG.get(slug)
    if kind is None:
        raise Http404
    return kind


def _drill_down(kind: figures.FigureKind, scope: Scope, wanted: str | None):
    try:
        return figures.drill_down(kind, scope, wanted)
    except KeyError:
        # A row this figure does not have for these teams: a worker or area from elsewhere.
        raise Http404 from None


def _download_query(kind: figures.FigureKind, wanted: str | None, team: Team | None) -> str:
    query = {**({kind.param: wanted} if wanted else {}), **({"team": team.pk} if team else {})}
    return f"?{urlencode(query)}" if query else ""


@require_safe
def figure(request, slug):
    _require_manager(request.user)
    kind = _figure_kind(slug)
    scope, own, team = _scope(request)
    wanted = request.GET.get(kind.param) or None
    found, facts = _drill_down(kind, scope, wanted)
    page = Paginator(facts, PER_PAGE).get_page(request.GET.get("page"))
    people = {p.pk: p for p in scope.people}
    services.dashboard_view(
        actor=request.user,
        teams=scope.teams,
        figure=kind.slug,
        row=wanted or "",
        people=[fact.person_id for fact in page],
    )
    row = next((r for r in found.rows if r.key == wanted), None)
    back = reverse("worklist:dashboard") + (f"?{urlencode({'team': team.pk})}" if team else "")
    return render(
        request,
        "worklist/figure.html",
        {
            "figure": found,
            "row": row,
            "page": page,
            "lines": [(fact, people[fact.person_id]) for fact in page],
            "team": team,
            "own_teams": own,
            "back": back,
            "escalation": kind.slug == "overdue",
            "download": reverse("worklist:figure_csv", args=[kind.slug])
            + _download_query(kind, wanted, team),
        },
    )


@require_safe
def figure_table_csv(request, slug):
    """One table of the dashboard – a figure's rows and their numbers – as a spreadsheet, for
    the teams the page shows."""
    _require_manager(request.user)
    kind = _figure_kind(slug)
    scope, _own, team = _scope(request)
    found = figures.figure_from(kind, kind.facts(scope), scope)
    services.dashboard_record_export(
        actor=request.user, teams=scope.teams, figure=kind.slug, people=[], rows=len(found.rows)
    )
    header, rows = csv_export.figure_table(found)
    name = filename("team dashboard", team.name if team else "", kind.slug, on=scope.today)
    return csv_response(name=name, header=header, rows=rows)


@require_safe
def figure_csv(request, slug):
    """The list behind a figure (one of its rows, or all of them) as a spreadsheet: every
    line, not one page of them, with its dates as YYYY-MM-DD."""
    _require_manager(request.user)
    kind = _figure_kind(slug)
    scope, _own, team = _scope(request, say_date=csv_export.iso_date)
    wanted = request.GET.get(kind.param) or None
    found, facts = _drill_down(kind, scope, wanted)
    services.dashboard_record_export(
        actor=request.user,
        teams=scope.teams,
        figure=kind.slug,
        row=wanted or "",
        people=[fact.person_id for fact in facts],
        rows=len(facts),
    )
    row = next((r.label for r in found.rows if r.key == wanted), "")
    header, rows = csv_export.figure_list_table(
        kind, facts, {p.pk: p for p in scope.people}, link=request.build_absolute_uri
    )
    name = filename("team dashboard", team.name if team else "", kind.slug, row, on=scope.today)
    return csv_response(name=name, header=header, rows=rows)


@require_http_methods(["GET", "POST"])
def escalation(request):
    if not services.may_set_escalation(request.user):
        raise PermissionDenied(
            _("Only an administrator can change when overdue work is escalated.")
        )
    organisation = request.user.organisation
    initial = {
        "escalate_after_days": organisation.escalate_after_days,
        "revision": organisation.escalation_revision,
    }
    form = EscalationForm(request.POST if request.method == "POST" else None, initial=initial)
    latest = None
    if form.is_valid():
        try:
            services.escalation_update(
                organisation=organisation,
                days=form.cleaned_data["escalate_after_days"],
                revision=form.cleaned_data["revision"],
                actor=request.user,
            )
        except EditConflict as conflict:
            # Keep what was typed; a second save (after checking) goes through.
            latest = conflict.current.escalate_after_days
            form.data = form.data.copy()
            form.data["revision"] = str(conflict.current.escalation_revision)
            form.add_error(None, str(conflict))
        else:
            messages.success(request, _("When overdue work is escalated has been saved"))
            return redirect("worklist:escalation")
    return render(request, "worklist/escalation.html", {"form": form, "latest": latest})


urlpatterns = [
    path("team/", dashboard, name="dashboard"),
    path("team/<slug:slug>/", figure, name="figure"),
    path("team/<slug:slug>/csv/", figure_csv, name="figure_csv"),
    path("team/<slug:slug>/table/csv/", figure_table_csv, name="figure_table_csv"),
    path("settings/escalation/", escalation, name="escalation"),
]
