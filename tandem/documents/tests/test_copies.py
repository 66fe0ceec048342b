"""Issue 10's first acceptance item: a full plan and a review in every form a person can use.

Every copy is rendered once for the module (WeasyPrint is slow) from sources that have been
through JSON, as they are when saved with a copy; the tests then read the PDFs and MP3s back as a
person's software would: the text (pdftotext), the type sizes, tags, title and language (pypdf),
the length of the audio (mutagen).
"""

import datetime
import hashlib
import io
import json
import re
import subprocess

import pytest
from django.db import transaction
from mutagen.mp3 import MP3
from pypdf import PdfReader

from tandem import testing
from tandem.documents.render import (
    RENDERED_FORMS,
    plan_copy_source,
    render_copy,
    review_copy_source,
)
from tandem.documents.sentences import word_count, words_of
from tandem.documents.tests.builders import add_action, add_outcome, build_plan, fresh
from tandem.documents.tests.builders import agree as agree_plan
from tandem.plans.models import Action, Outcome
from tandem.reviews import services as review_services
from tandem.reviews.models import OutcomeEvaluation
from tandem.reviews.services.outcomes import review_outcome_add

pytestmark = pytest.mark.django_db

HELD_ON = datetime.date(2026, 9, 1)

# What a person wrote, long enough that easy read must cut it into short sentences.
LONG_OUTCOME = (
    "I want to get back to the allotment every week with my neighbour, and then have a cup of "
    "tea in the shed because it is the best part of my week and it keeps me going"
)
LONG_ACTION = (
    "Ring the community transport scheme about a weekly lift to the allotment on Saturday "
    "mornings and ask whether my neighbour can come along too as my helper"
)
MORE_OUTCOMES = (
    "Stay living in my own bungalow",
    "Get to the lunch club on Wednesdays",
    "Cook a hot meal for myself three times a week",
)


def _full_plan(person, worker):
    """An agreed plan with every part filled in (builders.py), four outcomes each with an
    indicator and an action, and some long words of the person's own."""
    plan = build_plan(person=person, actor=worker)
    Outcome.objects.filter(plan=plan).update(words=LONG_OUTCOME)
    Action.objects.filter(plan=plan).update(description=LONG_ACTION)
    for n, words in enumerate(MORE_OUTCOMES, start=2):
        outcome = add_outcome(plan, worker, words)
        add_action(plan, worker, outcome, f"Action {n}: help with “{words.lower()}”")
    issue = agree_plan(fresh(plan), person=person, actor=worker)
    return fresh(plan), issue


def _final_review(plan, worker):
    review = review_services.review_start(plan=plan, actor=worker)
    review = review_services.review_update(
        review=review,
        data={
            "held_on": HELD_ON,
            "how_held": "meeting",
            "who_took_part": "Sam, her sister Jo and the worker",
            "what_must_change": "More help on Saturday mornings",
            "new_plan_needed": True,
            "next_review_on": HELD_ON + datetime.timedelta(days=180),
        },
        revision=review.revision,
        actor=worker,
    )
    for level, outcome in enumerate(plan.outcomes.order_by("position"), start=-1):
        review_services.evaluation_save(
            review=review,
            outcome_uid=outcome.uid,
            rating=OutcomeEvaluation.Rating.PARTLY,
            evidence=f"Evidence about {outcome.words[:30]}",
            gas_level=min(level, 2),
            actor=worker,
        )
    review_outcome_add(
        review=review,
        words="Learn to use the bus on my own",
        kind="change",
        achieve_by=datetime.date(2027, 3, 31),
        actor=worker,
    )
    return review_services.review_finalise(review=review, actor=worker).review


def _text(pdf: bytes) -> str:
    done = subprocess.run(
        # -raw: in the order it was written, so a table cell's lines stay together.
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    return done.stdout.decode()


def _words(text: str) -> str:
    return " ".join(words_of(text))


@pytest.fixture(scope="module")
def copies(django_db_setup, django_db_blocker):
    """Every form of a full plan's copy and of its review's, each rendered once; the database
    rows are rolled back when the module is done."""
    with django_db_blocker.unblock(), transaction.atomic():
        org = testing.make_organisation()
        team = testing.make_team(org)
        worker = testing.make_worker(org, team)
        person = testing.make_person(org, team)
        plan, issue = _full_plan(person, worker)
        review = _final_review(plan, worker)
        sources = {
            # Through JSON, as a saved copy's source is.
            "plan": json.loads(json.dumps(plan_copy_source(issue))),
            "review": json.loads(json.dumps(review_copy_source(review))),
        }
        rendered = {
            (kind, form): render_copy(source, form)
            for kind, source in sources.items()
            for form in RENDERED_FORMS
        }
        yield {
            "sources": sources,
            "rendered": rendered,
            "text": {
                key: _text(copy.content)
                for key, copy in rendered.items()
                if copy.media_type == "application/pdf"
            },
            "snapshot": issue.snapshot,
            "review": review,
            "evaluations": list(review.evaluations.all()),
        }
        transaction.set_rollback(True)


PDF_FORMS = ("standard", "large_print", "easy_read")


@pytest.mark.parametrize("form", PDF_FORMS)
def test_every_plan_copy_holds_every_outcome_indicator_and_action(copies, form):
    snapshot = copies["snapshot"]
    text = _words(copies["text"]["plan", form])
    parts = [outcome["words"] for outcome in snapshot["outcomes"]]
    parts += [i["description"] for o in snapshot["outcomes"] for i in o["indicators"]]
    parts += [action["description"] for action in snapshot["actions"]]
    assert len(parts) == 12
    for words in parts:
        assert _words(words) in text, words


@pytest.mark.parametrize("form", PDF_FORMS)
def test_every_review_copy_holds_every_evaluation_and_what_happens_next(copies, form):
    text = _words(copies["text"]["review", form])
    expected = [e.outcome_words for e in copies["evaluations"]]
    expected += [e.evidence for e in copies["evaluations"]]
    if form == "easy_read":
        expected += ["It went much better than we expected", "It went a bit worse than we"]
    else:
        expected += ["+2: much more than expected", "-1: somewhat less than expected"]
    expected += [
        "Learn to use the bus on my own",
        "More help on Saturday mornings",
        "1 September 2026",  # held
        "28 February 2027",  # the next review
    ]
    for words in expected:
        assert _words(words) in text, words


def _sizes(pdf: bytes) -> dict[float, int]:
    """How many words are set at each type size, in points, throughout the PDF."""
    sizes: dict[float, int] = {}

    def visit(text, cm, tm, _font, size):
        words = len(text.split())
        if words:
            scale = (tm[2] ** 2 + tm[3] ** 2) ** 0.5 * (cm[2] ** 2 + cm[3] ** 2) ** 0.5
            point = round(size * scale, 1)
            sizes[point] = sizes.get(point, 0) + words

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


@pytest.mark.parametrize("kind", ["plan", "review"])
def test_large_print_and_easy_read_have_larger_type(copies, kind):
    rendered = copies["rendered"]
    standard = _sizes(rendered[kind, "standard"].content)
    large = _sizes(rendered[kind, "large_print"].content)
    easy = _sizes(rendered[kind, "easy_read"].content)
    assert min(standard) < 12  # the standard copy's body
    assert min(large) >= 18, large
    assert min(easy) >= 16, easy
    # Headings larger than the body.
    assert max(large) > 18 and max(easy) > min(easy)


SENTENCE = re.compile(r"(?<=[.?!])\s+")


@pytest.mark.parametrize("kind", ["plan", "review"])
def test_easy_read_sentences_stay_within_15_words(copies, kind):
    text = " ".join(copies["text"][kind, "easy_read"].split())
    sentences = [s for s in SENTENCE.split(text) if s]
    assert len(sentences) > 20
    longest = max(sentences, key=word_count)
    assert word_count(longest) <= 15, longest


def test_easy_read_asks_its_questions_with_a_picture_beside_each_idea(copies):
    text = copies["text"]["plan", "easy_read"]
    for question in ("What does Sam want?", "Who will help?", "When will we check?"):
        assert question in text
    reader = PdfReader(io.BytesIO(copies["rendered"]["plan", "easy_read"].content))
    figures = _figures(reader.trailer["/Root"]["/StructTreeRoot"])
    # A figure for each idea: a pictogram a screen reader names, beside each.
    assert len(figures) >= 12
    assert {"A star", "Two people helping", "A tick", "A calendar"} <= set(figures)
    assert len(reader.pages) <= 24


def _figures(node) -> list[str]:
    """The alternative text of every figure in a tagged PDF's structure tree."""
    node = node.get_object()
    if isinstance(node, list):
        return [alt for child in node for alt in _figures(child)]
    if not hasattr(node, "get"):
        return []
    found = [str(node["/Alt"])] if node.get("/S") == "/Figure" and "/Alt" in node else []
    kids = node.get("/K")
    return found + (_figures(kids) if kids is not None else [])


@pytest.mark.parametrize("key", [(k, f) for k in ("plan", "review") for f in PDF_FORMS])
def test_every_pdf_is_tagged_with_its_title_and_language(copies, key):
    reader = PdfReader(io.BytesIO(copies["rendered"][key].content))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert "Sam’s" in reader.metadata.title
    assert copies["text"][key].strip()  # selectable text


@pytest.mark.parametrize("key", [("plan", "standard"), ("review", "easy_read")])
def test_rendering_a_stored_source_again_gives_the_same_bytes(copies, key):
    kind, form = key
    again = render_copy(json.loads(json.dumps(copies["sources"][kind])), form)
    first = copies["rendered"][key].content
    assert hashlib.sha256(again.content).digest() == hashlib.sha256(first).digest()


@pytest.mark.parametrize("kind", ["plan", "review"])
def test_the_audio_copy_reads_the_easy_read_text_for_a_plausible_time(copies, kind):
    copy = copies["rendered"][kind, "audio"]
    assert (copy.media_type, copy.extension) == ("audio/mpeg", "mp3")
    audio = MP3(io.BytesIO(copy.content))
    assert audio.info.channels == 1
    words = word_count(copies["text"][kind, "easy_read"])
    # Read at 140 words a minute, give or take the pauses between lines.
    assert words / 220 * 60 < audio.info.length < words / 80 * 60, (words, audio.info.length)


def test_the_audio_copy_is_the_same_bytes_each_time(copies):
    again = render_copy(copies["sources"]["review"], "audio")
    assert again.content == copies["rendered"]["review", "audio"].content
