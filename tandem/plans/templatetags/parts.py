"""Showing a section's or a part's values as their `Field` says (`{% load parts %}`).

- ``{{ row.value|field_value:row.kind }}``: a date as "5 March 2026", money as "£1,250.50",
  yes/no in words, text with its line breaks;
- ``{{ part|part_summary:kind }}``: a part's summary values (all but its title), for a list.
"""

import datetime

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.translation import gettext

from tandem.plans.parts import DATE, MONEY, YES_NO, PartKind
from tandem.ui.templatetags.govuk import govuk_date, iso_date, money

register = template.Library()


@register.filter
def field_value(value, kind: str) -> str:
    if kind == YES_NO:
        return gettext("Yes") if value else gettext("No")
    if value in (None, ""):
        return ""
    if kind == DATE:
        return govuk_date(value) if isinstance(value, datetime.date) else iso_date(value)
    if kind == MONEY:
        return money(value)
    return linebreaksbr(str(value), autoescape=True)


@register.filter
def part_summary(part, kind: PartKind) -> list[str]:
    values = []
    for f in kind.fields:
        if not f.summary or f.key == kind.title_field:
            continue
        name = f.key.removesuffix("_label")
        display = getattr(part, f"get_{name}_display", None) if f.key.endswith("_label") else None
        value = display() if display else getattr(part, f.key, None)
        if value not in (None, ""):
            values.append(field_value(value, f.kind))
    return values
