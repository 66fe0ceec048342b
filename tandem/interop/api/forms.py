"""Writes through the API use the pages' own forms, so the same input is refused with the same
words (docs/api.md, "Writing"): a JSON body is turned into what the form would have been sent.

Dates are ISO 8601 (`2026-03-27`) in JSON and three boxes on a page; yes/no answers are JSON
booleans; several choices are a JSON list; a record chosen from a list is its id.
"""

import datetime
from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext as _
from rest_framework import exceptions

from tandem.ui.forms import GovukDateField

FormFactory = Callable[[QueryDict | None], forms.BaseForm]


def _date_parts(name: str, value: Any) -> dict[str, str]:
    if value in (None, ""):
        return {f"{name}_day": "", f"{name}_month": "", f"{name}_year": ""}
    if isinstance(value, datetime.date):
        day = value
    else:
        try:
            day = datetime.date.fromisoformat(str(value))
        except ValueError:
            raise exceptions.ValidationError(
                {name: [_("Enter the date as year, month and day, like 2026-03-27")]}
            ) from None
    return {
        f"{name}_day": str(day.day),
        f"{name}_month": str(day.month),
        f"{name}_year": str(day.year),
    }


def _scalar(name: str, value: Any) -> str:
    if isinstance(value, (dict, list)):
        raise exceptions.ValidationError({name: [_("Send a single value")]})
    if value is None:
        return ""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value)


def _yes_no(field: forms.Field) -> tuple[str, str] | None:
    """The codes of a yes/no radio question (True, False), if the field is one."""
    if isinstance(field, forms.TypedChoiceField):
        codes = [str(code) for code, _label in field.choices if code != ""]
        if set(codes) == {"yes", "no"}:
            return ("yes", "no")
    return None


def _boolean(name: str, value: Any) -> dict[str, str]:
    if not isinstance(value, bool) and value is not None:
        raise exceptions.ValidationError({name: [_("Send true or false")]})
    return {name: "on"} if value else {}


def _one(field: forms.Field, name: str, value: Any) -> dict[str, str]:
    """What a page posts for one single-valued field."""
    if isinstance(field, GovukDateField):
        return _date_parts(name, value)
    if isinstance(field, forms.BooleanField):
        return _boolean(name, value)
    codes = _yes_no(field)
    if codes is not None and isinstance(value, bool):
        return {name: codes[0] if value else codes[1]}
    return {name: _scalar(name, value)}


def form_data(form: forms.BaseForm, values: Mapping[str, Any]) -> QueryDict:
    """What the page would have posted for these values, for this form's fields."""
    data = QueryDict(mutable=True)
    for name, value in values.items():
        field = form.fields.get(name)
        if field is None:
            continue
        if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            if not isinstance(value, list):
                raise exceptions.ValidationError({name: [_("Send a list")]})
            data.setlist(name, [_scalar(name, item) for item in value])
        else:
            data.update(_one(field, name, value))
    return data


def json_object(payload: Any) -> dict[str, Any]:
    if not isinstance(payload, dict):
        raise exceptions.ValidationError(
            {"non_field_errors": [_("Send a JSON object with the fields to save")]}
        )
    return payload


def revision_of(payload: dict[str, Any]) -> int:
    """The revision the client last read: a save based on an older one is refused (409)."""
    revision = payload.get("revision")
    if isinstance(revision, bool) or not isinstance(revision, int) or revision < 0:
        raise exceptions.ValidationError(
            {
                "revision": [
                    _(
                        "Send the revision you last read, so that a change someone made "
                        "meanwhile is never overwritten"
                    )
                ]
            }
        )
    return revision


def bound_form(make: FormFactory, values: Mapping[str, Any]) -> forms.BaseForm:
    """The page's form, bound to these values (unknown names are ignored, as a page would)."""
    return make(form_data(make(None), values))


def form_errors(form: forms.BaseForm) -> dict[str, list[str]]:
    return {
        ("non_field_errors" if name == "__all__" else name): [str(m) for m in messages]
        for name, messages in form.errors.items()
    }


def valid_form(make: FormFactory, values: Mapping[str, Any]) -> forms.BaseForm:
    form = bound_form(make, values)
    if not form.is_valid():
        raise exceptions.ValidationError(form_errors(form))
    return form
