"""New or different outcomes agreed at a review (R5): added, changed and removed while the review
is a draft, by the worker recording it. They go into the new draft version of the plan when the
review is finalised with a new plan needed (services.outcomes.carry_into_new_plan)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tandem.errors import EditConflict, Refused
from tandem.plans import frameworks
from tandem.reviews import services
from tandem.reviews.forms.outcomes import NEW, ReviewOutcomeAddForm, ReviewOutcomeChangeForm
from tandem.reviews.models import Review, ReviewOutcome
from tandem.reviews.services import outcomes as outcome_services
from tandem.reviews.views import _posted, _review


def _draft_review(request, pk) -> Review:
    """The draft review, if the user may record it (404 for another organisation's, 403 for a
    role that may not); a final review's outcomes can no longer be changed (403)."""
    review = _review(request, pk)
    if review.is_final:
        raise PermissionDenied(_("This review has been finalised and can no longer be changed."))
    return review


def _render(request, review, form, *, heading, row=None):
    return render(
        request,
        "reviews/outcome_form.html",
        {
            "review": review,
            "plan": review.plan,
            "person": review.plan.person,
            "form": form,
            "heading": heading,
            "row": row,
        },
    )


def _life_areas(review: Review):
    """The person's areas of life, as the plan's outcome form offers them."""
    return frameworks.life_area_choices(
        organisation=review.plan.organisation, age_group=review.person.age_group
    )


def _back(review: Review):
    return redirect(f"{reverse('reviews:review', args=[review.pk])}#new-outcomes")


@require_http_methods(["GET", "POST"])
def outcome_add(request, pk):
    review = _draft_review(request, pk)
    form = ReviewOutcomeAddForm(
        _posted(request),
        outcomes=services.review_outcomes(review),
        held_on=review.held_on,
        life_areas=_life_areas(review),
    )
    if request.method == "POST" and form.is_valid():
        try:
            outcome_services.review_outcome_add(
                review=review,
                actor=request.user,
                submission_key=form.cleaned_data.get("submission_key"),
                **form.values(),
            )
        except Refused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The outcome agreed at the review has been added"))
            return _back(review)
    return _render(request, review, form, heading=_("Add a new or different outcome"))


@require_http_methods(["GET", "POST"])
def outcome_change(request, pk, outcome_pk):
    review = _draft_review(request, pk)
    row = get_object_or_404(ReviewOutcome, pk=outcome_pk, review=review)
    form = ReviewOutcomeChangeForm(
        _posted(request),
        outcomes=services.review_outcomes(review),
        held_on=review.held_on,
        life_areas=_life_areas(review),
        initial={
            "changes": str(row.changes_uid) if row.changes_uid else NEW,
            "words": row.words,
            "kind": row.kind,
            "achieve_by": row.achieve_by,
            "life_area": row.life_area,
            "loaded": outcome_services.loaded_stamp(row),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            outcome_services.review_outcome_change(
                row=row, actor=request.user, loaded=form.cleaned_data["loaded"], **form.values()
            )
        except EditConflict as error:
            form.add_error(None, str(error))
            if error.current is not None:
                # Saving again replaces the newer change with what this person typed.
                form.data = form.data.copy()
                form.data["loaded"] = outcome_services.loaded_stamp(error.current)
        except Refused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The outcome agreed at the review has been changed"))
            return _back(review)
    return _render(
        request, review, form, heading=_("Change the outcome agreed at the review"), row=row
    )


@require_http_methods(["GET", "POST"])
def outcome_remove(request, pk, outcome_pk):
    review = _draft_review(request, pk)
    row = get_object_or_404(ReviewOutcome, pk=outcome_pk, review=review)
    error = None
    if request.method == "POST":
        try:
            outcome_services.review_outcome_remove(row=row, actor=request.user)
        except Refused as refused:
            error = str(refused)
        else:
            messages.success(request, _("The outcome agreed at the review has been removed"))
            return _back(review)
    return render(
        request,
        "reviews/outcome_remove.html",
        {
            "review": review,
            "plan": review.plan,
            "person": review.plan.person,
            "row": row,
            "error": error,
        },
    )


urlpatterns = [
    path("reviews/<int:pk>/outcomes/add/", outcome_add, name="outcome_add"),
    path("reviews/<int:pk>/outcomes/<int:outcome_pk>/", outcome_change, name="outcome_change"),
    path(
        "reviews/<int:pk>/outcomes/<int:outcome_pk>/remove/",
        outcome_remove,
        name="outcome_remove",
    ),
]
