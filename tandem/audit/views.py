"""The audit log for team managers and administrators, and "who has looked at my record"."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from tandem.accounts.models import Role, User
from tandem.audit import selectors, services
from tandem.audit.forms import AuditLogFilterForm, describe
from tandem.audit.models import AuditAction
from tandem.people.access import person_get_for_user

PER_PAGE = 25


@require_safe
def audit_log(request):
    user = request.user
    if not selectors.may_read_audit_log(user):
        raise PermissionDenied
    administrator = user.role == Role.ADMINISTRATOR
    form = AuditLogFilterForm(
        request.GET if _filtered(request) else None,
        actions=selectors.administration_actions() if administrator else list(AuditAction),
        with_person=not administrator,
    )
    filters = form.filters()
    events = selectors.filter_audit_log(selectors.audit_log_for(user), **filters)
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    services.audit_log_record_view(actor=user, filters=describe(filters), page=page)
    return render(
        request,
        "audit/log.html",
        {
            "form": form,
            "page": page,
            "filtered": bool(filters),
            "administrator": administrator,
            # A person's record is linked only where this manager may open it (no link to a 404).
            "own_team_ids": set(user.teams.values_list("pk", flat=True)),
        },
    )


def _filtered(request) -> bool:
    """Any query but the page number is a filter (an unknown one is ignored by the form)."""
    return any(name != "page" for name in request.GET)


def may_see_record_access(user: User) -> bool:
    """The person, about their own record, and staff with a relationship to them. A carer or
    provider sees the person's record with consent, but not who else has read it."""
    return user.is_worker or user.role == Role.PERSON


@require_safe
def record_access(request, pk):
    person = person_get_for_user(
        user=request.user,
        pk=pk,
        purpose="record_access",
        allowed=may_see_record_access,
        action=AuditAction.OWN_ACCESS_VIEW,
        summary=_("Viewed who has looked at the record of %(name)s"),
    )
    events = selectors.record_access(person, reader=request.user)
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/record_access.html",
        {"person": person, "page": page, "for_self": person.user_id == request.user.pk},
    )


app_name = "audit"
urlpatterns = [
    path("", audit_log, name="log"),
    path("people/<int:pk>/", record_access, name="record_access"),
]
