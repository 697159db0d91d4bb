"""Folium building blocks and the article map.

Every function returns a folium object or adds one to a given map, so notebooks and the
other maps of the package (visits, landlocked countries, story) compose the same pieces:

- :func:`base_map`: a :class:`folium.Map` with an offline vector base (Natural Earth land,
  country outlines and large lakes such as the Caspian, drawn *below* the tile pane so
  online tiles cover it when they load and it shows through when they cannot), optional
  online tile layers with attribution, the package's CSS, fullscreen and scale controls.
- :func:`country_layer`: countries as a styled :class:`folium.GeoJson`.
- :func:`place_marker`: a :class:`folium.CircleMarker` for a :class:`~mapping.model.Place`.
- :func:`add_legend`, :func:`add_unresolved_panel`, :func:`add_title`: map controls.
- :class:`HtmlPopup`, :class:`HtmlTooltip`: popups and tooltips that pass their content to
  Leaflet as a JSON string (never a JavaScript template literal) and need no jQuery.
- :func:`escape`, :func:`highlight`, :func:`popup_html`: HTML from article text, escaped.
- :func:`marker_frame`, :func:`article_map`: the map of the places an article mentions.

Text from an article is always escaped: folium popups and tooltips are HTML (folium #1640).
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import folium
import folium.plugins
from branca.element import MacroElement
from folium.template import Template
from markupsafe import Markup

from mapping.errors import ArticleError
from mapping.model import Mention, Place

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

__all__ = [
    "LANGS",
    "DEFAULT_TILES",
    "KIND_COLORS",
    "COUNTRY_STYLE",
    "REGION_STYLE",
    "ui_text",
    "escape",
    "highlight",
    "popup_html",
    "HtmlPopup",
    "HtmlTooltip",
    "HtmlControl",
    "MapStyle",
    "add_style",
    "OfflineMap",
    "base_map",
    "country_layer",
    "geometry_layer",
    "place_marker",
    "place_css_class",
    "add_legend",
    "add_unresolved_panel",
    "add_title",
    "fit_to_points",
    "marker_frame",
    "unresolved_names",
    "article_map",
]

#: Languages the map texts are written in.
LANGS = ("nb", "nn", "en")

#: Online tile layers added by default (xyzservices provider names), shown on top of the
#: offline base when the network allows. CARTO's light map now needs an API key: add
#: ``xyzservices.providers.CartoDB.Positron(apikey="...")`` to ``tiles`` to use it.
DEFAULT_TILES: tuple[str, ...] = ("OpenStreetMap.Mapnik",)

#: Marker colour by legend category (see :func:`_category`).
KIND_COLORS: Mapping[str, str] = {
    "country": "#b34a12",
    "city": "#1f4e9c",
    "region": "#23795d",
}

#: Style of the countries an article mentions.
COUNTRY_STYLE: Mapping[str, Any] = {
    "color": "#b34a12",
    "weight": 1.5,
    "fillColor": "#f08a4b",
    "fillOpacity": 0.35,
}

#: Style of regions drawn as the union of their member countries.
REGION_STYLE: Mapping[str, Any] = {
    "color": "#23795d",
    "weight": 2,
    "dashArray": "6 4",
    "fillColor": "#23795d",
    "fillOpacity": 0.08,
}

_LAND_STYLE = {"color": "#9a9a8a", "weight": 0.6, "fillColor": "#f3efe4", "fillOpacity": 1.0}
_LAKE_STYLE = {"color": "#8fb8d0", "weight": 0.6, "fillColor": "#d5e8f3", "fillOpacity": 1.0}
_BASE_PANE = "mapping-base"
_PRECISION = 2  # decimals of degrees kept in embedded outlines (about 1 km)

_UI: Mapping[str, Mapping[str, str]] = {
    "nb": {
        "base": "Grunnkart uten nett (Natural Earth)",
        "countries": "Land som nevnes",
        "regions": "Regioner og hav",
        "places": "Steder i artikkelen",
        "legend": "Tegnforklaring",
        "country": "Land",
        "city": "By eller sted",
        "region": "Region, hav eller union",
        "country_area": "Land nevnt i artikkelen",
        "size_note": "Større sirkel: nevnt flere ganger",
        "unresolved": "Ikke plassert på kartet",
        "mentioned_once": "Nevnt 1 gang",
        "mentioned_n": "Nevnt {n} ganger",
        "more_quotes": "… og {n} setning(er) til",
        "fullscreen": "Fullskjerm",
        "exit_fullscreen": "Avslutt fullskjerm",
        "carto": "CARTO lyst kart",
        "osm": "OpenStreetMap",
    },
    "nn": {
        "base": "Grunnkart utan nett (Natural Earth)",
        "countries": "Land som vert nemnde",
        "regions": "Regionar og hav",
        "places": "Stader i artikkelen",
        "legend": "Teiknforklaring",
        "country": "Land",
        "city": "By eller stad",
        "region": "Region, hav eller union",
        "country_area": "Land nemnt i artikkelen",
        "size_note": "Større sirkel: nemnd fleire gonger",
        "unresolved": "Ikkje plassert på kartet",
        "mentioned_once": "Nemnd 1 gong",
        "mentioned_n": "Nemnd {n} gonger",
        "more_quotes": "… og {n} setning(ar) til",
        "fullscreen": "Fullskjerm",
        "exit_fullscreen": "Avslutt fullskjerm",
        "carto": "CARTO lyst kart",
        "osm": "OpenStreetMap",
    },
    "en": {
        "base": "Offline base map (Natural Earth)",
        "countries": "Countries mentioned",
        "regions": "Regions and seas",
        "places": "Places in the article",
        "legend": "Legend",
        "country": "Country",
        "city": "City or place",
        "region": "Region, sea or union",
        "country_area": "Country mentioned in the article",
        "size_note": "Larger circle: mentioned more often",
        "unresolved": "Not placed on the map",
        "mentioned_once": "Mentioned once",
        "mentioned_n": "Mentioned {n} times",
        "more_quotes": "… and {n} more sentence(s)",
        "fullscreen": "Full screen",
        "exit_fullscreen": "Exit full screen",
        "carto": "CARTO light",
        "osm": "OpenStreetMap",
    },
}


def _check_lang(lang: str | None) -> str:
    lang = lang or "nb"
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def ui_text(key: str, *, lang: str = "nb", **values: Any) -> str:
    """Return the map interface text ``key`` in ``lang`` ("nb", "nn" or "en").

    Examples
    --------
    >>> ui_text("mentioned_n", lang="nn", n=3)
    'Nemnd 3 gonger'
    """
    return _UI[_check_lang(lang)][key].format(**values)


# --------------------------------------------------------------------------- escaping


def escape(text: str) -> Markup:
    """Escape ``text`` for HTML, also inside folium's JavaScript template strings.

    Besides ``& < > " '`` this escapes the backtick and ``$`` so the result stays inert
    even where folium pastes HTML into a JavaScript template literal (folium.Popup,
    folium.Tooltip). A :class:`markupsafe.Markup` value is returned unchanged.

    Examples
    --------
    >>> str(escape("<b>`${x}`</b>"))
    '&lt;b&gt;&#96;&#36;{x}&#96;&lt;/b&gt;'
    """
    if isinstance(text, Markup):
        return text
    escaped = html.escape(str(text), quote=True).replace("`", "&#96;").replace("$", "&#36;")
    return Markup(escaped)


def highlight(text: str, start: int, end: int, marks: Iterable[tuple[int, int]] = ()) -> Markup:
    """Return ``text[start:end]`` as escaped HTML with the ``marks`` spans in ``<mark>``.

    Parameters
    ----------
    text : str
        The whole article.
    start, end : int
        The span to quote, usually a sentence (``Mention.sentence``).
    marks : iterable of (int, int)
        Spans (offsets into ``text``) to highlight; parts outside ``start:end`` are
        clipped, overlapping spans are merged.

    Examples
    --------
    >>> t = "Putin er i Kasakhstan <i>i dag</i>."
    >>> str(highlight(t, 0, len(t), [(11, 21)]))
    'Putin er i <mark>Kasakhstan</mark> &lt;i&gt;i dag&lt;/i&gt;.'
    """
    spans = sorted((max(s, start), min(e, end)) for s, e in marks if s < end and e > start)
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out: list[str] = []
    pos = start
    for s, e in merged:
        out.append(escape(text[pos:s]))
        out.append(Markup("<mark>") + escape(text[s:e]) + Markup("</mark>"))
        pos = e
    out.append(escape(text[pos:end]))
    return Markup("".join(out).strip())


def popup_html(
    title: str,
    *,
    quotes: Sequence[str] = (),
    lines: Sequence[str] = (),
    meta: str | None = None,
) -> Markup:
    """Build the HTML of a popup: a heading, an optional meta line, lines and quotes.

    Plain ``str`` arguments are escaped; pass :class:`markupsafe.Markup` (for instance
    from :func:`highlight`) for content that is already safe HTML.

    Parameters
    ----------
    title : str
        Heading (the place's name).
    quotes : sequence of str
        Sentences quoted from the article, each shown as a ``<blockquote>``.
    lines : sequence of str
        Paragraphs shown after the quotes (distances, dates, sources ...).
    meta : str, optional
        A short grey line under the heading ("Nevnt 3 ganger").

    Examples
    --------
    >>> str(popup_html("Gaza", lines=["<script>"]))
    '<div class="mapping-popup"><h4>Gaza</h4><p>&lt;script&gt;</p></div>'
    """
    parts = [Markup('<div class="mapping-popup">'), Markup("<h4>%s</h4>") % escape(title)]
    if meta:
        parts.append(Markup('<p class="mapping-meta">%s</p>') % escape(meta))
    parts.extend(Markup("<blockquote>%s</blockquote>") % escape(q) for q in quotes)
    parts.extend(Markup("<p>%s</p>") % escape(line) for line in lines)
    parts.append(Markup("</div>"))
    return Markup("".join(parts))


# --------------------------------------------------------------------------- elements


class HtmlPopup(MacroElement):
    """A Leaflet popup whose content is passed as a JSON string (no jQuery, no template
    literal), so article text can never break out into JavaScript.

    Parameters
    ----------
    content : str
        Popup HTML. Plain ``str`` is escaped and shown literally; pass
        :class:`markupsafe.Markup` (e.g. from :func:`popup_html`) for HTML.
    max_width : int
        Maximum width in pixels.

    Examples
    --------
    >>> marker = folium.CircleMarker((51.17, 71.45))
    >>> _ = HtmlPopup(popup_html("Astana")).add_to(marker)
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.popup({{ this.options|tojavascript }})
                .setContent({{ this.content|tojson }});
            {{ this._parent.get_name() }}.bindPopup({{ this.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, content: str, *, max_width: int = 320, **options: Any) -> None:
        super().__init__()
        self._name = "HtmlPopup"
        self.content = str(escape(content))
        self.options = {"max_width": max_width, **options}


class HtmlTooltip(MacroElement):
    """A Leaflet tooltip whose content is passed as a JSON string.

    Parameters
    ----------
    content : str
        Tooltip HTML; plain ``str`` is escaped, :class:`markupsafe.Markup` is kept.
    permanent : bool
        Always shown, like a label (used for regions and seas without a polygon).
    sticky : bool
        Follow the mouse.
    class_name : str, optional
        CSS class of the tooltip (``"mapping-label"`` draws a plain map label).

    Examples
    --------
    >>> marker = folium.CircleMarker((51.17, 71.45))
    >>> _ = HtmlTooltip("Astana").add_to(marker)
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.bindTooltip(
                {{ this.content|tojson }}, {{ this.options|tojavascript }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        content: str,
        *,
        permanent: bool = False,
        sticky: bool = False,
        direction: str = "auto",
        class_name: str | None = None,
    ) -> None:
        super().__init__()
        self._name = "HtmlTooltip"
        self.content = str(escape(content))
        self.options: dict[str, Any] = {
            "permanent": permanent,
            "sticky": sticky,
            "direction": direction,
        }
        if class_name:
            self.options["class_name"] = class_name


class HtmlControl(MacroElement):
    """A Leaflet control (a box in a corner of the map) holding fixed HTML.

    Controls live inside the map container, so they stay visible in fullscreen mode.

    Parameters
    ----------
    content : str
        HTML; plain ``str`` is escaped, :class:`markupsafe.Markup` is kept.
    position : str
        "topleft", "topright", "bottomleft" or "bottomright".
    css_class : str
        Extra CSS class of the box, besides ``mapping-control``.

    Examples
    --------
    >>> m = folium.Map(tiles=None)
    >>> _ = HtmlControl("Hei", position="topright").add_to(m)
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
            {{ this.get_name() }}.onAdd = function () {
                var div = L.DomUtil.create("div", {{ this.css_class|tojson }});
                div.innerHTML = {{ this.content|tojson }};
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, content: str, *, position: str = "bottomright", css_class: str = "") -> None:
        super().__init__()
        if position not in {"topleft", "topright", "bottomleft", "bottomright"}:
            raise ValueError(f"unknown control position {position!r}")
        self._name = "HtmlControl"
        self.content = str(escape(content))
        self.position = position
        self.css_class = ("mapping-control " + css_class).strip()


@cache
def _map_css() -> str:
    return resources.files("mapping").joinpath("assets/map.css").read_text(encoding="utf-8")


class MapStyle(MacroElement):
    """Inline the package's ``assets/map.css`` into the page header (once per map)."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
            <style>{{ this.css }}</style>
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "MapStyle"
        self.css = Markup(_map_css())


def add_style(m: folium.Map) -> folium.Map:
    """Add :class:`MapStyle` to ``m`` unless it is there already; return ``m``.

    Examples
    --------
    >>> m = add_style(folium.Map(tiles=None))
    """
    if "mapping_style" not in m._children:
        m.add_child(MapStyle(), name="mapping_style")
    return m


# --------------------------------------------------------------------------- geometry


def _round_coords(geometry: Any) -> Any:
    import shapely

    fixed = _polygonal(shapely.make_valid(_split_antimeridian(geometry)))
    return _polygonal(shapely.set_precision(fixed, 10**-_PRECISION))


def _polygonal(geometry: Any) -> Any:
    """Only the polygons of ``geometry`` (make_valid may leave stray lines)."""
    from shapely.geometry import MultiPolygon, Polygon

    if isinstance(geometry, Polygon | MultiPolygon):
        return geometry
    polys: list[Polygon] = []
    stack = [geometry]
    while stack:
        g = stack.pop(0)
        if isinstance(g, Polygon):
            polys.append(g)
        elif isinstance(g, MultiPolygon):
            polys.extend(g.geoms)
        elif hasattr(g, "geoms"):
            stack.extend(g.geoms)
    return MultiPolygon([p for p in polys if not p.is_empty])


def _unwrap_polygon(polygon: Any) -> Any:
    """A polygon whose rings cross the 180th meridian, with longitudes made continuous
    (e.g. 170..190 instead of jumping to -170); rings around a pole are closed there."""
    import numpy as np
    from shapely.geometry import Polygon

    def unwrap(coords: Any, near: float | None = None) -> list[tuple[float, float]]:
        xy = np.asarray(coords, dtype=float)[:, :2]
        xs = np.unwrap(xy[:, 0], period=360.0)
        if near is not None:
            xs = xs + 360.0 * np.round((near - xs[0]) / 360.0)
        pts = list(zip(xs.tolist(), xy[:, 1].tolist(), strict=True))
        if abs(xs[-1] - xs[0]) > 180:  # winds once around a pole: close along it
            pole = -90.0 if float(np.mean(xy[:, 1])) < 0 else 90.0
            pts += [(xs[-1], pole), (xs[0], pole), pts[0]]
        return pts

    shell = unwrap(polygon.exterior.coords)
    holes = [unwrap(r.coords, near=shell[0][0]) for r in polygon.interiors]
    return Polygon(shell, holes).buffer(0)


def _split_antimeridian(geometry: Any) -> Any:
    """Cut polygons that cross the 180th meridian (Chukotka, Fiji) at it.

    Natural Earth as shipped by world-atlas is spherical: a ring may jump from +180 to
    -180, which a flat map would draw as a band around the world.
    """
    import numpy as np
    import shapely
    from shapely.affinity import translate
    from shapely.geometry import MultiPolygon, Polygon, box

    parts = list(getattr(geometry, "geoms", [geometry]))
    if not all(isinstance(p, Polygon) for p in parts):
        return geometry

    def crosses(p: Polygon) -> bool:
        rings = [p.exterior, *p.interiors]
        return any(np.any(np.abs(np.diff(np.asarray(r.coords)[:, 0])) > 180) for r in rings)

    if not any(crosses(p) for p in parts):
        return geometry
    out: list[Polygon] = []
    for part in parts:
        if not crosses(part):
            out.append(part)
            continue
        flat = _unwrap_polygon(part)
        for lo in (-540.0, -180.0, 180.0):
            piece = flat.intersection(box(lo, -90, lo + 360, 90))
            piece = translate(piece, xoff=-(lo + 180.0))
            out.extend(
                g
                for g in getattr(piece, "geoms", [piece])
                if isinstance(g, Polygon) and not g.is_empty
            )
    return _polygonal(shapely.make_valid(MultiPolygon(out)))


def _feature(geometry: Any, properties: Mapping[str, Any], fid: str) -> dict[str, Any] | None:
    from shapely.geometry import mapping

    if geometry is None or geometry.is_empty:
        return None
    geometry = _round_coords(geometry)
    if geometry.is_empty:
        return None
    return {
        "type": "Feature",
        "id": fid,
        "properties": dict(properties),
        "geometry": _plain(mapping(geometry)),
    }


def _plain(obj: Any) -> Any:
    """Tuples to lists, NumPy floats to float: JSON that is the same on every run."""
    if isinstance(obj, Mapping):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_plain(v) for v in obj]
    if isinstance(obj, float):
        return round(float(obj), _PRECISION + 4)
    return obj


def _constant_style(style: Mapping[str, Any]):
    frozen = dict(style)

    def style_function(_feature: Any) -> dict[str, Any]:
        return dict(frozen)

    return style_function


def _country_label(code: str, lang: str, default: str) -> str:
    try:
        from mapping.gazetteer import load_gazetteer

        place = load_gazetteer().country(code)
    except Exception:  # gazetteer absent or damaged: fall back to Natural Earth's name
        place = None
    return place.label(lang) if place is not None else default


@cache
def _base_layers(detail: str) -> tuple[dict[str, Any], dict[str, Any]]:
    from mapping import geometry

    land = geometry.countries(detail=detail)
    feats = []
    for i, row in enumerate(land.itertuples(index=False)):
        feature = _feature(row.geometry, {}, f"c{i}")
        if feature:
            feats.append(feature)
    lakes = geometry.lakes(detail=detail)
    lake_feats = []
    for i, row in enumerate(lakes.itertuples(index=False)):
        feature = _feature(row.geometry, {}, f"l{i}")
        if feature:
            lake_feats.append(feature)
    return (
        {"type": "FeatureCollection", "features": feats},
        {"type": "FeatureCollection", "features": lake_feats},
    )


def _tile_layer(tiles: Any, lang: str, show: bool) -> folium.TileLayer:
    import xyzservices

    provider = tiles if isinstance(tiles, xyzservices.TileProvider) else None
    if provider is None:
        try:
            provider = xyzservices.providers.query_name(str(tiles))
        except ValueError as exc:
            raise ValueError(
                f"unknown tile provider {tiles!r}; use an xyzservices name such as "
                "'OpenStreetMap.Mapnik'"
            ) from exc
    if provider.requires_token():
        raise ValueError(
            f"the tile provider {provider.name} needs an API key: pass "
            f"xyzservices.providers.{provider.name}(apikey=...) instead of its name"
        )
    if provider.name.startswith("OpenStreetMap"):
        label = ui_text("osm", lang=lang)
    elif provider.name.startswith("CartoDB.Positron"):
        label = ui_text("carto", lang=lang)
    else:
        label = provider.name
    return folium.TileLayer(tiles=provider, name=label, overlay=True, control=True, show=show)


class OfflineMap(folium.Map):
    """A :class:`folium.Map` that also shows without internet in JupyterLab.

    folium's own notebook display loads Leaflet from CDNs and stays blank on a filtered
    classroom network; this one displays the self-contained page of
    :func:`mapping.export.render_html` in an ``<iframe srcdoc>``. Everything else is
    plain folium.

    Examples
    --------
    >>> m = OfflineMap(location=(48.0, 68.0), zoom_start=4, tiles=None)
    >>> "srcdoc=" in m._repr_html_()
    True
    """

    def _repr_html_(self, **kwargs: Any) -> str:
        from mapping.export import render_html

        page = html.escape(render_html(self), quote=True)
        height = self.height if self.height[1] == "px" else (520, "px")
        return (
            f'<iframe srcdoc="{page}" style="width:100%;height:{height[0]}{height[1]};'
            'border:none" allowfullscreen></iframe>'
        )


def base_map(
    *,
    lang: str = "nb",
    tiles: Sequence[Any] | None = DEFAULT_TILES,
    show_tiles: bool = True,
    bounds: Sequence[Sequence[float]] | None = None,
    detail: str = "110m",
    offline_base: bool = True,
    fullscreen: bool = True,
    width: str | int = "100%",
    height: str | int = "100%",
) -> folium.Map:
    """Create a map that is readable without network, with online tiles on top.

    The offline base (Natural Earth land with country outlines, and large lakes such as
    the Caspian drawn as water) sits in its own pane *below* the tile pane: online tiles
    cover it when they load, and it shows through when they cannot.

    Parameters
    ----------
    lang : str
        Language of the layer names and controls ("nb", "nn" or "en").
    tiles : sequence of str or xyzservices.TileProvider, or None
        Online tile layers: xyzservices names ("OpenStreetMap.Mapnik") or providers
        (``xyzservices.providers.CartoDB.Positron(apikey=...)``: CARTO needs a key);
        ``None`` or ``()`` for an offline-only map.
    show_tiles : bool
        Show the first tile layer at start (each can be toggled in the layer control).
    bounds : [[lat_min, lon_min], [lat_max, lon_max]], optional
        Fit the view to these bounds; without it the whole world is shown.
    detail : str
        Natural Earth scale of the outlines: "110m" (small files) or "50m".
    offline_base : bool
        Draw the offline vector base.
    fullscreen : bool
        Add a fullscreen button.
    width, height : str or int
        Size of the map (folium syntax).

    Returns
    -------
    OfflineMap
        A :class:`folium.Map` that also displays offline in JupyterLab. Add layers to
        it, then call :func:`mapping.export.save_html`.

    Examples
    --------
    >>> m = base_map(lang="nb", tiles=None, bounds=[[35, 45], [56, 90]])
    """
    lang = _check_lang(lang)
    m = OfflineMap(
        location=(30.0, 20.0),
        zoom_start=2,
        tiles=None,
        width=width,
        height=height,
        control_scale=True,
        world_copy_jump=False,
    )
    # Without tiles Leaflet has no zoom range, which plugins such as MarkerCluster need.
    m.options.update({"min_zoom": 1, "max_zoom": 18})
    add_style(m)
    if offline_base:
        pane = folium.map.CustomPane(_BASE_PANE, z_index=150, pointer_events=False)
        m.add_child(pane, name="mapping_base_pane")
        land, lakes = _base_layers(detail)
        group = folium.FeatureGroup(name=ui_text("base", lang=lang), overlay=True, control=True)
        folium.GeoJson(
            land,
            style_function=_constant_style(_LAND_STYLE),
            pane=_BASE_PANE,
            interactive=False,
            smooth_factor=0.5,
        ).add_to(group)
        if lakes["features"]:
            folium.GeoJson(
                lakes,
                style_function=_constant_style(_LAKE_STYLE),
                pane=_BASE_PANE,
                interactive=False,
            ).add_to(group)
        group.add_to(m)
    for i, name in enumerate(tiles or ()):
        _tile_layer(name, lang, show=show_tiles and i == 0).add_to(m)
    if fullscreen:
        folium.plugins.Fullscreen(
            position="topleft",
            title=ui_text("fullscreen", lang=lang),
            title_cancel=ui_text("exit_fullscreen", lang=lang),
        ).add_to(m)
    if bounds is not None:
        m.fit_bounds([list(bounds[0]), list(bounds[1])])
    return m


def geometry_layer(
    features: Sequence[tuple[str, Any, str]],
    *,
    style: Mapping[str, Any],
    name: str | None = None,
    show: bool = True,
    css_class: str | None = None,
) -> folium.GeoJson | None:
    """A :class:`folium.GeoJson` of shapely geometries with a tooltip each.

    Parameters
    ----------
    features : sequence of (id, geometry, label)
        Shapely geometries in (lon, lat) order; ``label`` is the tooltip text (escaped).
    style : mapping
        Leaflet path style (``color``, ``fillColor``, ``weight`` ...).
    name : str, optional
        Layer name in the layer control.
    css_class : str, optional
        CSS class of every drawn path (handy in browser tests).

    Returns
    -------
    folium.GeoJson or None
        ``None`` when no feature has a geometry.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> layer = geometry_layer([("x", box(0, 0, 1, 1), "Box")], style={"color": "red"})
    """
    feats = []
    for fid, geom, label in features:
        feature = _feature(geom, {"label": str(escape(label))}, fid)
        if feature:
            feats.append(feature)
    if not feats:
        return None
    options: dict[str, Any] = {}
    if css_class:
        options["class_name"] = css_class
    return folium.GeoJson(
        {"type": "FeatureCollection", "features": feats},
        style_function=_constant_style(style),
        name=name,
        show=show,
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False, sticky=True),
        **options,
    )


def country_layer(
    codes: Iterable[str],
    *,
    lang: str = "nb",
    style: Mapping[str, Any] | None = None,
    name: str | None = None,
    detail: str = "110m",
    show: bool = True,
) -> folium.GeoJson | None:
    """The countries with ISO alpha-2 ``codes`` as one styled, tooltipped GeoJson layer.

    Codes without a Natural Earth polygon at this ``detail`` (very small states) are
    skipped; their point can still be drawn with :func:`place_marker`.

    Parameters
    ----------
    codes : iterable of str
        ISO 3166-1 alpha-2 codes ("KZ", "UZ").
    lang : str
        Language of the tooltips (CLDR names: "Kasakhstan" in nb, "Kazakhstan" in en).
    style : mapping, optional
        Leaflet path style; default :data:`COUNTRY_STYLE`.
    name : str, optional
        Layer name in the layer control.
    detail : str
        Natural Earth scale, "110m" or "50m".

    Returns
    -------
    folium.GeoJson or None
        ``None`` when none of the codes has a polygon.

    Examples
    --------
    >>> layer = country_layer(["KZ", "UZ"], lang="nb", name="Land")  # doctest: +SKIP
    """
    from mapping import geometry

    lang = _check_lang(lang)
    wanted = list(dict.fromkeys(c.upper() for c in codes))
    frame = geometry.countries(detail=detail)
    by_code = {row.iso_a2: row for row in frame.itertuples(index=False) if row.iso_a2}
    feats = [
        (code, by_code[code].geometry, _country_label(code, lang, by_code[code].name))
        for code in wanted
        if code in by_code
    ]
    return geometry_layer(
        feats,
        style=style or COUNTRY_STYLE,
        name=name,
        show=show,
        css_class="mapping-country",
    )


def _category(place: Place) -> str:
    if place.kind == "country":
        return "country"
    if place.kind in {"city", "admin", "island"}:
        return "city"
    return "region"


def place_css_class(place: Place) -> str:
    """CSS class naming ``place`` on its marker: ``"mapping-place-country-KZ"``.

    Examples
    --------
    >>> place_css_class(Place("curated:central-asia", "Central Asia", 43.0, 65.0, "region"))
    'mapping-place-curated-central-asia'
    """
    return "mapping-place-" + re.sub(r"[^A-Za-z0-9_-]+", "-", place.id)


def place_marker(
    place: Place,
    *,
    lang: str = "nb",
    count: int = 1,
    popup: str | None = None,
    color: str | None = None,
    radius: float | None = None,
    label: bool = False,
) -> folium.CircleMarker:
    """A circle marker at ``place`` (its capital for a country), sized by ``count``.

    Parameters
    ----------
    place : Place
        The place; its point is used.
    lang : str
        Language of the tooltip (``place.label(lang)``).
    count : int
        How often the article names the place; the radius grows with its square root.
    popup : str, optional
        Popup HTML (plain ``str`` is escaped; use :func:`popup_html`).
    color : str, optional
        Fill colour; default by category (:data:`KIND_COLORS`).
    radius : float, optional
        Radius in pixels; overrides ``count``.
    label : bool
        Show the name permanently next to the marker (for regions and seas).

    Examples
    --------
    >>> kz = Place("country:KZ", "Kazakhstan", 51.17, 71.45, "country", "KZ",
    ...            labels=(("nb", "Kasakhstan"),))
    >>> marker = place_marker(kz, lang="nb", count=4)
    """
    lang = _check_lang(lang)
    category = _category(place)
    if radius is None:
        radius = min(6.0 + 4.0 * math.sqrt(max(count, 1) - 1), 26.0)
    marker = folium.CircleMarker(
        location=place.latlon,
        radius=round(radius, 1),
        color="#ffffff",
        weight=2,
        fill=True,
        fill_color=color or KIND_COLORS[category],
        fill_opacity=0.9,
        class_name=f"mapping-marker mapping-marker-{category} {place_css_class(place)}",
    )
    name = place.label(lang)
    if label:
        HtmlTooltip(name, permanent=True, direction="right", class_name="mapping-label").add_to(
            marker
        )
    else:
        HtmlTooltip(name, sticky=False).add_to(marker)
    if popup is not None:
        HtmlPopup(popup).add_to(marker)
    return marker


def add_legend(
    m: folium.Map,
    items: Sequence[tuple[str, str] | tuple[str, str, str]],
    *,
    title: str | None = None,
    note: str | None = None,
    position: str = "bottomright",
) -> HtmlControl:
    """Add a categorical legend to ``m`` and return it.

    Parameters
    ----------
    m : folium.Map
        The map.
    items : sequence of (label, colour) or (label, colour, shape)
        ``shape`` is "circle" (default), "square" (areas) or "line".
    title : str, optional
        Heading of the legend.
    note : str, optional
        A small line under the items.
    position : str
        Corner of the map.

    Examples
    --------
    >>> m = folium.Map(tiles=None)
    >>> legend = add_legend(m, [("Land", "#b34a12", "square"), ("By", "#1f4e9c")], title="Tegnforklaring")
    """
    add_style(m)
    parts = [Markup("<h4>%s</h4>") % escape(title)] if title else []
    for item in items:
        label, colour = item[0], item[1]
        shape = item[2] if len(item) > 2 else "circle"
        if shape not in {"circle", "square", "line"}:
            raise ValueError(f"legend shape must be circle, square or line, not {shape!r}")
        parts.append(
            Markup(
                '<div class="mapping-legend-item"><span class="mapping-swatch '
                'mapping-swatch-%s" style="background:%s"></span><span>%s</span></div>'
            )
            % (shape, escape(colour), escape(label))
        )
    if note:
        parts.append(Markup('<div class="mapping-legend-note">%s</div>') % escape(note))
    control = HtmlControl(Markup("".join(parts)), position=position, css_class="mapping-legend")
    m.add_child(control)
    return control


def add_unresolved_panel(
    m: folium.Map,
    names: Sequence[str],
    *,
    lang: str = "nb",
    title: str | None = None,
    position: str = "bottomleft",
) -> HtmlControl | None:
    """List names that could not be placed in a small panel; ``None`` if there are none.

    Examples
    --------
    >>> m = folium.Map(tiles=None)
    >>> panel = add_unresolved_panel(m, ["Atlantis"], lang="nb")
    """
    names = list(dict.fromkeys(n for n in names if n))
    if not names:
        return None
    add_style(m)
    heading = title or ui_text("unresolved", lang=lang)
    items = "".join(Markup("<li>%s</li>") % escape(n) for n in names)
    content = Markup("<h4>%s</h4><ul>%s</ul>") % (escape(heading), Markup(items))
    control = HtmlControl(content, position=position, css_class="mapping-unresolved")
    m.add_child(control)
    return control


def add_title(m: folium.Map, title: str, *, position: str = "topright") -> HtmlControl:
    """Show ``title`` (escaped) in a box on the map and as the page title.

    Examples
    --------
    >>> m = folium.Map(tiles=None)
    >>> box = add_title(m, "Putin på plass i Kasakhstan")
    """
    add_style(m)
    control = HtmlControl(
        Markup("<div>%s</div>") % escape(title), position=position, css_class="mapping-title"
    )
    m.add_child(control)
    m.get_root().title = str(escape(title))
    return control


def fit_to_points(
    m: folium.Map,
    points: Sequence[tuple[float, float]],
    *,
    max_zoom: int = 6,
    padding: int = 30,
) -> None:
    """Fit the view of ``m`` to (lat, lon) ``points``; nothing happens for no points.

    Examples
    --------
    >>> m = folium.Map(tiles=None)
    >>> fit_to_points(m, [(51.17, 71.45), (41.3, 69.24)])
    """
    if not points:
        return
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    m.fit_bounds(
        [[min(lats), min(lons)], [max(lats), max(lons)]],
        padding=(padding, padding),
        max_zoom=max_zoom,
    )


# --------------------------------------------------------------------------- article map


def _check_mentions(mentions: Iterable[Mention], text: str | None) -> list[Mention]:
    out = []
    for m in mentions:
        if not isinstance(m, Mention):
            raise TypeError(f"expected mapping.model.Mention objects, got {type(m).__name__}")
        if text is not None and text[m.start : m.end] != m.text:
            raise ArticleError(
                f"the mention {m.text!r} at {m.start}-{m.end} does not match the text given; "
                "pass the same text that geoparse() read"
            )
        out.append(m)
    return out


def unresolved_names(mentions: Iterable[Mention]) -> list[str]:
    """Distinct names of place mentions without a place, in order of appearance.

    Examples
    --------
    >>> unresolved_names([Mention("Atlantis", 0, 8, None)])
    ['Atlantis']
    """
    seen: dict[str, None] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        if m.place is None and m.kind == "place":
            seen.setdefault(m.text.strip(), None)
    return list(seen)


def marker_frame(
    mentions: Iterable[Mention],
    *,
    text: str | None = None,
    lang: str = "nb",
    include_demonyms: bool = False,
    max_quotes: int = 3,
) -> geopandas.GeoDataFrame:
    """One row per distinct resolved place, in order of first mention.

    Parameters
    ----------
    mentions : iterable of Mention
        From :func:`mapping.geoparse.geoparse`.
    text : str, optional
        The article the mentions point into; needed for the ``quotes`` column.
    lang : str
        Language of the ``label`` column.
    include_demonyms : bool
        Count demonym mentions ("russisk") as well.
    max_quotes : int
        At most this many sentences are quoted per place.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``place_id, label, name, kind, country_code, count, forms, sentences,
        quotes, more_quotes, place, geometry`` (Point, EPSG:4326); ``quotes`` holds safe
        HTML strings with the mentions in ``<mark>``.

    Examples
    --------
    >>> kz = Place("country:KZ", "Kazakhstan", 51.17, 71.45, "country", "KZ")
    >>> t = "Putin er i Kasakhstan."
    >>> marker_frame([Mention("Kasakhstan", 11, 21, kz, sentence=(0, 22))], text=t)["count"].tolist()
    [1]
    """
    import geopandas
    from shapely.geometry import Point

    lang = _check_lang(lang)
    ms = _check_mentions(mentions, text)
    groups: dict[str, list[Mention]] = {}
    for m in sorted(ms, key=lambda m: (m.start, m.end)):
        if m.place is None or (m.kind != "place" and not include_demonyms):
            continue
        groups.setdefault(m.place.id, []).append(m)
    rows = []
    for place_id, group in groups.items():
        place = group[0].place
        assert place is not None
        sentences = list(dict.fromkeys(m.sentence for m in group if m.sentence[1] > m.sentence[0]))
        quotes: list[str] = []
        if text is not None:
            # The same sentence can occur twice (a caption repeated by the page): quote once.
            by_wording: dict[str, tuple[int, int]] = {}
            for s, e in sentences:
                by_wording.setdefault(" ".join(text[s:e].split()), (s, e))
            sentences = list(by_wording.values())
            for s, e in sentences[:max_quotes]:
                marks = [(m.start, m.end) for m in group if m.sentence == (s, e)]
                quotes.append(str(highlight(text, s, e, marks)))
        rows.append(
            {
                "place_id": place_id,
                "label": place.label(lang),
                "name": place.name,
                "kind": place.kind,
                "country_code": place.country_code,
                "count": len(group),
                "forms": tuple(dict.fromkeys(m.text for m in group)),
                "sentences": tuple(sentences),
                "quotes": tuple(quotes),
                "more_quotes": max(len(sentences) - max_quotes, 0) if text is not None else 0,
                "place": place,
                "geometry": Point(place.lonlat),
            }
        )
    columns = [
        "place_id",
        "label",
        "name",
        "kind",
        "country_code",
        "count",
        "forms",
        "sentences",
        "quotes",
        "more_quotes",
        "place",
        "geometry",
    ]
    return geopandas.GeoDataFrame(rows, columns=columns, geometry="geometry", crs="EPSG:4326")


def _place_popup(row: Any, lang: str) -> Markup:
    meta = (
        ui_text("mentioned_once", lang=lang)
        if row.count == 1
        else ui_text("mentioned_n", lang=lang, n=row.count)
    )
    lines = [ui_text("more_quotes", lang=lang, n=row.more_quotes)] if row.more_quotes else []
    return popup_html(row.label, quotes=[Markup(q) for q in row.quotes], lines=lines, meta=meta)


def _lake_geometry(place: Place, detail: str) -> Any:
    """The Natural Earth lake polygon that holds the point of a lake ``place``, if any."""
    from shapely.geometry import Point

    from mapping import geometry

    point = Point(place.lonlat)
    for geom in geometry.lakes(detail=detail).geometry:
        if geom is not None and geom.buffer(0.5).contains(point):
            return geom
    return None


def article_map(
    mentions: Iterable[Mention],
    *,
    text: str | None = None,
    lang: str | None = None,
    tiles: Sequence[Any] | None = DEFAULT_TILES,
    online_tiles: bool = True,
    show_tiles: bool = True,
    title: str | None = None,
    include_demonyms: bool = False,
    detail: str = "110m",
    max_quotes: int = 3,
) -> folium.Map:
    """The map of the places an article mentions.

    One circle marker per distinct place, sized by how often it is mentioned, with a
    tooltip in the article's language and a popup quoting the sentence(s) that name it
    (the name in ``<mark>``); countries shaded as polygons; regions defined by member
    countries drawn as their union, other regions and seas as a label; a legend, a layer
    control, a fullscreen button, the view fitted to the places, and the names that could
    not be placed listed in a small panel.

    Parameters
    ----------
    mentions : iterable of Mention
        From :func:`mapping.geoparse.geoparse`.
    text : str, optional
        The article the mentions point into (for the quotes). Every mention must match it.
    lang : str, optional
        "nb" (default), "nn" or "en": names and controls follow the article's language.
    tiles : sequence of str or xyzservices.TileProvider, or None
        Online tile layers (see :func:`base_map`); ``None`` for an offline-only map.
    online_tiles : bool
        ``False`` drops every online tile layer, whatever ``tiles`` says (the CLI's
        ``--no-online-tiles``).
    show_tiles : bool
        Show the first tile layer at start.
    title : str, optional
        Title shown on the map and as the page title.
    include_demonyms : bool
        Also count demonym mentions ("russisk").
    detail : str
        Natural Earth scale of the polygons, "110m" or "50m".
    max_quotes : int
        At most this many sentences are quoted per place.

    Returns
    -------
    folium.Map

    Raises
    ------
    mapping.errors.ArticleError
        When a mention does not match ``text``.

    Examples
    --------
    >>> from mapping.geoparse import geoparse  # doctest: +SKIP
    >>> text = "Putin er på besøk i Kasakhstan."  # doctest: +SKIP
    >>> m = article_map(geoparse(text), text=text, lang="nb", tiles=None)  # doctest: +SKIP
    """
    from mapping import geometry

    lang = _check_lang(lang)
    mentions = _check_mentions(mentions, text)
    frame = marker_frame(
        mentions,
        text=text,
        lang=lang,
        include_demonyms=include_demonyms,
        max_quotes=max_quotes,
    )
    m = base_map(
        lang=lang, tiles=tiles if online_tiles else None, show_tiles=show_tiles, detail=detail
    )

    # Regions drawn as the union of their members, below the countries.
    region_feats = []
    labelled: set[str] = set()
    for row in frame.itertuples(index=False):
        if row.kind == "country" or _category(row.place) != "region":
            continue
        geom = geometry.place_geometry(row.place, detail=detail) if row.place.members else None
        if geom is None and row.kind == "lake":
            geom = _lake_geometry(row.place, detail)
        if geom is None:
            labelled.add(row.place_id)
        else:
            region_feats.append((row.place_id, geom, row.label))
    if region_feats:
        layer = geometry_layer(
            region_feats,
            style=REGION_STYLE,
            name=ui_text("regions", lang=lang),
            css_class="mapping-region",
        )
        if layer is not None:
            layer.add_to(m)

    codes = [row.country_code for row in frame.itertuples(index=False) if row.kind == "country"]
    countries = country_layer(
        [c for c in codes if c], lang=lang, name=ui_text("countries", lang=lang), detail=detail
    )
    if countries is not None:
        countries.add_to(m)

    markers = folium.FeatureGroup(name=ui_text("places", lang=lang))
    for row in frame.itertuples(index=False):
        place_marker(
            row.place,
            lang=lang,
            count=row.count,
            popup=_place_popup(row, lang) if text is not None else popup_html(row.label),
            label=row.place_id in labelled,
        ).add_to(markers)
    markers.add_to(m)

    categories = list(dict.fromkeys(_category(p) for p in frame["place"]))
    items: list[tuple[str, str, str]] = []
    if countries is not None:
        items.append((ui_text("country_area", lang=lang), COUNTRY_STYLE["fillColor"], "square"))
    for key in ("country", "city", "region"):
        if key in categories:
            items.append((ui_text(key, lang=lang), KIND_COLORS[key], "circle"))
    if items:
        add_legend(
            m, items, title=ui_text("legend", lang=lang), note=ui_text("size_note", lang=lang)
        )
    add_unresolved_panel(m, unresolved_names(mentions), lang=lang)
    if title:
        add_title(m, title)
    folium.LayerControl(collapsed=True).add_to(m)
    fit_to_points(m, [p.latlon for p in frame["place"]])
    return m
