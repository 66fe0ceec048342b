"""The document's content worked out from a snapshot, and the filters that show its values."""

import pytest

from tandem.documents.document import document_content, recipients_for_display
from tandem.documents.templatetags.documents import iso_date, money, text_or_nothing
from tandem.documents.tests.test_compare import action, snapshot


def test_it_groups_actions_and_support_by_how_they_are_resourced():
    plan = snapshot(
        actions=[
            action("Find a lift", funded_by="natural", funded_by_label="Natural support"),
            action("Join the club", funded_by="", funded_by_label=""),
            action("Buy a tablet", funded_by="personal_budget", funded_by_label="Personal budget"),
        ]
    )

    groups = document_content(plan)["resourcing"]

    assert [(g["label"], [r["what"] for r in g["rows"]]) for g in groups] == [
        ("Natural support", ["Find a lift"]),
        ("Personal budget", ["Buy a tablet", "Help with shopping"]),
        ("How this is resourced has not been recorded yet", ["Join the club"]),
    ]


def test_it_names_the_section_a_disagreement_is_about():
    plan = snapshot(
        disagreements=[
            {
                "id": 1,
                "section": "risks",
                "raised_by": "Sue",
                "details": "Too risky",
                "after_agreement": True,
                "renegotiation": "needed",
            }
        ]
    )

    (disagreement,) = document_content(plan)["disagreements"]

    assert disagreement["section_title"] == "Risks and what happens if things go wrong"
    assert disagreement["renegotiation_label"] == (
        "Yes – the plan must be reviewed or renegotiated"
    )


def test_it_counts_the_gaps():
    plan = snapshot(risks=[], supports=[])

    assert document_content(plan)["gap_count"] == 2


def test_it_names_the_formats_a_copy_was_sent_in():
    recipients = [{"name": "Pri", "role": "The person", "formats": ["large_print", "easy_read"]}]

    (recipient,) = recipients_for_display(recipients)

    assert recipient["format_labels"] == ["Large print", "Easy read"]


def test_it_shows_iso_dates_the_gov_uk_way():
    assert iso_date("2026-03-05") == "5 March 2026"
    assert iso_date("") == ""
    assert iso_date("not a date") == "not a date"


def test_it_shows_money_in_pounds():
    assert money("1250.5") == "£1,250.50"
    assert money("") == ""


def test_it_keeps_line_breaks_and_escapes_text():
    assert text_or_nothing("Line one\n<b>two</b>") == "Line one<br>&lt;b&gt;two&lt;/b&gt;"
    assert text_or_nothing("  ") == "Nothing recorded yet"


def undecided(**overrides) -> dict:
    return {
        "id": 1,
        "section": "support",
        "raised_by": "Sue",
        "details": "Too few hours",
        "after_agreement": False,
        "renegotiation": "",
        **overrides,
    }


@pytest.mark.parametrize(
    ("status", "issued", "words"),
    [
        ("draft", False, "The plan coordinator has not decided yet"),
        ("ready", False, "The plan coordinator has not decided yet"),
        ("agreed", False, "The plan coordinator has not decided yet"),
        ("agreed", True, "The plan coordinator had not decided when this copy was sent"),
        ("superseded", False, "No decision was recorded while this version was in force"),
        ("ended", False, "No decision was recorded while this version was in force"),
    ],
)
def test_it_says_truly_that_a_disagreement_has_not_been_decided(status, issued, words):
    plan = snapshot(disagreements=[undecided()])
    plan["plan"]["status"] = status

    (disagreement,) = document_content(plan, issued=issued)["disagreements"]

    assert disagreement["decision"] == words


def test_it_gives_the_decision_and_its_reason_once_made():
    plan = snapshot(
        disagreements=[undecided(renegotiation="not_needed", renegotiation_reason="Minor")]
    )

    (disagreement,) = document_content(plan, issued=True)["disagreements"]

    assert disagreement["decision"] == "No – note the disagreement and carry on"
    assert disagreement["renegotiation_reason"] == "Minor"
