"""Tests of mapping.journeys: journeys drawn as curved lines with arrowheads."""

from __future__ import annotations

import math
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from mapping.article import sample_article
from mapping.export import CHROMIUM_ARGS, render_html, save_html
from mapping.journeys import add_visits, journey_points, visits_map
from mapping.model import Place
from mapping.visits import Visit, extract_visits, visits_frame

CHROMIUM = "/usr/bin/chromium"
ARGS = list(CHROMIUM_ARGS)

MOSCOW = Place("geonames:524901", "Moscow", 55.75222, 37.61556, "city", "RU")
KZ = Place(
    "country:KZ", "Kazakhstan", 51.1801, 71.44598, "country", "KZ",
    labels=(("nb", "Kasakhstan"), ("en", "Kazakhstan")),
)  # fmt: skip
XSS = "<script>alert(1)</script> <img src=x onerror=alert(2)> `${alert(3)}`"


@pytest.fixture(scope="module")
def seed_visits() -> list[Visit]:
    return extract_visits(sample_article(), lang="nb", published="2023-11-09")


def _gc_distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * math.asin(math.sqrt(h))


def test_journey_is_the_great_circle_without_bend():
    pts = journey_points((0.0, 0.0), (0.0, 90.0), bend=0.0, n=4)
    assert pts[0] == (0.0, 0.0) and pts[-1] == (0.0, 90.0)
    assert pts[2] == pytest.approx((0.0, 45.0), abs=1e-3)
    # a high-latitude great circle bulges poleward of the straight lat/lon line
    mid = journey_points((60.0, 0.0), (60.0, 90.0), bend=0.0, n=2)[1]
    assert mid[0] > 65


def test_journey_bend_moves_the_middle_sideways_both_ways():
    a, b = (55.75, 37.62), (51.18, 71.45)
    straight = journey_points(a, b, bend=0.0, n=2)[1]
    left = journey_points(a, b, bend=0.2, n=2)[1]
    right = journey_points(a, b, bend=-0.2, n=2)[1]
    assert _gc_distance(straight, left) > 0.01
    assert _gc_distance(straight, right) > 0.01
    assert (left[0] - straight[0]) * (right[0] - straight[0]) < 0  # opposite sides


def test_journey_across_the_antimeridian_takes_the_short_way():
    pts = journey_points((35.0, 170.0), (40.0, -170.0), bend=0.1)
    lons = [lon for _, lon in pts]
    assert all(abs(b - a) < 5 for a, b in zip(lons, lons[1:], strict=False))
    assert lons[-1] == pytest.approx(190.0)


def test_seed_map_has_five_journeys_and_a_legend(seed_visits):
    page = render_html(visits_map(seed_visits, lang="nb", tiles=None))
    assert page.count('"className": "mapping-journey"') == 5
    assert page.count("mapping-arrow") >= 5
    assert "Ledere på reise" in page or "Ledere p\\u00e5 reise" in page  # legend in nb
    for name in ("Vladimir Putin", "Recep Tayyip Erdogan", "Ebrahim Raisi", "Emmanuel Macron"):
        assert name in page
    assert "Kasakhstan" in page  # place names in Norwegian


def test_map_accepts_the_edited_frame(seed_visits):
    df = visits_frame(seed_visits, lang="nb")
    df = df[~df["leader"].str.contains("Macron")]
    page = render_html(visits_map(df, lang="nb", tiles=None))
    assert page.count('"className": "mapping-journey"') == 4
    assert "Emmanuel Macron" not in page


def test_popups_escape_article_text():
    v = Visit(
        "Putin", "president", "RU", "current", MOSCOW, KZ, XSS, None, ((0, 10),), 0.9,
        quotes=(XSS,),
    )  # fmt: skip
    page = render_html(visits_map([v], lang="en", tiles=None))
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    assert "`${alert(3)}`" not in page
    # shown as text: HTML-escaped (and JSON-escaped inside the script)
    assert "&lt;script&gt;alert(1)" in page or "\\u0026lt;script\\u0026gt;alert(1)" in page


def test_add_visits_to_an_existing_map_and_bad_input(seed_visits):
    import folium

    m = folium.Map(tiles=None)
    groups = add_visits(m, seed_visits, lang="en")
    assert len(groups) == 5
    with pytest.raises(TypeError, match="Visit"):
        add_visits(m, ["Putin"], lang="en")  # type: ignore[list-item]
    with pytest.raises(ValueError, match="lang"):
        add_visits(m, seed_visits, lang="de")


def test_time_slider_only_with_two_dates(seed_visits):
    page = render_html(visits_map(seed_visits, lang="nb", tiles=None))
    assert page.count("mapping-timeslider") >= 1
    assert '["2023-11-06", "2023-11-09"]' in page
    undated = [replace(v, date=None) for v in seed_visits]
    assert "mapping-timeslider" not in render_html(visits_map(undated, lang="nb", tiles=None))


def test_empty_visits_give_a_plain_map():
    page = render_html(visits_map([], lang="en", tiles=None))
    assert "mapping-journey" not in page
    assert "Leaders travelling" not in page  # no legend without leaders


def test_export_is_deterministic(seed_visits, tmp_path):
    a = save_html(visits_map(seed_visits, lang="nb", tiles=None), tmp_path / "a.html")
    b = save_html(visits_map(visits_frame(seed_visits), lang="nb", tiles=None), tmp_path / "b.html")
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.browser
def test_seed_visits_map_in_a_real_browser(seed_visits, tmp_path):
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (never download a browser)")
    from playwright.sync_api import sync_playwright

    path = save_html(
        visits_map(seed_visits, lang="nb", tiles=None, title="Putin på plass i Kasakhstan"),
        tmp_path / "visits.html",
    )
    errors: list[str] = []
    blocked: list[str] = []
    dialogs: list[str] = []

    def route(r):
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.route("**/*", route)
            page.goto(path.as_uri())
            page.wait_for_selector("path.mapping-journey", state="attached", timeout=10000)
            assert page.locator("path.mapping-journey").count() == 5
            assert page.locator(".mapping-arrow").count() == 5
            assert page.locator(".mapping-legend .mapping-legend-item").count() == 5
            # the popup quotes the evidence sentence
            page.locator("path.mapping-visit-destination").first.click(force=True)
            page.wait_for_selector(".leaflet-popup-content blockquote", timeout=5000)
            popup = page.locator(".leaflet-popup-content").inner_text()
            assert "Kasakhstan" in popup
            # the time slider: up to Monday 6 November hides Putin (Thursday 9 November)
            slider = page.locator(".mapping-timeslider input")
            slider.fill("0")
            assert page.locator("path.mapping-journey").count() == 4
            assert "2023-11-06" in page.locator(".mapping-timeslider").inner_text()
            slider.fill("2")
            assert page.locator("path.mapping-journey").count() == 5
        finally:
            browser.close()
    assert errors == []
    assert blocked == []
    assert dialogs == []
