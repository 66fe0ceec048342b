"""``{% load people_tags %}``: the people list's pagination and plan status labels."""

from django import template
from django.core.paginator import Page
from django.http import HttpRequest

from tandem.plans.models import Plan

register = template.Library()


@register.filter
def plan_status_label(status: str | None) -> str:
    """The words for a plan status value, e.g. "agreed" → "Agreed"."""
    if not status:
        return ""
    try:
        return str(Plan.Status(status).label)
    except ValueError:
        return status


def _page_href(request: HttpRequest, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return f"?{query.urlencode()}"


@register.inclusion_tag("people/_pagination.html", takes_context=True)
def govuk_pagination(context, page: Page) -> dict:
    """The GOV.UK pagination component for a Django page, keeping the other query parameters."""
    request = context["request"]
    paginator = page.paginator
    items = []
    if paginator.num_pages > 1:
        for number in paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
            if number == paginator.ELLIPSIS:
                items.append({"ellipsis": True})
            else:
                items.append(
                    {
                        "number": number,
                        "href": _page_href(request, number),
                        "current": number == page.number,
                    }
                )
    return {
        "items": items,
        "previous": _page_href(request, page.previous_page_number()) if page.has_previous() else "",
        "next": _page_href(request, page.next_page_number()) if page.has_next() else "",
    }
