"""The geoparser: find the places an article mentions and resolve them to coordinates.

Two steps: the tagger (:mod:`mapping.tagger`) finds the spans of place names, then each span
is resolved against the embedded gazetteer (:mod:`mapping.gazetteer`), ranking candidates by
kind, population, the countries the article already mentions, nearby places and language.
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
import warnings
from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from mapping.article import content_sentences
from mapping.model import Mention, Place

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

__all__ = [
    "geoparse",
    "places_frame",
    "flat_places",
    "unresolved",
    "detect_language",
    "LANGUAGES",
]

#: Languages the geoparser reads.
LANGUAGES = ("nb", "nn", "en")

_COMMA_RE = re.compile(r"\s*,\s*")
#: Words that make the name next to them a state or province: "New York state", "the state
#: of Georgia", "delstaten New York", "provinsen Québec".
_STATE_AFTER_RE = re.compile(r"\s+(?:state|State|province|Province)\b(?!\s+(?:of|Department))")
_STATE_BEFORE_RE = re.compile(
    r"(?:\b(?:[Ss]tate|[Pp]rovince) of|\b(?:delstaten|staten|provinsen|fylket|delstaden)"
    r"|\bU\.?S\.? state of)\s+\Z"
)
#: Between two items of a list: "Texas, Georgia", "Texas and Georgia", "Troms og Finnmark".
_LIST_SEP_RE = re.compile(r"\s*(?:,|;|,?\s+(?:and|or|og|eller|samt))\s*")
_REJECTED: list[Place] = []  # sentinel: the name matched, but only through rejected spellings

#: Smallest population of a city matched by an alternate (foreign) spelling only.
#: A city known by another spelling only ("Haag", "Firenze", "Genève") needs this many
#: people; smaller towns' foreign spellings are more often words or names ("Mobil").
_MIN_ALT_POP = 150_000
#: Last words of English facility names placed at the town they start with ("Kabul Airport").
_EN_FACILITY_WORDS = frozenset(
    "Airport Station University College Hospital Stadium Bridge Port Harbour Harbor Zoo "
    "Prison Court Cathedral Palace Castle Abbey Square Airbase Base Camp Market Mosque "
    "Church".split()
)

_KIND_PRIOR = {
    "country": 3.0,
    "union": 2.8,
    "continent": 2.7,
    "region": 2.6,
    "sea": 2.5,
    "lake": 2.5,
    "admin": 1.6,
    "island": 1.4,
    "city": 1.0,
}


def detect_language(text: str) -> str:
    """Guess the article's language: ``"nb"``, ``"nn"`` or ``"en"``.

    Examples
    --------
    >>> detect_language("Putin er på besøk i Kasakhstan, og han møter presidenten.")
    'nb'
    >>> detect_language("Eg er ikkje heime, men han vart verande i byen.")
    'nn'
    >>> detect_language("The president arrived in Astana on Thursday.")
    'en'
    """
    from mapping.tagger import detect_language as _detect

    return _detect(text)


# Names that are never places when written alone: months and weekdays (English, Norwegian).
_NEVER_PLACES = frozenset(
    "january february march april may june july august september october november december "
    "januar februar mars april mai juni juli august september oktober november desember "
    "monday tuesday wednesday thursday friday saturday sunday "
    "mandag tirsdag onsdag torsdag fredag lørdag søndag måndag tysdag laurdag sundag "
    # political, not geographic: "Putin-stikk til Vesten", "the West"
    "vesten østen".split()
)
# Organisations whose names contain a place name ("United Russia" is a party, not Russia).
_ORG_PREFIX_RE = re.compile(
    r"(?:United|Just|Forent|Forente|Air|Radio|Real|Bank\s+of|Team|Club|Banco\s+de|Aeroflot|"
    r"Royal\s+Bank\s+of|University\s+of|Universitetet\s+i|Radio\s+Free)\s+$"
)
_ORG_SUFFIX_RE = re.compile(
    r"^\s+(?:United|City\s+FC|FC|FK|IL|BK|Airlines|Airways|Energy|Times|Post|Herald|Telegraph|"
    r"Tribune|Gazette|Stock\s+Exchange|Oil|Petroleum)\b"
    # a disease named after a place: "West Nile virus", "Marburg-viruset", "Lassa fever"
    r"|^[\s\[-]+(?i:virus|viruset|fever|feber|feberen|encephalitis)\b"
)
_PLACE_WORD_BEFORE_ORG = re.compile(r"(?:Kingdom|States|Arab\s+Emirates|Nations)\b")


# "Jordan Peterson", "Paris Hilton": a one-word place name followed by one capitalised word
# the gazetteer does not know, then a lower-case word or punctuation, is a person's name.
_EN_NAME_AFTER_RE = re.compile(r" ([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?=[\s,.;:!?)]+[a-z(,.;:!?])")
_NOT_SURNAMES = frozenset(
    "city county province state region island islands valley mountains mountain river lake "
    "airport university hospital police government ministry department office health army "
    "mayor governor president minister council parliament court officials authorities "
    "street square bay coast peninsula district area border embassy republic zoo park "
    "racecourse highway province daily times post herald".split()
)


def _is_english_person(gaz: Any, text: str, start: int, end: int) -> bool:
    m = _EN_NAME_AFTER_RE.match(text, end)
    surface = text[start:end]
    if m is None or not (surface.isalpha() and surface[:1].isupper() and surface[1:].islower()):
        return False
    word = m.group(1)
    if word.casefold() in _NOT_SURNAMES or word.casefold() in _NEVER_PLACES:
        return False
    from mapping.gazetteer import normalize

    return normalize(word) not in gaz.name_keys()


def _is_org_context(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 30) : start]
    after = text[end : end + 30]
    if _ORG_PREFIX_RE.search(before) and not _PLACE_WORD_BEFORE_ORG.match(text[start:end]):
        return True
    return bool(_ORG_SUFFIX_RE.match(after))


@cache
def _leader_names() -> frozenset[str]:
    """Names of heads of state and government and ministers (``geodata/leaders.csv``).

    A place span that is a leader's name ("Obama", a city in Japan) is the person.
    """
    from mapping.visits import load_leaders

    names: set[str] = set()
    for leader in load_leaders():
        names.update(n.casefold() for n in (*leader.spellings, *leader.short) if n)
    return frozenset(names)


def _is_leader_name(surface: str, lang: str) -> bool:
    names = _leader_names()
    return any(v.casefold() in names for v in _variants(surface, lang))


@cache
def _country_words() -> dict[str, str]:
    """Lower-cased names of countries with over a million people -> the name to look up."""
    from mapping.gazetteer import load_gazetteer

    words: dict[str, str] = {}
    for place in load_gazetteer().places("country"):
        if place.population <= 1_000_000:
            continue
        for name in {place.name, *(label for _, label in place.labels)}:
            if " " not in name and len(name) >= 4:
                words[name.casefold()] = name
                words[name.casefold() + "s"] = name
    return words


_LOWER_WORD_RE = re.compile(r"(?<![\w-])[^\W\d_A-ZÆØÅ][^\W\d_]{3,}(?![\w-])")


def _country_backfill(
    text: str, sents: Sequence[tuple[int, int]], taken: Sequence[Any]
) -> list[tuple[int, int]]:
    """Lower-case slips of country names ("irans") the tagger leaves out (nb/nn only)."""
    words = _country_words()
    covered = {s.start for s in taken}
    return [
        (m.start(), m.end())
        for a, b in sents
        for m in _LOWER_WORD_RE.finditer(text, a, b)
        if m.group() in words and m.start() not in covered
    ]


def _country_as_place(span: Any, gaz: Any, text: str, lang: str) -> Any:
    """A country acting as an organisation ("Det har også Tyrkia ...") is still a place."""
    if span.label != "org":
        return span
    for variant in _variants(text[span.start : span.end], lang):
        found = gaz.lookup(variant)
        if found:
            if found[0].kind in ("country", "union"):
                return dataclasses.replace(span, label="place")
            break
    return span


# a word after which a one-word name is where somebody goes, not who ("ankom Praha")
_TO_PLACE_WORDS = frozenset(
    "i til fra frå ankom ankomst besøkte besøker besøke vitja vitjar vitje nådde forlot "
    "in to from arrived arrives arriving visited visits visiting reached leaving left "
    "towards toward".split()
)
# ... and after which any town the gazetteer knows is a place ("trålere fra Murmansk")
_AT_PLACE_WORDS = frozenset("i på fra frå in at from".split())
# "sentrum av Hønefoss", "søraust for Bornholm": "av" and "for" after a word of direction
_DIRECTION_WORDS = frozenset(
    "sentrum utenfor utanfor nord sør øst aust vest nordøst nordaust sørøst søraust "
    "nordvest sørvest north south east west northeast northwest southeast southwest".split()
)
_WORDS_BEFORE_RE = re.compile(r"(?:(\w+)\W+)?(\w+)\s+$")


_NAME_PAIR_RE = re.compile(r"(?<![\w.])(?=([A-ZÆØÅ][\w.]*)\s+([A-ZÆØÅ][\w-]*))")


def _surname_words(text: str) -> frozenset[str]:
    """Words ``text`` writes after a capitalised word that is not a preposition: the
    surnames of "Kari Lund", "Carl I. Hagen" (not "Hamar" of "På Hamar"). One pass."""
    skip = _AT_PLACE_WORDS | _TO_PLACE_WORDS
    return frozenset(
        m.group(2) for m in _NAME_PAIR_RE.finditer(text) if m.group(1).casefold() not in skip
    )


def _written_as_surname(word: str, text: str) -> bool:
    """True when ``text`` has ``word`` after a capitalised word that is not a preposition."""
    return word in _surname_words(text)


def _person_as_place(
    span: Any, gaz: Any, text: str, lang: str, surnames: Callable[[], frozenset[str]]
) -> Any:
    """A one-word "person" or "organisation" the tagger finds where a place is expected is
    that place: a capital or a city of half a million after a travel word ("da han ankom
    Praha slott", "to Kyiv"); any town, state or island after "i", "på", "fra", "in", "at",
    "from" or "nord for", "sentrum av" ("trålere fra Murmansk", "På Hamar") unless the
    article also writes the word after a first name (a surname: "Kari Lund ... fra Lund").
    Small towns abroad and genitives ("fra Clintons kampanje") stay as the tagger says."""
    surface = text[span.start : span.end]
    if (
        span.label not in ("person", "org")
        or not surface.isalpha()
        or _is_leader_name(surface, lang)
    ):
        return span
    before = _WORDS_BEFORE_RE.search(text, max(0, span.start - 40), span.start)
    if before is None:
        return span
    w1, w2 = (before.group(1) or "").casefold(), before.group(2).casefold()
    to_place = span.label == "person" and w2 in _TO_PLACE_WORDS
    at_place = w2 in _AT_PLACE_WORDS or (w2 in ("av", "for", "of") and w1 in _DIRECTION_WORDS)
    if not (to_place or at_place):
        return span
    for variant in _variants(surface, lang):
        found = gaz.lookup(variant)
        if not found:
            continue
        top = found[0]
        big = top.kind == "city" and (_is_capital(top) or top.population >= 500_000)
        if big and to_place:
            return dataclasses.replace(span, label="place")
        if (
            at_place
            and variant == surface  # "fra Clintons kampanje": a genitive is a person's
            and (
                top.kind in ("admin", "island", "region")
                or top.population >= 200_000
                or (top.country_code == "NO" and lang in ("nb", "nn"))
            )
            and top.kind != "country"
            and surface not in surnames()
        ):
            return dataclasses.replace(span, label="place")
        return span
    return span


def _variants(surface: str, lang: str) -> list[str]:
    """Spellings to try for a span: as written, then without genitive or possessive endings."""
    out = [surface]
    s = surface
    for apo in ("'s", "’s", "'", "’"):
        if s.endswith(apo) and len(s) > len(apo) + 1:
            out.append(s[: -len(apo)])
    if lang in ("nb", "nn"):
        if s.endswith("s") and len(s) > 3 and not s.endswith("ss"):
            out.append(s[:-1])  # Russlands -> Russland, USAs -> USA
        if s.endswith("-s") and len(s) > 3:
            out.append(s[:-2])
        for suffix, repl in (("en", ""), ("et", ""), ("a", ""), ("ens", ""), ("ets", "")):
            if s.endswith(suffix) and len(s) > len(suffix) + 3 and s[0].isupper():
                out.append(s[: -len(suffix)] + repl)
    else:
        if s.endswith("s") and s.isupper() and len(s) > 2:
            out.append(s[:-1])
    # "the Gaza Strip" / "The Hague": tagger spans sometimes include an article
    m = re.match(r"(?i)(the|det|den|dei|de)\s+(.+)", s)
    if m:
        out.append(m.group(2))
    seen: set[str] = set()
    return [v for v in out if not (v in seen or seen.add(v))]


def _haversine_km(a: Place, b: Place) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _prior(place: Place) -> float:
    score = _KIND_PRIOR.get(place.kind, 1.0)
    if place.kind in ("city", "admin", "island"):
        score += min(1.0, math.log10(place.population + 1) / 7.0)
    return score


def _rank(
    candidates: Sequence[Place],
    *,
    lang: str,
    doc_countries: set[str],
    neighbours: Sequence[Place],
    within: Place | None = None,
    siblings: Sequence[Place] = (),
    container_of: Sequence[Place] = (),
    subdivision_word: bool = False,
) -> Place:
    # "Mexico" is the country, not Mexico City, even in an article about Mexico: the bonus
    # for places in the article's countries only separates places in different countries
    named_countries = {p.country_code for p in candidates if p.kind == "country"}
    namesakes = _namesake_subdivisions(candidates)
    # ... and a small town does not beat a world city or a state through it: "Paris" in an
    # article that also names the USA is Paris, France, unless Texas is near
    # (``neighbours``); "Ontario" in an article that names the USA is still the province
    biggest = max((p.population for p in candidates if p.kind in ("city", "admin")), default=0)
    # ... nor a world capital: "London" in an article that names Canada is still London
    world_capital = any(
        p.kind == "city" and p.population >= 1_000_000 and _is_capital(p) for p in candidates
    )

    def score(p: Place) -> float:
        s = _prior(p)
        if p.id in namesakes:
            s -= 1.0
        if container_of and p.kind in ("admin", "country", "region", "island"):
            # "Buffalo, New York": a name after a town and a comma is the state it lies in
            if any(
                c.kind == "city" and c.country_code == p.country_code and c.id != p.id
                for c in container_of
            ):
                s += 2.5
        if subdivision_word and p.kind == "admin":
            s += 2.5  # "New York state", "the state of Georgia", "delstaten New York"
        elif p.kind in ("sea", "lake"):
            s += 2.0  # "the Red Sea" is the sea, not the Red Sea governorate named after it
        if (
            p.kind != "country"
            and p.country_code
            and p.country_code in doc_countries
            and not named_countries
            and not world_capital
            and (p.kind not in ("city", "admin") or p.population * 50 >= biggest)
        ):
            s += 1.5
        if p.kind == "country" and p.country_code in doc_countries:
            s += 0.3
        if lang in ("nb", "nn") and p.country_code == "NO" and p.kind != "country":
            s += 0.4
        if within is not None and p.country_code == within.country_code and p.id != within.id:
            # "Paris, Texas": a name followed by the region or country it lies in
            if within.kind == "country" or _haversine_km(p, within) < 1000:
                s += 2.5
        if any(_same_sort(p, sib) for sib in siblings):
            # a list of names of one sort: "Texas and Georgia", "Armenia, Azerbaijan, Georgia"
            s += 1.5
        if neighbours and not named_countries and p.kind not in ("country", "union", "continent"):
            if any(_haversine_km(p, n) < 400 for n in neighbours if n.id != p.id):
                s += 1.2
        return s

    return max(candidates, key=lambda p: (score(p), p.population, p.id))


def _is_capital(p: Place) -> bool:
    from mapping.gazetteer import load_gazetteer

    cap = load_gazetteer().capital(p.country_code) if p.country_code else None
    return cap is not None and cap.id == p.id


def _same_sort(p: Place, other: Place) -> bool:
    """Both countries, or both states (cities, ...) of one country."""
    if p.kind != other.kind or p.id == other.id:
        return False
    return p.kind in ("country", "union", "continent") or (
        p.kind == "admin" and p.country_code == other.country_code
    )


def _namesake_subdivisions(candidates: Sequence[Place]) -> set[str]:
    """Ids of states or counties named after their own city, which the city goes before:
    "Moscow" (not Moscow Oblast), "São Paulo", "Bergen", "Washington" (the capital, not the
    state) unless the context says state ("Buffalo, New York", "Texas and Washington").

    A subdivision gives way to a city of the same country that is the national capital or
    has at least an eighth of the subdivision's population (the summed population of its
    towns, which overcounts); "Quebec" stays the province.
    """
    admins = [p for p in candidates if p.kind == "admin" and p.population > 0]
    cities = [p for p in candidates if p.kind == "city"]
    if not admins or not cities:
        return set()
    drop = set()
    for a in admins:
        for c in cities:
            if c.country_code != a.country_code:
                continue
            if c.population * 8 >= a.population or _is_capital(c):
                drop.add(a.id)
                break
    return drop


def rank_places(candidates: Sequence[Place], *, lang: str, countries: set[str]) -> Place:
    """The most likely of several places with one name, in an article that names
    ``countries`` (ISO alpha-2): the ranking :func:`geoparse` uses, for other modules.

    Examples
    --------
    >>> from mapping.gazetteer import load_gazetteer
    >>> rank_places(load_gazetteer().lookup("Bali"), lang="nb", countries={"ID"}).country_code
    'ID'
    """
    return _rank(candidates, lang=lang, doc_countries=countries, neighbours=())


def _lookup(gaz: Any, surface: str, lang: str, cache: dict[str, list[Place]]) -> list[Place]:
    if surface in cache:
        return cache[surface]
    found: list[Place] = []
    rejected = False
    for variant in _variants(surface, lang):
        # a small town known only by a foreign alternate spelling ("Mobil" for Mobile,
        # Alabama) is far more often a common word or a name than the town
        matches = gaz.matches(variant)
        found = [
            p
            for p, how in matches
            if not (
                how == "alternate"
                and p.kind == "city"
                # "White House" is a GeoNames alternate name of Casablanca (Dar el Beida)
                and (
                    p.population < _MIN_ALT_POP
                    or " " in variant.strip()
                    or _truncation(variant, p.name)
                )
            )
        ]
        if found:
            # "Samarkand" is the city's own name; that it was once also a name of Temirtau
            # (an alternate spelling) does not make Temirtau a candidate
            named = max(
                (
                    p.population
                    for p, how in matches
                    if how == "name" and p.kind == "city" and p in found
                ),
                default=-1,
            )
            if named >= 0:
                alternates = {p.id for p, how in matches if how == "alternate"}
                found = [
                    p
                    for p in found
                    if p.id not in alternates
                    or p.kind != "city"
                    or p.population >= 10 * named
                    or variant.casefold() in p.name.casefold()  # "City of Westminster"
                ]
            break
        rejected = rejected or bool(matches)
    if not found and rejected:  # only rejected spellings: not a place here, and not unresolved
        found = _REJECTED
    cache[surface] = found
    return found


def _truncation(variant: str, name: str) -> bool:
    """True when one spelling is the other cut short ("Mobil", Mobile): a word, not an
    exonym."""
    a, b = variant.casefold(), name.casefold()
    return a != b and b.startswith(a)


def _head_city(gaz: Any, surface: str, lang: str, cache: dict[str, list[Place]]) -> list[Place]:
    """A facility named after its town ("Bergen tinghus", "Oslo S") is placed at the town.

    In English only a facility word may follow ("Kabul Airport"): "San Fernando Valley" is
    not San in Mali, nor "Danube Delta" the town of Delta.
    """
    head, sep, rest = surface.partition(" ")
    if not sep:
        return []
    if lang == "en" and rest.split()[-1] not in _EN_FACILITY_WORDS:
        return []
    found = _lookup(gaz, head, lang, cache)
    if not found or found is _REJECTED or found[0].kind != "city":
        return []
    return [p for p in found if p.kind == "city"]


def _demonym_target(gaz: Any, word: str, lang: str) -> Place | None:
    """The country or region a demonym points to: the tagger's table, else name prefixes."""
    from mapping.tagger import demonym_country

    target = demonym_country(word, lang=lang)
    if target is not None:
        found = gaz.country(target) if len(target) == 2 and target.isupper() else None
        found = found or next(iter(gaz.lookup(target)), None)
        if found is not None:
            return found
    if "-" in word:  # "SV-ere", "NATO-landene": a party or organisation, not a people
        return None
    return _demonym_place(word)


def _demonym_place(word: str) -> Place | None:
    """Best-effort link of a demonym ("russisk", "Russian") to a country or region."""
    key = word.casefold().replace("-", "")
    best: Place | None = None
    best_len = 0
    for stem, place in _demonym_stems().get(key[:4], ()):
        n = len(os.path.commonprefix([key, stem]))
        if n >= 0.6 * len(stem.rstrip("aeiouyæøå")) and n > best_len:
            best, best_len = place, n
    return best


@cache
def _demonym_stems() -> dict[str, tuple[tuple[str, Place], ...]]:
    """Names of countries, regions and continents, by their first four letters."""
    from mapping.gazetteer import load_gazetteer

    stems: dict[str, list[tuple[str, Place]]] = {}
    for place in load_gazetteer().places():
        if place.kind in ("country", "region", "continent"):
            for label in sorted({place.name, *(text for _, text in place.labels)}):
                stem = label.casefold().replace("-", "")
                if len(stem) >= 4:
                    stems.setdefault(stem[:4], []).append((stem, place))
    return {k: tuple(v) for k, v in stems.items()}


def geoparse(
    text: str,
    lang: str | None = None,
    *,
    geocoder: Any = None,
    skip_furniture: bool = True,
) -> list[Mention]:
    """Find the places ``text`` mentions and resolve each to a :class:`~mapping.model.Place`.

    Parameters
    ----------
    text : str
        The article text (see :func:`mapping.article.read_article` for files and HTML).
    lang : {"nb", "nn", "en"} or None
        The article's language; ``None`` detects it.
    geocoder : geopy geocoder, optional
        Resolves the names the embedded gazetteer lacks, e.g.
        :func:`mapping.geocoder.online_geocoder` (Nominatim). The embedded
        :class:`~mapping.geocoder.GazetteerGeocoder` is always used first.
    skip_furniture : bool
        Ignore photo credits, ad markers and repeated captions (default).

    Returns
    -------
    list of Mention
        In text order. ``m.kind == "place"`` for names, ``"demonym"`` for adjectives such as
        "russisk" (a weaker mention, not counted as a place by :func:`places_frame`). A name no
        gazetteer entry resolves has ``m.place is None``.

    Examples
    --------
    >>> ms = geoparse("Putin er på besøk i Kasakhstan.", lang="nb")
    >>> [(m.text, m.place.country_code) for m in ms]
    [('Kasakhstan', 'KZ')]
    """
    if not isinstance(text, str):
        raise TypeError(
            f"geoparse() needs the article as str, not {type(text).__name__}; "
            "use mapping.read_article(path) to read a file"
        )
    if not text.strip():
        return []
    if lang is None:
        lang = detect_language(text)
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)} or None, not {lang!r}")

    from mapping.gazetteer import load_gazetteer
    from mapping.tagger import tag

    gaz = load_gazetteer()
    if skip_furniture:
        sents = content_sentences(text)
    else:
        from mapping.text import sentence_spans

        sents = sentence_spans(text)
    surnames = lru_cache(maxsize=1)(lambda: _surname_words(text))  # once, when a span asks
    spans = [
        _person_as_place(_country_as_place(s, gaz, text, lang), gaz, text, lang, surnames)
        for s in tag(text, lang=lang, sentences=sents)
        if not (
            s.label == "place"
            and (
                text[s.start : s.end].casefold() in _NEVER_PLACES
                or _is_org_context(text, s.start, s.end)
                or (lang == "en" and _is_english_person(gaz, text, s.start, s.end))
            )
        )
    ]
    if lang in ("nb", "nn"):
        from mapping.tagger import Span

        extra = _country_backfill(text, sents, spans)
        spans = sorted(
            [*spans, *(Span(a, b, "place", 0.6) for a, b in extra)], key=lambda x: x.start
        )
    sent_starts = [a for a, _ in sents]

    def sentence_of(pos: int) -> tuple[int, int]:
        import bisect

        i = bisect.bisect_right(sent_starts, pos) - 1
        return sents[i] if i >= 0 else (0, len(text))

    cache: dict[str, list[Place]] = {}
    place_spans = [s for s in spans if s.label == "place"]
    resolved: dict[int, list[Place]] = {}
    doc_countries: set[str] = set()
    place_spans = [
        s
        for s in place_spans
        if (found := _lookup(gaz, text[s.start : s.end], lang, cache)) is not _REJECTED
        and not (
            found
            and found[0].kind in ("city", "admin", "island")
            and _is_leader_name(text[s.start : s.end], lang)
        )
    ]
    for i, s in enumerate(place_spans):
        cands = _lookup(gaz, text[s.start : s.end], lang, cache)
        resolved[i] = cands
        if len(cands) == 1 or (cands and cands[0].kind in ("country", "union", "region")):
            top = cands[0]
            if top.country_code:
                doc_countries.add(top.country_code)
            doc_countries.update(top.members if top.kind != "union" else ())

    # neighbours: unambiguous non-country places in the same or adjacent sentence
    mentions: list[Mention] = []
    unambiguous = {
        i: c[0]
        for i, c in resolved.items()
        if len(c) == 1 and c[0].kind not in ("country", "union")
    }
    chosen: dict[int, Place | None] = {}
    first_sense: dict[str, Place] = {}  # surface -> the place it named first in the article
    for i, s in enumerate(place_spans):
        cands = resolved[i]
        if not cands:
            heads = _head_city(gaz, text[s.start : s.end], lang, cache)
            chosen[i] = (
                _rank(heads, lang=lang, doc_countries=doc_countries, neighbours=())
                if heads
                else None
            )
            continue
        if len(cands) == 1:
            chosen[i] = cands[0]
            continue
        near = [
            p
            for j, p in unambiguous.items()
            if j != i and abs(place_spans[j].start - s.start) < 400
        ]
        # ... and the towns already chosen just before ("a stop in London, where he met the
        # King at Windsor Castle": Windsor near London)
        near += [
            p
            for j, p in chosen.items()
            if p is not None
            and j not in unambiguous
            and p.kind == "city"
            and 0 < s.start - place_spans[j].start < 200
        ]
        within = None
        if i + 1 < len(place_spans) and _COMMA_RE.fullmatch(text[s.end : place_spans[i + 1].start]):
            after = resolved[i + 1]
            if after and after[0].kind in ("admin", "country"):
                within = after[0]
        siblings = [
            resolved[j][0]
            for j in (i - 1, i + 1)
            if 0 <= j < len(place_spans)
            and resolved[j]
            and _LIST_SEP_RE.fullmatch(
                text[place_spans[min(i, j)].end : place_spans[max(i, j)].start]
            )
        ]
        container_of = (
            resolved[i - 1]
            if i > 0 and _COMMA_RE.fullmatch(text[place_spans[i - 1].end : s.start])
            else ()
        )
        subdivision_word = bool(
            _STATE_AFTER_RE.match(text, s.end) or _STATE_BEFORE_RE.search(text, 0, s.start)
        )
        surface = text[s.start : s.end]
        before = first_sense.get(surface)
        if before is not None and not (within or container_of or subdivision_word):
            chosen[i] = before  # one sense per article: "Brussel" twice is one place
            continue
        chosen[i] = _rank(
            cands,
            lang=lang,
            doc_countries=doc_countries,
            neighbours=near,
            within=within,
            siblings=siblings,
            container_of=container_of,
            subdivision_word=subdivision_word,
        )
        if chosen[i] is not None:
            first_sense.setdefault(surface, chosen[i])

    if geocoder is not None:
        _resolve_online(geocoder, text, place_spans, chosen)

    for i, s in enumerate(place_spans):
        sent = sentence_of(s.start)
        mentions.append(
            Mention(
                text=text[s.start : s.end],
                start=s.start,
                end=s.end,
                place=chosen[i],
                kind="place",
                sentence=sent,
                score=float(s.score),
                context=text[sent[0] : sent[1]],
            )
        )
    demonym_cache: dict[str, Place | None] = {}
    for s in spans:
        if s.label == "demonym":
            key = text[s.start : s.end]
            if key not in demonym_cache:
                demonym_cache[key] = _demonym_target(gaz, key, lang)
    for s in spans:
        if s.label != "demonym":
            continue
        sent = sentence_of(s.start)
        surface = text[s.start : s.end]
        mentions.append(
            Mention(
                text=surface,
                start=s.start,
                end=s.end,
                place=demonym_cache[surface],
                kind="demonym",
                sentence=sent,
                score=float(s.score) * 0.5,
                context=text[sent[0] : sent[1]],
            )
        )
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


def _resolve_online(
    geocoder: Any, text: str, spans: Sequence[Any], chosen: dict[int, Place | None]
) -> None:
    """Fill unresolved spans from a geopy geocoder (e.g. Nominatim); warn once on failure."""
    from mapping.geocoder import GazetteerGeocoder, location_to_place

    if isinstance(geocoder, GazetteerGeocoder):
        return
    done: dict[str, Place | None] = {}
    for i, s in enumerate(spans):
        if chosen[i] is not None:
            continue
        name = text[s.start : s.end]
        if name not in done:
            try:
                location = geocoder.geocode(name)
            except Exception as exc:  # geopy raises many kinds; degrade to offline
                warnings.warn(
                    f"Online geocoding failed ({type(exc).__name__}: {exc}); carrying on offline.",
                    stacklevel=3,
                )
                return
            done[name] = location_to_place(location) if location is not None else None
        chosen[i] = done[name]


def unresolved(mentions: Iterable[Mention]) -> list[str]:
    """Names the tagger found but no gazetteer entry resolves, in text order, once each.

    >>> unresolved([Mention("Xyzzyland", 0, 9, None)])
    ['Xyzzyland']
    """
    seen: dict[str, None] = {}
    for m in mentions:
        if m.kind == "place" and m.place is None:
            seen.setdefault(m.text, None)
    return list(seen)


def places_frame(
    mentions: Iterable[Mention],
    *,
    lang: str | None = None,
    include_demonyms: bool = False,
) -> geopandas.GeoDataFrame:
    """One row per distinct place: its name, kind, point, mention count and sentences.

    Parameters
    ----------
    mentions : iterable of Mention
        From :func:`geoparse`.
    lang : str, optional
        Language of the ``label`` column (the place's name in the article's language).
    include_demonyms : bool
        Also count demonym mentions ("russisk") towards their place.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``place_id, name, label, kind, country_code, lat, lon, mentions, forms,
        sentences, first_start, geometry`` (points, EPSG:4326), ordered by first mention.

    Examples
    --------
    >>> df = places_frame(geoparse("Putin er i Kasakhstan. Kasakhstan er stort.", lang="nb"))
    >>> df[["name", "mentions"]].values.tolist()
    [['Kazakhstan', 2]]
    """
    import geopandas
    from shapely.geometry import Point

    rows: dict[str, dict[str, Any]] = {}
    for m in mentions:
        if m.place is None or (m.kind != "place" and not include_demonyms):
            continue
        p = m.place
        row = rows.get(p.id)
        if row is None:
            row = rows[p.id] = {
                "place_id": p.id,
                "name": p.name,
                "label": p.label(lang or "en"),
                "kind": p.kind,
                "country_code": p.country_code,
                "lat": p.lat,
                "lon": p.lon,
                "mentions": 0,
                "forms": [],
                "sentences": [],
                "first_start": m.start,
                "geometry": Point(p.lon, p.lat),
            }
        row["mentions"] += 1
        if m.text not in row["forms"]:
            row["forms"].append(m.text)
        if m.context and m.context not in row["sentences"]:
            row["sentences"].append(m.context)
    columns = [
        "place_id",
        "name",
        "label",
        "kind",
        "country_code",
        "lat",
        "lon",
        "mentions",
        "forms",
        "sentences",
        "first_start",
        "geometry",
    ]
    ordered = sorted(rows.values(), key=lambda r: r["first_start"])
    return geopandas.GeoDataFrame(ordered, columns=columns, geometry="geometry", crs="EPSG:4326")


def flat_places(frame: geopandas.GeoDataFrame, *, sep: str = " | ") -> geopandas.GeoDataFrame:
    """A :func:`places_frame` ready for CSV or GeoJSON: list columns joined by ``sep``.

    Examples
    --------
    >>> flat = flat_places(places_frame(geoparse("Putin er i Kasakhstan.", lang="nb")))
    >>> flat.loc[0, "forms"], "first_start" in flat.columns
    ('Kasakhstan', False)
    """
    flat = frame.drop(columns=["first_start"]).copy()
    for column in ("forms", "sentences"):
        flat[column] = flat[column].map(sep.join)
    return flat
