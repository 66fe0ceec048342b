"""The sending form: for each recipient, which forms they get and how. Parsing and checking only;
the rules of who may get what way are in recipients.py."""

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.copies.recipients import Recipient
from tandem.copies.services import Choice
from tandem.documents import render
from tandem.people.models import Delivery, Person
from tandem.ui.forms import GovukForm

ROUTE_HINTS = {
    Delivery.SIGN_IN.value: gettext_lazy(
        "They download it, or listen to it, on their Tandem page."
    ),
    Delivery.EMAIL.value: gettext_lazy(
        "A PDF is attached to the email. Audio is sent as a link to their Tandem page."
    ),
    Delivery.POST.value: gettext_lazy(
        "It is added to the list of copies to post, with a covering letter to print."
    ),
}


def _form_choices() -> list[tuple[str, str]]:
    labels = dict(Person.Format.choices)
    return [(str(f), str(labels[f])) for f in render.RENDERED_FORMS]


class SendForm(GovukForm):
    """One pair of questions per recipient: `<prefix>-forms` and `<prefix>-route`. Sent twice,
    it makes each copy once (a unique constraint on the copies, see services.copies_send)."""

    def __init__(self, *args: Any, recipients: list[Recipient], **kwargs: Any) -> None:
        self.recipients = [r for r in recipients if r.routes]
        initial = kwargs.setdefault("initial", {})
        for recipient in self.recipients:
            initial.setdefault(f"{recipient.field_prefix}-forms", recipient.forms)
            initial.setdefault(f"{recipient.field_prefix}-route", recipient.route)
        super().__init__(*args, **kwargs)
        labels = dict(Delivery.choices)
        for recipient in self.recipients:
            names = {"name": recipient.name}
            self.fields[f"{recipient.field_prefix}-forms"] = forms.MultipleChoiceField(
                label=_("Which forms does %(name)s get?") % names,
                help_text=_(
                    "Select all they need. Leave them all unselected to send them nothing."
                ),
                choices=_form_choices(),
                widget=forms.CheckboxSelectMultiple,
                required=False,
                error_messages={
                    "invalid_choice": _("Select forms from the list for %(name)s") % names
                },
            )
            route = forms.ChoiceField(
                label=_("How does %(name)s get them?") % names,
                choices=[(r, labels[r]) for r in recipient.routes],
                widget=forms.RadioSelect,
                required=False,
                error_messages={
                    "invalid_choice": _("Select how %(name)s gets their copies") % names
                },
            )
            route.widget.choice_hints = {r: ROUTE_HINTS[r] for r in recipient.routes}
            self.fields[f"{recipient.field_prefix}-route"] = route

    def rows(self) -> list[tuple[Recipient, Any, Any]]:
        return [
            (r, self[f"{r.field_prefix}-forms"], self[f"{r.field_prefix}-route"])
            for r in self.recipients
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        chosen = 0
        for recipient in self.recipients:
            forms_chosen = data.get(f"{recipient.field_prefix}-forms") or []
            chosen += len(forms_chosen)
            route = data.get(f"{recipient.field_prefix}-route")
            if forms_chosen and not route:
                self.add_error(
                    f"{recipient.field_prefix}-route",
                    _("Select how %(name)s gets their copies") % {"name": recipient.name},
                )
            elif (
                Person.Format.AUDIO in forms_chosen
                and route == Delivery.EMAIL
                and not recipient.user
            ):
                # Audio is emailed as a link to their page, which needs a sign-in.
                self.add_error(
                    f"{recipient.field_prefix}-forms",
                    _(
                        "%(name)s has no Tandem sign-in to listen to audio: send it by post, or "
                        "leave audio out"
                    )
                    % {"name": recipient.name},
                )
        if not chosen and not self.errors:
            self.add_error(None, _("Select at least one form for someone to send a copy"))
        return data

    def choices(self) -> list[Choice]:
        return [
            Choice(
                recipient=r,
                forms=list(self.cleaned_data[f"{r.field_prefix}-forms"]),
                route=self.cleaned_data[f"{r.field_prefix}-route"],
            )
            for r in self.recipients
            if self.cleaned_data.get(f"{r.field_prefix}-forms")
        ]
