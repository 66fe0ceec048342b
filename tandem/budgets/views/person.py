"""A person's indicative budget (P8) and financial assessment (P7): the page that explains them,
and the forms staff record them with. Each view: one access call, one form or service call,
render or redirect."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from tandem.audit.models import AuditAction
from tandem.budgets import money
from tandem.budgets.forms.person import FinancialAssessmentForm, OutsideBudgetForm, RasForm
from tandem.budgets.selectors.person import (
    may_record_budget,
    may_view_budget,
    person_budget_page,
)
from tandem.budgets.services import person as services
from tandem.errors import Refused
from tandem.people.access import person_get_for_user
from tandem.people.models import Person


def _person_for(request, pk, *, allowed) -> Person:
    """Fetch, authorise and audit (tandem/people/access.py): 404 without a relationship, 403
    when the role may not do this; a read of the person's budget, whatever the method."""
    purpose = request.resolver_match.url_name if request.resolver_match else ""
    return person_get_for_user(
        user=request.user,
        pk=pk,
        purpose=purpose,
        allowed=allowed,
        action=AuditAction.BUDGET_VIEW,
        summary=_("Viewed the budget of %(name)s"),
    )


def _to_budget(request, person: Person, message: str):
    messages.success(request, message)
    return redirect("budgets:person", person_pk=person.pk)


@require_safe
def person_budget(request, person_pk):
    person = _person_for(request, person_pk, allowed=may_view_budget)
    page = person_budget_page(request.user, person)
    return render(request, "budgets/person/budget.html", {"person": person, "page": page})


@require_http_methods(["GET", "POST"])
def ras(request, person_pk):
    person = _person_for(request, person_pk, allowed=may_record_budget)
    scheme = services.scheme_in_use(person.organisation_id)
    if scheme is None or not scheme.questions.exists():
        return _no_scheme(request, person, scheme)
    form = RasForm(request.POST or None, scheme=scheme)
    if form.is_valid():
        try:
            budget = services.indicative_budget_work_out(
                person=person,
                scheme=scheme,
                answers=form.answers(),
                adjustments=form.adjustments(),
                with_person=form.cleaned_data["with_person"],
                actor=request.user,
                scheme_revision=scheme.revision,
                submission_key=form.cleaned_data["submission_key"],
            )
        except services.SchemeChanged as refusal:
            # Changed between showing the form and saving: the form again, for the version in
            # use now, with the answers that still fit.
            scheme = services.scheme_in_use(person.organisation_id)
            if scheme is None or not scheme.questions.exists():
                return _no_scheme(request, person, scheme)
            form = RasForm(request.POST, scheme=scheme)
            form.refuse_stale(str(refusal))
        except Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            return _to_budget(
                request,
                person,
                _("The indicative budget is %(weekly)s a week (%(yearly)s a year)")
                % {
                    "weekly": money.pounds(budget.weekly_amount),
                    "yearly": money.pounds(money.yearly(budget.weekly_amount)),
                },
            )
    return render(
        request, "budgets/person/ras.html", {"person": person, "scheme": scheme, "form": form}
    )


def _no_scheme(request, person: Person, scheme):
    """No scheme to complete: say so, and offer to record a budget set outside Tandem."""
    return render(request, "budgets/person/no_scheme.html", {"person": person, "scheme": scheme})


@require_http_methods(["GET", "POST"])
def set_outside(request, person_pk):
    person = _person_for(request, person_pk, allowed=may_record_budget)
    form = OutsideBudgetForm(request.POST or None)
    if form.is_valid():
        try:
            budget = services.indicative_budget_record_outside(
                person=person,
                weekly_amount=form.cleaned_data["weekly_amount"],
                source_details=form.cleaned_data["source_details"],
                set_on=form.cleaned_data["set_on"],
                actor=request.user,
                submission_key=form.cleaned_data["submission_key"],
            )
        except Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            return _to_budget(
                request,
                person,
                _("The indicative budget of %(weekly)s a week has been recorded")
                % {"weekly": money.pounds(budget.weekly_amount)},
            )
    return render(request, "budgets/person/set_outside.html", {"person": person, "form": form})


@require_http_methods(["GET", "POST"])
def assessment(request, person_pk):
    person = _person_for(request, person_pk, allowed=may_record_budget)
    form = FinancialAssessmentForm(request.POST or None)
    if form.is_valid():
        try:
            services.financial_assessment_record(
                person=person,
                status=form.cleaned_data["status"],
                assessed_on=form.cleaned_data["assessed_on"],
                weekly_contribution=form.cleaned_data["weekly_contribution"],
                notes=form.cleaned_data["notes"],
                actor=request.user,
                submission_key=form.cleaned_data["submission_key"],
            )
        except Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            return _to_budget(request, person, _("The financial assessment has been recorded"))
    return render(request, "budgets/person/assessment.html", {"person": person, "form": form})


urlpatterns = [
    path("people/<int:person_pk>/", person_budget, name="person"),
    path("people/<int:person_pk>/work-out/", ras, name="ras"),
    path("people/<int:person_pk>/set-outside/", set_outside, name="set_outside"),
    path("people/<int:person_pk>/financial-assessment/", assessment, name="assessment"),
]
