"""The geoparser on the seed article and on the hard cases real articles contain."""

import json
import math
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from mapping import geoparse, places_frame, unresolved
from mapping.article import sample_article
from mapping.geocoder import online_geocoder
from mapping.geoparse import detect_language

# The seed article's places: ISO code for countries, kind + English name otherwise.
SEED_COUNTRIES = {"KZ", "TR", "IR", "UZ", "RU", "UA", "CN", "FR", "US", "PK"}
SEED_OTHER = {("region", "Central Asia"), ("region", "Eurasia"), ("union", "European Union")}


def _km(lat1, lon1, lat2, lon2):
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def seed_mentions():
    return geoparse(sample_article())


def test_seed_article_gives_exactly_the_expected_places(seed_mentions):
    text = sample_article()
    for m in seed_mentions:
        assert text[m.start : m.end] == m.text
    df = places_frame(seed_mentions, lang="nb")
    countries = set(df.loc[df["kind"] == "country", "country_code"])
    assert countries == SEED_COUNTRIES
    gaza = df[df["place_id"].str.contains("gaza", case=False)]
    assert len(gaza) == 1
    assert _km(gaza.iloc[0]["lat"], gaza.iloc[0]["lon"], 31.4, 34.4) < 161
    others = {
        (k, n)
        for k, n, pid in zip(df["kind"], df["name"], df["place_id"], strict=True)
        if k != "country" and "gaza" not in pid.lower()
    }
    assert others == SEED_OTHER
    assert len(df) == len(SEED_COUNTRIES) + len(SEED_OTHER) + 1
    assert unresolved(seed_mentions) == []


def test_seed_article_ignores_credits_and_counts_caption_once(seed_mentions):
    text = sample_article()
    assert not any(m.text in ("Kreml", "Sputnik", "AP", "NTB", "Vesten") for m in seed_mentions)
    credits_at = [i for i in range(len(text)) if text.startswith("Foto:", i)]
    assert credits_at
    df = places_frame(seed_mentions, lang="nb")
    kz = df[df["country_code"] == "KZ"].iloc[0]
    # Kasakhstan: title, caption (once), body x2 -> 4 (the repeated caption is not counted again)
    assert kz["mentions"] == 4
    assert kz["label"] == "Kasakhstan"
    assert any("torsdag på reise i Kasakhstan" in s for s in kz["sentences"])


def test_norwegian_inflection_and_slips():
    text = "Tyrkias og irans presidenter møtte USAs utsending i Gazastripen og Nord-Korea."
    codes = {m.place.country_code for m in geoparse(text, lang="nb") if m.place}
    assert {"TR", "IR", "US", "KP"} <= codes


def test_multiword_names():
    text = "Skipet seilte fra Jan Mayen over Det indiske hav til Saudi-Arabia."
    places = {m.text: m.place for m in geoparse(text, lang="nb") if m.place}
    assert places["Saudi-Arabia"].country_code == "SA"
    assert places["Det indiske hav"].kind == "sea"
    assert "Jan Mayen" in places


def test_ambiguity_uses_context():
    ga = geoparse("He flew to Tbilisi, the capital of Georgia, on Monday.", lang="en")
    georgia = next(m for m in ga if m.text == "Georgia")
    assert georgia.place.kind == "country" and georgia.place.country_code == "GE"
    paris = next(
        m for m in geoparse("The summit was held in Paris.", lang="en") if m.text == "Paris"
    )
    assert paris.place.country_code == "FR"
    texas = geoparse("The rodeo in Paris, Texas, drew a crowd from Dallas.", lang="en")
    paris_tx = next(m for m in texas if m.text == "Paris")
    assert paris_tx.place.country_code == "US"


def test_not_places():
    text = "Hagen sa at Clinton kom i March. Med Mobil til Oslo, sa NTB. United Russia vant valget."
    found = {m.text for m in geoparse(text, lang="nb") if m.kind == "place"}
    assert "Oslo" in found
    assert not found & {"Hagen", "Clinton", "March", "Med", "Mobil", "NTB", "United Russia"}


def test_demonyms_are_a_separate_weaker_kind():
    ms = geoparse("Russiske og sentralasiatiske ledere møttes i Astana.", lang="nb")
    demonyms = [m for m in ms if m.kind == "demonym"]
    assert [(m.text, m.place.id) for m in demonyms] == [
        ("Russiske", "country:RU"),
        ("sentralasiatiske", "curated:central-asia"),
    ]
    assert all(m.score < 1 for m in demonyms)
    df = places_frame(ms)
    assert list(df["name"]) == ["Astana"]


def test_english_article():
    text = "French President Emmanuel Macron arrived in Kazakhstan, then flew on to Uzbekistan."
    codes = [m.place.country_code for m in geoparse(text) if m.kind == "place" and m.place]
    assert codes == ["KZ", "UZ"]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Putin er på besøk i Kasakhstan, og han møter presidenten der i dag.", "nb"),
        ("Eg har ikkje vore i Noreg, men ho vart verande i byen frå i går.", "nn"),
        ("The president arrived in Astana on Thursday for talks with his host.", "en"),
    ],
)
def test_language_detection(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_text_gives_empty_result(text):
    assert geoparse(text) == []


def test_wrong_types_and_languages_are_clear_errors():
    with pytest.raises(TypeError, match="read_article"):
        geoparse(b"Oslo")
    with pytest.raises(ValueError, match="lang"):
        geoparse("Oslo", lang="de")


def test_unknown_names_are_kept_as_unresolved():
    text = "Kampene fortsatte i Xqwertystan og i Kasakhstan."
    ms = geoparse(text, lang="nb")
    assert unresolved(ms) == ["Xqwertystan"]
    unknown = next(m for m in ms if m.text == "Xqwertystan")
    assert unknown.place is None and text[unknown.start : unknown.end] == "Xqwertystan"
    assert any(m.place and m.place.country_code == "KZ" for m in ms)


def test_country_named_like_its_capital_is_the_country():
    text = "Obama landed in Mexico City on Monday. His trip to Mexico lasted two days."
    places = [m.place for m in geoparse(text, lang="en") if m.kind == "place"]
    assert [(p.kind, p.country_code) for p in places] == [("city", "MX"), ("country", "MX")]


class _Nominatim(BaseHTTPRequestHandler):
    """A real local HTTP server answering /search like Nominatim; knows 'Xqwertystan'."""

    queries: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server API)
        query = parse_qs(urlparse(self.path).query).get("q", [""])[0]
        type(self).queries.append(query)
        found = [
            {
                "lat": "41.5",
                "lon": "64.5",
                "display_name": "Xqwertystan, Somewhere",
                "osm_type": "relation",
                "osm_id": 42,
                "addresstype": "country",
            }
        ]
        body = json.dumps(found if query == "Xqwertystan" else []).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def nominatim():
    _Nominatim.queries = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Nominatim)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_online_geocoder_resolves_what_the_gazetteer_lacks(nominatim, tmp_path):
    geo = online_geocoder(cache_dir=tmp_path, domain=nominatim, scheme="http", min_delay_seconds=0)
    text = "Kampene fortsatte i Xqwertystan og i Kasakhstan."
    ms = geoparse(text, lang="nb", geocoder=geo)
    unknown = next(m for m in ms if m.text == "Xqwertystan")
    assert unknown.place.id == "osm:relation/42" and unknown.place.kind == "country"
    assert (unknown.place.lat, unknown.place.lon) == (41.5, 64.5)
    assert next(m for m in ms if m.text == "Kasakhstan").place.id == "country:KZ"
    assert _Nominatim.queries == ["Xqwertystan"]  # the gazetteer answers the rest
    geoparse(text, lang="nb", geocoder=geo)
    assert _Nominatim.queries == ["Xqwertystan"]  # the second run is served from the cache


def test_offline_geocoder_warns_once_and_carries_on(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed once the block ends: nothing listens there
    geo = online_geocoder(
        cache_dir=tmp_path, domain=f"127.0.0.1:{port}", scheme="http", min_delay_seconds=0
    )
    text = "Kampene fortsatte i Xqwertystan og i Qwzzyland, ikke i Kasakhstan."
    with pytest.warns(UserWarning, match="carrying on") as record:
        ms = geoparse(text, lang="nb", geocoder=geo)
    assert len([w for w in record if "carrying on" in str(w.message)]) == 1
    assert "Xqwertystan" in unresolved(ms)
    assert any(m.place and m.place.country_code == "KZ" for m in ms)


def test_english_people_named_like_places_are_not_places():
    text = "Jordan Peterson and Paris Hilton were not in Kyiv. Moscow Mayor Sergei Sobyanin was."
    found = {m.text: m.place for m in geoparse(text, lang="en") if m.kind == "place"}
    assert set(found) == {"Kyiv", "Moscow"}
    assert found["Moscow"].country_code == "RU"


def test_facility_named_after_its_town_is_placed_at_the_town():
    text = "Han ble kjørt til Oslo universitetssykehus og senere til Bergen tinghus."
    places = {m.text: m.place.id for m in geoparse(text, lang="nb") if m.place}
    assert places == {
        "Oslo universitetssykehus": "geonames:3143244",
        "Bergen tinghus": "geonames:3161732",
    }


def _resolved(text: str, lang: str = "en") -> dict[str, tuple[str, str | None] | None]:
    return {
        m.text: (m.place.kind, m.place.country_code) if m.place else None
        for m in geoparse(text, lang=lang)
        if m.kind == "place"
    }


def test_states_and_provinces_beat_small_towns_of_the_same_name():
    found = _resolved("Wildfires burned in Oregon and Wyoming. Ontario and Quebec closed schools.")
    assert found == {
        "Oregon": ("admin", "US"),
        "Wyoming": ("admin", "US"),
        "Ontario": ("admin", "CA"),
        "Quebec": ("admin", "CA"),
    }


def test_a_city_keeps_its_name_from_the_state_named_after_it():
    found = _resolved("Officials in Washington, Moscow, Tokyo and São Paulo reacted.")
    assert found == {
        "Washington": ("city", "US"),
        "Moscow": ("city", "RU"),
        "Tokyo": ("city", "JP"),
        "São Paulo": ("city", "BR"),
    }
    assert _resolved("Han flyttet fra Bergen til Moskva.", lang="nb") == {
        "Bergen": ("city", "NO"),
        "Moskva": ("city", "RU"),
    }


def test_english_counties_are_places_in_england():
    found = _resolved("Floods hit Surrey, Kent and Cornwall; Suffolk was spared.")
    assert found == {name: ("admin", "GB") for name in ("Surrey", "Kent", "Cornwall", "Suffolk")}
    # ... and England is the nation, placed in England
    england = next(m for m in geoparse("Rain across England.", lang="en") if m.text == "England")
    assert england.place.kind == "region" and england.place.country_code == "GB"


def test_a_list_of_names_is_of_one_sort():
    us = _resolved("The virus reached Texas and Georgia before it reached Ohio.")
    assert us["Georgia"] == ("admin", "US")
    caucasus = _resolved("Armenia, Azerbaijan and Georgia were warned.")
    assert caucasus["Georgia"] == ("country", "GE")
    # a country's name is the country even in an article about the state of another country
    niger = _resolved("Floods in Nigeria's Kano state. Niger declared an emergency too.")
    assert niger["Niger"] == ("country", "NE")


def test_both_congos_and_their_other_names():
    found = _resolved(
        "Ebola spread from the Democratic Republic of Congo to the Republic of Congo; "
        "Zaire was the name of the first."
    )
    assert found == {
        "Democratic Republic of Congo": ("country", "CD"),
        "Republic of Congo": ("country", "CG"),
        "Zaire": ("country", "CD"),
    }
    assert _resolved("Fighting in eastern Congo.")["Congo"] == ("country", "CD")


def test_a_town_inside_a_longer_unknown_name_is_not_that_town():
    found = _resolved(
        "Birds died in Ceamurlia de Jos and in the Danube Delta; fires in the San Fernando "
        "Valley. Flights left Kabul Airport for Rio de Janeiro."
    )
    assert found == {
        "Ceamurlia de Jos": None,
        "Danube Delta": None,
        "San Fernando Valley": None,
        "Kabul": ("city", "AF"),
        "Rio de Janeiro": ("city", "BR"),
    }


def test_african_and_american_regions():
    found = _resolved("Aid to Central Africa, Southern Africa and Central America grew.")
    assert found == {
        "Central Africa": ("region", None),
        "Southern Africa": ("region", None),
        "Central America": ("region", None),
    }


def test_a_name_after_a_town_and_a_comma_is_the_state_it_lies_in():
    found = _resolved("A girl from Buffalo, New York, died. He flew to New York on Monday.")
    assert found["Buffalo"] == ("city", "US")
    both = [m for m in geoparse("A girl from Buffalo, New York, died.", lang="en")]
    assert both[1].place.kind == "admin" and both[1].place.name == "New York"
    city = [m for m in geoparse("He flew to New York on Monday.", lang="en")]
    assert city[0].place.kind == "city"
    assert _resolved("Officials said New York state will close schools.")["New York"] == (
        "admin",
        "US",
    )
    assert _resolved("Cases rose in the state of Washington.")["Washington"] == ("admin", "US")
    assert _resolved("Texas and Washington reported cases.")["Washington"] == ("admin", "US")


def test_norwegian_spellings_of_foreign_cities():
    found = _resolved(
        "Toppmøtet i Haag, forhandlingene i Genève og Den Haag, og en reise til Firenze.",
        lang="nb",
    )
    assert found == {
        "Haag": ("city", "NL"),
        "Genève": ("city", "CH"),
        "Den Haag": ("city", "NL"),
        "Firenze": ("city", "IT"),
    }


def test_a_world_capital_keeps_its_name_in_an_article_about_another_country():
    found = _resolved("Trudeau said Canada would send troops. Biden stopped in London on Monday.")
    assert found["London"] == ("city", "GB")
    # ... while a town of the article's country still wins against a small namesake
    assert _resolved("Fires near Paris, Texas spread to Dallas.")["Paris"] == ("city", "US")


def test_north_and_south_demonyms():
    found = [
        (m.text, m.place.country_code)
        for m in geoparse("North Korean troops met South Korean officials.", lang="en")
        if m.kind == "demonym"
    ]
    assert found == [("North Korean", "KP"), ("South Korean", "KR")]


def test_a_former_alternate_name_does_not_compete_with_the_name():
    found = _resolved("Xi flew from Kazakhstan to Samarkand.")
    assert found["Samarkand"] == ("city", "UZ")
    assert _resolved("Kongen kom til Westminster Abbey i Storbritannia.", lang="nb")[
        "Westminster Abbey"
    ] == ("city", "GB")


def test_a_big_city_the_tagger_calls_a_person_after_a_travel_word_is_a_place():
    text = "– Vi er forent, sa Macron da han ankom Praha slott."
    assert [(m.text, m.place.country_code) for m in geoparse(text, lang="nb")] == [("Praha", "CZ")]
    # a name after "til" that is no city stays a person
    assert geoparse("Det sa han til Støre i går.", lang="nb") == []


def test_one_sense_per_article():
    text = "Støre var i Brussel. Vestre, som var med til Brussel, sa at det var bra."
    places = [m.place for m in geoparse(text, lang="nb")]
    assert len(places) == 2 and places[0] == places[1] and places[0].kind == "city"


def test_a_town_the_tagger_calls_a_person_or_an_organisation_after_i_pa_fra():
    found = geoparse("På Hamar og i Lillehammer er bryggene stengt.", lang="nb")
    assert [m.place.name for m in found] == ["Hamar", "Lillehammer"]
    text = "Russland kontrollerer sonen rundt Svalbard, der også trålere fra Murmansk fisker."
    assert "Murmansk" in [m.text for m in geoparse(text, lang="nb")]
    # a surname the article writes after a first name stays a person
    from mapping.geoparse import _written_as_surname

    assert _written_as_surname("Hagen", "Det sa Carl I. Hagen. Forslaget fra Hagen falt.")
    assert not _written_as_surname("Hamar", "På Hamar og i Lillehammer er bryggene stengt.")


def test_the_red_sea_is_the_sea():
    found = geoparse("Ships avoid the Red Sea and the Suez Canal.", lang="en")
    assert [(m.place.name, m.place.kind) for m in found] == [
        ("Red Sea", "sea"),
        ("Suez Canal", "sea"),
    ]


def test_norwegian_fjords_lakes_rivers_and_svalbard_settlements_nb():
    text = (
        "Cruiseskipene seiler inn Geirangerfjorden og Sognefjorden. Vannet i Mjøsa stiger, og Glomma flommer "
        "over. Forskerne i Ny-Ålesund og gruvebyen Barentsburg på Spitsbergen måler isen."
    )
    found = {m.text: m.place.kind for m in geoparse(text, lang="nb") if m.place}
    assert found == {
        "Geirangerfjorden": "sea",
        "Sognefjorden": "sea",
        "Mjøsa": "lake",
        "Glomma": "region",
        "Ny-Ålesund": "city",
        "Barentsburg": "city",
        "Spitsbergen": "island",
    }


def test_a_disease_named_after_a_place_is_no_place():
    text = "West Nile virus cases rose in Texas, and the Marburg virus reached Uganda."
    assert [m.text for m in geoparse(text, lang="en")] == ["Texas", "Uganda"]
