"""Tests for mapping.landlocked: the landlocked set, distances to the sea, curated tables, map."""

from __future__ import annotations

import math
import shutil

import numpy as np
import pytest
import shapely
from pyproj import Geod, Transformer

from mapping import landlocked
from mapping.errors import GeodataError, UnknownRegionError
from mapping.export import save_html
from mapping.gazetteer import geodata_dir, load_gazetteer
from mapping.geometry import countries, lakes, land
from mapping.landlocked import (
    distance_to_coast_km,
    format_km,
    landlocked_frame,
    landlocked_map,
    ports,
    region_codes,
    routes,
)

#: The 44 landlocked states by the usual count (43 UN members and the Holy See).
#: Source: https://en.wikipedia.org/wiki/Landlocked_country (list of landlocked countries).
UN_LANDLOCKED = {
    "Afghanistan": "AF",
    "Andorra": "AD",
    "Armenia": "AM",
    "Austria": "AT",
    "Azerbaijan": "AZ",
    "Belarus": "BY",
    "Bhutan": "BT",
    "Bolivia": "BO",
    "Botswana": "BW",
    "Burkina Faso": "BF",
    "Burundi": "BI",
    "Central African Republic": "CF",
    "Chad": "TD",
    "Czechia": "CZ",
    "Eswatini": "SZ",
    "Ethiopia": "ET",
    "Hungary": "HU",
    "Kazakhstan": "KZ",
    "Kyrgyzstan": "KG",
    "Laos": "LA",
    "Lesotho": "LS",
    "Liechtenstein": "LI",
    "Luxembourg": "LU",
    "Malawi": "MW",
    "Mali": "ML",
    "Moldova": "MD",
    "Mongolia": "MN",
    "Nepal": "NP",
    "Niger": "NE",
    "North Macedonia": "MK",
    "Paraguay": "PY",
    "Rwanda": "RW",
    "San Marino": "SM",
    "Serbia": "RS",
    "Slovakia": "SK",
    "South Sudan": "SS",
    "Switzerland": "CH",
    "Tajikistan": "TJ",
    "Turkmenistan": "TM",
    "Uganda": "UG",
    "Uzbekistan": "UZ",
    "Vatican City": "VA",
    "Zambia": "ZM",
    "Zimbabwe": "ZW",
}

CENTRAL_ASIA = ["KZ", "KG", "TJ", "TM", "UZ"]


@pytest.fixture(scope="module")
def frame():
    return landlocked_frame()


# --------------------------------------------------------------------------- the landlocked set


def test_usual_list_has_44_states():
    assert len(UN_LANDLOCKED) == 44 == len(set(UN_LANDLOCKED.values()))


def test_landlocked_recognised_states_equal_the_usual_list(frame):
    computed = set(frame.index[frame["landlocked"] & frame["recognised"]])
    expected = set(UN_LANDLOCKED.values())
    missing = sorted(name for name, code in UN_LANDLOCKED.items() if code not in computed)
    extra = sorted(computed - expected)
    assert not missing and not extra, f"missing {missing}, not on the list {extra}"


def test_other_landlocked_territories_are_listed_separately(frame):
    others = frame[frame["landlocked"] & ~frame["recognised"]]
    # Natural Earth has Kosovo (partially recognised) and the Siachen Glacier (a disputed area)
    assert dict(zip(others.index, others["status"], strict=True)) == {
        "XK": "partially recognised",
        "Siachen Glacier": "disputed area",
    }


def test_doubly_landlocked_are_exactly_uzbekistan_and_liechtenstein(frame):
    assert set(frame.index[frame["doubly_landlocked"]]) == {"UZ", "LI"}
    for code in ("UZ", "LI"):
        neighbours = frame.at[code, "neighbours"]
        assert neighbours and all(frame.at[n, "landlocked"] for n in neighbours)


def test_uzbekistan_and_liechtenstein_neighbours(frame):
    assert set(frame.at["UZ", "neighbours"]) == {"AF", "KZ", "KG", "TJ", "TM"}
    assert set(frame.at["LI", "neighbours"]) == {"AT", "CH"}


def test_neighbours_across_the_globe_are_real_land_borders(frame):
    # a ring wrapping around the antimeridian (Fiji) must not touch South America or Africa
    assert set(frame.at["BO", "neighbours"]) == {"AR", "BR", "CL", "PE", "PY"}
    assert set(frame.at["ZM", "neighbours"]) == {"AO", "BW", "CD", "MW", "MZ", "NA", "TZ", "ZW"}
    assert frame.at["FJ", "neighbours"] == ()


def test_kazakhstan_and_turkmenistan_are_landlocked_though_on_the_caspian(frame):
    caspian = lakes(detail="50m")
    caspian = caspian.geometry[caspian["name"].eq("Caspian Sea")].iloc[0]
    for code in ("KZ", "TM", "AZ"):
        assert frame.at[code, "landlocked"], code
        # they do touch the Caspian: it is the lake, not missing geometry, that decides
        assert frame.at[code, "geometry"].distance(caspian) < 0.05, code
    assert frame.at["KZ", "border_to_coast_km"] > 300
    assert frame.at["TM", "border_to_coast_km"] > 300


@pytest.mark.parametrize(
    "code",
    ["NO", "RU", "IR", "PK", "GE", "BA", "SI", "JO", "IQ", "CD", "BE", "TG", "MC", "SG", "MT"],
)
def test_coastal_countries_including_short_coasts(frame, code):
    assert not frame.at[code, "landlocked"]
    assert frame.at[code, "border_to_coast_km"] == 0.0


def test_microstates_are_present_at_50m(frame):
    for code in ("AD", "LI", "SM", "VA"):
        assert frame.at[code, "geometry"].area > 0


def test_frame_columns_and_types(frame):
    assert list(frame.columns) == list(landlocked.FRAME_COLUMNS)
    assert frame.crs.to_epsg() == 4326
    assert frame["landlocked"].dtype == bool
    assert frame.index.is_unique
    assert frame.at["UZ", "capital"] == "Tashkent"
    assert isinstance(frame.at["UZ", "neighbours"], tuple)
    # coastal countries are 0 km from the sea at the border, landlocked ones are not
    assert (frame.loc[~frame["landlocked"], "border_to_coast_km"] == 0).all()
    inland = frame.loc[frame["landlocked"], "border_to_coast_km"]
    assert (inland > 0).all()


def test_frame_is_cached_and_returned_as_a_copy():
    first = landlocked_frame()
    first.loc["UZ", "landlocked"] = False
    again = landlocked_frame()
    assert bool(again.loc["UZ", "landlocked"])
    assert again.geometry.iloc[0] is first.geometry.iloc[0]  # same cached geometry


def test_map_rejects_unknown_language():
    with pytest.raises(ValueError, match="lang"):
        landlocked_map("Central Asia", lang="de", tiles=None)


# --------------------------------------------------------------------------- distances


def _coast_vertices() -> np.ndarray:
    """(lon, lat) of every vertex of the land's exterior rings, without lake islands.

    Computed here independently of mapping.landlocked: plain shapely, no tree, no windows.
    """
    parts = list(land(detail="50m").geometry)
    holes = [shapely.Polygon(r) for p in parts for r in p.interiors]
    keep = [p for p in parts if not any(h.contains(p) for h in holes if h.area > 1)]
    return np.concatenate([np.asarray(p.exterior.coords) for p in keep])


@pytest.mark.parametrize("code", CENTRAL_ASIA)
def test_capital_distance_to_sea_agrees_with_a_projected_crs(frame, code):
    """Geodesic km vs the nearest coast vertex in Asia North Equidistant Conic metres."""
    capital = load_gazetteer().capital(code)
    vertices = _coast_vertices()
    near = vertices[(vertices[:, 0] > -10) & (vertices[:, 0] < 150) & (vertices[:, 1] > -10)]
    to_conic = Transformer.from_crs("EPSG:4326", "ESRI:102026", always_xy=True)
    x, y = to_conic.transform(near[:, 0], near[:, 1])
    cx, cy = to_conic.transform(capital.lon, capital.lat)
    projected_km = float(np.hypot(x - cx, y - cy).min()) / 1000.0
    computed = frame.at[code, "capital_to_coast_km"]
    assert computed == pytest.approx(projected_km, rel=0.10)
    # and the geodesic to the nearest vertex can only be longer than the true nearest point
    geod = Geod(ellps="WGS84")
    _, _, metres = geod.inv(
        np.full(len(near), capital.lon), np.full(len(near), capital.lat), near[:, 0], near[:, 1]
    )
    assert computed <= metres.min() / 1000.0 + 1e-6
    assert computed >= metres.min() / 1000.0 - 25.0  # 1:50m vertices are a few km apart


def test_central_asian_distances_are_plausible(frame):
    for code in CENTRAL_ASIA:
        row = frame.loc[code]
        assert 1000 < row["capital_to_coast_km"] < 2500, code
        assert 0 < row["border_to_coast_km"] < row["capital_to_coast_km"], code
        assert row["capital_to_port_km"] >= row["capital_to_coast_km"], code


def test_the_caspian_does_not_count_as_sea(frame):
    # Ashgabat is about 450 km from the Caspian shore but much further from the sea
    caspian = load_gazetteer().lookup("Kaspihavet")[0]
    ashgabat = load_gazetteer().capital("TM")
    to_caspian_km = (
        Geod(ellps="WGS84").inv(ashgabat.lon, ashgabat.lat, caspian.lon, caspian.lat)[2] / 1000
    )
    assert frame.at["TM", "capital_to_coast_km"] > to_caspian_km


def test_distance_to_coast_of_coastal_and_inland_points():
    assert distance_to_coast_km(59.91, 10.75) < 40  # Oslo, on the Oslofjord
    tashkent = distance_to_coast_km(41.31, 69.28)
    assert tashkent == pytest.approx(landlocked_frame().at["UZ", "capital_to_coast_km"], rel=0.01)
    lon, lat = _coast_vertices()[1000]
    assert distance_to_coast_km(lat, lon) < 1.0


@pytest.mark.parametrize("lat, lon", [(100.0, 0.0), (0.0, 200.0), (math.nan, 0.0)])
def test_distance_to_coast_rejects_bad_points(lat, lon):
    with pytest.raises(ValueError, match="WGS84"):
        distance_to_coast_km(lat, lon)


def test_coastline_has_no_caspian_shore():
    coast = landlocked.coastline()
    caspian = lakes(detail="50m")
    caspian = caspian.geometry[caspian["name"].eq("Caspian Sea")].iloc[0]
    inner = caspian.buffer(-0.2)  # well inside the lake
    assert not coast.intersects(inner).any()
    assert coast.intersects(shapely.box(5, 58, 11, 60)).any()  # the Norwegian coast


def test_format_km():
    assert format_km(1757.6, lang="nb") == "1\u00a0758 km"
    assert format_km(1757.6, lang="en") == "1,758 km"
    assert format_km(math.nan) == "–"


# --------------------------------------------------------------------------- curated tables

REQUIRED_PORTS = [
    "karachi", "gwadar", "bandar-abbas", "chabahar", "poti", "batumi", "novorossiysk",
    "vladivostok", "lianyungang", "dar-es-salaam", "mombasa", "beira", "durban", "walvis-bay",
    "lobito", "djibouti", "abidjan", "lome", "cotonou", "dakar", "arica", "santos", "rosario",
    "hamburg", "rotterdam", "trieste", "koper", "constanta", "gdansk", "kolkata", "haldia",
    "chittagong", "laem-chabang", "tianjin", "da-nang", "durres", "thessaloniki", "genoa",
]  # fmt: skip


def test_ports_table_has_the_required_ports_with_sources():
    table = {p.id: p for p in ports()}
    assert not set(REQUIRED_PORTS) - set(table)
    countries_50m = set(countries(detail="50m")["iso_a2"].dropna())
    for port in table.values():
        assert port.source.strip() and port.name_en and port.name_nb
        assert port.country in countries_50m
        assert -90 <= port.lat <= 90 and -180 <= port.lon <= 180
        # every port is at the sea or up a river from it (Rosario, Kolkata, Hamburg)
        assert distance_to_coast_km(port.lat, port.lon) < 350, port.id
    assert table["novorossiysk"].label("nb") == "Novorossijsk"
    assert table["genoa"].label("en") == "Genoa"


def test_routes_table():
    table = routes()
    names = [s.place_en for s in table["trans-afghan-karachi"]]
    assert names == ["Termez", "Mazar-i-Sharif", "Kabul", "Peshawar", "Karachi"]
    assert table["trans-afghan-gwadar"][-1].place_en == "Gwadar"
    assert table["iran-bandar-abbas"][-1].place_en == "Bandar Abbas"
    assert table["iran-chabahar"][-1].place_en == "Chabahar"
    port_points = [(p.lat, p.lon) for p in ports()]
    geod = Geod(ellps="WGS84")
    for stops in table.values():
        assert [s.seq for s in stops] == list(range(1, len(stops) + 1))
        assert all(s.source.strip() for s in stops)
        end = stops[-1]
        km = min(geod.inv(end.lon, end.lat, lon, lat)[2] for lat, lon in port_points) / 1000
        assert km < 30, stops[0].route


def test_malformed_ports_table_is_a_geodata_error(tmp_path, monkeypatch):
    for item in geodata_dir().iterdir():
        if item.name != "ports.csv":
            (tmp_path / item.name).symlink_to(item)
    (tmp_path / "ports.csv").write_text(
        "id,name_en,name_nb,country,lat,lon,source\nx,X,X,PK,north,67,made up\n", encoding="utf-8"
    )
    monkeypatch.setenv("MAPPING_GEODATA", str(tmp_path))
    landlocked.ports.cache_clear()
    try:
        with pytest.raises(GeodataError, match="ports.csv"):
            ports()
        (tmp_path / "ports.csv").unlink()
        landlocked.ports.cache_clear()
        with pytest.raises(GeodataError, match="ports.csv"):
            ports()
    finally:
        monkeypatch.delenv("MAPPING_GEODATA")
        landlocked.ports.cache_clear()
    shutil.rmtree(tmp_path, ignore_errors=True)
    assert any(p.id == "karachi" for p in ports())


# --------------------------------------------------------------------------- regions and map


def test_region_codes():
    assert region_codes("Central Asia") == CENTRAL_ASIA
    assert region_codes("Sentral-Asia") == CENTRAL_ASIA
    assert region_codes(["kz", "UZ"]) == ["KZ", "UZ"]
    assert region_codes("Kasakhstan") == region_codes("kz") == ["KZ"]
    assert "BO" in region_codes("South America") and "ZM" in region_codes("Afrika")
    assert "CH" in region_codes("Europe")


@pytest.mark.parametrize("bad", ["Atlantis", "", ["KZ", "QQ"], []])
def test_unknown_regions_are_typed_errors(bad):
    with pytest.raises(UnknownRegionError):
        landlocked_map(bad, tiles=None)


def _html(m) -> str:
    return m.get_root().render()


def test_central_asia_map_nb():
    html = _html(landlocked_map("Central Asia", lang="nb", tiles=None))
    for label in ("Kasakhstan", "Usbekistan", "Turkmenistan", "Kirgisistan", "Tadsjikistan"):
        assert label in html
    for neighbour in ("Russland", "Kina", "Iran", "Afghanistan", "Pakistan"):
        assert f'"{neighbour}"' in html, neighbour
    assert "Kaspihavet \\u2013 innsj\\u00f8, ikke hav" in html or "Kaspihavet – innsjø" in html
    assert "Transafghansk korridor" in html and "Gjennom Iran" in html
    assert "Dobbelt kystl" in html
    assert landlocked.DOUBLY_LANDLOCKED_STYLE["fillColor"] in html
    assert html.count("mapping-capital") >= 5
    assert (
        "Kystl\\u00f8se land \\u2013 Sentral-Asia" in html or "Kystløse land – Sentral-Asia" in html
    )


def test_central_asia_map_en_and_nn():
    html = _html(landlocked_map("Central Asia", lang="en", tiles=None))
    assert "Kazakhstan" in html and "Trans-Afghan corridor" in html and "Through Iran" in html
    assert "Caspian Sea" in html and "Kasakhstan" not in html
    html_nn = _html(landlocked_map("Central Asia", lang="nn", tiles=None))
    assert "Kystlaust land" in html_nn


@pytest.mark.parametrize(
    "region, expected",
    [
        ("Africa", ["Zambia", "Malawi", "Lesotho"]),
        ("South America", ["Bolivia", "Paraguay"]),
        ("Europe", ["Sveits", "Liechtenstein", "Vatikanstaten"]),
        (["BO", "PY"], ["Bolivia", "Paraguay"]),
    ],
)
def test_other_regions(region, expected):
    html = _html(landlocked_map(region, lang="nb", tiles=None))
    for label in expected:
        assert label in html, label
    assert "Transafghansk korridor" not in html  # routes only where they start
    if region == "Africa":
        assert "mapping-lake" not in html  # lakes only inside the region's bounds


def test_map_html_is_deterministic(tmp_path):
    a = save_html(landlocked_map("Central Asia", tiles=None), tmp_path / "a.html")
    b = save_html(landlocked_map("Central Asia", tiles=None), tmp_path / "b.html")
    assert a.read_bytes() == b.read_bytes()
