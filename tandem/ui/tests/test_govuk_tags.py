import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.template import engines

from tandem.ui.templatetags.govuk import govuk_date, govuk_datetime

LONDON = ZoneInfo("Europe/London")


def render(template, **context):
    return engines["django"].from_string("{% load govuk %}" + template).render(context)


def test_it_formats_dates_the_govuk_way():
    assert govuk_date(datetime.date(2026, 3, 5)) == "5 March 2026"
    assert govuk_date(None) == ""


def test_it_formats_times_the_govuk_way():
    assert govuk_datetime(datetime.datetime(2026, 3, 5, 14, 30, tzinfo=LONDON)) == (
        "5 March 2026 at 2:30pm"
    )
    assert govuk_datetime(datetime.datetime(2026, 3, 5, 9, 5, tzinfo=LONDON)) == (
        "5 March 2026 at 9:05am"
    )
    assert govuk_datetime(datetime.datetime(2026, 3, 5, 12, 0, tzinfo=LONDON)) == (
        "5 March 2026 at midday"
    )


def test_it_shows_aware_times_in_london_time():
    summer_utc = datetime.datetime(2026, 7, 1, 23, 30, tzinfo=datetime.UTC)
    assert govuk_datetime(summer_utc) == "2 July 2026 at 12:30am"


def test_govuk_field_renders_a_field_of_any_form():
    class PlainForm(forms.Form):
        username = forms.CharField(help_text="The name you sign in with")

    html = render("{% govuk_field form.username %}", form=PlainForm(data={}))
    assert "govuk-form-group--error" in html
    assert 'class="govuk-input govuk-input--error"' in html
    assert 'id="id_username-hint"' in html


def test_forms_have_errors():
    class PlainForm(forms.Form):
        name = forms.CharField()

    template = "{% forms_have_errors form forms as errors %}{{ errors }}"
    assert render(template, form=PlainForm()) == "False"
    assert render(template, form=PlainForm(data={})) == "True"
    assert render(template, forms=[PlainForm(data={"name": "x"}), PlainForm(data={})]) == "True"
