"""Tests for mapping.geometry (Natural Earth from the embedded geodata)."""

from __future__ import annotations

import pytest
from pyproj import Geod
from shapely.geometry import Point

from mapping.gazetteer import load_gazetteer
from mapping.geometry import countries, lakes, land, place_geometry

GEOD = Geod(ellps="WGS84")


def area_km2(geom) -> float:
    return abs(GEOD.geometry_area_perimeter(geom)[0]) / 1e6


@pytest.mark.parametrize("detail", ["50m", "110m"])
def test_countries_have_kazakhstan_and_uzbekistan(detail):
    world = countries(detail=detail)
    assert list(world.columns) == ["iso_a2", "iso_n3", "name", "geometry"]
    assert world.crs.to_epsg() == 4326
    kz = world[world["iso_a2"] == "KZ"]
    uz = world[world["iso_a2"] == "UZ"]
    assert len(kz) == 1 and len(uz) == 1
    assert kz.iloc[0]["iso_n3"] == "398"
    assert kz.geometry.iloc[0].geom_type in ("Polygon", "MultiPolygon")
    assert kz.geometry.iloc[0].contains(Point(71.45, 51.17))  # Astana (lon, lat)
    assert uz.geometry.iloc[0].contains(Point(69.24, 41.30))  # Tashkent
    assert 2.5e6 < area_km2(kz.geometry.iloc[0]) < 2.9e6  # 2,724,900 km2
    assert world.geometry.is_valid.all()


def test_features_without_iso_code_keep_their_name():
    world = countries()
    kosovo = world[world["name"] == "Kosovo"]
    assert kosovo.iloc[0]["iso_a2"] == "XK" and kosovo.iloc[0]["iso_n3"] is None
    assert world[world["name"] == "N. Cyprus"].iloc[0]["iso_a2"] is None


def test_countries_returns_a_copy():
    first = countries(detail="110m")
    first.loc[:, "name"] = "changed"
    assert "Kazakhstan" in set(countries(detail="110m")["name"])


def test_land_covers_continents_not_oceans():
    shapes = land(detail="110m")
    assert shapes.crs.to_epsg() == 4326
    union = shapes.union_all()
    assert union.contains(Point(71.45, 51.17))  # Astana
    assert not union.contains(Point(-30.0, 0.0))  # mid-Atlantic
    assert not union.contains(Point(50.6, 41.7))  # Caspian Sea is water


@pytest.mark.parametrize("detail", ["50m", "110m"])
def test_lakes_contain_the_caspian(detail):
    waters = lakes(detail=detail)
    assert list(waters.columns) == ["id", "name", "area_km2", "geometry"]
    caspian = waters[waters["name"] == "Caspian Sea"]
    assert len(caspian) == 1
    row = caspian.iloc[0]
    assert row["id"] == "curated:caspian-sea"
    # The Caspian Sea is about 371,000 km2; the hole in 1:50m/1:110m land is close.
    assert 340_000 < row["area_km2"] < 420_000
    assert abs(area_km2(row["geometry"]) - row["area_km2"]) < 0.01 * row["area_km2"]
    assert (waters["area_km2"] >= 1000).all()
    assert len(lakes(detail=detail, min_area_km2=100_000)) == 1


def test_place_geometry_of_country_region_and_union():
    gaz = load_gazetteer()
    kz = place_geometry(gaz.country("KZ"))
    assert kz.contains(Point(71.45, 51.17))
    central = place_geometry(gaz.lookup("Sentral-Asia")[0])
    for lon, lat in [(71.45, 51.17), (69.24, 41.30), (74.6, 42.87), (68.78, 38.56), (58.38, 37.95)]:
        assert central.contains(Point(lon, lat))
    assert not central.contains(Point(37.6, 55.75))  # Moscow
    eu = place_geometry(gaz.lookup("EU")[0], detail="50m")
    assert eu.contains(Point(2.35, 48.86)) and not eu.contains(Point(10.75, 59.91))
    # Malta is too small for 1:110m; it is taken from 1:50m.
    eu110 = place_geometry(gaz.lookup("EU")[0])
    assert eu110.contains(Point(14.45, 35.9))


def test_place_geometry_is_none_for_points_and_seas():
    gaz = load_gazetteer()
    assert place_geometry(gaz.lookup("Oslo")[0]) is None
    assert place_geometry(gaz.lookup("Svartehavet")[0]) is None


def test_bad_detail_is_a_value_error():
    with pytest.raises(ValueError, match="detail"):
        countries(detail="10m")


def _parts(frame):
    import shapely

    return [(i, part) for i, geom in enumerate(frame.geometry) for part in shapely.get_parts(geom)]


@pytest.mark.parametrize("detail", ["50m", "110m"])
def test_no_part_wraps_round_the_antimeridian(detail):
    import numpy as np

    world = countries(detail=detail)
    for i, part in _parts(world):
        name = world.iloc[i]["name"]
        west, south, east, north = part.bounds
        assert -180 <= west and east <= 180 and -90 <= south and north <= 90, name
        assert part.is_valid, name
        # no edge jumps across the map (a ring decoded without cutting at +-180)
        for ring in [part.exterior, *part.interiors]:
            assert np.abs(np.diff(np.asarray(ring.coords)[:, 0])).max() <= 180, name
        if east - west > 180:
            assert name == "Antarctica" and north < -60, (name, part.bounds)
    fiji = world[world["iso_a2"] == "FJ"].geometry.iloc[0]
    assert fiji.area < 5 and all(p.bounds[2] - p.bounds[0] < 5 for p in fiji.geoms)
    russia = world[world["iso_a2"] == "RU"].geometry.iloc[0]
    body = max(russia.geoms, key=lambda p: p.area)
    west, south, east, north = body.bounds
    assert 25 < west < 30 and 40 < south < 43 and east == 180 and 76 < north < 79
    chukotka_east = Point(-175.0, 66.0)  # east of 180: Russia, cut at the antimeridian
    assert russia.contains(chukotka_east) and not body.contains(chukotka_east)
    antarctica = world[world["name"] == "Antarctica"].geometry.iloc[0]
    assert antarctica.contains(Point(0.0, -89.0)) and antarctica.contains(Point(179.0, -85.0))
    # about 14.2 million km2 with its ice shelves, 12.3 million without (Natural Earth's
    # land stops at the grounding line); a band or a missing pole would be far off
    assert 11.8e6 < area_km2(antarctica) < 14.5e6


@pytest.mark.parametrize("detail", ["50m", "110m"])
def test_land_is_not_striped_across_oceans(detail):
    shapes = land(detail=detail)
    union = shapes.union_all()
    for lon, lat in [(-10.0, -16.5), (60.0, -16.5), (-150.0, 20.0), (-30.0, 50.0), (170.0, 30.0)]:
        assert not union.contains(Point(lon, lat)), (lon, lat)  # open ocean
    for lon, lat in [(178.0, -17.8), (-175.0, 66.0), (100.0, 60.0), (-76.0, 67.8), (0.0, -89.0)]:
        assert union.contains(Point(lon, lat)), (lon, lat)  # Fiji, Chukotka, Siberia, ...
    wide = [p for _, p in _parts(shapes) if p.bounds[2] - p.bounds[0] > 180]
    # Antarctica, and Afro-Eurasia, which really spans 197 degrees (Senegal to Chukotka)
    assert len(wide) == 2
    assert any(p.contains(Point(0.0, -89.0)) for p in wide)
    assert any(p.contains(Point(71.45, 51.17)) and p.contains(Point(-15.0, 14.0)) for p in wide)
    # the land layer and the country layer cover the same ground
    gap = union.symmetric_difference(countries(detail=detail).union_all())
    assert gap.area < 0.5
