"""What copies are rendered from, and what goes wrong clearly: no PDF is laid out here (see
test_copies.py for every form of a full plan and review)."""

import datetime
import json
from types import SimpleNamespace

import pytest

from tandem.documents import audio
from tandem.documents.easy_read import plan_easy_read, spoken_text
from tandem.documents.render import (
    UnknownForm,
    _easy_read,
    _view,
    plan_copy_source,
    render_copy,
    review_copy_source,
)
from tandem.documents.sentences import word_count
from tandem.plans.provider_part import WHOLE, PlanView
from tandem.reviews.models import Review

SNAPSHOT = {
    "schema": 5,
    "plan": {"id": 1, "version_number": 2, "status": "agreed", "coordinator": "Wendy Worker"},
    "person": {"name": "Sam Example", "known_as": "Sam"},
    "important": {"important_to_me": "My garden, my cat Tom and my sister Jo, who visits"},
    "outcomes": [
        {
            "uid": "o-1",
            "words": "Get back to the allotment every week with my neighbour",
            "achieve_by": "2026-09-30",
            "shared_with_supporters": False,
            "indicators": [{"description": "At the allotment weekly", "due_on": "2026-06-30"}],
        },
        {"uid": "o-2", "words": "Stay in my own home", "indicators": []},
    ],
    "actions": [
        {
            "uid": "a-1",
            "outcome_uid": "o-1",
            "description": "Ring the transport scheme about a lift",
            "responsible": "Brightside Care",
            "responsible_member_id": 7,
            "due_on": "2026-04-30",
        },
        {"uid": "a-2", "outcome_uid": "o-2", "description": "Fit a grab rail", "responsible": "Jo"},
    ],
    "supports": [],
    "risks": [{"description": "Falls at home", "contingency": "Ring Jo, then the duty team"}],
    "agreements": [{"name": "Sam Example", "agreed_on": "2026-03-05"}],
    "disagreements": [],
}
ISSUE = SimpleNamespace(
    number=3,
    issued_at=datetime.datetime(2026, 3, 5, 10, 30, 15, 123456, tzinfo=datetime.UTC),
    reason="The agreed plan, sent again with Jo’s disagreement",
    snapshot=SNAPSHOT,
)
PROVIDER = PlanView(whole=False, member_ids=frozenset({7}), user_id=9, names=("Brightside Care",))


def test_a_plan_copy_source_is_plain_json_that_says_which_copy_it_is():
    source = plan_copy_source(ISSUE)
    assert json.loads(json.dumps(source)) == source
    assert source["issued"] == {
        "number": 3,
        "at": "2026-03-05T10:30:15Z",  # to the second: the PDF's creation date
        "reason": "The agreed plan, sent again with Jo’s disagreement",
    }
    assert source["snapshot"] == SNAPSHOT and _view(source["view"]) == WHOLE


def test_a_providers_copy_holds_their_part_and_says_so():
    source = json.loads(json.dumps(plan_copy_source(ISSUE, PROVIDER)))
    assert [a["uid"] for a in source["snapshot"]["actions"]] == ["a-1"]
    assert [o["uid"] for o in source["snapshot"]["outcomes"]] == ["o-1"]
    assert "important" not in source["snapshot"]
    # Whose disagreement a copy carries is not for a provider; the issue itself is unchanged.
    assert source["issued"]["reason"] == "The agreed plan, sent again after it changed"
    assert ISSUE.reason.endswith("Jo’s disagreement")
    # Rendered again from the saved source, the view filters nothing more away.
    assert _view(source["view"]) == PROVIDER
    easy = _easy_read(source)
    assert "Brightside Care" in spoken_text(easy)
    assert "Fit a grab rail" not in spoken_text(easy)


def test_the_easy_read_plan_asks_questions_in_short_sentences():
    easy = plan_easy_read(SNAPSHOT)
    questions = [section["question"] for section in easy["sections"]]
    assert questions[:3] == ["What is important to Sam?", "What does Sam want?", "Who will help?"]
    assert "When will we check?" in questions and "What if something goes wrong?" in questions
    lines = [line for s in easy["sections"] for i in s["ideas"] for line in i["lines"]]
    assert "We will check this by 30 June 2026." in lines
    assert "Brightside Care will do this." in lines
    assert all(word_count(line) <= 15 for line in lines)
    assert all(i["picture"] and i["alt"] for s in easy["sections"] for i in s["ideas"])


def test_it_refuses_a_form_it_does_not_render():
    with pytest.raises(UnknownForm):
        render_copy(plan_copy_source(ISSUE), "braille")


def test_audio_says_what_to_install_when_a_tool_is_missing(monkeypatch):
    monkeypatch.setattr(audio.shutil, "which", lambda name: None)
    with pytest.raises(audio.SpeechError, match="espeak-ng is not installed"):
        audio.mp3("Hello")


def test_audio_says_when_a_tool_fails_or_takes_too_long(monkeypatch):
    with pytest.raises(audio.SpeechError, match="false failed"):
        audio._run(["false"], b"")
    monkeypatch.setattr(audio, "TIMEOUT_SECONDS", 0.1)
    with pytest.raises(audio.SpeechError, match="took longer"):
        audio._run(["sleep", "5"], b"")


def test_a_draft_review_has_no_copy():
    with pytest.raises(ValueError, match="final review"):
        review_copy_source(Review(status=Review.Status.DRAFT))
