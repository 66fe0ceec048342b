from django.shortcuts import redirect
from django.views.decorators.http import require_safe

from tandem.accounts.models import Role
from tandem.administration.rules import may_administer


@require_safe
def home(request):
    """Send each user to where their work starts: a person to their own home page (what is
    coming up in their plan), an administrator (who has no caseload) to the administration of
    the organisation, staff (workers and team managers) to their worklist of what is due, and
    anyone else to the people they may see."""
    if may_administer(request.user):
        return redirect("administration:home")
    if request.user.role == Role.PERSON and getattr(request.user, "person_record", None):
        return redirect("people:home")
    if request.user.is_worker:
        return redirect("worklist:list")
    return redirect("people:list")
