"""The visits map: every leader visit drawn as a curved journey from origin to destination.

Each journey is a great-circle line with an arrowhead (a rotated SVG triangle in a Leaflet
``divIcon``: no plugin needed, so it works in the offline export), one colour per leader with
a legend, a hollow origin marker and a filled destination marker, and a popup that quotes
the evidence sentence(s) and the time expression (HTML-escaped). Journeys of several leaders
to the same place are kept apart by bending each leader's line by a different amount.

:func:`visits_map` builds a whole map on :func:`mapping.maps.base_map`; :func:`add_visits`
adds the journeys to an existing map (the article map, for instance).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import folium
from branca.element import MacroElement
from folium.template import Template
from markupsafe import Markup

from mapping.maps import (
    DEFAULT_TILES,
    HtmlPopup,
    HtmlTooltip,
    add_legend,
    add_style,
    add_title,
    base_map,
    escape,
    fit_to_points,
)
from mapping.visits import Visit, visits_from_frame

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["LEADER_COLORS", "TimeSlider", "visits_map", "add_visits", "journey_points"]

#: Colours given to the leaders in order of appearance (Okabe-Ito, colour-blind safe, then more).
LEADER_COLORS: tuple[str, ...] = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#7F3C8D",
    "#3B3B3B",
    "#A6761D",
    "#1B9E77",
)

_TEXT = {
    "nb": {
        "legend": "Ledere på reise",
        "layer": "Reiser",
        "from": "Fra",
        "to": "Til",
        "when": "Når",
        "origin": "Reiser fra",
        "status": {
            "current": "pågår nå",
            "completed": "gjennomført",
            "planned": "planlagt",
            "historical": "tidligere",
        },
        "note": "Pil: fra hjemland (hovedstad) til stedet for besøket",
        "title": "Ledere på besøk",
        "all": "Alle besøk",
        "until": "Til og med",
    },
    "nn": {
        "legend": "Leiarar på reise",
        "layer": "Reiser",
        "from": "Frå",
        "to": "Til",
        "when": "Når",
        "origin": "Reiser frå",
        "status": {
            "current": "går føre seg no",
            "completed": "gjennomført",
            "planned": "planlagd",
            "historical": "tidlegare",
        },
        "note": "Pil: frå heimland (hovudstad) til staden for vitjinga",
        "title": "Leiarar på vitjing",
        "all": "Alle vitjingar",
        "until": "Til og med",
    },
    "en": {
        "legend": "Leaders travelling",
        "layer": "Journeys",
        "from": "From",
        "to": "To",
        "when": "When",
        "origin": "Travels from",
        "status": {
            "current": "under way",
            "completed": "completed",
            "planned": "planned",
            "historical": "earlier",
        },
        "note": "Arrow: from the home country (capital) to the place visited",
        "title": "Leader visits",
        "all": "All visits",
        "until": "Up to",
    },
}

_ARROW_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="18" height="18" viewBox="0 0 18 18" '
    'style="transform:rotate({angle}deg);transform-origin:9px 9px;display:block">'
    '<path d="M9 1 L16 16 L9 12 L2 16 Z" fill="{color}" stroke="#ffffff" stroke-width="1"/>'
    "</svg>"
)


class TimeSlider(MacroElement):
    """A range input that shows the journeys dated up to the chosen day (undated journeys
    always show). Plain Leaflet and DOM code: no plugin, works in the offline export.

    Parameters
    ----------
    items : sequence of (parent layer, layer, ISO date or None)
        Each layer is added to / removed from its parent as the slider moves.
    lang : str
        Language of the label.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var dates = {{ this.dates|tojson }};
            var items = [{% for parent, layer, day in this.items %}[{{ parent.get_name() }}, {{ layer.get_name() }}, {{ day|tojson }}]{% if not loop.last %}, {% endif %}{% endfor %}];
            var control = L.control({position: "bottomleft"});
            control.onAdd = function () {
                var div = L.DomUtil.create("div", "mapping-control mapping-timeslider");
                var label = L.DomUtil.create("div", "mapping-timeslider-label", div);
                var input = L.DomUtil.create("input", "", div);
                input.type = "range";
                input.min = "0";
                input.max = String(dates.length);
                input.step = "1";
                input.value = String(dates.length);
                input.setAttribute("aria-label", {{ this.all_text|tojson }});
                function show() {
                    var i = Number(input.value);
                    var limit = i >= dates.length ? null : dates[i];
                    label.textContent = limit === null ? {{ this.all_text|tojson }} : {{ this.until_text|tojson }} + " " + limit;
                    items.forEach(function (it) {
                        var on = limit === null || it[2] === null || it[2] <= limit;
                        if (on && !it[0].hasLayer(it[1])) { it[0].addLayer(it[1]); }
                        if (!on && it[0].hasLayer(it[1])) { it[0].removeLayer(it[1]); }
                    });
                }
                input.addEventListener("input", show);
                show();
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            control.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, items: Sequence[tuple[Any, Any, str | None]], *, lang: str = "nb") -> None:
        super().__init__()
        self._name = "TimeSlider"
        self.items = list(items)
        self.dates = sorted({d for _p, _l, d in self.items if d})
        self.all_text = _TEXT[lang]["all"]
        self.until_text = _TEXT[lang]["until"]


def _to_vec(lat: float, lon: float) -> tuple[float, float, float]:
    la, lo = math.radians(lat), math.radians(lon)
    return (math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la))


def _norm(v: Sequence[float]) -> tuple[float, float, float]:
    n = math.sqrt(sum(c * c for c in v)) or 1.0
    return (v[0] / n, v[1] / n, v[2] / n)


def journey_points(
    origin: tuple[float, float],
    destination: tuple[float, float],
    *,
    bend: float = 0.15,
    n: int = 48,
) -> list[tuple[float, float]]:
    """Points (lat, lon) of a curved journey: the great circle, bent sideways by ``bend``.

    Parameters
    ----------
    origin, destination : (lat, lon)
        End points in degrees (folium order).
    bend : float
        Sideways displacement at the middle as a fraction of the journey's length; 0 gives
        the great circle itself, the sign chooses the side.
    n : int
        Number of segments.

    Returns
    -------
    list of (lat, lon)
        ``n + 1`` points; longitudes are unwrapped (may pass 180) so Leaflet draws the line
        the short way round.

    Examples
    --------
    >>> pts = journey_points((55.75, 37.62), (51.17, 71.45), bend=0.0, n=4)
    >>> pts[0], pts[-1]
    ((55.75, 37.62), (51.17, 71.45))
    """
    a, b = _to_vec(*origin), _to_vec(*destination)
    dot = max(-1.0, min(1.0, sum(x * y for x, y in zip(a, b, strict=True))))
    omega = math.acos(dot)
    if omega < 1e-9:
        return [origin, destination]
    axis = _norm((a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]))
    pts: list[tuple[float, float]] = []
    prev_lon: float | None = None
    for i in range(n + 1):
        t = i / n
        s0 = math.sin((1 - t) * omega) / math.sin(omega)
        s1 = math.sin(t * omega) / math.sin(omega)
        p = [s0 * a[k] + s1 * b[k] for k in range(3)]
        off = bend * omega * math.sin(math.pi * t)
        p = list(_norm([p[k] + off * axis[k] for k in range(3)]))
        lat = math.degrees(math.asin(max(-1.0, min(1.0, p[2]))))
        lon = math.degrees(math.atan2(p[1], p[0]))
        if prev_lon is not None:
            while lon - prev_lon > 180:
                lon -= 360
            while lon - prev_lon < -180:
                lon += 360
        prev_lon = lon
        pts.append((round(lat, 4), round(lon, 4)))
    pts[0] = (origin[0], origin[1])
    shift = pts[-2][1] - destination[1]
    end_lon = destination[1] + 360 * round(shift / 360)
    pts[-1] = (destination[0], end_lon)
    return pts


def _bearing_screen(p: tuple[float, float], q: tuple[float, float]) -> float:
    """Angle (degrees clockwise from up) of the segment p -> q on a Web Mercator map."""

    def merc(lat: float) -> float:
        lat = max(-85.0, min(85.0, lat))
        return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))

    dx = q[1] - p[1]
    dy = merc(q[0]) - merc(p[0])
    return math.degrees(math.atan2(dx, dy))


def _as_visits(visits: Iterable[Visit] | pandas.DataFrame) -> list[Visit]:
    if hasattr(visits, "columns") and hasattr(visits, "to_dict"):
        return visits_from_frame(visits)  # type: ignore[arg-type]
    out = list(visits)  # type: ignore[arg-type]
    for v in out:
        if not isinstance(v, Visit):
            raise TypeError(
                "visits must be Visit objects (mapping.extract_visits) or a visits table "
                f"(mapping.visits_frame), not {type(v).__name__}"
            )
    return out


def _leader_key(v: Visit) -> tuple[str, str]:
    return (v.leader, v.leader_country)


def _popup(v: Visit, lang: str) -> Markup:
    t = _TEXT[lang]
    when = v.when_text or ""
    if v.date is not None:
        when = f"{when} ({v.date.isoformat()})" if when else v.date.isoformat()
    status = t["status"].get(v.status, v.status)
    parts = [
        Markup('<div class="mapping-popup mapping-visit-popup">'),
        Markup("<h4>%s</h4>") % escape(v.leader),
        Markup('<p class="mapping-meta">%s, %s · %s</p>')
        % (escape(v.role), escape(v.leader_country), escape(status)),
        Markup("<p><b>%s:</b> %s<br><b>%s:</b> %s</p>")
        % (
            escape(t["from"]),
            escape(v.origin.label(lang)),
            escape(t["to"]),
            escape(v.destination.label(lang)),
        ),
    ]
    if when:
        parts.append(Markup("<p><b>%s:</b> %s</p>") % (escape(t["when"]), escape(when)))
    for q in v.quotes[:3]:
        parts.append(Markup("<blockquote>%s</blockquote>") % escape(q))
    parts.append(Markup("</div>"))
    return Markup("".join(parts))


def add_visits(
    m: folium.Map,
    visits: Iterable[Visit] | pandas.DataFrame,
    *,
    lang: str = "nb",
    colors: Sequence[str] = LEADER_COLORS,
    legend: bool = True,
    bend: float = 0.12,
    time_slider: bool = True,
) -> list[folium.FeatureGroup]:
    """Draw ``visits`` on ``m``: one layer per leader, returned in legend order.

    Parameters
    ----------
    m : folium.Map
        Any folium map (:func:`mapping.maps.base_map`, the article map ...).
    visits : iterable of Visit or pandas.DataFrame
        From :func:`mapping.visits.extract_visits`, or a (possibly edited)
        :func:`mapping.visits.visits_frame` table.
    lang : {"nb", "nn", "en"}
        Language of the legend, popups and place names.
    colors : sequence of str
        Colours given to the leaders in order of first appearance (cycled).
    legend : bool
        Add a legend with one line per leader.
    bend : float
        How much the journeys curve; each further leader with a journey to the same
        destination curves more, on alternating sides, so lines do not overlap.
    time_slider : bool
        Add a slider that shows the journeys up to a chosen date, when the visits have
        at least two different dates.

    Returns
    -------
    list of folium.FeatureGroup
        One per leader.

    Examples
    --------
    >>> from mapping.model import Place
    >>> kz = Place("country:KZ", "Kazakhstan", 51.17, 71.45, "country", "KZ")
    >>> ru = Place("geonames:524901", "Moscow", 55.75, 37.62, "city", "RU")
    >>> v = Visit("Putin", "president", "RU", "current", ru, kz, None, None, ((0, 5),), 0.9)
    >>> groups = add_visits(folium.Map(tiles=None), [v], lang="en")
    >>> len(groups)
    1
    """
    if lang not in _TEXT:
        raise ValueError(f"lang must be one of {', '.join(_TEXT)}, not {lang!r}")
    items = _as_visits(visits)
    add_style(m)
    leaders: dict[tuple[str, str], str] = {}
    for v in items:
        key = _leader_key(v)
        if key not in leaders:
            leaders[key] = colors[len(leaders) % len(colors)]
    groups: dict[tuple[str, str], folium.FeatureGroup] = {}
    for key in leaders:
        groups[key] = folium.FeatureGroup(name=f"{key[0]} ({key[1]})", overlay=True, control=True)
    # journeys to the same destination get increasing bends on alternating sides
    seen_dest: dict[str, int] = {}
    origins_drawn: set[tuple[tuple[str, str], str]] = set()
    dated: list[tuple[folium.FeatureGroup, folium.FeatureGroup, str | None]] = []
    for v in items:
        key = _leader_key(v)
        color = leaders[key]
        group = groups[key]
        k = seen_dest.get(v.destination.id, 0)
        seen_dest[v.destination.id] = k + 1
        side = 1 if k % 2 == 0 else -1
        curve = side * bend * (1 + k // 2 * 1.2 + (k % 2) * 0.6)
        pts = journey_points(v.origin.latlon, v.destination.latlon, bend=curve)
        popup = _popup(v, lang)
        journey = folium.FeatureGroup(name=f"{v.leader} → {v.destination.name}", control=False)
        journey.add_to(group)
        dated.append((group, journey, v.date.isoformat() if v.date else None))
        line = folium.PolyLine(
            pts,
            color=color,
            weight=3,
            opacity=0.9,
            dash_array="8 6" if v.status in ("planned",) else None,
            class_name="mapping-journey",
        )
        HtmlTooltip(f"{v.leader}: {v.origin.label(lang)} → {v.destination.label(lang)}").add_to(
            line
        )
        HtmlPopup(popup).add_to(line)
        line.add_to(journey)
        # arrowhead near the destination, pointing along the line
        i = max(1, int(len(pts) * 0.8))
        angle = round(_bearing_screen(pts[i - 1], pts[i]), 1)
        folium.Marker(
            pts[i],
            icon=folium.DivIcon(
                html=_ARROW_SVG.format(angle=angle, color=color),
                icon_size=(18, 18),
                icon_anchor=(9, 9),
                class_name="mapping-arrow",
            ),
            interactive=False,
        ).add_to(journey)
        okey = (key, v.origin.id)
        if okey not in origins_drawn:
            origins_drawn.add(okey)
            start = folium.CircleMarker(
                v.origin.latlon,
                radius=5,
                color=color,
                weight=2,
                fill=True,
                fill_color="#ffffff",
                fill_opacity=1.0,
                class_name="mapping-visit-origin",
            )
            HtmlTooltip(f"{_TEXT[lang]['origin']}: {v.origin.label(lang)}").add_to(start)
            start.add_to(group)
        end = folium.CircleMarker(
            v.destination.latlon,
            radius=7,
            color="#ffffff",
            weight=2,
            fill=True,
            fill_color=color,
            fill_opacity=0.95,
            class_name="mapping-visit-destination",
        )
        HtmlTooltip(v.destination.label(lang)).add_to(end)
        HtmlPopup(popup).add_to(end)
        end.add_to(journey)
    for group in groups.values():
        group.add_to(m)
    if time_slider and len({d for _g, _j, d in dated if d}) >= 2:
        m.add_child(TimeSlider(dated, lang=lang))
    if legend and leaders:
        add_legend(
            m,
            [(f"{name} ({code})", color, "line") for (name, code), color in leaders.items()],
            title=_TEXT[lang]["legend"],
            note=_TEXT[lang]["note"],
        )
    return list(groups.values())


def visits_map(
    visits: Iterable[Visit] | pandas.DataFrame,
    *,
    lang: str = "nb",
    title: str | None = None,
    tiles: Sequence[str] | None = DEFAULT_TILES,
    colors: Sequence[str] = LEADER_COLORS,
    bend: float = 0.12,
    layer_control: bool = True,
    **base: Any,
) -> folium.Map:
    """A map of leader visits: curved journeys with arrowheads, one colour per leader.

    Parameters
    ----------
    visits : iterable of Visit or pandas.DataFrame
        From :func:`mapping.visits.extract_visits`, or a (possibly edited)
        :func:`mapping.visits.visits_frame` table.
    lang : {"nb", "nn", "en"}
        Language of the legend, popups and place names (the article's language).
    title : str, optional
        Shown in a box on the map (escaped).
    tiles : sequence of str or None
        Online tile layers on top of the offline base (see :func:`mapping.maps.base_map`);
        ``None`` for an offline-only map.
    colors : sequence of str
        Leader colours, in order of first appearance.
    bend : float
        How much the journeys curve (see :func:`add_visits`).
    layer_control : bool
        Add Leaflet's layer control (one entry per leader).
    **base
        More keyword arguments for :func:`mapping.maps.base_map` (``detail``, ``height`` ...).

    Returns
    -------
    folium.Map
        Save it with :func:`mapping.export.save_html` (offline, deterministic).

    Examples
    --------
    >>> from mapping.model import Place
    >>> kz = Place("country:KZ", "Kazakhstan", 51.17, 71.45, "country", "KZ")
    >>> ru = Place("geonames:524901", "Moscow", 55.75, 37.62, "city", "RU")
    >>> v = Visit("Putin", "president", "RU", "current", ru, kz, None, None, ((0, 5),), 0.9)
    >>> m = visits_map([v], lang="nb", tiles=None)
    """
    items = _as_visits(visits)
    m = base_map(lang=lang, tiles=tiles, **base)
    add_visits(m, items, lang=lang, colors=colors, bend=bend)
    if title:
        add_title(m, title)
    points = [v.origin.latlon for v in items] + [v.destination.latlon for v in items]
    if points:
        fit_to_points(m, points, max_zoom=6)
    if layer_control:
        folium.LayerControl(collapsed=True).add_to(m)
    return m
