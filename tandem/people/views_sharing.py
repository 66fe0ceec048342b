"""Pages for who may see the person: consent to share (given, withdrawn, its history), the
sharing review after a safeguarding concern, and emergency (break-glass) access.

Each view: one access call, one form or service call, render or redirect."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.accounts import access
from tandem.audit.models import AuditAction
from tandem.errors import EditConflict
from tandem.people import consent, emergency, rules, selectors
from tandem.people.access import person_get_for_user
from tandem.people.forms import add_errors
from tandem.people.forms_sharing import (
    BreakGlassForm,
    ConsentGiveForm,
    ConsentWithdrawForm,
    EmergencySearchForm,
)


def _member_for(request, pk, member_pk):
    """Staff only (403), the person through their relationship (404), and the member of this
    person's circle (404): one audited read of the member's consent."""
    person = person_get_for_user(
        user=request.user,
        pk=pk,
        purpose=request.resolver_match.url_name if request.resolver_match else "",
        allowed=access.can_manage_person,
        action=AuditAction.CIRCLE_VIEW,
        summary=_("Viewed consent to share in the circle of support of %(name)s"),
    )
    return person, selectors.get_circle_member(person, member_pk)


def _consent_page(request, person, member, *, form=None, template="people/consent.html", **extra):
    return render(
        request,
        template,
        {
            "person": person,
            "member": member,
            "history": consent.consent_history(member),
            "form": form,
            **extra,
        },
    )


@require_GET
def consent_history(request, pk, member_pk):
    person, member = _member_for(request, pk, member_pk)
    return _consent_page(request, person, member)


@require_http_methods(["GET", "POST"])
def consent_give(request, pk, member_pk):
    person, member = _member_for(request, pk, member_pk)
    form = ConsentGiveForm(request.POST or None, initial={"given_by": consent.GivenBy.PERSON})
    if form.is_valid():
        try:
            consent.consent_give(member=member, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Consent recorded"))
            return redirect("people:consent", pk=person.pk, member_pk=member.pk)
    return _consent_page(request, person, member, form=form, template="people/consent_give.html")


@require_http_methods(["GET", "POST"])
def consent_withdraw(request, pk, member_pk, consent_pk):
    person, member = _member_for(request, pk, member_pk)
    record = member.consents.filter(pk=consent_pk).first()
    if record is None:
        raise Http404
    if not record.in_force:
        messages.info(request, _("This consent has already been withdrawn"))
        return redirect("people:consent", pk=person.pk, member_pk=member.pk)
    form = ConsentWithdrawForm(
        request.POST or None,
        initial={"withdrawn_by": consent.GivenBy.PERSON, "withdrawn_on": timezone.localdate()},
    )
    if form.is_valid():
        try:
            consent.consent_withdraw(
                member=member, actor=request.user, purpose=record.purpose, **form.cleaned_data
            )
        except EditConflict as conflict:
            messages.info(request, str(conflict))
            return redirect("people:consent", pk=person.pk, member_pk=member.pk)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Consent withdrawn. %(name)s no longer has it, from now on")
                % {"name": member.name},
            )
            return redirect("people:consent", pk=person.pk, member_pk=member.pk)
    return _consent_page(
        request,
        person,
        member,
        form=form,
        template="people/consent_withdraw.html",
        record=record,
    )


@require_POST
def sharing_review(request, pk):
    """After a safeguarding concern: "I have reviewed who this is shared with"."""
    person = person_get_for_user(
        user=request.user, pk=pk, purpose="sharing_review", allowed=access.can_manage_person
    )
    consent.sharing_review_record(person=person, actor=request.user)
    messages.success(request, _("You have recorded that you reviewed who the plan is shared with"))
    return redirect("people:detail", pk=person.pk)


@require_GET
def emergency_search(request):
    """Find someone outside your work by their local identifier, to open their record in an
    emergency. Practitioners only."""
    if not access.may_break_glass(request.user):
        raise PermissionDenied
    form = EmergencySearchForm(request.GET or None)
    results = None
    if form.is_valid():
        results = [
            (person, emergency.already_related(request.user, person))
            for person in emergency.emergency_search(
                user=request.user, identifier=form.cleaned_data["identifier"]
            )
        ]
    return render(request, "people/emergency_search.html", {"form": form, "results": results})


@require_http_methods(["GET", "POST"])
def break_glass(request, pk):
    """Open this record in an emergency, with a reason."""
    person = emergency.emergency_person_get(user=request.user, pk=pk)
    if emergency.already_related(request.user, person):
        return redirect("people:detail", pk=person.pk)
    form = BreakGlassForm(request.POST or None)
    if form.is_valid():
        try:
            emergency.break_glass_open(
                person=person, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("You can see this record for %(hours)s hours. Your manager has been told")
                % {"hours": rules.BREAK_GLASS_HOURS},
            )
            return redirect("people:detail", pk=person.pk)
    return render(
        request,
        "people/break_glass.html",
        {"person": person, "form": form, "hours": rules.BREAK_GLASS_HOURS},
    )


@require_GET
def break_glass_review(request, grant_pk):
    """An emergency access, for a manager of the person's or the practitioner's team."""
    grant = emergency.review_get(user=request.user, pk=grant_pk)
    return render(
        request,
        "people/break_glass_review.html",
        {"grant": grant, "sees_person": _sees(request.user, grant.person_id)},
    )


@require_POST
def break_glass_reviewed(request, grant_pk):
    grant = emergency.review_get(user=request.user, pk=grant_pk)
    try:
        emergency.break_glass_review(grant=grant, actor=request.user)
    except EditConflict as conflict:
        messages.info(request, str(conflict))
    else:
        messages.success(request, _("You have reviewed this emergency access"))
    return redirect("people:break_glass_review", grant_pk=grant.pk)


def _sees(user, person_id: int) -> bool:
    return access.visible_people(user).filter(pk=person_id).exists()


urlpatterns = [
    path("emergency/", emergency_search, name="emergency_search"),
    path("emergency/<int:grant_pk>/", break_glass_review, name="break_glass_review"),
    path("emergency/<int:grant_pk>/reviewed/", break_glass_reviewed, name="break_glass_reviewed"),
    path("<int:pk>/emergency/", break_glass, name="break_glass"),
    path("<int:pk>/sharing-review/", sharing_review, name="sharing_review"),
    path("<int:pk>/circle/<int:member_pk>/consent/", consent_history, name="consent"),
    path("<int:pk>/circle/<int:member_pk>/consent/give/", consent_give, name="consent_give"),
    path(
        "<int:pk>/circle/<int:member_pk>/consent/<int:consent_pk>/withdraw/",
        consent_withdraw,
        name="consent_withdraw",
    ),
]
