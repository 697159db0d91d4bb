"""geopy geocoders: the offline gazetteer, and an opt-in cached Nominatim.

:class:`GazetteerGeocoder` answers from the embedded gazetteer and never touches the
network. :func:`online_geocoder` wraps geopy's Nominatim in a 1 request/second
:class:`~geopy.extra.rate_limiter.RateLimiter` with an on-disk JSON cache; without a
network it warns once and returns None, so callers carry on offline.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
import threading
import warnings
from pathlib import Path
from typing import Any

from geopy.exc import GeocoderServiceError
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from mapping.gazetteer import Gazetteer, load_gazetteer, normalize
from mapping.model import Place

__all__ = [
    "GazetteerGeocoder",
    "OnlineGeocoder",
    "online_geocoder",
    "default_cache_dir",
    "location_to_place",
]

_EARTH_RADIUS_KM = 6371.0088


def _location(place: Place, gazetteer: Gazetteer, language: str | None) -> Location:
    lang = language or "en"
    address = place.label(lang)
    if place.kind not in ("country", "union", "continent") and place.country_code:
        country = gazetteer.country(place.country_code)
        if country is not None:
            address = f"{address}, {country.label(lang)}"
    raw = {
        "id": place.id,
        "name": place.name,
        "kind": place.kind,
        "country_code": place.country_code,
        "population": place.population,
        "labels": dict(place.labels),
        "members": list(place.members),
    }
    return Location(address, Point(place.lat, place.lon), raw)


class GazetteerGeocoder(Geocoder):
    """An offline geopy geocoder over the embedded gazetteer.

    Parameters
    ----------
    gazetteer : mapping.gazetteer.Gazetteer, optional
        Default :func:`mapping.gazetteer.load_gazetteer`.

    Examples
    --------
    >>> geo = GazetteerGeocoder()
    >>> loc = geo.geocode("Kasakhstan", language="nb")
    >>> loc.address, loc.raw["id"]
    ('Kasakhstan', 'country:KZ')
    >>> geo.geocode("Paris, USA").raw["country_code"]
    'US'
    """

    def __init__(self, gazetteer: Gazetteer | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()

    def _candidates(self, query: str) -> list[Place]:
        places = self.gazetteer.lookup(query)
        if places or "," not in query:
            return places
        # "Paris, France" / "Paris, Texas": the head, restricted by what follows.
        head, _, tail = query.partition(",")
        within = self.gazetteer.lookup(tail)
        codes = {p.country_code for p in within if p.kind in ("country", "admin")}
        return [p for p in self.gazetteer.lookup(head) if p.country_code in codes]

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        language: str | None = None,
        timeout: Any = None,
    ) -> Location | list[Location] | None:
        """Return the best place called ``query`` (or all, best first), else None.

        Parameters
        ----------
        query : str
            A place name in any spelling the gazetteer knows; "Name, Country" narrows
            the candidates to that country.
        exactly_one : bool
            Return one :class:`geopy.location.Location` (True) or a list.
        language : str, optional
            "nb", "nn" or "en": the language of ``Location.address``.
        timeout
            Accepted for geopy compatibility; ignored (no network).
        """
        if not isinstance(query, str):
            raise TypeError(f"query must be a str, not {type(query).__name__}")
        if not query.strip():
            return None
        places = self._candidates(query)
        if not places:
            return None
        locations = [_location(p, self.gazetteer, language) for p in places]
        return locations[0] if exactly_one else locations

    def reverse(
        self,
        query: Any,
        *,
        exactly_one: bool = True,
        language: str | None = None,
        timeout: Any = None,
    ) -> Location | list[Location] | None:
        """Return the nearest gazetteer city to a (lat, lon) point.

        ``query`` is anything :class:`geopy.point.Point` accepts: ``(lat, lon)``, a
        Point or ``"lat, lon"``. With ``exactly_one=False`` the five nearest come back.

        Examples
        --------
        >>> GazetteerGeocoder().reverse((59.91, 10.75)).raw["name"]
        'Oslo'
        """
        point = Point(query)
        lat0, lon0 = math.radians(point.latitude), math.radians(point.longitude)
        cos0 = math.cos(lat0)
        scored = []
        for place in self.gazetteer.places("city"):
            lat, lon = math.radians(place.lat), math.radians(place.lon)
            h = (
                math.sin((lat - lat0) / 2) ** 2
                + cos0 * math.cos(lat) * math.sin((lon - lon0) / 2) ** 2
            )
            scored.append((h, place.id, place))
        scored.sort(key=lambda item: (item[0], item[1]))
        best = [_location(p, self.gazetteer, language) for _, _, p in scored[:5]]
        if not best:
            return None
        return best[0] if exactly_one else best


def default_cache_dir() -> Path:
    """Return ``$XDG_CACHE_HOME/mapping`` (default ``~/.cache/mapping``).

    Examples
    --------
    >>> default_cache_dir().name
    'mapping'
    """
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mapping"


class OnlineGeocoder:
    """Cached, rate-limited Nominatim that degrades to offline (see :func:`online_geocoder`).

    Call it like ``geopy``'s ``geocode``: ``geo("Astana")`` or ``geo.geocode("Astana")``.

    Attributes
    ----------
    cache_path : pathlib.Path
        The JSON cache file.
    offline : bool
        True once the service could not be reached; later calls answer from the cache only.
    """

    def __init__(
        self,
        nominatim: Nominatim,
        *,
        cache_path: Path,
        min_delay_seconds: float = 1.0,
    ) -> None:
        from geopy.extra.rate_limiter import RateLimiter

        self.nominatim = nominatim
        self.cache_path = cache_path
        self.offline = False
        self._lock = threading.Lock()
        self._cache: dict[str, Any] | None = None
        self._limited = RateLimiter(
            nominatim.geocode,
            min_delay_seconds=min_delay_seconds,
            max_retries=0,
            swallow_exceptions=False,
        )

    def _load_cache(self) -> dict[str, Any]:
        if self._cache is None:
            try:
                data = json.loads(self.cache_path.read_text(encoding="utf-8"))
                self._cache = data if isinstance(data, dict) else {}
            except (OSError, ValueError):
                self._cache = {}
        return self._cache

    def _save_cache(self) -> None:
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self._cache, ensure_ascii=False, sort_keys=True, indent=1)
        fd, tmp = tempfile.mkstemp(
            dir=self.cache_path.parent, prefix=self.cache_path.name, suffix=".tmp"
        )
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, self.cache_path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def __call__(
        self, query: str, *, exactly_one: bool = True, language: str | None = None
    ) -> Location | list[Location] | None:
        """Geocode ``query`` online (or from the cache); None when not found or offline."""
        if not isinstance(query, str):
            raise TypeError(f"query must be a str, not {type(query).__name__}")
        if not query.strip():
            return None
        key = f"{language or ''}|{int(exactly_one)}|{normalize(query)}"
        with self._lock:
            cache = self._load_cache()
            if key in cache:
                return _from_cache(cache[key], exactly_one)
            if self.offline:
                return None
            try:
                result = self._limited(query, exactly_one=exactly_one, language=language or False)
            except GeocoderServiceError as exc:
                self.offline = True
                warnings.warn(
                    f"The online geocoder (Nominatim at {self.nominatim.domain}) cannot be "
                    f"reached ({type(exc).__name__}: {exc}); carrying on with the offline "
                    "gazetteer only.",
                    UserWarning,
                    stacklevel=2,
                )
                return None
            found = [] if result is None else [result] if exactly_one else list(result)
            cache[key] = [
                {"address": loc.address, "lat": loc.latitude, "lon": loc.longitude, "raw": loc.raw}
                for loc in found
            ]
            self._save_cache()
            return _from_cache(cache[key], exactly_one)

    geocode = __call__


def _from_cache(entries: list[dict[str, Any]], exactly_one: bool) -> Location | list | None:
    if not entries:
        return None
    locations = [Location(e["address"], Point(e["lat"], e["lon"]), e["raw"]) for e in entries]
    return locations[0] if exactly_one else locations


def online_geocoder(
    *,
    user_agent: str = "mapping-classroom/0.1",
    cache_dir: str | os.PathLike[str] | None = None,
    min_delay_seconds: float = 1.0,
    domain: str = "nominatim.openstreetmap.org",
    scheme: str = "https",
    timeout: float = 5.0,
) -> OnlineGeocoder:
    """Return an opt-in online geocoder: Nominatim, 1 request/second, cached on disk.

    Results (also "not found") are kept in ``<cache_dir>/nominatim.json`` (written
    atomically), so a query is sent at most once. Without a network the first failed
    call warns once (``UserWarning``) and returns None; the geocoder then answers from
    the cache only.

    Parameters
    ----------
    user_agent : str
        Sent to Nominatim, as its usage policy requires.
    cache_dir : path, optional
        Default :func:`default_cache_dir` (``~/.cache/mapping``).
    min_delay_seconds : float
        Pause between requests (Nominatim allows one per second).
    domain, scheme, timeout
        Passed to :class:`geopy.geocoders.Nominatim` (a local mirror, or a test server).

    Examples
    --------
    >>> geo = online_geocoder(cache_dir="/tmp/mapping-doctest", domain="127.0.0.1:9", scheme="http")
    >>> geo.cache_path.name
    'nominatim.json'
    """
    directory = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    nominatim = Nominatim(user_agent=user_agent, domain=domain, scheme=scheme, timeout=timeout)
    return OnlineGeocoder(
        nominatim, cache_path=directory / "nominatim.json", min_delay_seconds=min_delay_seconds
    )


# Nominatim's addresstype / type -> Place.kind
_NOMINATIM_KINDS = {
    "country": "country",
    "state": "admin",
    "province": "admin",
    "region": "region",
    "county": "admin",
    "city": "city",
    "town": "city",
    "village": "city",
    "hamlet": "city",
    "municipality": "city",
    "suburb": "city",
    "island": "island",
    "archipelago": "island",
    "sea": "sea",
    "ocean": "sea",
    "bay": "sea",
    "strait": "sea",
    "water": "lake",
    "lake": "lake",
    "continent": "continent",
}


def location_to_place(location: Location) -> Place:
    """Turn a geopy :class:`~geopy.location.Location` into a :class:`~mapping.model.Place`.

    Locations from :class:`GazetteerGeocoder` come back as the gazetteer's own place;
    others (Nominatim) get an ``osm:`` id, a kind from Nominatim's ``addresstype`` and the
    first part of the address as their name.

    Examples
    --------
    >>> from geopy.location import Location
    >>> loc = Location("Vrommelvik, Nordland, Norge", (67.1, 14.2), {"osm_type": "node",
    ...     "osm_id": 7, "addresstype": "village", "address": {"country_code": "no"}})
    >>> p = location_to_place(loc)
    >>> (p.id, p.name, p.kind, p.country_code, p.lat)
    ('osm:node/7', 'Vrommelvik', 'city', 'NO', 67.1)
    """
    raw = location.raw if isinstance(location.raw, dict) else {}
    if "id" in raw and "kind" in raw:
        place = load_gazetteer().get(str(raw["id"]))
        if place is not None:
            return place
    kind = _NOMINATIM_KINDS.get(str(raw.get("addresstype") or raw.get("type") or ""), "city")
    address = raw.get("address") if isinstance(raw.get("address"), dict) else {}
    code = str(address.get("country_code") or "").upper() or None
    name = (location.address or "").split(",")[0].strip() or str(raw.get("name") or "?")
    osm = f"osm:{raw.get('osm_type', 'place')}/{raw.get('osm_id', normalize(name))}"
    return Place(osm, name, float(location.latitude), float(location.longitude), kind, code)
