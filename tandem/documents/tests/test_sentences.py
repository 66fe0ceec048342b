"""Easy read cuts what people wrote into short sentences, one to a line, losing no word."""

from hypothesis import given
from hypothesis import strategies as st

from tandem.documents.sentences import short_sentences, word_count, words_of


def test_it_cuts_at_sentence_ends_first():
    assert short_sentences("I like my garden. My cat is called Tom! Is it sunny?") == [
        "I like my garden.",
        "My cat is called Tom!",
        "Is it sunny?",
    ]


def test_it_does_not_end_a_sentence_at_an_abbreviation():
    assert short_sentences("See Dr. Patel about my knee.") == ["See Dr. Patel about my knee."]


def test_it_cuts_a_long_sentence_at_a_comma_before_a_joining_word():
    text = (
        "I want to go to the gardening club every Tuesday with my sister, and then have lunch "
        "at the café in town because I enjoy it and it gets me out of the house"
    )
    assert short_sentences(text) == [
        "I want to go to the gardening club every Tuesday with my sister.",
        "And then have lunch at the café in town because I enjoy it.",
        "And it gets me out of the house.",
    ]


def test_it_wraps_after_the_fifteenth_word_when_there_is_no_clause_to_cut_at():
    text = " ".join(f"word{n}" for n in range(1, 33))
    lines = short_sentences(text)
    assert [word_count(line) for line in lines] == [15, 15, 2]
    assert lines[0].startswith("Word1 word2") and lines[0].endswith("word15.")


def test_each_line_of_the_text_is_its_own_idea():
    assert short_sentences("Shopping on Friday\n\nPrescriptions too") == [
        "Shopping on Friday.",
        "Prescriptions too.",
    ]


def test_nothing_written_gives_no_lines():
    assert short_sentences("") == [] and short_sentences("  – ") == []
    assert short_sentences("Yes? ’ ”") == ["Yes?"]


TEXT = st.lists(
    st.one_of(
        st.text(alphabet="abcdefghij’'£0123456789", min_size=1, max_size=8),
        st.sampled_from(["and", "because", "Dr.", "–", ",", "end.", "why?", "so", "then", "x,"]),
    ),
    max_size=80,
).map(" ".join)


@given(TEXT, st.integers(min_value=3, max_value=20))
def test_it_never_loses_a_word_and_keeps_every_line_short(text, limit):
    lines = short_sentences(text, limit)
    assert words_of(" ".join(lines)) == words_of(text)
    assert all(0 < word_count(line) <= limit for line in lines)
    assert all(line[-1] in ".!?”’)\"'" for line in lines)
