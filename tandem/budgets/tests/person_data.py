"""A small resource allocation scheme and results for the person budget tests."""

import datetime
import re
import uuid
from decimal import Decimal

from django.urls import reverse

from tandem.budgets.models import FinancialAssessment, IndicativeBudget, RasScheme

QUESTIONS = (
    (
        "How much help do you need with washing and dressing?",
        "Think about a usual week.",
        (("None", 0), ("Some days", 10), ("Every day", 25)),
    ),
    (
        "How much help do you need to get out and about?",
        "",
        (("None", 0), ("Some help", 8), ("A lot of help", 20)),
    ),
)
ADJUSTMENTS = (
    ("A carer gives regular support", Decimal("-40.00")),
    ("Lives in a rural area", Decimal("15.00")),
)


def make_scheme(
    organisation,
    actor,
    *,
    name: str = "Riverside RAS",
    version: int = 1,
    status: str = RasScheme.Status.PUBLISHED,
    price: str = "10.00",
    minimum: str | None = None,
    maximum: str | None = None,
    questions=QUESTIONS,
    adjustments=ADJUSTMENTS,
) -> RasScheme:
    scheme = RasScheme.objects.create(
        organisation=organisation,
        name=name,
        version=version,
        status=status,
        price_per_point=Decimal(price),
        minimum_weekly=None if minimum is None else Decimal(minimum),
        maximum_weekly=None if maximum is None else Decimal(maximum),
        created_by=actor,
    )
    for q_position, (text, hint, answers) in enumerate(questions):
        question = scheme.questions.create(position=q_position, text=text, hint=hint)
        for a_position, (answer, points) in enumerate(answers):
            question.answers.create(position=a_position, text=answer, points=points)
    for position, (label, amount) in enumerate(adjustments):
        scheme.adjustments.create(position=position, label=label, weekly_amount=amount)
    return scheme


def answer(scheme: RasScheme, question_number: int, text: str):
    question = list(scheme.questions.all())[question_number - 1]
    return question, question.answers.get(text=text)


def adjustment(scheme: RasScheme, label: str):
    return scheme.adjustments.get(label=label)


def ras_post(scheme: RasScheme, answers: dict[int, str], **extra) -> dict:
    """The RAS form as sent: `answers` is question number → answer text."""
    data: dict = {"scheme_key": f"{scheme.pk}-{scheme.revision}", "with_person": "yes"}
    for number, text in answers.items():
        question, chosen = answer(scheme, number, text)
        data[f"answer_{question.pk}"] = str(chosen.pk)
    data.update(extra)
    return data


def outside_post(**overrides) -> dict:
    return {
        "weekly_amount": "245.50",
        "source_details": "Panel decision letter",
        "set_on_day": "3",
        "set_on_month": "3",
        "set_on_year": "2025",
        **overrides,
    }


def assessment_post(**overrides) -> dict:
    return {
        "status": "done",
        "assessed_on_day": "10",
        "assessed_on_month": "2",
        "assessed_on_year": "2025",
        "weekly_contribution": "35.00",
        "notes": "",
        **overrides,
    }


def make_outside_budget(person, actor, *, weekly: str = "200.00", **kwargs) -> IndicativeBudget:
    kwargs.setdefault("source_details", "Panel decision letter")
    kwargs.setdefault("set_on", datetime.date(2025, 1, 6))
    return IndicativeBudget.objects.create(
        organisation=person.organisation,
        person=person,
        source=IndicativeBudget.Source.OUTSIDE,
        weekly_amount=Decimal(weekly),
        completed_by=actor,
        **kwargs,
    )


def make_assessment(person, actor, **kwargs) -> FinancialAssessment:
    kwargs.setdefault("status", FinancialAssessment.Status.DONE)
    kwargs.setdefault("assessed_on", datetime.date(2025, 2, 10))
    kwargs.setdefault("weekly_contribution", Decimal("35.00"))
    return FinancialAssessment.objects.create(
        organisation=person.organisation, person=person, recorded_by=actor, **kwargs
    )


def url(name: str, person) -> str:
    return reverse(f"budgets:{name}", args=[person.pk])


def new_key() -> str:
    return str(uuid.uuid4())


def errors_of(html: str) -> list[str]:
    summary = html.split('govuk-error-summary__list"', 1)[1].split("</ul>", 1)[0]
    return [re.sub(r"<[^>]+>", "", item).strip() for item in summary.split("<li>")[1:]]


def checked_values(html: str, name: str) -> list[str]:
    return re.findall(
        rf'<input type="(?:radio|checkbox)" name="{name}" value="(\d+|yes|no)"[^>]*checked', html
    )


def input_value(html: str, name: str) -> str | None:
    """What a text box or text area shows, so a test can check what was typed was kept."""
    box = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html)
    if box:
        return box.group(1)
    area = re.search(rf'<textarea[^>]*name="{name}"[^>]*>\n?(.*?)</textarea>', html, re.S)
    return area.group(1) if area else None
