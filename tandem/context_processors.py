"""Template context shared by every page."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tandem.accounts.access import can_set_up_budgets
from tandem.accounts.signin.rules import needs_second_factor
from tandem.accounts.signin.services import may_set_sign_in, may_unlock
from tandem.accounts.signin.sessions import signed_in_fully
from tandem.budgets.services.decisions import waiting_count
from tandem.reviews.services.timescales import may_set_timescales
from tandem.worklist.services import may_set_escalation

# (label, url name, app namespace that marks the item as the current section)
NAVIGATION = [
    (_("People"), "people:list", "people"),
]


def navigation(request: HttpRequest) -> dict:
    """Service navigation items for a signed-in user, and the name to show for them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not signed_in_fully(request):
        # Staff who have given only their password see the second-factor pages and no menu.
        return {"navigation_items": [], "user_display_name": ""}
    match = getattr(request, "resolver_match", None)
    current_app = match.app_name if match else ""
    items = [
        {"text": text, "href": reverse(url_name), "active": app_name == current_app}
        for text, url_name, app_name in NAVIGATION
    ]
    if getattr(user, "is_worker", False):
        # Staff start from what is due: first in the navigation, as it is their landing page.
        href = reverse("worklist:list")
        items.insert(0, {"text": _("Worklist"), "href": href, "active": request.path == href})
    if getattr(user, "is_manager", False):
        href = reverse("people:safeguarding_list")
        items.append(
            {
                "text": _("Safeguarding concerns"),
                "href": href,
                "active": request.path.startswith(href),
            }
        )
        items.append(_decisions_item(request, user))
        href = reverse("worklist:dashboard")
        items.append(
            {"text": _("Team dashboard"), "href": href, "active": request.path.startswith(href)}
        )
    if can_set_up_budgets(user):
        href = reverse("budgets:setup")
        items.append(
            {
                "text": _("Budgets and costs"),
                "href": href,
                "active": request.path.startswith(href),
            }
        )
    if may_set_timescales(user):
        href = reverse("reviews:timescales")
        items.append(
            {"text": _("Review timescales"), "href": href, "active": request.path.startswith(href)}
        )
    if may_set_escalation(user):
        href = reverse("worklist:escalation")
        items.append(
            {
                "text": _("Escalating overdue work"),
                "href": href,
                "active": request.path.startswith(href),
            }
        )
    items.extend(_sign_in_items(request, user))
    display_name = getattr(user, "display_name", "") or user.get_username()
    return {"navigation_items": items, "user_display_name": display_name}


def _decisions_item(request: HttpRequest, user) -> dict:
    """P8: the decisions on plans' costs waiting for a team manager, counted in one query."""
    href = reverse("budgets:queue")
    waiting = waiting_count(user)
    return {
        "text": _("Decisions (%(count)s)") % {"count": waiting} if waiting else _("Decisions"),
        "href": href,
        "active": request.path.startswith(href),
    }


def _sign_in_items(request: HttpRequest, user) -> list[dict]:
    """Unlocking sign-ins (managers, administrators), the organisation's sign-in settings
    (administrators) and one's own recovery codes (staff)."""
    shown = [
        (may_unlock(user), _("Locked-out sign-ins"), "signin:locked_out"),
        (may_set_sign_in(user), _("Sign-in settings"), "signin:settings"),
        (needs_second_factor(user), _("Recovery codes"), "signin:recovery_codes"),
    ]
    items = []
    for show, text, url_name in shown:
        if show:
            href = reverse(url_name)
            items.append({"text": text, "href": href, "active": request.path.startswith(href)})
    return items
