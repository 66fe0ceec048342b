"""Data rights pages: everything held about a person, closing and reopening their record, and
the administrator's retention setting. Thin views: one access call, one form, one service."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tandem.accounts.access import get_person_for_user
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_record
from tandem.errors import EditConflict, Refused
from tandem.people.models import Person
from tandem.records import selectors, services
from tandem.records.export import archive_name
from tandem.records.forms import CloseRecordForm, ExportForm, ReopenRecordForm, RetentionForm
from tandem.records.models import SubjectAccessExport


def _posted(request):
    return request.POST if request.method == "POST" else None


def _person_for(request, pk) -> Person:
    """404 without a relationship (ids reveal nothing), 403 for anyone but staff. Not audited
    here: each page audits what it did with the record (read it, exported it, closed it)."""
    person = get_person_for_user(request.user, pk)
    if not services.may_close_records(request.user):
        raise PermissionDenied
    return person


def _viewed(request, person: Person) -> None:
    purpose = request.resolver_match.url_name if request.resolver_match else ""
    audit_record(
        actor=request.user,
        action=AuditAction.PERSON_VIEW,
        summary=_("Viewed the record of %(name)s") % {"name": person.full_name},
        person=person,
        detail={"page": purpose},
    )


@require_http_methods(["GET", "POST"])
def everything_held(request, pk):
    """The subject-access page: what is held, the archives asked for, and asking for one."""
    person = _person_for(request, pk)
    form = ExportForm(_posted(request))
    if form.is_valid():
        services.subject_access_request(person=person, actor=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("The archive is being made. It will be ready to download here in a few minutes."),
        )
        return redirect("records:everything_held", pk=person.pk)
    _viewed(request, person)
    return render(
        request,
        "records/everything_held.html",
        {
            "person": person,
            "form": form,
            "counts": selectors.held_counts(person),
            "exports": selectors.exports_for(person),
            "kept_days": SubjectAccessExport.KEPT_DAYS,
        },
    )


@require_GET
def everything_held_download(request, pk, export_pk):
    person = _person_for(request, pk)
    found = selectors.get_export(person, export_pk)
    archive = services.subject_access_download(request=found, actor=request.user)
    response = HttpResponse(archive, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{archive_name(person)}"'
    return response


@require_http_methods(["GET", "POST"])
def record_close(request, pk):
    person = _person_for(request, pk)
    if person.closed_on is not None and request.method == "GET":
        return redirect("records:reopen", pk=person.pk)
    form = CloseRecordForm(_posted(request))
    if form.is_valid():
        try:
            services.record_close(person=person, actor=request.user, **form.cleaned_data)
        except Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request, _("The record of %(name)s is closed") % {"name": person.full_name}
            )
            return redirect("people:detail", pk=person.pk)
    _viewed(request, person)
    return render(request, "records/close.html", {"person": person, "form": form})


@require_http_methods(["GET", "POST"])
def record_reopen(request, pk):
    person = _person_for(request, pk)
    closure = services.closure_in_force(person)
    if closure is None and request.method == "GET":
        messages.info(request, _("This record is open"))
        return redirect("people:detail", pk=person.pk)
    initial = {"closure": closure.pk} if closure else {}
    form = ReopenRecordForm(_posted(request), initial=initial)
    if form.is_valid():
        try:
            if closure is None or closure.pk != form.cleaned_data["closure"]:
                raise EditConflict(
                    _("Someone else reopened this record while you were reopening it.")
                )
            services.record_reopen(
                person=person,
                closure=closure,
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request, _("The record of %(name)s is open again") % {"name": person.full_name}
            )
            return redirect("people:detail", pk=person.pk)
    _viewed(request, person)
    return render(
        request, "records/reopen.html", {"person": person, "form": form, "closure": closure}
    )


@require_http_methods(["GET", "POST"])
def retention(request):
    if not services.may_set_retention(request.user):
        raise PermissionDenied(_("Only an administrator can change how long records are kept."))
    organisation = request.user.organisation
    initial = {
        "retention_years": organisation.retention_years,
        "revision": organisation.retention_revision,
    }
    form = RetentionForm(_posted(request), initial=initial)
    latest = None
    if form.is_valid():
        try:
            services.retention_update(
                organisation=organisation,
                retention_years=form.cleaned_data["retention_years"],
                revision=form.cleaned_data["revision"],
                actor=request.user,
            )
        except EditConflict as conflict:
            # Keep what was typed; a second save (after checking) goes through.
            latest = conflict.current
            form.data = form.data.copy()
            form.data["revision"] = str(latest.retention_revision)
            form.add_error(None, str(conflict))
        else:
            messages.success(request, _("How long closed records are kept has been saved"))
            return redirect("records:retention")
    return render(request, "records/retention.html", {"form": form, "latest": latest})
