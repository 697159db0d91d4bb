"""Export maps: one self-contained, deterministic HTML file, and PNG via headless Chromium.

:func:`render_html` renders a folium map with every JavaScript and CSS asset inlined from
the copies vendored in ``mapping/assets/vendor`` (see ``scripts/vendor_assets.py`` and its
``MANIFEST.json``), so the file opens with no network; only optional online tile layers
ever make requests. folium's random element ids are renumbered in order of appearance,
so the same map gives byte-identical HTML. :func:`save_html` and :func:`save_png` write
atomically (temporary file in the same folder, then :func:`os.replace`).
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from copy import deepcopy
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from branca.element import CssLink, Element, Figure, JavascriptLink

from mapping.errors import BrowserNotFoundError, ExportError

__all__ = [
    "CHROMIUM_ARGS",
    "render_html",
    "save_html",
    "save_png",
    "find_chromium",
    "vendored_assets",
]

#: Command-line flags for headless Chromium (also used by the browser tests).
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

_ARTICLE_SUFFIXES = {".txt", ".text", ".md"}
_ID_RE = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")

# (url pattern, vendored file, kind, when); kind "js"|"css"; when: "always" | "jquery" |
# "awesome" (inline only when the page needs it), or None to drop the link.
_ASSETS: tuple[tuple[re.Pattern[str], str | None, str], ...] = (
    (re.compile(r"/leaflet@[\d.]+/dist/leaflet\.js$"), "leaflet/leaflet.js", "always"),
    (re.compile(r"/leaflet@[\d.]+/dist/leaflet\.css$"), "leaflet/leaflet.css", "always"),
    (
        re.compile(r"leaflet\.fullscreen@[\d.]+/Control\.FullScreen(\.min)?\.js$"),
        "leaflet.fullscreen/Control.FullScreen.js",
        "always",
    ),
    (
        re.compile(r"leaflet\.fullscreen@[\d.]+/Control\.FullScreen\.css$"),
        "leaflet.fullscreen/Control.FullScreen.css",
        "always",
    ),
    (re.compile(r"jquery[-.\d]*(\.min)?\.js$"), "jquery/jquery.min.js", "jquery"),
    (
        re.compile(r"leaflet\.awesome-markers(\.min)?\.js$"),
        "leaflet.awesome-markers/leaflet.awesome-markers.min.js",
        "awesome",
    ),
    (
        re.compile(r"leaflet\.awesome-markers\.css$"),
        "leaflet.awesome-markers/leaflet.awesome-markers.css",
        "awesome",
    ),
    (
        re.compile(r"polyline-?decorator.*\.js$", re.IGNORECASE),
        "leaflet-polylinedecorator/leaflet.polylineDecorator.js",
        "always",
    ),
    (
        re.compile(r"leaflet\.markercluster[@/][\d.]+/leaflet\.markercluster(-src)?\.js$"),
        "leaflet.markercluster/leaflet.markercluster.js",
        "always",
    ),
    (
        re.compile(r"leaflet\.markercluster[@/][\d.]+/MarkerCluster\.css$"),
        "leaflet.markercluster/MarkerCluster.css",
        "always",
    ),
    (
        re.compile(r"leaflet\.markercluster[@/][\d.]+/MarkerCluster\.Default\.css$"),
        "leaflet.markercluster/MarkerCluster.Default.css",
        "always",
    ),
    # Only used by folium features this package does not use: dropped offline.
    (re.compile(r"bootstrap.*\.(js|css)$"), None, "drop"),
    (re.compile(r"bootstrap-glyphicons\.css$"), None, "drop"),
    (re.compile(r"fontawesome-free@[\d.]+/css/all\.min\.css$"), None, "drop"),
    (re.compile(r"leaflet\.awesome\.rotate(\.min)?\.css$"), None, "drop"),
)

_MIME = {".png": "image/png", ".svg": "image/svg+xml"}


def _vendor_dir() -> Any:
    return resources.files("mapping").joinpath("assets/vendor")


@cache
def vendored_assets() -> tuple[dict[str, Any], ...]:
    """The vendored packages as listed in ``assets/vendor/MANIFEST.json``.

    Examples
    --------
    >>> sorted(p["package"] for p in vendored_assets())[:2]
    ['jquery', 'leaflet']
    """
    manifest = _vendor_dir().joinpath("MANIFEST.json")
    try:
        return tuple(json.loads(manifest.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        raise ExportError(
            f"the vendored web assets are missing or damaged ({exc}); reinstall the package "
            "or run scripts/vendor_assets.py"
        ) from exc


def _data_uri(package_dir: Any, name: str) -> str:
    data = package_dir.joinpath(name).read_bytes()
    mime = _MIME[Path(name).suffix]
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


@cache
def _asset_text(rel: str) -> str:
    """Vendored file ``rel`` with its ``url(...)`` images turned into data URIs."""
    vendor = _vendor_dir()
    package, name = rel.split("/", 1)
    try:
        text = vendor.joinpath(rel).read_text(encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"vendored asset {rel} is missing ({exc})") from exc
    if name.endswith(".css"):

        def inline(match: re.Match[str]) -> str:
            target = match.group(2)
            base = target.rsplit("/", 1)[-1]
            if Path(base).suffix not in _MIME:
                return match.group(0)
            return f'url("{_data_uri(vendor.joinpath(package), base)}")'

        text = re.sub(r"url\((['\"]?)([^)'\"#]+)\1\)", inline, text)
    # A literal "</script>" or "</style>" would end the inline element early.
    tag = "style" if name.endswith(".css") else "script"
    return re.sub(rf"</({tag})", r"<\\/\1", text, flags=re.IGNORECASE)


@cache
def _default_icon_script() -> str:
    leaflet = _vendor_dir().joinpath("leaflet")
    return (
        'L.Icon.Default.imagePath = "";\n'
        "L.Icon.Default.mergeOptions({"
        f'iconUrl: "{_data_uri(leaflet, "marker-icon.png")}", '
        f'iconRetinaUrl: "{_data_uri(leaflet, "marker-icon-2x.png")}", '
        f'shadowUrl: "{_data_uri(leaflet, "marker-shadow.png")}"}});'
    )


def _walk(element: Element) -> Iterator[Element]:
    """Every element reachable from ``element`` (children and element attributes)."""
    seen: set[int] = set()
    stack = [element]
    while stack:
        el = stack.pop()
        if id(el) in seen:
            continue
        seen.add(id(el))
        yield el
        for value in list(vars(el).values()):
            if isinstance(value, Element):
                if value is not el._parent:
                    stack.append(value)
            elif isinstance(value, dict):
                stack.extend(v for v in value.values() if isinstance(v, Element))
            elif isinstance(value, list | tuple):
                stack.extend(v for v in value if isinstance(v, Element))


def _root(m: Any) -> Figure:
    if not isinstance(m, Element):
        raise TypeError(f"expected a folium.Map (or branca Figure), got {type(m).__name__}")
    root = m.get_root()
    if not isinstance(root, Figure):
        raise TypeError("the map is not attached to a branca Figure; create it with folium.Map")
    return root


_RENDERED_KEY_RE = re.compile(r"_[0-9a-f]{32}$")


class _RenderOrder(OrderedDict):
    """An ordered dict where setting a key again moves it to the end.

    Rendering re-adds every rendered piece to the page under the same key; with this,
    the pieces come out in the order of this render, not of an earlier one.
    """

    def __setitem__(self, key: Any, value: Any) -> None:
        super().__setitem__(key, value)
        self.move_to_end(key)


def _fresh_copy(figure: Figure) -> Figure:
    """A deep copy of ``figure`` without the output of earlier renders.

    folium adds a new randomly named element to the page on every render (layer
    ``addTo`` calls, marker icons), so rendering the map object itself twice would
    not give the same bytes; the copy also leaves the caller's map untouched.
    """
    import folium
    from folium.elements import JSCSSMixin

    copy = deepcopy(figure)
    link_names = {
        name
        for el in _walk(copy)
        if isinstance(el, JSCSSMixin)
        for name, _url in [*el.default_js, *el.default_css]
    }
    for part in (copy.header, copy.html, copy.script):
        for key, child in list(part._children.items()):
            rendered = _RENDERED_KEY_RE.search(key) and key != child.get_name()
            if rendered or (key in link_names and isinstance(child, JavascriptLink | CssLink)):
                del part._children[key]
        part._children = _RenderOrder(part._children)
    for el in _walk(copy):
        if isinstance(el, folium.Marker):
            for key, child in list(el._children.items()):
                if isinstance(child, folium.Marker.SetIcon):
                    del el._children[key]
    return copy


def _link_asset(url: str) -> tuple[str | None, str]:
    for pattern, rel, when in _ASSETS:
        if pattern.search(url):
            return rel, when
    raise ExportError(
        f"no offline copy of {url} is vendored in mapping/assets/vendor; save with "
        "offline=False, or vendor it (scripts/vendor_assets.py)"
    )


def render_html(m: Any, *, offline: bool = True) -> str:
    """Render ``m`` to a complete HTML page, deterministically.

    Parameters
    ----------
    m : folium.Map
        The map (its root Figure is rendered).
    offline : bool
        Inline Leaflet and the plugins from the vendored copies (no CDN). With
        ``False`` folium's CDN links are kept.

    Returns
    -------
    str
        The page. The same map gives the same string, run after run.

    Raises
    ------
    mapping.errors.ExportError
        When a JS/CSS asset the map needs has no vendored copy.

    Examples
    --------
    >>> import folium
    >>> page = render_html(folium.Map(tiles=None))
    >>> "cdn.jsdelivr" in page
    False
    """
    figure = _fresh_copy(_root(m))
    for child in figure._children.values():
        child.render()
    html_body = figure.html.render()
    script = figure.script.render()

    header_parts: list[str] = []
    if offline:
        needs_jquery = bool(re.search(r"\$\(|\$\.|jQuery", script))
        needs_awesome = "L.AwesomeMarkers" in script
        for child in figure.header._children.values():
            if isinstance(child, JavascriptLink | CssLink):
                rel, when = _link_asset(child.url)
                if rel is None or (when == "jquery" and not needs_jquery):
                    continue
                if when == "awesome" and not needs_awesome:
                    continue
                if isinstance(child, JavascriptLink):
                    header_parts.append(f"<script>{_asset_text(rel)}</script>")
                    if rel == "leaflet/leaflet.js" and "L.marker(" in script:
                        header_parts.append(f"<script>{_default_icon_script()}</script>")
                else:
                    header_parts.append(f"<style>{_asset_text(rel)}</style>")
            else:
                header_parts.append(child.render())
    else:
        header_parts = [child.render() for child in figure.header._children.values()]

    title = f"<title>{figure.title}</title>" if getattr(figure, "title", None) else ""
    page = (
        "<!DOCTYPE html>\n<html>\n<head>\n"
        + title
        + "    "
        + "\n".join(header_parts)
        + "\n</head>\n<body>\n    "
        + html_body
        + "\n</body>\n<script>\n    "
        + script
        + "\n</script>\n</html>\n"
    )
    if "<meta" not in page.split("</head>", 1)[0]:
        page = page.replace("<head>\n", '<head>\n<meta charset="utf-8" />\n', 1)
    return _stable_ids(page, figure)


def _stable_ids(page: str, figure: Figure) -> str:
    """Renumber folium's random 32-hex element ids in order of first appearance."""
    known = {el._id for el in _walk(figure)}
    for el in figure.header._children.values():
        known.add(el._id)
    mapping: dict[str, str] = {}

    def replace(match: re.Match[str]) -> str:
        found = match.group(0)
        if found not in known:
            return found
        if found not in mapping:
            mapping[found] = f"{len(mapping) + 1:032x}"
        return mapping[found]

    return _ID_RE.sub(replace, page)


def _check_target(path: Path, magic: tuple[bytes, ...], what: str) -> Path:
    path = Path(path).expanduser()
    if path.suffix.lower() in _ARTICLE_SUFFIXES:
        raise ExportError(
            f"refusing to write the {what} to {path}: that looks like an article file. "
            f"Choose a name ending in .{what.lower()}"
        )
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name for the {what}")
    if not path.parent.is_dir():
        raise ExportError(f"the folder {path.parent} does not exist; create it first")
    if path.exists():
        try:
            with path.open("rb") as fh:
                head = fh.read(512).lstrip().lower()
        except OSError as exc:
            raise ExportError(f"cannot read the existing file {path}: {exc}") from exc
        if head and not head.startswith(magic):
            raise ExportError(f"refusing to overwrite {path}: it exists and is not a {what} file")
    return path


def _atomic_write(path: Path, write: Callable[[Any], None]) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise ExportError(f"could not write {path}: {exc}") from exc
        raise
    return path


def save_html(m: Any, path: str | os.PathLike[str], *, offline: bool = True) -> Path:
    """Write ``m`` as one self-contained HTML file, atomically and deterministically.

    Parameters
    ----------
    m : folium.Map
        The map.
    path : str or path-like
        Target file (``.html``). An existing file is only replaced if it is HTML; a
        ``.txt``/``.md`` path (an article) is refused.
    offline : bool
        Inline every JS/CSS asset (default). The file then makes no request when opened,
        except to optional online tile layers.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    mapping.errors.ExportError
        Bad target path, write failure, or an asset with no vendored copy.

    Examples
    --------
    >>> import folium, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "map.html"
    >>> save_html(folium.Map(tiles=None), out).name
    'map.html'
    """
    target = _check_target(Path(path), (b"<!doctype html", b"<html"), "HTML")
    page = render_html(m, offline=offline).encode("utf-8")
    return _atomic_write(target, lambda fh: fh.write(page))


def find_chromium() -> str:
    """Path of the Chromium executable: ``$MAPPING_CHROMIUM`` when set, else
    /usr/bin/chromium, else ``chromium`` on the ``PATH``.

    Raises
    ------
    mapping.errors.BrowserNotFoundError
        When neither exists.

    Examples
    --------
    >>> find_chromium()  # doctest: +SKIP
    '/usr/bin/chromium'
    """
    wanted = os.environ.get("MAPPING_CHROMIUM")
    if wanted:
        if os.path.isfile(wanted) and os.access(wanted, os.X_OK):
            return wanted
        raise BrowserNotFoundError(
            f"MAPPING_CHROMIUM is set to {wanted!r}, which is not an executable file. "
            "Point it at a Chromium browser, or unset it to use /usr/bin/chromium."
        )
    if os.path.isfile("/usr/bin/chromium") and os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    found = shutil.which("chromium")
    if found:
        return found
    raise BrowserNotFoundError(
        "No Chromium browser found for PNG export. Install it (Debian/Ubuntu: "
        "'sudo apt-get install chromium') or set MAPPING_CHROMIUM to the browser's path. "
        "The HTML export works without it."
    )


def _screenshot(html_path: Path, png_path: Path, width: int, height: int, timeout_ms: int) -> None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise BrowserNotFoundError(
            "PNG export needs the Python package 'playwright' (pip install playwright); "
            "it drives the system Chromium, no browser download is needed."
        ) from exc
    executable = find_chromium()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.route(
                "**/*",
                lambda route: (
                    route.continue_()
                    if route.request.url.startswith(("file:", "data:"))
                    else route.abort()
                ),
            )
            page.goto(html_path.as_uri(), wait_until="load", timeout=timeout_ms)
            page.wait_for_selector(".leaflet-container", timeout=timeout_ms)
            page.wait_for_timeout(300)  # let Leaflet finish laying out vectors
            page.screenshot(path=str(png_path), timeout=timeout_ms)
        finally:
            browser.close()


def save_png(
    m: Any,
    path: str | os.PathLike[str],
    *,
    width: int = 1280,
    height: int = 800,
    timeout_s: float = 60.0,
) -> Path:
    """Render ``m`` to a PNG with headless Chromium, from its offline HTML.

    Network requests are blocked, so the picture shows the offline base (no tiles) and
    is the same on every machine.

    Parameters
    ----------
    m : folium.Map
        The map.
    path : str or path-like
        Target ``.png`` (written atomically; an existing non-PNG file is refused).
    width, height : int
        Size of the picture in pixels.
    timeout_s : float
        Give up after this many seconds.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    mapping.errors.BrowserNotFoundError
        No Chromium (or no playwright package).
    mapping.errors.ExportError
        Bad target path or rendering failure.

    Examples
    --------
    >>> save_png(m, "kart.png")  # doctest: +SKIP
    """
    if width < 100 or height < 100 or width > 8000 or height > 8000:
        raise ValueError("width and height must be between 100 and 8000 pixels")
    target = _check_target(Path(path), (b"\x89png",), "PNG")
    page = render_html(m, offline=True)
    with tempfile.TemporaryDirectory(prefix="mapping-png-") as tmp:
        html_path = Path(tmp) / "map.html"
        html_path.write_text(page, encoding="utf-8")
        png_tmp = Path(tmp) / "map.png"
        errors: list[BaseException] = []

        def run() -> None:
            try:
                _screenshot(html_path, png_tmp, width, height, int(timeout_s * 1000))
            except BaseException as exc:  # re-raised in the calling thread
                errors.append(exc)

        # A thread of its own: Playwright's sync API refuses to run inside an asyncio
        # loop, which is what a Jupyter kernel has.
        worker = threading.Thread(target=run, name="mapping-save-png")
        worker.start()
        worker.join()
        if errors:
            exc = errors[0]
            if isinstance(exc, BrowserNotFoundError | ExportError):
                raise exc
            raise ExportError(f"Chromium could not render the map: {exc}") from exc
        data = png_tmp.read_bytes()
    return _atomic_write(target, lambda fh: fh.write(data))
