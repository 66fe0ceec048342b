"""Copies pages: sending copies of an issued plan or a review record, watching them being made,
the list of copies to post, and a person's own copies. Thin views: one access call, one form or
service call."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.audit.models import AuditAction
from tandem.audit.services import audit_record
from tandem.copies import delivery, selectors, services
from tandem.copies.forms import SendForm
from tandem.copies.models import Copy
from tandem.copies.recipients import recipients_for
from tandem.errors import Refused
from tandem.people.access import person_get_for_user
from tandem.plans.models import PlanIssue
from tandem.reviews.models import Review

PER_PAGE = 25


def _purpose(request) -> str:
    return request.resolver_match.url_name if request.resolver_match else ""


def _found(queryset, **lookup):
    """One row or 404, also for an id too big for the database."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None


def _issue(request, plan_pk, number) -> PlanIssue:
    """An issued copy of a plan of a person this member of staff may send copies for: 404
    without a relationship, 403 for anyone who may not send; audited as a view of the record."""
    issue = _found(
        PlanIssue.objects.select_related("plan"),
        plan_id=plan_pk,
        number=number,
        organisation_id=request.user.organisation_id or -1,
    )
    issue.plan.person = person_get_for_user(
        user=request.user,
        pk=issue.plan.person_id,
        purpose=_purpose(request),
        allowed=services.may_send_copies,
    )
    return issue


def _review(request, pk) -> Review:
    review = _found(
        Review.objects.select_related("plan"),
        pk=pk,
        organisation_id=request.user.organisation_id or -1,
        status=Review.Status.FINAL,
    )
    review.plan.person = person_get_for_user(
        user=request.user,
        pk=review.person_id,
        purpose=_purpose(request),
        allowed=services.may_send_copies,
    )
    return review


def _send(request, of, progress_url: str, template_context: dict):
    person = of.plan.person
    recipients = recipients_for(person, whole_plan_only=isinstance(of, Review))
    form = SendForm(request.POST if request.method == "POST" else None, recipients=recipients)
    if form.is_valid():
        try:
            sent = services.copies_send(of=of, choices=form.choices(), actor=request.user)
        except Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            if sent.made:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s copy is being made and sent. This page shows how it is going.",
                        "%(count)s copies are being made and sent. This page shows how each is "
                        "going.",
                        len(sent.made),
                    )
                    % {"count": len(sent.made)},
                )
            else:
                messages.info(request, _("These copies had already been sent"))
            return redirect(progress_url)
    existing = list(selectors.copies_of(of))
    return render(
        request,
        "copies/send.html",
        {
            **template_context,
            "person": person,
            "plan": of.plan,
            "form": form,
            "unreachable": [r for r in recipients if not r.routes],
            "notes": [r.note for r in recipients if r.note and r.routes],
            "existing": existing,
            "progress_url": progress_url,
        },
    )


@require_http_methods(["GET", "POST"])
def send_plan(request, plan_pk, number):
    issue = _issue(request, plan_pk, number)
    progress = _progress_url(issue)
    return _send(request, issue, progress, {"issue": issue})


@require_http_methods(["GET", "POST"])
def send_review(request, pk):
    review = _review(request, pk)
    return _send(request, review, _progress_url(review), {"review": review})


def _progress_url(of) -> str:
    if isinstance(of, PlanIssue):
        return reverse("copies:plan_progress", args=[of.plan_id, of.number])
    return reverse("copies:review_progress", args=[of.pk])


def _progress(request, of, context: dict):
    copies = list(selectors.copies_of(of).select_related("sent_by"))
    return render(
        request,
        "copies/progress.html",
        {
            **context,
            "person": of.plan.person,
            "plan": of.plan,
            "copies": copies,
            "waiting": any(c.in_progress for c in copies),
            "send_url": _send_url(of),
        },
    )


def _send_url(of) -> str:
    if isinstance(of, PlanIssue):
        return reverse("copies:send_plan", args=[of.plan_id, of.number])
    return reverse("copies:send_review", args=[of.pk])


@require_GET
def plan_progress(request, plan_pk, number):
    issue = _issue(request, plan_pk, number)
    return _progress(request, issue, {"issue": issue})


@require_GET
def review_progress(request, pk):
    review = _review(request, pk)
    return _progress(request, review, {"review": review})


def _staff_copy(request, pk) -> Copy:
    copy = _found(selectors.copies_of_visible_people(request.user), pk=pk)
    if not services.may_send_copies(request.user):
        raise PermissionDenied  # a recipient reads their own copy; only staff act on it
    return copy


@require_POST
def retry(request, pk):
    copy = _staff_copy(request, pk)
    try:
        tried = services.copy_retry(copy=copy, actor=request.user)
    except Refused as refusal:
        messages.error(request, str(refusal))
    else:
        if tried:
            messages.success(request, _("Tandem is trying again to make the copy"))
        else:
            messages.info(request, _("Someone has already tried again to make this copy"))
    of = copy.issue if copy.issue_id else copy.review
    return redirect(_progress_url(of))


@require_GET
def download(request, pk):
    """The copy itself, for its recipient or staff who may see the person: every opening is
    audited. A PDF downloads; audio plays in the page's player."""
    copy = selectors.get_copy_for_user(request.user, pk)
    if not copy.is_made:
        raise Http404
    content = services.copy_open(copy=copy, actor=request.user)
    response = HttpResponse(content, content_type=copy.media_type)
    disposition = "inline" if copy.is_audio else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{copy.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def letter(request, pk):
    """The covering letter to print and post with a copy: staff only."""
    copy = _staff_copy(request, pk)
    if copy.route != "post" or not copy.is_made:
        raise Http404
    audit_record(
        actor=request.user,
        action=AuditAction.COPY_VIEW,
        summary=_("Printed the covering letter for the copy to %(name)s")
        % {"name": copy.recipient_name},
        person=copy.person,
        plan=copy.plan,
        detail={"copy": copy.pk, "what": "letter"},
    )
    pdf = delivery.covering_letter_pdf(copy, selectors.enclosed_with(copy))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="covering-letter-{copy.pk}.pdf"'
    return response


@require_GET
def to_post(request):
    """Copies waiting to be posted, for the team: print each letter, post, mark as posted."""
    if not services.may_send_copies(request.user):
        raise PermissionDenied
    page = Paginator(selectors.to_post(request.user), PER_PAGE).get_page(request.GET.get("page"))
    # Names and addresses of each person on the page: one audit event per person.
    for copy in {copy.person_id: copy for copy in page}.values():
        audit_record(
            actor=request.user,
            action=AuditAction.PERSON_VIEW,
            summary=_("Viewed the copies of %(name)s waiting to be posted")
            % {"name": copy.person.full_name},
            person=copy.person,
            detail={"page": "to_post"},
        )
    return render(request, "copies/to_post.html", {"page": page})


@require_POST
def posted(request, pk):
    copy = _staff_copy(request, pk)
    try:
        marked = services.copy_mark_posted(copy=copy, actor=request.user)
    except Refused as refusal:
        messages.error(request, str(refusal))
    else:
        if marked:
            messages.success(
                request,
                _("The copy to %(name)s is marked as posted") % {"name": copy.recipient_name},
            )
        else:
            messages.info(request, _("This copy had already been marked as posted"))
    return redirect("copies:to_post")


@require_GET
def person_copies(request, pk):
    """A person's copies: for the person and their carers, the copies sent to them; for staff,
    every copy sent to anyone."""
    person = person_get_for_user(user=request.user, pk=pk, purpose=_purpose(request))
    page = Paginator(selectors.person_copies(request.user, person), PER_PAGE).get_page(
        request.GET.get("page")
    )
    for_self = person.user_id == request.user.pk
    back = reverse("people:home") if for_self else reverse("people:detail", args=[person.pk])
    return render(
        request,
        "copies/person_copies.html",
        {
            "person": person,
            "page": page,
            "for_self": for_self,
            "staff": request.user.is_worker,
            "back": back,
        },
    )
