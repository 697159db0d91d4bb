"""Tests of mapping.maps: escaping, building blocks and the article map (no browser)."""

from __future__ import annotations

import json
import re

import folium
import numpy as np
import pytest
from markupsafe import Markup

from mapping.errors import ArticleError
from mapping.export import render_html
from mapping.gazetteer import load_gazetteer
from mapping.maps import (
    HtmlControl,
    HtmlPopup,
    HtmlTooltip,
    add_legend,
    add_title,
    add_unresolved_panel,
    article_map,
    base_map,
    country_layer,
    escape,
    highlight,
    marker_frame,
    place_css_class,
    place_marker,
    popup_html,
    ui_text,
    unresolved_names,
)
from mapping.model import Mention, Place
from mapping.text import sentence_spans

XSS = "<script>alert(1)</script> <img src=x onerror=alert(1)> `tick` ${alert(2)}"


def _country(code: str) -> Place:
    place = load_gazetteer().country(code)
    assert place is not None, code
    return place


def _mentions(text: str, names: dict[str, Place | None]) -> list[Mention]:
    """Every occurrence of each name in ``text`` as a Mention (built by hand)."""
    spans = sentence_spans(text)
    out = []
    for name, place in names.items():
        for m in re.finditer(re.escape(name), text):
            sentence = next(s for s in spans if s[0] <= m.start() < s[1])
            out.append(Mention(name, m.start(), m.end(), place, sentence=sentence))
    return sorted(out, key=lambda m: m.start)


def _geojson_data(html: str) -> list[dict]:
    """The GeoJSON objects embedded in a rendered page."""
    decoder = json.JSONDecoder()
    return [
        decoder.raw_decode(html, match.end())[0]
        for match in re.finditer(r"geo_json_[0-9a-f]+_add\((?=\{)", html)
    ]


# --------------------------------------------------------------------------- escaping


def test_escape_neutralises_html_and_template_literals():
    out = str(escape(XSS))
    assert "<" not in out and ">" not in out
    assert "`" not in out and "$" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&#96;tick&#96;" in out and "&#36;{alert(2)}" in out


def test_escape_keeps_markup():
    safe = Markup("<b>ok</b>")
    assert escape(safe) is safe


def test_highlight_marks_spans_and_escapes_the_rest():
    text = "Før. Putin <i>besøker</i> Kasakhstan og Kasakhstan. Etter."
    start = text.index("Putin")
    end = text.index(" Etter")
    first = text.index("Kasakhstan")
    second = text.index("Kasakhstan", first + 1)
    out = str(highlight(text, start, end, [(first, first + 10), (second, second + 10)]))
    assert out.startswith("Putin &lt;i&gt;besøker&lt;/i&gt;")
    assert out.count("<mark>Kasakhstan</mark>") == 2
    assert "Før" not in out and "Etter" not in out


def test_highlight_merges_overlaps_and_clips():
    text = "abcdefghij"
    assert str(highlight(text, 2, 8, [(0, 4), (3, 6)])) == "<mark>cdef</mark>gh"


def test_popup_html_escapes_plain_text_keeps_markup():
    out = str(popup_html(XSS, quotes=[Markup("<mark>x</mark>")], lines=[XSS], meta="<m>"))
    assert "<script>" not in out and "<img" not in out
    assert "<blockquote><mark>x</mark></blockquote>" in out
    assert "&lt;m&gt;" in out


# --------------------------------------------------------------------------- elements


def test_html_popup_and_tooltip_pass_json_not_template_literals():
    m = folium.Map(tiles=None)
    marker = folium.CircleMarker((51.18, 71.45)).add_to(m)
    HtmlPopup(popup_html(XSS)).add_to(marker)
    HtmlTooltip(XSS).add_to(marker)
    HtmlControl(XSS).add_to(m)
    page = render_html(m)
    script = page.split("<script>\n    ", 1)[1] if "<script>\n    " in page else page
    assert "alert(1)</script>" not in page
    assert "<img src=x" not in page
    # the tooltip text reaches Leaflet as an HTML-escaped JSON string
    assert re.search(r"\.bindTooltip\(\s*\"\\u0026lt;script\\u0026gt;alert\(1\)", page)
    assert "`" not in script.split("L.map(", 1)[1]  # no template literal after the map
    assert "jquery" not in page.lower()  # our popups need no jQuery


def test_control_rejects_unknown_position():
    with pytest.raises(ValueError, match="position"):
        HtmlControl("x", position="middle")


def test_ui_text_follows_language_and_rejects_unknown():
    assert ui_text("legend", lang="nb") == "Tegnforklaring"
    assert ui_text("legend", lang="nn") == "Teiknforklaring"
    assert ui_text("mentioned_n", lang="en", n=4) == "Mentioned 4 times"
    with pytest.raises(ValueError, match="lang"):
        ui_text("legend", lang="sv")


def test_add_legend_unresolved_and_title_escape():
    m = folium.Map(tiles=None)
    add_legend(m, [(XSS, "#123456", "square"), ("By", "#1f4e9c")], title="Tegnforklaring")
    assert add_unresolved_panel(m, [], lang="nb") is None
    add_unresolved_panel(m, [XSS, XSS, "Atlantis"], lang="nb")
    add_title(m, XSS)
    page = render_html(m)
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "Ikke plassert p" in page
    # the unresolved names are listed once each
    assert page.count("Atlantis") == 1
    with pytest.raises(ValueError, match="shape"):
        add_legend(m, [("x", "#000", "star")])


# --------------------------------------------------------------------------- layers


def test_base_map_offline_has_land_and_caspian_and_no_tiles():
    m = base_map(lang="nb", tiles=None)
    folium.LayerControl().add_to(m)
    page = render_html(m)
    data = _geojson_data(page)
    assert len(data) == 2  # land + lakes
    land, lakes = data
    assert len(land["features"]) > 150
    # The Caspian Sea is drawn as water: a lake feature covering 50.5 E 42 N.
    from shapely.geometry import Point, shape

    assert any(shape(f["geometry"]).contains(Point(50.5, 42.0)) for f in lakes["features"])
    assert "tile.openstreetmap.org" not in page
    assert "Grunnkart uten nett" in page


def test_base_map_online_tiles_carry_attribution():
    import xyzservices

    carto = xyzservices.providers.CartoDB.Positron(apikey="test-key")
    m = base_map(lang="en", tiles=("OpenStreetMap.Mapnik", carto))
    page = render_html(folium.LayerControl().add_to(m))
    assert "tile.openstreetmap.org" in page and "basemaps.cartocdn.com" in page
    assert "openstreetmap.org/copyright" in page and "CARTO" in page
    assert "Offline base map" in page
    with pytest.raises(ValueError, match="API key"):
        base_map(tiles=("CartoDB.Positron",))
    with pytest.raises(ValueError, match="unknown tile provider"):
        base_map(tiles=("No.Such.Tiles",))


def test_outlines_do_not_wrap_around_the_antimeridian():
    page = render_html(country_layer(["RU", "FJ", "US"], lang="en").add_to(folium.Map(tiles=None)))
    (data,) = _geojson_data(page)
    assert {f["id"] for f in data["features"]} == {"RU", "FJ", "US"}
    for feature in data["features"]:
        polys = feature["geometry"]["coordinates"]
        if feature["geometry"]["type"] == "Polygon":
            polys = [polys]
        for poly in polys:
            for ring in poly:
                lons = np.asarray(ring)[:, 0]
                assert np.all(np.abs(np.diff(lons)) <= 180), feature["id"]


def test_polygon_across_the_antimeridian_is_cut_not_wrapped():
    from shapely.geometry import Point, Polygon

    from mapping.maps import _round_coords

    # A spherical ring as world-atlas ships it: 170E .. 170W, jumping from +180 to -180.
    ring = [(170, 60), (180, 60), (-170, 60), (-170, 70), (-180, 70), (170, 70), (170, 60)]
    cut = _round_coords(Polygon(ring))
    parts = list(getattr(cut, "geoms", [cut]))
    assert len(parts) == 2
    assert sorted(round(p.bounds[0]) for p in parts) == [-180, 170]
    assert all(p.bounds[2] - p.bounds[0] <= 10.01 for p in parts)
    assert cut.contains(Point(175, 65)) and cut.contains(Point(-175, 65))
    assert not cut.contains(Point(0, 65))
    assert cut.area == pytest.approx(200, rel=0.01)


def test_ring_around_the_pole_is_closed_along_it():
    from shapely.geometry import Point, Polygon

    from mapping.maps import _round_coords

    # Antarctica-like: the ring winds once around the South Pole.
    ring = [(-90, -70), (0, -75), (90, -70), (180, -72), (-180, -72), (-90, -70)]
    cut = _round_coords(Polygon(ring))
    for lon in (-135, -45, 45, 135):
        assert cut.contains(Point(lon, -85)), lon
        assert not cut.contains(Point(lon, -60)), lon


def test_country_layer_labels_follow_language_and_skip_unknown():
    nb = render_html(country_layer(["KZ", "uz", "XX"], lang="nb").add_to(folium.Map(tiles=None)))
    en = render_html(country_layer(["KZ"], lang="en").add_to(folium.Map(tiles=None)))
    (data,) = _geojson_data(nb)
    labels = {f["id"]: f["properties"]["label"] for f in data["features"]}
    assert labels == {"KZ": "Kasakhstan", "UZ": "Usbekistan"}
    (data_en,) = _geojson_data(en)
    assert data_en["features"][0]["properties"]["label"] == "Kazakhstan"
    assert country_layer(["XX"], lang="nb") is None


def test_place_marker_size_grows_with_count_and_label_in_language():
    kz = _country("KZ")
    small = place_marker(kz, lang="nb", count=1)
    big = place_marker(kz, lang="en", count=9)
    assert big.options["radius"] > small.options["radius"]
    assert place_css_class(kz) in small.options["className"]
    tips = [c for c in big._children.values() if isinstance(c, HtmlTooltip)]
    assert tips[0].content == "Kazakhstan"


# --------------------------------------------------------------------------- article map

TEXT = (
    "Putin er i Kasakhstan. Kasakhstan og Usbekistan ligger i Sentral-Asia. "
    "Putin er i Kasakhstan. Krigen i Gaza og på Atlantis fortsetter."
)


def _sample_mentions() -> list[Mention]:
    gaz = load_gazetteer()
    (central_asia,) = [p for p in gaz.lookup("Sentral-Asia") if p.kind == "region"][:1]
    gaza = gaz.lookup("Gaza")[0]
    return _mentions(
        TEXT,
        {
            "Kasakhstan": _country("KZ"),
            "Usbekistan": _country("UZ"),
            "Sentral-Asia": central_asia,
            "Gaza": gaza,
            "Atlantis": None,
        },
    )


def test_places_frame_counts_and_quotes_once_per_wording():
    frame = marker_frame(_sample_mentions(), text=TEXT, lang="nb")
    assert list(frame["label"])[:2] == ["Kasakhstan", "Usbekistan"]
    kz = frame.iloc[0]
    assert kz["count"] == 3
    # "Putin er i Kasakhstan." occurs twice: quoted once
    assert len(kz["quotes"]) == 2
    assert kz["quotes"][0] == "Putin er i <mark>Kasakhstan</mark>."
    assert frame.crs.to_epsg() == 4326
    assert frame.geometry.iloc[0].x == pytest.approx(_country("KZ").lon)


def test_places_frame_skips_demonyms_unless_asked():
    kz = _country("KZ")
    text = "Kasakhstan og kasakhisk."
    ms = [
        Mention("Kasakhstan", 0, 10, kz, sentence=(0, 24)),
        Mention("kasakhisk", 14, 23, kz, kind="demonym", sentence=(0, 24)),
    ]
    assert marker_frame(ms, text=text)["count"].tolist() == [1]
    assert marker_frame(ms, text=text, include_demonyms=True)["count"].tolist() == [2]


def test_mentions_must_match_the_text():
    ms = _sample_mentions()
    with pytest.raises(ArticleError, match="does not match"):
        article_map(ms, text="Helt annen tekst", lang="nb", tiles=None)


def test_unresolved_names_in_order_without_duplicates():
    ms = _sample_mentions() + _mentions(TEXT, {"Putin": None})
    assert unresolved_names(ms) == ["Putin", "Atlantis"]


def test_article_map_layers_popups_and_panel():
    m = article_map(_sample_mentions(), text=TEXT, lang="nb", tiles=None, title="Tittel")
    page = render_html(m)
    assert page.count("L.circleMarker(") == 4  # KZ, UZ, Sentral-Asia, Gaza
    assert "mapping-place-country-KZ" in page
    data = _geojson_data(page)
    ids = [sorted(f["id"] for f in d["features"]) for d in data]
    assert ["KZ", "UZ"] in ids  # countries shaded
    assert any(len(i) == 1 and "central-asia" in i[0] for i in ids)  # region as its union
    assert "Nevnt 3 ganger" in page
    assert "Atlantis" in page  # unresolved panel
    assert "L.control.layers(" in page and "L.control.fullscreen(" in page
    assert re.search(r"map_[0-9a-f]{32}\.fitBounds\(", page)
    assert "Tegnforklaring" in page
    assert "<title>Tittel</title>" in page


def test_article_map_english_labels():
    page = render_html(article_map(_sample_mentions(), text=TEXT, lang="en", tiles=None))
    assert '"Kazakhstan"' in page and '"Kasakhstan"' not in page
    assert "Legend" in page


def test_article_map_escapes_article_text():
    text = f"Putin er i Kasakhstan. {XSS} i Kasakhstan."
    ms = _mentions(text, {"Kasakhstan": _country("KZ"), "<img src=x onerror=alert(1)>": None})
    page = render_html(article_map(ms, text=text, lang="nb", tiles=None, title=XSS))
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "alert(2)" in page  # present, but only inside JSON strings as text
    assert "${alert(2)}" not in page


def test_lake_is_drawn_as_its_polygon():
    gaz = load_gazetteer()
    caspian = next(p for p in gaz.lookup("Kaspihavet") if p.kind == "lake")
    text = "Kasakhstan ligger ved Kaspihavet."
    ms = [
        Mention("Kasakhstan", 0, 10, _country("KZ"), sentence=(0, 33)),
        Mention("Kaspihavet", 22, 32, caspian, sentence=(0, 33)),
    ]
    page = render_html(article_map(ms, text=text, lang="nb", tiles=None))
    from shapely.geometry import Point, shape

    regions = [d for d in _geojson_data(page) if d["features"][0]["id"] == caspian.id]
    assert len(regions) == 1
    assert shape(regions[0]["features"][0]["geometry"]).contains(Point(50.5, 42.0))


def test_article_without_places_still_gives_a_map():
    text = "Ingen steder her, bare Atlantis."
    ms = [Mention("Atlantis", 23, 31, None, sentence=(0, 32))]
    page = render_html(article_map(ms, text=text, lang="nb", tiles=None))
    assert "L.circleMarker(" not in page
    assert "Atlantis" in page
    assert not re.search(r"map_[0-9a-f]{32}\.fitBounds\(", page)
    assert "L.map(" in page


def test_notebook_display_is_offline():
    m = article_map(_sample_mentions(), text=TEXT, lang="nb", tiles=None)
    shown = m._repr_html_()
    assert shown.startswith("<iframe srcdoc=")
    assert "cdn.jsdelivr" not in shown and "&lt;script&gt;" in shown
