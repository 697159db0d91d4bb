"""Tokens and sentences with character offsets. Pure functions, no I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Token", "tokenize", "sentences", "sentence_spans"]


@dataclass(frozen=True, slots=True)
class Token:
    """A token and its offsets: ``text[t.start:t.end] == t.text``."""

    text: str
    start: int
    end: int


# Words keep inner hyphens, apostrophes and dots of abbreviations ("Sentral-Asia",
# "Anwaar-ul-Haq", "O'Brien", "U.S."); a trailing hyphen of a suspended compound
# ("Belte- og veiinitiativet") stays with the word; everything else is one token a char.
_TOKEN_RE = re.compile(
    r"(?:[^\W_]\.){2,}"  # U.S. / U.K.
    r"|[^\W_]+(?:[-'’][^\W_]+)*-?"  # words, hyphenated compounds
    r"|\d+(?:[.,:]\d+)*"  # numbers
    r"|\S",  # any other single non-space character
    re.UNICODE,
)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split ``text[start:end]`` into tokens with offsets into ``text``.

    Examples
    --------
    >>> [t.text for t in tokenize("Russlands president besøker Sentral-Asia.")]
    ['Russlands', 'president', 'besøker', 'Sentral-Asia', '.']
    """
    end = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text, start, end)]


_ABBREVIATIONS = frozenset(
    "bl.a f.eks mr mrs ms dr prof st nr ca jf mill mrd kl osv etc vs no gen sen rep gov lt col "
    "inc ltd co corp jr sr mt ft e.g i.e u.s u.k".split()
)
_SENT_END_RE = re.compile(r"[.!?…]+[\"'»”)]*(?=\s)|\n\s*\n|\n")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences in ``text``.

    A sentence ends at ``.``, ``!``, ``?`` followed by white space (not after a known
    abbreviation or an initial), and at every line break. Leading and trailing white
    space is excluded from each span; empty sentences are dropped.

    Examples
    --------
    >>> t = "Putin er i Kasakhstan. Han møter Tokajev.\\nNy linje"
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ['Putin er i Kasakhstan.', 'Han møter Tokajev.', 'Ny linje']
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SENT_END_RE.finditer(text):
        end = m.end()
        if m.group()[0] == ".":
            word = re.search(r"([^\W\d_]+(?:\.[^\W\d_]+)*)$", text[pos : m.start()])
            if word and (
                word.group(1).lower() in _ABBREVIATIONS
                or (len(word.group(1)) == 1 and word.group(1).isupper())
            ):
                continue
        _add_span(text, pos, end, spans)
        pos = end
    _add_span(text, pos, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def sentences(text: str) -> list[str]:
    """Return the sentences of ``text`` as strings (see :func:`sentence_spans`).

    >>> sentences("Han reiste til Oslo. Så til Bergen!")
    ['Han reiste til Oslo.', 'Så til Bergen!']
    """
    return [text[a:b] for a, b in sentence_spans(text)]
