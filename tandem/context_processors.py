"""Template context shared by every page."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tandem.accounts.signin.rules import needs_second_factor
from tandem.accounts.signin.services import may_unlock
from tandem.accounts.signin.sessions import signed_in_fully
from tandem.administration.rules import may_administer
from tandem.audit.selectors import may_read_audit_log
from tandem.budgets.services.decisions import waiting_count

# (label, url name, app namespace that marks the item as the current section)
NAVIGATION = [
    (_("People"), "people:list", "people"),
]
# The organisation settings an administrator reaches from the administration page: it stays the
# current section there.
SETTINGS_PREFIXES = (
    "/reviews/settings/",
    "/worklist/settings/",
    "/records/settings/",
    "/sign-in/settings/",
    "/sign-in/locked-out/",
)


def navigation(request: HttpRequest) -> dict:
    """Service navigation items for a signed-in user, and the name to show for them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not signed_in_fully(request):
        # Staff who have given only their password see the second-factor pages and no menu.
        return {"navigation_items": [], "user_display_name": ""}
    match = getattr(request, "resolver_match", None)
    current_app = match.app_name if match else ""
    if may_administer(user):
        # An administrator has no caseload: their organisation's pages, its settings (listed on
        # the administration page) and the audit of administration and sign-ins.
        items = _administrator_items(request, current_app)
    else:
        items = _items(request, user, current_app)
    if needs_second_factor(user):
        href = reverse("signin:recovery_codes")
        items.append(
            {"text": _("Recovery codes"), "href": href, "active": request.path.startswith(href)}
        )
    display_name = getattr(user, "display_name", "") or user.get_username()
    return {"navigation_items": items, "user_display_name": display_name}


def _administrator_items(request: HttpRequest, current_app: str) -> list[dict]:
    shown = [
        (_("Administration"), "administration:home"),
        (_("Budgets and costs"), "budgets:setup"),
        (_("Audit log"), "audit:log"),
    ]
    items = []
    for text, url_name in shown:
        href = reverse(url_name)
        active = request.path.startswith(href) or (
            url_name == "administration:home" and request.path.startswith(SETTINGS_PREFIXES)
        )
        items.append({"text": text, "href": href, "active": active})
    return items


def _items(request: HttpRequest, user, current_app: str) -> list[dict]:
    """Staff, the person, carers and providers: the people they may see, and their work."""
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
    if may_read_audit_log(user):
        href = reverse("audit:log")
        items.append(
            {"text": _("Audit log"), "href": href, "active": request.path.startswith(href)}
        )
    if may_unlock(user):
        href = reverse("signin:locked_out")
        items.append(
            {
                "text": _("Locked-out sign-ins"),
                "href": href,
                "active": request.path.startswith(href),
            }
        )
    return items


def _decisions_item(request: HttpRequest, user) -> dict:
    """P8: the decisions on plans' costs waiting for a team manager, counted in one query."""
    href = reverse("budgets:queue")
    waiting = waiting_count(user)
    return {
        "text": _("Decisions (%(count)s)") % {"count": waiting} if waiting else _("Decisions"),
        "href": href,
        "active": request.path.startswith(href),
    }
