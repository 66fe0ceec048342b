"""GOV.UK Frontend rendering for Django forms.

Inherit from ``GovukForm`` or ``GovukModelForm`` (or put ``GovukFormMixin`` first in the bases) and
``{{ form }}`` renders GOV.UK Design System markup: labels, hints, error messages, radios,
checkboxes, selects and the date input. No settings change is needed: the mixin sets the form
template and the bound field class, and the templates live in this app's ``templates/govuk/``.

Dates use ``GovukDateField``, which reads three boxes (day, month, year) and gives GOV.UK-pattern
error messages. In a ModelForm, declare it with ``Meta.field_classes = {"start_date":
GovukDateField}`` or as a form field.

Error messages are written, never built from labels: a label is often a question ("Who agreed the
plan for the person?"), and "Select the %(label)s" made "Select the who agreed the plan for the
person?". Give every required field its own ``error_messages["required"]``, and name the thing a
date, number or limited text is about in ``error_subjects`` ("Date of birth" gives "Date of birth
must be a real date"). A field without them gets a plain, generic message (FALLBACK_MESSAGES);
tests/test_form_messages.py checks that no form in the project relies on one.
"""

import datetime
import re
import uuid
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.forms.utils import pretty_name
from django.forms.widgets import Input
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

DATE_PARTS = ("day", "month", "year")


class GovukDateWidget(forms.MultiWidget):
    """Three text boxes for day, month and year, rendered as the GOV.UK date input.

    Inputs are named ``<name>_day``, ``<name>_month`` and ``<name>_year`` and have ids
    ``<id>_day`` and so on, so an error summary can link to the box in error.
    """

    template_name = "govuk/widgets/date_input.html"
    # Private attribute passed from GovukBoundField naming the parts to highlight.
    ERROR_PARTS_ATTR = "_govuk_error_parts"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets = {part: forms.TextInput(attrs={"inputmode": "numeric"}) for part in DATE_PARTS}
        super().__init__(widgets, attrs)

    def decompress(self, value: datetime.date | None) -> list[str | None]:
        if value:
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_day" if id_ else ""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict:
        attrs = dict(attrs or {})
        error_parts = attrs.pop(self.ERROR_PARTS_ATTR, None)
        if error_parts is None:
            error_parts = DATE_PARTS if attrs.get("aria-invalid") else ()
        # The fieldset carries the description; each box is labelled Day, Month or Year.
        attrs.pop("aria-describedby", None)
        attrs.pop("aria-invalid", None)
        attrs.pop("class", None)
        context = super().get_context(name, value, attrs)
        labels = {"day": _("Day"), "month": _("Month"), "year": _("Year")}
        for part, subwidget in zip(DATE_PARTS, context["widget"]["subwidgets"], strict=True):
            sub_attrs = subwidget["attrs"]
            if sub_attrs.get("id"):
                sub_attrs["id"] = f"{context['widget']['attrs']['id']}_{part}"
            classes = ["govuk-input", "govuk-date-input__input"]
            if part in error_parts:
                classes.append("govuk-input--error")
            classes.append("govuk-input--width-4" if part == "year" else "govuk-input--width-2")
            sub_attrs["class"] = " ".join(classes)
            subwidget["part_label"] = labels[part]
        return context


class DateError:
    """Error codes raised by GovukDateField (``error.params["parts"]`` names the boxes)."""

    REQUIRED = "required"
    INCOMPLETE = "incomplete"
    INVALID = "invalid"
    YEAR_LENGTH = "year_length"
    NOT_PAST = "not_past"
    NOT_FUTURE = "not_future"


MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
DAY_PATTERN = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$", re.IGNORECASE)
MONTH_PATTERN = re.compile(r"^\d{1,2}$")
YEAR_PATTERN = re.compile(r"^\d+$")


def _join_parts(parts: list[str]) -> str:
    words = {"day": _("day"), "month": _("month"), "year": _("year")}
    names = [str(words[p]) for p in parts]
    if len(names) == 1:
        return names[0]
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


REQUIRED_DATE_FALLBACK = _("Enter a date")


class GovukDateField(forms.Field):
    """A date entered as day, month and year, validated the GOV.UK way.

    Messages follow the Design System: "Date of birth must include a month", "Date of birth must
    be a real date", where ``subject`` ("Date of birth") says what the date is; write the message
    for a missing date in ``error_messages["required"]`` ("Enter the person’s date of birth").
    An impossible date such as 31 2 2025 is a form error. ``allow_future=False`` or
    ``allow_past=False`` restrict the date relative to today.
    """

    widget = GovukDateWidget
    default_error_messages = {
        DateError.REQUIRED: REQUIRED_DATE_FALLBACK,
        DateError.INCOMPLETE: _("%(subject)s must include a %(missing)s"),
        DateError.INVALID: _("%(subject)s must be a real date"),
        DateError.YEAR_LENGTH: _("%(subject)s must include a year with 4 numbers"),
        DateError.NOT_PAST: _("%(subject)s must be today or in the past"),
        DateError.NOT_FUTURE: _("%(subject)s must be today or in the future"),
    }

    def __init__(
        self,
        *,
        allow_future: bool = True,
        allow_past: bool = True,
        subject: str | None = None,
        **kwargs: Any,
    ) -> None:
        # Model fields pass these for their own form fields; they don't apply to three boxes.
        kwargs.pop("max_length", None)
        kwargs.pop("input_formats", None)
        kwargs.pop("empty_value", None)
        self.allow_future = allow_future
        self.allow_past = allow_past
        self.subject = subject
        super().__init__(**kwargs)

    def _error(self, code: str, parts: tuple[str, ...], **params: str) -> ValidationError:
        subject = str(self.subject or _("The date"))
        message = self.error_messages[code]
        return ValidationError(
            message, code=code, params={"subject": subject, "parts": parts, **params}
        )

    def to_python(self, value: Any) -> datetime.date | None:
        if isinstance(value, datetime.date):
            return value
        if not isinstance(value, (list, tuple)) or len(value) != len(DATE_PARTS):
            value = [None, None, None]
        day, month, year = ((str(v).strip() if v is not None else "") for v in value)
        if not (day or month or year):
            return None
        missing = [p for p, v in zip(DATE_PARTS, (day, month, year), strict=True) if not v]
        if missing:
            raise self._error(DateError.INCOMPLETE, tuple(missing), missing=_join_parts(missing))
        return self._parse(day, month, year)

    def _parse(self, day: str, month: str, year: str) -> datetime.date:
        day_match = DAY_PATTERN.match(day)
        month_number = self._month_number(month)
        bad_parts = []
        if not day_match or not 1 <= int(day_match.group(1)) <= 31:
            bad_parts.append("day")
        if month_number is None or not 1 <= month_number <= 12:
            bad_parts.append("month")
        if not YEAR_PATTERN.match(year):
            bad_parts.append("year")
        if bad_parts:
            raise self._error(DateError.INVALID, tuple(bad_parts))
        if len(year) != 4:
            raise self._error(DateError.YEAR_LENGTH, ("year",))
        try:
            return datetime.date(int(year), month_number, int(day_match.group(1)))
        except ValueError:
            # For example 31 2 2025: no single box is wrong, so highlight the whole date.
            raise self._error(DateError.INVALID, DATE_PARTS) from None

    @staticmethod
    def _month_number(month: str) -> int | None:
        if MONTH_PATTERN.match(month):
            return int(month)
        return MONTH_NAMES.get(month.lower().rstrip("."))

    def validate(self, value: datetime.date | None) -> None:
        if value is None:
            if self.required:
                raise self._error(DateError.REQUIRED, DATE_PARTS)
            return
        today = timezone.localdate()
        if not self.allow_future and value > today:
            raise self._error(DateError.NOT_PAST, DATE_PARTS)
        if not self.allow_past and value < today:
            raise self._error(DateError.NOT_FUTURE, DATE_PARTS)

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return self.to_python(data) != self.to_python(initial)
        except ValidationError:
            return True


# Field templates by widget class; the first match in this order wins (subclasses first).
FIELD_TEMPLATES: list[tuple[type[forms.Widget], str]] = [
    (GovukDateWidget, "govuk/fields/date.html"),
    (forms.CheckboxSelectMultiple, "govuk/fields/checkboxes.html"),
    (forms.RadioSelect, "govuk/fields/radios.html"),
    (forms.CheckboxInput, "govuk/fields/checkbox.html"),
    (forms.Textarea, "govuk/fields/textarea.html"),
    (forms.Select, "govuk/fields/select.html"),
    (forms.FileInput, "govuk/fields/file.html"),
]
DEFAULT_FIELD_TEMPLATE = "govuk/fields/input.html"

# (widget class, base class, error modifier) for the input element itself.
WIDGET_CLASSES: list[tuple[type[forms.Widget], str, str]] = [
    (forms.CheckboxSelectMultiple, "govuk-checkboxes__input", ""),
    (forms.RadioSelect, "govuk-radios__input", ""),
    (forms.CheckboxInput, "govuk-checkboxes__input", ""),
    (forms.FileInput, "govuk-file-upload", "govuk-file-upload--error"),
    (forms.Textarea, "govuk-textarea", "govuk-textarea--error"),
    (forms.Select, "govuk-select", "govuk-select--error"),
    (Input, "govuk-input", "govuk-input--error"),
]


def _first_match(widget: forms.Widget, table: list) -> tuple | None:
    for row in table:
        if isinstance(widget, row[0]):
            return row
    return None


class GovukBoundField(BoundField):
    """A bound field that knows GOV.UK ids, classes and templates."""

    @property
    def template_name(self) -> str:
        if self.field.template_name:
            return self.field.template_name
        row = _first_match(self.field.widget, FIELD_TEMPLATES)
        return row[1] if row else DEFAULT_FIELD_TEMPLATE

    @property
    def hint_id(self) -> str:
        return f"{self.auto_id}-hint" if self.auto_id else ""

    @property
    def error_id(self) -> str:
        return f"{self.auto_id}-error" if self.auto_id else ""

    @property
    def aria_describedby(self) -> str | None:
        if self.field.widget.attrs.get("aria-describedby"):
            return None
        ids = []
        if self.auto_id and not self.is_hidden:
            if self.help_text:
                ids.append(self.hint_id)
            if self.errors:
                ids.append(self.error_id)
        return " ".join(ids)

    @property
    def anchor_id(self) -> str:
        """The id an error summary link points at: the first input of the field.

        For a date, the first box in error (the day box when the whole date is wrong).
        """
        if isinstance(self.field.widget, forms.RadioSelect):
            return f"{self.auto_id}_0"
        if isinstance(self.field.widget, GovukDateWidget) and self.error_parts:
            return f"{self.auto_id}_{self.error_parts[0]}"
        return self.id_for_label or self.auto_id

    @property
    def is_page_heading(self) -> bool:
        return getattr(self.form, "page_heading_field", None) == self.name

    @property
    def label_size(self) -> str:
        """ "s", "m", "l" or "xl" for a larger label or legend; "l" when it is the page heading."""
        if self.is_page_heading:
            return "l"
        return getattr(self.form, "label_sizes", {}).get(self.name, "")

    @property
    def prefix(self) -> str:
        return getattr(self.form, "input_prefixes", {}).get(self.name, "")

    @property
    def suffix(self) -> str:
        return getattr(self.form, "input_suffixes", {}).get(self.name, "")

    @cached_property
    def error_parts(self) -> tuple[str, ...]:
        """For a date field, the boxes to highlight: from the first error's ``parts``."""
        for error in self.form.errors.as_data().get(self.name, []):
            parts = (error.params or {}).get("parts")
            if parts:
                return tuple(parts)
        return DATE_PARTS if self.errors else ()

    def build_widget_attrs(self, attrs: dict, widget: forms.Widget | None = None) -> dict:
        widget = widget or self.field.widget
        attrs = super().build_widget_attrs(attrs, widget)
        # No autofocus (Django's sign-in form sets it): it skips the skip link and the page's
        # heading for screen reader and keyboard users. False leaves the attribute out.
        attrs["autofocus"] = False
        if isinstance(widget, GovukDateWidget):
            attrs[GovukDateWidget.ERROR_PARTS_ATTR] = self.error_parts
            return attrs
        row = _first_match(widget, WIDGET_CLASSES)
        if row and not widget.is_hidden:
            classes = [row[1], widget.attrs.get("class", ""), attrs.get("class", "")]
            if self.errors and row[2]:
                classes.append(row[2])
            attrs["class"] = " ".join(c for c in classes if c)
        return attrs

    def options(self) -> list[dict[str, Any]]:
        """Radio or checkbox items: the input tag, its id, label and optional hint.

        Item hints come from ``widget.choice_hints``, a dict of choice value to hint text.
        Blank choices ("---------") are left out: GOV.UK radios have no empty item.
        """
        hints = getattr(self.field.widget, "choice_hints", {})
        items = []
        for subwidget in self.subwidgets:
            value = subwidget.data["value"]
            if value in ("", None):
                continue
            hint = hints.get(str(value)) or hints.get(value)
            item_id = subwidget.id_for_label
            if hint and item_id:
                subwidget.data["attrs"] = {
                    **subwidget.data["attrs"],
                    "aria-describedby": f"{item_id}-item-hint",
                }
            items.append(
                {
                    "tag": subwidget.tag(),
                    "id": item_id,
                    "label": subwidget.choice_label,
                    "hint": hint,
                }
            )
        return items


class GovukFormMixin:
    """Render a form with GOV.UK Frontend markup. Put it before ``forms.Form`` in the bases.

    Optional class attributes, each keyed by field name:
    - ``error_subjects``: what a date, a number or text with a length limit is called in its
      messages, e.g. ``{"date_of_birth": _("Date of birth")}`` gives "Date of birth must be a
      real date". Written for each field: a label such as "By when?" can't be reused.
    - ``page_heading_field``: the field whose label (or legend) is the page's h1, for
      one-question pages.
    - ``label_sizes``: a bigger label or legend, e.g. ``{"notes": "m"}`` (s, m, l or xl).
    - ``input_prefixes`` / ``input_suffixes``: text beside an input, e.g. ``{"amount": "£"}``.

    HTML5 ``required`` attributes are left off (GOV.UK validates on the server and shows its own
    messages); add ``novalidate`` to the ``<form>`` element.
    """

    template_name = "govuk/form.html"
    template_name_div = "govuk/form.html"
    bound_field_class = GovukBoundField
    use_required_attribute = False
    page_heading_field: str | None = None
    error_subjects: dict[str, str] = {}
    label_sizes: dict[str, str] = {}
    input_prefixes: dict[str, str] = {}
    input_suffixes: dict[str, str] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            subject = self.error_subjects.get(name)
            if isinstance(field, GovukDateField):
                field.label = field.label or pretty_name(name)
                field.subject = subject or field.subject
            govuk_error_messages(field, subject)


DJANGO_REQUIRED = forms.Field.default_error_messages["required"]
DJANGO_NUMBER = forms.IntegerField.default_error_messages["invalid"]
DJANGO_DECIMAL = forms.DecimalField.default_error_messages["invalid"]
# Plain, generic messages for a field whose form did not write its own. They name nothing, so
# they can never read wrongly; tests/test_form_messages.py checks no form of ours relies on one.
REQUIRED_CHECKBOX_FALLBACK = _("Select the box to continue")
REQUIRED_CHOICE_FALLBACK = _("Select an answer")
REQUIRED_TEXT_FALLBACK = _("Enter an answer")
NUMBER_FALLBACK = _("Enter a number")
FALLBACK_MESSAGES = (
    REQUIRED_CHECKBOX_FALLBACK,
    REQUIRED_CHOICE_FALLBACK,
    REQUIRED_TEXT_FALLBACK,
    REQUIRED_DATE_FALLBACK,
    NUMBER_FALLBACK,
)


def govuk_error_messages(field: forms.Field, subject: str | None = None) -> None:
    """Swap Django's messages still at their defaults for GOV.UK ones, never built from the
    label: a generic message for a missing answer, and "<subject> must be a number" or
    "<subject> must be 500 characters or less" where the form names the subject.

    Only messages still at Django's default are changed, so a form's own wording wins.
    """
    messages = field.error_messages
    if messages.get("required") == DJANGO_REQUIRED and not isinstance(field, GovukDateField):
        if isinstance(field.widget, forms.CheckboxInput):
            messages["required"] = REQUIRED_CHECKBOX_FALLBACK
        elif isinstance(field.widget, (forms.Select, forms.RadioSelect)):
            messages["required"] = REQUIRED_CHOICE_FALLBACK
        else:
            messages["required"] = REQUIRED_TEXT_FALLBACK
    if isinstance(field, forms.EmailField) and "invalid" not in messages:
        # The validator's code is "invalid"; a field message with that code replaces its text.
        messages["invalid"] = _(
            "Enter an email address in the correct format, like name@example.com"
        )
    elif isinstance(field, forms.IntegerField):  # also DecimalField and FloatField
        if messages.get("invalid") in (DJANGO_NUMBER, DJANGO_DECIMAL):
            messages["invalid"] = (
                _("%(subject)s must be a number") % {"subject": subject}
                if subject
                else NUMBER_FALLBACK
            )
    elif isinstance(field, forms.CharField) and field.max_length and subject:
        # The length validator's code; "%%" keeps the subject's own "%" signs as they are.
        messages.setdefault(
            "max_length",
            _("%(subject)s must be %(limit)s characters or less")
            % {"subject": subject.replace("%", "%%"), "limit": "%(limit_value)s"},
        )


class GovukForm(GovukFormMixin, forms.Form):
    pass


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    pass


def as_govuk(bound_field: BoundField) -> GovukBoundField:
    """Wrap a bound field of any form (e.g. Django's AuthenticationForm) for GOV.UK rendering."""
    if isinstance(bound_field, GovukBoundField):
        return bound_field
    return GovukBoundField(bound_field.form, bound_field.field, bound_field.name)


class SignInForm(GovukFormMixin, AuthenticationForm):
    """Django's sign-in form with GOV.UK messages: ``LoginView.as_view(authentication_form=…)``."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Enter a correct username and password. Both are case-sensitive."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = _("Enter your username")
        self.fields["password"].error_messages["required"] = _("Enter your password")


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice of rows that treats an id no database can hold as an invalid choice.

    Django's own field passes such ids to the database, where SQLite overflows (a 500)."""

    def _check_values(self, value):
        for pk in value if isinstance(value, (list, tuple)) else []:
            try:
                in_range = -(2**63) <= int(str(pk)) < 2**63
            except (TypeError, ValueError):
                in_range = True  # not a number: Django's own check reports it
            if not in_range:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


class SubmissionKeyField(forms.UUIDField):
    """A hidden one-time key, made afresh each time the form is shown, so the service can save the
    same form sent twice (a double click, a browser retrying) once only.

    A missing or malformed key is None, not an error: the submission is then simply not checked
    for a copy (clients that post without it, such as older tests and scripts, still work)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, initial=uuid.uuid4, **kwargs)

    def to_python(self, value: Any) -> uuid.UUID | None:
        try:
            return super().to_python(value)
        except ValidationError:
            return None
