from django import forms
from django.utils.translation import gettext_lazy as _

from tandem.ui.forms import GovukForm


class CompareForm(GovukForm):
    """Two versions (or issued copies) of a plan to compare; the choices come from the view."""

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so the fields are added here rather than declared.
        self.fields["from"] = forms.ChoiceField(label=_("Compare"), choices=choices)
        self.fields["to"] = forms.ChoiceField(label=_("with"), choices=choices)
