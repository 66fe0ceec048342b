"""The person's home page says why their review is due in words for them: the review schedule's
reasons without the guidance's rule codes ("(R1)"), and "you" rather than "the person"."""

import re
from datetime import date

import pytest

from tandem.reviews.person_home import for_the_person
from tandem.reviews.schedule import Deadline, PlanFacts, Timescales, next_review

TODAY = date(2026, 6, 1)


@pytest.mark.parametrize(
    "text,said",
    [
        (
            "6 weeks after new support started on 16 March 2026 (R1)",
            "6 weeks after new support started on 16 March 2026",
        ),
        (
            "1 May 2027 was agreed at the review on 2 May 2026, but reviews are at least every "
            "12 months (R7, R1)",
            "1 May 2027 was agreed at the review on 2 May 2026, but reviews are at least every "
            "12 months",
        ),
        (
            "The person asked for a review on 1 April 2026 (R1)",
            "You asked for a review on 1 April 2026",
        ),
        ("Nothing to change", "Nothing to change"),
    ],
)
def test_it_takes_out_rule_codes_and_speaks_to_the_person(text, said):
    assert for_the_person(text) == said


def test_a_carer_reads_the_persons_name_instead_of_you():
    text = "The person asked for a review on 1 April 2026 (R1)"
    assert for_the_person(text, name="Den") == "Den asked for a review on 1 April 2026"


def test_no_reason_the_schedule_gives_keeps_a_rule_code():
    """Every kind of reason at once: urgent, asked for, first review, direct payment, agreed at
    the last review, yearly and before a deadline."""
    facts = PlanFacts(
        support_starts_on=date(2026, 5, 1),
        agreed_on=date(2025, 4, 1),
        deadlines=(Deadline(date(2026, 6, 20), "Go to the club"),),
        direct_payment_starts_on=date(2026, 5, 1),
        last_review_on=date(2025, 4, 20),
        next_review_agreed_on=date(2026, 7, 1),
        requested_on=date(2026, 5, 20),
        urgent_since=date(2026, 5, 25),
    )
    reasons = next_review(facts, Timescales(), today=TODAY).reasons
    assert len({reason.code for reason in reasons}) >= 6
    for reason in reasons:
        assert re.search(r"\([A-Z]\d+", reason.text)  # the worker's page keeps them
        said = for_the_person(reason.text)
        assert not re.search(r"\b[RPA]\d+\b", said), said
        assert "the person" not in said.lower(), said
