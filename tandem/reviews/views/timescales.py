"""The administrator's review timescales: one page, one form."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tandem.errors import EditConflict
from tandem.reviews.forms.timescales import TimescalesForm
from tandem.reviews.services import timescales as services
from tandem.reviews.views import _posted


@require_http_methods(["GET", "POST"])
def timescales(request):
    if not services.may_set_timescales(request.user):
        raise PermissionDenied(_("Only an administrator can change the review timescales."))
    organisation = request.user.organisation
    current = {name: getattr(organisation, name) for name in services.NAMES}
    initial = {**current, "revision": organisation.timescales_revision}
    form = TimescalesForm(_posted(request), initial=initial)
    latest = None
    if form.is_valid():
        data = {name: form.cleaned_data[name] for name in services.NAMES}
        try:
            services.timescales_update(
                organisation=organisation,
                data=data,
                revision=form.cleaned_data["revision"],
                actor=request.user,
            )
        except EditConflict as conflict:
            # Keep what was typed; a second save (after checking) goes through.
            saved = conflict.current
            latest = [
                (form[name].label, getattr(saved, name))
                for name in services.NAMES
                if getattr(saved, name) != data[name]
            ]
            form.data = form.data.copy()
            form.data["revision"] = str(saved.timescales_revision)
            form.add_error(None, str(conflict))
        else:
            messages.success(request, _("The review timescales have been saved"))
            return redirect("reviews:timescales")
    return render(request, "reviews/settings/timescales.html", {"form": form, "latest": latest})


urlpatterns = [path("settings/timescales/", timescales, name="timescales")]
