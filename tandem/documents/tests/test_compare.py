"""compare_snapshots as a pure function of two hand-built snapshots: no database."""

import copy

from hypothesis import given
from hypothesis import strategies as st

from tandem.documents.compare import (
    ADDED,
    CHANGED,
    REMOVED,
    FieldChange,
    ItemChange,
    compare_snapshots,
)


def outcome(words: str, **overrides) -> dict:
    return {
        "id": 10,
        "words": words,
        "kind": "change",
        "kind_label": "Something to change or achieve",
        "achieve_by": "2026-09-30",
        "life_area": "",
        "life_area_label": "",
        "indicators": [{"id": 100, "description": f"We will see: {words}", "due_on": "2026-06-30"}],
        **overrides,
    }


def action(description: str, **overrides) -> dict:
    return {
        "id": 20,
        "outcome_id": 10,
        "outcome_words": "Go to the gardening club",
        "description": description,
        "kind": "natural",
        "kind_label": "Family, friends or carers (natural support)",
        "responsible": "Pri",
        "due_on": "2026-04-30",
        "starts_on": "",
        "frequency": "",
        "funded_by": "natural",
        "funded_by_label": "Natural support from family, friends or carers",
        "funding_notes": "",
        **overrides,
    }


def snapshot(**overrides) -> dict:
    base = {
        "schema": 1,
        "plan": {
            "id": 1,
            "version_number": 1,
            "status": "agreed",
            "status_label": "Agreed",
            "prepared_by": "person",
            "prepared_by_label": "The person, on their own",
            "preparation_notes": "",
            "coordinator": "Wendy Worker",
            "support_starts_on": "2026-03-01",
        },
        "person": {"name": "Priya Patel", "known_as": "Pri"},
        "important": {"important_to_me": "My garden", "strengths": "Patience"},
        "outcomes": [outcome("Go to the gardening club")],
        "actions": [action("Find a lift to the club")],
        "supports": [
            {
                "id": 30,
                "description": "Help with shopping",
                "provider": "Riverside Care Ltd",
                "how_often": "2 hours a week",
                "funded_by": "personal_budget",
                "funded_by_label": "Personal budget",
                "funding_notes": "",
            }
        ],
        "budget": {
            "arrangement": "direct_payment",
            "arrangement_label": "Direct payment",
            "direct_payment_amount": "250.00",
            "direct_payment_frequency": "four_weekly",
            "direct_payment_frequency_label": "Every 4 weeks",
            "budget_use": "A personal assistant",
        },
        "management": {"support_management": "I employ a PA", "who_leads": "I do"},
        "control": {"staying_in_control": "I ring my worker"},
        "risks": [
            {
                "id": 40,
                "description": "Falls at home",
                "significant_harm": False,
                "how_managed": "Pendant alarm",
                "contingency": "",
                "triggers": "",
            }
        ],
        "needs": [
            {
                "id": 50,
                "description": "Meals",
                "eligibility": "eligible",
                "eligibility_label": "Assessed as eligible",
            }
        ],
        "not_applicable": {},
        "agreements": [],
        "disagreements": [],
    }
    base.update(overrides)
    return base


def new_version_of(old: dict) -> dict:
    """A copy as a new version makes it: the same content, new ids, a new number and status."""
    new = copy.deepcopy(old)
    new["plan"].update(id=2, version_number=2, status="draft", status_label="Draft")
    for key in ("outcomes", "actions", "supports", "risks", "needs"):
        for n, item in enumerate(new[key]):
            item["id"] = 9000 + n
            for indicator in item.get("indicators", []):
                indicator["id"] += 5000
    return new


def sections(changes) -> dict:
    return {section.key: section for section in changes}


def test_it_finds_no_changes_in_a_new_version_that_says_the_same():
    old = snapshot()

    assert compare_snapshots(old, new_version_of(old)) == []


def test_it_shows_a_changed_field_from_old_to_new():
    old = snapshot()
    new = new_version_of(old)
    new["important"]["important_to_me"] = "My garden and my grandchildren"

    changes = compare_snapshots(old, new)

    assert [section.key for section in changes] == ["important"]
    assert changes[0].title == "What is important to you?"
    assert changes[0].fields == (
        FieldChange("What is important to you", "My garden", "My garden and my grandchildren"),
    )


def test_it_marks_dates_and_money_so_they_can_be_shown_properly():
    old = snapshot()
    new = new_version_of(old)
    new["budget"]["direct_payment_amount"] = "300.00"
    new["plan"]["support_starts_on"] = "2026-04-01"

    changes = sections(compare_snapshots(old, new))

    assert changes["budget"].fields == (
        FieldChange("Direct payment amount", "250.00", "300.00", "money"),
    )
    assert changes["about"].fields == (
        FieldChange("New support starts", "2026-03-01", "2026-04-01", "date"),
    )


def test_it_reports_an_added_outcome_with_its_details():
    old = snapshot()
    new = new_version_of(old)
    new["outcomes"].append(outcome("Stay in my own home", kind="maintain", kind_label="Staying"))

    (section,) = compare_snapshots(old, new)

    assert section.key == "outcomes"
    (item,) = section.items
    assert (item.change, item.noun, item.title) == (ADDED, "Outcome", "Stay in my own home")
    assert FieldChange("By when", "", "2026-09-30", "date") in item.fields
    assert [(child.change, child.title) for child in item.children] == [
        (ADDED, "We will see: Stay in my own home")
    ]


def test_it_reports_a_removed_action():
    old = snapshot()
    new = new_version_of(old)
    new["actions"] = []

    (section,) = compare_snapshots(old, new)

    assert section.key == "actions"
    assert [(item.change, item.title) for item in section.items] == [
        (REMOVED, "Find a lift to the club")
    ]


def test_it_matches_an_item_by_its_words_and_reports_what_changed():
    old = snapshot()
    new = new_version_of(old)
    new["actions"][0]["responsible"] = "Sue (Family member)"
    new["actions"][0]["due_on"] = "2026-05-31"

    (section,) = compare_snapshots(old, new)

    assert section.items == (
        ItemChange(
            CHANGED,
            "Action",
            "Find a lift to the club",
            (
                FieldChange("Who is responsible", "Pri", "Sue (Family member)"),
                FieldChange("Done by", "2026-04-30", "2026-05-31", "date"),
            ),
        ),
    )


def test_it_treats_a_reworded_outcome_as_a_change_not_a_new_outcome():
    old = snapshot()
    new = new_version_of(old)
    new["outcomes"][0]["words"] = "Go to the gardening club every week"

    (section,) = compare_snapshots(old, new)

    (item,) = section.items
    assert item.change == CHANGED
    assert item.title == "Go to the gardening club every week"
    assert item.fields == (
        FieldChange(
            "Outcome, in the person’s words",
            "Go to the gardening club",
            "Go to the gardening club every week",
        ),
    )


def test_it_reports_a_new_indicator_of_an_unchanged_outcome():
    old = snapshot()
    new = new_version_of(old)
    new["outcomes"][0]["indicators"].append(
        {"id": 7, "description": "No falls for 6 months", "due_on": "2026-12-31"}
    )

    (section,) = compare_snapshots(old, new)

    (item,) = section.items
    assert (item.change, item.fields) == (CHANGED, ())
    assert item.children == (
        ItemChange(
            ADDED,
            "How will we know?",
            "No falls for 6 months",
            (FieldChange("By when", "", "2026-12-31", "date"),),
        ),
    )


def test_it_keeps_the_seven_headings_order():
    old = snapshot()
    new = new_version_of(old)
    new["actions"][0]["frequency"] = "Every Tuesday"
    new["control"]["staying_in_control"] = "I ring my worker or my sister"
    new["important"]["strengths"] = "Patience and humour"
    new["risks"][0]["significant_harm"] = True

    changes = compare_snapshots(old, new)

    assert [section.key for section in changes] == ["important", "control", "actions"]
    assert sections(changes)["control"].items[0].fields == (
        FieldChange("Risk of significant harm", "No", "Yes", "yes_no"),
    )


def test_it_reports_an_element_marked_not_applicable():
    old = snapshot()
    new = new_version_of(old)
    new["not_applicable"] = {"risk": "No risks found"}

    (section,) = compare_snapshots(old, new)

    assert section.fields == (
        FieldChange("Risk – how the person stays safe and well", "", "No risks found"),
    )


def test_it_copes_with_missing_parts():
    assert compare_snapshots({}, {}) == []
    assert [s.key for s in compare_snapshots({}, snapshot())][:3] == [
        "about",
        "important",
        "outcomes",
    ]


def disagreement(**overrides) -> dict:
    return {
        "id": 7,
        "section": "actions",
        "section_title": "My action plan",
        "raised_by": "Riverside Care Ltd",
        "details": "We cannot drive on Tuesdays",
        "after_agreement": True,
        "renegotiation": "",
        "renegotiation_reason": "",
        **overrides,
    }


def test_it_names_the_part_an_added_disagreement_is_about():
    about = "About the action “Find a lift to the club”"
    new = snapshot(
        schema=3,
        disagreements=[disagreement(part_kind="action", part_title="x", part_about=about)],
    )

    (section,) = [s for s in compare_snapshots(snapshot(), new) if s.key == "disagreements"]

    (item,) = section.items
    assert item.change == ADDED
    assert FieldChange("Which part", "", about) in item.fields
    assert FieldChange("Part of the plan", "", "My action plan") in item.fields


def test_it_finds_no_change_in_a_disagreement_copied_before_parts_were_named():
    """A copy issued before disagreements could be about a part reads as about the section."""
    old = snapshot(schema=2, disagreements=[disagreement()])
    new = snapshot(schema=3, disagreements=[disagreement(part_kind="", part_about="")])

    assert compare_snapshots(old, new) == []


# Properties

words = st.text(alphabet="abcdefghij ", min_size=1, max_size=20).filter(str.strip)
dates = st.sampled_from(["", "2026-01-31", "2026-06-30", "2027-02-28"])


@st.composite
def outcomes(draw) -> list[dict]:
    return [
        outcome(
            draw(words),
            id=n,
            achieve_by=draw(dates),
            indicators=[
                {"id": n * 10 + i, "description": draw(words), "due_on": draw(dates)}
                for i in range(draw(st.integers(0, 2)))
            ],
        )
        for n in range(draw(st.integers(0, 5)))
    ]


@st.composite
def snapshots(draw) -> dict:
    return snapshot(
        important={"important_to_me": draw(words), "strengths": draw(words)},
        outcomes=draw(outcomes()),
        actions=[
            action(draw(words), id=n, due_on=draw(dates)) for n in range(draw(st.integers(0, 4)))
        ],
        control={"staying_in_control": draw(words)},
    )


@given(snapshots())
def test_property_a_snapshot_compared_with_itself_has_no_changes(plan):
    assert compare_snapshots(plan, copy.deepcopy(plan)) == []
    assert compare_snapshots(plan, new_version_of(plan)) == []


@given(snapshots(), st.lists(words, min_size=1, max_size=4, unique=True))
def test_property_every_added_outcome_is_reported(plan, added_words):
    existing = {o["words"] for o in plan["outcomes"]}
    added_words = [w for w in added_words if w not in existing]
    new = new_version_of(plan)
    new["outcomes"] += [outcome(w, id=500 + n) for n, w in enumerate(added_words)]

    reported = [
        item.title
        for section in compare_snapshots(plan, new)
        for item in section.items
        if section.key == "outcomes" and item.change == ADDED
    ]

    assert sorted(reported) == sorted(added_words)


@given(snapshots(), snapshots())
def test_property_every_outcome_is_accounted_for(old, new):
    """Each old outcome is kept, changed or removed; each new one is kept, changed or added."""
    items = [
        item
        for section in compare_snapshots(old, new)
        if section.key == "outcomes"
        for item in section.items
    ]
    added = sum(1 for item in items if item.change == ADDED)
    removed = sum(1 for item in items if item.change == REMOVED)

    assert len(old["outcomes"]) - removed == len(new["outcomes"]) - added
