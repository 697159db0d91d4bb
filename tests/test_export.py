"""Tests of mapping.export: offline inlining, determinism, atomic and safe writes."""

from __future__ import annotations

import hashlib
import json
import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import folium
import folium.plugins
import pytest

from mapping.errors import BrowserNotFoundError, ExportError
from mapping.export import find_chromium, render_html, save_html, save_png, vendored_assets
from mapping.gazetteer import load_gazetteer
from mapping.maps import HtmlPopup, article_map, base_map, popup_html
from mapping.model import Mention

TEXT = "Putin er i Kasakhstan. Krigen i Gaza fortsetter."

BUILD = """
from mapping.gazetteer import load_gazetteer
from mapping.maps import article_map
from mapping.model import Mention
from mapping.export import render_html
gaz = load_gazetteer()
text = {text!r}
ms = [Mention("Kasakhstan", 11, 21, gaz.country("KZ"), sentence=(0, 22)),
      Mention("Gaza", 32, 36, gaz.lookup("Gaza")[0], sentence=(23, 48))]
m = article_map(ms, text=text, lang="nb", tiles=None, title="T")
"""


def _map(**kwargs) -> folium.Map:
    gaz = load_gazetteer()
    ms = [
        Mention("Kasakhstan", 11, 21, gaz.country("KZ"), sentence=(0, 22)),
        Mention("Gaza", 32, 36, gaz.lookup("Gaza")[0], sentence=(23, 48)),
    ]
    return article_map(ms, text=TEXT, lang="nb", tiles=None, title="T", **kwargs)


def _external_refs(page: str) -> list[str]:
    """src/href attributes of script, link and img tags that point off the page."""
    return re.findall(r"<(?:script|link|img)[^>]*(?:src|href)=[\"']?(?!data:)([^\"' >]+)", page)


def test_offline_page_has_no_external_assets():
    page = render_html(_map())
    assert _external_refs(page) == []
    assert "<link" not in page
    assert "L.version" in page or "Leaflet" in page  # Leaflet inlined
    assert "fullscreen" in page.lower()
    # The layer-control icon is inlined as a data URI, not requested from images/.
    assert "url(images/" not in page and "data:image/png;base64" in page
    assert "bootstrap" not in page.lower()


def test_online_export_keeps_cdn_links():
    page = render_html(_map(), offline=False)
    assert any("cdn.jsdelivr.net/npm/leaflet@" in ref for ref in _external_refs(page))


def test_folium_popup_and_marker_pull_in_jquery_and_icons_only_when_used():
    plain = render_html(base_map(tiles=None, offline_base=False))
    assert "jQuery" not in plain and "L.Icon.Default.imagePath" not in plain
    m = base_map(tiles=None, offline_base=False)
    folium.Marker((51.18, 71.45), popup=folium.Popup("Astana")).add_to(m)
    page = render_html(m)
    assert "jQuery" in page  # folium.Popup builds its content with $()
    assert "L.Icon.Default.imagePath" in page and _external_refs(page) == []


def test_our_popup_needs_no_jquery():
    m = base_map(tiles=None, offline_base=False)
    marker = folium.CircleMarker((51.18, 71.45)).add_to(m)
    HtmlPopup(popup_html("Astana")).add_to(marker)
    assert "jQuery" not in render_html(m)


def test_asset_without_vendored_copy_is_a_clear_error():
    m = base_map(tiles=None, offline_base=False)
    folium.plugins.MiniMap().add_to(m)
    with pytest.raises(ExportError, match="no offline copy"):
        render_html(m)


def test_manifest_lists_pinned_packages_with_licences():
    packages = {p["package"]: p for p in vendored_assets()}
    assert packages["leaflet"]["version"] == "1.9.4"
    assert packages["leaflet"]["license"] == "BSD-2-Clause"
    vendor = Path(__file__).parents[1] / "src" / "mapping" / "assets" / "vendor"
    for package in packages.values():
        assert any("LICEN" in name.upper() for name in package["files"])
        for name, digest in package["files"].items():
            data = (vendor / package["package"] / name).read_bytes()
            assert hashlib.sha256(data).hexdigest() == digest, name


def test_same_map_saved_twice_gives_identical_bytes(tmp_path):
    m = _map()
    first = save_html(m, tmp_path / "a.html").read_bytes()
    second = save_html(m, tmp_path / "b.html").read_bytes()
    assert first == second
    # an independently built map of the same input is identical too
    assert save_html(_map(), tmp_path / "c.html").read_bytes() == first
    assert re.search(rb"[0-9a-f]{32}", first)  # ids exist, and they are stable
    assert b"map_00000000000000000000000000000001" in first


def test_identical_across_processes():
    """Another interpreter with another hash seed renders the same bytes."""
    code = BUILD.format(text=TEXT) + "import sys; sys.stdout.write(render_html(m))"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    ).stdout
    assert out == render_html(_map())


def test_displaying_before_saving_does_not_change_the_file(tmp_path):
    m = _map()
    before = save_html(m, tmp_path / "a.html").read_bytes()
    m._repr_html_()  # what a notebook does when it shows the map
    m.get_root().render()
    assert save_html(m, tmp_path / "b.html").read_bytes() == before


def test_refuses_to_overwrite_the_article(tmp_path):
    article = tmp_path / "artikkel.txt"
    article.write_text(TEXT, encoding="utf-8")
    with pytest.raises(ExportError, match="article"):
        save_html(_map(), article)
    assert article.read_text(encoding="utf-8") == TEXT


def test_refuses_to_overwrite_a_non_html_file(tmp_path):
    target = tmp_path / "notes"
    target.write_bytes(b"important notes")
    with pytest.raises(ExportError, match="not a HTML file"):
        save_html(_map(), target)
    assert target.read_bytes() == b"important notes"


def test_overwrites_an_older_map_and_leaves_no_temp_files(tmp_path):
    target = tmp_path / "map.html"
    target.write_text("<!DOCTYPE html><html>old</html>", encoding="utf-8")
    save_html(_map(), target)
    assert "Kasakhstan" in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]


def test_missing_folder_and_folder_target_are_clear_errors(tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        save_html(_map(), tmp_path / "nope" / "map.html")
    with pytest.raises(ExportError, match="folder"):
        save_html(_map(), tmp_path)


def test_failed_render_leaves_the_old_file(tmp_path):
    target = tmp_path / "map.html"
    target.write_text("<!DOCTYPE html><html>old</html>", encoding="utf-8")
    m = base_map(tiles=None, offline_base=False)
    folium.plugins.MiniMap().add_to(m)
    with pytest.raises(ExportError):
        save_html(m, target)
    assert target.read_text(encoding="utf-8") == "<!DOCTYPE html><html>old</html>"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]


def test_not_a_map_is_a_type_error(tmp_path):
    with pytest.raises(TypeError, match="folium.Map"):
        save_html("<html></html>", tmp_path / "x.html")


def test_chromium_env_pointing_nowhere_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("MAPPING_CHROMIUM", str(tmp_path / "no-such-browser"))
    with pytest.raises(BrowserNotFoundError, match="MAPPING_CHROMIUM"):
        find_chromium()
    with pytest.raises(BrowserNotFoundError):
        save_png(_map(), tmp_path / "map.png")
    assert not (tmp_path / "map.png").exists()


def test_save_png_refuses_article_and_bad_size(tmp_path):
    with pytest.raises(ExportError, match="article"):
        save_png(_map(), tmp_path / "artikkel.txt")
    with pytest.raises(ValueError, match="pixels"):
        save_png(_map(), tmp_path / "x.png", width=10)


@pytest.mark.browser
def test_save_png_writes_a_png_of_the_requested_size(tmp_path, browser):
    path = save_png(_map(), tmp_path / "map.png", width=640, height=400)
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (640, 400)
    assert len(data) > 10_000  # a drawn map, not a blank page
    json.dumps(str(path))  # the path is returned usable


@pytest.mark.browser
def test_save_png_works_inside_a_running_event_loop(tmp_path, browser):
    """A Jupyter kernel runs an asyncio loop, where Playwright's sync API refuses to run.

    Run in a fresh interpreter: the session's own Playwright keeps a loop in this one.
    """
    target = tmp_path / "loop.png"
    code = (
        "import asyncio, sys\n"
        "from mapping.maps import base_map\n"
        "from mapping.export import save_png\n"
        "async def export():\n"
        "    asyncio.get_running_loop()\n"
        "    return save_png(base_map(tiles=None), sys.argv[1], width=300, height=200)\n"
        "asyncio.run(export())\n"
    )
    subprocess.run([sys.executable, "-c", code, str(target)], check=True, timeout=120)
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.browser
def test_marker_cluster_and_folium_popups_work_offline(tmp_path, browser_page):
    m = base_map(tiles=None)
    cluster = folium.plugins.MarkerCluster().add_to(m)
    for i in range(20):
        folium.Marker((40 + i * 0.01, 60), popup=folium.Popup(f"Punkt {i}")).add_to(cluster)
    folium.Marker((50, 80), popup=folium.Popup("Enslig")).add_to(m)
    page_html = render_html(m)
    assert _external_refs(page_html) == []
    page, log = browser_page(save_html(m, tmp_path / "cluster.html"))
    page.locator(".marker-cluster").first.wait_for(state="attached", timeout=5_000)
    page.locator(".leaflet-marker-icon:not(.marker-cluster)").first.click()
    assert page.locator(".leaflet-popup-content").inner_text() == "Enslig"
    assert log.clean(), log.summary()
