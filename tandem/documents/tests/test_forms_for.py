"""Which forms of a copy each person needs, from what is recorded about them."""

import pytest

from tandem.documents.render import forms_for
from tandem.people.models import Person


def person(formats=(), needs=""):
    return Person(preferred_formats=list(formats), communication_needs=needs)


@pytest.mark.parametrize(
    ("formats", "needs", "expected"),
    [
        ((), "", ["standard"]),
        ((), "Hard of hearing: face her and speak clearly", ["standard"]),
        (("large_print",), "", ["large_print"]),
        (("audio", "easy_read"), "", ["easy_read", "audio"]),
        # Braille is transcribed outside Tandem, from the standard copy.
        (("audio", "braille"), "", ["standard", "audio"]),
        (("braille",), "", ["standard"]),
        # With no preferred format recorded, the needs written down say which.
        ((), "Learning disability: easy read, and mum helps her read letters", ["easy_read"]),
        ((), "Macular degeneration: Large print, and read letters to him", ["large_print"]),
        ((), "Blind: send an audio summary", ["audio"]),
        # A preferred format recorded wins over words in the needs.
        (("standard",), "Would like audio one day", ["standard"]),
    ],
)
def test_it_gives_the_forms_recorded_for_the_person(formats, needs, expected):
    assert forms_for(person(formats, needs)) == expected


def test_it_reads_an_issued_copys_recipient_too():
    assert forms_for({"name": "Jo", "formats": ["easy_read", "audio"]}) == ["easy_read", "audio"]
    assert forms_for({"name": "Jo", "formats": []}) == ["standard"]


def test_audio_is_never_given_unless_asked_for():
    for formats in ((), ("standard",), ("large_print",), ("easy_read",), ("braille",)):
        assert "audio" not in forms_for(person(formats, "Uses a hearing loop"))
