"""The exported landlocked maps in a real browser (Debian chromium, every request blocked)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mapping.export import save_html
from mapping.landlocked import landlocked_map

pytestmark = pytest.mark.browser

TILE_HOSTS = ("tile.openstreetmap.org", "basemaps.cartocdn.com")


def _tiles(url: str) -> bool:
    """Online tile requests are expected and blocked: the offline base shows instead."""
    return any(host in url for host in TILE_HOSTS)


def _texts(page: Any, selector: str) -> list[str]:
    return [t.strip() for t in page.locator(selector).all_inner_texts()]


@pytest.fixture(scope="module")
def central_asia_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("landlocked") / "central-asia.html"
    return save_html(landlocked_map("Central Asia", lang="nb"), path)


def test_central_asia_map_opens_offline_with_states_caspian_and_corridors(
    central_asia_html: Path, browser_page: Any
) -> None:
    page, log = browser_page(central_asia_html)
    page.wait_for_selector("path.mapping-doubly-landlocked", state="attached")
    assert log.clean(allow_blocked=_tiles), log.summary()

    # the five states: four landlocked, Uzbekistan in its own doubly landlocked style
    assert page.locator("path.mapping-landlocked").count() == 4
    assert page.locator("path.mapping-doubly-landlocked").count() == 1
    labels = _texts(page, ".mapping-country-label")
    assert sorted(labels) == sorted(
        ["Kasakhstan", "Kirgisistan", "Tadsjikistan", "Turkmenistan", "Usbekistan"]
    )
    neighbours = set(_texts(page, ".mapping-neighbour-label"))
    assert {"Russland", "Kina", "Iran", "Afghanistan", "Pakistan"} <= neighbours

    # the Caspian, drawn and labelled as a lake
    assert page.locator("path.mapping-lake").count() >= 1
    assert _texts(page, ".mapping-lake-label") == ["Kaspihavet – innsjø, ikke hav"]

    # the corridors: four route lines, two corridor labels, the ports they lead to
    assert page.locator("path.mapping-route").count() == 4
    assert sorted(_texts(page, ".mapping-route-label")) == [
        "Gjennom Iran",
        "Transafghansk korridor",
    ]
    assert page.locator("path.mapping-port").count() >= 4

    # legend and title in Bokmål
    legend = page.locator(".mapping-legend").inner_text()
    assert "Dobbelt kystløst land" in legend and "Innsjø, ikke hav" in legend
    assert "Kystløse land – Sentral-Asia" in page.locator(".mapping-title").inner_text()


def test_capital_popup_gives_the_distance_to_the_sea(
    central_asia_html: Path, browser_page: Any
) -> None:
    page, log = browser_page(central_asia_html)
    capitals = page.locator("path.mapping-capital")
    assert capitals.count() == 5
    texts = []
    for i in range(5):
        capitals.nth(i).dispatch_event("click")
        popup = page.locator(".leaflet-popup-content").last  # the one fading out comes first
        popup.wait_for(state="visible")
        texts.append(popup.inner_text())
    assert sorted(t.split("\n")[0].split(" (")[1] for t in texts) == [
        "Kasakhstan)",
        "Kirgisistan)",
        "Tadsjikistan)",
        "Turkmenistan)",
        "Usbekistan)",
    ], texts
    for text in texts:
        assert "Fra hovedstaden til havet:" in text and " km" in text
        assert "Nærmeste store havn:" in text
    assert log.clean(allow_blocked=_tiles), log.summary()


def test_africa_map_in_english_opens_cleanly(tmp_path: Path, browser_page: Any) -> None:
    path = save_html(landlocked_map("Africa", lang="en", tiles=None), tmp_path / "africa.html")
    page, log = browser_page(path)
    assert log.clean(), log.summary()
    labels = set(_texts(page, ".mapping-country-label"))
    assert {"Zambia", "Malawi", "Ethiopia", "Lesotho", "Eswatini"} <= labels
    assert page.locator("path.mapping-route").count() == 0
    assert page.locator("path.mapping-capital").count() == 16
