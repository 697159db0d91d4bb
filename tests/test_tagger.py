"""Tests for mapping.tagger: the place-name tagger (Norwegian CRF, English rules)."""

from __future__ import annotations

import dataclasses
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from mapping.tagger import LABELS, Span, demonym_country, detect_language, sentence_features, tag
from mapping.text import sentence_spans, tokenize

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
SAMPLE = ROOT / "src" / "mapping" / "assets" / "putin-kasakhstan.nb.txt"


def _found(text: str, lang: str, label: str = "place") -> list[str]:
    return [text[s.start : s.end] for s in tag(text, lang=lang) if s.label == label]


def _load_script(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


# --- the Span type and the API contract ------------------------------------------------------


def test_span_is_frozen():
    span = Span(0, 4, "place", 0.9)
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.start = 1  # type: ignore[misc]


def test_bad_language_is_a_clear_error():
    with pytest.raises(ValueError, match="lang must be one of"):
        tag("Oslo er fin.", lang="de")


def test_non_text_is_a_clear_error():
    with pytest.raises(TypeError, match="text must be str"):
        tag(b"Oslo", lang="nb")  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_empty_and_blank_text_give_no_spans(lang):
    assert tag("", lang=lang) == []
    assert tag("   \n\n  ", lang=lang) == []


def test_sample_article_spans_are_whole_sorted_tokens():
    text = SAMPLE.read_text(encoding="utf-8")
    spans = tag(text, lang="nb")
    starts = {t.start for t in tokenize(text)}
    ends = {t.end for t in tokenize(text)}
    assert spans == sorted(spans, key=lambda s: (s.start, s.end))
    for a, b in zip(spans, spans[1:], strict=False):
        assert a.end <= b.start, (a, b)
    for s in spans:
        assert s.start in starts and s.end in ends
        assert s.label in LABELS
        assert 0.0 <= s.score <= 1.0


def test_given_tokens_and_sentences_give_the_same_spans():
    text = SAMPLE.read_text(encoding="utf-8")
    assert tag(text, lang="nb", tokens=tokenize(text), sentences=sentence_spans(text)) == tag(
        text, lang="nb"
    )


def test_tagging_is_deterministic():
    text = SAMPLE.read_text(encoding="utf-8")
    assert tag(text, lang="nb") == tag(text, lang="nb")


# --- Norwegian -------------------------------------------------------------------------------


def test_sample_article_places():
    text = SAMPLE.read_text(encoding="utf-8")
    places = set(_found(text, "nb"))
    for name in ("Kasakhstan", "Russland", "Russlands", "Sentral-Asia", "Usbekistan", "Ukraina"):
        assert name in places, name
    for name in ("Kina", "Pakistan", "Pakistans", "Gaza", "Eurasia", "Tyrkia"):
        assert name in places, name
    for person in ("Putin", "Tokajev", "Macron", "Erdogan", "Raisi", "Kakar", "Vladimir Putin"):
        assert person not in places, person
    assert "Putin" in _found(text, "nb", "person") or "Vladimir Putin" in _found(
        text, "nb", "person"
    )


def test_sample_article_demonym():
    text = SAMPLE.read_text(encoding="utf-8")
    assert "sentralasiatiske" in _found(text, "nb", "demonym")


@pytest.mark.parametrize(
    ("text", "lang", "places"),
    [
        ("Statsministeren reiste fra Oslo til Bergen i går.", "nb", ["Oslo", "Bergen"]),
        ("Regjeringen i Norge møtte Sveriges statsminister i Stockholm.", "nb",
         ["Norge", "Sveriges", "Stockholm"]),
        ("Eg reiste frå Tromsø til Noreg si hovudstad Oslo i fjor.", "nn", ["Tromsø", "Noreg", "Oslo"]),
        ("Dei budde i Trondheim før dei flytte til Frankrike.", "nn", ["Trondheim", "Frankrike"]),
        ("Krigen i Gazastripen og i Ukraina prega møtet.", "nb", ["Gazastripen", "Ukraina"]),
    ],
)  # fmt: skip
def test_norwegian_places(text, lang, places):
    assert _found(text, lang) == places


def test_norwegian_person_is_not_a_place():
    text = "Jonas Gahr Støre møtte Erna Solberg på Stortinget."
    assert not {"Jonas", "Gahr", "Støre", "Erna", "Solberg"} & set(_found(text, "nb"))
    assert _found(text, "nb", "person")


def test_sentence_features_include_neighbours_and_gazetteer():
    feats = sentence_features(["Han", "bor", "i", "Russlands", "hovedstad", "."], "nb")
    assert len(feats) == 6
    assert "BOS" in feats[0] and "EOS" in feats[5]
    assert "w=russlands" in feats[3] and "-1w=i" in feats[3] and "+1w=hovedstad" in feats[3]
    # "Russlands" is found in the gazetteer only after stripping the genitive -s
    assert "gsT" in feats[3] and "-1gsT" in feats[4]


# --- English ---------------------------------------------------------------------------------


def test_english_places_and_possessive():
    text = "China's health ministry said cases rose in Kenya and the United States on Monday."
    assert _found(text, "en") == ["China", "Kenya", "United States"]


def test_english_people_are_not_places():
    text = (
        "President Jackson met Mr. Lincoln in Paris, France. Governor Jim Doyle said the "
        "outbreak was under control. Doyle visited Madrid later."
    )
    places = _found(text, "en")
    assert places == ["Paris", "France", "Madrid"]


def test_english_dates_newsrooms_and_currency_are_not_places():
    text = "On Monday in May, AP and Reuters reported US$4 million for Kenya."
    assert _found(text, "en") == ["Kenya"]


def test_english_demonym():
    text = "Russian troops crossed into Ukraine."
    assert _found(text, "en", "demonym") == ["Russian"]
    assert _found(text, "en") == ["Ukraine"]


def test_english_abbreviation_and_admin_pattern():
    text = "The U.S. Department of Agriculture found cases in Scott County and in the UK."
    assert _found(text, "en") == ["U.S.", "Scott County", "UK"]


# --- language detection and demonym lookup ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Eg veit ikkje kva han gjorde i Bergen, men han vart verande der.", "nn"),
        ("Jeg vet ikke hva han gjorde i Bergen, men han ble værende der.", "nb"),
        ("The president said that the talks in Astana were over.", "en"),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_detect_language_on_the_sample_article():
    assert detect_language(SAMPLE.read_text(encoding="utf-8")) == "nb"


def test_demonym_country():
    assert demonym_country("russiske", lang="nb") == "RU"
    assert demonym_country("kinesisk", lang="nn") == "CN"
    assert demonym_country("Pakistani", lang="en") == "PK"
    assert demonym_country("Philippines", lang="en") is None
    assert demonym_country("bord", lang="nb") is None


# --- training and benchmark scripts -----------------------------------------------------------


def test_conllu_reader_aligns_gold_spans_by_offset():
    train = _load_script("train_tagger", ROOT / "scripts" / "train_tagger.py")
    (text, gold), (text2, gold2) = train.read_conllu(DATA / "tagger_dev.conllu")
    assert [text[a:b] for a, b, _ in gold] == ["Russlands", "Jonas Gahr Støre"]
    assert [t for _, _, t in gold] == ["GPE_LOC", "PER"]
    assert [(text2[a:b], t) for a, b, t in gold2] == [("Nordsjøen", "LOC"), ("Oslo", "GPE_LOC")]


def test_training_writes_a_model_that_tags(tmp_path):
    pycrfsuite = pytest.importorskip("pycrfsuite")
    train = _load_script("train_tagger", ROOT / "scripts" / "train_tagger.py")
    (tmp_path / "norne").mkdir()
    src = (DATA / "tagger_train.tsv").read_text(encoding="utf-8")
    (tmp_path / "norne" / "no_bokmaal-train.tsv").write_text(src, encoding="utf-8")
    out = tmp_path / "tiny.crfsuite"
    train.train(tmp_path, out, langs=("nb",))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(out))
    labels = tagger.tag(sentence_features(["Han", "bor", "i", "Bergen", "."], "nb"))
    assert labels[3] == "B-GPE_LOC"
    assert labels[1] == "O"


def test_training_stops_cleanly_without_corpora(tmp_path):
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "train_tagger.py"), "--corpora", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 2
    assert "NorNE not found" in out.stderr
    assert "Traceback" not in out.stderr


def test_benchmark_skips_cleanly_without_corpora(tmp_path):
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "geoparse.py"), "--corpora", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0
    assert "skipped" in out.stdout
