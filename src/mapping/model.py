"""Plain data types shared by every module: :class:`Place` and :class:`Mention`."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Place", "Mention", "PLACE_KINDS", "latlon", "lonlat"]

#: The kinds a :class:`Place` can have.
PLACE_KINDS = ("country", "city", "region", "sea", "union", "admin", "island", "lake", "continent")


@dataclass(frozen=True, slots=True)
class Place:
    """A place in the gazetteer.

    Attributes
    ----------
    id : str
        Stable identifier: ``"country:KZ"``, ``"geonames:1526384"`` or ``"curated:central-asia"``.
    name : str
        Canonical English name.
    lat, lon : float
        The place's point in WGS84 degrees (a country's point is the middle of its main
        landmass; ``Gazetteer.capital(code)`` gives the capital).
    kind : str
        One of :data:`PLACE_KINDS`.
    country_code : str or None
        ISO 3166-1 alpha-2 code of the country the place is in (or is), if any.
    population : int
        Population when known, else 0; for a state, province or county the summed
        population of its GeoNames towns (an approximation). Used to rank ambiguous names.
    labels : tuple of (str, str)
        ``(lang, name)`` pairs for display, e.g. ``(("nb", "Kasakhstan"), ("en", "Kazakhstan"))``.
    members : tuple of str
        For unions and regions defined by their members: ISO alpha-2 codes.

    Examples
    --------
    >>> p = Place("country:NO", "Norway", 59.91, 10.75, "country", "NO", labels=(("nb", "Norge"),))
    >>> p.label("nb"), p.label("en")
    ('Norge', 'Norway')
    """

    id: str
    name: str
    lat: float
    lon: float
    kind: str
    country_code: str | None = None
    population: int = 0
    labels: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    members: tuple[str, ...] = field(default=(), compare=False)

    def label(self, lang: str | None = "en") -> str:
        """Return the place's name in ``lang`` ("nb", "nn", "en", ...), else its English name."""
        if lang:
            wanted = [lang] + (["nb"] if lang == "nn" else ["nn"] if lang == "nb" else [])
            for want in wanted:
                for code, text in self.labels:
                    if code == want:
                        return text
        return self.name

    @property
    def latlon(self) -> tuple[float, float]:
        """(lat, lon), the order folium and geopy use."""
        return (self.lat, self.lon)

    @property
    def lonlat(self) -> tuple[float, float]:
        """(lon, lat), the order shapely and GeoJSON use."""
        return (self.lon, self.lat)


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the article that names a place.

    ``text[m.start:m.end] == m.text`` always holds for the text the mention came from.

    Attributes
    ----------
    text : str
        The span as written in the article ("Russlands").
    start, end : int
        Character offsets into the article text.
    place : Place or None
        The resolved place, or ``None`` when no gazetteer entry matched (unresolved).
    kind : str
        ``"place"`` for a name, ``"demonym"`` for an adjective or demonym ("russisk"),
        which is a weaker mention and not counted as a place by default.
    sentence : tuple of (int, int)
        Offsets of the sentence the mention occurs in.
    score : float
        Confidence in [0, 1].
    context : str
        The text of the sentence the mention occurs in (for popups and tables).
    """

    text: str
    start: int
    end: int
    place: Place | None
    kind: str = "place"
    sentence: tuple[int, int] = (0, 0)
    score: float = 1.0
    context: str = field(default="", compare=False)

    @property
    def resolved(self) -> bool:
        """True when the mention has a place."""
        return self.place is not None


def latlon(lonlat_pair: tuple[float, float]) -> tuple[float, float]:
    """Swap a (lon, lat) pair (shapely, GeoJSON) into (lat, lon) (folium, geopy).

    >>> latlon((10.75, 59.91))
    (59.91, 10.75)
    """
    lon, lat = lonlat_pair
    return (lat, lon)


def lonlat(latlon_pair: tuple[float, float]) -> tuple[float, float]:
    """Swap a (lat, lon) pair (folium, geopy) into (lon, lat) (shapely, GeoJSON).

    >>> lonlat((59.91, 10.75))
    (10.75, 59.91)
    """
    lat, lon = latlon_pair
    return (lon, lat)
