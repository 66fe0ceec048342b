"""Sessions that end, the second factor before any page, and pages no browser keeps."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.accounts.signin import services
from tandem.accounts.signin.rules import Ending, needs_second_factor, session_ending
from tandem.accounts.signin.sessions import second_factor_given, session_clocks, session_seen

# The pages a signed-in member of staff may reach before giving the second factor.
BEFORE_SECOND_FACTOR = frozenset({"login", "logout", "signin:second_factor", "signin:enrol"})


class SessionLimitsMiddleware:
    """Sign out a session past its absolute limit (everyone) or left idle too long (staff), and
    say so on the sign-in page. A session no Tandem sign-in started is ended too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            now = timezone.now()
            clocks = session_clocks(request.session)
            ending = Ending.LIMIT if clocks is None else session_ending(now=now, **clocks)
            if ending is not None:
                services.sign_out_record(user=user, ending=ending)
                logout(request)
                messages.info(request, _ending_message(ending, clocks))
                if request.method != "GET":
                    return redirect("login")  # a form's address is no page to come back to
                return redirect(
                    reverse("login") + "?" + urlencode({"next": request.get_full_path()})
                )
            session_seen(request.session, now)
        return self.get_response(request)


def _ending_message(ending: Ending, clocks: dict | None) -> str:
    if ending == Ending.IDLE and clocks:
        minutes = clocks["idle_minutes"]
        return ngettext(
            "You were signed out after %(count)d minute without activity. Sign in again to "
            "carry on.",
            "You were signed out after %(count)d minutes without activity. Sign in again to "
            "carry on.",
            minutes,
        ) % {"count": minutes}
    if clocks:
        hours = clocks["limit_hours"]
        return ngettext(
            "You were signed out because you had been signed in for %(count)d hour. Sign in "
            "again to carry on.",
            "You were signed out because you had been signed in for %(count)d hours. Sign in "
            "again to carry on.",
            hours,
        ) % {"count": hours}
    return _("You were signed out. Sign in again to carry on.")


class SecondFactorMiddleware(MiddlewareMixin):
    """Staff who have given only their password reach the second-factor pages and nothing else."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not needs_second_factor(user) or second_factor_given(request.session):
            return None
        if request.resolver_match.view_name in BEFORE_SECOND_FACTOR:
            return None
        return redirect(
            reverse("signin:second_factor") + "?" + urlencode({"next": request.get_full_path()})
        )


class NoStoreMiddleware:
    """No page seen signed in is kept by the browser or any cache on the way (a shared office
    computer's back button or history must not show a person's record after sign-out)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signed_in = request.user.is_authenticated
        response = self.get_response(request)
        if signed_in or request.user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
        return response
