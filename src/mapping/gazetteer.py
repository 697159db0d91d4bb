"""The embedded gazetteer: place names -> :class:`mapping.model.Place`, offline.

The data is built by ``scripts/build_geodata.py`` into ``geodata/gazetteer.tsv.gz``
(one row per place) and ``geodata/gazetteer-index.txt.gz`` (normalized name -> ranked
rows). Loading reads both files once (:func:`load_gazetteer` is cached) and makes
:class:`~mapping.model.Place` objects only for the rows a caller asks for, so the
index loads fast and imports neither geopandas nor shapely.
"""

from __future__ import annotations

import bisect
import functools
import gzip
import os
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from mapping.errors import GeodataError
from mapping.model import PLACE_KINDS, Place

__all__ = [
    "Gazetteer",
    "load_gazetteer",
    "normalize",
    "fold",
    "geodata_dir",
    "PLACES_FILE",
    "INDEX_FILE",
    "NAMES_FILE",
    "FORMAT_VERSION",
    "STOPWORDS",
]

#: File names inside the geodata directory.
PLACES_FILE = "gazetteer.tsv.gz"
INDEX_FILE = "gazetteer-index.txt.gz"
NAMES_FILE = "gazetteer-names.tsv.gz"
#: Bumped when the file layout changes; checked on load.
FORMAT_VERSION = "2"

#: Columns of ``gazetteer.tsv.gz`` (the first line of the file repeats them).
COLUMNS = (
    "id",
    "name",
    "kind",
    "country_code",
    "lat",
    "lon",
    "population",
    "feature_code",
    "label_nb",
    "label_nn",
    "label_en",
    "members",
    "capital",
    "center",
)

_PUNCT = str.maketrans(
    {
        **dict.fromkeys("’‘ʼʻ`´′‛", "'"),
        **dict.fromkeys("‐‑‒–—―−﹣－", "-"),
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)
_FOLD = str.maketrans(
    {
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "ß": "ss",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "ħ": "h",
        "-": " ",
        "'": None,
        ".": None,
    }
)


def normalize(name: str) -> str:
    """Return the lookup key of a place name.

    NFC, case-folded, typographic apostrophes and dashes unified to ``'`` and ``-``,
    runs of white space collapsed to one space, stripped.

    Examples
    --------
    >>> normalize("  Sentral‐Asia ")
    'sentral-asia'
    >>> normalize("Côte d’Ivoire")
    "côte d'ivoire"
    """
    text = unicodedata.normalize("NFC", name.translate(_PUNCT)).casefold()
    return " ".join(unicodedata.normalize("NFC", text).split())


def fold(key: str) -> str:
    """Fold a :func:`normalize` key further: no diacritics, ``-`` as space, no ``'`` or ``.``.

    The gazetteer index holds both forms, so "Tromso" finds Tromsø and "Erdogan"
    would find "Erdoğan".

    Examples
    --------
    >>> fold(normalize("Tromsø"))
    'tromso'
    >>> fold(normalize("Xi'an"))
    'xian'
    >>> fold("sentral-asia")
    'sentral asia'
    """
    text = unicodedata.normalize("NFKD", key)
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(_FOLD)
    return " ".join(text.split())


def geodata_dir() -> Path:
    """Return the directory that holds the embedded geodata.

    The environment variable ``MAPPING_GEODATA`` wins; else ``mapping/data/geodata``
    inside the installed package; else ``geodata/`` at the top of the source checkout.

    Examples
    --------
    >>> (geodata_dir() / PLACES_FILE).name
    'gazetteer.tsv.gz'
    """
    env = os.environ.get("MAPPING_GEODATA")
    if env:
        return Path(env)
    return _default_geodata_dir()


@functools.cache
def _default_geodata_dir() -> Path:
    here = Path(__file__).resolve().parent
    packaged = here / "data" / "geodata"
    if (packaged / PLACES_FILE).exists():
        return packaged
    return here.parents[1] / "geodata"


#: Common Norwegian (nb, nn) and English words: never indexed through an alternate
#: name or a diacritic-free (folded) key, so "Det", "Til", "Foto", "på" find nothing
#: while real primary names ("Of", "Oss", "Time") stay.
STOPWORDS = frozenset(
    """
    og i det som en på er til med han av for ikke den de om et var seg fra har men så vi ved å
    hun etter kan jeg eller også skal nå når bare ble mot under over sier at opp ut inn dette
    alle mange ett noe nye ny år dag da der her hva hvor hvem hvordan fordi mellom blant
    likevel nylig vårt vår våre deres hans hennes sin sitt sine krigen foto video artikkelen
    norsk mer mest mye lite store stor første andre siste tid tre to fire fem seks sju åtte ni
    ti hundre tusen president presidenten regjeringen minister leder landet byen verden krig
    fred folk ord sted vest øst nord sør aust eg ikkje frå kva korleis vart noko nokon berre
    sjølv mykje heile desse dei ho oss meg deg kor slik same kom gikk får fikk sa gjør går
    the and of to in is that for it as was with be by on not he this are or his from at which
    but an they all were we there been one has have had their more will would who about if out
    so up what can when into some them other than then only its also after new could over our
    time may first made most even like two people years year no any just said world war city
    state country
    """.split()
)

_KIND_TIER = {"country": 0, "union": 1, "region": 1, "sea": 1, "lake": 1, "continent": 1}


class Gazetteer:
    """An offline place-name index over the embedded geodata.

    Build it with :func:`load_gazetteer`; the constructor takes the already-read rows.

    Attributes
    ----------
    max_tokens : int
        The largest number of tokens (:func:`mapping.text.tokenize`) in any indexed name,
        the longest n-gram a tagger needs to try.

    Examples
    --------
    >>> gaz = load_gazetteer()
    >>> gaz.lookup("Kasakhstan")[0].id
    'country:KZ'
    >>> gaz.country("KZ").label("nb")
    'Kasakhstan'
    """

    __slots__ = (
        "_rows",
        "_keys",
        "_values",
        "_cache",
        "_keyset",
        "_names",
        "_directory",
        "max_tokens",
    )

    def __init__(
        self,
        rows: list[str],
        keys: list[str],
        values: list[str],
        *,
        max_tokens: int,
        directory: Path | None = None,
    ) -> None:
        # rows are sorted by id, keys are sorted: both are searched by bisection, so
        # loading needs no per-row work.
        self._rows = rows
        self._keys = keys
        self._values = values
        self._cache: dict[int, Place] = {}
        self._keyset: frozenset[str] | None = None
        self._names: list[str] | None = None
        self._directory = directory
        self.max_tokens = max_tokens

    def __len__(self) -> int:
        return len(self._rows)

    def __repr__(self) -> str:
        return f"<Gazetteer: {len(self._rows)} places, {len(self._keys)} name keys>"

    def _place(self, i: int) -> Place:
        place = self._cache.get(i)
        if place is None:
            place = _parse_row(self._rows[i])
            self._cache[i] = place
        return place

    def _row_index(self, place_id: str) -> int | None:
        prefix = place_id + "\t"
        i = bisect.bisect_left(self._rows, prefix)
        if i < len(self._rows) and self._rows[i].startswith(prefix):
            return i
        return None

    def _find(self, key: str) -> str | None:
        i = bisect.bisect_left(self._keys, key)
        if i < len(self._keys) and self._keys[i] == key:
            return self._values[i]
        return None

    def _ranked(self, key: str) -> str | None:
        found = self._find(key)
        if found is None and key not in STOPWORDS:
            found = self._find(fold(key))
        return found

    def lookup(self, name: str) -> list[Place]:
        """Return every place called ``name``, the most likely first.

        The name is matched after :func:`normalize`; when that finds nothing it is
        matched after :func:`fold` too (no diacritics). Candidates are ranked:
        country, then union/region/sea/lake/continent, then capital cities, then
        other cities and states by population. Names spelled exactly as asked come
        before names that only match without diacritics. Common words
        (:data:`STOPWORDS`) are not folded ("på" does not find Pa, Burkina Faso).

        Examples
        --------
        >>> [p.id for p in load_gazetteer().lookup("Usbekistan")]
        ['country:UZ']
        >>> load_gazetteer().lookup("Nowhereville")
        []
        """
        found = self._ranked(normalize(name))
        if not found:
            return []
        return [self._place(int(i.rstrip("af"))) for i in found.split(",")]

    def matches(self, name: str) -> list[tuple[Place, str]]:
        """Like :meth:`lookup`, with how each place matched the name.

        Returns
        -------
        list of (Place, str)
            The match is ``"name"`` (the place's own name or a label), ``"alternate"``
            (another spelling, e.g. a foreign exonym from GeoNames: "Mobil" for Mobile,
            Alabama) or ``"folded"`` (equal only without diacritics). Callers can trust
            ``"name"`` matches more.

        Examples
        --------
        >>> [(p.id, how) for p, how in load_gazetteer().matches("Moskva")][:1]
        [('geonames:524901', 'name')]
        >>> load_gazetteer().matches("Mobil")[0][1]
        'alternate'
        """
        found = self._ranked(normalize(name))
        if not found:
            return []
        how = {"a": "alternate", "f": "folded"}
        out = []
        for item in found.split(","):
            suffix = item[-1]
            if suffix in how:
                out.append((self._place(int(item[:-1])), how[suffix]))
            else:
                out.append((self._place(int(item)), "name"))
        return out

    def get(self, place_id: str) -> Place | None:
        """Return the place with this id (``"country:KZ"``, ``"geonames:3143244"``), or None.

        Examples
        --------
        >>> load_gazetteer().get("country:NO").name
        'Norway'
        """
        i = self._row_index(place_id)
        return None if i is None else self._place(i)

    def country(self, code: str) -> Place | None:
        """Return the country with ISO 3166-1 alpha-2 ``code`` (its point is its middle).

        Examples
        --------
        >>> load_gazetteer().country("kz").label("en")
        'Kazakhstan'
        """
        return self.get(f"country:{code.strip().upper()}")

    def capital(self, code: str) -> Place | None:
        """Return the capital city of the country with alpha-2 ``code``, or None.

        Examples
        --------
        >>> load_gazetteer().capital("NO").name
        'Oslo'
        """
        country = self.country(code)
        if country is None:
            return None
        capital_id = self._rows[self._row_index(country.id)].split("\t")[12]
        return self.get(capital_id) if capital_id else None

    def center(self, place: Place | str) -> tuple[float, float] | None:
        """Return the (lat, lon) middle of a place's area: for a country, its main landmass.

        A country's :class:`~mapping.model.Place` point is this geographic middle (the
        centroid of the country's largest Natural Earth polygon, the point gazetteers such
        as Wikipedia give for a country); :meth:`capital` gives its capital. Other places
        return their own point; unknown ids return None.

        Examples
        --------
        >>> lat, lon = load_gazetteer().center("country:US")
        >>> 35 < lat < 45 and -105 < lon < -90
        True
        """
        place_id = place if isinstance(place, str) else place.id
        i = self._row_index(place_id)
        if i is None:
            return None
        row = self._rows[i].split("\t")
        if row[13]:
            lat, lon = row[13].split(",")
            return (float(lat), float(lon))
        return (float(row[4]), float(row[5]))

    def name_keys(self) -> frozenset[str]:
        """Return every indexed key: :func:`normalize` forms and their :func:`fold` forms.

        ``normalize(x) in name_keys()`` implies ``lookup(x)`` is not empty.

        Examples
        --------
        >>> "kasakhstan" in load_gazetteer().name_keys()
        True
        """
        if self._keyset is None:
            self._keyset = frozenset(self._keys)
        return self._keyset

    def places(self, kind: str | None = None) -> list[Place]:
        """Return every place, or those of one ``kind`` (see :data:`mapping.model.PLACE_KINDS`).

        Examples
        --------
        >>> len(load_gazetteer().places("union")) >= 1
        True
        """
        if kind is not None and kind not in PLACE_KINDS:
            raise ValueError(f"unknown place kind {kind!r}; use one of {', '.join(PLACE_KINDS)}")
        out = []
        for i, row in enumerate(self._rows):
            if kind is None or _kind_field(row) == kind:
                out.append(self._place(i))
        return out

    def names(self, place: Place | str) -> list[str]:
        """Return the names (all spellings) the gazetteer knows for a place or place id.

        Examples
        --------
        >>> "Kasakhstan" in load_gazetteer().names("country:KZ")
        True
        """
        place_id = place if isinstance(place, str) else place.id
        i = self._row_index(place_id)
        if i is None:
            return []
        if self._names is None:
            if self._directory is None:
                return [self._place(i).name]
            lines = _read_lines(self._directory / NAMES_FILE)
            if len(lines) < len(self._rows) or not lines[i].startswith(place_id + "\t"):
                raise GeodataError(f"{self._directory / NAMES_FILE} does not match the gazetteer")
            self._names = lines
        return self._names[i].split("\t", 1)[1].split("|")


def _kind_field(row: str) -> str:
    return row.split("\t", 3)[2]


def _parse_row(row: str) -> Place:
    (pid, name, kind, cc, lat, lon, pop, _fcode, nb, nn, en, members, _cap, _center) = row.split(
        "\t"
    )
    labels = tuple((lang, text) for lang, text in (("nb", nb), ("nn", nn), ("en", en)) if text)
    if kind == "country" and _center:
        # a country's point is the middle of its main landmass (as in Wikipedia and GeoVirus);
        # its capital is Gazetteer.capital(code)
        lat, lon = _center.split(",")
    return Place(
        pid,
        name,
        float(lat),
        float(lon),
        kind,
        cc or None,
        int(pop or 0),
        labels=labels,
        members=tuple(members.split("|")) if members else (),
    )


def _read_lines(path: Path) -> list[str]:
    try:
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
    except FileNotFoundError:
        raise GeodataError(
            f"The embedded geodata file {path} is missing. Rebuild it with "
            "`python scripts/build_geodata.py` or set MAPPING_GEODATA to the geodata folder."
        ) from None
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise GeodataError(f"The embedded geodata file {path} is damaged: {exc}") from None
    return text.split("\n")


@functools.cache
def _load(directory: Path) -> Gazetteer:
    rows = _read_lines(directory / PLACES_FILE)
    index_lines = _read_lines(directory / INDEX_FILE)
    try:
        header = rows[0].lstrip("#").split("\t")
        if tuple(header) != COLUMNS:
            raise ValueError(f"unexpected columns {header}")
        rows = rows[1:-1] if rows[-1] == "" else rows[1:]
        meta = dict(item.split("=", 1) for item in index_lines[0].lstrip("#").split())
        if meta.get("format") != FORMAT_VERSION:
            raise ValueError(f"format {meta.get('format')!r}, expected {FORMAT_VERSION!r}")
        n = int(meta["keys"])
        keys, values = index_lines[1 : 1 + n], index_lines[1 + n : 1 + 2 * n]
        if len(values) != n or int(meta["places"]) != len(rows):
            raise ValueError("truncated index")
        return Gazetteer(
            rows, keys, values, max_tokens=int(meta["max_tokens"]), directory=directory
        )
    except (ValueError, KeyError, IndexError) as exc:
        raise GeodataError(f"The embedded gazetteer in {directory} is damaged: {exc}") from None


def load_gazetteer(directory: str | os.PathLike[str] | None = None) -> Gazetteer:
    """Load the embedded gazetteer (once; later calls return the same object).

    Parameters
    ----------
    directory : path, optional
        Folder holding ``gazetteer.tsv.gz`` and ``gazetteer-index.txt.gz``;
        default :func:`geodata_dir`.

    Raises
    ------
    mapping.errors.GeodataError
        When the files are missing or damaged.

    Examples
    --------
    >>> gaz = load_gazetteer()
    >>> gaz is load_gazetteer()
    True
    >>> gaz.lookup("Tromso")[0].label("nb")
    'Tromsø'
    """
    if directory is None:  # the common call: no filesystem work after the first
        return _load(_default_dir_resolved(os.environ.get("MAPPING_GEODATA")))
    return _load(Path(directory).resolve())


@functools.lru_cache(maxsize=8)
def _default_dir_resolved(env: str | None) -> Path:
    """:func:`geodata_dir`, resolved, for one value of ``MAPPING_GEODATA``."""
    return geodata_dir().resolve()


def rank_key(kind: str, feature_code: str, population: int) -> tuple[int, int]:
    """Sort key of a candidate: country, then region-like, then capital, then by population.

    Used by the build script so the index stores candidates best first.

    Examples
    --------
    >>> sorted([("city", "PPL", 10), ("country", "", 5)], key=lambda c: rank_key(*c))[0][0]
    'country'
    """
    tier = _KIND_TIER.get(kind, 3)
    if tier == 3 and feature_code == "PPLC":
        tier = 2
    return (tier, -population)


def iter_keys(names: Iterable[str]) -> Iterable[tuple[str, bool]]:
    """Yield ``(key, exact)`` for each name: its normalized key, and its folded key.

    Examples
    --------
    >>> list(iter_keys(["Tromsø"]))
    [('tromsø', True), ('tromso', False)]
    """
    for name in names:
        key = normalize(name)
        yield key, True
        folded = fold(key)
        if folded != key:
            yield folded, False
