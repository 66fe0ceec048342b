"""The private calendar feed: the worker's settings page, and the feed a calendar app reads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from tandem.errors import Refused
from tandem.worklist.calendar import services
from tandem.worklist.calendar.forms import CREATE, NO, RENEW, REVOKE, YES, CalendarForm

# The address just made, held for the one page that shows it (the redirect after the POST), then
# dropped from the session.
NEW_LINK = "worklist.calendar.new_link"


def _change(request, data: dict) -> str:
    """Carry out the button pressed; the message saying what happened."""
    user, revision = request.user, data["revision"]
    if data["action"] in (CREATE, RENEW):
        issued = services.calendar_link_issue(user=user, revision=revision)
        request.session[NEW_LINK] = issued.url
        if issued.renewed:
            return _("You have a new calendar link. The old one has stopped working.")
        return _("Your calendar link has been made")
    if data["action"] == REVOKE:
        services.calendar_link_revoke(user=user, revision=revision)
        return _("Your calendar link has been turned off. It has stopped working.")
    feed = services.calendar_names_set(
        user=user, include_names=data["include_names"], revision=revision
    )
    if feed.include_names:
        return _("Your calendar will show people’s names and why each thing is due")
    return _("Your calendar will show local identifiers only, not names")


@require_http_methods(["GET", "HEAD", "POST"])
def calendar_settings(request):
    if not services.may_have_calendar(request.user):
        raise PermissionDenied(_("Only staff with a worklist can have a calendar feed."))
    feed = services.calendar_feed_for(request.user)
    names = YES if feed is not None and feed.include_names else NO
    posted = request.POST if request.method == "POST" else None
    form = CalendarForm(posted, initial={"include_names": names})
    if form.is_valid():
        try:
            message = _change(request, form.cleaned_data)
        except Refused as refusal:
            form.add_error(None, str(refusal))
            feed = services.calendar_feed_for(request.user)
        else:
            messages.success(request, message)
            return redirect("worklist:calendar")
    # Shown once: a reload, or any later visit, no longer has it.
    new_link = request.session.pop(NEW_LINK, None) if request.method == "GET" else None
    context = {
        "form": form,
        "feed": feed,
        "revision": services.revision_of(feed),
        "new_link": new_link,
    }
    return render(request, "worklist/calendar.html", context)


@login_not_required  # calendar apps cannot sign in: the secret in the address is the key
@require_safe
def calendar_feed(request, token: str):
    feed = services.calendar_feed_get(token)
    body = services.calendar_feed_read(feed=feed, today=timezone.localdate(), now=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="tandem.ics"'
    # One worker's due dates: never kept by a shared cache, a proxy or the browser.
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


urlpatterns = [
    path("calendar/", calendar_settings, name="calendar"),
    path("calendar/<str:token>.ics", calendar_feed, name="calendar_feed"),
]
