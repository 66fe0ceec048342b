"""People pages. Each view: one access call, one form or service call, render or redirect."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.accounts import access
from tandem.people import selectors, services
from tandem.people.access import person_get_for_user
from tandem.people.forms import (
    CircleMemberForm,
    PeopleSearchForm,
    PersonForm,
    SafeguardingAcknowledgeForm,
    SafeguardingForm,
    add_errors,
)
from tandem.people.models import Person


def _person_for(request, pk, *, allowed=None, editing: bool = False) -> Person:
    """Fetch, authorise and audit (see people/access.py): 404 without a relationship, 403 when
    the role may not do this."""
    purpose = request.resolver_match.url_name if request.resolver_match else ""
    return person_get_for_user(
        user=request.user, pk=pk, purpose=purpose, allowed=allowed, editing=editing
    )


def _to_person(request, person: Person, message: str):
    """After a save, show the person: always one of the user's own teams' people, since a
    person may only be added or moved to a team the user is in."""
    messages.success(request, message)
    return redirect("people:detail", pk=person.pk)


@require_GET
def people_list(request):
    return people_list_page(request, PeopleSearchForm(request.GET or None))


def people_list_page(request, form: PeopleSearchForm, *, status: int = 200):
    """The list of people the search selects, one page of them (also shown, with status 400,
    when the spreadsheet of the list is asked for with a search the form refuses)."""
    people = selectors.people_for_list(request.user, q=form.query)
    page = Paginator(people, selectors.PER_PAGE).get_page(request.GET.get("page"))
    services.people_list_record_view(actor=request.user, query=form.query, page=page)
    return render(
        request,
        "people/list.html",
        {
            "form": form,
            "query": form.query,
            "page": page,
            "can_manage": access.can_manage_person(request.user),
            # The list as a spreadsheet, for staff: every person the search selects.
            "download_query": urlencode({"q": form.query}) if form.query else "",
            "recent_referrals": selectors.recent_referral_count(request.user),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def person_add(request):
    if not access.can_manage_person(request.user) or request.user.organisation is None:
        raise PermissionDenied
    organisation = request.user.organisation
    if not access.own_teams(request.user).exists():
        # People belong to a team: say whom to ask rather than offer a form that can't work.
        administrators = selectors.administrators(organisation.pk)
        return render(request, "people/no_team.html", {"administrators": administrators})
    form = PersonForm(request.POST or None, actor=request.user)
    if form.is_valid():
        try:
            person = services.person_create(
                organisation=organisation, actor=request.user, data=form.person_data()
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return _to_person(
                request, person, _("%(name)s has been added") % {"name": person.full_name}
            )
    return render(request, "people/person_form.html", {"form": form, "person": None})


@require_http_methods(["GET", "POST"])
def person_change(request, pk):
    person = _person_for(request, pk, allowed=access.can_manage_person, editing=True)
    form = PersonForm(request.POST or None, actor=request.user, person=person)
    if form.is_valid():
        try:
            person = services.person_update(
                person=person,
                actor=request.user,
                data=form.person_data(),
                revision=form.cleaned_data["revision"],
            )
        except services.EditConflict as conflict:
            form.refuse_stale(str(conflict), conflict.current)
        except ValidationError as error:
            add_errors(form, error)
        else:
            return _to_person(request, person, _("Details saved"))
    return render(request, "people/person_form.html", {"form": form, "person": person})


@require_GET
def person_detail(request, pk):
    person = _person_for(request, pk)
    page = selectors.person_page(request.user, person)
    history = selectors.change_history(person) if page.can_manage else []
    return render(
        request, "people/detail.html", {"person": person, "page": page, "history": history}
    )


@require_http_methods(["GET", "POST"])
def circle_member_add(request, pk):
    person = _person_for(request, pk, allowed=access.can_manage_person)
    form = CircleMemberForm(request.POST or None)
    if form.is_valid():
        try:
            member = services.circle_member_add(
                person=person, actor=request.user, data=form.member_data()
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s has been added to the circle of support") % {"name": member.name},
            )
            return redirect("people:detail", pk=person.pk)
    return render(
        request, "people/circle_member_form.html", {"form": form, "person": person, "member": None}
    )


@require_http_methods(["GET", "POST"])
def circle_member_change(request, pk, member_pk):
    person = _person_for(request, pk, allowed=access.can_manage_person)
    member = selectors.get_circle_member(person, member_pk)
    if request.method == "GET":
        services.circle_member_record_view(member=member, actor=request.user)
    form = CircleMemberForm(request.POST or None, member=member)
    if form.is_valid():
        try:
            services.circle_member_update(
                member=member,
                actor=request.user,
                data=form.member_data(),
                revision=form.cleaned_data["revision"],
            )
        except services.EditConflict as conflict:
            form.refuse_stale(str(conflict), conflict.current)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Details saved"))
            return redirect("people:detail", pk=person.pk)
    return render(
        request,
        "people/circle_member_form.html",
        {"form": form, "person": person, "member": member},
    )


def _came_from(request) -> str:
    """The page a concern was raised from (`?next=`, e.g. a review), to go back to afterwards:
    a path on this site only, never another site's address."""
    url = request.GET.get("next", "")
    safe = url.startswith("/") and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if safe else ""


@require_http_methods(["GET", "POST"])
def safeguarding_raise(request, pk):
    """P11: anyone who can see the person can raise a concern, whatever state any plan is in.
    Raised from another page (`?next=`, e.g. a review), the confirmation leads back to it."""
    person = _person_for(request, pk, allowed=access.can_raise_safeguarding)
    plan = selectors.get_person_plan(person, request.GET.get("plan"))
    came_from = _came_from(request)
    form = SafeguardingForm(request.POST or None)
    if form.is_valid():
        referral = services.safeguarding_raise(
            person=person,
            plan=plan,
            concern=form.cleaned_data["concern"],
            immediate_risk=form.cleaned_data["immediate_risk"],
            actor=request.user,
            submission_key=form.cleaned_data["submission_key"],
        )
        sent = reverse("people:safeguarding_sent", args=[person.pk, referral.pk])
        # The confirmation first, whoever was alerted (or that no one could be), then back.
        return redirect(f"{sent}?{urlencode({'next': came_from})}" if came_from else sent)
    return render(
        request,
        "people/safeguarding_form.html",
        {"form": form, "person": person, "plan": plan, "came_from": came_from},
    )


@require_GET
def safeguarding_sent(request, pk, referral_pk):
    """The confirmation, for the person who raised the concern only."""
    person = _person_for(request, pk)
    referral = selectors.get_referral(person, referral_pk)
    if referral.raised_by_id != request.user.pk:
        raise Http404
    return render(
        request,
        "people/safeguarding_sent.html",
        {"person": person, "referral": referral, "came_from": _came_from(request)},
    )


def _referral_page(request, person, referral, form=None):
    """The concern, what was done about it, and, for a manager while no one has acknowledged
    it, the form to record that they have."""
    if form is None and not referral.is_acknowledged:
        if access.can_acknowledge_safeguarding(request.user):
            form = SafeguardingAcknowledgeForm()
    return render(
        request,
        "people/safeguarding_referral.html",
        {"person": person, "referral": referral, "form": form},
    )


@require_GET
def safeguarding_referral(request, pk, referral_pk):
    person = _person_for(request, pk, allowed=access.can_manage_person)
    referral = selectors.get_referral(person, referral_pk)
    services.safeguarding_record_view(referral=referral, actor=request.user)
    return _referral_page(request, person, referral)


@require_POST
def safeguarding_acknowledge(request, pk, referral_pk):
    person = _person_for(request, pk, allowed=access.can_acknowledge_safeguarding)
    referral = selectors.get_referral(person, referral_pk)
    form = SafeguardingAcknowledgeForm(request.POST)
    if form.is_valid():
        try:
            services.safeguarding_acknowledge(
                referral=referral,
                actor=request.user,
                action_taken=form.cleaned_data["action_taken"],
            )
        except services.EditConflict as conflict:
            # Show what the first manager recorded, and say why this was not saved.
            form.add_error(None, str(conflict))
            referral = selectors.get_referral(person, referral.pk)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("You have acknowledged the concern"))
            return redirect("people:safeguarding_referral", pk=person.pk, referral_pk=referral.pk)
    # Refused: the concern is shown again, and that is a read of it.
    services.safeguarding_record_view(referral=referral, actor=request.user)
    return _referral_page(request, person, referral, form)


@require_GET
def safeguarding_list(request):
    # A manager outside any organisation has no teams to list, and reading is audited per
    # organisation.
    if not request.user.is_manager or request.user.organisation_id is None:
        raise PermissionDenied
    referrals = selectors.referrals_for_manager(request.user)
    page = Paginator(referrals, selectors.PER_PAGE).get_page(request.GET.get("page"))
    services.safeguarding_list_view(referrals=list(page), actor=request.user)
    return render(request, "people/safeguarding_list.html", {"page": page})
