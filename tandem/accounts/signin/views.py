"""The sign-in pages: password, second factor, setting one up, recovery codes, sign-out, the
locked-out list with its unlock button, and the organisation's sign-in settings."""

from base64 import b32encode
from urllib.parse import urlencode

import django_otp
import segno
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tandem.accounts.signin import services
from tandem.accounts.signin.forms import EnrolForm, SecondFactorForm, SignInSettingsForm
from tandem.accounts.signin.rules import needs_second_factor
from tandem.accounts.signin.sessions import second_factor_given, session_begin
from tandem.errors import EditConflict
from tandem.ui.forms import SignInForm

NEW_CODES = "tandem_new_recovery_codes"
PER_PAGE = 25


class SignInView(auth_views.LoginView):
    """The password step. Staff go on to the second factor; everyone else is signed in."""

    authentication_form = SignInForm

    def form_valid(self, form):
        user = form.get_user()
        auth_login(self.request, user)
        session_begin(self.request.session, user, timezone.now())
        if needs_second_factor(user):
            return redirect(_with_next("signin:second_factor", self.get_success_url()))
        services.sign_in_record(user=user)
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        username = form.data.get("username", "")
        if username and form.data.get("password"):  # a password was tried (not a blank form)
            locked = bool(getattr(self.request, "axes_locked_out", False))
            services.sign_in_failed_record(username=username, locked_out=locked)
        return super().form_invalid(form)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a sign-in while the account or address is locked out: the sign-in
    page, saying what happened and what to do (AXES_LOCKOUT_CALLABLE). The form is not checked
    again: that would count one more failure."""
    username = str((credentials or {}).get("username") or request.POST.get("username", ""))
    form = SignInForm(request, initial={"username": username[:150]})
    message = _(
        "You have tried to sign in too many times. Wait %(minutes)d minutes and try again, "
        "or ask your team manager or administrator to unlock your account."
    ) % {"minutes": _cool_off_minutes()}
    return render(
        request,
        "registration/login.html",
        {"form": form, "locked_message": message, "page_has_errors": True},
        status=429,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def second_factor(request):
    """The second step for staff: a code from their authenticator app, or a recovery code."""
    user = request.user
    next_url = _next(request)
    if not needs_second_factor(user) or second_factor_given(request.session):
        return redirect(next_url)
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect(_with_next("signin:enrol", next_url))
    form = SecondFactorForm(request.POST if request.method == "POST" else None)
    if form.is_valid() and _waiting(form, TOTPDevice.objects.filter(user=user, confirmed=True)):
        pass
    elif form.is_valid():
        device = django_otp.match_token(user, form.cleaned_data["code"])
        if device is not None:
            _second_factor_passed(request, device)
            if isinstance(device, StaticDevice):
                left = services.recovery_codes_left(user=user)
                services.sign_in_record(user=user, second_factor="recovery code")
                services.recovery_code_used_record(user=user, left=left)
                messages.info(request, _recovery_left_message(left))
            else:
                services.sign_in_record(user=user, second_factor="authenticator app")
            return redirect(next_url)
        services.second_factor_failed_record(user=user)
        form.add_error(
            "code",
            _(
                "The code is not right. Enter the code your app shows now, or a recovery code "
                "you have not used"
            ),
        )
    return render(request, "signin/second_factor.html", {"form": form, "next": next_url})


@require_http_methods(["GET", "HEAD", "POST"])
def enrol(request):
    """First sign-in of a member of staff: add Tandem to an authenticator app, prove it with a
    code, then see the recovery codes once."""
    user = request.user
    next_url = _next(request)
    if not needs_second_factor(user):
        raise PermissionDenied(_("Only staff sign in with a second factor."))
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect(_with_next("signin:second_factor", next_url))
    device = services.authenticator_for_enrolment(user=user)
    form = EnrolForm(request.POST if request.method == "POST" else None)
    if form.is_valid() and not _waiting(form, [device]):
        if device.verify_token(form.cleaned_data["code"]):
            codes = services.second_factor_enrol(user=user, device=device)
            _second_factor_passed(request, device)
            services.sign_in_record(user=user, second_factor="authenticator app, set up")
            request.session[NEW_CODES] = codes
            return redirect(_with_next("signin:recovery_codes", next_url))
        services.second_factor_failed_record(user=user)
        form.add_error(
            "code",
            _("The code is not right. Check the app shows Tandem and enter the code it shows now"),
        )
    key = b32encode(device.bin_key).decode()
    return render(
        request,
        "signin/enrol.html",
        {
            "form": form,
            "next": next_url,
            "qr_code": segno.make(device.config_url, error="m").svg_data_uri(scale=5),
            "key_groups": [key[i : i + 4] for i in range(0, len(key), 4)],
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def recovery_codes(request):
    """New recovery codes: shown once, straight after they are made; made again by a button."""
    user = request.user
    if not needs_second_factor(user):
        raise PermissionDenied(_("Only staff have recovery codes."))
    if request.method == "POST":
        request.session[NEW_CODES] = services.recovery_codes_make(user=user)
        return redirect(_with_next("signin:recovery_codes", _next(request)))
    codes = request.session.pop(NEW_CODES, None)
    return render(
        request,
        "signin/recovery_codes.html",
        {
            "codes": codes,
            "left": services.recovery_codes_left(user=user),
            "next": _next(request),
        },
    )


@login_not_required
@require_POST
def sign_out(request):
    if request.user.is_authenticated:
        services.sign_out_record(user=request.user)
    logout(request)
    return redirect("login")


@require_safe
def locked_out_list(request):
    """The accounts locked out now that this team manager or administrator may unlock."""
    if not services.may_unlock(request.user):
        raise PermissionDenied(_("Only a team manager or an administrator can unlock sign-ins."))
    users = services.locked_out_users(actor=request.user)
    page = Paginator(users, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "signin/locked_out.html",
        {"page": page, "cool_off_minutes": _cool_off_minutes()},
    )


@require_POST
def unlock(request, pk: int):
    if not services.may_unlock(request.user):
        raise PermissionDenied(_("Only a team manager or an administrator can unlock sign-ins."))
    user = get_object_or_404(services.unlockable_users(actor=request.user), pk=pk)
    services.account_unlock(actor=request.user, user=user)
    messages.success(
        request,
        _("%(name)s can sign in again") % {"name": user.display_name},
    )
    return redirect("signin:locked_out")


@require_http_methods(["GET", "HEAD", "POST"])
def sign_in_settings(request):
    """The administrator's idle timeout and absolute limit of sessions."""
    if not services.may_set_sign_in(request.user):
        raise PermissionDenied(_("Only an administrator can change the sign-in settings."))
    organisation = request.user.organisation
    names = services.SETTINGS_NAMES
    initial = {name: getattr(organisation, name) for name in names}
    initial["revision"] = organisation.sign_in_revision
    form = SignInSettingsForm(request.POST if request.method == "POST" else None, initial=initial)
    latest = None
    if form.is_valid():
        data = {name: form.cleaned_data[name] for name in names}
        try:
            services.sign_in_settings_update(
                organisation=organisation,
                data=data,
                revision=form.cleaned_data["revision"],
                actor=request.user,
            )
        except EditConflict as conflict:
            saved = conflict.current
            latest = [
                (form[name].label, getattr(saved, name))
                for name in names
                if getattr(saved, name) != data[name]
            ]
            form.data = form.data.copy()
            form.data["revision"] = str(saved.sign_in_revision)
            form.add_error(None, str(conflict))
        else:
            messages.success(request, _("The sign-in settings have been saved"))
            return redirect("signin:settings")
    return render(request, "signin/settings.html", {"form": form, "latest": latest})


def _waiting(form, devices) -> bool:
    """After a wrong code django-otp makes the next wait a little longer each time (1, 2, 4 …
    seconds), so codes cannot be guessed quickly; say so rather than call a right code wrong."""
    for device in devices:
        allowed, data = device.verify_is_allowed()
        if not allowed:
            seconds = 1
            if data and data.get("locked_until"):
                seconds = max(1, int((data["locked_until"] - timezone.now()).total_seconds()) + 1)
            form.add_error(
                "code",
                ngettext(
                    "You entered a wrong code. Wait %(seconds)d second, then enter the code again",
                    "You entered a wrong code. Wait %(seconds)d seconds, then enter the code again",
                    seconds,
                )
                % {"seconds": seconds},
            )
            return True
    return False


def _second_factor_passed(request, device) -> None:
    request.session.cycle_key()  # a new session id once fully signed in
    django_otp.login(request, device)


def _next(request) -> str:
    """Where to go once signed in: the page asked for, if it is on this site."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("home")


def _with_next(url_name: str, next_url: str) -> str:
    return reverse(url_name) + "?" + urlencode({"next": next_url})


def _cool_off_minutes() -> int:
    from django.conf import settings

    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def _recovery_left_message(left: int) -> str:
    if left == 0:
        return _(
            "You have used your last recovery code. Make new ones from Recovery codes in the "
            "menu now."
        )
    return _("You signed in with a recovery code. You have %(count)d left.") % {"count": left}
