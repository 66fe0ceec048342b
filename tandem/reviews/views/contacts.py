"""Contacts between reviews with the people in the plan: the list (workers, and the person, whose
record it is) and recording one (workers)."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from tandem.accounts.models import User
from tandem.audit.models import AuditAction
from tandem.errors import Refused
from tandem.plans.access import plan_get_for_user
from tandem.plans.models import Plan
from tandem.reviews.forms.contacts import ContactForm
from tandem.reviews.services import contacts as services
from tandem.reviews.views import _posted, _purpose

PER_PAGE = 25


def _only(check: Callable[[User], bool], message: str) -> Callable[[User], bool]:
    """An `allowed` check that says why it refuses (the 403 page shows the message)."""

    def allowed(user: User) -> bool:
        if not check(user):
            raise PermissionDenied(message)
        return True

    return allowed


def _plan(request, plan_pk, *, allowed, action=AuditAction.PLAN_VIEW, summary="") -> Plan:
    return plan_get_for_user(
        user=request.user,
        pk=plan_pk,
        purpose=_purpose(request),
        allowed=allowed,
        action=action,
        summary=summary,
    )


@require_safe
def contacts(request, plan_pk):
    plan = _plan(
        request,
        plan_pk,
        allowed=_only(
            services.may_see_contacts,
            _("Contacts are seen by the person and the workers supporting them."),
        ),
        action=AuditAction.CONTACTS_VIEW,
        summary=_("Viewed the contacts recorded between reviews"),
    )
    page = Paginator(services.contacts_for(plan.person), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "reviews/contacts/list.html",
        {
            "plan": plan,
            "person": plan.person,
            "page": page,
            "can_record": services.may_record_contact(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def contact_add(request, plan_pk):
    plan = _plan(
        request,
        plan_pk,
        allowed=_only(
            services.may_record_contact,
            _("Contacts are recorded by the workers supporting the person."),
        ),
    )
    person = plan.person
    form = ContactForm(
        _posted(request),
        person=person,
        first_plan_on=services.first_plan_on(person),
        initial={"happened_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_record(
                person=person, plan=plan, actor=request.user, **form.contact_values()
            )
        except Refused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The contact has been recorded"))
            return redirect("reviews:contacts", plan_pk=plan.pk)
    return render(
        request, "reviews/contacts/add.html", {"plan": plan, "person": person, "form": form}
    )


urlpatterns = [
    path("plans/<int:plan_pk>/contacts/", contacts, name="contacts"),
    path("plans/<int:plan_pk>/contacts/add/", contact_add, name="contact_add"),
]
