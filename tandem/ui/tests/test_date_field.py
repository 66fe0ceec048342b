import datetime
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from tandem.ui.forms import GovukDateField, GovukForm


class ReviewForm(GovukForm):
    review_date = GovukDateField(
        label="When is the review?",
        subject="Review date",
        error_messages={"required": "Enter the date of the review"},
    )


class UnwrittenForm(GovukForm):
    """A form that wrote no messages of its own gets plain ones, never its label's words."""

    review_date = GovukDateField(label="When is the review?")


class OptionalForm(GovukForm):
    end_date = GovukDateField(required=False)


class PastForm(GovukForm):
    date_of_birth = GovukDateField(allow_future=False)
    error_subjects = {"date_of_birth": "Date of birth"}


def submit(form_class, day="", month="", year="", name="review_date"):
    return form_class(data={f"{name}_day": day, f"{name}_month": month, f"{name}_year": year})


def errors(form, name="review_date"):
    assert not form.is_valid()
    return form.errors[name]


def test_it_accepts_a_real_date():
    form = submit(ReviewForm, "5", "3", "2026")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["review_date"] == datetime.date(2026, 3, 5)


@pytest.mark.parametrize(
    ("day", "month", "year"),
    [("05", "03", "2026"), (" 5 ", "3", "2026"), ("5th", "March", "2026"), ("5", "mar", "2026")],
)
def test_it_accepts_unambiguous_forms(day, month, year):
    form = submit(ReviewForm, day, month, year)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["review_date"] == datetime.date(2026, 3, 5)


def test_it_asks_for_a_missing_date_in_the_forms_own_words():
    assert errors(submit(ReviewForm)) == ["Enter the date of the review"]


def test_it_never_builds_a_message_from_the_label():
    """Labels are often questions: "Enter the when is the review?" is what that gave."""
    form = submit(ReviewForm, "5", "", "2026")
    assert errors(form) == ["Review date must include a month"]
    assert errors(submit(UnwrittenForm)) == ["Enter a date"]
    assert errors(submit(UnwrittenForm, "5", "", "2026")) == ["The date must include a month"]


def test_it_allows_an_empty_optional_date():
    form = submit(OptionalForm, name="end_date")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["end_date"] is None


def test_it_calls_it_the_date_when_no_subject_is_written():
    assert errors(submit(OptionalForm, "1", "", "2026", name="end_date"), "end_date") == [
        "The date must include a month"
    ]


def test_it_takes_the_subject_from_the_forms_error_subjects():
    form = submit(PastForm, "1", "", "2026", name="date_of_birth")
    assert errors(form, "date_of_birth") == ["Date of birth must include a month"]


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "3", "2026", "Review date must include a day"),
        ("5", "", "2026", "Review date must include a month"),
        ("5", "3", "", "Review date must include a year"),
        ("", "", "2026", "Review date must include a day and month"),
        ("5", "", "", "Review date must include a month and year"),
    ],
)
def test_it_names_missing_parts(day, month, year, message):
    assert errors(submit(ReviewForm, day, month, year)) == [message]


@pytest.mark.parametrize(
    ("day", "month", "year"),
    [
        ("31", "2", "2025"),
        ("29", "2", "2025"),
        ("31", "4", "2026"),
        ("0", "3", "2026"),
        ("32", "3", "2026"),
        ("5", "13", "2026"),
        ("five", "3", "2026"),
        ("5", "3", "twenty"),
        ("-1", "3", "2026"),
    ],
)
def test_it_rejects_impossible_dates(day, month, year):
    assert errors(submit(ReviewForm, day, month, year)) == ["Review date must be a real date"]


def test_it_accepts_a_leap_day():
    form = submit(ReviewForm, "29", "2", "2024")
    assert form.is_valid(), form.errors


@pytest.mark.parametrize("year", ["26", "202", "20266"])
def test_it_wants_a_four_digit_year(year):
    assert errors(submit(ReviewForm, "5", "3", year)) == [
        "Review date must include a year with 4 numbers"
    ]


@time_machine.travel(datetime.datetime(2026, 3, 5, 12, tzinfo=datetime.UTC), tick=False)
def test_it_can_refuse_future_dates():
    assert errors(submit(PastForm, "6", "3", "2026", name="date_of_birth"), "date_of_birth") == [
        "Date of birth must be today or in the past"
    ]
    assert submit(PastForm, "5", "3", "2026", name="date_of_birth").is_valid()


def input_tag(html, input_id):
    return re.search(rf'<input[^>]*id="{input_id}"[^>]*>', html).group(0)


def test_it_highlights_only_the_missing_part():
    html = str(submit(ReviewForm, "5", "", "2026"))
    assert "govuk-input--error" in input_tag(html, "id_review_date_month")
    assert "govuk-input--error" not in input_tag(html, "id_review_date_day")
    assert "govuk-input--error" not in input_tag(html, "id_review_date_year")


def test_it_highlights_the_whole_date_when_it_is_not_real():
    html = str(submit(ReviewForm, "31", "2", "2025"))
    assert html.count("govuk-input--error") == 3


def test_it_shows_an_initial_date_in_three_boxes():
    html = str(ReviewForm(initial={"review_date": datetime.date(2026, 3, 5)}))
    assert 'name="review_date_day" value="5"' in html
    assert 'name="review_date_month" value="3"' in html
    assert 'name="review_date_year" value="2026"' in html


def test_it_keeps_what_was_typed_after_an_error():
    html = str(submit(ReviewForm, "31", "feb", "2025"))
    assert 'name="review_date_month" value="feb"' in html


@given(day=st.text(max_size=6), month=st.text(max_size=10), year=st.text(max_size=6))
def test_it_never_fails_with_anything_but_a_form_error(day, month, year):
    try:
        value = GovukDateField().clean([day, month, year])
    except ValidationError as error:
        assert error.code in {"required", "incomplete", "invalid", "year_length"}
    else:
        assert isinstance(value, datetime.date)


@given(st.dates(min_value=datetime.date(1000, 1, 1)))
def test_it_reads_back_every_date_it_shows(date):
    field = GovukDateField()
    assert field.clean(field.widget.decompress(date)) == date
