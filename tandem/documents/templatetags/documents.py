"""Filters for showing plan snapshots, whose dates and money are stored as plain strings.

``{% load documents %}``:

- ``{{ "2026-03-05"|iso_date }}`` → "5 March 2026" (the GOV.UK style of ``govuk_date``);
- ``{{ "1250.5"|money }}`` → "£1,250.50";
- ``{{ text|text_or_nothing }}`` → the text with its line breaks, or "Nothing recorded yet".
"""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.translation import gettext

from tandem.ui.templatetags.govuk import iso_date, money

register = template.Library()


# The same filters as the rest of the site shows dates and money with.
register.filter("iso_date", iso_date)
register.filter("money", money)


@register.filter
def text_or_nothing(value: str | None) -> str:
    """Free text with its line breaks kept, or "Nothing recorded yet" so an empty part shows."""
    if value is None or not str(value).strip():
        return gettext("Nothing recorded yet")
    return linebreaksbr(str(value), autoescape=True)
