"""Tests for mapping.story: the steps of a map story and its self-contained HTML page."""

from __future__ import annotations

import dataclasses
import html
import json
import re
from functools import cache

import pytest

from mapping.article import sample_article
from mapping.errors import ArticleError, EmptyArticleError, ExportError
from mapping.model import Mention, Place
from mapping.story import (
    Journey,
    Story,
    StoryStep,
    highlight_segments,
    landlocked_step,
    save_story,
    story_map,
    story_steps,
)

PUBLISHED = "2023-11-09"  # the sample article's date (NTB, a Thursday)

KZ = Place(
    "country:KZ", "Kazakhstan", 51.18, 71.45, "country", "KZ", labels=(("nb", "Kasakhstan"),)
)
RU = Place("country:RU", "Russia", 55.75, 37.62, "country", "RU", labels=(("nb", "Russland"),))
UZ = Place(
    "country:UZ", "Uzbekistan", 41.26, 69.22, "country", "UZ", labels=(("nb", "Usbekistan"),)
)
MOSCOW = Place("geonames:524901", "Moscow", 55.75, 37.62, "city", "RU", labels=(("nb", "Moskva"),))


@cache
def seed_steps() -> tuple[StoryStep, ...]:
    return tuple(story_steps(sample_article(), lang="nb", published=PUBLISHED))


@cache
def seed_visits() -> tuple:
    from mapping.visits import extract_visits

    return tuple(extract_visits(sample_article(), lang="nb", published=PUBLISHED))


def labels(step: StoryStep) -> set[str]:
    return {p.label("nb") for p in step.places}


def mentions_in(text: str, names: dict[str, Place]) -> list[Mention]:
    """Mentions of every whole-word occurrence of the given names (built by hand)."""
    out = []
    for name, place in names.items():
        for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
            out.append(Mention(name, m.start(), m.end(), place))
    return sorted(out, key=lambda m: m.start)


# --------------------------------------------------------------------------- the seed article


def test_seed_story_has_title_paragraph_visit_and_overview_steps():
    steps = seed_steps()
    kinds = [s.kind for s in steps]
    assert kinds[0] == "title" and kinds[-1] == "overview"
    assert kinds.count("title") == 1 and kinds.count("overview") == 1
    assert set(kinds[1:-1]) == {"paragraph", "visit"}
    assert steps[0].title == "Putin på plass i Kasakhstan – flere ledere besøker regionen"
    # the title and overview steps show every place the article names
    everything = {
        "Kasakhstan",
        "Russland",
        "Sentral-Asia",
        "Usbekistan",
        "Iran",
        "Ukraina",
        "Kina",
        "Frankrike",
        "USA",
        "Pakistan",
        "Gaza",
    }
    assert everything <= labels(steps[0])
    assert labels(steps[0]) == labels(steps[-1])


def test_seed_paragraph_steps_name_their_places():
    paragraphs = [s for s in seed_steps() if s.kind == "paragraph"]
    # one step per paragraph that names a place; the two paragraphs without a place
    # ("Likevel snakket Putin ..." and "– Vårt strategiske partnerskap ...") make none
    expected = [
        (
            "Russlands president Vladimir Putin",
            {"Russland", "Kasakhstan", "Tyrkia", "Iran", "Sentral-Asia"},
        ),
        ("De tidligere sovjetrepublikkene", {"Russland", "Ukraina"}),
        ("Russland har tradisjonelt sett", {"Russland", "Sentral-Asia"}),
        ("Kina har også vokst fram", {"Kina", "Frankrike", "Kasakhstan", "EU", "USA"}),
        ("Det har også Tyrkia og Iran", {"Iran", "Usbekistan", "Pakistan"}),
        ("Krigen i Gaza", {"Gaza"}),
    ]
    assert len(paragraphs) == len(expected)
    for step, (opening, places) in zip(paragraphs, expected, strict=True):
        assert step.text.startswith(opening), step.text
        assert places <= labels(step), (opening, labels(step))
    assert "Likevel snakket Putin" not in " ".join(s.text for s in paragraphs)


def test_seed_captions_and_ad_markers_make_no_steps():
    text = sample_article()
    for step in seed_steps():
        assert "Foto:" not in step.text
        assert "Artikkelen fortsetter under annonsen" not in step.text
        assert "Video:" not in step.text
    # the photo caption (printed twice) opens with this sentence; the paragraph after it
    # says the same with other words, so no step may start with the caption
    caption = "Vladimir Putin er torsdag på besøk i Kasakhstan."
    assert text.count(caption) == 2
    assert not any(s.text.startswith(caption) for s in seed_steps() if s.kind == "paragraph")


def test_seed_story_has_a_step_per_visit_after_its_paragraph():
    steps = seed_steps()
    visits = seed_visits()
    visit_steps = [s for s in steps if s.kind == "visit"]
    assert len(visit_steps) == len(visits) >= 5
    for v in visits:
        [step] = [s for s in visit_steps if s.title.startswith(v.leader)]
        assert step.places[-1] == v.destination
        assert step.places[0] == v.origin
        [journey] = step.journeys
        assert journey.origin == v.origin.latlon and journey.destination == v.destination.latlon
        if v.leader in ("Vladimir Putin", "Emmanuel Macron"):  # named in their evidence
            assert any(kind == "leader" for _, kind in step.segments())
    by_leader = {s.title.split(" → ")[0]: steps.index(s) for s in visit_steps}
    first_para = next(i for i, s in enumerate(steps) if s.kind == "paragraph")
    china_para = next(i for i, s in enumerate(steps) if s.text.startswith("Kina har også"))
    # Putin's visit is reported in the first paragraph, Macron's in the one about China
    assert by_leader["Vladimir Putin"] == first_para + 1
    assert by_leader["Emmanuel Macron"] == china_para + 1
    destinations = {s.title.split(" → ")[0]: s.places[-1].country_code for s in visit_steps}
    assert destinations["Vladimir Putin"] == "KZ"
    assert destinations["Emmanuel Macron"] == "KZ"
    assert destinations["Recep Tayyip Erdogan"] == "UZ"
    assert destinations["Ebrahim Raisi"] == "UZ"


def test_seed_overview_draws_every_journey_and_highlights_leaders():
    steps = seed_steps()
    overview = steps[-1]
    journeys = [j for s in steps if s.kind == "visit" for j in s.journeys]
    assert overview.journeys == tuple(journeys)
    marked = {piece for piece, kind in overview.segments() if kind == "leader"}
    assert {"Vladimir Putin", "Emmanuel Macron"} <= marked


def test_seed_step_bounds_contain_their_places():
    for step in seed_steps():
        (s, w), (n, e) = step.map_bounds()
        for p in step.places:
            assert s <= p.lat <= n and w <= p.lon <= e, (step.title, p)


# --------------------------------------------------------------------------- steps from parts


ARTICLE = (
    "Putin besøker Kasakhstan\n\n"
    "Putin er i Kasakhstan. Foto: AP / NTB\n"
    "Artikkelen fortsetter under annonsen\n\n"
    "Russlands president Vladimir Putin kom torsdag til Kasakhstan, der Kassym-Jomart Tokajev "
    "tok imot.\n\n"
    "Han snakket om været.\n\n"
    "Neste uke reiser han videre til Usbekistan. Der venter flere møter.\n"
)


def small_story(**kw) -> list[StoryStep]:
    from mapping.visits import Visit

    names = {"Kasakhstan": KZ, "Russlands": RU, "Usbekistan": UZ}
    start = ARTICLE.index("Russlands president")
    end = ARTICLE.index("\n", start)
    visit = Visit(
        "Vladimir Putin",
        "president",
        "RU",
        "current",
        MOSCOW,
        KZ,
        "torsdag",
        None,
        ((start, end),),
        0.9,
    )
    return story_steps(
        ARTICLE, lang="nb", mentions=mentions_in(ARTICLE, names), visits=[visit], **kw
    )


def test_steps_from_given_mentions_and_visits():
    steps = small_story()
    assert [s.kind for s in steps] == ["title", "paragraph", "visit", "paragraph", "overview"]
    title, para, visit, para2, overview = steps
    assert title.title == "Putin besøker Kasakhstan"
    assert para.text == (
        "Russlands president Vladimir Putin kom torsdag til Kasakhstan, der Kassym-Jomart "
        "Tokajev tok imot."
    )
    assert labels(para) == {"Russland", "Kasakhstan"}
    assert visit.title == "Vladimir Putin → Kasakhstan"
    assert visit.subtitle == "Moskva → Kasakhstan · torsdag"
    assert labels(visit) == {"Moskva", "Kasakhstan"}
    assert para2.text == "Neste uke reiser han videre til Usbekistan. Der venter flere møter."
    assert labels(para2) == {"Usbekistan"}
    assert labels(overview) == {"Kasakhstan", "Russland", "Usbekistan"}
    assert "Moskva" not in labels(title)  # a visit's origin is not a place the article names
    assert overview.journeys == visit.journeys
    assert "3 steder" in title.text and "ett besøk" in title.text


def test_title_argument_and_highlights_of_a_paragraph():
    steps = small_story(title="Min tittel")
    assert steps[0].title == "Min tittel"
    assert ("Kasakhstan", "place") in steps[1].segments()
    assert ("Vladimir Putin", "leader") in steps[1].segments()
    # the host makes no visit, but the leaders table knows him
    assert ("Kassym-Jomart Tokajev", "leader") in steps[1].segments()


def test_article_without_places_has_title_and_overview_only():
    steps = story_steps("Det regner.\n\nHan snakket om været.\n", lang="nb", mentions=[], visits=[])
    assert [s.kind for s in steps] == ["title", "overview"]
    assert steps[0].map_bounds() is None
    assert "ingen besøk" in steps[0].text


@pytest.mark.parametrize("bad", ["", "   \n\n "])
def test_empty_article_is_a_typed_error(bad):
    with pytest.raises(EmptyArticleError):
        story_steps(bad, lang="nb", mentions=[], visits=[])


def test_bad_input_gives_typed_errors():
    with pytest.raises(ArticleError):
        story_steps(b"Putin i Kasakhstan", lang="nb")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="lang"):
        story_steps("Putin i Kasakhstan.", lang="de", mentions=[], visits=[])
    with pytest.raises(ValueError, match="kind"):
        StoryStep("slide", "x")
    with pytest.raises(ValueError, match="at least one step"):
        Story(())
    with pytest.raises(TypeError):
        Story(("not a step",))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        save_story("<html></html>", "x.html")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- small pure parts


def test_highlight_segments_whole_words_longest_first():
    text = "Sentral-Asia og Asia, ikke Asiatisk. Iran (Irans) a.b axb."
    segs = highlight_segments(
        text, [("Asia", "place"), ("Sentral-Asia", "place"), ("Iran", "leader"), ("a.b", "place")]
    )
    assert "".join(p for p, _ in segs) == text
    marked = [(p, k) for p, k in segs if k]
    # not "Asiatisk" or "Irans" (no whole word), and "a.b" is literal, not a pattern
    assert marked == [
        ("Sentral-Asia", "place"),
        ("Asia", "place"),
        ("Iran", "leader"),
        ("a.b", "place"),
    ]
    assert highlight_segments("", [("a", "place")]) == []
    assert highlight_segments("abc", []) == [("abc", None)]


def test_journey_path_curves_between_its_ends():
    j = Journey((0.0, 0.0), (0.0, 10.0), "x", bend=0.2)
    path = j.path(points=10)
    assert path[0] == (0.0, 0.0) and path[-1] == (0.0, 10.0)
    assert len(path) == 11
    assert max(lat for lat, _ in path) == pytest.approx(1.0)  # bulges left of the route
    straight = Journey((0.0, 0.0), (0.0, 10.0), bend=0.0).path(points=4)
    assert all(lat == 0 for lat, _ in straight)
    # across the antimeridian: the short way, with longitudes continuing past 180
    wrap = Journey((60.0, 170.0), (60.0, -170.0), bend=0.0).path(points=4)
    assert [lon for _, lon in wrap] == [170.0, 175.0, 180.0, 185.0, 190.0]


def test_bounds_have_a_minimum_size_and_can_be_set():
    one = StoryStep("paragraph", "Kasakhstan", places=(KZ,))
    (s, w), (n, e) = one.map_bounds()
    assert n - s == pytest.approx(3.0) and e - w == pytest.approx(3.0)
    fixed = dataclasses.replace(one, bounds=((0.0, 0.0), (1.0, 1.0)))
    assert fixed.map_bounds() == ((0.0, 0.0), (1.0, 1.0))
    assert StoryStep("title", "x").map_bounds() is None


def test_shaded_countries_from_places_and_small_regions():
    central = Place(
        "curated:central-asia",
        "Central Asia",
        43.0,
        63.0,
        "region",
        members=("KZ", "KG", "TJ", "TM", "UZ"),
    )
    eu = Place(
        "curated:european-union",
        "European Union",
        50.8,
        4.4,
        "union",
        members=tuple(f"C{i}" for i in range(27)),
    )
    step = StoryStep("paragraph", "x", places=(RU, central, eu, MOSCOW))
    assert step.shaded_countries() == ("RU", "KZ", "KG", "TJ", "TM", "UZ")
    assert dataclasses.replace(step, countries=("NO",)).shaded_countries() == ("NO",)


def test_landlocked_step_names_central_asia_and_doubly_landlocked_uzbekistan():
    step = landlocked_step(lang="nb")
    assert step.kind == "theme"
    assert set(step.shaded_countries()) == {"KZ", "KG", "TJ", "TM", "UZ"}
    assert "Usbekistan er dobbelt kystløst" in step.text
    assert ("Kasakhstan", "place") in step.segments()
    en = landlocked_step(lang="en")
    assert "Uzbekistan is doubly landlocked" in en.text


# --------------------------------------------------------------------------- the page


def page_data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="story-data">(.*?)</script>', page, re.S)
    assert m, "no data block"
    return json.loads(m.group(1))


def test_html_is_self_contained_and_carries_the_steps():
    steps = small_story()
    page = story_map(steps, lang="nb").html()
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="nb">' in page
    # no external resource: no src/href to another host, no CSS url() to a file
    assert "<link" not in page and "<iframe" not in page
    assert not re.search(r'\bsrc\s*=\s*["\']?(?:https?:)?//', page)
    styles = "".join(re.findall(r"<style>(.*?)</style>", page, re.S))
    assert ".leaflet-container" in styles and ".story-panel" in styles
    assert not re.search(r"url\((?!data:)", styles)
    data = page_data(page)
    assert [s["kind"] for s in data["steps"]] == [s.kind for s in steps]
    assert [s["title"] for s in data["steps"]] == [s.title for s in steps]
    assert data["ui"]["next"] == "Neste" and data["ui"]["prev"] == "Forrige"
    visit = data["steps"][2]
    assert len(visit["journeys"]) == 1
    assert visit["journeys"][0]["path"][0] == [MOSCOW.lat, MOSCOW.lon]
    assert {data["places"][i]["label"] for i in visit["places"]} == {"Moskva", "Kasakhstan"}
    assert "".join(seg[0] for seg in data["steps"][1]["segments"]) == steps[1].text
    codes = {f["properties"]["c"] for f in data["outlines"]["features"]}
    assert {"KZ", "UZ", "NO"} <= codes


def test_ui_labels_follow_the_language():
    steps = small_story()
    assert page_data(story_map(steps, lang="nn").html())["ui"]["prev"] == "Førre"
    en = story_map(steps, lang="en").html()
    assert page_data(en)["ui"]["prev"] == "Previous"
    assert '<html lang="en">' in en


def test_html_is_deterministic(tmp_path):
    a = story_map(small_story(), lang="nb")
    b = story_map(small_story(), lang="nb")
    assert a.html() == b.html()
    p1 = save_story(a, tmp_path / "a.html")
    p2 = a.save(tmp_path / "b.html")
    assert p1.read_bytes() == p2.read_bytes() == a.html().encode("utf-8")


XSS = (
    "Angrep </script><script>alert(1)</script> i Kasakhstan\n\n"
    'Kasakhstan <img src=x onerror=alert(2)> og `${alert(3)}` & "quotes" </style> <!--\n'
)


def xss_story() -> Story:
    return story_map(XSS, lang="nb", mentions=mentions_in(XSS, {"Kasakhstan": KZ}), visits=[])


def test_article_text_is_escaped_in_the_page():
    page = xss_story().html()
    # data block, Leaflet, decorator, story: none from the article
    assert page.count("<script") == 4
    assert "alert(1)</script>" not in page
    assert "<img src=x" not in page
    data = page_data(page)
    texts = [seg[0] for s in data["steps"] for seg in s["segments"]]
    assert any("<img src=x onerror=alert(2)>" in t for t in texts)  # kept, as text
    assert data["steps"][0]["title"].startswith("Angrep </script><script>")
    assert "<title>Angrep &lt;/script&gt;&lt;script&gt;alert(1)" in page


def test_repr_html_is_an_iframe_with_the_escaped_page():
    story = xss_story()
    rep = story._repr_html_()
    assert rep.startswith("<div") and "<iframe srcdoc=" in rep
    assert "<script" not in rep  # the whole page is escaped into the attribute
    srcdoc = re.search(r'srcdoc="([^"]*)"', rep).group(1)
    assert html.unescape(srcdoc) == story.html()
    assert "allowfullscreen" in rep


def test_save_refuses_inputs_and_missing_folders(tmp_path):
    story = story_map(small_story(), lang="nb")
    article = tmp_path / "article.txt"
    article.write_text("Putin i Kasakhstan.", encoding="utf-8")
    with pytest.raises(ExportError):
        save_story(story, article)
    assert article.read_text(encoding="utf-8") == "Putin i Kasakhstan."
    with pytest.raises(ExportError):
        save_story(story, tmp_path / "missing" / "story.html")


def test_edited_steps_are_rendered_as_edited():
    steps = small_story()
    edited = [steps[0], dataclasses.replace(steps[3], text="Usbekistan er neste stopp."), steps[-1]]
    story = story_map(edited, title="Redigert")
    assert story.lang == "nb"
    data = page_data(story.html())
    assert [s["kind"] for s in data["steps"]] == ["title", "paragraph", "overview"]
    assert data["steps"][1]["segments"][0] == ["Usbekistan", "place"]
    assert "<title>Redigert</title>" in story.html()


def test_story_map_of_the_seed_article_has_the_seed_steps():
    story = story_map(sample_article(), lang="nb", published=PUBLISHED)
    assert story.steps == seed_steps()
    assert story.lang == "nb"
