"""Benchmark the map story of the sample article: page size, build time, time to open.

Run from the repository root::

    .venv/bin/python benchmarks/story.py [--runs 5] [--keep story.html]

Prints:

* the size of the self-contained story HTML (target <= 1.5 MB) and what it is made of
  (Leaflet, the outlines, the steps);
* the time to build it (``story_map`` with geoparsing and visits, then ``html()``), warm;
* the time to open it in headless Debian chromium from ``file://`` with every network request
  blocked, until the first step is drawn (``window.story.settled``), median of ``--runs``
  fresh pages (target <= 1 s); and the time to turn all steps with the right arrow key.

Exits 1 when a target is missed, 2 when chromium is absent.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from mapping.export import CHROMIUM_ARGS

CHROMIUM = "/usr/bin/chromium"
ARGS = list(CHROMIUM_ARGS)
MAX_BYTES = 1.5 * 1024 * 1024
MAX_OPEN_S = 1.0


def wait(page, expression: str, timeout: float = 15.0) -> None:
    """Poll in the page (its CSP forbids the eval that wait_for_function uses)."""
    end = time.perf_counter() + timeout
    while not page.evaluate(expression):
        if time.perf_counter() > end:
            raise TimeoutError(expression)
        page.wait_for_timeout(5)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="pages opened for the median (default 5)")
    ap.add_argument("--keep", help="also write the story HTML here")
    args = ap.parse_args()

    from mapping.article import sample_article
    from mapping.demo import SAMPLE_PUBLISHED
    from mapping.story import story_map

    text = sample_article()
    t0 = time.perf_counter()
    story = story_map(text, lang="nb", published=SAMPLE_PUBLISHED)
    page_html = story.html()
    cold = time.perf_counter() - t0
    builds = []
    for _ in range(3):
        t = time.perf_counter()
        story_map(text, lang="nb", published=SAMPLE_PUBLISHED).html()
        builds.append(time.perf_counter() - t)

    data = page_html.encode("utf-8")
    size = len(data)
    block = re.search(r'id="story-data">(.*?)</script>', page_html, re.S).group(1)
    parsed = json.loads(block)
    outlines = len(json.dumps(parsed["outlines"], separators=(",", ":"))) + len(
        json.dumps(parsed["lakes"], separators=(",", ":"))
    )
    leaflet = Path(__file__).resolve().parents[1] / "src/mapping/assets/vendor/leaflet"
    leaflet_bytes = (leaflet / "leaflet.js").stat().st_size + (
        leaflet / "leaflet.css"
    ).stat().st_size
    print(
        f"story of the sample article: {len(story.steps)} steps "
        f"({', '.join(s.kind for s in story.steps)})"
    )
    print(
        f"HTML size: {size / 1024:.0f} KiB ({size / 1024 / 1024:.2f} MiB; target <= 1.5 MiB)"
        f" - Leaflet {leaflet_bytes / 1024:.0f} KiB, outlines {outlines / 1024:.0f} KiB, "
        f"steps and places {(len(block.encode()) - outlines) / 1024:.0f} KiB"
    )
    print(
        f"build (story_map + html): first {cold:.2f} s, warm median "
        f"{statistics.median(builds):.3f} s"
    )

    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} not found: install Debian's chromium to time the page", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.keep) if args.keep else Path(tmp) / "story.html"
        story.save(path)
        opens = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            errors: list[str] = []
            for _ in range(args.runs):
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
                page.route(
                    "**/*",
                    lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort(),
                )
                t = time.perf_counter()
                page.goto(path.as_uri())
                wait(page, "window.story && window.story.index === 0 && window.story.settled")
                opens.append(time.perf_counter() - t)
                page.close()
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(path.as_uri())
            wait(page, "window.story && window.story.settled")
            n = page.evaluate("window.story.count")
            t = time.perf_counter()
            for i in range(1, n):
                page.keyboard.press("ArrowRight")
                wait(page, f"window.story.index === {i} && window.story.settled")
            walk = time.perf_counter() - t
            browser.close()
    med = statistics.median(opens)
    print(
        f"open in headless chromium (file://, network blocked) until step 1 is drawn: "
        f"median {med:.2f} s, max {max(opens):.2f} s over {len(opens)} runs (target <= 1 s)"
    )
    print(f"all {n} steps with ArrowRight (animated flights of about 1.1 s): {walk:.1f} s")
    if errors:
        print(f"console errors: {errors}")
    ok = size <= MAX_BYTES and med <= MAX_OPEN_S and not errors
    print("targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
