"""Find the spans of place names in an article: the "where" step of the geoparser.

Norwegian (``"nb"``, ``"nn"``) text is tagged by a linear-chain CRF (python-crfsuite) trained on
NorNE with word-shape, context and gazetteer-match features (``scripts/train_tagger.py``). English
text is tagged by gazetteer matching of capitalised token sequences with filters for people,
organisations, dates and newsroom names. Both return :class:`Span` objects on whole tokens of
:func:`mapping.text.tokenize`.

The model and the demonym table ship in ``src/mapping/models/`` and are loaded once, lazily.
"""

from __future__ import annotations

import csv
import functools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from mapping.errors import GeodataError
from mapping.text import Token, sentence_spans, tokenize

__all__ = [
    "Span",
    "tag",
    "detect_language",
    "demonym_country",
    "LANGUAGES",
    "LABELS",
]

#: Languages :func:`tag` understands.
LANGUAGES = ("nb", "nn", "en")
#: Labels a :class:`Span` can have.
LABELS = ("place", "demonym", "person", "org")

# NorNE entity type -> our label (PROD, EVT and MISC are dropped).
_NORNE_LABELS = {
    "GPE_LOC": "place",
    "GPE_ORG": "place",
    "LOC": "place",
    "DRV": "demonym",
    "PER": "person",
    "ORG": "org",
}
_MODEL_FILE = "norne.crfsuite"
_DEMONYM_FILE = "demonyms.tsv"


@dataclass(frozen=True, slots=True)
class Span:
    """A tagged span of the article: ``text[span.start:span.end]``.

    Attributes
    ----------
    start, end : int
        Character offsets into the text (whole tokens).
    label : str
        ``"place"``, ``"demonym"`` (an adjective or demonym of a place: "russisk", "Russian"),
        ``"person"`` or ``"org"``.
    score : float
        Confidence in [0, 1].
    """

    start: int
    end: int
    label: str
    score: float


# --------------------------------------------------------------------------------------------
# Language detection
# --------------------------------------------------------------------------------------------

_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
_NN_WORDS = frozenset(
    "ikkje eg frå kva korleis vart dei ein eit berre noko nokon mykje kvar sjølv òg "
    "heile hjå medan kven fleire vore vere difor no".split()
)
_NB_WORDS = frozenset(
    "ikke jeg fra hva hvordan ble de en et bare noe noen mye hver selv også hele hos mens "
    "hvem flere vært være derfor nå".split()
)
_EN_WORDS = frozenset(
    "the and of to in is was that for with on as by at from his her it are were this which "
    "have has be an not or said".split()
)
_SHARED_NO = frozenset("og i på er til som med av det for har han hun".split())


def detect_language(text: str) -> str:
    """Guess whether ``text`` is Bokmål (``"nb"``), Nynorsk (``"nn"``) or English (``"en"``).

    Counts frequent function words; Nynorsk and Bokmål are told apart by words such as
    ikkje/eg/frå/kva/korleis/vart versus ikke/jeg/fra/hva/hvordan/ble. Text with no clue at all
    is taken as Bokmål.

    Examples
    --------
    >>> detect_language("Eg veit ikkje kva han gjorde i Bergen.")
    'nn'
    >>> detect_language("The president said that the talks were over.")
    'en'
    """
    nn = nb = en = no = 0
    for m in _WORD_RE.finditer(text[:20000]):
        w = m.group().lower()
        if w in _EN_WORDS:
            en += 1
        if w in _NN_WORDS:
            nn += 1
        if w in _NB_WORDS:
            nb += 1
        if w in _SHARED_NO:
            no += 1
    if en > nb + nn + no:
        return "en"
    return "nn" if nn > nb else "nb"


# --------------------------------------------------------------------------------------------
# Gazetteer access (names only)
# --------------------------------------------------------------------------------------------


class _Names:
    """Normalized gazetteer names, the n-gram length and a per-name feature summary."""

    def __init__(self) -> None:
        from mapping.gazetteer import load_gazetteer, normalize

        self.gazetteer = load_gazetteer()
        self.normalize = normalize
        self.keys = self.gazetteer.name_keys()
        self.max_tokens = max(1, min(int(getattr(self.gazetteer, "max_tokens", 4)), 6))

    @functools.lru_cache(maxsize=100_000)  # noqa: B019 - one instance per process (_names())
    def info(self, key: str) -> tuple[str, int] | None:
        """(kind of the best candidate, population bucket) for a normalized name, else None."""
        if key not in self.keys:
            return None
        places = self.gazetteer.lookup(key)
        if not places:
            return None
        best = places[0]
        pop = max(p.population for p in places)
        bucket = 0 if pop <= 0 else min(7, int(math.log10(pop)))
        return best.kind, bucket


@functools.cache
def _names() -> _Names:
    try:
        return _Names()
    except ImportError as exc:  # pragma: no cover - gazetteer module is part of the package
        raise GeodataError(f"the gazetteer cannot be loaded: {exc}") from exc


# Norwegian inflection: genitive -s, definite -en/-et/-a/-ene, and both ("Gazastripens").
_NO_SUFFIXES = ("ens", "ets", "as", "s", "en", "et", "a", "ene", "'s", "’s", "'", "’")
_EN_SUFFIXES = ("'s", "’s", "'", "’")


def _strip_variants(word: str, suffixes: Sequence[str]) -> list[str]:
    out = []
    for suf in suffixes:
        if len(word) > len(suf) + 2 and word.endswith(suf):
            out.append(word[: -len(suf)])
    return out


# --------------------------------------------------------------------------------------------
# CRF features
# --------------------------------------------------------------------------------------------

_SHAPE_TABLE: dict[int, str] = {}


def _shape(word: str) -> str:
    out = []
    prev = ""
    for ch in word:
        if ch.isupper():
            c = "X"
        elif ch.islower():
            c = "x"
        elif ch.isdigit():
            c = "d"
        else:
            c = ch
        if c != prev:
            out.append(c)
            prev = c
    return "".join(out)


@functools.lru_cache(maxsize=200_000)
def _word_features(word: str, lang_group: str) -> tuple[tuple[str, ...], ...]:
    """Features of one token, and the views of them its neighbours use.

    Returns (own, as_prev1, as_next1, as_prev2, as_next2), each a tuple of feature strings.
    """
    names = _names()
    low = word.lower()
    shape = _shape(word)
    title = word[:1].isupper()
    own = [
        "w=" + low,
        "sh=" + shape,
        "s2=" + low[-2:],
        "s3=" + low[-3:],
        "s4=" + low[-4:],
        "p3=" + low[:3],
    ]
    if title:
        own.append("T")
    if word.isupper() and len(word) > 1:
        own.append("U")
    if "-" in word:
        own.append("hy")
        head, _, tail = word.rpartition("-")
        own.append("hyt=" + tail.lower())
    if len(word) == 1:
        own.append("len1")
    # gazetteer
    case = "T" if title else "l"
    key = names.normalize(word)
    gaz = ""
    info = names.info(key)
    if info is not None:
        gaz = "g" + case
        own.append(gaz)
        own.append("gk=" + info[0] + case)
        own.append(f"gp={info[1]}{case}")
    else:
        for stripped in _strip_variants(key, _NO_SUFFIXES if lang_group == "no" else _EN_SUFFIXES):
            info = names.info(stripped)
            if info is not None:
                gaz = "gs" + case
                own.append(gaz)
                own.append("gsk=" + info[0] + case)
                own.append(f"gsp={info[1]}{case}")
                break
    if "-" in word and not gaz:
        tail_info = names.info(names.normalize(word.rpartition("-")[2]))
        if tail_info is not None:
            own.append("ght=" + tail_info[0])
        head_info = names.info(names.normalize(word.partition("-")[0]))
        if head_info is not None:
            own.append("ghh=" + head_info[0])
    prev1 = ["-1w=" + low, "-1sh=" + shape]
    next1 = ["+1w=" + low, "+1sh=" + shape]
    prev2 = ["-2w=" + low]
    next2 = ["+2w=" + low]
    if gaz:
        prev1.append("-1" + gaz)
        next1.append("+1" + gaz)
        prev2.append("-2" + gaz)
        next2.append("+2" + gaz)
    return tuple(own), tuple(prev1), tuple(next1), tuple(prev2), tuple(next2)


def _ngram_marks(words: Sequence[str]) -> list[str | None]:
    """Mark tokens inside a multi-token gazetteer name (longest match, capitalised start)."""
    names = _names()
    n = len(words)
    marks: list[str | None] = [None] * n
    norm = names.normalize
    keys = names.keys
    maxn = names.max_tokens
    i = 0
    while i < n:
        w = words[i]
        if w[:1].isupper() and i + 1 < n:
            found = 0
            parts = [norm(w)]
            for j in range(i + 1, min(n, i + maxn)):
                parts.append(norm(words[j]))
                if " ".join(parts) in keys:
                    found = j + 1
            if found:
                marks[i] = "gnB"
                for j in range(i + 1, found):
                    marks[j] = "gnI"
                i = found
                continue
        i += 1
    return marks


def sentence_features(words: Sequence[str], lang: str) -> list[list[str]]:
    """CRF feature lists for the tokens of one sentence (used by training and tagging).

    Examples
    --------
    >>> feats = sentence_features(["Putin", "besøker", "Kasakhstan", "."], "nb")
    >>> "w=kasakhstan" in feats[2] and "-1w=besøker" in feats[2]
    True
    """
    group = "en" if lang == "en" else "no"
    per = [_word_features(w, group) for w in words]
    marks = _ngram_marks(words)
    n = len(words)
    out: list[list[str]] = []
    for i in range(n):
        f = list(per[i][0])
        if i == 0:
            f.append("BOS")
        else:
            f.extend(per[i - 1][1])
            if i > 1:
                f.extend(per[i - 2][3])
            if i == 1:
                f.append("-1BOS")
        if i + 1 < n:
            f.extend(per[i + 1][2])
            if i + 2 < n:
                f.extend(per[i + 2][4])
        else:
            f.append("EOS")
        mark = marks[i]
        if mark:
            f.append(mark)
        if i > 0 and marks[i - 1]:
            f.append("-1" + marks[i - 1])
        if i + 1 < n and marks[i + 1]:
            f.append("+1" + marks[i + 1])
        out.append(f)
    return out


# --------------------------------------------------------------------------------------------
# Norwegian CRF tagging
# --------------------------------------------------------------------------------------------


def _model_path() -> Any:
    return resources.files("mapping") / "models" / _MODEL_FILE


@functools.cache
def _crf_tagger() -> Any:
    import pycrfsuite

    path = _model_path()
    if not path.is_file():
        raise GeodataError(
            f"the tagger model {_MODEL_FILE} is missing from mapping/models; "
            "rebuild it with: python scripts/train_tagger.py"
        )
    tagger = pycrfsuite.Tagger()
    with resources.as_file(path) as real:
        tagger.open(str(real))
    return tagger


def _bio_spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first, last+1, NorNE type) for every BIO entity in ``labels``."""
    spans = []
    start = -1
    cur = ""
    for i, lab in enumerate(labels):
        if lab.startswith("B-") or (lab.startswith("I-") and lab[2:] != cur):
            if cur:
                spans.append((start, i, cur))
            start, cur = i, lab[2:]
        elif lab == "O":
            if cur:
                spans.append((start, i, cur))
            start, cur = -1, ""
    if cur:
        spans.append((start, len(labels), cur))
    return spans


def _worth_tagging(words: Sequence[str]) -> bool:
    """A sentence with no capitalised token after the first and no gazetteer hit has no names."""
    for i, w in enumerate(words):
        c = w[:1]
        if c.isupper() or (i == 0 and c.isalpha()):
            return True
    return False


def _tag_crf(sent_tokens: list[list[Token]], lang: str) -> list[Span]:
    tagger = _crf_tagger()
    spans: list[Span] = []
    for toks in sent_tokens:
        words = [t.text for t in toks]
        if not words or not _worth_tagging(words):
            continue
        labels = tagger.tag(sentence_features(words, lang))
        for a, b, typ in _bio_spans(labels):
            label = _NORNE_LABELS.get(typ)
            if label is None:
                continue
            prob = tagger.probability(labels)
            score = min(
                [tagger.marginal(labels[k], k) for k in range(a, b)] + [1.0 if prob else 1.0]
            )
            spans.append(Span(toks[a].start, toks[b - 1].end, label, round(score, 4)))
    return spans


# --------------------------------------------------------------------------------------------
# Demonyms
# --------------------------------------------------------------------------------------------


@functools.cache
def _demonyms() -> dict[tuple[str, str], str]:
    """(lang group, lowercase form) -> ISO alpha-2 code, from models/demonyms.tsv."""
    path = resources.files("mapping") / "models" / _DEMONYM_FILE
    if not path.is_file():
        raise GeodataError(
            f"{_DEMONYM_FILE} is missing from mapping/models; rebuild it with: "
            "python scripts/train_tagger.py --demonyms-only"
        )
    table: dict[tuple[str, str], str] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            table[(row["lang"], row["form"])] = row["target"]
    return table


def demonym_country(word: str, *, lang: str) -> str | None:
    """Return what a demonym or place adjective refers to, or None.

    The result is an ISO 3166-1 alpha-2 code ("RU") or a gazetteer name for regions
    ("Sentral-Asia").

    Examples
    --------
    >>> demonym_country("russiske", lang="nb")
    'RU'
    >>> demonym_country("Russian", lang="en")
    'RU'
    >>> demonym_country("bord", lang="nb") is None
    True
    """
    group = "en" if lang == "en" else "no"
    return _demonyms().get((group, word.lower()))


def _demonym_spans(sent_tokens: Iterable[list[Token]], lang: str, taken: set[int]) -> list[Span]:
    table = _demonyms()
    group = "en" if lang == "en" else "no"
    out = []
    for toks in sent_tokens:
        for t in toks:
            if t.start in taken:
                continue
            if (group, t.text.lower()) in table:
                if group == "en" and not t.text[:1].isupper():
                    continue
                out.append(Span(t.start, t.end, "demonym", 0.9))
    return out


# --------------------------------------------------------------------------------------------
# English
# --------------------------------------------------------------------------------------------

_EN_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_EN_NEWSROOMS = frozenset(
    "ap afp ntb reuters bbc cnn upi xinhua tass ria dpa efe ansa nrk pti ians".split()
)
_EN_TITLES = frozenset(
    "mr mrs ms miss dr prof president minister senator governor gov sen rep king queen prince "
    "princess pope sir lord lady gen general col colonel captain capt sgt mayor chancellor "
    "secretary judge justice bishop rev saint st. professor chairman ceo director spokesman "
    "spokeswoman premier ambassador commissioner officer dr. mr. mrs. ms. prof. lt".split()
)
# Capitalised words that start or continue organisation names.
_EN_ORG_WORDS = frozenset(
    "university college school institute hospital ministry department agency organization "
    "organisation association council committee company corporation corp inc ltd bank party "
    "union federation foundation society centre center commission authority board office "
    "airlines airways times post journal news press club fc united church museum academy "
    "service services program programme court parliament congress senate assembly government "
    "army navy police force group network league trust fund laboratory laboratories labs".split()
)
_EN_ORG_TRIGGERS_BEFORE = frozenset("bank university college institute ministry".split())
_EN_STOP_INITIAL = frozenset(
    "the a an in on at for from to by with of and but or as this that these those it its "
    "he she they we i you his her their our after before during when while if although "
    "since because there here some many most all no not one two three new last next "
    "according however also meanwhile officials health".split()
)
_EN_LOCAL_CONTEXT = frozenset("in at from to near across throughout into outside within".split())


def _en_person_before(words: Sequence[str], i: int) -> bool:
    if i == 0:
        return False
    prev = words[i - 1].lower().rstrip(".")
    return prev in _EN_TITLES or words[i - 1].lower() in _EN_TITLES


def _tag_english(sent_tokens: list[list[Token]]) -> list[Span]:
    names = _names()
    norm = names.normalize
    maxn = names.max_tokens
    spans: list[Span] = []
    for toks in sent_tokens:
        words = [t.text for t in toks]
        n = len(words)
        i = 0
        while i < n:
            w = words[i]
            if not w[:1].isupper() or w.lower() in _EN_MONTHS or w.lower() in _EN_NEWSROOMS:
                i += 1
                continue
            # the run of capitalised tokens (allowing "of"/"de"/"-" inside) starting here
            run_end = i + 1
            while run_end < n and (
                words[run_end][:1].isupper()
                or (
                    words[run_end] in ("of", "de", "del", "da", "upon", "on", "la", "el")
                    and run_end + 1 < n
                    and words[run_end + 1][:1].isupper()
                )
            ):
                run_end += 1
            # longest gazetteer match inside the run starting at i
            best = 0
            best_key = ""
            parts: list[str] = []
            for j in range(i, min(run_end, i + maxn)):
                parts.append(norm(words[j]))
                key = " ".join(parts)
                if key in names.keys:
                    best, best_key = j + 1, key
                elif j == i or j + 1 == min(run_end, i + maxn):
                    for stripped in _strip_variants(key, _EN_SUFFIXES):
                        if stripped in names.keys:
                            best, best_key = j + 1, stripped
                            break
            if not best:
                i = run_end
                continue
            score = _en_score(words, i, best, run_end, best_key, names)
            if score > 0.5:
                spans.append(Span(toks[i].start, toks[best - 1].end, "place", round(score, 3)))
                i = best
            else:
                i = run_end
    return spans


def _en_score(
    words: Sequence[str], i: int, end: int, run_end: int, key: str, names: _Names
) -> float:
    """Heuristic confidence that words[i:end] (a gazetteer match) is a place."""
    info = names.info(key)
    kind, bucket = info if info is not None else ("city", 0)
    first = words[i]
    low_first = first.lower()
    score = 0.8
    if kind in ("country", "continent", "union", "region", "sea", "lake"):
        score = 0.95
    elif bucket >= 6:
        score = 0.9
    elif bucket <= 3:
        score = 0.65
    if _en_person_before(words, i):
        return 0.1
    if i == 0 and low_first in _EN_STOP_INITIAL:
        return 0.1
    # part of a longer capitalised run that is not all place: "United Russia", "X University"
    if run_end > end:
        nxt = words[end].lower()
        if nxt in _EN_ORG_WORDS:
            return 0.2
        if kind not in ("country", "continent", "union", "region", "sea"):
            score -= 0.3
    if i > 0 and words[i - 1][:1].isupper() and words[i - 1].lower() not in _EN_STOP_INITIAL:
        # "Bank of X" is an organisation, but the X is still a place in GeoVirus
        prev = words[i - 1].lower()
        if prev not in ("of", "and") and kind not in ("country", "continent", "union", "region"):
            score -= 0.3
    if i > 0 and words[i - 1].lower() in _EN_LOCAL_CONTEXT:
        score += 0.1
    if end < len(words) and words[end].lower() in ("said", "says", "told", "added"):
        score -= 0.4
    return max(0.0, min(1.0, score))


# --------------------------------------------------------------------------------------------
# Public entry point
# --------------------------------------------------------------------------------------------


def _group_by_sentence(
    text: str, tokens: list[Token] | None, sentences: list[tuple[int, int]] | None
) -> list[list[Token]]:
    spans = sentences if sentences is not None else sentence_spans(text)
    if tokens is None:
        return [tokenize(text, a, b) for a, b in spans]
    groups: list[list[Token]] = [[] for _ in spans]
    k = 0
    for t in tokens:
        while k < len(spans) and t.start >= spans[k][1]:
            k += 1
        if k == len(spans):
            break
        if t.start >= spans[k][0]:
            groups[k].append(t)
    return groups


def tag(
    text: str,
    *,
    lang: str,
    tokens: list[Token] | None = None,
    sentences: list[tuple[int, int]] | None = None,
) -> list[Span]:
    """Find place names (and demonyms, people, organisations) in ``text``.

    Parameters
    ----------
    text : str
        The article text.
    lang : {"nb", "nn", "en"}
        Language of the text (see :func:`detect_language`).
    tokens, sentences : optional
        Tokens from :func:`mapping.text.tokenize` and sentence offsets from
        :func:`mapping.text.sentence_spans` of ``text``, when the caller already has them.

    Returns
    -------
    list of Span
        Sorted by start offset, non-overlapping, whole tokens.

    Raises
    ------
    ValueError
        When ``lang`` is not one of :data:`LANGUAGES`.
    mapping.errors.GeodataError
        When the model or the gazetteer is missing.

    Examples
    --------
    >>> text = "Russlands president er på besøk i Kasakhstan."
    >>> [(text[s.start:s.end], s.label) for s in tag(text, lang="nb")]
    [('Russlands', 'place'), ('Kasakhstan', 'place')]
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    groups = _group_by_sentence(text, tokens, sentences)
    spans = _tag_english(groups) if lang == "en" else _tag_crf(groups, lang)
    covered = set()
    for s in spans:
        covered.update(range(s.start, s.end))
    spans.extend(_demonym_spans(groups, lang, covered))
    spans.sort(key=lambda s: (s.start, s.end))
    return spans
