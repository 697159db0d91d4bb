"""The command line, run as a real subprocess through the installed console script."""

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
