"""The administrator's pages for systems that use the API (docs/api.md): service accounts and
their tokens. Each view: the role check, one selector or service call, render or redirect.
Another organisation's accounts and tokens are not found (404)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from tandem.administration.forms_systems import ServiceAccountForm, TokenForm
from tandem.administration.views import _add_errors, _administrator, _posted
from tandem.errors import Refused
from tandem.interop import services
from tandem.interop.models import ApiToken, ServiceAccount

PER_PAGE = 25


def _account(actor, pk) -> ServiceAccount:
    return get_object_or_404(
        ServiceAccount.objects.select_related("user"), pk=pk, organisation_id=actor.organisation_id
    )


@require_safe
def service_accounts(request):
    actor = _administrator(request)
    accounts = (
        ServiceAccount.objects.filter(organisation_id=actor.organisation_id)
        .select_related("user")
        .order_by("name", "id")
    )
    page = Paginator(accounts, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "administration/systems/accounts.html", {"page": page})


@require_http_methods(["GET", "POST"])
def service_account_add(request):
    actor = _administrator(request)
    form = ServiceAccountForm(_posted(request), organisation=actor.organisation)
    if form.is_valid():
        try:
            account = services.service_account_create(
                organisation=actor.organisation,
                actor=actor,
                name=form.cleaned_data["name"],
                role=form.cleaned_data["role"],
                teams=list(form.cleaned_data["teams"]),
                submission_key=form.cleaned_data["submission_key"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("%(name)s has been added") % {"name": account.name})
            return redirect("administration:service_account", pk=account.pk)
    return render(request, "administration/systems/account_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def service_account(request, pk):
    """The account, its tokens, and making a new one (shown once, on the page that follows)."""
    actor = _administrator(request)
    account = _account(actor, pk)
    form = TokenForm(_posted(request))
    if form.is_valid():
        try:
            made = services.api_token_create(
                account=account,
                actor=actor,
                name=form.cleaned_data["name"],
                submission_key=form.cleaned_data["submission_key"],
            )
        except Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            return render(
                request,
                "administration/systems/token_made.html",
                {"account": account, "token": made.token, "key": made.key},
            )
    tokens = account.tokens.select_related("created_by", "revoked_by").order_by("-created_at")
    return render(
        request,
        "administration/systems/account.html",
        {"account": account, "tokens": list(tokens), "form": form},
    )


@require_http_methods(["GET", "POST"])
def token_revoke(request, pk, token_pk):
    actor = _administrator(request)
    account = _account(actor, pk)
    token = get_object_or_404(ApiToken, pk=token_pk, service_account=account)
    error = None
    if request.method == "POST":
        try:
            services.api_token_revoke(token=token, actor=actor)
        except Refused as refusal:
            error = str(refusal)
        else:
            messages.success(request, _("The token has been revoked"))
            return redirect("administration:service_account", pk=account.pk)
    return render(
        request,
        "administration/systems/token_revoke.html",
        {"account": account, "token": token, "error": error},
    )


urlpatterns = [
    path("systems/", service_accounts, name="service_accounts"),
    path("systems/add/", service_account_add, name="service_account_add"),
    path("systems/<int:pk>/", service_account, name="service_account"),
    path("systems/<int:pk>/tokens/<int:token_pk>/revoke/", token_revoke, name="token_revoke"),
]
