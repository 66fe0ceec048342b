"""Between reviews: carrying out the agreed plan, progress on its actions, and what calls for a
review (R1, R10)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tandem.audit.models import AuditAction
from tandem.errors import EditConflict, Refused
from tandem.people.access import person_get_for_user
from tandem.plans.access import plan_get_for_user
from tandem.plans.models import Plan
from tandem.plans.provider_part import concerns, part_notice, plan_view, sees_whole_plan
from tandem.reviews import chart as chart_module
from tandem.reviews import history as history_module
from tandem.reviews import progress, rules, services
from tandem.reviews.forms import (
    ProgressForm,
    ReviewFinaliseForm,
    ReviewForm,
    ReviewRequestForm,
    TriggerForm,
)
from tandem.reviews.models import AttainmentLevel, Review, ReviewTrigger
from tandem.reviews.preparation import preparation
from tandem.reviews.record import review_record
from tandem.reviews.services import contacts as contact_services
from tandem.reviews.services import outcomes as outcome_services


def _purpose(request) -> str:
    return request.resolver_match.url_name if request.resolver_match else ""


def _posted(request):
    return request.POST if request.method == "POST" else None


def _agreed_plan(request, pk, *, allowed=None, action=AuditAction.PLAN_VIEW) -> Plan:
    """Fetch, authorise and audit; only the agreed plan in force is carried out."""
    plan = plan_get_for_user(
        user=request.user, pk=pk, purpose=_purpose(request), allowed=allowed, action=action
    )
    if plan.status != Plan.Status.AGREED:
        raise PermissionDenied(
            _("Progress is recorded on the plan in force, once it has been agreed.")
        )
    return plan


@require_safe
def carrying_out(request, plan_pk):
    plan = _agreed_plan(request, plan_pk, action=AuditAction.CARRYING_OUT_VIEW)
    view = plan_view(request.user, plan.person)
    # A provider sees their own actions only, and not what the whole plan's triggers and
    # reviews say (plans/provider_part.py).
    rows = [r for r in progress.action_rows(plan, timezone.localdate()) if concerns(view, r.action)]
    membership = services.progress_membership(request.user, plan)
    recordable = {
        row.action.pk
        for row in rows
        if not services.progress_refusal(request.user, plan, row.action, membership)
    }
    return render(
        request,
        "reviews/carrying_out.html",
        {
            "plan": plan,
            "person": plan.person,
            "rows": rows,
            "recordable": recordable,
            "part_notice": part_notice(view, plan.person.known_as),
            "triggers": progress.triggers_for(plan) if view.whole else [],
            **contact_services.carrying_out_contacts(request.user, plan.person),
            "can_trigger": request.user.is_worker,
            "can_ask": services.may_record_trigger(request.user),
            "can_review": services.may_record_review(request.user),
            "reviews": [
                (review, rules.copy_state(review, timezone.localdate()))
                for review in plan.reviews.filter(status=Review.Status.FINAL)
            ]
            if view.sees_review_records
            else [],
        },
    )


@require_http_methods(["GET", "POST"])
def action_progress(request, plan_pk, action_pk):
    plan = _agreed_plan(request, plan_pk, allowed=services.may_record_progress)
    action = progress.get_action(plan, action_pk)
    membership = services.progress_membership(request.user, plan)
    refusal = services.progress_refusal(request.user, plan, action, membership)
    if refusal:
        raise PermissionDenied(refusal)
    agreed_on = services.plan_agreed_on(plan)
    form = ProgressForm(
        _posted(request), agreed_on=agreed_on, initial={"happened_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.progress_record(
                plan=plan, action=action, actor=request.user, **form.cleaned_data
            )
        except Refused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Progress on the action has been recorded"))
            return redirect("reviews:carrying_out", plan_pk=plan.pk)
    return render(
        request,
        "reviews/progress.html",
        {
            "plan": plan,
            "person": plan.person,
            "action": action,
            "history": progress.action_history(plan, action),
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
def trigger(request, plan_pk):
    """R10: a worker records a contingency triggered, a change of circumstances or a rise in
    risk; it makes an urgent review due."""
    plan = _agreed_plan(request, plan_pk, allowed=lambda user: user.is_worker)
    form = TriggerForm(
        _posted(request),
        kinds=services.trigger_kinds_for(request.user),
        initial={"happened_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.trigger_record(
                person=plan.person, plan=plan, actor=request.user, **form.cleaned_data
            )
        except Refused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("It has been recorded, and a review is now due"))
            return redirect("reviews:carrying_out", plan_pk=plan.pk)
    return render(
        request, "reviews/trigger.html", {"plan": plan, "person": plan.person, "form": form}
    )


@require_http_methods(["GET", "POST"])
def review_request(request, person_pk):
    """R1: the person asks for a review at any time, from their own login (or a worker records
    that they asked)."""
    person = person_get_for_user(
        user=request.user,
        pk=person_pk,
        purpose=_purpose(request),
        allowed=services.may_record_trigger,
    )
    form = ReviewRequestForm(_posted(request), for_self=not request.user.is_worker)
    if request.method == "POST" and form.is_valid():
        plan = person.plans.filter(status=Plan.Status.AGREED).first()
        try:
            services.trigger_record(
                person=person,
                plan=plan,
                kind=ReviewTrigger.Kind.ASKED,
                happened_on=timezone.localdate(),
                actor=request.user,
                **form.cleaned_data,
            )
        except Refused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The request for a review has been recorded"))
            return redirect("people:detail", pk=person.pk)
    return render(request, "reviews/request.html", {"person": person, "form": form})


# The review record (R5–R9) -------------------------------------------------------------------


def _review(request, pk) -> Review:
    """The review, if the user may record reviews of this person's plan (404 for another
    organisation's or team's, 403 for a role that may not record); viewing it is audited."""
    review = get_object_or_404(Review, pk=pk, organisation_id=request.user.organisation_id)
    review.plan = plan_get_for_user(
        user=request.user,
        pk=review.plan_id,
        purpose=_purpose(request),
        allowed=services.may_record_review,
        action=AuditAction.REVIEW_VIEW,
    )
    return review


@require_POST
def review_start(request, plan_pk):
    plan = _agreed_plan(request, plan_pk, allowed=services.may_record_review)
    try:
        review = services.review_start(plan=plan, actor=request.user)
    except Refused as error:
        messages.error(request, str(error))
        return redirect("reviews:carrying_out", plan_pk=plan.pk)
    return redirect("reviews:review", pk=review.pk)


@require_http_methods(["GET", "POST"])
def review(request, pk):
    review = _review(request, pk)
    outcomes = services.review_outcomes(review)
    evaluations = {e.outcome_uid: e for e in review.evaluations.all()}
    if review.is_final:
        if request.method == "POST":
            raise PermissionDenied(
                _("This review has been finalised and can no longer be changed.")
            )
        return render(
            request,
            "reviews/review_final.html",
            {
                "review": review,
                "plan": review.plan,
                "person": review.plan.person,
                "rated": [(o, evaluations.get(o.uid)) for o in outcomes],
                "new_outcomes": outcome_services.listed(review, {o.uid: o.words for o in outcomes}),
                "copy": rules.copy_state(review, timezone.localdate()),
                "can_send": services.may_send_review_copy(request.user),
            },
        )
    form = ReviewForm(
        _posted(request),
        plan=review.plan,
        outcomes=outcomes,
        initial=ReviewForm.initial_for(review, outcomes, evaluations),
        levels=_levels_in_words(review),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.review_save(
                review=review,
                data=form.review_data(),
                evaluations=form.evaluations(),
                revision=form.cleaned_data["revision"],
                actor=request.user,
            )
        except EditConflict as error:
            form.add_error(None, str(error))
            if error.current is not None:
                # What was typed is kept; saving again (after checking) goes through.
                form.data = form.data.copy()
                form.data["revision"] = str(error.current.revision)
        except Refused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The review record has been saved"))
            if "finalise" in request.POST:
                return redirect("reviews:review_finalise", pk=review.pk)
            return redirect("reviews:review", pk=review.pk)
    return render(
        request,
        "reviews/review.html",
        {
            "review": review,
            "plan": review.plan,
            "person": review.plan.person,
            "form": form,
            "sections": _outcome_sections(form, outcomes),
            # R4, R5: the plan, what has happened since, past reviews, the person's answers.
            "prep": preparation(review, today=timezone.localdate(), outcomes=outcomes),
            "new_outcomes": outcome_services.listed(review, {o.uid: o.words for o in outcomes}),
        },
    )


def _levels_in_words(review: Review) -> dict[int, dict[int, str]]:
    """The GAS levels the person described for each outcome of the reviewed plan, by outcome id:
    one query for the whole plan."""
    levels: dict[int, dict[int, str]] = {}
    described = AttainmentLevel.objects.filter(plan_id=review.plan_id)
    for outcome_id, level, words in described.values_list("outcome_id", "level", "words"):
        levels.setdefault(outcome_id, {})[level] = words
    return levels


def _outcome_sections(form, outcomes) -> list[dict]:
    return [
        {
            "outcome": outcome,
            "fields": [form[f"rating_{n}"], form[f"evidence_{n}"], form[f"gas_{n}"]],
        }
        for n, outcome in enumerate(outcomes)
    ]


@require_http_methods(["GET", "POST"])
def review_finalise(request, pk):
    review = _review(request, pk)
    if review.is_final:
        return redirect("reviews:review", pk=review.pk)
    form = ReviewFinaliseForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            result = services.review_finalise(review=review, actor=request.user)
        except Refused as error:
            form.add_error(None, str(error))
        else:
            if result.new_plan is not None:
                messages.success(
                    request,
                    _(
                        "The review record has been finalised, and a new draft version of the "
                        "plan has been started from it"
                    ),
                )
                return redirect("plans:detail", result.new_plan.pk)
            messages.success(request, _("The review record has been finalised"))
            return redirect("reviews:review", pk=review.pk)
    return render(
        request,
        "reviews/review_finalise.html",
        {
            "review": review,
            "plan": review.plan,
            "person": review.plan.person,
            "form": form,
            "problems": services.review_finalise_problems(review, today=timezone.localdate()),
        },
    )


# The review record as a document, and its copy (R8) --------------------------------------------


def _final_review(request, pk, *, allowed=None) -> Review:
    """A final review, if the user may see the reviewed plan (the person and carers with consent
    included); 404 for a draft or another organisation's; viewing it is audited."""
    review = get_object_or_404(
        Review, pk=pk, organisation_id=request.user.organisation_id, status=Review.Status.FINAL
    )
    review.plan = plan_get_for_user(
        user=request.user,
        pk=review.plan_id,
        purpose=_purpose(request),
        allowed=allowed,
        action=AuditAction.REVIEW_VIEW,
    )
    return review


@require_safe
def review_document(request, pk):
    # A review record evaluates every outcome of the plan: not for a provider, who sees only
    # their part of it (plans/provider_part.py).
    review = _final_review(request, pk, allowed=sees_whole_plan)
    # The same record and template include as every copy of it (documents/render.py).
    return render(
        request,
        "reviews/review_document.html",
        {
            "record": review_record(review),
            "review": review,
            "plan": review.plan,
            "person": review.plan.person,
            "copy": rules.copy_state(review, timezone.localdate()),
        },
    )


@require_http_methods(["GET", "POST"])
def review_send(request, pk):
    review = _final_review(request, pk, allowed=services.may_send_review_copy)
    if request.method == "POST":
        try:
            review, sent = services.review_send_copy(review=review, actor=request.user)
        except Refused as error:
            messages.error(request, str(error))
        else:
            if sent:
                messages.success(request, _("The copy of the review record has been sent"))
            else:
                messages.info(request, _("The copy of this review record had already been sent"))
        return redirect("reviews:review", pk=review.pk)
    return render(
        request,
        "reviews/review_send.html",
        {
            "review": review,
            "plan": review.plan,
            "person": review.plan.person,
            "recipients": services.review_copy_recipients(review),
            "copy": rules.copy_state(review, timezone.localdate()),
        },
    )


# Progress over time (Build 7) ------------------------------------------------------------------


@require_safe
def history(request, person_pk):
    """The person's progress: the T-score of each final review as a chart and a table, and each
    outcome's history across reviews and plan versions. Anyone who may see the person may see
    it, the person themself included; viewing it is audited."""
    person = person_get_for_user(
        user=request.user,
        pk=person_pk,
        purpose=_purpose(request),
        # Every outcome's history across reviews: the whole plan, so not for a provider.
        allowed=sees_whole_plan,
        action=AuditAction.REVIEW_VIEW,
        summary=_("Viewed the progress of %(name)s over time"),
    )
    found = history_module.progress_for(person)
    title = _("%(name)s’s progress") % {"name": person.full_name}
    # progress_svg escapes everything it is given, so its markup is safe to show as it is.
    chart = mark_safe(chart_module.progress_svg(found.points, title=title))  # noqa: S308
    # What happened between reviews (the reminders sent, and to whom) is for staff.
    events = history_module.events_for(person) if request.user.is_worker else []
    return render(
        request,
        "reviews/history.html",
        {"person": person, "title": title, "progress": found, "chart": chart, "events": events},
    )
