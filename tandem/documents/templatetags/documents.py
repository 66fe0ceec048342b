"""Filters for showing plan snapshots, whose dates and money are stored as plain strings.

``{% load documents %}``:

- ``{{ "2026-03-05"|iso_date }}`` → "5 March 2026" (the GOV.UK style of ``govuk_date``);
- ``{{ "1250.5"|money }}`` → "£1,250.50";
- ``{{ text|text_or_nothing }}`` → the text with its line breaks, or "Nothing recorded yet".
"""

import datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.translation import gettext

from tandem.ui.templatetags.govuk import govuk_date

register = template.Library()


@register.filter
def iso_date(value: str | None) -> str:
    """A snapshot's ISO date as "5 March 2026"; anything that is not a date is shown as it is."""
    if not value:
        return ""
    try:
        return govuk_date(datetime.date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


@register.filter
def money(value: str | None) -> str:
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return f"£{amount:,.2f}"


@register.filter
def text_or_nothing(value: str | None) -> str:
    """Free text with its line breaks kept, or "Nothing recorded yet" so an empty part shows."""
    if value is None or not str(value).strip():
        return gettext("Nothing recorded yet")
    return linebreaksbr(str(value), autoescape=True)
