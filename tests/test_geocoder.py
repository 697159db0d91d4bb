"""Tests for mapping.geocoder: the offline gazetteer geocoder and the cached Nominatim.

No test touches the internet: Nominatim is pointed at a real HTTP server on 127.0.0.1
(stdlib http.server in a thread) or at a closed local port.
"""

from __future__ import annotations

import json
import socket
import threading
import warnings
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from mapping.geocoder import GazetteerGeocoder, online_geocoder

ASTANA = {"lat": "51.1282", "lon": "71.4307", "display_name": "Astana, Kazakhstan", "osm_id": 1}


class _Nominatim(BaseHTTPRequestHandler):
    """Answers /search like Nominatim: a JSON list; 'Astana' is known."""

    requests: list[dict] = []

    def do_GET(self):  # noqa: N802 (http.server API)
        url = urlparse(self.path)
        params = {k: v[0] for k, v in parse_qs(url.query).items()}
        type(self).requests.append({"path": url.path, **params})
        body = json.dumps([ASTANA] if params.get("q", "").lower() == "astana" else [])
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def nominatim_server():
    _Nominatim.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Nominatim)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}", _Nominatim.requests
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"127.0.0.1:{port}"  # nothing listens there any more


def test_gazetteer_geocoder_is_a_geopy_geocoder():
    geo = GazetteerGeocoder()
    assert isinstance(geo, Geocoder)
    loc = geo.geocode("Kasakhstan")
    assert isinstance(loc, Location)
    assert loc.raw["id"] == "country:KZ" and loc.raw["kind"] == "country"
    assert loc.raw["labels"]["nb"] == "Kasakhstan"
    assert loc.address == "Kazakhstan"
    # a country is at the middle of its land (48.2 N 67.3 E for Kazakhstan), not its capital
    assert 45 < loc.latitude < 50 and 63 < loc.longitude < 72


def test_gazetteer_geocoder_language_and_lists():
    geo = GazetteerGeocoder()
    assert geo.geocode("Kazakhstan", language="nb").address == "Kasakhstan"
    astana = geo.geocode("Astana", language="nb")
    assert astana.address == "Astana, Kasakhstan" and astana.raw["country_code"] == "KZ"
    many = geo.geocode("Paris", exactly_one=False)
    assert isinstance(many, list) and len(many) >= 2
    assert many[0].raw["country_code"] == "FR"


def test_gazetteer_geocoder_narrows_by_country_after_comma():
    geo = GazetteerGeocoder()
    assert geo.geocode("Paris, USA").raw["country_code"] == "US"
    assert geo.geocode("Bergen, Nederland").raw["country_code"] == "NL"
    assert geo.geocode("Oslo, Kasakhstan") is None


def test_gazetteer_geocoder_not_found_and_bad_input():
    geo = GazetteerGeocoder()
    assert geo.geocode("Nowhereville-on-Sea") is None
    assert geo.geocode("   ") is None
    with pytest.raises(TypeError):
        geo.geocode(42)


def test_gazetteer_geocoder_reverse_finds_the_nearest_city():
    geo = GazetteerGeocoder()
    assert geo.reverse((59.91, 10.75)).raw["name"] == "Oslo"
    near = geo.reverse("51.13, 71.43", exactly_one=False)
    assert near[0].raw["name"] == "Astana" and len(near) == 5


def test_online_geocoder_queries_once_then_uses_the_cache(nominatim_server, tmp_path):
    domain, requests = nominatim_server
    geo = online_geocoder(cache_dir=tmp_path, domain=domain, scheme="http", min_delay_seconds=0)
    loc = geo("Astana")
    assert isinstance(loc, Location)
    assert (loc.latitude, loc.longitude) == (51.1282, 71.4307)
    assert loc.raw["display_name"] == "Astana, Kazakhstan"
    assert geo("Nowhere") is None
    assert len(requests) == 2 and requests[0]["path"] == "/search" and requests[0]["q"] == "Astana"
    # Second time: from the cache, no request.
    assert geo("astana").address == "Astana, Kazakhstan"
    assert geo("Nowhere") is None
    assert len(requests) == 2
    cached = json.loads((tmp_path / "nominatim.json").read_text(encoding="utf-8"))
    assert len(cached) == 2 and not list(tmp_path.glob("*.tmp"))
    # A new geocoder (new session) reads the same cache file.
    again = online_geocoder(cache_dir=tmp_path, domain=domain, scheme="http", min_delay_seconds=0)
    assert again.geocode("Astana").latitude == 51.1282
    assert len(requests) == 2


def test_online_geocoder_rate_limits(nominatim_server, tmp_path):
    import time

    domain, requests = nominatim_server
    geo = online_geocoder(cache_dir=tmp_path, domain=domain, scheme="http", min_delay_seconds=0.3)
    start = time.monotonic()
    for name in ("Astana", "A", "B"):
        geo(name)
    assert len(requests) == 3
    assert time.monotonic() - start >= 0.55  # two pauses of 0.3 s


def test_online_geocoder_offline_warns_once_and_returns_none(closed_port, tmp_path):
    geo = online_geocoder(
        cache_dir=tmp_path, domain=closed_port, scheme="http", min_delay_seconds=0
    )
    with pytest.warns(UserWarning, match="cannot be reached"):
        assert geo("Astana") is None
    assert geo.offline
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert geo("Astana") is None
        assert geo("Oslo") is None
    assert not (tmp_path / "nominatim.json").exists()


def test_online_geocoder_offline_still_answers_from_cache(nominatim_server, closed_port, tmp_path):
    domain, _ = nominatim_server
    online_geocoder(cache_dir=tmp_path, domain=domain, scheme="http", min_delay_seconds=0)("Astana")
    geo = online_geocoder(
        cache_dir=tmp_path, domain=closed_port, scheme="http", min_delay_seconds=0
    )
    assert geo("Astana").latitude == 51.1282
    with pytest.warns(UserWarning):
        assert geo("Bergen") is None
