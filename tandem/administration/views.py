"""The administrator's pages. Each view: the role check, one selector or service call, render or
redirect. Users and teams of another organisation are not found (404)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from tandem.accounts.models import User
from tandem.accounts.signin.rules import needs_second_factor
from tandem.accounts.signin.services import has_authenticator, second_factor_reset
from tandem.administration import rules, selectors, services
from tandem.administration.forms import (
    ActiveForm,
    OrganisationForm,
    TeamForm,
    UserForm,
    UserSearchForm,
)
from tandem.errors import EditConflict, Refused

# The organisation's settings kept by other parts of Tandem: (label, what it is, url name). They
# are reached from here, not from the navigation.
SETTINGS_PAGES = [
    (
        _("Review timescales"),
        _("When reviews, consultations and review copies are due."),
        "reviews:timescales",
    ),
    (
        _("Escalating overdue work"),
        _("When overdue work shows on team managers’ worklists."),
        "worklist:escalation",
    ),
    (
        _("Budgets and costs"),
        _("The resource allocation scheme and the list of services and unit costs."),
        "budgets:setup",
    ),
    (
        _("Keeping records"),
        _("How long a closed record is kept before it is anonymised."),
        "records:retention",
    ),
    (
        _("Sign-in settings"),
        _("When staff are signed out after a time without activity, and the longest sign-in."),
        "signin:settings",
    ),
    (
        _("Locked-out sign-ins"),
        _("Users locked out after repeated failed sign-ins, to unlock."),
        "signin:locked_out",
    ),
]


def _administrator(request) -> User:
    """The signed-in administrator, or 403 for anyone else (their role may not do this)."""
    if not rules.may_administer(request.user):
        raise PermissionDenied(_("Only an administrator can manage users and teams."))
    return request.user


def _posted(request):
    return request.POST if request.method == "POST" else None


def _add_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.message_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def _keep_typed(form, revision: int) -> None:
    """After an edit conflict: keep what was typed, with the revision now saved, so a second save
    (after checking what is shown) goes through."""
    form.data = form.data.copy()
    form.data["revision"] = str(revision)


@require_safe
def home(request):
    _administrator(request)
    settings_pages = [
        {"label": label, "hint": hint, "href": reverse(name)}
        for label, hint, name in SETTINGS_PAGES
    ]
    return render(request, "administration/home.html", {"settings_pages": settings_pages})


@require_safe
def user_list(request):
    actor = _administrator(request)
    form = UserSearchForm(request.GET or None)
    users = selectors.users_for_administrator(actor, q=form.query)
    page = Paginator(users, selectors.PER_PAGE).get_page(request.GET.get("page"))
    services.users_record_view(actor=actor, query=form.query, page=page.number)
    return render(
        request, "administration/users.html", {"form": form, "query": form.query, "page": page}
    )


@require_http_methods(["GET", "POST"])
def user_add(request):
    actor = _administrator(request)
    form = UserForm(_posted(request), organisation=actor.organisation)
    if form.is_valid():
        try:
            user = services.user_create(
                organisation=actor.organisation,
                actor=actor,
                username=form.cleaned_data["username"],
                data=form.user_data(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("%(name)s has been added") % {"name": user.display_name})
            return redirect("administration:user", pk=user.pk)
    return render(request, "administration/user_form.html", {"form": form, "subject": None})


@require_safe
def user_detail(request, pk):
    actor = _administrator(request)
    user = selectors.user_for_administrator(actor, pk)
    services.user_record_view(actor=actor, user=user, page="detail")
    return render(
        request,
        "administration/user.html",
        {
            "subject": user,
            "is_self": user.pk == actor.pk,
            "may_change": rules.may_change_user(actor, user),
            "needs_second_factor": needs_second_factor(user),
            "has_authenticator": has_authenticator(user),
        },
    )


def _changeable(actor: User, pk) -> User:
    user = selectors.user_for_administrator(actor, pk)
    if not rules.may_change_user(actor, user):
        raise PermissionDenied(_("Only an operator can change an operator’s sign-in."))
    return user


@require_http_methods(["GET", "POST"])
def user_change(request, pk):
    actor = _administrator(request)
    user = _changeable(actor, pk)
    form = UserForm(_posted(request), organisation=actor.organisation, user=user, actor=actor)
    latest = None
    if form.is_valid():
        try:
            services.user_update(
                user=user,
                actor=actor,
                data=form.user_data(),
                revision=form.cleaned_data["revision"],
            )
        except EditConflict as conflict:
            current = conflict.current
            latest = {**services.user_details(current), "role": current.get_role_display()}
            _keep_typed(form, current.revision)
            form.add_error(None, str(conflict))
        except Refused as refusal:
            form.add_error(None, str(refusal))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Changes saved"))
            return redirect("administration:user", pk=user.pk)
    # The page shows their details again (a read), whether first opened or refused.
    services.user_record_view(actor=actor, user=user, page="change")
    return render(
        request,
        "administration/user_form.html",
        {"form": form, "subject": user, "latest": latest, "is_self": form.is_self},
    )


@require_http_methods(["GET", "POST"])
def user_active(request, pk):
    """Ask, then stop someone signing in (or let them again)."""
    actor = _administrator(request)
    user = _changeable(actor, pk)
    if user.pk == actor.pk:
        raise PermissionDenied(
            rules.self_change_refusal(actor_pk=actor.pk, target_pk=user.pk, changed=["is_active"])
        )
    form = ActiveForm(_posted(request), initial={"revision": user.revision})
    if form.is_valid():
        try:
            services.user_set_active(
                user=user,
                actor=actor,
                active=not user.is_active,
                revision=form.cleaned_data["revision"],
            )
        except EditConflict:
            messages.error(
                request,
                _(
                    "Someone else changed this user meanwhile. Check what is saved now, then try "
                    "again."
                ),
            )
            return redirect("administration:user", pk=user.pk)
        if user.is_active:
            message = _("%(name)s can no longer sign in")
        else:
            message = _("%(name)s can sign in again")
        messages.success(request, message % {"name": user.display_name})
        return redirect("administration:user", pk=user.pk)
    return render(request, "administration/user_active.html", {"form": form, "subject": user})


@require_http_methods(["GET", "POST"])
def user_second_factor(request, pk):
    """Ask, then forget someone's authenticator and recovery codes (a lost or replaced phone), so
    that their next sign-in sets up a new one. Never one's own: another administrator does it."""
    actor = _administrator(request)
    user = _changeable(actor, pk)
    if user.pk == actor.pk:
        raise PermissionDenied(_("Ask another administrator to reset your own second factor."))
    if request.method == "POST":
        second_factor_reset(actor=actor, user=user)
        messages.success(
            request,
            _("%(name)s will set up a new authenticator app the next time they sign in")
            % {"name": user.display_name},
        )
        return redirect("administration:user", pk=user.pk)
    return render(request, "administration/user_second_factor.html", {"subject": user})


@require_safe
def team_list(request):
    actor = _administrator(request)
    teams = selectors.teams_for_administrator(actor)
    page = Paginator(teams, selectors.PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "administration/teams.html", {"page": page})


@require_http_methods(["GET", "POST"])
def team_add(request):
    actor = _administrator(request)
    form = TeamForm(_posted(request))
    if form.is_valid():
        try:
            team = services.team_create(
                organisation=actor.organisation, actor=actor, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The team %(name)s has been added") % {"name": team.name})
            return redirect("administration:teams")
    return render(request, "administration/team_form.html", {"form": form, "team": None})


@require_http_methods(["GET", "POST"])
def team_change(request, pk):
    actor = _administrator(request)
    team = selectors.team_for_administrator(actor, pk)
    form = TeamForm(_posted(request), team=team)
    latest = None
    if form.is_valid():
        try:
            services.team_update(
                team=team,
                actor=actor,
                name=form.cleaned_data["name"],
                revision=form.cleaned_data["revision"],
            )
        except EditConflict as conflict:
            latest = conflict.current.name
            _keep_typed(form, conflict.current.revision)
            form.add_error(None, str(conflict))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The team’s name has been saved"))
            return redirect("administration:teams")
    return render(
        request, "administration/team_form.html", {"form": form, "team": team, "latest": latest}
    )


@require_http_methods(["GET", "POST"])
def organisation(request):
    actor = _administrator(request)
    current = actor.organisation
    form = OrganisationForm(_posted(request), organisation=current)
    latest = None
    if form.is_valid():
        data = {name: form.cleaned_data[name] for name in rules.ORGANISATION_FIELDS}
        try:
            services.organisation_update(
                organisation=current,
                actor=actor,
                data=data,
                revision=form.cleaned_data["revision"],
            )
        except EditConflict as conflict:
            saved = conflict.current
            latest = [
                (form[name].label, _shown(saved, name))
                for name in rules.ORGANISATION_FIELDS
                if getattr(saved, name) != data[name]
            ]
            _keep_typed(form, saved.details_revision)
            form.add_error(None, str(conflict))
        else:
            messages.success(request, _("The organisation’s details have been saved"))
            return redirect("administration:organisation")
    return render(request, "administration/organisation.html", {"form": form, "latest": latest})


def _shown(organisation, name: str) -> str:
    display = getattr(organisation, f"get_{name}_display", None)
    return str(display() if display else getattr(organisation, name))
