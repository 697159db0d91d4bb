"""Landlocked countries computed from Natural Earth geometry, with distances to the sea.

A country is *coastal* when its territory touches the sea coast, and the sea coast is the
outer boundary (exterior rings) of the land masses: the holes in the land polygons are inland
waters (the Caspian Sea), and the islands inside them are lake islands, so neither makes anyone
coastal. *Landlocked* means not coastal; *doubly landlocked* means landlocked with every land
neighbour landlocked too.

Distances are geodesic kilometres on the WGS84 ellipsoid (:class:`pyproj.Geod`): from each
country's capital and from the nearest point of its territory to the nearest point of the sea
coast, and from the capital to the nearest major seaport of ``geodata/ports.csv``.

The geometry comes from :mod:`mapping.geometry` (Natural Earth 1:50m via world-atlas),
the capitals from :mod:`mapping.gazetteer`. Everything is computed once and cached.

Examples
--------
>>> from mapping.landlocked import landlocked_frame
>>> frame = landlocked_frame()
>>> bool(frame.loc["UZ", "doubly_landlocked"])
True
"""

from __future__ import annotations

import csv
import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mapping.errors import GeodataError, UnknownRegionError
from mapping.model import latlon

if TYPE_CHECKING:  # pragma: no cover - typing only
    import folium
    import geopandas
    import numpy as np

__all__ = [
    "DOUBLY_LANDLOCKED_STYLE",
    "FRAME_COLUMNS",
    "LAKE_STYLE",
    "LANDLOCKED_STYLE",
    "TOUCH_TOLERANCE_DEG",
    "UN_MEMBERS",
    "Port",
    "RouteStop",
    "coastline",
    "distance_to_coast_km",
    "format_km",
    "landlocked_frame",
    "landlocked_map",
    "ports",
    "region_codes",
    "routes",
]

#: Natural Earth scale of the analysis: 1:50m has the microstates and a coastline fine
#: enough for distances; 1:110m has neither.
DETAIL = "50m"

#: Tolerance in degrees (about 550 m north-south, less east-west) for "touches": Natural Earth
#: borders are shared arcs, but a small buffer absorbs rounding in the quantized TopoJSON.
TOUCH_TOLERANCE_DEG = 0.005

#: Coast linework is cut into pieces of at most this many segments, so the STRtree can
#: find the part of a long coastline near a point without scanning the whole continent.
_CHUNK = 32

#: Longest straight segment (degrees) accepted as coastline; see :func:`_split_lines`.
_MAX_SEGMENT_DEG = 10.0

#: The 193 member states of the United Nations as ISO 3166-1 alpha-2 codes.
#: Source: https://www.un.org/en/about-us/member-states (checked 2026; South Sudan joined 2011).
UN_MEMBERS: frozenset[str] = frozenset(
    """
    AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ CA CD
    CF CG CH CI CL CM CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FM FR GA
    GB GD GE GH GM GN GQ GR GT GW GY HN HR HT HU ID IE IL IN IQ IR IS IT JM JO JP KE KG KH KI
    KM KN KP KR KW KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MG MH MK ML MM MN MR MT MU
    MV MW MX MY MZ NA NE NG NI NL NO NP NR NZ OM PA PE PG PH PK PL PT PW PY QA RO RS RU RW SA
    SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ TD TG TH TJ TL TM TN TO TR TT TV TZ UA
    UG US UY UZ VC VE VN VU WS YE ZA ZM ZW
    """.split()
)

#: UN non-member observer states (https://www.un.org/en/about-us/non-member-states).
_UN_OBSERVERS = {"VA": "Holy See (Vatican City)", "PS": "State of Palestine"}

#: States recognised by some UN members only, by ISO code or Natural Earth name.
#: Source: https://en.wikipedia.org/wiki/List_of_states_with_limited_recognition
_PARTIALLY_RECOGNISED = {"XK", "TW", "PS", "EH", "Kosovo", "N. Cyprus", "Somaliland", "W. Sahara"}

#: Areas Natural Earth draws as their own unit although no one claims them as a state.
_DISPUTED_AREAS = {"Siachen Glacier"}

# --------------------------------------------------------------------------- curated tables


@dataclass(frozen=True, slots=True)
class Port:
    """A major seaport of ``geodata/ports.csv``.

    Attributes
    ----------
    id : str
        Stable identifier, e.g. ``"karachi"``.
    name_en, name_nb : str
        Names in English and Norwegian Bokmål.
    country : str
        ISO 3166-1 alpha-2 code of the port's country.
    lat, lon : float
        WGS84 degrees.
    source : str
        Where the row comes from.
    """

    id: str
    name_en: str
    name_nb: str
    country: str
    lat: float
    lon: float
    source: str

    def label(self, lang: str | None = "en") -> str:
        """The port's name in ``lang`` ("nb" and "nn" give the Bokmål name)."""
        return self.name_nb if lang in ("nb", "nn") else self.name_en


@dataclass(frozen=True, slots=True)
class RouteStop:
    """One waypoint of a route to the sea in ``geodata/routes.csv``.

    Routes are schematic: consecutive waypoints are joined by straight lines on the map.

    Attributes
    ----------
    route : str
        Route identifier, e.g. ``"trans-afghan-karachi"``.
    seq : int
        Order of the waypoint along the route, from 1.
    corridor : str
        The corridor the route belongs to, e.g. ``"trans-afghan"``; branches share it.
    corridor_en, corridor_nb : str
        The corridor's name in English and Bokmål (the label on the map).
    route_en, route_nb : str
        The route's name in English and Bokmål.
    place_en, place_nb : str
        The waypoint's name in English and Bokmål.
    lat, lon : float
        WGS84 degrees.
    source : str
        Where the row comes from.
    """

    route: str
    seq: int
    corridor: str
    corridor_en: str
    corridor_nb: str
    route_en: str
    route_nb: str
    place_en: str
    place_nb: str
    lat: float
    lon: float
    source: str


def _geodata_dir() -> Path:
    from mapping.gazetteer import geodata_dir

    return Path(geodata_dir())


def _read_csv(name: str, required: Sequence[str]) -> list[dict[str, str]]:
    path = _geodata_dir() / name
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise GeodataError(
            f"{path} cannot be read ({exc.strerror or exc}); the curated table ships with the "
            "repository: restore it from git."
        ) from exc
    missing = [col for col in required if rows and col not in rows[0]]
    if not rows or missing:
        raise GeodataError(f"{path} is empty or lacks the columns {missing or list(required)}.")
    for number, row in enumerate(rows, start=2):
        if not all((row.get(col) or "").strip() for col in required):
            raise GeodataError(f"{path}, line {number}: every column must be filled in.")
    return rows


@functools.cache
def ports() -> tuple[Port, ...]:
    """The curated major seaports of ``geodata/ports.csv``, in file order.

    Returns
    -------
    tuple of Port

    Raises
    ------
    mapping.errors.GeodataError
        When the file is missing or malformed.

    Examples
    --------
    >>> karachi = next(p for p in ports() if p.id == "karachi")
    >>> karachi.country, round(karachi.lat)
    ('PK', 25)
    """
    fields = ("id", "name_en", "name_nb", "country", "lat", "lon", "source")
    try:
        return tuple(
            Port(
                id=row["id"],
                name_en=row["name_en"],
                name_nb=row["name_nb"],
                country=row["country"],
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                source=row["source"],
            )
            for row in _read_csv("ports.csv", fields)
        )
    except ValueError as exc:
        raise GeodataError(f"geodata/ports.csv has a bad coordinate: {exc}") from exc


@functools.cache
def routes() -> dict[str, tuple[RouteStop, ...]]:
    """The curated routes to the sea of ``geodata/routes.csv``: route id -> ordered waypoints.

    Returns
    -------
    dict of str to tuple of RouteStop
        Routes in file order, waypoints sorted by ``seq``.

    Examples
    --------
    >>> [stop.place_en for stop in routes()["trans-afghan-karachi"]][:4]
    ['Termez', 'Mazar-i-Sharif', 'Kabul', 'Peshawar']
    """
    fields = (
        "route",
        "seq",
        "corridor",
        "corridor_en",
        "corridor_nb",
        "route_en",
        "route_nb",
        "place_en",
        "place_nb",
        "lat",
        "lon",
        "source",
    )
    out: dict[str, list[RouteStop]] = {}
    try:
        for row in _read_csv("routes.csv", fields):
            stop = RouteStop(
                route=row["route"],
                seq=int(row["seq"]),
                corridor=row["corridor"],
                corridor_en=row["corridor_en"],
                corridor_nb=row["corridor_nb"],
                route_en=row["route_en"],
                route_nb=row["route_nb"],
                place_en=row["place_en"],
                place_nb=row["place_nb"],
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                source=row["source"],
            )
            out.setdefault(stop.route, []).append(stop)
    except ValueError as exc:
        raise GeodataError(f"geodata/routes.csv has a bad number: {exc}") from exc
    return {key: tuple(sorted(stops, key=lambda s: s.seq)) for key, stops in out.items()}


# --------------------------------------------------------------------------- coastline


def _split_lines(coords: np.ndarray, ring_index: np.ndarray) -> Any:
    """Cut rings into short LineStrings of real coast segments (vectorised).

    ``coords`` are the (lon, lat) vertices of all rings, ``ring_index`` the ring of each.
    A segment is dropped when it runs along the +-180 meridian, where geometry is cut rather
    than coast, or is longer than :data:`_MAX_SEGMENT_DEG` (a jump across the antimeridian or
    an artefact of cutting there; no 1:50m coastline has such long straight segments).
    Runs of consecutive kept segments are cut into pieces of at most :data:`_CHUNK` segments.
    """
    import numpy as np
    import shapely

    start, end = coords[:-1], coords[1:]
    step = np.hypot(end[:, 0] - start[:, 0], end[:, 1] - start[:, 1])
    on_cut = (np.abs(np.abs(start[:, 0]) - 180.0) < 1e-9) & (
        np.abs(np.abs(end[:, 0]) - 180.0) < 1e-9
    )
    keep = (ring_index[:-1] == ring_index[1:]) & (step <= _MAX_SEGMENT_DEG) & ~on_cut
    seg = np.flatnonzero(keep)  # segment k joins vertex k and k + 1
    if seg.size == 0:
        return np.array([], dtype=object)
    new_run = np.ones(seg.size, dtype=bool)
    new_run[1:] = seg[1:] != seg[:-1] + 1
    run_id = np.cumsum(new_run) - 1
    run_start = np.flatnonzero(new_run)
    position = np.arange(seg.size) - run_start[run_id]
    new_chunk = new_run | (position % _CHUNK == 0)
    chunk_id = np.cumsum(new_chunk) - 1
    last = np.flatnonzero(np.append(new_chunk[1:], True))  # last segment of each chunk
    vertex = np.concatenate([seg, seg[last] + 1])
    owner = np.concatenate([chunk_id, chunk_id[last]])
    order = np.lexsort((vertex, owner))
    return shapely.linestrings(coords[vertex[order]], indices=owner[order])


def _drop(items: np.ndarray, index: np.ndarray) -> np.ndarray:
    import numpy as np

    keep = np.ones(len(items), dtype=bool)
    keep[index] = False
    return items[keep]


def _coast_lines(land_geoms: np.ndarray, country_geoms: np.ndarray) -> np.ndarray:
    """Sea-coast linework (short LineStrings) from land and country polygons.

    The coast is the exterior rings of the land polygons, without the islands that lie in a
    hole of the land (lake islands, e.g. in the Caspian), plus the exterior rings of country
    polygons that the land layer lacks (small islands such as Norfolk Island).
    """
    import numpy as np
    import shapely

    parts = shapely.get_parts(land_geoms)
    parts = parts[shapely.area(parts) > 0]
    country_parts = shapely.get_parts(country_geoms)
    country_parts = country_parts[shapely.area(country_parts) > 0]
    holes = [
        shapely.Polygon(ring)
        for part in parts
        for ring in part.interiors
        if shapely.area(shapely.Polygon(ring)) > 0
    ]
    if holes:
        hole_tree = shapely.STRtree(holes)
        parts = _drop(parts, hole_tree.query(parts, predicate="within")[0])
        country_parts = _drop(country_parts, hole_tree.query(country_parts, predicate="within")[0])
    # a country part the land layer lacks (a small island) has its point outside every land part
    points = shapely.STRtree(shapely.point_on_surface(country_parts))
    _, near_land = points.query(parts, predicate="contains")
    rings = shapely.get_exterior_ring(np.concatenate([parts, _drop(country_parts, near_land)]))
    coords, index = shapely.get_coordinates(rings, return_index=True)
    return _split_lines(coords, index)


@dataclass(frozen=True)
class _Coast:
    lines: Any  # numpy array of shapely LineStrings, (lon, lat)
    tree: Any  # shapely.STRtree over lines


@functools.cache
def _countries() -> tuple[geopandas.GeoDataFrame, np.ndarray]:
    """Natural Earth countries and their polygons without globe-wrapping parts."""
    from mapping import geometry

    countries = geometry.countries(detail=DETAIL)
    return countries, countries.geometry.values


@functools.cache
def _coast() -> _Coast:
    import shapely

    from mapping import geometry

    land = geometry.land(detail=DETAIL)
    lines = _coast_lines(land.geometry.values, _countries()[1])
    if len(lines) == 0:
        raise GeodataError(f"the {DETAIL} land geometry has no coastline; rebuild geodata/.")
    return _Coast(lines=lines, tree=shapely.STRtree(lines))


def coastline() -> geopandas.GeoDataFrame:
    """The sea coast as a GeoDataFrame of short LineStrings (EPSG:4326, lon/lat).

    The Caspian Sea and other inland waters are not part of it.

    Returns
    -------
    geopandas.GeoDataFrame
        One ``geometry`` column of LineStrings.

    Examples
    --------
    >>> coast = coastline()
    >>> bool(coast.geometry.geom_type.eq("LineString").all())
    True
    """
    import geopandas

    return geopandas.GeoDataFrame(geometry=list(_coast().lines), crs="EPSG:4326")


@functools.cache
def _geod() -> Any:
    from pyproj import Geod

    return Geod(ellps="WGS84")


def _aeqd(lat: float, lon: float) -> Any:
    """Azimuthal equidistant projection centred on (lat, lon): distances from the centre are
    geodesic on the WGS84 ellipsoid. Takes and gives (lon, lat) degrees / (x, y) metres."""
    from pyproj import Transformer

    return Transformer.from_pipeline(
        f"+proj=aeqd +lat_0={lat:.9f} +lon_0={lon:.9f} +ellps=WGS84 +units=m"
    )


def _window(p0: float, max_abs_lat: float) -> float:
    """Planar (degree) radius that surely holds every point geodesically nearer than ``p0``.

    A point at planar distance ``p0`` degrees is at most ``p0`` degrees of arc away; a point
    that near lies within ``p0 / cos(latitude)`` degrees in the plane, latitude being the
    largest the short path can reach. 1 % margin for the ellipsoid.
    """
    lat = min(max_abs_lat + p0, 89.5)
    return min(1.01 * p0 / math.cos(math.radians(lat)), 360.0)


def _nearest_coast_points(
    lons: Sequence[float], lats: Sequence[float], coast: _Coast
) -> list[tuple[float, float, float]]:
    """(km, lon, lat) of the geodesically nearest sea-coast point to each (lon, lat).

    The planar nearest coast piece bounds the search (:func:`_window`); the pieces inside
    the window are projected to an azimuthal equidistant projection centred on the point,
    where the distance from the centre is the geodesic distance, and the nearest is taken.
    """
    import numpy as np
    import shapely

    points = shapely.points(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))
    which, nearest = coast.tree.query_nearest(points, all_matches=False)
    planar = np.zeros(len(points))
    planar[which] = shapely.distance(points[which], coast.lines[nearest])
    radius = np.array([_window(p0, abs(lat)) for p0, lat in zip(planar, lats, strict=True)])
    left, right = coast.tree.query(points, predicate="dwithin", distance=np.maximum(radius, 1e-9))
    order = np.argsort(left, kind="stable")
    left, right = left[order], right[order]
    groups = np.split(right, np.searchsorted(left, np.arange(1, len(points))))
    origin = shapely.Point(0.0, 0.0)
    out = []
    for lon, lat, p0, group in zip(lons, lats, planar, groups, strict=True):
        if p0 == 0.0 or len(group) == 0:
            out.append((0.0, float(lon), float(lat)))
            continue
        to_aeqd = _aeqd(lat, lon)
        projected = shapely.transform(
            coast.lines[group], lambda xy, t=to_aeqd: np.column_stack(t.transform(*xy.T))
        )
        best = int(np.argmin(shapely.distance(origin, projected)))
        hit = shapely.shortest_line(origin, projected[best]).coords[1]
        hit_lon, hit_lat = to_aeqd.transform(*hit, direction="INVERSE")
        _, _, metres = _geod().inv(lon, lat, hit_lon, hit_lat)
        out.append((metres / 1000.0, float(hit_lon), float(hit_lat)))
    return out


def _nearest_coast_point(lon: float, lat: float, coast: _Coast) -> tuple[float, float, float]:
    """(km, lon, lat) of the geodesically nearest sea-coast point to (lon, lat)."""
    return _nearest_coast_points([lon], [lat], coast)[0]


def distance_to_coast_km(lat: float, lon: float) -> float:
    """Geodesic distance in km from a point to the nearest sea coast (lakes do not count).

    Parameters
    ----------
    lat, lon : float
        The point, in WGS84 degrees (note the order: latitude first, as geopy and folium).

    Returns
    -------
    float
        Kilometres; 0.0 for a point on the coastline.

    Raises
    ------
    ValueError
        When the coordinates are not finite or out of range.
    mapping.errors.GeodataError
        When the embedded geometry is missing or damaged.

    Examples
    --------
    >>> round(distance_to_coast_km(41.31, 69.28), -2)  # Tashkent
    1800.0
    """
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"not a WGS84 point: lat={lat!r}, lon={lon!r}")
    return _nearest_coast_point(lon, lat, _coast())[0]


def _border_to_coast(
    geom: Any, coast: _Coast
) -> tuple[float, tuple[float, float], tuple[float, float]]:
    """(km, (lon, lat) on the border, (lon, lat) on the coast) for the nearest pair."""
    import numpy as np
    import shapely

    nearest = coast.tree.query_nearest(geom)
    p0 = float(shapely.distance(geom, coast.lines[nearest]).min())
    if p0 <= TOUCH_TOLERANCE_DEG:
        return 0.0, (math.nan, math.nan), (math.nan, math.nan)
    _, miny, _, maxy = geom.bounds
    radius = _window(p0, max(abs(miny), abs(maxy)))
    candidates = coast.lines[coast.tree.query(geom, predicate="dwithin", distance=radius)]
    line = shapely.shortest_line(geom, shapely.multilinestrings(list(candidates)))
    (ax, ay), (bx, by) = line.coords
    mid_lon, mid_lat = (ax + bx) / 2.0, (ay + by) / 2.0
    to_aeqd = _aeqd(mid_lat, mid_lon)

    def project(g: Any) -> Any:
        return shapely.transform(g, lambda xy: np.column_stack(to_aeqd.transform(*xy.T)))

    boundary = project(shapely.boundary(geom))
    near = project(shapely.multilinestrings(list(candidates)))
    (px, py), (qx, qy) = shapely.shortest_line(boundary, near).coords
    plon, plat = to_aeqd.transform(px, py, direction="INVERSE")
    qlon, qlat = to_aeqd.transform(qx, qy, direction="INVERSE")
    _, _, metres = _geod().inv(plon, plat, qlon, qlat)
    return metres / 1000.0, (float(plon), float(plat)), (float(qlon), float(qlat))


# --------------------------------------------------------------------------- the frame


def _status(code: str | None, name: str) -> str:
    if code in UN_MEMBERS:
        return "UN member"
    if name in _DISPUTED_AREAS:
        return "disputed area"
    if code in _PARTIALLY_RECOGNISED or name in _PARTIALLY_RECOGNISED:
        return "partially recognised"
    if code in _UN_OBSERVERS:
        return "UN observer state"
    return "dependent territory"


def _keys(codes: Sequence[str | None], names: Sequence[str], areas: Sequence[float]) -> list[str]:
    """Row keys: the ISO code, given to the largest feature that has it; else the name."""
    owner: dict[str, int] = {}
    for i, code in enumerate(codes):
        if code and (code not in owner or areas[i] > areas[owner[code]]):
            owner[code] = i
    return [code if code and owner[code] == i else names[i] for i, code in enumerate(codes)]


@functools.cache
def _frame() -> geopandas.GeoDataFrame:
    import geopandas
    import numpy as np
    import pandas
    import shapely

    from mapping.gazetteer import load_gazetteer

    countries, geoms = _countries()
    coast = _coast()
    n = len(countries)
    codes = [c if isinstance(c, str) and c else None for c in countries["iso_a2"]]
    names = [str(x) for x in countries["name"]]
    keys = _keys(codes, names, shapely.area(geoms))

    touching, _ = coast.tree.query(geoms, predicate="dwithin", distance=TOUCH_TOLERANCE_DEG)
    coastal = np.zeros(n, dtype=bool)
    coastal[touching] = True

    tree = shapely.STRtree(geoms)
    # Borders are shared arcs, so touching countries intersect; for the landlocked ones,
    # whose neighbours decide "doubly landlocked", a gap within the tolerance counts too.
    left, right = tree.query(geoms, predicate="intersects")
    inland = np.flatnonzero(~coastal)
    near_left, near_right = tree.query(
        geoms[inland], predicate="dwithin", distance=TOUCH_TOLERANCE_DEG
    )
    neighbours: list[set[int]] = [set() for _ in range(n)]
    for a, b in zip(
        np.concatenate([left, inland[near_left], near_right]).tolist(),
        np.concatenate([right, near_right, inland[near_left]]).tolist(),
        strict=True,
    ):
        if a != b:
            neighbours[a].add(b)
    doubly = [
        (not coastal[i]) and bool(neighbours[i]) and not any(coastal[j] for j in neighbours[i])
        for i in range(n)
    ]

    gazetteer = load_gazetteer()
    port_list = ports()
    port_lon = np.array([p.lon for p in port_list])
    port_lat = np.array([p.lat for p in port_list])
    geod = _geod()

    capitals = []
    for i in range(n):
        # a second feature with a taken code (Ashmore and Cartier Is., "AU") is a territory
        duplicate = codes[i] is not None and keys[i] != codes[i]
        capitals.append(gazetteer.capital(codes[i]) if codes[i] and not duplicate else None)
    located = [i for i in range(n) if capitals[i] is not None]
    cap_lon = np.array([capitals[i].lon for i in located])
    cap_lat = np.array([capitals[i].lat for i in located])
    to_coast = dict(zip(located, _nearest_coast_points(cap_lon, cap_lat, coast), strict=True))
    _, _, metres = geod.inv(
        np.repeat(cap_lon, len(port_list)),
        np.repeat(cap_lat, len(port_list)),
        np.tile(port_lon, len(located)),
        np.tile(port_lat, len(located)),
    )
    metres = metres.reshape(len(located), len(port_list))
    to_port = {
        i: (port_list[int(np.argmin(row))].id, float(row.min()) / 1000.0)
        for i, row in zip(located, metres, strict=True)
    }

    rows: list[dict[str, Any]] = []
    for i in range(n):
        duplicate = codes[i] is not None and keys[i] != codes[i]
        capital = capitals[i]
        cap_km = to_coast[i][0] if i in to_coast else math.nan
        port_id, port_km = to_port.get(i, (None, math.nan))
        border_km = 0.0 if coastal[i] else _border_to_coast(geoms[i], coast)[0]
        rows.append(
            {
                "iso_a2": codes[i],
                "name": names[i],
                "landlocked": not coastal[i],
                "doubly_landlocked": doubly[i],
                "status": "dependent territory" if duplicate else _status(codes[i], names[i]),
                "recognised": not duplicate and (codes[i] in UN_MEMBERS or codes[i] == "VA"),
                "capital": capital.name if capital is not None else None,
                "capital_lat": capital.lat if capital is not None else math.nan,
                "capital_lon": capital.lon if capital is not None else math.nan,
                "capital_to_coast_km": cap_km,
                "border_to_coast_km": border_km,
                "nearest_port": port_id,
                "capital_to_port_km": port_km,
                "neighbours": tuple(sorted(keys[j] for j in neighbours[i])),
            }
        )
    frame = geopandas.GeoDataFrame(rows, geometry=list(geoms), crs="EPSG:4326")
    frame.index = pandas.Index(keys, name="key")
    return frame[list(FRAME_COLUMNS)]


#: Columns of :func:`landlocked_frame`, in order.
FRAME_COLUMNS = (
    "iso_a2",
    "name",
    "landlocked",
    "doubly_landlocked",
    "recognised",
    "status",
    "capital",
    "capital_lat",
    "capital_lon",
    "capital_to_coast_km",
    "border_to_coast_km",
    "nearest_port",
    "capital_to_port_km",
    "neighbours",
    "geometry",
)


def landlocked_frame() -> geopandas.GeoDataFrame:
    """Every Natural Earth country with its access to the sea, one row each.

    Computed once from the Natural Earth 1:50m geometry (it has the microstates Andorra,
    Liechtenstein, San Marino and Vatican City) and cached; each call returns a fresh copy,
    so callers may change it freely.

    Returns
    -------
    geopandas.GeoDataFrame
        Indexed by ISO alpha-2 code (Natural Earth's name where there is none, e.g.
        "Siachen Glacier"), EPSG:4326, with the columns

        ``iso_a2`` (str or None), ``name`` (Natural Earth's English name),
        ``landlocked``, ``doubly_landlocked`` (bool),
        ``recognised`` (bool: a UN member state, or the Holy See),
        ``status`` ("UN member", "UN observer state", "partially recognised",
        "dependent territory" or "disputed area"),
        ``capital`` (English name or None), ``capital_lat``, ``capital_lon``,
        ``capital_to_coast_km`` (geodesic km from the capital to the nearest sea coast),
        ``border_to_coast_km`` (from the nearest point of the territory; 0 for coastal),
        ``nearest_port`` (id in ``geodata/ports.csv``), ``capital_to_port_km``,
        ``neighbours`` (tuple of the keys of the countries sharing a land border),
        ``geometry`` (the country's (Multi)Polygon).

    Raises
    ------
    mapping.errors.GeodataError
        When the embedded geodata is missing or damaged.

    Examples
    --------
    >>> frame = landlocked_frame()
    >>> sorted(frame.index[frame["doubly_landlocked"]])
    ['LI', 'UZ']
    >>> bool(frame.loc["KZ", "landlocked"]), round(float(frame.loc["UZ", "capital_to_coast_km"]), -2)
    (True, 1800.0)
    """
    return _frame().copy()


def _resolve_region(
    region: str | Iterable[str], known: Iterable[str]
) -> tuple[str | None, list[str]]:
    """(region Place id or None, ISO codes) for a region name or an iterable of ISO codes."""
    known = set(known)
    if isinstance(region, str):
        text = region.strip()
        if not text:
            raise UnknownRegionError(
                "the region is empty: give a name like 'Central Asia' or ISO codes"
            )
        if len(text) == 2 and text.upper() in known:
            return None, [text.upper()]
        from mapping.gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
        for place in gazetteer.lookup(text):
            if place.members:
                return place.id, [c for c in place.members if c in known]
            if place.kind == "country" and place.country_code in known:
                return None, [place.country_code]
        raise UnknownRegionError(
            f"unknown region {region!r}: use a region or continent name such as 'Central Asia', "
            "'Africa', 'South America', 'Europe', or a list of ISO alpha-2 country codes"
        )
    codes = []
    for code in region:
        if not isinstance(code, str) or code.strip().upper() not in known:
            raise UnknownRegionError(
                f"unknown country code {code!r} (expected ISO alpha-2, e.g. 'KZ')"
            )
        codes.append(code.strip().upper())
    if not codes:
        raise UnknownRegionError("no country codes given")
    return None, list(dict.fromkeys(codes))


def region_codes(region: str | Iterable[str]) -> list[str]:
    """ISO alpha-2 codes of the countries a region name (any language) or code list means.

    Parameters
    ----------
    region : str or iterable of str
        A region or continent the gazetteer knows ("Central Asia", "Sentral-Asia",
        "Africa", "Europa" ...), one ISO code, or an iterable of ISO codes.

    Returns
    -------
    list of str
        Codes that have a Natural Earth polygon, in the region's order.

    Raises
    ------
    mapping.errors.UnknownRegionError
        For a name or code the embedded geodata does not know.

    Examples
    --------
    >>> region_codes("Sentral-Asia")
    ['KZ', 'KG', 'TJ', 'TM', 'UZ']
    """
    frame = _frame()
    known = [k for k, c in zip(frame.index, frame["iso_a2"], strict=True) if k == c]
    return _resolve_region(region, known)[1]


# --------------------------------------------------------------------------- the map

#: Style of a landlocked country.
LANDLOCKED_STYLE: dict[str, Any] = {
    "color": "#8a5a00",
    "weight": 1.5,
    "fillColor": "#e8a33d",
    "fillOpacity": 0.45,
}
#: Style of a doubly landlocked country (every neighbour landlocked too).
DOUBLY_LANDLOCKED_STYLE: dict[str, Any] = {
    "color": "#7a1f1f",
    "weight": 2.5,
    "dashArray": "6 3",
    "fillColor": "#c0392b",
    "fillOpacity": 0.5,
}
#: Style of an inland lake drawn on the map (the Caspian).
LAKE_STYLE: dict[str, Any] = {
    "color": "#2b7bb9",
    "weight": 1.5,
    "dashArray": "4 4",
    "fillColor": "#9ecae1",
    "fillOpacity": 0.6,
}
_CAPITAL_COLOR = "#222222"
_PORT_COLOR = "#0b3d91"
_COAST_LINE_COLOR = "#555555"
_ROUTE_COLORS = ("#2e7d32", "#6a1b9a", "#00838f", "#ad1457", "#ef6c00")

_TEXT: dict[str, dict[str, str]] = {
    "nb": {
        "title": "Kystløse land – {region}",
        "title_plain": "Kystløse land",
        "landlocked": "Kystløst land",
        "doubly": "Dobbelt kystløst land (bare kystløse naboer)",
        "capital": "Hovedstad",
        "port": "Stor havn",
        "route": "Vei til havet (skjematisk)",
        "shortest": "Korteste avstand til havet",
        "lake": "Innsjø, ikke hav",
        "lake_label": "{name} – innsjø, ikke hav",
        "capital_km": "Fra hovedstaden til havet: {km}",
        "border_km": "Fra nærmeste grense til havet: {km}",
        "port_km": "Nærmeste store havn: {port}, {km} i luftlinje",
        "coastal": "Har kyst",
        "legend": "Tegnforklaring",
        "note": "Avstander i luftlinje til nærmeste kyst. Kaspihavet regnes ikke som hav.",
        "layer_landlocked": "Kystløse land",
        "layer_labels": "Navn på land",
        "layer_capitals": "Hovedsteder og avstand til havet",
        "layer_routes": "Veier til havet",
        "layer_ports": "Havner",
        "layer_lake": "Innsjøer",
    },
    "nn": {
        "title": "Kystlause land – {region}",
        "title_plain": "Kystlause land",
        "landlocked": "Kystlaust land",
        "doubly": "Dobbelt kystlaust land (berre kystlause naboar)",
        "capital": "Hovudstad",
        "port": "Stor hamn",
        "route": "Veg til havet (skjematisk)",
        "shortest": "Kortaste avstand til havet",
        "lake": "Innsjø, ikkje hav",
        "lake_label": "{name} – innsjø, ikkje hav",
        "capital_km": "Frå hovudstaden til havet: {km}",
        "border_km": "Frå næraste grense til havet: {km}",
        "port_km": "Næraste store hamn: {port}, {km} i luftline",
        "coastal": "Har kyst",
        "legend": "Teiknforklaring",
        "note": "Avstandar i luftline til næraste kyst. Kaspihavet vert ikkje rekna som hav.",
        "layer_landlocked": "Kystlause land",
        "layer_labels": "Namn på land",
        "layer_capitals": "Hovudstader og avstand til havet",
        "layer_routes": "Vegar til havet",
        "layer_ports": "Hamner",
        "layer_lake": "Innsjøar",
    },
    "en": {
        "title": "Landlocked countries – {region}",
        "title_plain": "Landlocked countries",
        "landlocked": "Landlocked country",
        "doubly": "Doubly landlocked (only landlocked neighbours)",
        "capital": "Capital",
        "port": "Major seaport",
        "route": "Route to the sea (schematic)",
        "shortest": "Shortest distance to the sea",
        "lake": "Lake, not the sea",
        "lake_label": "{name} – a lake, not the sea",
        "capital_km": "From the capital to the sea: {km}",
        "border_km": "From the nearest border to the sea: {km}",
        "port_km": "Nearest major seaport: {port}, {km} as the crow flies",
        "coastal": "Has a coast",
        "legend": "Legend",
        "note": "Straight-line distances to the nearest sea coast. The Caspian is not counted as sea.",
        "layer_landlocked": "Landlocked countries",
        "layer_labels": "Country names",
        "layer_capitals": "Capitals and distance to the sea",
        "layer_routes": "Routes to the sea",
        "layer_ports": "Seaports",
        "layer_lake": "Lakes",
    },
}


def format_km(km: float, *, lang: str = "nb") -> str:
    """Format a distance for a map label: whole km with the language's digit grouping.

    Examples
    --------
    >>> format_km(1757.6, lang="nb"), format_km(1757.6, lang="en")
    ('1\\xa0758 km', '1,758 km')
    """
    if not math.isfinite(km):
        return "–"
    text = f"{round(km):,}"
    return (text if lang == "en" else text.replace(",", "\u00a0")) + " km"


def _label_marker(latlon: tuple[float, float], text: str, css: str) -> folium.CircleMarker:
    import folium

    from mapping.maps import HtmlTooltip

    marker = folium.CircleMarker(
        location=latlon,
        radius=1,
        weight=0,
        opacity=0,
        fill=False,
        interactive=False,
        class_name="mapping-anchor",
    )
    HtmlTooltip(text, permanent=True, direction="center", class_name=f"mapping-label {css}").add_to(
        marker
    )
    return marker


def _label_point(geom: Any, view: Any) -> tuple[float, float]:
    """(lat, lon) for a country's label: inside the part of it that is in view."""
    inside = geom.intersection(view) if view is not None else geom
    target = inside if not inside.is_empty else geom
    if target.geom_type == "MultiPolygon":
        target = max(target.geoms, key=lambda g: g.area)
    lat, lon = latlon(target.representative_point().coords[0])
    return (round(lat, 4), round(lon, 4))


def _main_part(geom: Any) -> Any:
    if geom.geom_type == "MultiPolygon":
        return max(geom.geoms, key=lambda g: g.area)
    return geom


def _geodesic_line(a: tuple[float, float], b: tuple[float, float]) -> list[tuple[float, float]]:
    """(lat, lon) points along the geodesic from (lat, lon) ``a`` to ``b``."""
    npts = _geod().npts(a[1], a[0], b[1], b[0], 16)
    return (
        [(round(a[0], 4), round(a[1], 4))]
        + [(round(lat, 4), round(lon, 4)) for lon, lat in npts]
        + [(round(b[0], 4), round(b[1], 4))]
    )


def _route_sets(focus_geom: Any) -> list[str]:
    """Route ids with a waypoint in ``focus_geom``, plus the routes joined to them."""
    import shapely

    all_routes = routes()
    chosen = {
        rid
        for rid, stops in all_routes.items()
        if any(focus_geom.covers(shapely.Point(s.lon, s.lat)) for s in stops)
    }
    grown = True
    while grown:
        grown = False
        points = {(s.lat, s.lon) for rid in chosen for s in all_routes[rid]}
        for rid, stops in all_routes.items():
            if rid not in chosen and any((s.lat, s.lon) in points for s in stops):
                chosen.add(rid)
                grown = True
    return [rid for rid in all_routes if rid in chosen]


def landlocked_map(
    region: str | Iterable[str] = "Central Asia",
    *,
    lang: str = "nb",
    tiles: Sequence[str] | str | None = "default",
    show_tiles: bool = True,
    title: str | None = None,
    show_routes: bool = True,
) -> folium.Map:
    """A classroom map of the landlocked countries of a region and their way to the sea.

    Landlocked countries are shaded, doubly landlocked ones (Uzbekistan, Liechtenstein) in
    their own style; the landlocked countries and their neighbours outside the region are
    labelled; each capital has a popup with its distance to the sea (from the capital and
    from the nearest border) and to the nearest major seaport, and a dotted geodesic line to
    the nearest coast; the Caspian Sea is labelled as a lake when in view; the routes to the
    sea of ``geodata/routes.csv`` that start in the region are drawn as labelled lines; a
    legend explains it all. Names follow ``lang``.

    Parameters
    ----------
    region : str or iterable of str
        A region or continent name in any language the gazetteer knows ("Central Asia",
        "Sentral-Asia", "Africa", "South America", "Europe" ...), or ISO alpha-2 codes.
    lang : str
        "nb", "nn" or "en".
    tiles : sequence of str, "default" or None
        Online tile layers (xyzservices names) over the offline base; "default" for
        :data:`mapping.maps.DEFAULT_TILES`, ``None`` for an offline-only map.
    show_tiles : bool
        Show the first tile layer at start.
    title : str, optional
        Title on the map; default "Kystløse land – Sentral-Asia" in the chosen language.
    show_routes : bool
        Draw the routes to the sea.
    Returns
    -------
    folium.Map
        Save it with :func:`mapping.export.save_html`.

    Raises
    ------
    mapping.errors.UnknownRegionError
        For a region name or code the embedded geodata does not know.
    ValueError
        For an unknown ``lang``.

    Examples
    --------
    >>> m = landlocked_map("Central Asia", lang="nb", tiles=None)
    >>> m2 = landlocked_map(["BO", "PY"], lang="en", tiles=None)
    """
    import folium
    import shapely

    from mapping.gazetteer import load_gazetteer
    from mapping.maps import (
        DEFAULT_TILES,
        HtmlPopup,
        HtmlTooltip,
        add_legend,
        add_title,
        base_map,
        geometry_layer,
        popup_html,
    )

    if lang not in _TEXT:
        raise ValueError(f"lang must be one of {', '.join(_TEXT)}, not {lang!r}")
    text = _TEXT[lang]
    frame = _frame()
    by_code = {key: key for key, c in zip(frame.index, frame["iso_a2"], strict=True) if key == c}
    region_id, codes = _resolve_region(region, by_code)
    gazetteer = load_gazetteer()

    def country_label(key: str) -> str:
        place = gazetteer.country(key) if key in by_code else None
        return place.label(lang) if place is not None else str(frame.at[key, "name"])

    focus = [by_code[c] for c in codes]
    landlocked = [k for k in focus if frame.at[k, "landlocked"]]
    doubly = [k for k in landlocked if frame.at[k, "doubly_landlocked"]]
    single = [k for k in landlocked if k not in doubly]
    focus_geom = shapely.union_all([frame.at[k, "geometry"] for k in focus])

    route_ids = _route_sets(focus_geom) if show_routes else []
    all_routes = routes()
    stops = [s for rid in route_ids for s in all_routes[rid]]
    port_by_id = {p.id: p for p in ports()}
    shown_ports = {frame.at[k, "nearest_port"] for k in landlocked if frame.at[k, "nearest_port"]}
    stop_points = {(round(s.lat, 2), round(s.lon, 2)) for s in stops}
    for port in port_by_id.values():
        if any(abs(port.lat - lat) < 0.3 and abs(port.lon - lon) < 0.3 for lat, lon in stop_points):
            shown_ports.add(port.id)

    # view: main parts of the region's countries (no overseas parts, no giant neighbours)
    parts = [_main_part(frame.at[k, "geometry"]) for k in focus]
    parts = [p for p in parts if p.bounds[2] - p.bounds[0] < 60] or parts
    lons = [b for p in parts for b in (p.bounds[0], p.bounds[2])]
    lats = [b for p in parts for b in (p.bounds[1], p.bounds[3])]
    for lat, lon in [(s.lat, s.lon) for s in stops] + [
        (port_by_id[p].lat, port_by_id[p].lon) for p in shown_ports
    ]:
        lats.append(lat)
        lons.append(lon)
    bounds = [[min(lats), min(lons)], [max(lats), max(lons)]]
    bounds_box = shapely.box(min(lons), min(lats), max(lons), max(lats))
    view = bounds_box.buffer(3, join_style="mitre")

    if isinstance(tiles, str):
        tiles = DEFAULT_TILES if tiles == "default" else (tiles,)
    m = base_map(lang=lang, tiles=tiles, show_tiles=show_tiles, bounds=bounds)

    # the Caspian (and other large lakes) in view, labelled as lakes
    from mapping import geometry

    lakes = geometry.lakes(detail=DETAIL)
    lake_feats = []
    for i, row in enumerate(lakes.itertuples(index=False)):
        name = getattr(row, "name", None)
        if not isinstance(name, str) or not name or row.geometry is None:
            continue  # only named lakes (the Caspian ...); the base map draws the others
        if not bounds_box.contains(row.geometry.representative_point()):
            continue  # the lake's middle is outside the region's bounds
        place = next((p for p in gazetteer.lookup(name) if p.kind == "lake"), None)
        label = text["lake_label"].format(name=place.label(lang) if place is not None else name)
        lake_feats.append((f"lake{i}", row.geometry, label))
    if lake_feats:
        lake_group = folium.FeatureGroup(name=text["layer_lake"])
        layer = geometry_layer(lake_feats, style=LAKE_STYLE, css_class="mapping-lake")
        if layer is not None:
            layer.add_to(lake_group)
        for _, geom, label in lake_feats:
            _label_marker(_label_point(geom, view), label, "mapping-lake-label").add_to(lake_group)
        lake_group.add_to(m)

    shaded = folium.FeatureGroup(name=text["layer_landlocked"])
    for keys, style, css, what in (
        (single, LANDLOCKED_STYLE, "mapping-landlocked", text["landlocked"]),
        (doubly, DOUBLY_LANDLOCKED_STYLE, "mapping-doubly-landlocked", text["doubly"]),
    ):
        layer = geometry_layer(
            [
                (str(k), frame.at[k, "geometry"].simplify(0.01), f"{country_label(k)}: {what}")
                for k in keys
            ],
            style=style,
            css_class=css,
        )
        if layer is not None:
            layer.add_to(shaded)
    shaded.add_to(m)

    # labels: the landlocked countries, and their neighbours (and route countries) outside
    labels = folium.FeatureGroup(name=text["layer_labels"])
    neighbours = {n for k in landlocked for n in frame.at[k, "neighbours"]}
    for s in stops:
        hits = frame.index[frame.sindex.query(shapely.Point(s.lon, s.lat), predicate="intersects")]
        neighbours.update(hits)
    neighbours -= set(focus)
    for key in landlocked:
        _label_marker(
            _label_point(frame.at[key, "geometry"], view),
            country_label(key),
            "mapping-country-label",
        ).add_to(labels)
    for key in sorted(neighbours):
        if frame.at[key, "geometry"].intersects(view):
            _label_marker(
                _label_point(frame.at[key, "geometry"], view),
                country_label(key),
                "mapping-neighbour-label",
            ).add_to(labels)
    labels.add_to(m)

    coast = _coast()
    capitals = folium.FeatureGroup(name=text["layer_capitals"])
    for key in landlocked:
        row = frame.loc[key]
        capital = gazetteer.capital(key) if key in by_code else None
        if capital is None:
            continue
        km, hit_lon, hit_lat = _nearest_coast_point(capital.lon, capital.lat, coast)
        folium.PolyLine(
            _geodesic_line(capital.latlon, (hit_lat, hit_lon)),
            color=_COAST_LINE_COLOR,
            weight=2,
            dash_array="2 6",
            class_name="mapping-to-coast",
        ).add_to(capitals)
        port = port_by_id.get(row["nearest_port"])
        lines = [
            text["capital_km"].format(km=format_km(km, lang=lang)),
            text["border_km"].format(km=format_km(row["border_to_coast_km"], lang=lang)),
        ]
        if port is not None:
            lines.append(
                text["port_km"].format(
                    port=port.label(lang), km=format_km(row["capital_to_port_km"], lang=lang)
                )
            )
        marker = folium.CircleMarker(
            location=capital.latlon,
            radius=6,
            color="#ffffff",
            weight=2,
            fill=True,
            fill_color=_CAPITAL_COLOR,
            fill_opacity=0.95,
            class_name="mapping-marker mapping-capital",
        )
        title_text = f"{capital.label(lang)} ({country_label(key)})"
        HtmlTooltip(f"{capital.label(lang)}: {format_km(km, lang=lang)}").add_to(marker)
        HtmlPopup(popup_html(title_text, meta=text["capital"], lines=lines)).add_to(marker)
        marker.add_to(capitals)
    capitals.add_to(m)

    legend: list[tuple[str, str, str]] = []
    if single:
        legend.append((text["landlocked"], LANDLOCKED_STYLE["fillColor"], "square"))
    if doubly:
        legend.append((text["doubly"], DOUBLY_LANDLOCKED_STYLE["fillColor"], "square"))
    if lake_feats:
        legend.append((text["lake"], LAKE_STYLE["fillColor"], "square"))
    legend.append((text["capital"], _CAPITAL_COLOR, "circle"))
    legend.append((text["shortest"], _COAST_LINE_COLOR, "line"))

    if route_ids:
        route_group = folium.FeatureGroup(name=text["layer_routes"])
        longest: dict[str, tuple[float, tuple[float, float], str]] = {}
        for i, rid in enumerate(route_ids):
            route = all_routes[rid]
            colour = _ROUTE_COLORS[i % len(_ROUTE_COLORS)]
            name = route[0].route_en if lang == "en" else route[0].route_nb
            line = folium.PolyLine(
                [(s.lat, s.lon) for s in route],
                color=colour,
                weight=4,
                opacity=0.85,
                class_name="mapping-route",
            )
            HtmlTooltip(name, sticky=True).add_to(line)
            line.add_to(route_group)
            legend.append((name, colour, "line"))
            # each corridor is labelled once, in the middle of its longest segment
            for a, b in zip(route[:-1], route[1:], strict=True):
                length = math.hypot(a.lat - b.lat, a.lon - b.lon)
                if length > longest.get(a.corridor, (0.0,))[0]:
                    corridor = a.corridor_en if lang == "en" else a.corridor_nb
                    middle = (round((a.lat + b.lat) / 2, 4), round((a.lon + b.lon) / 2, 4))
                    longest[a.corridor] = (length, middle, corridor)
        for _, middle, corridor in longest.values():
            _label_marker(middle, corridor, "mapping-route-label").add_to(route_group)
        seen: set[tuple[float, float]] = set()
        for s in stops:
            if (s.lat, s.lon) in seen:
                continue
            seen.add((s.lat, s.lon))
            dot = folium.CircleMarker(
                location=(s.lat, s.lon),
                radius=3,
                color="#333333",
                weight=1,
                fill=True,
                fill_color="#ffffff",
                fill_opacity=1.0,
                class_name="mapping-waypoint",
            )
            HtmlTooltip(s.place_en if lang == "en" else s.place_nb).add_to(dot)
            dot.add_to(route_group)
        route_group.add_to(m)

    if shown_ports:
        port_group = folium.FeatureGroup(name=text["layer_ports"])
        for pid in sorted(shown_ports):
            port = port_by_id[pid]
            dot = folium.CircleMarker(
                location=(port.lat, port.lon),
                radius=6,
                color="#ffffff",
                weight=2,
                fill=True,
                fill_color=_PORT_COLOR,
                fill_opacity=0.95,
                class_name="mapping-marker mapping-port",
            )
            HtmlTooltip(f"{text['port']}: {port.label(lang)}").add_to(dot)
            dot.add_to(port_group)
        port_group.add_to(m)
        legend.append((text["port"], _PORT_COLOR, "circle"))

    add_legend(m, legend, title=text["legend"], note=text["note"])
    if title is None:
        region_place = gazetteer.get(region_id) if region_id else None
        title = (
            text["title"].format(region=region_place.label(lang))
            if region_place is not None
            else text["title_plain"]
        )
    add_title(m, title)
    folium.LayerControl(collapsed=True).add_to(m)
    return m
