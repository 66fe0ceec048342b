"""The reminders page: every signed-in user sees how Tandem reminds them, and chooses."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tandem.errors import EditConflict
from tandem.reminders import rules, selectors, services
from tandem.reminders.forms import OptInRemindersForm, StaffRemindersForm
from tandem.reminders.models import ReminderPreference


def _form(request, preference: ReminderPreference | None):
    user = request.user
    posted = request.POST if request.method == "POST" else None
    revision = preference.revision if preference else 0
    if user.is_worker:
        digest = preference is not None and preference.daily_digest
        initial = {"revision": revision, "delivery": "digest" if digest else "single"}
        return StaffRemindersForm(posted, initial=initial)
    wanted = preference is not None and preference.email_reminders
    initial = {"revision": revision, "email_reminders": "yes" if wanted else "no"}
    return OptInRemindersForm(posted, initial=initial, has_email=bool(user.email))


@require_http_methods(["GET", "POST"])
def reminder_settings(request):
    user = request.user
    may_choose = rules.may_choose(user) and user.organisation_id is not None
    if not may_choose:
        if request.method == "POST":
            raise PermissionDenied(_("Tandem does not send reminders to your role."))
        return render(request, "reminders/settings.html", {"form": None})
    preference = selectors.preference_for(user)
    form = _form(request, preference)
    latest = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.reminder_preference_update(
                user=user,
                revision=data["revision"],
                email_reminders=data.get("email_reminders") == "yes",
                daily_digest=data.get("delivery") == "digest",
            )
        except EditConflict as conflict:
            # Keep what was chosen; saving again (after reading what is saved) goes through.
            latest = conflict.current
            form.data = form.data.copy()
            form.data["revision"] = str(latest.revision if latest else 0)
            form.add_error(None, str(conflict))
        else:
            messages.success(request, _("Your reminder settings have been saved"))
            return redirect("reminders:settings")
    return render(
        request,
        "reminders/settings.html",
        {"form": form, "conflict": form.non_field_errors(), "latest": latest},
    )
