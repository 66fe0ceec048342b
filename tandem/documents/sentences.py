"""Short sentences for easy read: text a person or worker wrote, cut into sentences of at most
15 words, one to a line, without losing a word.

Easy-read guidance asks for short sentences, one idea to a line. Outcomes are in the person's own
words (P2) and actions are written by whoever made the plan, so their text is cut, never
rewritten: first where a sentence ends, then where a clause does (after a comma, semicolon,
colon or dash, or before a joining word such as "and" or "because"), and only as a last resort
after the fifteenth word. Each piece is ended with a full stop if it has no ending of its own, so
a reader (and a screen reader or the audio copy) hears where it stops.
"""

import re

MOST_WORDS = 15

# Words after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    {"dr", "mr", "mrs", "ms", "mx", "st", "e.g", "i.e", "etc", "no", "approx"}
)
# Words before which a long sentence may be cut: a new clause starts there.
JOINING_WORDS = frozenset(
    {"and", "but", "or", "because", "so", "then", "when", "while", "if", "until", "unless"}
)
CLOSERS = "\"'”’)]"
ENDS = ".!?"
CLAUSE_ENDS = ",;:–—-"
WORDLIKE = re.compile(r"\w")


def is_word(token: str) -> bool:
    """A token that counts as a word: "–" or "&" on its own does not."""
    return bool(WORDLIKE.search(token))


def word_count(text: str) -> int:
    return sum(1 for token in text.split() if is_word(token))


def words_of(text: str) -> list[str]:
    """The words of a text without their punctuation or capitals: what cutting it must keep."""
    words = (re.sub(r"[^\w'’£%/@&+-]", "", token) for token in text.split())
    return [word.strip("-").lower() for word in words if is_word(word)]


def _ends_sentence(token: str) -> bool:
    bare = token.rstrip(CLOSERS)
    if not bare or bare[-1] not in ENDS:
        return False
    return bare.rstrip(ENDS).lower() not in ABBREVIATIONS


def _sentences(tokens: list[str]) -> list[list[str]]:
    sentences: list[list[str]] = [[]]
    for token in tokens:
        sentences[-1].append(token)
        if _ends_sentence(token):
            sentences.append([])
    return [s for s in sentences if s]


def _breaks(tokens: list[str]) -> tuple[set[int], set[int]]:
    """Where a sentence may be cut between clauses, as indexes of the token a new piece starts
    at: after punctuation, and before a joining word (the first of "and then")."""
    punctuation, joining = set(), set()
    for index in range(1, len(tokens)):
        before, token = tokens[index - 1], tokens[index]
        if before.rstrip(CLOSERS)[-1:] in CLAUSE_ENDS or token in CLAUSE_ENDS:
            punctuation.add(index)
        elif token.lower() in JOINING_WORDS and before.lower() not in JOINING_WORDS:
            joining.add(index)
    return punctuation, joining


def _count(tokens: list[str]) -> int:
    return sum(1 for token in tokens if is_word(token))


def _cut(tokens: list[str], limit: int) -> list[list[str]]:
    """A sentence cut into pieces of at most `limit` words: at the last clause break that
    keeps a piece within the limit (punctuation first), or else after the limit's last word."""
    pieces = []
    while _count(tokens) > limit:
        for breaks in _breaks(tokens):  # a cut at punctuation reads better than at "and"
            fits = [i for i in breaks if 0 < _count(tokens[:i]) <= limit and _count(tokens[i:])]
            if fits:
                at = max(fits)
                break
        else:  # no clause break fits: cut after the limit's last word
            words = 0
            at = len(tokens)
            for index, token in enumerate(tokens):
                words += is_word(token)
                if words == limit:
                    at = index + 1
                    break
        pieces.append(tokens[:at])
        tokens = tokens[at:]
    pieces.append(tokens)
    return pieces


def _finish(tokens: list[str]) -> str:
    """A piece as a sentence: it starts with a capital letter, and a dash or comma it ends with
    becomes a full stop."""
    while tokens and not is_word(tokens[-1]) and tokens[-1] in CLAUSE_ENDS:
        tokens = tokens[:-1]
    if not any(is_word(token) for token in tokens):
        return ""  # stray punctuation: no word to keep
    text = " ".join(tokens)
    text = text[0].upper() + text[1:]
    bare = text.rstrip(CLOSERS)
    if bare[-1] in ENDS:
        return text
    if bare[-1] in CLAUSE_ENDS:
        return bare[:-1] + text[len(bare) :] + "."
    return text + "."


def short_sentences(text: str, limit: int = MOST_WORDS) -> list[str]:
    """`text` as sentences of at most `limit` words, one for each line of an easy-read copy.

    Every word of `text` is kept, in order (see `words_of`); only the punctuation at the end of
    a piece may change, to a full stop, and its first letter to a capital."""
    lines = []
    for line in (text or "").splitlines():
        for sentence in _sentences(line.split()):
            for piece in _cut(sentence, limit):
                finished = _finish(piece)
                if finished:
                    lines.append(finished)
    return lines
