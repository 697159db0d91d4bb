"""Benchmark the seed article map: HTML size, build+save time, first render in Chromium.

Run::

    .venv/bin/python benchmarks/maps.py [--runs 5]

Prints:
- the size of the offline, self-contained HTML (target <= 1 MB with Leaflet, plugins and
  the Natural Earth outlines inlined), next to the same folium map saved the default way
  (``Map.save``: CDN links, so smaller, but blank without network);
- the time to build the map from the mentions and save it (cold first run, then median);
- the time to first render in headless Chromium with the network blocked: from
  navigation start until the place markers are drawn (target <= 1 s), median of runs.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

from mapping.article import sample_article
from mapping.errors import BrowserNotFoundError
from mapping.export import CHROMIUM_ARGS, find_chromium, save_html
from mapping.geoparse import geoparse
from mapping.maps import article_map

TARGET_BYTES = 1_000_000
TARGET_RENDER_S = 1.0


def _build(text, mentions, tiles):
    return article_map(
        mentions, text=text, lang="nb", tiles=tiles, title="Putin på plass i Kasakhstan"
    )


def _render_times(path: Path, runs: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=list(CHROMIUM_ARGS))
        try:
            for _ in range(runs + 1):  # the first run warms the browser up
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.route(
                    "**/*",
                    lambda r: (
                        r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort()
                    ),
                )
                page.goto(path.as_uri(), wait_until="commit")
                page.wait_for_selector("path.mapping-marker", state="attached")
                # performance.now() counts from the start of the navigation
                elapsed_ms = page.evaluate("performance.now()")
                times.append(elapsed_ms / 1000)
                page.close()
        finally:
            browser.close()
    return times[1:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    text = sample_article()
    mentions = geoparse(text)
    out = Path(tempfile.mkdtemp(prefix="mapping-bench-"))

    t0 = time.perf_counter()
    m = _build(text, mentions, tiles=None)
    path = save_html(m, out / "seed.html")
    cold = time.perf_counter() - t0
    warm = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        save_html(_build(text, mentions, tiles=None), out / "seed.html")
        warm.append(time.perf_counter() - t0)

    size = path.stat().st_size
    online = save_html(_build(text, mentions, None), out / "seed-online-assets.html", offline=False)
    folium_default = out / "seed-folium-default.html"
    _build(text, mentions, tiles=None).save(str(folium_default))
    default_html = folium_default.read_text(encoding="utf-8")
    cdn = re.findall(r'(?:src|href)="(https?://[^"]+)"', default_html)
    with_tiles = save_html(_build(text, mentions, tiles=("OpenStreetMap.Mapnik",)), out / "t.html")

    print("Seed article map (src/mapping/assets/putin-kasakhstan.nb.txt)")
    print(
        f"  offline HTML (assets + outlines inlined): {size / 1e6:.3f} MB "
        f"(target <= {TARGET_BYTES / 1e6:.1f} MB: {'OK' if size <= TARGET_BYTES else 'OVER'})"
    )
    print(f"  same, with the OpenStreetMap tile layer:  {with_tiles.stat().st_size / 1e6:.3f} MB")
    print(f"  same map, CDN links (offline=False):      {online.stat().st_size / 1e6:.3f} MB")
    print(
        f"  folium Map.save (default way):            {len(default_html.encode()) / 1e6:.3f} MB, "
        f"{len(cdn)} CDN requests needed to show anything"
    )
    print(
        f"  build + save: cold {cold:.2f} s (loads geodata), "
        f"warm median {statistics.median(warm):.3f} s over {args.runs} runs"
    )

    try:
        times = _render_times(path, args.runs)
    except BrowserNotFoundError as exc:
        print(f"  first render: skipped ({exc})")
        return 0
    median = statistics.median(times)
    print(
        f"  first render in headless Chromium (network blocked, until markers drawn): "
        f"median {median:.3f} s, max {max(times):.3f} s over {len(times)} runs "
        f"(target <= {TARGET_RENDER_S:.1f} s: {'OK' if median <= TARGET_RENDER_S else 'SLOW'})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
