"""Natural Earth geometry from the embedded geodata, as GeoDataFrames (EPSG:4326).

Files (built by ``scripts/build_geodata.py`` from the npm package ``world-atlas``):
``geodata/countries-{50m,110m}.geojson.gz``, ``land-*.geojson.gz``, ``lakes-*.geojson.gz``.
Polygons are planar lon/lat: shapes that cross the 180th meridian (Russia's Chukotka, Fiji)
are cut there into a part at +180 and a part at -180, and Antarctica is closed along the
South Pole, so no part is drawn as a band around the world.
geopandas and shapely are imported inside the functions, so importing this module is cheap.
Every function returns a fresh copy; the parsed files are cached.
"""

from __future__ import annotations

import functools
import gzip
import json
from typing import TYPE_CHECKING, Any

from mapping.errors import GeodataError
from mapping.gazetteer import geodata_dir
from mapping.model import Place

if TYPE_CHECKING:  # pragma: no cover
    import geopandas
    from shapely.geometry.base import BaseGeometry

__all__ = ["DETAILS", "countries", "land", "lakes", "place_geometry"]

#: The Natural Earth scales shipped: 1:50 million and 1:110 million.
DETAILS = ("50m", "110m")


def _check_detail(detail: str) -> str:
    if detail not in DETAILS:
        raise ValueError(f"detail must be one of {', '.join(DETAILS)}, not {detail!r}")
    return detail


@functools.cache
def _frame(stem: str, detail: str) -> geopandas.GeoDataFrame:
    import geopandas
    import pandas

    path = geodata_dir() / f"{stem}-{detail}.geojson.gz"
    try:
        data: dict[str, Any] = json.loads(gzip.decompress(path.read_bytes()))
    except FileNotFoundError:
        raise GeodataError(
            f"The embedded geometry file {path} is missing. Rebuild it with "
            "`python scripts/build_geodata.py`."
        ) from None
    except (OSError, EOFError, ValueError) as exc:
        raise GeodataError(f"The embedded geometry file {path} is damaged: {exc}") from None
    frame = geopandas.GeoDataFrame.from_features(data["features"], crs="EPSG:4326")
    for column in ("iso_a2", "iso_n3", "name", "id"):
        if column in frame:  # missing values as None (not NaN), plain object columns
            values = [v if isinstance(v, str) else None for v in frame[column]]
            frame[column] = pandas.Series(values, index=frame.index, dtype=object)
    return frame


def countries(*, detail: str = "50m") -> geopandas.GeoDataFrame:
    """Return Natural Earth country polygons.

    Parameters
    ----------
    detail : {"50m", "110m"}
        Natural Earth scale; "110m" is coarser and lighter, for web maps of the world.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``iso_a2`` (ISO 3166-1 alpha-2, None for e.g. N. Cyprus), ``iso_n3``
        (ISO numeric as a 3-digit string or None), ``name`` (Natural Earth's English
        name) and ``geometry``; CRS EPSG:4326.

    Examples
    --------
    >>> world = countries(detail="110m")
    >>> "KZ" in set(world["iso_a2"])
    True
    """
    frame = _frame("countries", _check_detail(detail))
    return frame[["iso_a2", "iso_n3", "name", "geometry"]].copy()


def land(*, detail: str = "50m") -> geopandas.GeoDataFrame:
    """Return Natural Earth land polygons, one row per polygon, largest first.

    Examples
    --------
    >>> land(detail="110m").crs.to_epsg()
    4326
    """
    return _frame("land", _check_detail(detail))[["geometry"]].copy()


def lakes(*, detail: str = "50m", min_area_km2: float = 1000.0) -> geopandas.GeoDataFrame:
    """Return large inland waters: the holes in the land polygons, largest first.

    Natural Earth's land layer cuts out only the Caspian Sea (the one hole of 500 km2 or
    more at both scales), so this is not a lake layer; it is what a land-or-sea test
    needs to know. Names come from ``geodata/regions.csv`` where a curated lake or
    sea point lies inside the hole.

    Parameters
    ----------
    detail : {"50m", "110m"}
    min_area_km2 : float
        Drop waters smaller than this (geodesic area on WGS84).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``id`` (a gazetteer place id or None), ``name`` (English or None),
        ``area_km2`` and ``geometry``.

    Examples
    --------
    >>> caspian = lakes().iloc[0]
    >>> caspian["name"], bool(caspian["area_km2"] > 300_000)
    ('Caspian Sea', True)
    """
    frame = _frame("lakes", _check_detail(detail))
    keep = frame["area_km2"] >= float(min_area_km2)
    return frame.loc[keep, ["id", "name", "area_km2", "geometry"]].reset_index(drop=True)


@functools.cache
def _country_shapes(detail: str) -> dict[str, BaseGeometry]:
    import shapely

    frame = _frame("countries", detail)
    out = {}
    for code, group in frame[frame["iso_a2"].notna()].groupby("iso_a2"):
        out[str(code)] = shapely.union_all(list(group.geometry))
    return out


@functools.cache
def place_geometry(place: Place, *, detail: str = "110m") -> BaseGeometry | None:
    """Return the area of a place: a country's polygon, or the union of its members'.

    Parameters
    ----------
    place : mapping.model.Place
        A country, or a union/region/continent with ``members`` (ISO alpha-2 codes).
    detail : {"110m", "50m"}
        Natural Earth scale. Members missing at the chosen scale (small islands at
        110m) are taken from the 50m file.

    Returns
    -------
    shapely geometry or None
        None for places that are points (cities) or have no members (seas, "Gaza").

    Examples
    --------
    >>> from mapping.gazetteer import load_gazetteer
    >>> shape = place_geometry(load_gazetteer().lookup("Sentral-Asia")[0])
    >>> shape.contains(shape.representative_point())
    True
    """
    import shapely

    shapes = _country_shapes(_check_detail(detail))
    codes = (
        (place.country_code,)
        if place.kind == "country" and place.country_code
        else tuple(place.members)
    )
    parts = []
    for code in codes:
        shape = shapes.get(code)
        if shape is None and detail != "50m":
            shape = _country_shapes("50m").get(code)
        if shape is not None:
            parts.append(shape)
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else shapely.union_all(parts)
