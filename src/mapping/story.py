"""Presentation mode: the article told as a map story, one step at a time, offline.

A story is a list of :class:`StoryStep` (plain data a notebook can reorder, edit or drop)
rendered into one self-contained HTML page: a Leaflet map with an offline vector base map
(Natural Earth country outlines) beside a side panel with large type. Each step shows a
paragraph or event of the article with the place and leader names highlighted; the map flies
to the step's places, draws its journeys (curved lines with an arrowhead) and dims the rest.

- :func:`story_steps`: title step, one step per paragraph that names places, one per leader
  visit (placed after the paragraph that reports it), and a closing overview.
- :func:`landlocked_step`: an optional thematic step (landlocked Central Asia).
- :func:`story_map`: a :class:`Story` with ``.html()``, ``.save(path)`` and
  ``_repr_html_()`` (an ``<iframe srcdoc>``, so it renders in JupyterLab's output).
- :func:`save_story`: write the page atomically.

The page needs no network: Leaflet, the story's JS/CSS and the outlines are inlined. Article
text travels as JSON in a ``<script type="application/json">`` block and is put on the page
with ``textContent`` only, never as HTML.
"""

from __future__ import annotations

import datetime as _dt
import html
import json
import math
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from mapping.errors import ArticleError, EmptyArticleError
from mapping.model import Mention, Place

__all__ = [
    "STEP_KINDS",
    "Journey",
    "StoryStep",
    "Story",
    "story_steps",
    "landlocked_step",
    "highlight_segments",
    "story_map",
    "save_story",
]

#: The kinds a :class:`StoryStep` can have.
STEP_KINDS = ("title", "paragraph", "visit", "theme", "overview")

_LANGS = ("nb", "nn", "en")

#: Smallest extent (degrees) of a step's bounds, so one point is not shown at street level.
_MIN_SPAN = 3.0

#: Regions and unions with at most this many members are shaded as their member countries
#: (Central Asia's five); larger ones (the EU, Eurasia) would cover the map.
_MAX_MEMBERS = 12

#: Most evidence sentences shown on a visit step.
_MAX_EVIDENCE = 3

#: Decimals kept for coordinates of places, journeys (about 1 m) and outlines (about 1 km).
_POINT_DECIMALS = 4
_OUTLINE_DECIMALS = 2

_UI: Mapping[str, Mapping[str, str]] = {
    "nb": {
        "next": "Neste",
        "prev": "Forrige",
        "step": "Steg",
        "fullscreen": "Fullskjerm",
        "exit_fullscreen": "Avslutt fullskjerm",
        "overview": "Oversikt",
        "story": "Kartfortelling",
        "trust": "Stol på notatboka for å se kartet: File → Trust Notebook.",
        "keys": "Piltaster, mellomrom og Page Up/Down blar; F gir fullskjerm.",
        "map": "Kart",
        "summary": "Artikkelen nevner {places} og {visits}.",
        "places_one": "ett sted",
        "places_n": "{n} steder",
        "visits_zero": "ingen besøk av ledere",
        "visits_one": "ett besøk av en leder",
        "visits_n": "{n} besøk av ledere",
        "overview_places": "Steder i artikkelen: {names}.",
        "overview_visits": "Besøk: {items}.",
        "and": "og",
        "landlocked_title": "Kystløse land i Sentral-Asia",
        "landlocked_text": "{names} har ingen kyst mot havet. Kaspihavet er en innsjø.",
        "doubly_text": " {names} er dobbelt kystløst: alle nabolandene er også kystløse.",
        "doubly_text_n": " {names} er dobbelt kystløse: alle nabolandene er også kystløse.",
    },
    "nn": {
        "next": "Neste",
        "prev": "Førre",
        "step": "Steg",
        "fullscreen": "Fullskjerm",
        "exit_fullscreen": "Avslutt fullskjerm",
        "overview": "Oversyn",
        "story": "Kartforteljing",
        "trust": "Stol på notatboka for å sjå kartet: File → Trust Notebook.",
        "keys": "Piltastar, mellomrom og Page Up/Down blar; F gjev fullskjerm.",
        "map": "Kart",
        "summary": "Artikkelen nemner {places} og {visits}.",
        "places_one": "éin stad",
        "places_n": "{n} stader",
        "visits_zero": "ingen besøk av leiarar",
        "visits_one": "eitt besøk av ein leiar",
        "visits_n": "{n} besøk av leiarar",
        "overview_places": "Stader i artikkelen: {names}.",
        "overview_visits": "Besøk: {items}.",
        "and": "og",
        "landlocked_title": "Kystlause land i Sentral-Asia",
        "landlocked_text": "{names} har ikkje kyst mot havet. Kaspihavet er ein innsjø.",
        "doubly_text": " {names} er dobbelt kystlaust: alle nabolanda er òg kystlause.",
        "doubly_text_n": " {names} er dobbelt kystlause: alle nabolanda er òg kystlause.",
    },
    "en": {
        "next": "Next",
        "prev": "Previous",
        "step": "Step",
        "fullscreen": "Full screen",
        "exit_fullscreen": "Exit full screen",
        "overview": "Overview",
        "story": "Map story",
        "trust": "Trust the notebook to see the map: File → Trust Notebook.",
        "keys": "Arrow keys, space and Page Up/Down turn the steps; F for full screen.",
        "map": "Map",
        "summary": "The article names {places} and {visits}.",
        "places_one": "one place",
        "places_n": "{n} places",
        "visits_zero": "no leader visits",
        "visits_one": "one leader visit",
        "visits_n": "{n} leader visits",
        "overview_places": "Places in the article: {names}.",
        "overview_visits": "Visits: {items}.",
        "and": "and",
        "landlocked_title": "Landlocked Central Asia",
        "landlocked_text": "{names} have no coast on the ocean. The Caspian Sea is a lake.",
        "doubly_text": " {names} is doubly landlocked: all its neighbours are landlocked too.",
        "doubly_text_n": " {names} are doubly landlocked: all their neighbours are landlocked too.",
    },
}

#: The five Central Asian states, all landlocked (Uzbekistan and Liechtenstein are the only
#: doubly landlocked countries of the world).
CENTRAL_ASIA = ("KZ", "KG", "TJ", "TM", "UZ")

Bounds = tuple[tuple[float, float], tuple[float, float]]


# --------------------------------------------------------------------------- data


@dataclass(frozen=True, slots=True)
class Journey:
    """A trip drawn as a curved line with an arrowhead, origin to destination.

    Attributes
    ----------
    origin, destination : tuple of (float, float)
        ``(lat, lon)`` points (the order folium and geopy use).
    label : str
        Who travels ("Vladimir Putin"), shown as the line's tooltip.
    bend : float
        Bulge of the curve as a share of the distance (0 draws a straight line); journeys
        between the same two points get different bends so they stay apart.

    Examples
    --------
    >>> j = Journey((55.75, 37.62), (51.18, 71.45), "Putin")
    >>> j.path()[0], j.path()[-1]
    ((55.75, 37.62), (51.18, 71.45))
    """

    origin: tuple[float, float]
    destination: tuple[float, float]
    label: str = ""
    bend: float = 0.2

    def path(self, *, points: int = 24) -> tuple[tuple[float, float], ...]:
        """The curve as ``(lat, lon)`` points: a quadratic Bézier bulging left of the route."""
        (la0, lo0), (la1, lo1) = self.origin, self.destination
        if lo1 - lo0 > 180:  # take the short way across the antimeridian
            lo1 -= 360
        elif lo0 - lo1 > 180:
            lo1 += 360
        dla, dlo = la1 - la0, lo1 - lo0
        cla, clo = (la0 + la1) / 2 + dlo * self.bend, (lo0 + lo1) / 2 - dla * self.bend
        out = []
        for i in range(points + 1):
            t = i / points
            a, b, c = (1 - t) ** 2, 2 * (1 - t) * t, t**2
            out.append(
                (
                    round(a * la0 + b * cla + c * la1, _POINT_DECIMALS),
                    round(a * lo0 + b * clo + c * lo1, _POINT_DECIMALS),
                )
            )
        out[0], out[-1] = self.origin, (self.destination[0], lo1)
        return tuple(out)


@dataclass(frozen=True, slots=True)
class StoryStep:
    """One step of a map story: what the panel shows and where the map goes.

    Steps are plain data: a notebook can reorder, edit (``dataclasses.replace``) or drop them
    before :func:`story_map` renders them.

    Attributes
    ----------
    kind : str
        One of :data:`STEP_KINDS`: ``"title"``, ``"paragraph"``, ``"visit"``, ``"theme"``,
        ``"overview"``.
    title : str
        The step's heading.
    text : str
        The sentence(s) shown, as written in the article (plain text, never HTML).
    highlights : tuple of (str, str)
        ``(name as written, kind)`` pairs, kind ``"place"`` or ``"leader"``: every whole-word
        occurrence of the name in ``text`` is highlighted (see :func:`highlight_segments`),
        so an edited ``text`` keeps its highlights.
    places : tuple of Place
        The places the map shows for this step (the others are dimmed).
    journeys : tuple of Journey
        Trips drawn for this step (a visit step has one).
    bounds : ((south, west), (north, east)) or None
        Where the map flies; ``None`` computes it from ``places`` and ``journeys``.
    subtitle : str
        A short line under the title (route and time of a visit).
    countries : tuple of str or None
        ISO alpha-2 codes of the countries to shade; ``None`` derives them from ``places``
        (countries, and the members of regions and unions of up to 12 members).

    Examples
    --------
    >>> kz = Place("country:KZ", "Kazakhstan", 51.18, 71.45, "country", "KZ")
    >>> s = StoryStep("paragraph", "Kasakhstan", "Putin er i Kasakhstan.",
    ...               highlights=(("Kasakhstan", "place"),), places=(kz,))
    >>> s.shaded_countries(), s.map_bounds()
    (('KZ',), ((49.68, 69.95), (52.68, 72.95)))
    """

    kind: str
    title: str
    text: str = ""
    highlights: tuple[tuple[str, str], ...] = ()
    places: tuple[Place, ...] = ()
    journeys: tuple[Journey, ...] = ()
    bounds: Bounds | None = None
    subtitle: str = ""
    countries: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if self.kind not in STEP_KINDS:
            raise ValueError(
                f"StoryStep.kind must be one of {', '.join(STEP_KINDS)}, not {self.kind!r}"
            )

    def segments(self) -> list[tuple[str, str | None]]:
        """``text`` cut into ``(piece, kind)`` runs, kind ``None`` for plain text."""
        return highlight_segments(self.text, self.highlights)

    def shaded_countries(self) -> tuple[str, ...]:
        """ISO codes of the countries shaded on the map for this step."""
        if self.countries is not None:
            return tuple(self.countries)
        out: dict[str, None] = {}
        for p in self.places:
            if p.kind == "country" and p.country_code:
                out.setdefault(p.country_code, None)
            elif p.kind in ("region", "union") and 0 < len(p.members) <= _MAX_MEMBERS:
                for code in p.members:
                    out.setdefault(code, None)
        return tuple(out)

    def map_bounds(self) -> Bounds | None:
        """``bounds``, or the box around the places and journeys (at least 3 degrees wide)."""
        if self.bounds is not None:
            return self.bounds
        points = [p.latlon for p in self.places]
        for j in self.journeys:
            points.extend(j.path())
        return _bounds(points)


def _bounds(points: Sequence[tuple[float, float]]) -> Bounds | None:
    if not points:
        return None
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    s, n, w, e = min(lats), max(lats), min(lons), max(lons)
    if n - s < _MIN_SPAN:
        mid = (s + n) / 2
        s, n = mid - _MIN_SPAN / 2, mid + _MIN_SPAN / 2
    if e - w < _MIN_SPAN:
        mid = (w + e) / 2
        w, e = mid - _MIN_SPAN / 2, mid + _MIN_SPAN / 2
    q = 10**_POINT_DECIMALS  # round outwards, so every point stays inside
    s, w = math.floor(max(s, -85.0) * q) / q, math.floor(w * q) / q
    n, e = math.ceil(min(n, 85.0) * q) / q, math.ceil(e * q) / q
    return ((s, w), (n, e))


def highlight_segments(
    text: str, highlights: Iterable[tuple[str, str]]
) -> list[tuple[str, str | None]]:
    """Cut ``text`` into runs, marking every whole-word occurrence of a highlighted name.

    Longer names win over shorter ones ("Sentral-Asia" before "Asia"); the first kind given
    for a name wins.

    Parameters
    ----------
    text : str
        Plain text.
    highlights : iterable of (str, str)
        ``(name, kind)`` pairs, e.g. ``("Kasakhstan", "place")``, ``("Putin", "leader")``.

    Returns
    -------
    list of (str, str or None)
        The pieces in order; joined they give ``text`` back.

    Examples
    --------
    >>> highlight_segments("Putin er i Kasakhstan.", [("Kasakhstan", "place"), ("Putin", "leader")])
    [('Putin', 'leader'), (' er i ', None), ('Kasakhstan', 'place'), ('.', None)]
    """
    kinds: dict[str, str] = {}
    for name, kind in highlights:
        if name and name.strip() and name not in kinds:
            kinds[name] = kind
    if not text or not kinds:
        return [(text, None)] if text else []
    names = sorted(kinds, key=lambda n: (-len(n), n))
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")
    out: list[tuple[str, str | None]] = []
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            out.append((text[pos : m.start()], None))
        out.append((m.group(), kinds[m.group()]))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], None))
    return out


# --------------------------------------------------------------------------- building steps


def _check_lang(lang: str | None) -> str:
    if lang not in _LANGS:
        raise ValueError(f"lang must be one of {', '.join(_LANGS)}, not {lang!r}")
    return lang


def _ui(lang: str, key: str, **values: Any) -> str:
    return _UI[lang][key].format(**values)


def _join_names(names: Sequence[str], lang: str) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {_ui(lang, 'and')} " + names[-1]


def _paragraphs(text: str) -> tuple[tuple[int, int] | None, list[list[tuple[int, int]]]]:
    """The headline span (or None) and the paragraphs as lists of content sentences.

    A paragraph is a line of the text (blocks are separated by line breaks or blank lines);
    only content sentences count (:func:`mapping.article.content_sentences`), and a line that
    carries a photo credit is a caption, not a paragraph. The first line is the headline when
    it is one sentence without a full stop.
    """
    from mapping.article import content_sentences, furniture_spans

    furniture = furniture_spans(text)
    by_line: dict[int, list[tuple[int, int]]] = {}
    line_spans: dict[int, tuple[int, int]] = {}
    for s in content_sentences(text):
        line_start = text.rfind("\n", 0, s[0]) + 1
        line_end = text.find("\n", s[0])
        line_spans[line_start] = (line_start, len(text) if line_end < 0 else line_end)
        by_line.setdefault(line_start, []).append(s)
    blocks: list[tuple[bool, list[tuple[int, int]]]] = []
    for line_start in sorted(by_line):
        a, b = line_spans[line_start]
        caption = any(fa < b and fb > a for fa, fb in furniture)
        blocks.append((caption, by_line[line_start]))
    headline: tuple[int, int] | None = None
    if blocks and not blocks[0][0] and len(blocks[0][1]) == 1:
        a, b = blocks[0][1][0]
        if text[a:b].rstrip()[-1:] not in '.!?…:»"”' and b - a <= 200:
            headline = (a, b)
            blocks = blocks[1:]
    return headline, [sents for caption, sents in blocks if not caption]


def _place_mentions(mentions: Iterable[Mention]) -> list[Mention]:
    return [m for m in mentions if m.kind == "place" and m.place is not None]


def _unique_places(places: Iterable[Place]) -> tuple[Place, ...]:
    seen: dict[str, Place] = {}
    for p in places:
        seen.setdefault(p.id, p)
    return tuple(seen.values())


def _leader_forms(name: str, lang: str) -> list[str]:
    """Spellings of a leader's name to highlight: the full name, the surname, genitives."""
    name = " ".join(name.split())
    if not name:
        return []
    forms = [name]
    last = name.split(" ")[-1]
    if last != name and len(last) >= 3:
        forms.append(last)
    if lang in ("nb", "nn"):
        forms += [f + "s" for f in list(forms) if not f.endswith("s")]
    else:
        forms += [f + "'s" for f in list(forms)] + [f + "’s" for f in list(forms)]
    return forms


def _known_leader_forms(text: str, lang: str) -> list[str]:
    """Names from the leaders table (:func:`mapping.visits.load_leaders`) that occur in ``text``.

    Catches leaders who make no visit (a host such as Tokajev). Single-word forms shorter than
    four letters are ignored.
    """
    try:
        from mapping.visits import load_leaders
    except ImportError:  # visits module not part of this build
        return []
    found: dict[str, None] = {}
    for leader in load_leaders():
        for form in (*leader.spellings, *leader.short):
            if len(form) < 4 or not form[:1].isupper() or form not in text:
                continue
            if re.search(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text):
                for f in _leader_forms(form, lang):
                    found.setdefault(f, None)
    return sorted(found)


def _visit_attr(visit: Any, name: str, default: Any = None) -> Any:
    return getattr(visit, name, default)


def _visit_steps(
    text: str,
    visits: Sequence[Any],
    mentions: Sequence[Mention],
    lang: str,
    paragraph_sentences: Sequence[tuple[int, int]] = (),
    leader_forms: Sequence[tuple[str, str]] = (),
) -> list[tuple[int, StoryStep]]:
    """One step per visit, keyed by the offset of its first evidence sentence.

    Evidence sentences that lie in the article's paragraphs are preferred over the headline
    and captions (which repeat them); at most :data:`_MAX_EVIDENCE` are shown.
    """
    out: list[tuple[int, StoryStep]] = []
    pair_count: dict[tuple[str, str], int] = {}
    in_paragraphs = set(paragraph_sentences)
    for visit in visits:
        origin: Place | None = _visit_attr(visit, "origin")
        dest: Place | None = _visit_attr(visit, "destination")
        if dest is None:
            continue
        leader = str(_visit_attr(visit, "leader", "") or "")
        evidence = tuple((int(a), int(b)) for a, b in (_visit_attr(visit, "evidence", ()) or ()))
        body = [e for e in evidence if e in in_paragraphs] or list(evidence)
        evidence = tuple(body[:_MAX_EVIDENCE])
        pieces = [text[a:b].strip() for a, b in evidence if 0 <= a < b <= len(text)]
        sentence_text = " ".join(p for p in pieces if p)
        highlights = [(f, "leader") for f in _leader_forms(leader, lang)] + list(leader_forms)
        for m in _place_mentions(mentions):
            if any(a <= m.start and m.end <= b for a, b in evidence):
                highlights.append((m.text, "place"))
        places = [dest] if origin is None else [origin, dest]
        highlights += [(p.label(lang), "place") for p in places]
        journeys: tuple[Journey, ...] = ()
        if origin is not None and origin.id != dest.id:
            key = (origin.id, dest.id)
            k = pair_count.get(key, 0)
            pair_count[key] = k + 1
            journeys = (Journey(origin.latlon, dest.latlon, leader, bend=0.2 + 0.08 * k),)
        route = dest.label(lang) if origin is None else f"{origin.label(lang)} → {dest.label(lang)}"
        when = str(_visit_attr(visit, "when_text", "") or "")
        subtitle = f"{route} · {when}" if when else route
        step = StoryStep(
            kind="visit",
            title=f"{leader} → {dest.label(lang)}" if leader else dest.label(lang),
            text=sentence_text,
            highlights=tuple(highlights),
            places=_unique_places(places),
            journeys=journeys,
            subtitle=subtitle,
            # the destination's country, also when the visit is to one of its cities
            countries=(dest.country_code,) if dest.country_code else None,
        )
        first = min((a for a, _ in evidence), default=len(text))
        out.append((first, step))
    return out


def _default_visits(text: str, lang: str, published: Any) -> list[Any]:
    try:
        from mapping.visits import extract_visits
    except ImportError:  # visits module not installed in this build
        return []
    return list(extract_visits(text, lang=lang, published=published))


def _paragraph_title(places: Sequence[Place], lang: str) -> str:
    labels = [p.label(lang) for p in places]
    if len(labels) > 4:
        labels = labels[:4] + ["…"]
    return " · ".join(labels)


def story_steps(
    text: str,
    *,
    lang: str | None = None,
    published: _dt.date | str | None = None,
    mentions: Sequence[Mention] | None = None,
    visits: Sequence[Any] | None = None,
    title: str | None = None,
) -> list[StoryStep]:
    """Cut an article into the steps of a map story, in reading order.

    Parameters
    ----------
    text : str
        The article text.
    lang : {"nb", "nn", "en"} or None
        The article's language (labels, UI); ``None`` detects it.
    published : datetime.date or "YYYY-MM-DD", optional
        The article's date, used to resolve "torsdag" in the visits.
    mentions : list of Mention, optional
        From :func:`mapping.geoparse.geoparse`; computed when not given.
    visits : list of Visit, optional
        From :func:`mapping.visits.extract_visits`; computed when not given.
    title : str, optional
        The title step's heading; default: the article's headline.

    Returns
    -------
    list of StoryStep
        A ``"title"`` step with all the article's places; one ``"paragraph"`` step per
        paragraph that names places (captions and ad markers make no steps), each followed
        by a ``"visit"`` step per visit it reports; a closing ``"overview"`` with every place
        and journey.

    Raises
    ------
    EmptyArticleError
        The text is empty.

    Examples
    --------
    >>> from mapping.article import sample_article
    >>> steps = story_steps(sample_article(), lang="nb", published="2023-11-09")  # doctest: +SKIP
    >>> [s.kind for s in steps][:3]  # doctest: +SKIP
    ['title', 'paragraph', 'visit']
    """
    if not isinstance(text, str):
        raise ArticleError(
            f"story_steps() needs the article as str, not {type(text).__name__}; "
            "use mapping.read_article(path) to read a file"
        )
    if not text.strip():
        raise EmptyArticleError()
    if lang is None:
        from mapping.geoparse import detect_language

        lang = detect_language(text)
    lang = _check_lang(lang)
    if mentions is None:
        from mapping.geoparse import geoparse

        mentions = geoparse(text, lang=lang)
    if visits is None:
        visits = _default_visits(text, lang, published)
    places_ms = _place_mentions(mentions)
    all_places = _unique_places(m.place for m in places_ms if m.place is not None)
    headline, paragraphs = _paragraphs(text)
    forms: dict[str, None] = {}
    for v in visits:
        for f in _leader_forms(str(v.leader or ""), lang):
            forms.setdefault(f, None)
    for f in _known_leader_forms(text, lang):
        forms.setdefault(f, None)
    visit_forms = [(f, "leader") for f in forms]

    keyed: list[tuple[tuple[int, int, int], StoryStep]] = []
    para_spans: list[tuple[int, int]] = []
    for sents in paragraphs:
        start, end = sents[0][0], sents[-1][1]
        para_spans.append((start, end))
        inside = [m for m in places_ms if any(a <= m.start and m.end <= b for a, b in sents)]
        if not inside:
            continue
        places = _unique_places(m.place for m in inside if m.place is not None)
        step = StoryStep(
            kind="paragraph",
            title=_paragraph_title(places, lang),
            text=" ".join(text[a:b] for a, b in sents),
            highlights=tuple([(m.text, "place") for m in inside] + visit_forms),
            places=places,
        )
        keyed.append(((start, 0, 0), step))
    para_sentences = [s for sents in paragraphs for s in sents]
    for first, vstep in _visit_steps(text, visits, mentions, lang, para_sentences, visit_forms):
        para = next((p for p in para_spans if p[0] <= first < p[1] + 1), None)
        key = (para[0], 1, first) if para else (first, 1, first)
        keyed.append((key, vstep))
    keyed.sort(key=lambda kv: kv[0])  # stable: visits of one paragraph keep their order

    all_journeys = tuple(j for _, s in keyed if s.kind == "visit" for j in s.journeys)
    n_visits = sum(1 for _, s in keyed if s.kind == "visit")
    head = title or (text[headline[0] : headline[1]].strip() if headline else _ui(lang, "story"))
    places_txt = (
        _ui(lang, "places_one")
        if len(all_places) == 1
        else _ui(lang, "places_n", n=len(all_places))
    )
    visits_txt = (
        _ui(lang, "visits_zero")
        if n_visits == 0
        else _ui(lang, "visits_one")
        if n_visits == 1
        else _ui(lang, "visits_n", n=n_visits)
    )
    title_step = StoryStep(
        kind="title",
        title=head,
        text=_ui(lang, "summary", places=places_txt, visits=visits_txt),
        places=all_places,
    )
    labels = [p.label(lang) for p in all_places]
    overview_text = _ui(lang, "overview_places", names=_join_names(labels, lang)) if labels else ""
    items = [s.title for _, s in keyed if s.kind == "visit"]
    leaders: dict[str, None] = {}
    for v in visits:
        for form in _leader_forms(str(v.leader or ""), lang):
            leaders.setdefault(form, None)
    if items:
        overview_text += " " + _ui(lang, "overview_visits", items="; ".join(items))
    overview = StoryStep(
        kind="overview",
        title=_ui(lang, "overview"),
        text=overview_text.strip(),
        highlights=tuple([(label, "place") for label in labels] + [(n, "leader") for n in leaders]),
        places=all_places,
        journeys=all_journeys,
    )
    return [title_step, *(s for _, s in keyed), overview]


def landlocked_step(
    *, lang: str = "nb", countries: Sequence[str] = CENTRAL_ASIA, title: str | None = None
) -> StoryStep:
    """A thematic step: the landlocked countries of Central Asia, Uzbekistan doubly so.

    Uses :func:`mapping.landlocked.landlocked_frame` to say which of ``countries`` are
    landlocked and doubly landlocked, and the gazetteer for their names in ``lang``.

    Examples
    --------
    >>> step = landlocked_step(lang="nb")  # doctest: +SKIP
    >>> step.title, step.shaded_countries()  # doctest: +SKIP
    ('Kystløse land i Sentral-Asia', ('KZ', 'KG', 'TJ', 'TM', 'UZ'))
    """
    from mapping.gazetteer import load_gazetteer
    from mapping.landlocked import landlocked_frame

    lang = _check_lang(lang)
    gaz = load_gazetteer()
    frame = landlocked_frame()
    rows = {str(r.iso_a2): r for r in frame.itertuples(index=False) if r.iso_a2}
    places: list[Place] = []
    landlocked: list[str] = []
    doubly: list[str] = []
    for code in countries:
        place = gaz.country(code)
        if place is None:
            continue
        places.append(place)
        row = rows.get(code)
        if row is not None and bool(row.landlocked):
            landlocked.append(place.label(lang))
            if bool(getattr(row, "doubly_landlocked", False)):
                doubly.append(place.label(lang))
    text = _ui(lang, "landlocked_text", names=_join_names(landlocked, lang)) if landlocked else ""
    if doubly:
        key = "doubly_text" if len(doubly) == 1 else "doubly_text_n"
        text += _ui(lang, key, names=_join_names(doubly, lang))
    return StoryStep(
        kind="theme",
        title=title or _ui(lang, "landlocked_title"),
        text=text.strip(),
        highlights=tuple((p.label(lang), "place") for p in places),
        places=tuple(places),
        countries=tuple(p.country_code for p in places if p.country_code),
    )


# --------------------------------------------------------------------------- rendering


@cache
def _asset(rel: str) -> str:
    return (resources.files("mapping") / "assets" / rel).read_text(encoding="utf-8")


def _script_safe(code: str) -> str:
    """Inline JS/CSS: no ``</script`` or ``</style`` can end the element early."""
    return re.sub(r"</(?=(?:script|style))", r"<\\/", code, flags=re.I)


def _css_safe(css: str) -> str:
    # Leaflet's CSS names marker and layer images by relative URL; the story draws none, and a
    # page opened from a USB stick must not ask for files that are not there.
    css = re.sub(r"url\((?!data:)[^)]*\)", "none", css)
    return re.sub(r"</(?=style)", r"<\\/", css, flags=re.I)


def _json_for_html(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


@cache
def _outlines() -> tuple[dict[str, Any], dict[str, Any]]:
    """Country outlines (with ISO codes) and large lakes, 110m, as compact GeoJSON."""
    try:
        from mapping import geometry
    except ImportError:  # geodata module not part of this build: plain background
        empty: dict[str, Any] = {"type": "FeatureCollection", "features": []}
        return empty, empty
    import shapely
    from shapely.geometry import mapping as to_geojson

    grid = 10**-_OUTLINE_DECIMALS

    def feature(geom: Any, props: dict[str, Any]) -> dict[str, Any] | None:
        if geom is None or geom.is_empty:
            return None
        geom = shapely.set_precision(geom, grid)
        if geom.is_empty:
            return None
        return {"type": "Feature", "properties": props, "geometry": _plain(to_geojson(geom))}

    countries = geometry.countries(detail="110m")
    feats = []
    for row in countries.itertuples(index=False):
        code = row.iso_a2 if isinstance(row.iso_a2, str) and row.iso_a2 else ""
        f = feature(row.geometry, {"c": code})
        if f is not None:
            feats.append(f)
    lake_feats = []
    for row in geometry.lakes(detail="110m").itertuples(index=False):
        f = feature(row.geometry, {})
        if f is not None:
            lake_feats.append(f)
    return (
        {"type": "FeatureCollection", "features": feats},
        {"type": "FeatureCollection", "features": lake_feats},
    )


def _plain(obj: Any) -> Any:
    if isinstance(obj, Mapping):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_plain(v) for v in obj]
    if isinstance(obj, float):
        v = round(obj, _OUTLINE_DECIMALS)
        return int(v) if v == int(v) else v
    return obj


def _pt(latlon: tuple[float, float]) -> list[float]:
    return [round(float(latlon[0]), _POINT_DECIMALS), round(float(latlon[1]), _POINT_DECIMALS)]


def _page_data(story: Story) -> dict[str, Any]:
    lang = story.lang
    index: dict[str, int] = {}
    places: list[dict[str, Any]] = []
    steps: list[dict[str, Any]] = []
    for step in story.steps:
        ids = []
        for p in step.places:
            if p.id not in index:
                index[p.id] = len(places)
                places.append(
                    {"id": p.id, "label": p.label(lang), "kind": p.kind, "at": _pt(p.latlon)}
                )
            ids.append(index[p.id])
        bounds = step.map_bounds()
        steps.append(
            {
                "kind": step.kind,
                "title": step.title,
                "subtitle": step.subtitle,
                "segments": [[piece, kind or ""] for piece, kind in step.segments()],
                "places": ids,
                "countries": list(step.shaded_countries()),
                "journeys": [
                    {"label": j.label, "path": [_pt(p) for p in j.path()]} for j in step.journeys
                ],
                "bounds": [_pt(bounds[0]), _pt(bounds[1])] if bounds else None,
            }
        )
    outlines, lakes = _outlines()
    ui = {
        k: v
        for k, v in _UI[lang].items()
        if k in ("next", "prev", "step", "fullscreen", "exit_fullscreen", "keys", "map")
    }
    return {
        "lang": lang,
        "ui": ui,
        "places": places,
        "steps": steps,
        "outlines": outlines,
        "lakes": lakes,
    }


def _fill(template: str, values: Mapping[str, str]) -> str:
    """Replace ``@@NAME@@`` markers in one pass (inserted text is never scanned again)."""

    def sub(m: re.Match[str]) -> str:
        return values[m.group(1)]

    return re.sub(r"@@([A-Z_]+)@@", sub, template)


@dataclass(frozen=True)
class Story:
    """A map story ready to render: its steps, language and title.

    Build it with :func:`story_map`. ``html()`` is deterministic: the same steps give the same
    bytes.

    Examples
    --------
    >>> kz = Place("country:KZ", "Kazakhstan", 51.18, 71.45, "country", "KZ")
    >>> story = Story((StoryStep("title", "Putin i Kasakhstan", places=(kz,)),), lang="nb")
    >>> story.html().startswith("<!DOCTYPE html>")
    True
    """

    steps: tuple[StoryStep, ...]
    lang: str = "nb"
    title: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "steps", tuple(self.steps))
        _check_lang(self.lang)
        if not self.steps:
            raise ValueError("a Story needs at least one step")
        for s in self.steps:
            if not isinstance(s, StoryStep):
                raise TypeError(f"Story steps must be StoryStep, not {type(s).__name__}")

    def html(self) -> str:
        """The whole page as one self-contained HTML string (no network needed)."""
        title = self.title or self.steps[0].title or _ui(self.lang, "story")
        return _fill(
            _asset("story/story.html"),
            {
                "LANG": html.escape(self.lang),
                "TITLE": html.escape(title),
                "LEAFLET_CSS": _css_safe(_asset("vendor/leaflet/leaflet.css")),
                "STORY_CSS": _css_safe(_asset("story/story.css")),
                "LEAFLET_JS": _script_safe(_asset("vendor/leaflet/leaflet.js")),
                "DECORATOR_JS": _script_safe(
                    _asset("vendor/leaflet-polylinedecorator/leaflet.polylineDecorator.js")
                ),
                "STORY_JS": _script_safe(_asset("story/story.js")),
                "DATA": _json_for_html(_page_data(self)),
            },
        )

    def _repr_html_(self) -> str:
        """The page in an ``<iframe srcdoc>`` for JupyterLab (like folium's notebook repr).

        Behind the frame, a line says to trust the notebook: an untrusted notebook shows
        output HTML without frames.
        """
        doc = html.escape(self.html(), quote=True)
        return (
            '<div style="width:100%;height:640px;position:relative;">'
            '<span style="color:#565656">'
            f"{html.escape(_ui(self.lang, 'trust'))}</span>"
            f'<iframe srcdoc="{doc}" title="{html.escape(_ui(self.lang, "story"))}" '
            'style="position:absolute;left:0;top:0;width:100%;height:100%;border:none;" '
            "allowfullscreen webkitallowfullscreen mozallowfullscreen></iframe></div>"
        )

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the page to ``path`` atomically; see :func:`save_story`."""
        return save_story(self, path)


def story_map(
    text_or_steps: str | Iterable[StoryStep],
    *,
    lang: str | None = None,
    published: _dt.date | str | None = None,
    title: str | None = None,
    mentions: Sequence[Mention] | None = None,
    visits: Sequence[Any] | None = None,
) -> Story:
    """Make the map story of an article, or of steps made (and edited) before.

    Parameters
    ----------
    text_or_steps : str or iterable of StoryStep
        The article text (steps from :func:`story_steps`), or the steps themselves.
    lang : {"nb", "nn", "en"} or None
        Language of the labels and buttons; ``None`` detects it from the text.
    published : datetime.date or "YYYY-MM-DD", optional
        The article's date (for the visits' "torsdag").
    title : str, optional
        The page title (and the title step's heading, for a text).
    mentions, visits : optional
        Passed on to :func:`story_steps`.

    Returns
    -------
    Story
        ``story.html()``, ``story.save(path)``; shows itself in JupyterLab.

    Examples
    --------
    >>> from mapping.article import sample_article
    >>> story = story_map(sample_article(), lang="nb")  # doctest: +SKIP
    >>> story.save("story.html")  # doctest: +SKIP
    """
    if isinstance(text_or_steps, str):
        if lang is None:
            from mapping.geoparse import detect_language

            lang = detect_language(text_or_steps) if text_or_steps.strip() else "nb"
        steps = story_steps(
            text_or_steps,
            lang=lang,
            published=published,
            mentions=mentions,
            visits=visits,
            title=title,
        )
    else:
        steps = list(text_or_steps)
        if lang is None:
            from mapping.geoparse import detect_language

            sample = " ".join(s.text for s in steps if isinstance(s, StoryStep))
            lang = detect_language(sample) if sample.strip() else "nb"
    return Story(tuple(steps), lang=_check_lang(lang), title=title or "")


def save_story(story: Story, path: str | os.PathLike[str]) -> Path:
    """Write ``story`` as one self-contained HTML file (atomic; refuses to overwrite inputs).

    Raises
    ------
    ExportError
        The folder does not exist or is not writable, or ``path`` is an article or notebook.

    Examples
    --------
    >>> save_story(story_map(sample_article()), "story.html")  # doctest: +SKIP
    PosixPath('story.html')
    """
    from mapping._io import atomic_write

    if not isinstance(story, Story):
        raise TypeError(
            f"save_story() needs a Story (from story_map()), not {type(story).__name__}"
        )
    return atomic_write(path, story.html().encode("utf-8"))
