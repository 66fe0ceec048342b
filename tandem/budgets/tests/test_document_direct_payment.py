"""The plan document's sentence about the direct payment (P12): its weekly amount, how often it is
paid and each payment, worked out from the cost lines it pays for."""

import re

import pytest
from django.urls import reverse

from tandem.documents.tests.builders import build_plan, update_section


def sentence(response) -> str:
    html = response.content.decode()
    found = re.search(r'<p class="govuk-body" data-testid="direct-payment">(.*?)</p>', html, re.S)
    assert found, "the document says how the direct payment is paid"
    return " ".join(found[1].split())


@pytest.mark.parametrize(
    ("frequency", "expected"),
    [
        # 1 hour × 5 a week at £12.50 = £62.50 a week; × 4 = £250.00.
        ("four_weekly", "paid every 4 weeks. Each payment is £250.00."),
        # £62.50 × 52 ÷ 12 = £270.833… → £270.83.
        ("monthly", "paid every month. Each payment is £270.83."),
        ("weekly", "paid every week. Each payment is £62.50."),
    ],
)
def test_it_says_how_often_the_direct_payment_is_paid_within_the_sentence(
    client_for, worker, person, frequency, expected
):
    plan = build_plan(person=person, actor=worker)
    update_section(
        plan,
        "budget",
        worker,
        budget_arrangement="direct_payment",
        direct_payment_frequency=frequency,
        budget_use="A personal assistant for shopping",
    )

    response = client_for(worker).get(reverse("documents:plan", args=[plan.pk]))

    assert sentence(response) == f"The direct payment is £62.50 a week, {expected}"
