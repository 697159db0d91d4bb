"""Helpers for the classroom notebooks: load an article, show maps inline, tables, the widget.

The notebooks in ``notebooks/`` call these so that every cell stays short and readable:

- :func:`load_article`: an article from a file, pasted text or a web address.
- :func:`show_map`: a map drawn inline in JupyterLab from its offline, self-contained HTML
  (no request to a CDN, so it works without internet).
- :func:`export_map`: save a map as one HTML file in a folder beside the notebook.
- :func:`places_table`, :func:`visits_table`, :func:`landlocked_table`: tables with Norwegian
  column headings for the classroom.
- :func:`visits_timeline`, :func:`distance_chart`: small matplotlib charts.
- :func:`article_widget`: a text box and a "Lag kart" button that maps pasted text in place.
- :func:`run_student_notebook`: run ``04_din_egen_artikkel.ipynb`` on an article with papermill
  (the ``mapping notebook`` command).

Messages meant for students are in Norwegian Bokmål.
"""

from __future__ import annotations

import datetime as _dt
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mapping.errors import (
    ArticleDownloadError,
    ArticleError,
    ArticleNotFoundError,
    MappingError,
)

if TYPE_CHECKING:  # pragma: no cover
    import folium
    import ipywidgets
    import matplotlib.axes
    import pandas

    from mapping.model import Mention

__all__ = [
    "STUDENT_NOTEBOOK",
    "CENTRAL_ASIA",
    "InlineHtml",
    "load_article",
    "fetch_article",
    "map_html",
    "show_map",
    "export_map",
    "places_table",
    "visits_table",
    "visits_timeline",
    "landlocked_table",
    "distance_chart",
    "article_widget",
    "notebooks_dir",
    "run_student_notebook",
]

#: File name of the student template notebook.
STUDENT_NOTEBOOK = "04_din_egen_artikkel.ipynb"

#: ISO codes of the five Central Asian states, in Norwegian alphabetical order.
CENTRAL_ASIA = ("KZ", "KG", "TJ", "TM", "UZ")

_URL_RE = re.compile(r"\Ahttps?://\S+\Z", re.I)
_PATH_SUFFIXES = (".txt", ".html", ".htm", ".md", ".text")


# --------------------------------------------------------------------------- articles


def _looks_like_path(source: str) -> bool:
    if "\n" in source or len(source) > 300:
        return False
    if Path(source).expanduser().is_file():
        return True
    return source.lower().endswith(_PATH_SUFFIXES)


def load_article(source: str | Path, *, timeout: float = 15.0) -> str:
    """Return an article's text from a file path, pasted text or a web address.

    Parameters
    ----------
    source : str or pathlib.Path
        A path to a ``.txt`` or ``.html`` file (``"artikler/putin-kasakhstan.nb.txt"``), the
        article's text itself (pasted into the notebook), or a web address
        (``"https://..."``, fetched with :func:`fetch_article`).
    timeout : float
        Seconds to wait for a web page.

    Returns
    -------
    str
        The article text (HTML reduced to its text, line endings normalised).

    Raises
    ------
    ArticleNotFoundError
        ``source`` names a file that does not exist.
    ArticleDownloadError
        The web page could not be fetched (no internet); the message, in Norwegian, says
        to paste the text instead.
    EmptyArticleError, BinaryArticleError
        There is no text to read.

    Examples
    --------
    >>> load_article("Putin er på besøk i Kasakhstan.")
    'Putin er på besøk i Kasakhstan.'
    """
    from mapping.article import decode_article, read_article

    if isinstance(source, Path):
        return read_article(source)
    if not isinstance(source, str):
        raise TypeError(
            f"load_article() needs a path, a text or a web address (str), not {type(source).__name__}"
        )
    stripped = source.strip()
    if _URL_RE.match(stripped):
        return fetch_article(stripped, timeout=timeout)
    if stripped and _looks_like_path(stripped):
        path = Path(stripped).expanduser()
        if not path.exists():
            raise ArticleNotFoundError(
                f"Fant ingen artikkel i {stripped}. Sjekk navnet på filen (ligger den i mappen "
                "artikler/?), eller lim inn teksten i stedet."
            )
        return read_article(path)
    return decode_article(source.encode("utf-8"), source="Teksten")


def fetch_article(url: str, *, timeout: float = 15.0) -> str:
    """Download a news article and extract its text with trafilatura.

    Parameters
    ----------
    url : str
        The article's web address (http or https).
    timeout : float
        Seconds to wait for the page.

    Returns
    -------
    str
        The article's text: headline and paragraphs, without menus, ads and comments.

    Raises
    ------
    ArticleDownloadError
        No internet connection, the address is wrong, or the site refused; the message is in
        Norwegian and tells the student to paste the text instead.
    EmptyArticleError
        The page holds no article text.

    Examples
    --------
    >>> fetch_article("https://www.nrk.no/urix/...")  # doctest: +SKIP
    """
    import urllib.error
    import urllib.request

    from mapping.article import decode_article
    from mapping.errors import EmptyArticleError

    if not _URL_RE.match(url.strip()):
        raise ArticleError(f"{url!r} er ikke en nettadresse (den må begynne med https://).")
    request = urllib.request.Request(
        url.strip(), headers={"User-Agent": "Mozilla/5.0 (mapping classroom notebook)"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(64 * 1024 * 1024)
            charset = response.headers.get_content_charset() or "utf-8"
    except urllib.error.HTTPError as exc:
        raise ArticleDownloadError(
            f"Nettstedet svarte med feil {exc.code} for {url}. Sjekk adressen, eller kopier "
            "teksten fra artikkelen og lim den inn i stedet."
        ) from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise ArticleDownloadError(
            f"Fikk ikke hentet {url}: maskinen ser ut til å være uten internett, eller "
            "adressen er feil. Kopier teksten fra artikkelen og lim den inn i stedet."
        ) from exc
    page = data.decode(charset, errors="replace")
    text: str | None = None
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - trafilatura ships with the notebooks extra
        trafilatura = None
    if trafilatura is not None:
        text = trafilatura.extract(page, url=url, include_comments=False, include_tables=False)
    if not text or not text.strip():
        try:
            return decode_article(page.encode("utf-8"), source=url)
        except EmptyArticleError:
            raise EmptyArticleError(url) from None
    return text.replace("\r\n", "\n")


# --------------------------------------------------------------------------- maps inline


@dataclass(frozen=True)
class InlineHtml:
    """A self-contained HTML page shown inline in JupyterLab, in an ``<iframe srcdoc>``.

    Attributes
    ----------
    page : str
        The whole HTML page (scripts and styles inlined, so nothing is fetched).
    height : int
        Height of the frame in pixels.

    Examples
    --------
    >>> InlineHtml("<p>Hei</p>", height=100)._repr_html_()[:15]
    '<iframe srcdoc='
    """

    page: str = field(repr=False)
    height: int = 520

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.page, quote=True)}" '
            f'style="width:100%;height:{int(self.height)}px;border:1px solid #ccc" '
            "allowfullscreen></iframe>"
        )


def map_html(m: folium.Map) -> str:
    """The map as one offline HTML page (Leaflet and every asset inlined), as a string.

    Examples
    --------
    >>> import folium
    >>> "leaflet" in map_html(folium.Map()).lower()  # doctest: +SKIP
    True
    """
    from mapping.export import render_html

    return render_html(m, offline=True)


def show_map(m: folium.Map, *, height: int = 520) -> InlineHtml:
    """Show a map inline in JupyterLab, drawn from its offline HTML (works without internet).

    Parameters
    ----------
    m : folium.Map
        E.g. from :func:`mapping.maps.article_map`.
    height : int
        Height in pixels.

    Examples
    --------
    >>> show_map(article_map(geoparse(text), text=text))  # doctest: +SKIP
    """
    return InlineHtml(map_html(m), height=height)


def export_map(m: folium.Map, path: str | Path) -> Path:
    """Save a map as one offline HTML file, creating its folder; return the path.

    Examples
    --------
    >>> export_map(kart, "kart/artikkelkart.html")  # doctest: +SKIP
    PosixPath('kart/artikkelkart.html')
    """
    from mapping.export import save_html

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    save_html(m, target)
    return target


# --------------------------------------------------------------------------- tables

_KIND_NB = {
    "country": "land",
    "city": "by",
    "region": "region",
    "sea": "hav",
    "union": "union",
    "admin": "fylke/delstat",
    "island": "øy",
    "lake": "innsjø",
    "continent": "verdensdel",
}


def places_table(mentions: Iterable[Mention], *, lang: str | None = None) -> pandas.DataFrame:
    """The places an article mentions as a table with Norwegian headings, most mentioned first.

    Parameters
    ----------
    mentions : iterable of Mention
        From :func:`mapping.geoparse.geoparse`.
    lang : str, optional
        Language of the place names ("nb", "nn", "en").

    Returns
    -------
    pandas.DataFrame
        Columns ``Sted, Type, Ganger nevnt, Skrevet som, Breddegrad, Lengdegrad``.

    Examples
    --------
    >>> from mapping import geoparse
    >>> places_table(geoparse("Putin er i Kasakhstan.", lang="nb"), lang="nb")["Sted"].tolist()
    ['Kasakhstan']
    """
    import pandas

    from mapping.geoparse import places_frame

    frame = places_frame(list(mentions), lang=lang)
    table = pandas.DataFrame(
        {
            "Sted": frame["label"],
            "Type": frame["kind"].map(lambda k: _KIND_NB.get(k, k)),
            "Ganger nevnt": frame["mentions"].astype(int),
            "Skrevet som": frame["forms"].map(", ".join),
            "Breddegrad": frame["lat"].round(2),
            "Lengdegrad": frame["lon"].round(2),
        }
    )
    table = table.sort_values("Ganger nevnt", ascending=False, kind="stable")
    return table.reset_index(drop=True)


_VISIT_COLUMNS = {
    "leader": "Leder",
    "role": "Rolle",
    "origin": "Fra",
    "destination": "Til",
    "when_text": "Når",
    "date": "Dato",
    "status": "Status",
}

_STATUS_NB = {
    "current": "nå",
    "completed": "gjennomført",
    "planned": "planlagt",
    "historical": "tidligere",
}


def _as_visits_frame(visits_or_frame: Any, lang: str) -> pandas.DataFrame:
    import pandas

    if isinstance(visits_or_frame, pandas.DataFrame):
        return visits_or_frame
    from mapping.visits import visits_frame

    return visits_frame(list(visits_or_frame), lang=lang)


def visits_table(visits_or_frame: Any, *, lang: str = "nb") -> pandas.DataFrame:
    """Leader visits as an overview with Norwegian headings: who, from, to, when.

    The editable table with every column is :func:`mapping.visits.visits_frame`; this one
    shows the columns a class talks about.

    Parameters
    ----------
    visits_or_frame : list of Visit or pandas.DataFrame
        From :func:`mapping.visits.extract_visits` or :func:`mapping.visits.visits_frame`
        (cells fixed by hand show as they are).
    lang : str
        Language of the place names when ``visits_or_frame`` is a list of visits.

    Returns
    -------
    pandas.DataFrame
        Columns ``Leder, Rolle, Fra, Til, Når, Dato, Status``.

    Examples
    --------
    >>> visits_table([]).columns.tolist()
    ['Leder', 'Rolle', 'Fra', 'Til', 'Når', 'Dato', 'Status']
    """
    import pandas

    frame = _as_visits_frame(visits_or_frame, lang)
    table = pandas.DataFrame(
        {heading: frame[col] if col in frame else [] for col, heading in _VISIT_COLUMNS.items()}
    )
    table["Status"] = table["Status"].map(lambda s: _STATUS_NB.get(s, s))
    return table.reset_index(drop=True)


def visits_timeline(
    visits_or_frame: Any, *, lang: str = "nb", ax: matplotlib.axes.Axes | None = None
) -> Any:
    """A time line of leader visits: one row per leader, a dot on the visit's date.

    Visits without a known date are named in the title instead.

    Parameters
    ----------
    visits_or_frame : list of Visit or pandas.DataFrame
        From :func:`mapping.visits.extract_visits` or :func:`mapping.visits.visits_frame`
        (cells fixed by hand are used as they are).
    lang : str
        Language of the place names when ``visits_or_frame`` is a list of visits.
    ax : matplotlib Axes, optional
        Where to draw; a new figure otherwise.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> visits_timeline(extract_visits(text, published="2023-11-09"))  # doctest: +SKIP
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    import pandas

    frame = _as_visits_frame(visits_or_frame, lang).reset_index(drop=True)
    dates = pandas.to_datetime(frame["date"], errors="coerce", format="ISO8601")
    dated = frame[dates.notna()]
    leaders = list(dict.fromkeys(dated["leader"]))
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 0.6 * max(3, len(leaders)) + 1.2))
    for i, row in dated.iterrows():
        y = leaders.index(row["leader"])
        when = dates[i]
        ax.plot([when], [y], "o", markersize=10, color=_status_colour(str(row["status"])))
        ax.annotate(
            f"{row['destination']} ({_STATUS_NB.get(row['status'], row['status'])})",
            (mdates.date2num(when), y),
            xytext=(9, 0),
            textcoords="offset points",
            va="center",
        )
    ax.set_yticks(range(len(leaders)), leaders)
    ax.set_ylim(max(len(leaders), 1) - 0.3, -0.7)  # the first leader on top
    if len(dated):
        first, last = dates.min(), dates.max()
        ax.set_xlim(first - pandas.Timedelta(days=2), last + pandas.Timedelta(days=6))
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=8))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d.%m.%Y"))
    ax.grid(axis="x", alpha=0.3)
    title = "Lederbesøk på tidslinje"
    undated = list(dict.fromkeys(frame.loc[dates.isna(), "leader"]))
    if undated:
        title += "\nUten kjent dato: " + ", ".join(undated)
    ax.set_title(title)
    ax.figure.autofmt_xdate()
    ax.figure.tight_layout()
    return ax


def _status_colour(status: str) -> str:
    return {
        "current": "#d62728",
        "completed": "#1f77b4",
        "planned": "#2ca02c",
        "historical": "#7f7f7f",
    }.get(status, "#444444")


def landlocked_table(codes: Sequence[str] = CENTRAL_ASIA, *, lang: str = "nb") -> pandas.DataFrame:
    """Landlocked countries and their distances to the sea, with Norwegian headings.

    Parameters
    ----------
    codes : sequence of str
        ISO alpha-2 codes (default: the five Central Asian states).
    lang : str
        Language of the country and capital names.

    Returns
    -------
    pandas.DataFrame
        ``Land, Hovedstad, Kystløst, Dobbelt kystløst, Hovedstad til kysten (km),
        Grensen til kysten (km), Nærmeste havn, Hovedstad til havnen (km)``, nearest to the
        sea first.

    Examples
    --------
    >>> landlocked_table()["Land"].tolist()  # doctest: +SKIP
    ['Kasakhstan', 'Turkmenistan', 'Kirgisistan', 'Tadsjikistan', 'Usbekistan']
    """
    import pandas

    from mapping.errors import UnknownRegionError
    from mapping.gazetteer import load_gazetteer
    from mapping.landlocked import landlocked_frame

    frame = landlocked_frame()
    gaz = load_gazetteer()
    rows = []
    for code in codes:
        hits = frame[frame["iso_a2"] == code]
        if hits.empty:
            raise UnknownRegionError(f"Ukjent landkode {code!r}")
        row = hits.iloc[0]
        country = gaz.country(code)
        capital = gaz.capital(code)
        port = _port_label(row.get("nearest_port"), lang)
        rows.append(
            {
                "Land": country.label(lang) if country else row["name"],
                "Hovedstad": capital.label(lang) if capital else row["capital"],
                "Kystløst": "ja" if row["landlocked"] else "nei",
                "Dobbelt kystløst": "ja" if row["doubly_landlocked"] else "nei",
                "Hovedstad til kysten (km)": round(float(row["capital_to_coast_km"])),
                "Grensen til kysten (km)": round(float(row["border_to_coast_km"])),
                "Nærmeste havn": port,
                "Hovedstad til havnen (km)": round(float(row["capital_to_port_km"])),
            }
        )
    table = pandas.DataFrame(rows)
    return table.sort_values("Hovedstad til kysten (km)", kind="stable").reset_index(drop=True)


def _port_label(port_id: Any, lang: str) -> str:
    if not isinstance(port_id, str) or not port_id:
        return ""
    try:
        from mapping.landlocked import ports

        for port in ports():
            if port.id == port_id:
                return port.label(lang) if hasattr(port, "label") else str(port.name)
    except (ImportError, MappingError):  # pragma: no cover - ports ship with landlocked
        pass
    return port_id


def distance_chart(table: pandas.DataFrame, *, ax: matplotlib.axes.Axes | None = None) -> Any:
    """A horizontal bar chart of each country's distance from its capital to the sea.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`landlocked_table`.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> distance_chart(landlocked_table())  # doctest: +SKIP
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.5 * max(3, len(table)) + 1))
    ordered = table.sort_values("Hovedstad til kysten (km)")
    colours = ["#8c2d04" if d == "ja" else "#f16913" for d in ordered["Dobbelt kystløst"]]
    bars = ax.barh(
        [f"{land} ({by})" for land, by in zip(ordered["Land"], ordered["Hovedstad"], strict=True)],
        ordered["Hovedstad til kysten (km)"],
        color=colours,
    )
    ax.bar_label(
        bars,
        labels=[f"{v:,} km".replace(",", " ") for v in ordered["Hovedstad til kysten (km)"]],
        padding=4,
    )
    from matplotlib.patches import Patch

    ax.legend(
        handles=[
            Patch(color="#f16913", label="kystløst"),
            Patch(color="#8c2d04", label="dobbelt kystløst"),
        ],
        loc="lower right",
    )
    ax.set_xlabel("Avstand fra hovedstaden til nærmeste havkyst (km)")
    ax.set_title("Hvor langt er det til havet?")
    ax.set_xlim(0, max(ordered["Hovedstad til kysten (km)"].max() * 1.2, 1))
    ax.figure.tight_layout()
    return ax


# --------------------------------------------------------------------------- the widget


def article_result_html(source: str, *, lang: str | None = None, height: int = 480) -> str:
    """HTML with the map and the places table of an article (what "Lag kart" shows).

    Parameters
    ----------
    source : str
        Pasted text, a file path or a web address (see :func:`load_article`).
    lang : str, optional
        The article's language; detected when ``None``.

    Examples
    --------
    >>> "<iframe" in article_result_html("Putin er på besøk i Kasakhstan.")  # doctest: +SKIP
    True
    """
    from mapping.geoparse import detect_language, geoparse, unresolved
    from mapping.maps import article_map

    text = load_article(source)
    lang = lang or detect_language(text)
    mentions = geoparse(text, lang=lang)
    kart = article_map(mentions, text=text, lang=lang)
    table = places_table(mentions, lang=lang)
    parts = [show_map(kart, height=height)._repr_html_()]
    if len(table):
        parts.append(table.to_html(index=False, escape=True, border=0))
    else:
        parts.append("<p>Fant ingen steder i teksten.</p>")
    names = unresolved(mentions)
    if names:
        parts.append(
            "<p><b>Navn vi ikke fant på kartet:</b> " + html.escape(", ".join(names)) + "</p>"
        )
    return "\n".join(parts)


def article_widget(*, lang: str | None = None, height: int = 480) -> ipywidgets.VBox:
    """A text box and a "Lag kart" button: paste an article, press the button, see its map.

    Parameters
    ----------
    lang : str, optional
        The article's language; detected when ``None``.
    height : int
        Height of the map in pixels.

    Returns
    -------
    ipywidgets.VBox
        Children: the ``Textarea``, the ``Button``, a status line and the result (both
        ``ipywidgets.HTML``).

    Examples
    --------
    >>> boks = article_widget()  # doctest: +SKIP
    >>> boks.children[0].value = "Putin er på besøk i Kasakhstan."  # doctest: +SKIP
    >>> boks.children[1].click()  # doctest: +SKIP
    """
    import ipywidgets as widgets

    text_box = widgets.Textarea(
        placeholder="Lim inn teksten fra en nyhetsartikkel her (eller en nettadresse) …",
        layout=widgets.Layout(width="100%", height="180px"),
    )
    button = widgets.Button(description="Lag kart", button_style="primary", icon="map")
    status = widgets.HTML()
    result = widgets.HTML()

    def on_click(_: Any) -> None:
        status.value = "<i>Leser artikkelen …</i>"
        result.value = ""
        try:
            result.value = article_result_html(text_box.value, lang=lang, height=height)
            status.value = ""
        except MappingError as exc:
            status.value = (
                '<p style="color:#b00020"><b>Det gikk ikke:</b> ' + html.escape(str(exc)) + "</p>"
            )

    button.on_click(on_click)
    return widgets.VBox([text_box, button, status, result])


# --------------------------------------------------------------------------- papermill


def notebooks_dir() -> Path:
    """The project's ``notebooks/`` folder (next to ``src/`` in a source checkout).

    Raises
    ------
    MappingError
        When the package is installed without its notebooks.
    """
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "notebooks" / STUDENT_NOTEBOOK
        if candidate.is_file():
            return candidate.parent
    raise MappingError(
        f"cannot find notebooks/{STUDENT_NOTEBOOK}: run this from a source checkout of the "
        "project (pip install -e '.[notebooks]')."
    )


def run_student_notebook(
    article: str | Path,
    out_dir: str | Path,
    *,
    published: str | _dt.date | None = None,
    notebook: str | Path | None = None,
    timeout: float = 300,
) -> Path:
    """Run the student notebook on an article; write the executed notebook and its maps.

    Parameters
    ----------
    article : str or pathlib.Path
        The article file (.txt or .html).
    out_dir : str or pathlib.Path
        Folder for the executed notebook and the HTML maps (created if missing).
    published : str or datetime.date, optional
        The article's date ("YYYY-MM-DD"), for "on Thursday" in the visits.
    notebook : str or pathlib.Path, optional
        The template (default: ``notebooks/04_din_egen_artikkel.ipynb``).
    timeout : float
        Seconds allowed per cell.

    Returns
    -------
    pathlib.Path
        The executed notebook, ``out_dir/04_din_egen_artikkel.ipynb``.

    Raises
    ------
    ArticleNotFoundError
        The article does not exist.
    MappingError
        papermill is missing, or the notebook failed (the message names the cell's error).

    Examples
    --------
    >>> run_student_notebook("artikkel.txt", Path("notebook-output"))  # doctest: +SKIP
    PosixPath('notebook-output/04_din_egen_artikkel.ipynb')
    """
    from mapping.article import read_article

    article_path = Path(article).expanduser().resolve()
    read_article(article_path)  # fail early, with the usual typed errors
    template = Path(notebook) if notebook is not None else notebooks_dir() / STUDENT_NOTEBOOK
    if not template.is_file():
        raise ArticleNotFoundError(f"No notebook at {template}.")
    out = Path(out_dir).expanduser().resolve()
    out.mkdir(parents=True, exist_ok=True)
    try:
        import papermill
    except ImportError as exc:
        raise MappingError(
            "`mapping notebook` needs papermill: pip install -e '.[notebooks]'"
        ) from exc
    target = out / template.name
    if isinstance(published, _dt.date):
        published = published.isoformat()
    try:
        papermill.execute_notebook(
            str(template),
            str(target),
            parameters={
                "article": str(article_path),
                "output_dir": str(out),
                "published": published,
            },
            cwd=str(out),
            progress_bar=False,
            log_output=False,
            execution_timeout=timeout,
            kernel_name="python3",
        )
    except papermill.PapermillExecutionError as exc:
        raise MappingError(
            f"the notebook stopped in cell {exc.exec_count}: {exc.ename}: {exc.evalue} "
            f"(see {target})"
        ) from exc
    return target
