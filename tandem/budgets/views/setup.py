"""The administrator's "Budgets and costs": the organisation's Resource Allocation System (its
versions, questions, answers and adjustments) and its catalogue of services and unit costs.

Each view: one access call (setup_selectors: 403 for anyone but an administrator, 404 for another
organisation's ids), one form or service call, render or redirect."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tandem.budgets import setup_selectors as selectors
from tandem.budgets.forms.setup import (
    CatalogueRateForm,
    CatalogueServiceForm,
    SchemeAdjustmentForm,
    SchemeAnswerForm,
    SchemeDetailsForm,
    SchemeQuestionForm,
)
from tandem.budgets.models import RasAdjustment, RasAnswer, RasQuestion, RasScheme, ServiceRate
from tandem.budgets.services import setup as services
from tandem.errors import EditConflict, Refused
from tandem.people.forms import add_errors
from tandem.ui.forms import SubmissionKeyField

GET_POST = require_http_methods(["GET", "POST"])


def _posted(request):
    return request.POST if request.method == "POST" else None


def _draft(request, pk) -> RasScheme:
    """A draft version of the organisation's scheme: a version in use (or replaced) never
    changes, so its change pages refuse (403) with the reason."""
    scheme = selectors.scheme_get_for_admin(request.user, pk)
    if scheme.status != RasScheme.Status.DRAFT:
        raise PermissionDenied(services.published_message())
    return scheme


def _scheme_url(scheme: RasScheme, anchor: str = "") -> str:
    url = reverse("budgets:setup_scheme", args=[scheme.pk])
    return f"{url}#{anchor}" if anchor else url


# --- Home ------------------------------------------------------------------------------------


@require_safe
def setup_home(request):
    schemes = selectors.schemes_for_setup(request.user)
    draft = next((s for s in schemes if s.status == RasScheme.Status.DRAFT), None)
    in_use = next((s for s in schemes if s.status == RasScheme.Status.PUBLISHED), None)
    return render(
        request,
        "budgets/setup/home.html",
        {
            "schemes": schemes,
            "draft": draft,
            "in_use": in_use,
            "catalogue": selectors.catalogue_counts(request.user),
            "new_key": uuid.uuid4(),
        },
    )


# --- The scheme's versions -----------------------------------------------------------------


@GET_POST
def setup_scheme_start(request):
    organisation = selectors.organisation_for_setup(request.user)
    if request.method == "GET" and selectors.schemes_for_setup(request.user):
        return redirect("budgets:setup")
    form = SchemeDetailsForm(_posted(request))
    if form.is_valid():
        try:
            scheme = services.scheme_start(
                organisation=organisation,
                actor=request.user,
                data=form.values(),
                submission_key=form.cleaned_data["submission_key"],
            )
        except ValidationError as error:
            add_errors(form, error)
        except Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The draft scheme has been started: now add its questions"))
            return redirect(_scheme_url(scheme))
    return render(request, "budgets/setup/scheme_form.html", {"form": form, "scheme": None})


@require_safe
def setup_scheme(request, pk):
    scheme = selectors.scheme_get_for_admin(request.user, pk)
    return render(
        request,
        "budgets/setup/scheme.html",
        {"page": selectors.scheme_page(scheme), "scheme": scheme, "new_key": uuid.uuid4()},
    )


@GET_POST
def setup_scheme_change(request, pk):
    scheme = _draft(request, pk)
    form = SchemeDetailsForm(
        _posted(request), instance=scheme, initial={"revision": scheme.revision}
    )
    latest = None
    if form.is_valid():
        try:
            services.scheme_update(
                scheme=scheme,
                actor=request.user,
                data=form.values(),
                revision=form.loaded_revision(),
            )
        except EditConflict as conflict:
            latest = _latest(form, conflict.current)
            form.keep_typing(conflict.current.revision, str(conflict))
        except ValidationError as error:
            add_errors(form, error)
        except Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The scheme’s details have been saved"))
            return redirect(_scheme_url(scheme))
    return render(
        request,
        "budgets/setup/scheme_form.html",
        {"form": form, "scheme": scheme, "latest": latest},
    )


@require_POST
def setup_scheme_new_version(request, pk):
    scheme = selectors.scheme_get_for_admin(request.user, pk)
    if scheme.status == RasScheme.Status.DRAFT:
        return redirect(_scheme_url(scheme))
    try:
        draft = services.scheme_new_version(
            scheme=scheme,
            actor=request.user,
            submission_key=SubmissionKeyField().to_python(request.POST.get("submission_key")),
        )
    except Refused as refusal:
        messages.error(request, str(refusal))
        return redirect("budgets:setup")
    messages.success(
        request,
        _(
            "Version %(version)s has been made from version %(source)s: change it, then put it "
            "in use"
        )
        % {"version": draft.version, "source": scheme.version},
    )
    return redirect(_scheme_url(draft))


@GET_POST
def setup_scheme_publish(request, pk):
    scheme = _draft(request, pk)
    error = None
    if request.method == "POST":
        try:
            services.scheme_publish(
                scheme=scheme, actor=request.user, revision=int(request.POST.get("revision", ""))
            )
        except ValueError:
            error = _("Something went wrong with the form: please try again.")
        except Refused as refusal:
            error = str(refusal)
            scheme.refresh_from_db()
        else:
            messages.success(
                request,
                _("Version %(version)s of the scheme is now in use") % {"version": scheme.version},
            )
            return redirect(_scheme_url(scheme))
    return render(
        request,
        "budgets/setup/publish.html",
        {
            "scheme": scheme,
            "page": selectors.scheme_page(scheme),
            "in_use": selectors.scheme_in_use(scheme.organisation_id),
            "error": error,
            "page_has_errors": bool(error),
        },
    )


# --- Questions, answers and adjustments of a draft -----------------------------------------


@dataclass(frozen=True)
class Part:
    """One kind of thing a draft scheme holds, and what its pages say."""

    form: type
    new: Callable[[Any], Any]  # an unsaved row belonging to the parent
    add: Callable[..., Any]
    update: Callable[..., Any]
    remove: Callable[..., Any]
    parent_arg: str  # the service's keyword for the parent when adding
    item_arg: str  # … and for the row when changing or removing
    add_title: Any
    change_title: Any
    remove_title: Any
    added: Any
    saved: Any
    removed: Any
    anchor: Callable[[Any], str]


QUESTION = Part(
    form=SchemeQuestionForm,
    new=lambda scheme: RasQuestion(scheme=scheme),
    add=services.question_add,
    update=services.question_update,
    remove=services.question_remove,
    parent_arg="scheme",
    item_arg="question",
    add_title=gettext_lazy("Add a question"),
    change_title=gettext_lazy("Change the question"),
    remove_title=gettext_lazy("Are you sure you want to remove this question and its answers?"),
    added=gettext_lazy("Question added: now add its answers"),
    saved=gettext_lazy("Question saved"),
    removed=gettext_lazy("Question removed"),
    anchor=lambda q: f"question-{q.pk}",
)
ANSWER = Part(
    form=SchemeAnswerForm,
    new=lambda question: RasAnswer(question=question),
    add=services.answer_add,
    update=services.answer_update,
    remove=services.answer_remove,
    parent_arg="question",
    item_arg="answer",
    add_title=gettext_lazy("Add an answer"),
    change_title=gettext_lazy("Change the answer"),
    remove_title=gettext_lazy("Are you sure you want to remove this answer?"),
    added=gettext_lazy("Answer added"),
    saved=gettext_lazy("Answer saved"),
    removed=gettext_lazy("Answer removed"),
    anchor=lambda a: f"question-{a.question_id}",
)
ADJUSTMENT = Part(
    form=SchemeAdjustmentForm,
    new=lambda scheme: RasAdjustment(scheme=scheme),
    add=services.adjustment_add,
    update=services.adjustment_update,
    remove=services.adjustment_remove,
    parent_arg="scheme",
    item_arg="adjustment",
    add_title=gettext_lazy("Add an adjustment"),
    change_title=gettext_lazy("Change the adjustment"),
    remove_title=gettext_lazy("Are you sure you want to remove this adjustment?"),
    added=gettext_lazy("Adjustment added"),
    saved=gettext_lazy("Adjustment saved"),
    removed=gettext_lazy("Adjustment removed"),
    anchor=lambda a: "adjustments",
)


def _latest(form, current) -> list[tuple[str, Any]] | None:
    """What is saved now, where it differs from what was typed, for someone whose save was
    refused because someone else changed it first."""
    if current is None:
        return None
    return [
        (str(form[name].label), getattr(current, name))
        for name in form._meta.fields
        if name in form.cleaned_data and getattr(current, name) != form.cleaned_data[name]
    ]


def _save(request, part: Part, parent, item, form):
    if item is None:
        return part.add(
            **{part.parent_arg: parent},
            actor=request.user,
            data=form.values(),
            submission_key=form.cleaned_data["submission_key"],
        )
    return part.update(
        **{part.item_arg: item},
        actor=request.user,
        data=form.values(),
        revision=form.loaded_revision(),
    )


def _part_page(request, scheme: RasScheme, part: Part, *, parent, item=None, question=None):
    """Add or change a question, an answer or an adjustment of a draft."""
    form = part.form(
        _posted(request),
        instance=item or part.new(parent),
        initial={"revision": scheme.revision},
    )
    latest = None
    if form.is_valid():
        try:
            saved = _save(request, part, parent, item, form)
        except EditConflict as conflict:
            fresh = type(item).objects.filter(pk=item.pk).first() if item else None
            latest = _latest(form, fresh)
            form.keep_typing(conflict.current.revision, str(conflict))
        except ValidationError as error:
            add_errors(form, error)
        except Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            return _after_save(request, scheme, part, saved, item is None)
    return render(
        request,
        "budgets/setup/part_form.html",
        {
            "scheme": scheme,
            "question": question,
            "form": form,
            "title": part.change_title if item else part.add_title,
            "back": _scheme_url(scheme, part.anchor(item) if item else ""),
            "latest": latest,
            "another": part is ANSWER and item is None,
        },
    )


def _after_save(request, scheme, part: Part, saved, added: bool):
    messages.success(request, str(part.added if added else part.saved))
    if part is QUESTION and added:
        return redirect("budgets:setup_answer_add", pk=scheme.pk, question_pk=saved.pk)
    if part is ANSWER and added and "another" in request.POST:
        return redirect("budgets:setup_answer_add", pk=scheme.pk, question_pk=saved.question_id)
    return redirect(_scheme_url(scheme, part.anchor(saved)))


def _remove_page(request, scheme: RasScheme, part: Part, item, *, question=None):
    back = _scheme_url(scheme, part.anchor(item))
    error = None
    if request.method == "POST":
        try:
            revision = int(request.POST.get("revision", ""))
            part.remove(**{part.item_arg: item}, actor=request.user, revision=revision)
        except ValueError:
            error = _("Something went wrong with the form: please try again.")
        except Refused as refusal:
            error = str(refusal)
            scheme.refresh_from_db()
        else:
            messages.success(request, str(part.removed))
            return redirect(back)
    return render(
        request,
        "budgets/setup/part_remove.html",
        {
            "scheme": scheme,
            "item": item,
            "question": question,
            "title": part.remove_title,
            "back": back,
            "error": error,
            "page_has_errors": bool(error),
        },
    )


@GET_POST
def setup_question_add(request, pk):
    scheme = _draft(request, pk)
    return _part_page(request, scheme, QUESTION, parent=scheme)


@GET_POST
def setup_question(request, pk, question_pk):
    scheme = _draft(request, pk)
    question = selectors.question_get(scheme, question_pk)
    return _part_page(request, scheme, QUESTION, parent=scheme, item=question)


@GET_POST
def setup_question_remove(request, pk, question_pk):
    scheme = _draft(request, pk)
    question = selectors.question_get(scheme, question_pk)
    return _remove_page(request, scheme, QUESTION, question)


@GET_POST
def setup_answer_add(request, pk, question_pk):
    scheme = _draft(request, pk)
    question = selectors.question_get(scheme, question_pk)
    return _part_page(request, scheme, ANSWER, parent=question, question=question)


@GET_POST
def setup_answer(request, pk, question_pk, answer_pk):
    scheme = _draft(request, pk)
    question = selectors.question_get(scheme, question_pk)
    answer = selectors.answer_get(question, answer_pk)
    return _part_page(request, scheme, ANSWER, parent=question, item=answer, question=question)


@GET_POST
def setup_answer_remove(request, pk, question_pk, answer_pk):
    scheme = _draft(request, pk)
    question = selectors.question_get(scheme, question_pk)
    answer = selectors.answer_get(question, answer_pk)
    return _remove_page(request, scheme, ANSWER, answer, question=question)


@GET_POST
def setup_adjustment_add(request, pk):
    scheme = _draft(request, pk)
    return _part_page(request, scheme, ADJUSTMENT, parent=scheme)


@GET_POST
def setup_adjustment(request, pk, adjustment_pk):
    scheme = _draft(request, pk)
    adjustment = selectors.adjustment_get(scheme, adjustment_pk)
    return _part_page(request, scheme, ADJUSTMENT, parent=scheme, item=adjustment)


@GET_POST
def setup_adjustment_remove(request, pk, adjustment_pk):
    scheme = _draft(request, pk)
    adjustment = selectors.adjustment_get(scheme, adjustment_pk)
    return _remove_page(request, scheme, ADJUSTMENT, adjustment)


# --- The catalogue -------------------------------------------------------------------------


@require_safe
def setup_catalogue(request):
    return render(
        request,
        "budgets/setup/catalogue.html",
        {"entries": selectors.catalogue_for_setup(request.user)},
    )


@GET_POST
def setup_service_add(request):
    organisation = selectors.organisation_for_setup(request.user)
    form = CatalogueServiceForm(_posted(request))
    if form.is_valid():
        try:
            service = services.service_add(
                organisation=organisation,
                actor=request.user,
                data=form.values(),
                unit_cost=form.cleaned_data["unit_cost"],
                effective_from=form.cleaned_data["effective_from"],
                submission_key=form.cleaned_data["submission_key"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(name)s has been added") % {"name": service.name})
            return redirect("budgets:setup_service", pk=service.pk)
    return render(request, "budgets/setup/service_form.html", {"form": form, "service": None})


@require_safe
def setup_service(request, pk):
    service = selectors.service_get_for_admin(request.user, pk)
    return render(
        request,
        "budgets/setup/service.html",
        {"service": service, "entry": selectors.service_entry(service)},
    )


@GET_POST
def setup_service_change(request, pk):
    service = selectors.service_get_for_admin(request.user, pk)
    form = CatalogueServiceForm(_posted(request), instance=service)
    latest = None
    if form.is_valid():
        try:
            service = services.service_update(
                service=service,
                actor=request.user,
                data=form.values(),
                fingerprint=form.cleaned_data["loaded"],
            )
        except EditConflict as conflict:
            latest = _latest(form, conflict.current)
            form.keep_typing(conflict.current, str(conflict))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The service’s details have been saved"))
            return redirect("budgets:setup_service", pk=service.pk)
    return render(
        request,
        "budgets/setup/service_form.html",
        {"form": form, "service": service, "latest": latest},
    )


@GET_POST
def setup_rate_add(request, pk):
    service = selectors.service_get_for_admin(request.user, pk)
    form = CatalogueRateForm(_posted(request), instance=ServiceRate(service=service))
    if form.is_valid():
        try:
            services.rate_add(
                service=service,
                actor=request.user,
                unit_cost=form.cleaned_data["unit_cost"],
                effective_from=form.cleaned_data["effective_from"],
                submission_key=form.cleaned_data["submission_key"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The new unit cost has been saved"))
            return redirect("budgets:setup_service", pk=service.pk)
    return render(request, "budgets/setup/rate_form.html", {"form": form, "service": service})


@require_POST
def setup_service_active(request, pk):
    """Whether the service can be chosen for new costs: the button says which."""
    service = selectors.service_get_for_admin(request.user, pk)
    active = request.POST.get("active") == "yes"
    services.service_set_active(service=service, actor=request.user, active=active)
    messages.success(
        request,
        _("%(name)s can be chosen for new costs") % {"name": service.name}
        if active
        else _("%(name)s can no longer be chosen for new costs. Costs that use it keep it.")
        % {"name": service.name},
    )
    return redirect("budgets:setup_service", pk=service.pk)


urlpatterns = [
    path("setup/", setup_home, name="setup"),
    path("setup/scheme/start/", setup_scheme_start, name="setup_scheme_start"),
    path("setup/scheme/<int:pk>/", setup_scheme, name="setup_scheme"),
    path("setup/scheme/<int:pk>/change/", setup_scheme_change, name="setup_scheme_change"),
    path(
        "setup/scheme/<int:pk>/new-version/",
        setup_scheme_new_version,
        name="setup_scheme_new_version",
    ),
    path("setup/scheme/<int:pk>/publish/", setup_scheme_publish, name="setup_scheme_publish"),
    path("setup/scheme/<int:pk>/questions/add/", setup_question_add, name="setup_question_add"),
    path(
        "setup/scheme/<int:pk>/questions/<int:question_pk>/",
        setup_question,
        name="setup_question",
    ),
    path(
        "setup/scheme/<int:pk>/questions/<int:question_pk>/remove/",
        setup_question_remove,
        name="setup_question_remove",
    ),
    path(
        "setup/scheme/<int:pk>/questions/<int:question_pk>/answers/add/",
        setup_answer_add,
        name="setup_answer_add",
    ),
    path(
        "setup/scheme/<int:pk>/questions/<int:question_pk>/answers/<int:answer_pk>/",
        setup_answer,
        name="setup_answer",
    ),
    path(
        "setup/scheme/<int:pk>/questions/<int:question_pk>/answers/<int:answer_pk>/remove/",
        setup_answer_remove,
        name="setup_answer_remove",
    ),
    path(
        "setup/scheme/<int:pk>/adjustments/add/",
        setup_adjustment_add,
        name="setup_adjustment_add",
    ),
    path(
        "setup/scheme/<int:pk>/adjustments/<int:adjustment_pk>/",
        setup_adjustment,
        name="setup_adjustment",
    ),
    path(
        "setup/scheme/<int:pk>/adjustments/<int:adjustment_pk>/remove/",
        setup_adjustment_remove,
        name="setup_adjustment_remove",
    ),
    path("setup/services/", setup_catalogue, name="setup_catalogue"),
    path("setup/services/add/", setup_service_add, name="setup_service_add"),
    path("setup/services/<int:pk>/", setup_service, name="setup_service"),
    path("setup/services/<int:pk>/change/", setup_service_change, name="setup_service_change"),
    path("setup/services/<int:pk>/unit-costs/add/", setup_rate_add, name="setup_rate_add"),
    path("setup/services/<int:pk>/active/", setup_service_active, name="setup_service_active"),
]
