"""The plan as a document: as it is now, exactly as each copy was sent, and two versions compared.

Every page renders from a plan snapshot only (see document.py), so a copy sent years ago is shown
through the same template as today's draft and looks exactly as it did when it was sent (A4).
"""

import re

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tandem.accounts.access import get_person_for_user
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_record
from tandem.documents import selectors
from tandem.documents.compare import compare_snapshots
from tandem.documents.document import document_content, recipients_for_display
from tandem.documents.forms import CompareForm
from tandem.documents.pdf import document_pdf
from tandem.plans.models import Plan
from tandem.plans.provider_part import (
    PlanView,
    issue_reasons,
    part_notice,
    plan_view,
    visible_parts,
)
from tandem.plans.selectors import get_issue, get_plan_for_user
from tandem.plans.snapshot import load_plan_parts, plan_snapshot
from tandem.ui.templatetags.govuk import govuk_date


def _pdf(context: dict, filename: str) -> HttpResponse:
    response = HttpResponse(document_pdf(context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _plan_document(request, plan_pk: int, *, as_pdf: bool = False) -> tuple[Plan, PlanView, dict]:
    """The plan as it is now, as this reader may see it; reading it is audited (in either
    format, said in the audit detail)."""
    plan = get_plan_for_user(request.user, plan_pk)
    snapshot = plan_snapshot(load_plan_parts(plan))
    audit_record(
        actor=request.user,
        action=AuditAction.DOCUMENT_VIEW,
        summary=_("Viewed the plan document for version %(number)s")
        % {"number": plan.version_number},
        plan=plan,
        detail={"format": "pdf"} if as_pdf else {},
    )
    view = plan_view(request.user, plan.person)
    return plan, view, {**document_content(snapshot, view=view), "plan_obj": plan}


@require_GET
def plan_document(request, plan_pk: int):
    plan, view, context = _plan_document(request, plan_pk)
    context["issues"] = issue_reasons(view, selectors.plan_issues(plan))
    return render(request, "documents/plan.html", context)


@require_GET
def plan_document_pdf(request, plan_pk: int):
    plan, _view, context = _plan_document(request, plan_pk, as_pdf=True)
    return _pdf(context, f"plan-{plan.person.local_identifier}-v{plan.version_number}.pdf")


def _issue_document(
    request, plan_pk: int, number: int, *, as_pdf: bool = False
) -> tuple[Plan, dict]:
    """A copy exactly as it was sent, as this reader may see it; reading it is audited."""
    plan = get_plan_for_user(request.user, plan_pk)
    view = plan_view(request.user, plan.person)
    [issue] = issue_reasons(view, [get_issue(plan, number)])
    audit_record(
        actor=request.user,
        action=AuditAction.ISSUE_VIEW,
        summary=_("Viewed copy %(issue)s of version %(number)s of the plan")
        % {"issue": issue.number, "number": plan.version_number},
        plan=plan,
        detail={"issue": issue.number, **({"format": "pdf"} if as_pdf else {})},
    )
    return plan, {
        **document_content(issue.snapshot, issued=True, view=view),
        "plan_obj": plan,
        "issue": issue,
        # Who else a copy went to names the person's circle and any advocate: the whole plan's.
        "recipients": recipients_for_display(issue.recipients) if view.whole else [],
    }


@require_GET
def issue_document(request, plan_pk: int, number: int):
    plan, context = _issue_document(request, plan_pk, number)
    latest = selectors.latest_issue(plan.person)
    issue = context["issue"]
    context["later_issue"] = latest if latest and latest.pk != issue.pk else None
    return render(request, "documents/issue.html", context)


@require_GET
def issue_document_pdf(request, plan_pk: int, number: int):
    plan, context = _issue_document(request, plan_pk, number, as_pdf=True)
    identifier = plan.person.local_identifier
    return _pdf(context, f"plan-{identifier}-v{plan.version_number}-copy{number}.pdf")


# A choice is a version as it is now ("12") or a copy of it as it was sent ("12:3").
CHOICE = re.compile(r"^(\d+)(?::(\d+))?$")


def _choices(versions: list[Plan]) -> list[tuple[str, str]]:
    choices = []
    for plan in versions:
        choices.append(
            (
                str(plan.pk),
                _("Version %(number)s as it is now (%(status)s)")
                % {"number": plan.version_number, "status": plan.get_status_display()},
            )
        )
        for issue in reversed(plan.issues.all()):
            choices.append(
                (
                    f"{plan.pk}:{issue.number}",
                    _("Version %(number)s, copy %(issue)s sent on %(date)s")
                    % {
                        "number": plan.version_number,
                        "issue": issue.number,
                        "date": govuk_date(issue.issued_at),
                    },
                )
            )
    return choices


def _snapshot_for(value: str, versions: list[Plan]) -> tuple[str, Plan, dict]:
    """The choice (written the standard way), its plan and its snapshot.

    404 for anything that is not a version or copy of this person's plan."""
    match = CHOICE.match(value)
    plan = next((p for p in versions if match and p.pk == int(match[1])), None)
    if plan is None:
        raise Http404
    if match[2] is None:
        return str(plan.pk), plan, plan_snapshot(load_plan_parts(plan))
    number = int(match[2])
    snapshot = selectors.issue_snapshot(plan, number)
    if snapshot is None:
        raise Http404
    return f"{plan.pk}:{number}", plan, snapshot


def _default_from(versions: list[Plan]) -> str:
    """Without a choice: the previous version, or else the last copy sent of the only one (so a
    re-issued copy is compared with what was sent before it)."""
    if len(versions) > 1:
        return str(versions[1].pk)
    copies = list(versions[0].issues.all())
    if copies:
        return f"{versions[0].pk}:{copies[-2 if len(copies) > 1 else -1].number}"
    return str(versions[0].pk)


@require_GET
def compare(request, person_pk: int):
    """Two versions of a person's plan side by side: ?from=<plan>&to=<plan>, where each value is
    a plan id (the version as it is now) or "<plan id>:<issue number>" (a copy as it was sent).
    Without them: the previous version against the latest."""
    person = get_person_for_user(request.user, person_pk)
    versions = selectors.person_versions(person)
    if not versions:
        raise Http404
    choices = _choices(versions)
    from_value, _old_plan, old = _snapshot_for(
        request.GET.get("from") or _default_from(versions), versions
    )
    to_value, new_plan, new = _snapshot_for(request.GET.get("to") or str(versions[0].pk), versions)
    values = {"from": from_value, "to": to_value}
    labels = dict(choices)
    view = plan_view(request.user, person)
    audit_record(
        actor=request.user,
        action=AuditAction.COMPARE_VIEW,
        summary=_("Compared “%(old)s” with “%(new)s”")
        % {"old": labels[values["from"]], "new": labels[values["to"]]},
        plan=new_plan,
        detail={"from": values["from"], "to": values["to"]},
    )
    context = {
        "person": person,
        "form": CompareForm(initial=values, choices=choices),
        "old_label": labels[values["from"]],
        "new_label": labels[values["to"]],
        # Only a choice the user made can be "the same version twice"; defaults never are.
        "same": values["from"] == values["to"] and "from" in request.GET,
        "changes": compare_snapshots(visible_parts(view, old), visible_parts(view, new)),
        "part_notice": part_notice(view, person.known_as),
        "latest": versions[0],
        "only_one": len(choices) == 1,
    }
    return render(request, "documents/compare.html", context)
