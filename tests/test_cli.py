"""The command line, run as a real subprocess through the installed console script."""

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mapping.article import sample_article_path

MAPPING = shutil.which("mapping", path=str(Path(sys.executable).parent)) or "mapping"


def run(*args, stdin=None):
    return subprocess.run([MAPPING, *map(str, args)], input=stdin, capture_output=True, timeout=300)


def test_places_table_for_the_sample():
    out = run("places", sample_article_path())
    assert out.returncode == 0, out.stderr.decode()
    table = out.stdout.decode()
    for name in ("Kasakhstan", "Usbekistan", "Sentral-Asia", "Pakistan", "Gaza"):
        assert name in table


def test_places_json_from_standard_input():
    out = run("places", "-", "--format", "json", stdin=sample_article_path().read_bytes())
    assert out.returncode == 0, out.stderr.decode()
    data = json.loads(out.stdout)
    codes = {p["country_code"] for p in data["places"] if p["kind"] == "country"}
    assert {"KZ", "UZ", "RU", "PK"} <= codes
    assert data["unresolved"] == []


def test_places_csv_and_geojson_files(tmp_path):
    csv_path = tmp_path / "places.csv"
    assert run("places", sample_article_path(), "--format", "csv", "-o", csv_path).returncode == 0
    header = csv_path.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("place_id,name,label,kind,country_code,lat,lon,mentions")
    gj = tmp_path / "places.geojson"
    assert run("places", sample_article_path(), "--format", "geojson", "-o", gj).returncode == 0
    features = json.loads(gj.read_text(encoding="utf-8"))["features"]
    kz = next(f for f in features if f["properties"]["country_code"] == "KZ")
    lon, lat = kz["geometry"]["coordinates"]
    assert 60 < lon < 75 and 45 < lat < 52  # middle of Kazakhstan, GeoJSON (lon, lat) order


@pytest.mark.parametrize(
    "content, message",
    [(b"", "no text"), (b"%PDF-1.4 binary", "binary"), (b"\x00\x01\x02" * 100, "binary")],
)
def test_bad_input_is_a_clear_error_not_a_traceback(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    out = run("places", path)
    assert out.returncode == 2
    err = out.stderr.decode()
    assert message in err and "Traceback" not in err


def test_missing_file():
    out = run("places", "/nonexistent/article.txt")
    assert out.returncode == 2
    assert "No article at" in out.stderr.decode()


def test_output_never_overwrites_the_article(tmp_path):
    article = tmp_path / "article.txt"
    article.write_bytes(sample_article_path().read_bytes())
    out = run("places", article, "--format", "csv", "-o", article)
    assert out.returncode == 2
    assert "refusing to overwrite" in out.stderr.decode()
    assert article.read_bytes() == sample_article_path().read_bytes()


def test_map_command_writes_an_offline_map_with_visits(tmp_path):
    out = tmp_path / "map.html"
    done = run("map", sample_article_path(), "-o", out, "--visits", "--published", "2023-11-09")
    assert done.returncode == 0, done.stderr.decode()
    html = out.read_text(encoding="utf-8")
    assert "<script src=" not in html  # every asset inlined
    assert "Kasakhstan" in html and "Vladimir Putin" in html


def test_map_command_from_standard_input_in_english(tmp_path):
    out = tmp_path / "en.html"
    text = b"French President Emmanuel Macron arrived in Kazakhstan on Monday."
    done = run("map", "-", "-o", out, "--no-online-tiles", stdin=text)
    assert done.returncode == 0, done.stderr.decode()
    html = out.read_text(encoding="utf-8")
    assert "Kazakhstan" in html and "tile.openstreetmap.org" not in html


def test_visits_command_table_and_csv():
    done = run("visits", sample_article_path(), "--published", "2023-11-09")
    assert done.returncode == 0, done.stderr.decode()
    table = done.stdout.decode()
    assert "torsdag" in table and "2023-11-09" in table
    csv_out = run("visits", sample_article_path(), "--format", "csv").stdout.decode()
    rows = list(csv.DictReader(io.StringIO(csv_out)))
    assert {(r["leader"], r["leader_country"], r["destination_country"]) for r in rows} == {
        ("Vladimir Putin", "RU", "KZ"),
        ("Recep Tayyip Erdogan", "TR", "UZ"),
        ("Ebrahim Raisi", "IR", "UZ"),
        ("Anwaar-ul-Haq Kakar", "PK", "UZ"),
        ("Emmanuel Macron", "FR", "KZ"),
    }
    for row in rows:
        assert row["leader"] in table


def test_landlocked_and_story_commands(tmp_path):
    land = tmp_path / "land.html"
    assert run("landlocked", "-o", land).returncode == 0
    assert "Usbekistan" in land.read_text(encoding="utf-8")
    story = tmp_path / "story.html"
    done = run("story", sample_article_path(), "-o", story)
    assert done.returncode == 0, done.stderr.decode()
    assert "Kasakhstan" in story.read_text(encoding="utf-8")
