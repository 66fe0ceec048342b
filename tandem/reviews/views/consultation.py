"""The consultation before a review (R3) and the person's own answers for it (R4, R5): whom they
want at the review, how it should be held, every provider in the plan invited or why not, and in
their own words what is working, what is not and what they want to change.

Answered by the person in their own login, by a carer who may represent them, or by a worker
with the person; providers may not (they are the ones being invited)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tandem.audit.models import AuditAction
from tandem.errors import EditConflict, Refused
from tandem.people.access import person_get_for_user
from tandem.people.models import Person
from tandem.plans.models import Plan
from tandem.reviews.forms.consultation import ConsultationForm
from tandem.reviews.services import consultation as services
from tandem.reviews.views import _posted, _purpose

# Where the page was opened from, so saving goes back there (names, never addresses).
CAME_FROM_PLAN = "plan"


def _person(request, person_pk) -> Person:
    """The person, if the user may answer for them (404 for someone they have no relationship
    with, 403 for a provider or a carer who may not represent them); viewing it is audited."""
    return person_get_for_user(
        user=request.user,
        pk=person_pk,
        purpose=_purpose(request),
        # Asked once the person is found and visible to the user.
        allowed=lambda user: services.may_consult_on(user, person_pk),
        action=AuditAction.CONSULTATION_VIEW,
        summary=_("Viewed the consultation before the review of %(name)s"),
    )


def _back(request, person: Person, plan: Plan | None) -> str:
    if request.GET.get("from") == CAME_FROM_PLAN and plan is not None:
        return reverse("plans:detail", args=[plan.pk])
    return reverse("people:detail", args=[person.pk])


@require_http_methods(["GET", "POST"])
def consultation(request, person_pk):
    person = _person(request, person_pk)
    plan = (
        Plan.objects.filter(person=person, status=Plan.Status.AGREED)
        .select_related("organisation")
        .first()
    )
    back = _back(request, person, plan)
    context = {"person": person, "plan": plan, "back": back, "for_self": _for_self(request)}
    if plan is None:
        return render(request, "reviews/consultation/no_plan.html", context)
    current = services.current_consultation(person)
    state = services.consultation_state(plan, today=timezone.localdate(), consultation=current)
    providers = services.plan_providers(plan)
    form = ConsultationForm(
        _posted(request),
        providers=providers,
        initial=ConsultationForm.initial_for(current, providers),
    )
    saved_now = None
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_save(
                person=person,
                data=form.consultation_data(),
                invitations=form.invitations(),
                revision=form.cleaned_data["revision"],
                actor=request.user,
            )
        except EditConflict as conflict:
            saved_now = conflict.current
            form = _conflicted(form, conflict, providers)
        except Refused as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Your answers have been saved. You can change them until the review.")
                if context["for_self"]
                else _("The answers have been saved. They can be changed until the review."),
            )
            return redirect(back)
    return render(
        request,
        "reviews/consultation/consultation.html",
        {
            **context,
            "form": form,
            "state": state,
            "current": current,
            "saved_now": saved_now,
            "providers": form.provider_fields(),
        },
    )


def _for_self(request) -> bool:
    """The person answering in their own login (or a carer for them), not a worker with them."""
    return not request.user.is_worker


def _conflicted(form: ConsultationForm, conflict: EditConflict, providers) -> ConsultationForm:
    """Keep what was typed, say why it was not saved, and let a second save go through."""
    data = form.data.copy()
    data["revision"] = conflict.current.revision if conflict.current is not None else 0
    fresh = ConsultationForm(data, providers=providers)
    fresh.is_valid()
    fresh.add_error(None, str(conflict))
    return fresh


urlpatterns = [
    path("people/<int:person_pk>/consultation/", consultation, name="consultation"),
]
