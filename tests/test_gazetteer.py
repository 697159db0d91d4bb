"""Tests for mapping.gazetteer against the embedded geodata."""

from __future__ import annotations

import gzip
import math
import shutil
import sys

import pytest

from mapping.errors import GeodataError
from mapping.gazetteer import (
    INDEX_FILE,
    NAMES_FILE,
    PLACES_FILE,
    Gazetteer,
    fold,
    geodata_dir,
    load_gazetteer,
    normalize,
)
from mapping.model import PLACE_KINDS, Place
from mapping.text import tokenize

EU27 = set(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
)


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points."""
    (lat1, lon1), (lat2, lon2) = (map(math.radians, p) for p in (a, b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def test_normalize_unifies_case_apostrophes_dashes_and_spaces():
    assert normalize("  SENTRAL–ASIA ") == "sentral-asia"
    assert normalize("Côte d’Ivoire") == normalize("côte d'ivoire")
    assert normalize("Nord\u00a0 Korea") == "nord korea"
    assert normalize("Cafe\u0301") == "café"  # NFC


def test_fold_drops_diacritics_and_punctuation():
    assert fold(normalize("Tromsø")) == "tromso"
    assert fold(normalize("Erdoğan")) == "erdogan"
    assert fold(normalize("Færøyene")) == "faeroyene"
    assert fold("st. petersburg") == "st petersburg"
    assert fold("sentral-asia") == "sentral asia"


def test_load_is_cached(gaz):
    assert load_gazetteer() is gaz
    assert len(gaz) > 30000


def test_kazakhstan_is_the_country_with_norwegian_and_english_labels(gaz):
    kz = gaz.lookup("Kasakhstan")[0]
    assert isinstance(kz, Place)
    assert (kz.id, kz.kind, kz.country_code) == ("country:KZ", "country", "KZ")
    assert kz.label("nb") == "Kasakhstan"
    assert kz.label("en") == "Kazakhstan"
    assert kz.population > 10_000_000
    assert gaz.lookup("Kazakhstan")[0] == kz
    assert gaz.lookup("KASAKHSTAN")[0] == kz


def test_country_point_is_its_middle_and_capital_is_separate(gaz):
    kz = gaz.country("KZ")
    astana = gaz.capital("KZ")
    assert astana is not None and astana.kind == "city" and astana.name == "Astana"
    assert km(astana.latlon, (51.17, 71.45)) < 20
    # the country's point is the middle of its main landmass, not the capital
    assert kz.latlon == gaz.center(kz)
    assert km(kz.latlon, (48.0, 67.0)) < 300  # geographic centre of Kazakhstan
    assert km(kz.latlon, astana.latlon) > 300
    assert gaz.capital("NO").name == "Oslo"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Usbekistan", "UZ"),
        ("Tyrkia", "TR"),
        ("Russland", "RU"),
        ("Kina", "CN"),
        ("Frankrike", "FR"),
        ("USA", "US"),
        ("Pakistan", "PK"),
        ("Ukraina", "UA"),
        ("Storbritannia", "GB"),
        ("Noreg", "NO"),
        ("Kviterussland", "BY"),
        ("Tsjekkia", "CZ"),
        ("De forente stater", "US"),
    ],
)
def test_norwegian_country_names(gaz, name, code):
    best = gaz.lookup(name)[0]
    assert best.kind == "country"
    assert best.country_code == code


def test_central_asia_region_has_the_five_members(gaz):
    region = gaz.lookup("Sentral-Asia")[0]
    assert region.kind == "region"
    assert set(region.members) == {"KZ", "KG", "TJ", "TM", "UZ"}
    assert region.label("en") == "Central Asia"
    assert gaz.lookup("Central Asia")[0] == region
    assert gaz.lookup("sentral asia")[0] == region  # folded: hyphen as space


def test_gaza_is_near_the_gaza_strip(gaz):
    best = gaz.lookup("Gaza")[0]
    assert km(best.latlon, (31.4, 34.4)) < 161
    assert gaz.lookup("Gazastripen")[0] == best


def test_eu_is_a_union_of_27(gaz):
    eu = gaz.lookup("EU")[0]
    assert eu.kind == "union"
    assert set(eu.members) == EU27
    assert gaz.lookup("Den europeiske union")[0] == eu


def test_caspian_sea_is_a_lake(gaz):
    caspian = gaz.lookup("Kaspihavet")[0]
    assert caspian.kind == "lake"
    assert caspian.label("en") == "Caspian Sea"
    assert 36 < caspian.lat < 47 and 46 < caspian.lon < 55


def test_paris_first_candidate_is_in_france(gaz):
    paris = gaz.lookup("Paris")
    assert paris[0].country_code == "FR"
    assert paris[0].population > 1_000_000
    assert any(p.country_code == "US" for p in paris[1:])


def test_norwegian_cities(gaz):
    oslo = gaz.lookup("Oslo")[0]
    assert oslo.country_code == "NO" and km(oslo.latlon, (59.91, 10.75)) < 10
    tromso = gaz.lookup("Tromsø")[0]
    assert tromso.country_code == "NO" and km(tromso.latlon, (69.65, 18.96)) < 10
    assert gaz.lookup("Tromso")[0] == tromso  # without diacritics
    # Small towns (well under 15,000 people) are in for the Nordic countries.
    small = [p for p in gaz.places("city") if p.country_code == "NO" and p.population < 5000]
    assert len(small) > 100
    town = gaz.lookup("Stryn")
    assert town and town[0].country_code == "NO" and town[0].population < 15000


def test_georgia_is_both_country_and_us_state(gaz):
    found = gaz.lookup("Georgia")
    assert found[0].id == "country:GE"
    states = [p for p in found if p.kind == "admin" and p.country_code == "US"]
    assert states and 30 < states[0].lat < 35.5 and -86 < states[0].lon < -80.5


def test_norwegian_exonyms_of_cities(gaz):
    assert gaz.lookup("Moskva")[0].country_code == "RU"
    assert gaz.lookup("Tasjkent")[0].country_code == "UZ"


def test_unknown_and_person_names_are_not_places(gaz):
    assert gaz.lookup("Nowhereville-on-Sea") == []
    assert gaz.lookup("") == []
    assert gaz.get("country:XX") is None
    assert gaz.country("XX") is None
    assert gaz.capital("AQ") is None  # Antarctica has no capital


def test_ranking_prefers_countries_then_regions_then_capitals(gaz):
    order = {"country": 0, "union": 1, "region": 1, "sea": 1, "lake": 1, "continent": 1}
    for name in ("Georgia", "Gaza", "Kina", "Luxembourg", "Mexico", "Washington"):
        found = gaz.lookup(name)
        tiers = [order.get(p.kind, 2) for p in found]
        assert tiers == sorted(tiers), name
    assert gaz.lookup("Luxembourg")[0].id == "country:LU"
    assert gaz.lookup("Washington")[0].country_code == "US"


def test_name_keys_and_max_tokens(gaz):
    keys = gaz.name_keys()
    assert isinstance(keys, frozenset)
    for name in ("Kasakhstan", "Sentral-Asia", "Tromsø", "Det indiske hav"):
        assert normalize(name) in keys
    assert "tromso" in keys
    sample = sorted(keys)[:: max(1, len(keys) // 200)]
    assert all(gaz.lookup(k) for k in sample)
    assert gaz.max_tokens >= len(tokenize("Den europeiske union"))
    longest = max(len(tokenize(n)) for p in gaz.places("region") for n in gaz.names(p))
    assert gaz.max_tokens >= longest


def test_get_places_and_names(gaz):
    kz = gaz.get("country:KZ")
    assert kz is gaz.lookup("Kasakhstan")[0]
    assert "Kasakhstan" in gaz.names(kz) and "Kasachstan" in gaz.names("country:KZ")
    countries = gaz.places("country")
    assert {"KZ", "UZ", "NO", "US", "XK"} <= {p.country_code for p in countries}
    assert all(p.kind in PLACE_KINDS for p in gaz.places())
    with pytest.raises(ValueError, match="unknown place kind"):
        gaz.places("planet")


def test_loading_does_not_import_geopandas_or_shapely():
    import subprocess

    code = (
        "import sys; from mapping.gazetteer import load_gazetteer; g = load_gazetteer(); "
        "g.lookup('Oslo'); print('geopandas' in sys.modules, 'shapely' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_missing_geodata_raises_geodata_error(tmp_path):
    with pytest.raises(GeodataError, match="missing"):
        load_gazetteer(tmp_path)


def test_damaged_geodata_raises_geodata_error(tmp_path):
    for name in (PLACES_FILE, INDEX_FILE, NAMES_FILE):
        shutil.copy(geodata_dir() / name, tmp_path / name)
    (tmp_path / INDEX_FILE).write_bytes(gzip.compress(b"#format=1 places=3 keys=9\nx\n"))
    with pytest.raises(GeodataError, match="damaged"):
        load_gazetteer(tmp_path)
    (tmp_path / INDEX_FILE).write_bytes(b"not gzip at all")
    with pytest.raises(GeodataError, match="damaged"):
        load_gazetteer(tmp_path / ".")


def test_country_center_is_the_middle_of_the_main_landmass(gaz):
    us = gaz.country("US")
    assert km(gaz.center(us), (39.83, -98.58)) < 300  # geographic centre of the contiguous US
    assert us.latlon == gaz.center(us)
    assert km(gaz.capital("US").latlon, (38.9, -77.04)) < 20  # Washington, D.C.
    assert km(gaz.center("country:NO"), us.latlon) > 1000
    oslo = gaz.lookup("Oslo")[0]
    assert gaz.center(oslo) == oslo.latlon
    assert gaz.center("country:XX") is None


def test_first_level_subdivisions_and_norwegian_counties(gaz):
    qld = gaz.lookup("Queensland")[0]
    assert (qld.kind, qld.country_code) == ("admin", "AU") and qld.lat < -10 and qld.lon > 138
    assert gaz.lookup("Hubei")[0].country_code == "CN"
    assert gaz.lookup("Alberta")[0].country_code == "CA"
    troms = gaz.lookup("Troms")[0]
    assert (troms.kind, troms.country_code) == ("admin", "NO") and troms.lat > 68
    # a municipality (kommune) that is not a town name in GeoNames' city list
    askoy = gaz.lookup("Askøy")[0]
    assert (askoy.kind, askoy.country_code) == ("admin", "NO")
    assert km(askoy.latlon, (60.41, 5.23)) < 30
    # A big city beats the province named like it.
    assert gaz.lookup("São Paulo")[0].kind == "city"
    # Generic words are not indexed as subdivisions.
    assert not [p for p in gaz.lookup("Central") if p.kind == "admin"]


def test_city_labels_from_cldr(gaz):
    moscow = gaz.lookup("Moskva")[0]
    assert (moscow.label("nb"), moscow.label("en")) == ("Moskva", "Moscow")
    copenhagen = gaz.lookup("Copenhagen")[0]
    assert copenhagen.label("nb") == "København" and copenhagen.country_code == "DK"


def test_common_words_are_not_places(gaz):
    for word in ("Det", "på", "til", "Foto", "sør", "Video", "the", "and"):
        assert gaz.lookup(word) == [], word
    # ... but a real place whose name is a word stays (Of, Trabzon; Time, Rogaland)
    assert gaz.lookup("Time")[0].country_code == "NO"


def test_matches_tell_how_a_name_matched(gaz):
    assert gaz.matches("Kasakhstan") == [(gaz.country("KZ"), "name")]
    place, how = gaz.matches("Mobil")[0]  # a GeoNames alternate of Mobile, Alabama
    assert (place.name, how) == ("Mobile", "alternate")
    # the municipality is only found without the ø (the city has "Tromso" as a spelling)
    assert ("Tromsø", "admin", "folded") in [(p.name, p.kind, h) for p, h in gaz.matches("Tromso")]
    assert [p for p, _ in gaz.matches("Paris")] == gaz.lookup("Paris")
    assert gaz.matches("Nowhereville-on-Sea") == []


def test_norwegian_islands_are_islands_of_norway(gaz):
    for name, (lat, lon) in [
        ("Svalbard", (78.0, 16.0)),
        ("Jan Mayen", (71.0, -8.3)),
        ("Lofoten", (68.2, 14.0)),
        ("Vesterålen", (68.7, 15.0)),
    ]:
        place = gaz.lookup(name)[0]
        assert (place.kind, place.country_code) == ("island", "NO"), name
        assert km(place.latlon, (lat, lon)) < 150, name
    # the ISO territory SJ is only "Svalbard og Jan Mayen", not the archipelago alone
    assert gaz.lookup("Svalbard og Jan Mayen")[0] == gaz.country("SJ")
    assert gaz.country("SJ") not in gaz.lookup("Svalbard")
    assert gaz.lookup("Bouvetøya")[0].kind == "island"


@pytest.mark.parametrize(
    ("name", "kind", "near"),
    [
        ("Amazonas", "region", (-3.5, -62.0)),  # nb: the rainforest, ahead of the Brazilian state
        ("Uralfjellene", "region", (60.0, 59.5)),
        ("Panamakanalen", "sea", (9.1, -79.7)),
        ("Øst-Kinahavet", "sea", (29.0, 125.0)),
        ("Java", "island", (-7.5, 110.0)),
        ("Sumatra", "island", (-0.5, 101.5)),
        ("Borneo", "island", (1.0, 114.0)),
        ("Finnmarksvidda", "region", (69.3, 24.5)),
    ],
)
def test_curated_regions_seas_and_islands(gaz, name, kind, near):
    place = gaz.lookup(name)[0]
    assert place.kind == kind and km(place.latlon, near) < 200, place


def test_americas_is_the_continent_group(gaz):
    americas = gaz.lookup("Amerika")[0]
    assert americas == gaz.lookup("the Americas")[0]
    assert americas.kind == "continent"
    assert {"US", "CA", "MX", "BR", "AR", "CU", "PA"} <= set(americas.members)
    assert not {"NO", "FR", "CN"} & set(americas.members)


def test_archipelago_country_point_is_its_conventional_centre(gaz):
    # most of Indonesia, Japan, the Philippines is not on the largest island: the point is
    # the geographic centre of geodata/country_centres.csv (CIA World Factbook)
    for code, centre in [("ID", (-5.0, 120.0)), ("JP", (36.0, 138.0)), ("PH", (13.0, 122.0))]:
        assert km(gaz.country(code).latlon, centre) < 10, code
    # a country that is mostly one landmass keeps the middle of that landmass
    assert km(gaz.country("BR").latlon, (-10.0, -55.0)) < 400
    assert gaz.country("BR").latlon != (-10.0, -55.0)


def test_country_centres_csv_is_sourced_and_covers_the_countries(gaz):
    import csv

    with open(geodata_dir() / "country_centres.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    codes = {p.country_code for p in gaz.places("country")}
    assert len({r["code"] for r in rows}) == len(rows)
    for row in rows:
        assert row["code"] in codes, row
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row
        assert row["source"].strip(), row
    assert len(rows) >= 0.95 * len(codes)


def test_subdivision_point_is_the_middle_of_its_area_not_of_its_towns(gaz):
    # the towns of Queensland and Ontario crowd the south-east; the point is inland
    qld = gaz.lookup("Queensland")[0]
    assert km(qld.latlon, (-27.47, 153.03)) > 700  # far from Brisbane
    assert -25 < qld.lat < -18 and 141 < qld.lon < 148
    ontario = [p for p in gaz.lookup("Ontario") if p.kind == "admin"][0]
    assert ontario.country_code == "CA" and ontario.lat > 46.5
    # a US state's point is the middle of its polygon (us-atlas): Kansas
    kansas = gaz.lookup("Kansas")[0]
    assert kansas.kind == "admin" and km(kansas.latlon, (38.5, -98.4)) < 60
