"""Exported maps opened in headless Debian Chromium with every network request blocked."""

from __future__ import annotations

import re

import pytest

from mapping.article import sample_article
from mapping.export import save_html
from mapping.gazetteer import load_gazetteer
from mapping.geoparse import geoparse
from mapping.maps import article_map, marker_frame, place_css_class
from mapping.model import Mention
from mapping.text import sentence_spans

pytestmark = pytest.mark.browser

TILE_HOSTS = re.compile(r"^https://tile\.openstreetmap\.org/")


@pytest.fixture(scope="module")
def seed():
    text = sample_article()
    mentions = geoparse(text)
    return text, mentions


@pytest.fixture(scope="module")
def seed_html(seed, tmp_path_factory):
    text, mentions = seed
    m = article_map(mentions, text=text, lang="nb", tiles=None, title="Putin på plass i Kasakhstan")
    return save_html(m, tmp_path_factory.mktemp("seed") / "kart.html")


def test_seed_map_opens_offline_without_errors(seed, seed_html, browser_page):
    text, mentions = seed
    page, log = browser_page(seed_html)
    assert log.clean(), log.summary()
    frame = marker_frame(mentions, text=text, lang="nb")
    # one marker per distinct place
    assert page.locator("path.mapping-marker").count() == len(frame)
    for place in frame["place"]:
        assert page.locator(f"path.{place_css_class(place)}").count() == 1, place.id
    # the countries mentioned are shaded
    countries = {p.country_code for p in frame["place"] if p.kind == "country"}
    assert {"KZ", "RU", "UZ", "TR", "IR", "PK"} <= countries
    assert page.locator("path.mapping-country").count() == len(countries)
    # offline base drawn: land outlines in their own pane below the tiles
    assert page.locator(".leaflet-mapping-base-pane path").count() >= 2
    assert page.locator(".leaflet-control-layers").count() == 1
    assert page.locator(".leaflet-control-zoom-fullscreen, .fullscreen-icon").count() >= 1
    assert "Tegnforklaring" in page.locator(".mapping-legend").inner_text()


def test_seed_popup_quotes_the_sentence(seed_html, browser_page):
    kz = load_gazetteer().country("KZ")
    page, log = browser_page(seed_html)
    page.locator(f"path.{place_css_class(kz)}").click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible", timeout=5_000)
    assert popup.locator("h4").inner_text() == "Kasakhstan"
    assert popup.locator("mark").first.inner_text() == "Kasakhstan"
    assert "Vladimir Putin er torsdag på besøk i Kasakhstan." in popup.inner_text()
    assert log.clean(), log.summary()


def test_seed_tooltip_in_article_language(seed, tmp_path, browser_page):
    text, mentions = seed
    kz = load_gazetteer().country("KZ")
    path = save_html(article_map(mentions, text=text, lang="en", tiles=None), tmp_path / "en.html")
    page, log = browser_page(path)
    page.locator(f"path.{place_css_class(kz)}").hover()
    tooltip = page.locator(".leaflet-tooltip").filter(has_text="Kazakhstan")
    tooltip.first.wait_for(state="visible", timeout=5_000)
    assert log.clean(), log.summary()


def test_hostile_article_opens_no_dialog_and_shows_text_literally(tmp_path, browser_page):
    hostile = "<script>alert(1)</script> <img src=x onerror=alert(1)> `backtick` ${alert(2)}"
    text = f"Putin er i Kasakhstan. {hostile} skjer i Kasakhstan. Folk i {hostile}land venter."
    spans = sentence_spans(text)
    kz = load_gazetteer().country("KZ")
    mentions = []
    for m in re.finditer("Kasakhstan", text):
        sentence = next(s for s in spans if s[0] <= m.start() < s[1])
        mentions.append(Mention("Kasakhstan", m.start(), m.end(), kz, sentence=sentence))
    start = text.index(hostile + "land")
    mentions.append(Mention(hostile + "land", start, start + len(hostile) + 4, None))
    m = article_map(mentions, text=text, lang="nb", tiles=None, title=hostile)
    page, log = browser_page(save_html(m, tmp_path / "xss.html"))
    page.locator(f"path.{place_css_class(kz)}").click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible", timeout=5_000)
    page.wait_for_timeout(200)  # give an injected onerror handler the chance to run
    assert log.dialogs == [], log.summary()
    assert log.clean(), log.summary()
    assert hostile in popup.inner_text()
    assert popup.locator("img, script").count() == 0
    assert hostile + "land" in page.locator(".mapping-unresolved").inner_text()
    assert hostile in page.locator(".mapping-title").inner_text()
    assert page.title() == hostile


def test_online_tiles_are_the_only_requests(seed, tmp_path, browser_page):
    text, mentions = seed
    m = article_map(mentions, text=text, lang="nb")  # default: OpenStreetMap tiles shown
    page, log = browser_page(save_html(m, tmp_path / "tiles.html"))
    page.wait_for_timeout(300)
    assert log.blocked_requests, "the tile layer should try to load tiles"
    assert all(TILE_HOSTS.match(url) for url in log.blocked_requests), log.summary()
    assert log.page_errors == [] and log.dialogs == []
    assert log.clean(allow_blocked=TILE_HOSTS.match), log.summary()
    # with tiles unreachable the offline base is still drawn underneath
    assert page.locator(".leaflet-mapping-base-pane path").count() >= 2


def test_notebook_display_draws_without_network(seed, tmp_path, browser_page):
    """What JupyterLab shows for a map cell: the iframe works with the network blocked."""
    text, mentions = seed
    m = article_map(mentions, text=text, lang="nb", tiles=None)
    page_path = tmp_path / "notebook-output.html"
    page_path.write_text(f"<!DOCTYPE html><html><body>{m._repr_html_()}</body></html>")
    page, log = browser_page(page_path, wait_for="iframe")
    frame = page.frame_locator("iframe")
    expected = len(marker_frame(mentions, text=text, lang="nb"))
    frame.locator("path.mapping-marker").first.wait_for(state="attached", timeout=10_000)
    assert frame.locator("path.mapping-marker").count() == expected
    assert log.clean(), log.summary()
