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
from collections.abc import Sequence
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
    "bio_spans",
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
        # towns only: a subdivision's population is the sum of its towns, another scale
        pop = max((p.population for p in places if p.kind != "admin"), default=0)
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


# bounded: a 10 MB text with a large vocabulary must not grow memory without limit
@functools.lru_cache(maxsize=32_768)
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
                if " ".join(parts) in keys and not _is_pair(parts, keys):
                    found = j + 1
            if found:
                marks[i] = "gnB"
                for j in range(i + 1, found):
                    marks[j] = "gnI"
                i = found
                continue
        i += 1
    return marks


def _is_pair(parts: Sequence[str], keys: frozenset[str]) -> bool:
    """True for "Svalbard og Jan Mayen": two names joined by og/and, each a name of its own."""
    for k, part in enumerate(parts):
        if part in ("og", "and", "&") and 0 < k < len(parts) - 1:
            return " ".join(parts[:k]) in keys and " ".join(parts[k + 1 :]) in keys
    return False


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
        own = per[i][0]
        f = list(own)
        if i == 0:
            f.append("BOS")
        else:
            if "T" in own:  # capitalised inside the sentence: with its gazetteer match,
                f.append("Tm")  # and with the words around it ("i Oslo", "Oslo kommune")
                f.extend("m" + g for g in own if g in ("gT", "gsT"))
                f.append("Tp=" + words[i - 1].lower())
                if i + 1 < n:
                    f.append("Tn=" + words[i + 1].lower())
                if i > 1:
                    f.append("Tpp=" + words[i - 2].lower() + "|" + words[i - 1].lower())
            elif "gl" in own or "gsl" in own:  # a lowercase word that is also a name
                f.append("Lp=" + words[i - 1].lower())
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


def bio_spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first, last+1, NorNE type) for every BIO entity in ``labels``.

    Examples
    --------
    >>> bio_spans(["B-PER", "I-PER", "O", "I-GPE_LOC", "B-LOC"])
    [(0, 2, 'PER'), (3, 4, 'GPE_LOC'), (4, 5, 'LOC')]
    """
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


def _worth_tagging(words: Sequence[str], group: str) -> bool:
    """False for a sentence with no capitalised word after the first and no name at its start.

    Such sentences hold no names in NorNE's conventions, so the CRF need not see them.
    """
    for w in words[1:]:
        if w[:1].isupper():
            return True
    if not words or not words[0][:1].isalpha():
        return False
    first = _word_features(words[0], group)[0]
    return any(f.startswith(("g", "hy")) for f in first)


def _needs_crf(text: str, start: int, end: int) -> bool:
    """Cheap test on the raw sentence: a capital letter after its first character, or a first
    word that is (an inflection of) a gazetteer name. Sentences failing it hold no names."""
    rest = text[start + 1 : end]
    if rest != rest.lower():
        return True
    m = _WORD_RE.match(text, start, end)
    if m is None:
        return False
    own = _word_features(m.group(), "no")[0]
    return any(f.startswith("g") for f in own)


def _tag_crf(
    text: str, sents: Sequence[tuple[int, int]], groups: list[list[Token]] | None, lang: str
) -> list[Span]:
    tagger = _crf_tagger()
    spans: list[Span] = []
    for k, (start, end) in enumerate(sents):
        if groups is None:
            if not _needs_crf(text, start, end):
                continue
            toks = tokenize(text, start, end)
        else:
            toks = groups[k]
        words = [t.text for t in toks]
        if not words or not _worth_tagging(words, "no"):
            continue
        labels = tagger.tag(sentence_features(words, lang))
        for a, b, typ in bio_spans(labels):
            label = _NORNE_LABELS.get(typ)
            if label is None:
                continue
            score = min(tagger.marginal(labels[i], i) for i in range(a, b))
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


def _demonym_spans(
    text: str, sents: Sequence[tuple[int, int]], lang: str, spans: Sequence[Span]
) -> list[Span]:
    """Demonyms and place adjectives from the table, on whole tokens outside ``spans``."""
    table = _demonyms()
    group = "en" if lang == "en" else "no"
    taken = {i for s in spans for i in range(s.start, s.end)}
    out = []
    n = len(text)
    for start, end in sents:
        for m in _WORD_RE.finditer(text, start, end):
            a, b = m.span()
            if (group, m.group().lower()) not in table or a in taken:
                continue
            if group == "en" and not m.group()[:1].isupper():
                continue
            # only whole tokens of mapping.text.tokenize: not "russisk-ortodokse", "Russian's"
            if a > 0 and (text[a - 1].isalnum() or text[a - 1] in "-'’_"):
                continue
            if b < n and (text[b].isalnum() or text[b] in "-'’_"):
                continue
            # "North Korean", "South African": the compass word belongs to the demonym
            before = text[max(start, a - 6) : a]
            for compass in ("North ", "South "):
                if (
                    before.endswith(compass)
                    and (
                        group,
                        (compass + m.group()).lower(),
                    )
                    in table
                ):
                    a -= len(compass)
                    break
            out.append(Span(a, b, "demonym", 0.9))
    return out


# --------------------------------------------------------------------------------------------
# English
# --------------------------------------------------------------------------------------------

_EN_DATES = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "monday tuesday wednesday thursday friday saturday sunday christmas easter".split()
)
_EN_NEWSROOMS = frozenset(
    "ap afp ntb reuters bbc cnn upi xinhua tass ria dpa efe ansa nrk pti ians abc nbc cbs "
    "fox sky".split()
)
_EN_TITLES = frozenset(
    "mr mrs ms miss dr prof president minister senator governor gov sen rep king queen prince "
    "princess pope sir lord lady gen general col colonel captain capt sgt mayor chancellor "
    "secretary judge justice bishop rev professor chairman ceo director spokesman spokeswoman "
    "premier ambassador commissioner officer lt dame father sister brother saint".split()
)
# Capitalised words after a place that show the place is part of a name we still count
# ("California Department of Public Health", "Hong Kong Chief Executive").
_EN_INSTITUTION_WORDS = frozenset(
    "university college school schools institute hospital ministry department agency "
    "organization organisation association council committee company corporation corp inc ltd "
    "bank party union federation foundation society centre center commission authority board "
    "office airlines airways times post journal news press club fc united church museum "
    "academy service services program programme court parliament congress senate assembly "
    "government army navy police force group network league trust fund laboratory "
    "laboratories labs chief executive governor mayor premier president minister health "
    "state city county province region district airport port river valley mountains island "
    "islands sea ocean bay lake coast province municipality area zone border street road "
    "zoo market stadium prison camp public national international regional general "
    "herald tribune daily weekly morning evening broadcasting radio tv television "
    "inspector officials official authorities residents people police fire emergency".split()
)
# Words that never start a place name at the start of a sentence.
_EN_STOP_INITIAL = frozenset(
    "the a an in on at for from to by with of and but or as this that these those it its "
    "he she they we i you his her their our after before during when while if although "
    "since because there here some many most all no not one two three new last next "
    "according however also meanwhile officials health people police".split()
)
_EN_CONNECTORS = frozenset("of the de del da la le el upon and es do du des di al y".split())
# Capitalised words that continue a place name: "Dallas County", "Salinas Valley".
_EN_PLACE_TAILS = frozenset(
    "County Parish Province Prefecture Governorate Oblast Region Borough Township "
    "Valley Island Islands Bay Canal Delta Peninsula Mountains Strait Gulf Basin Coast".split()
)
# Capitalised words that start a place name before a known name: "North Dallas", "Lake Erie".
_EN_PLACE_HEADS = frozenset(
    "North South East West Central Inner Outer Upper Lower "
    "Greater New Lake Mount Port Fort Saint St. San Santa Gulf".split()
)
# Lower-case links inside Romance place names: "Ceamurlia de Jos", "Villa del Rosario".
_EN_NAME_LINKS = frozenset("de del da do dos das di du des la le el y".split())
_EN_SAY = frozenset("said says told added say stated explained noted according".split())
# Abbreviations used as place names in English news.
_EN_ABBREVIATIONS = frozenset("U.S. U.S.A. U.K. US USA UK UAE DRC NSW NYC".split())
# Words after a name that make it an administrative area ("Scott County", "Jefferson Parish").
_EN_ADMIN_WORDS = frozenset(
    "County Parish Province Prefecture Governorate Oblast Region District Borough Township".split()
)
_EN_QUOTES = frozenset("\"“”‘'«»(")


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _en_candidates(words: Sequence[str], names: _Names) -> list[tuple[int, int, str]]:
    """Longest gazetteer matches (start, end, key) of capitalised token sequences."""
    norm = names.normalize
    keys = names.keys
    maxn = names.max_tokens
    n = len(words)
    out = []
    i = 0
    while i < n:
        w = words[i]
        if not _is_cap(w):
            i += 1
            continue
        best = 0
        best_key = ""
        parts: list[str] = []
        for j in range(i, min(n, i + maxn)):
            wj = words[j]
            if j > i and not _is_cap(wj) and wj not in _EN_CONNECTORS and wj != "-":
                break
            parts.append(norm(wj))
            if not _is_cap(wj):
                continue
            key = " ".join(parts)
            if key in keys:
                best, best_key = j + 1, key
            else:
                for stripped in _strip_variants(key, _EN_SUFFIXES):
                    if stripped in keys:
                        best, best_key = j + 1, stripped
                        break
        if w in _EN_ABBREVIATIONS and best <= i + 1:
            best, best_key = i + 1, ""
        if best:
            out.append((i, best, best_key))
            i = best
        else:
            i += 1
    return out


def _en_people(sent_words: Sequence[Sequence[str]], names: _Names) -> set[str]:
    """Surnames of people named in the text: "Mr Doyle", "Jim Doyle said" -> {"doyle"}."""
    people: set[str] = set()
    for words in sent_words:
        n = len(words)
        for i in range(n - 1):
            a, b = words[i], words[i + 1]
            if (
                b == ","
                and i + 3 < n
                and words[i + 2].isdigit()
                and words[i + 3] == ","
                and _is_cap(a)
                and a[1:].islower()
            ):
                people.add(a.lower())  # "Campbell, 42, was ..."
            if not (_is_cap(a) and _is_cap(b)) or len(b) < 3 or not b[1:].islower():
                continue
            if a.lower().rstrip(".") in _EN_TITLES:
                people.add(b.lower())
            elif (
                a[1:].islower()
                and _small_or_unknown(a, names)
                and a.lower() not in _EN_STOP_INITIAL
                and a.lower() not in _EN_INSTITUTION_WORDS
                and a.lower() not in _EN_DATES
                and (i + 2 >= n or not _is_cap(words[i + 2]))
                and (i == 0 or not _is_cap(words[i - 1]))
                and (
                    (i + 2 < n and words[i + 2].lower() in _EN_SAY)
                    or (i > 0 and words[i - 1].lower() in _EN_SAY)
                    or (i > 0 and words[i - 1] == ",")
                    or (
                        i + 3 < n
                        and words[i + 2] == ","
                        and (words[i + 3].lower() in ("a", "an", "the") or words[i + 3].isdigit())
                    )
                )
            ):
                people.add(b.lower())
    return people


def _small_or_unknown(word: str, names: _Names) -> bool:
    info = names.info(names.normalize(word))
    return info is None or (info[0] == "city" and info[1] < 5)


def _tag_english(sent_tokens: list[list[Token]], text: str) -> list[Span]:
    names = _names()
    demonyms = _demonyms()
    sent_words = [[t.text for t in toks] for toks in sent_tokens]
    people = _en_people(sent_words, names)
    lower_words = {m.group() for m in _WORD_RE.finditer(text) if m.group().islower()}
    spans: list[Span] = []
    for toks, words in zip(sent_tokens, sent_words, strict=True):
        taken = -1
        for i, end, key in _en_candidates(words, names):
            score = _en_score(words, i, end, key, names, people, lower_words, demonyms)
            if score >= 0.5:
                i = _en_longer_name_start(words, i, end, key, names)
                while end < len(words) and words[end] in _EN_PLACE_TAILS:
                    end += 1
                while i > taken and i > 0 and words[i - 1] in _EN_PLACE_HEADS:
                    i -= 1
                spans.append(_en_span(toks, i, end, score))
                taken = end
        # unknown names in administrative patterns: "Scott County", "Innisfail, Queensland"
        for i in range(len(words) - 1):
            if i < taken and any(s.start <= toks[i].start < s.end for s in spans[-3:]):
                continue
            if _en_admin_pattern(words, i, names, people, demonyms):
                end = i + 2
                if not any(s.start < toks[end - 1].end and toks[i].start < s.end for s in spans):
                    spans.append(_en_span(toks, i, end, 0.6))
    spans.sort(key=lambda s: s.start)
    return spans


def _en_longer_name_start(words: Sequence[str], i: int, end: int, key: str, names: _Names) -> int:
    """Where the name around a match of ``words[i:end]`` really starts.

    A town name after "de"/"del"/... and a capitalised word ("Ceamurlia de Jos"), or a
    tail word such as "Delta" after one ("Danube Delta"), is the end of a longer name the
    gazetteer lacks: the whole name is the span (unresolved), not the town.
    """
    if end != i + 1 or i == 0:
        return i
    start = i
    info = names.info(key) if key else None
    if (
        i >= 2
        and words[i - 1] in _EN_NAME_LINKS
        and info is not None
        and info[0] == "city"
        and _is_cap(words[i - 2])
    ):
        start = i - 2
    elif words[i] in _EN_PLACE_TAILS and _is_cap(words[i - 1]):
        start = i - 1
    else:
        return i
    if words[start].lower() in _EN_STOP_INITIAL or words[start] in _EN_PLACE_HEADS:
        return i
    while (
        start > 0
        and _is_cap(words[start - 1])
        and words[start - 1].lower() not in (_EN_STOP_INITIAL)
    ):
        start -= 1
    return start


def _en_span(toks: Sequence[Token], i: int, end: int, score: float) -> Span:
    """Span over toks[i:end], without an English possessive ending ("China's" -> "China")."""
    last = toks[end - 1]
    stop = last.end
    for suf in ("'s", "’s", "'", "’"):
        if last.text.endswith(suf) and len(last.text) > len(suf) + 1:
            stop -= len(suf)
            break
    return Span(toks[i].start, stop, "place", round(score, 3))


def _en_admin_pattern(
    words: Sequence[str],
    i: int,
    names: _Names,
    people: set[str],
    demonyms: dict[tuple[str, str], str],
) -> bool:
    """True for "X County"-like names the gazetteer lacks."""
    w, nxt = words[i], words[i + 1]
    if nxt not in _EN_ADMIN_WORDS or not _is_cap(w) or not w[1:].islower() or len(w) < 3:
        return False
    low = w.lower()
    if low in _EN_STOP_INITIAL or low in _EN_INSTITUTION_WORDS or ("en", low) in demonyms:
        return False
    if i > 0 and (_is_cap(words[i - 1]) and words[i - 1].lower() not in _EN_STOP_INITIAL):
        return False  # part of a longer name ("Santa Ana Unified School District")
    return low not in people and low not in _EN_DATES


def _en_person_context(words: Sequence[str], i: int) -> bool:
    """A title or an initial right before position i: "Mr Lincoln", "Dr. Jose A. Cordova"."""
    if i == 0:
        return False
    prev = words[i - 1]
    if prev.lower().rstrip(".") in _EN_TITLES:
        return True
    if prev == "." and i >= 2:
        before = words[i - 2]
        return before.lower() in _EN_TITLES or (len(before) == 1 and before.isupper())
    return False


def _en_score(
    words: Sequence[str],
    i: int,
    end: int,
    key: str,
    names: _Names,
    people: set[str],
    lower_words: set[str],
    demonyms: dict[tuple[str, str], str],
) -> float:
    """Heuristic confidence that ``words[i:end]`` (a gazetteer match) is a place name."""
    first = words[i]
    low = first.lower()
    single = end == i + 1
    if end < len(words) and words[end] in ("$", "€", "£"):
        return 0.0  # US$, NZ$
    if first in _EN_ABBREVIATIONS:
        return 0.0 if _en_person_context(words, i) else 0.9
    info = names.info(key) if key else None
    kind, bucket = info if info is not None else ("city", 0)
    big = kind in ("country", "continent", "union", "region", "sea", "lake", "admin") or bucket >= 6
    if single and (
        low in _EN_DATES
        or low in _EN_NEWSROOMS
        or low in _EN_INSTITUTION_WORDS
        or (("en", low) in demonyms and kind != "country")
    ):
        return 0.0
    if single and first in _EN_PLACE_HEADS and end < len(words) and _is_cap(words[end]):
        return 0.0  # "North" of "North Dallas": the next name takes it as its head
    if single and first.isupper() and len(first) <= 4 and kind != "country":
        return 0.0  # WHO, CDC, AIDS
    if _en_person_context(words, i):
        return 0.1
    score = 0.95 if big else 0.8 if bucket >= 4 else 0.65
    prev = words[i - 1] if i > 0 else ""
    initial = i == 0 or prev in _EN_QUOTES
    if initial and low in _EN_STOP_INITIAL:
        return 0.0
    if initial and single and not big and bucket < 5:
        score -= 0.2  # a small town's name at the start of a sentence is usually a word
    if single and low in lower_words:
        score -= 0.35  # the word is also a common word in this text ("Mobile", "Reading")
    last = words[end - 1].lower()
    if single and last in people and kind != "country":
        return 0.2
    if single and end < len(words) and words[end].lower() in people and not big:
        return 0.2  # the first name of a person named elsewhere: "Tim Whitley"
    if prev and _is_cap(prev) and prev.lower() not in _EN_STOP_INITIAL and not big:
        # "Jim Doyle", "Bernard Matthews": a capitalised non-place word before a town name
        if (
            names.info(names.normalize(prev)) is None
            and prev not in _EN_ABBREVIATIONS
            and prev.lower() not in _EN_INSTITUTION_WORDS
        ):
            score -= 0.45
    if end < len(words):
        nxt = words[end]
        if (
            _is_cap(nxt)
            and nxt[1:].islower()
            and nxt.lower() not in _EN_INSTITUTION_WORDS
            and nxt not in _EN_ADMIN_WORDS
            and not big
        ):
            if names.info(names.normalize(nxt)) is None and nxt.lower() not in _EN_DATES:
                score -= 0.45 if bucket < 6 else 0.25  # "George Gzhailidi", "Julia Peters"
        if nxt.lower() in _EN_SAY and not big:
            score -= 0.3
    if prev.lower() in ("in", "at", "from", "to", "near", "across", "throughout", "outside"):
        score += 0.15
    if prev == "," and i > 1 and _is_cap(words[i - 2]):
        score += 0.1  # "Marion, Ohio"
    return max(0.0, min(1.0, score))


# --------------------------------------------------------------------------------------------
# Public entry point
# --------------------------------------------------------------------------------------------


def _group_by_sentence(
    text: str, tokens: list[Token] | None, spans: Sequence[tuple[int, int]]
) -> list[list[Token]]:
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
    sents = sentences if sentences is not None else sentence_spans(text)
    if lang == "en":
        spans = _tag_english(_group_by_sentence(text, tokens, sents), text)
    else:
        groups = None if tokens is None else _group_by_sentence(text, tokens, sents)
        spans = _tag_crf(text, sents, groups, lang)
    spans.extend(_demonym_spans(text, sents, lang, spans))
    spans.sort(key=lambda s: (s.start, s.end))
    return spans
