import re

from django import forms
from django.template import engines
from django.test import RequestFactory

from tandem.ui.forms import GovukDateField, GovukForm, SignInForm


class PersonForm(GovukForm):
    input_prefixes = {"weekly_budget": "£"}
    label_sizes = {"notes": "m"}
    error_subjects = {
        "weekly_budget": "Weekly budget",
        "notes": "Notes",
        "date_of_birth": "Date of birth",
    }

    name = forms.CharField(
        help_text="As they like to be known",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
        error_messages={"required": "Enter their name"},
    )
    email = forms.EmailField(required=False)
    weekly_budget = forms.DecimalField(required=False)
    notes = forms.CharField(required=False, widget=forms.Textarea, max_length=10)
    team = forms.ChoiceField(
        choices=[("", "Choose a team"), ("north", "North"), ("south", "South")],
        error_messages={"required": "Select their team"},
    )
    contact = forms.ChoiceField(
        label="How should we contact them?",
        choices=[("phone", "Phone"), ("letter", "Letter")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select how we should contact them"},
    )
    needs = forms.MultipleChoiceField(
        choices=[("bsl", "BSL interpreter"), ("easy", "Easy read")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    consent = forms.BooleanField(
        label="They agree to share their plan",
        error_messages={"required": "Select that they agree to share their plan"},
    )
    date_of_birth = GovukDateField(error_messages={"required": "Enter their date of birth"})
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class UnwrittenForm(GovukForm):
    """Labels that are questions, and no messages written: the messages must not use them."""

    who = forms.ChoiceField(
        label="Who agreed the plan for the person?",
        choices=[("person", "The person"), ("carer", "A carer")],
        widget=forms.RadioSelect,
    )
    what = forms.CharField(label="What is the need?", max_length=5)
    how_much = forms.DecimalField(label="How much is it?")
    agree = forms.BooleanField(label="Do they agree?")
    when = GovukDateField(label="By when?")


def tag(html, element_id):
    return re.search(rf'<[a-z]+[^>]*id="{element_id}"[^>]*>', html).group(0)


def render(template, **context):
    return engines["django"].from_string(template).render(context)


def test_it_renders_inputs_with_govuk_classes_and_hints():
    html = str(PersonForm())
    name = tag(html, "id_name")
    assert 'class="govuk-input govuk-input--width-20"' in name
    assert 'aria-describedby="id_name-hint"' in name
    assert "required" not in name
    assert '<div id="id_name-hint" class="govuk-hint">As they like to be known</div>' in html
    assert '<label class="govuk-label" for="id_name">Name</label>' in html
    assert 'class="govuk-textarea"' in tag(html, "id_notes")
    assert 'class="govuk-select"' in tag(html, "id_team")
    assert '<div class="govuk-input__prefix" aria-hidden="true">£</div>' in html
    assert "govuk-label--m" in html


def test_it_renders_radios_and_checkboxes_in_fieldsets():
    html = str(PersonForm())
    assert '<legend class="govuk-fieldset__legend">How should we contact them?</legend>' in html
    assert 'class="govuk-radios__input"' in tag(html, "id_contact_0")
    assert 'for="id_contact_0">Phone</label>' in html
    assert 'class="govuk-checkboxes__input"' in tag(html, "id_needs_1")
    assert 'class="govuk-checkboxes__input"' in tag(html, "id_consent")
    assert 'type="hidden" name="version"' in html


def test_it_marks_fields_in_error():
    form = PersonForm(data={"name": "", "email": "not-an-email", "weekly_budget": "lots"})
    html = str(form)
    assert 'class="govuk-input govuk-input--width-20 govuk-input--error"' in tag(html, "id_name")
    assert 'aria-describedby="id_name-hint id_name-error"' in tag(html, "id_name")
    assert (
        '<p id="id_name-error" class="govuk-error-message">'
        '<span class="govuk-visually-hidden">Error:</span> Enter their name</p>'
    ) in html
    assert html.count("govuk-form-group--error") == 7
    assert 'aria-describedby="id_contact-error"' in html
    assert form.errors["email"] == [
        "Enter an email address in the correct format, like name@example.com"
    ]
    assert form.errors["weekly_budget"] == ["Weekly budget must be a number"]
    assert form.errors["team"] == ["Select their team"]
    assert form.errors["consent"] == ["Select that they agree to share their plan"]


def test_it_names_the_subject_in_a_length_message():
    form = PersonForm(data={"notes": "x" * 11})
    assert form.errors["notes"] == ["Notes must be 10 characters or less"]


def test_it_keeps_a_forms_own_messages():
    class NamedForm(GovukForm):
        name = forms.CharField(error_messages={"required": "Enter their name"})

    assert NamedForm(data={}).errors["name"] == ["Enter their name"]


def test_it_never_builds_a_message_from_a_label():
    """ "Select the who agreed the plan for the person?" is what building them gave."""
    form = UnwrittenForm(data={"what": "too long", "how_much": "lots", "when_day": "1"})
    assert form.errors == {
        "who": ["Select an answer"],
        "what": ["Ensure this value has at most 5 characters (it has 8)."],
        "how_much": ["Enter a number"],
        "agree": ["Select the box to continue"],
        "when": ["The date must include a month and year"],
    }
    assert UnwrittenForm(data={}).errors["what"] == ["Enter an answer"]
    assert UnwrittenForm(data={}).errors["when"] == ["Enter a date"]


def test_it_makes_a_page_heading_label():
    class OneQuestionForm(GovukForm):
        page_heading_field = "reason"
        reason = forms.CharField()

    html = str(OneQuestionForm())
    assert (
        '<h1 class="govuk-label-wrapper"><label class="govuk-label govuk-label--l" '
        'for="id_reason">Reason</label></h1>'
    ) in html


def test_error_summary_links_to_the_first_input_of_each_field():
    form = PersonForm(data={"date_of_birth_day": "31", "date_of_birth_month": "2"})
    html = render('{% include "includes/error_summary.html" %}', form=form)
    assert 'role="alert"' in html
    assert '<a href="#id_name">Enter their name</a>' in html
    assert '<a href="#id_contact_0">Select how we should contact them</a>' in html
    assert '<a href="#id_date_of_birth_year">Date of birth must include a year</a>' in html


def test_error_summary_is_empty_without_errors():
    assert render('{% include "includes/error_summary.html" %}', form=PersonForm()).strip() == ""


def test_error_summary_takes_several_forms():
    first = PersonForm(data={}, prefix="first")
    second = PersonForm(data={}, prefix="second")
    html = render('{% include "includes/error_summary.html" %}', forms=[first, second])
    assert 'href="#id_first-name"' in html
    assert 'href="#id_second-name"' in html


def test_non_field_errors_link_to_the_first_field():
    class CheckedForm(GovukForm):
        name = forms.CharField()

        def clean(self):
            raise forms.ValidationError("These details do not match our records")

    html = render(
        '{% include "includes/error_summary.html" %}', form=CheckedForm(data={"name": "x"})
    )
    assert '<a href="#id_name">These details do not match our records</a>' in html


def test_error_summary_links_to_the_day_when_the_whole_date_is_wrong():
    form = PersonForm(
        data={"date_of_birth_day": "31", "date_of_birth_month": "2", "date_of_birth_year": "2025"}
    )
    html = render('{% include "includes/error_summary.html" %}', form=form)
    assert '<a href="#id_date_of_birth_day">Date of birth must be a real date</a>' in html


def test_sign_in_form_uses_govuk_messages(db):
    form = SignInForm(None, data={"username": "", "password": ""})
    assert form.errors == {"username": ["Enter your username"], "password": ["Enter your password"]}
    # A sign-in is checked against the lockout, which needs the request it came in.
    request = RequestFactory().post("/sign-in/")
    form = SignInForm(request, data={"username": "nobody", "password": "wrong"})
    assert form.non_field_errors() == [
        "Enter a correct username and password. Both are case-sensitive."
    ]
    assert "autofocus" not in str(form)
