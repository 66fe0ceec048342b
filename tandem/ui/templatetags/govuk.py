"""Template tags for GOV.UK Frontend markup: ``{% load govuk %}``.

- ``{% govuk_field form.name %}`` renders one field of any form as a GOV.UK form group.
- ``{% govuk_error_summary_items form other_form as items %}`` gives ``[{"text", "href"}]`` for
  the error summary (``includes/error_summary.html`` uses it).
- ``{% forms_have_errors form other_form as has_errors %}`` for the "Error: " title prefix.
- ``{{ value|govuk_date }}`` → "5 March 2026"; ``{{ value|govuk_datetime }}`` →
  "5 March 2026 at 2:30pm"; ``{{ "2026-03-05"|iso_date }}`` → "5 March 2026" (dates kept as
  text in plan snapshots); ``{{ "1250.5"|money }}`` → "£1,250.50".
"""

import datetime
import functools
from decimal import Decimal, InvalidOperation

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tandem.ui.forms import as_govuk

register = template.Library()


@register.simple_tag
def govuk_field(bound_field: BoundField) -> str:
    return as_govuk(bound_field).as_field_group()


def _present_forms(candidates: tuple) -> list[forms.BaseForm]:
    found = []
    for candidate in candidates:
        if isinstance(candidate, (list, tuple)):
            found.extend(_present_forms(tuple(candidate)))
        elif isinstance(candidate, forms.BaseForm):
            found.append(candidate)
    return found


@register.simple_tag
def govuk_error_summary_items(*candidates: object) -> list[dict[str, str]]:
    """Error summary entries for the given forms (or lists of forms), in field order.

    Field errors link to the field's first input (the day box of a date). Errors that belong to
    no visible field link to the form's first visible field.
    """
    items = []
    for form in _present_forms(candidates):
        if not form.is_bound or not form.errors:
            continue
        visible = [as_govuk(bf) for bf in form.visible_fields()]
        first_href = f"#{visible[0].anchor_id}" if visible else "#main-content"
        for error in form.non_field_errors():
            items.append({"text": error, "href": first_href})
        for bound_field in form:
            if not bound_field.errors:
                continue
            href = first_href if bound_field.is_hidden else f"#{as_govuk(bound_field).anchor_id}"
            for error in bound_field.errors:
                items.append({"text": error, "href": href})
    return items


@register.simple_tag
def forms_have_errors(*candidates: object) -> bool:
    return any(form.is_bound and form.errors for form in _present_forms(candidates))


@register.filter
def govuk_date(value: datetime.date | None) -> str:
    """A date the GOV.UK way: "5 March 2026" (no leading zero, full month)."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    return _day(value, translation.get_language())


@functools.lru_cache(maxsize=4096)
def _day(value: datetime.date, language: str | None) -> str:
    """Formatting goes through the translation machinery each time (about 0.15 ms): a worklist or
    dashboard formats thousands of dates, mostly the same few hundred."""
    return date_format(value, "j F Y")


@register.filter
def govuk_datetime(value: datetime.datetime | None) -> str:
    """A date and time the GOV.UK way: "5 March 2026 at 2:30pm" (midday and midnight in words)."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    if value.hour == 12 and value.minute == 0:
        time = _("midday")
    elif value.hour == 0 and value.minute == 0:
        time = _("midnight")
    else:
        hour = value.hour % 12 or 12
        time = f"{hour}:{value.minute:02d}{'am' if value.hour < 12 else 'pm'}"
    return _("%(date)s at %(time)s") % {"date": date_format(value, "j F Y"), "time": time}


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
