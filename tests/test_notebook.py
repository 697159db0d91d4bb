"""Tests for mapping.notebook: the helpers the classroom notebooks call."""

from __future__ import annotations

import html
import http.server
import socket
import threading
from pathlib import Path

import pandas
import pytest

from mapping import sample_article
from mapping.errors import (
    ArticleDownloadError,
    ArticleError,
    ArticleNotFoundError,
    EmptyArticleError,
    MappingError,
)
from mapping.notebook import (
    CENTRAL_ASIA,
    InlineHtml,
    article_widget,
    distance_chart,
    export_map,
    landlocked_table,
    load_article,
    places_table,
    run_student_notebook,
    show_map,
)

DATA = Path(__file__).resolve().parent / "data"
ENGLISH = DATA / "english_article.txt"


# --------------------------------------------------------------------------- load_article


def test_load_article_reads_a_file_path_given_as_str_or_path(tmp_path):
    path = tmp_path / "artikkel.txt"
    path.write_text("Støre er på besøk i Berlin.\n", encoding="utf-8")
    assert load_article(str(path)) == "Støre er på besøk i Berlin.\n"
    assert load_article(path) == "Støre er på besøk i Berlin.\n"


def test_load_article_takes_pasted_text_as_it_is():
    text = "Macron var nylig i Kasakhstan.\r\nNå reiser han til Usbekistan."
    assert load_article(text) == "Macron var nylig i Kasakhstan.\nNå reiser han til Usbekistan."


def test_load_article_reduces_pasted_html_to_text():
    page = "<html><body><nav>Meny</nav><p>Putin er i Astana.</p></body></html>"
    assert load_article(page) == "Putin er i Astana."


@pytest.mark.parametrize("name", ["finnes-ikke.txt", "min artikkel.html"])
def test_load_article_names_a_missing_file_in_norwegian(tmp_path, name):
    with pytest.raises(ArticleNotFoundError, match="Fant ingen artikkel"):
        load_article(str(tmp_path / name))


@pytest.mark.parametrize("blank", ["", "   \n\t  "])
def test_load_article_refuses_empty_text(blank):
    with pytest.raises(EmptyArticleError):
        load_article(blank)


def test_load_article_refuses_other_types():
    with pytest.raises(TypeError):
        load_article(42)  # type: ignore[arg-type]


_PAGE = """<!doctype html><html><head><title>Zambia og havet</title></head><body>
<nav><a href="/">Forsiden</a> <a href="/sport">Sport</a></nav>
<header>Logo og meny</header>
<article><h1>Zambia satser på jernbanen til Atlanterhavet</h1>
<p>Zambias president reiste tirsdag til Angola for å se på Benguela-jernbanen, som går fra
kobbergruvene til havnen i Lobito ved Atlanterhavet.</p>
<p>I dag kjøres det meste av kobberet med lastebil til Dar es Salaam i Tanzania, en tur på mer
enn 2000 kilometer som kan ta flere uker.</p>
<p>Jernbanen kan korte reisen ned til noen få dager, sier transportministeren i Lusaka.</p>
</article>
<footer>Kontakt oss · Personvern · Annonse</footer>
</body></html>"""


@pytest.fixture()
def local_site():
    """A web server on 127.0.0.1 serving one article page; yields its address."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            if self.path != "/artikkel":
                self.send_error(404)
                return
            body = _PAGE.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_load_article_fetches_a_web_page_and_keeps_only_the_article(local_site):
    text = load_article(f"{local_site}/artikkel")
    assert "Benguela-jernbanen" in text and "Dar es Salaam" in text and "Lusaka" in text
    assert "Forsiden" not in text and "Personvern" not in text


def test_load_article_reports_a_page_that_does_not_exist(local_site):
    with pytest.raises(ArticleDownloadError, match="404"):
        load_article(f"{local_site}/finnes-ikke")


def test_load_article_offline_says_so_in_norwegian():
    with socket.socket() as s:  # a port nobody listens on: the connection is refused
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ArticleDownloadError, match="uten internett") as info:
        load_article(f"http://127.0.0.1:{port}/artikkel", timeout=5)
    assert "lim den inn" in str(info.value)
    assert isinstance(info.value, ArticleError) and isinstance(info.value, ConnectionError)


# --------------------------------------------------------------------------- maps inline


def test_inline_html_escapes_the_page_into_srcdoc():
    shown = InlineHtml('<p class="x">Hei & hå</p><script>alert(`1`)</script>', height=300)
    out = shown._repr_html_()
    assert out.startswith("<iframe srcdoc=") and "height:300px" in out
    assert "<script>" not in out and "<p " not in out
    srcdoc = out.split('srcdoc="', 1)[1].split('" style=', 1)[0]
    assert html.unescape(srcdoc) == shown.page


def test_show_map_inlines_leaflet_so_the_map_draws_offline():
    import folium

    m = folium.Map(location=(41.3, 69.3), zoom_start=4, tiles=None)
    folium.CircleMarker((41.3, 69.3), radius=8, tooltip="Tasjkent").add_to(m)
    page = show_map(m, height=400).page
    assert "Tasjkent" in page
    assert "L.map(" in page and "L.circleMarker(" in page
    assert "https://cdn" not in page and 'src="http' not in page
    assert show_map(m).page == page  # deterministic


def test_export_map_creates_the_folder(tmp_path):
    import folium

    m = folium.Map(location=(60.0, 10.0), zoom_start=5, tiles=None)
    target = export_map(m, tmp_path / "kart" / "norge.html")
    assert target == tmp_path / "kart" / "norge.html"
    assert target.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


# --------------------------------------------------------------------------- tables


def test_places_table_has_norwegian_headings_and_labels():
    from mapping import geoparse

    text = sample_article()
    table = places_table(geoparse(text, lang="nb"), lang="nb")
    assert list(table.columns) == [
        "Sted",
        "Type",
        "Ganger nevnt",
        "Skrevet som",
        "Breddegrad",
        "Lengdegrad",
    ]
    assert table["Sted"].iloc[0] == "Kasakhstan"  # the most mentioned place comes first
    assert table["Ganger nevnt"].is_monotonic_decreasing
    row = table.set_index("Sted").loc["Russland"]
    assert row["Type"] == "land" and "Russlands" in row["Skrevet som"]


def test_places_table_of_a_text_without_places_is_empty():
    from mapping import geoparse

    table = places_table(geoparse("Dette er en tekst uten steder.", lang="nb"), lang="nb")
    assert isinstance(table, pandas.DataFrame) and table.empty and "Sted" in table.columns


def test_landlocked_table_of_central_asia():
    table = landlocked_table(CENTRAL_ASIA, lang="nb")
    assert set(table["Land"]) == {
        "Kasakhstan",
        "Kirgisistan",
        "Tadsjikistan",
        "Turkmenistan",
        "Usbekistan",
    }
    assert (table["Kystløst"] == "ja").all()
    doubly = table.loc[table["Dobbelt kystløst"] == "ja", "Land"].tolist()
    assert doubly == ["Usbekistan"]
    km = table["Hovedstad til kysten (km)"]
    assert km.is_monotonic_increasing and (km > 500).all()
    assert (table["Hovedstad til havnen (km)"] >= km).all()


def test_landlocked_table_refuses_an_unknown_code():
    with pytest.raises(MappingError, match="XX"):
        landlocked_table(["XX"])


def test_distance_chart_draws_one_bar_per_country():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    table = landlocked_table(CENTRAL_ASIA, lang="nb")
    ax = distance_chart(table)
    try:
        widths = sorted(round(p.get_width()) for p in ax.patches)
        assert widths == sorted(table["Hovedstad til kysten (km)"].tolist())
        labels = [t.get_text() for t in ax.get_yticklabels()]
        assert any(lab.startswith("Usbekistan") for lab in labels)
    finally:
        plt.close(ax.figure)


# --------------------------------------------------------------------------- the widget


def test_widget_maps_pasted_text_when_the_button_is_clicked():
    box = article_widget()
    text_box, button, status, result = box.children
    assert button.description == "Lag kart"
    text_box.value = ENGLISH.read_text(encoding="utf-8")
    button.click()
    assert status.value == ""
    assert "<iframe srcdoc=" in result.value
    shown = html.unescape(result.value)
    for place in ("Zambia", "Angola", "Lusaka"):
        assert place in shown


def test_widget_shows_a_message_instead_of_a_traceback():
    box = article_widget()
    text_box, button, status, result = box.children
    text_box.value = "   "
    button.click()
    assert "Det gikk ikke" in status.value and result.value == ""


def test_widget_escapes_the_error_message():
    box = article_widget()
    text_box, button, status, _ = box.children
    text_box.value = "<b>x</b>.txt"
    button.click()
    assert "<b>x</b>" not in status.value and "&lt;b&gt;" in status.value


# --------------------------------------------------------------------------- papermill


def test_run_student_notebook_refuses_a_missing_article_before_starting(tmp_path):
    with pytest.raises(ArticleNotFoundError):
        run_student_notebook(tmp_path / "finnes-ikke.txt", tmp_path / "ut")
    assert not (tmp_path / "ut").exists()
