"""Tests of mapping.visits: leader visits extracted from articles in nb, nn and en."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

import pandas as pd
import pytest

from mapping.article import sample_article
from mapping.errors import ArticleError, GeodataError, UnknownRegionError, VisitsFrameError
from mapping.visits import (
    STATUSES,
    Visit,
    extract_visits,
    load_leaders,
    resolve_time,
    visits_frame,
    visits_from_frame,
)


def summary(visits: list[Visit]) -> set[tuple[str, str, str | None]]:
    """(surname, leader country, destination country) of each visit."""
    return {(v.leader.split()[-1], v.leader_country, v.destination.country_code) for v in visits}


@pytest.fixture(scope="module")
def seed() -> list[Visit]:
    return extract_visits(sample_article(), lang="nb", published="2023-11-09")


# ------------------------------------------------------------------ the seed article (issue 4)


def test_seed_article_has_exactly_the_five_visits(seed):
    assert summary(seed) == {
        ("Putin", "RU", "KZ"),
        ("Erdogan", "TR", "UZ"),
        ("Raisi", "IR", "UZ"),
        ("Kakar", "PK", "UZ"),
        ("Macron", "FR", "KZ"),
    }
    assert len(seed) == 5


def test_seed_article_host_is_not_a_visitor(seed):
    assert not any("Tokajev" in v.leader or v.leader_country == "KZ" for v in seed)


def test_seed_article_time_expressions_and_dates(seed):
    by = {v.leader.split()[-1]: v for v in seed}
    assert by["Putin"].when_text == "torsdag"
    assert by["Putin"].date == dt.date(2023, 11, 9)  # published on a Thursday
    assert by["Erdogan"].when_text == "denne uken"
    assert by["Raisi"].when_text == "denne uken"
    assert by["Erdogan"].date == dt.date(2023, 11, 6)  # Monday of that week
    assert by["Macron"].when_text.lower() == "nylig"
    assert by["Macron"].date is None  # "recently" names no day
    assert by["Macron"].status == "completed"
    assert by["Kakar"].when_text is None


def test_seed_article_places_roles_and_origins(seed):
    by = {v.leader.split()[-1]: v for v in seed}
    # the most specific place: Uzbekistan, not "Sentral-Asia" mentioned first
    assert by["Erdogan"].destination.kind == "country"
    assert by["Erdogan"].destination.id == "country:UZ"
    assert by["Putin"].destination.id == "country:KZ"
    assert by["Putin"].role == "president"
    assert by["Kakar"].role == "prime minister"
    # origin: the capital of the leader's country
    assert by["Putin"].origin.name == "Moscow"
    assert by["Kakar"].origin.country_code == "PK"
    assert by["Macron"].origin.name == "Paris"
    for v in seed:
        assert v.status in STATUSES
        assert 0 < v.confidence <= 1


def test_seed_article_evidence_points_at_sentences(seed):
    text = sample_article()
    by = {v.leader.split()[-1]: v for v in seed}
    quoted = [text[a:b] for a, b in by["Macron"].evidence]
    assert quoted == [
        "Nylig var Frankrikes president Emmanuel Macron i Kasakhstan, og EU og USA er "
        "blant dem som har fått øynene opp for de kystløse landene midt i Eurasia."
    ]
    assert by["Macron"].quotes == tuple(quoted)
    assert any("Kakar" in text[a:b] for a, b in by["Kakar"].evidence)


def test_seed_article_without_published_date_has_no_dates():
    visits = extract_visits(sample_article(), lang="nb")
    assert summary(visits) == summary(extract_visits(sample_article(), published="2023-11-09"))
    assert all(v.date is None for v in visits)


# ------------------------------------------------------------------ short articles


def test_state_visit_nb():
    text = (
        "Frankrikes president Emmanuel Macron er tirsdag på statsbesøk i Sverige. "
        "Kong Carl Gustaf tok imot ham på slottet i Stockholm."
    )
    visits = extract_visits(text, published="2024-01-30")
    assert summary(visits) == {("Macron", "FR", "SE")}
    (v,) = visits
    assert v.status == "current"
    assert v.date == dt.date(2024, 1, 30)


def test_summit_with_several_leaders_en():
    text = (
        "Leaders gathered in Johannesburg on Tuesday for a summit hosted by South African "
        "President Cyril Ramaphosa. Brazil's President Luiz Inácio Lula da Silva and India's "
        "Prime Minister Narendra Modi arrived in Johannesburg on Tuesday. Russia is represented "
        "at the summit by Foreign Minister Sergei Lavrov."
    )
    visits = extract_visits(text, lang="en", published="2023-08-22")
    assert summary(visits) == {("Silva", "BR", "ZA"), ("Modi", "IN", "ZA"), ("Lavrov", "RU", "ZA")}


def test_summit_referred_back_to_as_the_meeting_nb():
    text = (
        "Denne uken holdes et økonomisk toppmøte i Usbekistan. "
        "Pakistans statsminister Anwaar-ul-Haq Kakar er ventet til møtet."
    )
    assert summary(extract_visits(text, published="2023-11-09")) == {("Kakar", "PK", "UZ")}


def test_host_is_not_a_visitor_nn():
    text = (
        "Statsminister Jonas Gahr Støre er torsdag på vitjing i Kyiv. Han vart teken imot av "
        "statsminister Denys Sjmyhal. Seinare møter han president Volodymyr Zelenskyj."
    )
    visits = extract_visits(text, lang="nn", published="2023-0615".replace("06", "06-"))
    assert summary(visits) == {("Støre", "NO", "UA")}


def test_guest_of_a_host_en():
    text = "Russian President Vladimir Putin hosted Chinese President Xi Jinping at the Kremlin on Monday."
    assert summary(extract_visits(text, lang="en")) == {("Jinping", "CN", "RU")}


def test_leader_who_only_comments_on_a_place_nb():
    text = (
        "Tyrkias president Recep Tayyip Erdogan sa onsdag at Israel begår krigsforbrytelser "
        "i Gaza. – Det som skjer i Gaza, er et folkemord, sa Erdogan i en tale i Ankara."
    )
    assert extract_visits(text, published="2024-01-17") == []


def test_leader_who_only_comments_en():
    text = (
        "US Secretary of State Antony Blinken said in Washington that a ceasefire in Ukraine "
        "would only help Russia. Japanese Prime Minister Fumio Kishida warned about China."
    )
    assert extract_visits(text, lang="en") == []


def test_past_visit_last_year_nb():
    text = "Utenriksminister Espen Barth Eide var i Kina i fjor, og han møtte Wang Yi i Beijing."
    visits = extract_visits(text, published="2024-04-10")
    assert summary(visits) == {("Eide", "NO", "CN")}
    (v,) = visits
    assert v.status == "historical"
    assert v.when_text == "i fjor"
    assert v.date == dt.date(2023, 1, 1)
    assert v.destination.name == "Beijing"  # the most specific place


def test_leader_named_only_by_role_and_country_en():
    text = (
        "Brazil's president arrived in Ethiopia on Friday to attend the African Union summit. "
        "Earlier in the week, Brazil's president was in Cairo."
    )
    visits = extract_visits(text, lang="en", published="2024-02-16")
    assert {(v.leader_country, v.destination.country_code) for v in visits} == {
        ("BR", "ET"),
        ("BR", "EG"),
    }
    # the table knows who held the office on that day
    assert all(v.leader == "Luiz Inácio Lula da Silva" for v in visits)


def test_leader_not_in_the_table_is_recognised_from_role_and_country():
    text = "Romanias president Klaus Iohannis ankom Kyiv torsdag. Iohannis møtte Zelenskyj."
    visits = extract_visits(text, lang="nb", published="2022-06-16")
    assert summary(visits) == {("Iohannis", "RO", "UA")}
    assert visits[0].role == "president"


def test_unnamed_leader_without_date_gets_a_description():
    text = "Kinas statsminister skal besøke Norge neste år."
    (v,) = extract_visits(text, lang="nb")
    assert (v.leader_country, v.destination.country_code, v.status) == ("CN", "NO", "planned")
    assert v.leader == "Kinas statsminister"


def test_travel_inside_own_country_is_not_a_visit():
    text = "Kong Harald er denne uken på fylkestur i Finnmark. Mandag besøkte kongen Vadsø."
    assert extract_visits(text, published="2023-05-08") == []


def test_cancelled_and_not_travelling_are_not_visits():
    text = (
        "Russian President Vladimir Putin is not travelling to South Africa. "
        "Biden's planned meeting with King Abdullah in Amman was cancelled."
    )
    assert extract_visits(text, lang="en", published="2023-08-22") == []


def test_former_leader_is_not_a_leader():
    text = "Former British Prime Minister Tony Blair visited Kyiv on Monday."
    assert extract_visits(text, lang="en") == []


def test_list_of_destinations_nb():
    text = "Utenriksminister Antony Blinken har den siste uken besøkt Israel, Jordan og Qatar."
    visits = extract_visits(text, published="2023-10-18")
    assert summary(visits) == {("Blinken", "US", c) for c in ("IL", "JO", "QA")}


def test_origin_from_the_text():
    text = "USAs president Joe Biden reiste søndag videre fra New Delhi til Hanoi."
    visits = {v.destination.country_code: v for v in extract_visits(text, published="2023-09-10")}
    assert visits["VN"].origin.country_code == "IN"


def test_relative_clause_belongs_to_its_leader_en():
    text = "Kenyan President William Ruto, who visited London in May, said relations were strong."
    (v,) = extract_visits(text, lang="en", published="2023-10-31")
    assert (v.leader_country, v.destination.country_code, v.when_text) == ("KE", "GB", "in May")
    assert v.date == dt.date(2023, 5, 1)


def test_language_is_detected_and_output_is_deterministic():
    text = sample_article()
    assert extract_visits(text, published="2023-11-09") == extract_visits(
        text, lang="nb", published=dt.date(2023, 11, 9)
    )


# ------------------------------------------------------------------ bad input


def test_bad_input_gives_typed_errors():
    with pytest.raises(ArticleError, match="str"):
        extract_visits(b"Putin er i Kasakhstan")  # type: ignore[arg-type]
    with pytest.raises(ArticleError, match="YYYY-MM-DD"):
        extract_visits("Putin er i Kasakhstan.", published="9. november")
    with pytest.raises(ArticleError, match="lang"):
        extract_visits("Putin er i Kasakhstan.", lang="de")
    assert extract_visits("   \n ") == []


# ------------------------------------------------------------------ time expressions


@pytest.mark.parametrize(
    ("when", "status", "expected"),
    [
        ("torsdag", "current", dt.date(2023, 11, 9)),
        ("mandag", "completed", dt.date(2023, 11, 6)),
        ("mandag", "planned", dt.date(2023, 11, 13)),
        ("søndag", "current", dt.date(2023, 11, 12)),
        ("denne uken", "current", dt.date(2023, 11, 6)),
        ("denne veka", "current", dt.date(2023, 11, 6)),
        ("forrige uke", "completed", dt.date(2023, 10, 30)),
        ("last week", "completed", dt.date(2023, 10, 30)),
        ("next week", "planned", dt.date(2023, 11, 13)),
        ("i fjor", "historical", dt.date(2022, 1, 1)),
        ("last year", "historical", dt.date(2022, 1, 1)),
        ("i går", "completed", dt.date(2023, 11, 8)),
        ("tomorrow", "planned", dt.date(2023, 11, 10)),
        ("on Monday", "completed", dt.date(2023, 11, 6)),
        ("9. november", "current", dt.date(2023, 11, 9)),
        ("March 21", "completed", dt.date(2023, 3, 21)),
        ("in 2019", "historical", dt.date(2019, 1, 1)),
        ("i juli", "planned", dt.date(2024, 7, 1)),  # the next July
        ("i juli", "completed", dt.date(2023, 7, 1)),  # the last July
        ("in December", "completed", dt.date(2022, 12, 1)),
        ("nylig", "completed", None),
    ],
)
def test_resolve_time(when, status, expected):
    assert resolve_time(when, published="2023-11-09", status=status) == expected


def test_resolve_time_without_published_date():
    assert resolve_time("torsdag") is None
    assert resolve_time("in 2019") == dt.date(2019, 1, 1)
    assert resolve_time(None, published="2023-11-09") is None


# ------------------------------------------------------------------ editable table


def test_frame_round_trip(seed):
    df = visits_frame(seed, lang="nb")
    assert list(df["leader"]) == [v.leader for v in seed]
    assert "Kasakhstan" in set(df["destination"])  # names in the article's language
    assert visits_from_frame(df) == seed


def test_frame_round_trip_through_csv(seed):
    buf = io.StringIO()
    visits_frame(seed).to_csv(buf, index=False)
    buf.seek(0)
    back = visits_from_frame(pd.read_csv(buf))
    assert [(v.leader, v.destination.id, v.date, v.evidence) for v in back] == [
        (v.leader, v.destination.id, v.date, v.evidence) for v in seed
    ]


def test_teacher_edits_are_honoured(seed):
    df = visits_frame(seed, lang="nb")
    kakar = df.index[df["leader"].str.contains("Kakar")][0]
    df.loc[kakar, "destination"] = "Tasjkent"  # a more precise place, typed in Norwegian
    df.loc[kakar, "when_text"] = "torsdag"
    df.loc[kakar, "date"] = "2023-11-09"
    macron = df.index[df["leader"].str.contains("Macron")][0]
    df.loc[macron, "leader"] = ""  # delete a row
    df.loc[len(df)] = {
        **df.loc[0].to_dict(),
        "leader": "Xi Jinping",
        "leader_country": "CN",
        "origin": "",
        "origin_id": "",
        "destination": "Skolegården vår",
        "destination_id": "",
        "destination_lat": 40.0,
        "destination_lon": 60.0,
    }
    back = visits_from_frame(df)
    assert len(back) == len(seed)
    edited = next(v for v in back if "Kakar" in v.leader)
    assert edited.destination.name == "Tashkent"
    assert edited.date == dt.date(2023, 11, 9)
    xi = next(v for v in back if v.leader == "Xi Jinping")
    assert xi.origin.name == "Beijing"  # capital of the leader's country
    assert (xi.destination.lat, xi.destination.lon) == (40.0, 60.0)


def test_bad_frames_give_typed_errors(seed):
    df = visits_frame(seed)
    with pytest.raises(VisitsFrameError, match="destination"):
        visits_from_frame(df.drop(columns=["destination"]))
    bad = df.copy()
    bad.loc[0, "status"] = "maybe"
    with pytest.raises(VisitsFrameError, match="status"):
        visits_from_frame(bad)
    bad = df.copy()
    bad.loc[0, "destination"] = "Xyzzyland"
    bad.loc[0, "destination_id"] = ""
    bad.loc[0, "destination_lat"] = None
    with pytest.raises(UnknownRegionError, match="Xyzzyland"):
        visits_from_frame(bad)
    with pytest.raises(VisitsFrameError, match="DataFrame"):
        visits_from_frame([1, 2])  # type: ignore[arg-type]


# ------------------------------------------------------------------ the leaders table


def test_leaders_table_spellings():
    rows = load_leaders()
    tokayev = [r for r in rows if r.name == "Kassym-Jomart Tokayev"]
    assert tokayev and tokayev[0].name_nb == "Kassym-Jomart Tokajev"
    assert {"Tokajev", "Tokayev", "Tokaev"} <= set(tokayev[0].short)
    zelensky = next(r for r in rows if r.name == "Volodymyr Zelensky")
    assert {"Zelenskyj", "Zelensky"} <= set(zelensky.short)
    assert {"Erdoğan", "Erdogan"} <= set(next(r for r in rows if r.country == "TR").short)
    assert "Raeisi" in next(r for r in rows if r.name == "Ebrahim Raisi").short


def test_leaders_table_is_consistent():
    rows = load_leaders()
    for r in rows:
        assert len(r.country) == 2 and r.country.isupper(), r
        assert r.start is not None, r
        assert r.end is None or r.start <= r.end, r
    # no two different people hold the same office on the same day
    by_office: dict[tuple[str, str], list] = {}
    for r in rows:
        by_office.setdefault((r.country, r.role), []).append(r)
    for office, holders in by_office.items():
        holders.sort(key=lambda r: r.start)
        for a, b in zip(holders, holders[1:], strict=False):
            if a.name != b.name and a.end is not None:
                assert a.end <= b.start, (office, a.name, b.name)
            if a.end is None:
                assert a.name == b.name, (office, a.name, b.name)


@pytest.mark.parametrize(
    "country",
    # G20 countries, the Nordic countries, Central Asia, the Middle East, major European ones
    "AR AU BR CA CN FR DE IN ID IT JP KR MX RU SA ZA TR GB US "
    "NO SE DK FI IS KZ KG TJ TM UZ IR IL EG JO IQ AE QA PS SY UA PL ES NL PK".split(),
)
def test_leaders_table_covers_the_countries_the_issue_names(country):
    day = dt.date(2023, 11, 9)
    holders = [r for r in load_leaders() if r.country == country and r.in_office(day)]
    assert holders, f"no leader of {country} in office on {day}"


def test_leaders_table_missing_is_a_typed_error(tmp_path):
    with pytest.raises(GeodataError, match="missing"):
        load_leaders(str(tmp_path / "nope.csv"))


def test_every_visit_names_its_leader_once_per_destination(seed):
    counts = Counter((v.leader, v.destination.id) for v in seed)
    assert max(counts.values()) == 1


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("nb", "Putin sa at han ikke har planer om å besøke Ukraina.", set()),
        ("en", "Biden invited Zelensky to visit Washington.", set()),
        (
            "en",
            "Chinese President Xi Jinping received Russian President Vladimir Putin in Beijing.",
            {("Putin", "RU", "CN")},
        ),
        ("nb", "Støre og Scholz møttes i Berlin onsdag.", {("Støre", "NO", "DE")}),
        ("en", "Kim Jong Un's sister Kim Yo Jong visited Seoul.", set()),  # a relative
        ("en", "First lady Jill Biden visited Ukraine on Sunday.", set()),  # a spouse
        ("en", "Vice President Kamala Harris arrived in Munich for the conference.", set()),
        ("nb", "Ukrainas tidligere president Petro Porosjenko var i Oslo.", set()),
        ("nb", "– Vi vil gjerne ha Zelenskyj på besøk i Oslo, sa Støre.", set()),  # a quote
        ("en", "Erdogan is in favour of a ceasefire in Gaza.", set()),
        ("en", "Modi's government said it would send aid to Turkey.", set()),
        (
            "en",
            "German Chancellor Olaf Scholz called for a ceasefire in Gaza during his visit to Israel.",
            {("Scholz", "DE", "IL")},
        ),
        (
            "en",
            "Putin and Xi will both attend the BRICS summit in Kazan, Russia, next month.",
            {("Jinping", "CN", "RU")},
        ),
        ("nb", "Norges statsminister var i Brussel i går.", {("Støre", "NO", "BE")}),
    ],
)
def test_short_cases(lang, text, expected):
    assert summary(extract_visits(text, lang=lang, published="2024-03-07")) == expected


@pytest.mark.parametrize(
    ("lang", "published", "text", "expected"),
    [
        (  # ", as did X and Y" share the trip
            "en",
            "2024-11-17",
            "Xi traveled on to Rio, as did Indian Prime Minister Narendra Modi and French "
            "President Emmanuel Macron.",
            {("Jinping", "CN", "BR"), ("Modi", "IN", "BR"), ("Macron", "FR", "BR")},
        ),
        (  # "the leaders of X and Y", named later
            "en",
            "2025-05-10",
            "The leaders of France and Poland traveled to Kyiv on Saturday. French President "
            "Emmanuel Macron and Polish Prime Minister Donald Tusk arrived by train.",
            {("Macron", "FR", "UA"), ("Tusk", "PL", "UA")},
        ),
        (  # an unnamed member of "the leaders of" is not guessed
            "en",
            "2025-05-10",
            "The leaders of France and Germany traveled to Kyiv. French President Emmanuel "
            "Macron spoke.",
            {("Macron", "FR", "UA")},
        ),
        (  # presence without a place: at the summit named before
            "nb",
            "2024-10-23",
            "Kinas president Xi Jinping ankom BRICS-toppmøtet i Kazan tirsdag. Også Irans "
            "president Masoud Pezesjkian og Tyrkias president Recep Tayyip Erdogan er på plass.",
            {("Jinping", "CN", "RU"), ("Pezesjkian", "IR", "RU"), ("Erdogan", "TR", "RU")},
        ),
        (  # ... unless negated or remote
            "nb",
            "2024-10-23",
            "Kinas president Xi Jinping ankom BRICS-toppmøtet i Kazan tirsdag. Heller ikke "
            "Indias statsminister Narendra Modi var til stede. Brasils president Luiz Inácio "
            "Lula da Silva deltar på toppmøtet via video.",
            {("Jinping", "CN", "RU")},
        ),
        (  # "blant dem som ankom"
            "nb",
            "2025-06-24",
            "Trump ankom Haag – NATO-toppmøtet åpner. Danmarks statsminister Mette Frederiksen "
            "var blant dem som ankom tidlig tirsdag.",
            {("Trump", "US", "NL"), ("Frederiksen", "DK", "NL")},
        ),
        (  # "representerer Brasil i Kazan"
            "nb",
            "2024-10-23",
            "Utenriksminister Mauro Vieira representerer Brasil i Kazan.",
            {("Vieira", "BR", "RU")},
        ),
        (  # companions of a (domestic) trip travel too
            "nn",
            "2024-11-26",
            "Utanriksminister Espen Barth Eide er på besøk i Kirkenes denne veka. Med seg har "
            "han Finlands utanriksminister Elina Valtonen.",
            {("Valtonen", "FI", "NO")},
        ),
        (  # host phrase with a consort and a time word inside; the named city
            "nb",
            "2025-05-13",
            "Kong Harald og dronning Sonja tok tirsdag imot Finlands president Alexander Stubb "
            "på Slottsplassen i Oslo.",
            {("Stubb", "FI", "NO")},
        ),
        (  # "will host X": X is the guest
            "en",
            "2023-06-15",
            "Biden will host Indian Prime Minister Narendra Modi at the White House next week.",
            {("Modi", "IN", "US")},
        ),
        (  # "came from X, where he attended": was there
            "en",
            "2024-11-17",
            "Indian Prime Minister Narendra Modi came from Nigeria, where he had been on a "
            "state visit.",
            {("Modi", "IN", "NG")},
        ),
        (  # a Norwegian minister named without a country; a middle initial
            "nb",
            "2025-06-24",
            "Statsminister Jonas Gahr Støre og forsvarsminister Tore O. Sandvik er også i Haag.",
            {("Støre", "NO", "NL"), ("Sandvik", "NO", "NL")},
        ),
        (  # the plural role's countries are not taken from another leader's apposition
            "nn",
            "2024-10-29",
            "Ukrainas president Volodymyr Zelenskyj møtte dei nordiske statsministrane på "
            "Island tysdag.",
            {("Zelenskyj", "UA", "IS")},
        ),
        (  # met someone who is not a leader, at a place abroad
            "nb",
            "2024-10-17",
            "Utenriksminister Espen Barth Eide møtte EUs utenrikssjef Josep Borrell i Brussel "
            "onsdag.",
            {("Eide", "NO", "BE")},
        ),
        (  # "skal innom Stockholm"
            "nn",
            "2025-06-05",
            "Før Berlin skal statsminister Jonas Gahr Støre innom Stockholm.",
            {("Støre", "NO", "SE")},
        ),
        (  # "X, who accompanied Y": both travel
            "en",
            "2025-02-13",
            "Indian Prime Minister Narendra Modi arrived in Washington on Wednesday. India's "
            "Foreign Minister Subrahmanyam Jaishankar, who accompanied Modi, said the talks "
            "were productive.",
            {("Modi", "IN", "US"), ("Jaishankar", "IN", "US")},
        ),
    ],
)
def test_more_short_cases(lang, published, text, expected):
    assert summary(extract_visits(text, lang=lang, published=published)) == expected


@pytest.mark.parametrize(
    ("lang", "published", "text", "expected"),
    [
        (  # family name first: "Wang" later is Wang Yi; a list of destinations
            "en",
            "2024-01-13",
            "Chinese Foreign Minister Wang Yi arrived in Cairo on Saturday. From Egypt, Wang "
            "will travel to Tunisia and Togo.",
            {("Yi", "CN", "EG"), ("Yi", "CN", "TN"), ("Yi", "CN", "TG")},
        ),
        (  # attendance only implied by "Among the leaders attending were ..."
            "en",
            "2023-06-01",
            "European leaders gathered in Moldova on Thursday for a summit. Among the leaders "
            "attending were the German chancellor, Olaf Scholz, and Italy's prime minister, "
            "Giorgia Meloni. Turkey's president, Recep Tayyip Erdoğan, did not attend.",
            {("Scholz", "DE", "MD"), ("Meloni", "IT", "MD")},
        ),
        (  # a queen consort next to the king is no leader
            "nb",
            "2024-05-14",
            "Danmarks kong Frederik og dronning Mary kom til Oslo tirsdag.",
            {("Frederik", "DK", "NO")},
        ),
        (  # "the prime minister" with two prime ministers: the one the sentence before names
            "en",
            "2024-12-16",
            "British Prime Minister Keir Starmer flew into Tallinn on Monday. Denmark's prime "
            "minister, Mette Frederiksen, is expected at a summit in Finland. Starmer's trip "
            "comes amid concern. The prime minister travelled to Paris last month.",
            {("Starmer", "GB", "EE"), ("Frederiksen", "DK", "FI"), ("Starmer", "GB", "FR")},
        ),
        (  # a former leader counts only for a visit dated within the term
            "en",
            "2024-12-16",
            "Boris Johnson visited Tallinn in March 2022. Boris Johnson visited Kyiv last week.",
            {("Johnson", "GB", "EE")},
        ),
        (  # "skal han til Brussel", and "i Ramstein i Tyskland"
            "nb",
            "2024-10-17",
            "Forsvarsminister Bjørn Arild Gram landet i Vilnius torsdag. I september var han i "
            "Ramstein i Tyskland. Neste uke skal han til Brussel.",
            {("Gram", "NO", "LT"), ("Gram", "NO", "DE"), ("Gram", "NO", "BE")},
        ),
        (  # "met on the sidelines" of the summit named before
            "en",
            "2023-06-01",
            "European leaders gathered in Moldova on Thursday for a summit. Azerbaijan's "
            "president, Ilham Aliyev, and Armenia's prime minister, Nikol Pashinyan, met on "
            "the sidelines.",
            {("Aliyev", "AZ", "MD"), ("Pashinyan", "AM", "MD")},
        ),
        (  # "X kom til Bodø, medan Y landa tysdag"; "var i stedet i Stockholm"
            "nn",
            "2024-09-03",
            "Sveriges statsminister Ulf Kristersson kom til Bodø måndag kveld, medan Finlands "
            "statsminister Petteri Orpo landa tysdag morgon. Indias statsminister Narendra "
            "Modi var i stedet i Stockholm i april.",
            {("Kristersson", "SE", "NO"), ("Orpo", "FI", "NO"), ("Modi", "IN", "SE")},
        ),
        (  # "X, and Denmark's Y are also expected to attend" (the summit named before)
            "en",
            "2024-12-16",
            "British Prime Minister Keir Starmer will travel to Finland for a summit on "
            "Tuesday. The Norwegian prime minister, Jonas Gahr Støre, and Denmark's Mette "
            "Frederiksen are also expected to attend.",
            {("Starmer", "GB", "FI"), ("Støre", "NO", "FI"), ("Frederiksen", "DK", "FI")},
        ),
        (  # a capital's name is the capital; a country's name is the country
            "en",
            "2024-12-16",
            "British Prime Minister Keir Starmer met UK business leaders in London and Sunderland. "
            "Starmer is expected to visit Washington early in the new year. Chinese Foreign "
            "Minister Wang Yi visited Nigeria and Benin last week.",
            {("Starmer", "GB", "US"), ("Yi", "CN", "NG"), ("Yi", "CN", "BJ")},
        ),
    ],
)
def test_blind3_rules(lang, published, text, expected):
    assert summary(extract_visits(text, lang=lang, published=published)) == expected


def test_leaders_a_visitor_met_in_person_were_there_too_nb():
    text = (
        "Statsminister Jonas Gahr Støre ankom New York søndag. "
        "Mandag møtte han Brasils president Luiz Inácio Lula da Silva og Ghanas president "
        "Nana Akufo-Addo. Tirsdag snakket han med Kinas statsminister Li Qiang på telefon."
    )
    visits = extract_visits(text, published="2024-09-24")
    assert summary(visits) == {
        ("Støre", "NO", "US"),
        ("Silva", "BR", "US"),
        ("Akufo-Addo", "GH", "US"),
    }


def test_a_call_or_a_host_met_is_no_visit_en():
    text = (
        "Prime Minister Keir Starmer arrived in Washington on Monday. "
        "He met President Joe Biden at the White House. "
        "Later he met Japan's prime minister Fumio Kishida by phone."
    )
    assert summary(extract_visits(text, published="2024-09-13")) == {("Starmer", "GB", "US")}


def test_ministers_of_a_delegation_and_of_the_country_named_last_nb():
    text = (
        "Statsminister Erna Solberg kom til Beijing fredag. Utanriksminister Børge Brende, "
        "næringsminister Monica Mæland og fiskeriminister Per Sandberg er alle med på turen. "
        "Kim Jong-un landet i Singapore søndag. I delegasjonen hans er utenriksminister "
        "Ri Yong-ho. Singapore har spilt en aktiv rolle som vertsland. Landets utenriksminister "
        "Vivian Balakrishnan var i Pyongyang forrige uke."
    )
    assert summary(extract_visits(text, lang="nb", published="2018-06-11")) == {
        ("Solberg", "NO", "CN"),
        ("Brende", "NO", "CN"),
        ("Mæland", "NO", "CN"),
        ("Sandberg", "NO", "CN"),
        ("Jong-un", "KP", "SG"),
        ("Ri Yong-ho".split()[-1], "KP", "SG"),
        ("Balakrishnan", "SG", "KP"),
    }


def test_companions_and_leaders_met_there_en():
    text = (
        "Turkish President Recep Tayyip Erdogan agreed late Monday to send the protocol to "
        "parliament, after a meeting in Vilnius with Swedish Prime Minister Ulf Kristersson. "
        "Xi arrives in Moscow for talks with Putin as Kishida makes surprise trip to Kyiv."
    )
    found = summary(extract_visits(text, lang="en", published="2023-07-11"))
    assert {("Erdogan", "TR", "LT"), ("Kristersson", "SE", "LT")} <= found
    assert ("Kishida", "JP", "RU") not in found


def test_background_trip_does_not_move_the_story_nb():
    text = (
        "Ukrainas president Volodymyr Zelenskyj fløy lørdag inn til G7-toppmøtet i Japan. "
        "Japans statsminister Fumio Kishida gjorde selv en overraskende reise til Kyiv i mars. "
        "Fredag tok han med seg Joe Biden og Rishi Sunak til Fredsminnemuseet."
    )
    found = summary(extract_visits(text, lang="nb", published="2023-05-20"))
    assert ("Biden", "US", "UA") not in found and ("Sunak", "GB", "UA") not in found
    assert ("Zelenskyj", "UA", "JP") in found and ("Kishida", "JP", "UA") in found


def test_visit_verb_without_its_place_takes_the_journey_told_before_en():
    text = (
        "Biden joins a long line of Western leaders who have made the journey to Kyiv. "
        "British Prime Minister Rishi Sunak visited in November, and in June Germany's Olaf "
        "Scholz and then-Italian Prime Minister Mario Draghi arrived together on a night train."
    )
    assert summary(extract_visits(text, lang="en", published="2023-02-20")) == {
        ("Sunak", "GB", "UA"),
        ("Scholz", "DE", "UA"),
        ("Draghi", "IT", "UA"),
    }


def test_there_and_lists_of_guests_nb():
    text = (
        "Storbritannias statsminister Liz Truss har hatt en rekke møter i helgen. De to skal "
        "snakke sammen i New York onsdag. Truss reiser dit allerede tirsdag. "
        "Blant gjestene var Frankrikes president Emmanuel Macron og Indias president Droupadi "
        "Murmu, som kom til London lørdag."
    )
    assert summary(extract_visits(text, lang="nb", published="2022-09-19")) == {
        ("Truss", "GB", "US"),
        ("Macron", "FR", "GB"),
        ("Murmu", "IN", "GB"),
    }


def test_questions_and_conditions_are_no_trips_en():
    text = (
        "Asked whether Biden himself might travel to Ukraine, the press secretary said there "
        "were no plans. Leaders gathered for the summit in Bali. Several leaders have "
        "threatened to boycott the summit if the Russian president attends. Widodo will fly "
        "on to Abu Dhabi for talks with President Sheikh Mohamed bin Zayed Al Nahyan before "
        "returning to Jakarta."
    )
    found = summary(extract_visits(text, lang="en", published="2022-06-30"))
    assert ("Biden", "US", "UA") not in found
    assert not any(c == "RU" for _n, c, _d in found)
    assert ("Nahyan", "AE", "ID") not in found


def test_whom_a_leader_brings_along_nb():
    text = (
        "Ukrainas president Volodymyr Zelenskyj fløy lørdag inn til G7-toppmøtet i Japan. "
        "Fredag tok Japans statsminister Fumio Kishida med seg Joe Biden og Rishi Sunak til "
        "Fredsminnemuseet."
    )
    found = summary(extract_visits(text, lang="nb", published="2023-05-20"))
    assert {("Biden", "US", "JP"), ("Sunak", "GB", "JP")} <= found
    assert ("Kishida", "JP", "JP") not in found
    text = (
        "Nato-toppmøtet i Brussel var turbulent. USAs president Donald Trump landet i "
        "Helsingfors søndag. Med seg i Helsingfors har Trump utenriksminister Mike Pompeo."
    )
    found = summary(extract_visits(text, lang="nb", published="2018-07-16"))
    assert ("Pompeo", "US", "FI") in found and ("Pompeo", "US", "BE") not in found


def test_a_fronted_place_en():
    text = (
        "NATO leaders opened a summit in Vilnius on Tuesday. In Britain, Biden had held talks "
        "at 10 Downing Street with Prime Minister Rishi Sunak. Until Monday his office had "
        "declined to confirm that Zelenskyy would attend in person."
    )
    found = summary(extract_visits(text, lang="en", published="2023-07-11"))
    assert ("Biden", "US", "GB") in found
    assert ("Zelenskyy", "UA", "GB") not in found


def test_transport_genitive_places_and_north_korea_en():
    text = (
        "North Korean leader Kim Jong Un travelled by armoured train to Russia's Far East "
        "last September."
    )
    assert summary(extract_visits(text, lang="en", published="2024-06-19")) == {("Un", "KP", "RU")}


def test_live_blog_presence_and_ministers_travelling_with_a_leader():
    text = (
        "NATO leaders have gathered in Washington for a three-day summit. "
        "Viktor Orban is here too. Among those we've spotted: German Chancellor Olaf Scholz "
        "and Italy's Giorgia Meloni. President Zelensky touched down on Tuesday."
    )
    assert summary(extract_visits(text, lang="en", published="2024-07-10")) == {
        ("Orban", "HU", "US"),
        ("Scholz", "DE", "US"),
        ("Meloni", "IT", "US"),
        ("Zelensky", "UA", "US"),
    }
    text = (
        "Nord-Koreas leiar Kim Jong-un kom til Vladivostok onsdag. Med seg på reisa har Kim "
        "utanriksminister Ri Yong-ho og viseutanriksminister Choe Son-hui."
    )
    assert summary(extract_visits(text, lang="nn", published="2019-04-25")) == {
        ("Jong-un", "KP", "RU"),
        ("Yong-ho", "KP", "RU"),
    }


def test_summit_attendance_lists_and_background_tours():
    text = (
        "Leaders gathered in Riyadh for an emergency summit. Among those who travelled to the "
        "Saudi capital were Turkish President Recep Tayyip Erdogan and Jordan's King "
        "Abdullah II. Xi's last European tour, in March 2019, took him to Rome."
    )
    assert summary(extract_visits(text, lang="en", published="2023-11-11")) == {
        ("Erdogan", "TR", "SA"),
        ("II", "JO", "SA"),
        ("Jinping", "CN", "IT"),
    }
    text = (
        "Tysklands forbundskanslar Olaf Scholz kom til Oslo måndag. Rundt bordet sat også "
        "Sveriges statsminister Magdalena Andersson og Finlands Sanna Marin."
    )
    assert summary(extract_visits(text, lang="nn", published="2022-08-15")) == {
        ("Scholz", "DE", "NO"),
        ("Andersson", "SE", "NO"),
        ("Marin", "FI", "NO"),
    }


def test_own_territories_opinions_and_stops():
    text = (
        "French President Emmanuel Macron spent Thursday in Nouméa, trying to calm the "
        "violence in New Caledonia."
    )
    assert summary(extract_visits(text, lang="en", published="2024-05-24")) == set()
    text = (
        "Sør-Koreas president Moon Jae-in, som tysdag kom heim frå ei rundreise med stopp i "
        "Turkmenistan og Usbekistan, seier han håpar møtet i Vladivostok kan bidra."
    )
    assert summary(extract_visits(text, lang="nn", published="2019-04-25")) == {
        ("Jae-in", "KR", "TM"),
        ("Jae-in", "KR", "UZ"),
    }


def test_trips_that_did_not_happen_and_meetings_talked_about():
    text = "Trump had been due in Copenhagen on Sept. 2 before he called off the trip."
    assert summary(extract_visits(text, lang="en", published="2019-08-21")) == set()
    text = (
        "Utenriksministrene møttes i Reykjavik torsdag. Utenriksminister Ine Eriksen Søreide "
        "viste til ministermøtet i Rovaniemi i 2019."
    )
    found = summary(extract_visits(text, lang="nb", published="2021-05-20"))
    assert ("Søreide", "NO", "FI") not in found
    text = (
        "Over hundre leiarar kom til Glasgow måndag. Kinas president Xi Jinping sende i "
        "staden ei skriftleg helsing til konferansen."
    )
    assert ("Jinping", "CN", "GB") not in summary(
        extract_visits(text, lang="nn", published="2021-11-01")
    )


def test_more_ways_of_being_somewhere():
    text = (
        "USAs utanriksminister Antony Blinken kom til Oslo onsdag etter to dagar i Luleå. "
        "Også Danmarks utenriksminister Jeppe Kofod har vært til stede i Reykjavik. "
        "Kinas president Xi Jinping reiser fra Bali videre til Bangkok."
    )
    found = summary(extract_visits(text, lang="nb", published="2022-11-16"))
    assert {
        ("Blinken", "US", "NO"),
        ("Blinken", "US", "SE"),
        ("Kofod", "DK", "IS"),
        ("Jinping", "CN", "ID"),
        ("Jinping", "CN", "TH"),
    } <= found
    text = "Chinese President Xi Jinping was hosted in Washington by President Barack Obama."
    assert summary(extract_visits(text, lang="en", published="2015-10-20")) == {
        ("Jinping", "CN", "US")
    }


def test_headline_words_are_no_names_and_cancelling_is_no_trip():
    text = (
        "Xi Offers Putin a Show of Support in Moscow as Japan's Leader Slips Into Kyiv\n\n"
        "Prime Minister Fumio Kishida of Japan arrived in Kyiv on Tuesday."
    )
    found = extract_visits(text, lang="en", published="2023-03-21")
    assert {v.leader for v in found if v.leader_country == "JP"} == {"Fumio Kishida"}
    text = "Russlands utenriksminister Sergej Lavrov måtte avlyse et planlagt besøk i Beograd."
    assert summary(extract_visits(text, lang="nb", published="2022-06-06")) == set()


def test_who_was_where_a_place_is_followed_by_where():
    text = (
        "Kinas utenriksminister Wang Yi er på rundreise i Europa. Turneen avsluttes i Berlin "
        "tirsdag neste uke, der Wang etter planen skal ha samtaler med Tysklands "
        "utenriksminister Heiko Maas."
    )
    assert ("Yi", "CN", "DE") in summary(extract_visits(text, lang="nb", published="2020-08-26"))
    text = (
        "USAs utanriksminister Antony Blinken kom til Oslo onsdag etter to dagar i Luleå nord "
        "i Sverige, der han og handelsminister Gina Raimondo møtte EU-kommisjonen."
    )
    assert summary(extract_visits(text, lang="nn", published="2023-06-01")) == {
        ("Blinken", "US", "NO"),
        ("Blinken", "US", "SE"),
        ("Raimondo", "US", "SE"),
    }
    text = (
        "President Donald Trump will attend the Group of Seven summit in the French seaside "
        "resort of Biarritz this weekend."
    )
    assert summary(extract_visits(text, lang="en", published="2019-08-21")) == {
        ("Trump", "US", "FR")
    }


def test_going_along_and_relative_presence_nb():
    text = (
        "Utenriksminister Ine Eriksen Søreide var med til St. Petersburg, i tillegg til "
        "Finlands president Sauli Niinistö og Sveriges statsminister Stefan Löfven."
    )
    assert summary(extract_visits(text, lang="nb", published="2019-10-25")) == {
        ("Søreide", "NO", "RU"),
        ("Niinistö", "FI", "RU"),
        ("Löfven", "SE", "RU"),
    }
    text = (
        "Danmarks statsminister Mette Frederiksen, som var i Kyiv i april saman med Spanias "
        "statsminister Pedro Sánchez, sa at Danmark ønskjer ei felles løysing."
    )
    assert summary(extract_visits(text, lang="nn", published="2022-08-15")) == {
        ("Frederiksen", "DK", "UA"),
        ("Sánchez", "ES", "UA"),
    }


def test_summit_tables_datelines_and_compound_words():
    text = (
        "NEW DELHI (AP) — Indian Prime Minister Narendra Modi opened the Group of 20 summit on "
        "Saturday. Chinese President Xi Jinping skipped the gathering, sending Premier Li Qiang, "
        "who flew in on Friday. Also around the table were German Chancellor Olaf Scholz; "
        "French President Emmanuel Macron, who will travel on to Bangladesh after the summit; "
        "and Canadian Prime Minister Justin Trudeau."
    )
    found = summary(extract_visits(text, lang="en", published="2023-09-09"))
    assert {
        ("Qiang", "CN", "IN"),
        ("Scholz", "DE", "IN"),
        ("Macron", "FR", "IN"),
        ("Macron", "FR", "BD"),
        ("Trudeau", "CA", "IN"),
    } <= found
    assert ("Jinping", "CN", "IN") not in found
    text = "Etter tre dagar i Brussel avslutta USAs president Joe Biden Europa-turen i Warszawa."
    assert {v.leader for v in extract_visits(text, lang="nn", published="2022-03-27")} == {
        "Joe Biden"
    }


def test_unreal_clauses_among_those_who_and_visiting_a_host():
    text = (
        "Mr. Biden, who was to have made a historic stop in Port Moresby, will now travel "
        "only to Hiroshima for the G7. Sheikh Tamim bin Hamad Al Thani was among the leaders "
        "who flew into Ankara last month for Erdogan's inauguration."
    )
    found = summary(extract_visits(text, lang="en", published="2023-07-18"))
    assert ("Biden", "US", "JP") in found and ("Biden", "US", "PG") not in found
    assert any(c == "QA" and d == "TR" for _n, c, d in found)
    text = (
        "Russlands president Vladimir Putin var på besøk hos Frankrikes president Emmanuel Macron."
    )
    assert summary(extract_visits(text, lang="nb", published="2019-08-26")) == {
        ("Putin", "RU", "FR")
    }


def test_tours_scenes_and_repeated_visits():
    text = (
        "Kishida returned to Japan on Friday from a weeklong tour of Egypt, Ghana and Kenya. "
        "In Praia on Monday, Secretary of State Antony Blinken praised Cape Verde's record. "
        "Maduro hosted Raisi at the Miraflores palace."
    )
    found = summary(extract_visits(text, lang="en", published="2023-05-08"))
    assert {("Kishida", "JP", "EG"), ("Kishida", "JP", "GH"), ("Kishida", "JP", "KE")} <= found
    assert ("Blinken", "US", "CV") in found
    assert not any(d == "PE" for _n, _c, d in found)
    text = (
        "Utenriksminister Børge Brende er i Cartagena. Brende har selv vært i Havanna flere ganger."
    )
    found = summary(extract_visits(text, lang="nb", published="2016-09-27"))
    assert ("Brende", "NO", "CU") in found


def test_status_of_earlier_and_same_day_trips():
    text = (
        "British Prime Minister Rishi Sunak visited Kyiv last month. "
        "German Chancellor Olaf Scholz met Xi Jinping in Beijing on Monday."
    )
    status = {
        v.leader.split()[-1]: v.status
        for v in extract_visits(text, lang="en", published="2023-02-20")
    }
    assert status == {"Sunak": "historical", "Scholz": "current"}


def test_a_summit_at_a_venue_the_gazetteer_lacks():
    text = (
        "ELMAU, Germany, June 27 (Reuters) - Leaders of the Group of Seven opened their summit "
        "on Sunday. India's Prime Minister Narendra Modi and Indonesian President Joko Widodo "
        "were joining the second day of talks at Schloss Elmau."
    )
    found = summary(extract_visits(text, lang="en", published="2022-06-27"))
    assert {("Modi", "IN", "DE"), ("Widodo", "ID", "DE")} <= found


def test_onward_stops_and_a_host_elsewhere_nn():
    text = (
        "Kinas president Xi Jinping er i Roma. Søndag reiser Xi vidare til Palermo, før han "
        "same kveld held fram til fyrstedømmet Monaco."
    )
    found = summary(extract_visits(text, lang="nn", published="2019-03-22"))
    assert {("Jinping", "CN", "IT"), ("Jinping", "CN", "MC")} <= found
    text = "Italias statsminister Giorgia Meloni, som var vertskap i Apulia, er også på plass i Sveits."
    assert summary(extract_visits(text, lang="nn", published="2024-06-15")) == {
        ("Meloni", "IT", "CH")
    }


def test_two_letter_family_names_and_then_to_en():
    text = (
        "Chinese Premier Li Qiang met Janet Yellen. Li made his first trip abroad as premier "
        "last month, traveling to Berlin for talks with Chancellor Olaf Scholz and then to "
        "Paris for a summit."
    )
    found = summary(extract_visits(text, lang="en", published="2023-07-08"))
    assert {("Qiang", "CN", "DE"), ("Qiang", "CN", "FR")} <= found


def test_leaders_listed_after_a_colon_came_from_one_summit_to_this_one_nn():
    text = (
        "Over 90 land er samla på fredstoppmøtet i Sveits. Fleire av dei tyngste namna kom "
        "rett frå G7-toppmøtet i Apulia: Tysklands forbundskanslar Olaf Scholz og Japans "
        "statsminister Fumio Kishida."
    )
    found = summary(extract_visits(text, lang="nn", published="2024-06-15"))
    assert found == {
        ("Scholz", "DE", "CH"),
        ("Scholz", "DE", "IT"),
        ("Kishida", "JP", "CH"),
        ("Kishida", "JP", "IT"),
    }


def test_party_aside_relative_clause_and_speech_tag_after_a_quote_nb():
    text = (
        "Statsminister Jonas Gahr Støre (Ap) landet i Praha sent onsdag kveld. "
        "Hellas' statsminister Kyriakos Mitsotakis, som også var i Praha, svarte ikke. "
        "– En ny æra begynner, sa Finlands president Sauli Niinistö, som landet i Brussel "
        "tidlig om morgenen. – Jeg reiser til Moskva i morgen, sa Støre."
    )
    found = summary(extract_visits(text, lang="nb", published="2022-10-06"))
    assert found == {("Støre", "NO", "CZ"), ("Mitsotakis", "GR", "CZ"), ("Niinistö", "FI", "BE")}


def test_speech_tag_after_a_quote_and_a_place_naming_people_en():
    text = (
        '"A new era begins," said Finnish President Sauli Niinistö, who landed in Brussels '
        "early in the morning. Hungarian Prime Minister Viktor Orbán said he would send a "
        "report on his recent travels to EU leaders."
    )
    found = summary(extract_visits(text, lang="en", published="2023-04-04"))
    assert found == {("Niinistö", "FI", "BE")}


def test_ntb_dateline_sidelines_and_company_in_a_party_aside_nb():
    text = (
        "Publisert: 04.12.2019\n\nLONDON (NTB): USAs president Donald Trump dropper "
        "pressekonferansen på NATO-toppmøtet.\n\nPå sidelinjen av toppmøtet møtte Trump også "
        "Danmarks statsminister Mette Frederiksen.\n\nStatsminister Erna Solberg (H), som kom "
        "til Paris tirsdag i følge med utenriksminister Ine Eriksen Søreide og "
        "forsvarsminister Frank Bakke-Jensen (begge H), ville ikke si noe.\n\n"
        "HISTORISK: Lederne ved NATO-hovedkvarteret. Foto: Reuters / NTB"
    )
    found = summary(extract_visits(text, lang="nb", published="2019-12-04"))
    assert found == {
        ("Trump", "US", "GB"),
        ("Frederiksen", "DK", "GB"),
        ("Solberg", "NO", "FR"),
        ("Søreide", "NO", "FR"),
        ("Bakke-Jensen", "NO", "FR"),
    }


def test_a_minister_who_went_along_takes_the_travellers_country_nb():
    text = (
        "Trump var i Riyadh søndag. Handelsminister Wilbur Ross, som var med til Riyadh, sa "
        "til CNBC at det hadde vært «ingen protester»."
    )
    found = summary(extract_visits(text, lang="nb", published="2017-05-22"))
    assert found == {("Trump", "US", "SA"), ("Ross", "US", "SA")}
