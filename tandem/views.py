from django.shortcuts import redirect
from django.views.decorators.http import require_safe

from tandem.accounts.access import can_set_up_budgets
from tandem.accounts.models import Role


@require_safe
def home(request):
    """Send each user to where their work starts: a person to their own home page (what is
    coming up in their plan), an administrator (who has no caseload) to the organisation's
    budgets and costs, staff to people."""
    if can_set_up_budgets(request.user):
        return redirect("budgets:setup")
    if request.user.role == Role.PERSON and getattr(request.user, "person_record", None):
        return redirect("people:home")
    return redirect("people:list")
