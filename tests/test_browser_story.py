"""The map story in a real browser: Debian chromium via Playwright, every network request blocked.

The page's Content-Security-Policy forbids eval, so the tests poll with ``page.evaluate``
(a DevTools call, not subject to the page's CSP) instead of ``page.wait_for_function``.
"""

from __future__ import annotations

import time
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from mapping.article import sample_article
from mapping.model import Mention, Place
from mapping.story import Story, landlocked_step, story_map

pytestmark = pytest.mark.browser


class Opened:
    """A page with the story loaded, and what it reported (helper C's BrowserLog)."""

    def __init__(self, page: Any, log: Any) -> None:
        self.page = page
        self.log = log

    def wait(self, expression: str, timeout: float = 10.0) -> Any:
        end = time.monotonic() + timeout
        while True:
            value = self.page.evaluate(expression)
            if value:
                return value
            if time.monotonic() > end:
                raise AssertionError(f"timed out waiting for {expression}; {self.log.summary()}")
            self.page.wait_for_timeout(25)

    def settled_at(self, index: int) -> None:
        self.wait(f"window.story && window.story.index === {index} && window.story.settled")


@pytest.fixture
def open_story(browser_page: Any, tmp_path: Path) -> Any:
    """Save a story (or its notebook repr, ``wrap=True``) and open it with the network blocked."""

    def _open(story: Story, *, name: str = "story.html", wrap: bool = False) -> Opened:
        path = tmp_path / name
        if wrap:  # the notebook repr: the page inside <iframe srcdoc>
            page_html = f"<!DOCTYPE html><html><body>{story._repr_html_()}</body></html>"
            path.write_text(page_html, encoding="utf-8")
        else:
            story.save(path)
        page, log = browser_page(path, wait_for="iframe" if wrap else ".leaflet-container")
        return Opened(page, log)

    return _open


@cache
def seed_story() -> Story:
    return story_map(sample_article(), lang="nb", published="2023-11-09")


def inside(center: list[float], bounds: list[list[float]], margin: float = 0.5) -> bool:
    (s, w), (n, e) = bounds
    lat, lon = center
    return s - margin <= lat <= n + margin and w - margin <= lon <= e + margin


def panel(o: Opened) -> dict[str, Any]:
    return o.page.evaluate(
        """() => {
          const p = document.getElementById('story-panel');
          return {step: p.getAttribute('data-step'), kind: p.getAttribute('data-kind'),
                  title: document.getElementById('story-title').textContent,
                  text: document.getElementById('story-text').textContent,
                  counter: document.getElementById('story-counter').textContent,
                  labels: [...document.querySelectorAll('.story-label')].map(e => e.textContent),
                  journeys: document.querySelectorAll('path.story-journey').length,
                  arrows: document.querySelectorAll('path.story-arrow').length,
                  shaded: document.querySelectorAll('path.story-shaded').length};
        }"""
    )


def test_arrow_right_walks_through_every_step(open_story):
    story = seed_story()
    o = open_story(story)
    o.settled_at(0)
    steps = o.page.evaluate("window.story.steps")
    n = len(steps)
    assert n == len(story.steps) >= 10
    seen_texts = []
    previous_center = None
    for i in range(n):
        if i:
            o.page.keyboard.press("ArrowRight")
        o.settled_at(i)
        state = panel(o)
        step = story.steps[i]
        assert state["step"] == str(i) and state["kind"] == step.kind
        assert state["counter"] == f"{i + 1} / {n}"
        assert state["title"] == step.title
        assert state["text"] == step.text
        seen_texts.append((state["title"], state["text"]))
        center = o.page.evaluate("window.story.center()")
        assert inside(center, steps[i]["bounds"]), (i, center, steps[i]["bounds"])
        if previous_center is not None and steps[i]["bounds"] != steps[i - 1]["bounds"]:
            assert center != previous_center, i  # the map moved to the new step's places
        # every place of the step is in view, none hidden behind the edge
        view = o.page.evaluate("window.story.view()")
        for p in step.places:
            assert inside([p.lat, p.lon], view, 0), (i, p.name, view)
        previous_center = center
        assert state["journeys"] == len(step.journeys) == state["arrows"]
        if 0 < len(step.places) <= 7:
            assert sorted(state["labels"]) == sorted(p.label("nb") for p in step.places)
        if step.shaded_countries():
            assert state["shaded"] >= 1
    assert len(set(seen_texts)) == n  # the panel changes at every step
    o.page.keyboard.press("ArrowRight")  # past the end: stays on the overview
    o.page.wait_for_timeout(100)
    assert o.page.evaluate("window.story.index") == n - 1
    assert o.log.clean(), o.log.summary()


def test_keys_and_buttons_of_a_presentation_clicker(open_story):
    o = open_story(seed_story())
    o.settled_at(0)
    n = o.page.evaluate("window.story.count")
    key = o.page.keyboard
    key.press("PageDown")
    o.settled_at(1)
    key.press("Space")
    o.settled_at(2)
    key.press("PageUp")
    o.settled_at(1)
    key.press("ArrowLeft")
    o.settled_at(0)
    key.press("End")
    o.settled_at(n - 1)
    key.press("Home")
    o.settled_at(0)
    assert o.page.is_disabled("#story-prev")
    o.page.click("#story-next")
    o.settled_at(1)
    # Space right after a click must turn one step, not two (the button lost focus)
    key.press("Space")
    o.settled_at(2)
    o.page.wait_for_timeout(150)
    assert o.page.evaluate("window.story.index") == 2
    o.page.click("#story-prev")
    o.settled_at(1)
    assert o.page.text_content("#story-next") == "Neste →"
    assert o.page.text_content("#story-prev") == "← Forrige"
    assert o.page.text_content("#story-step-word") == "Steg"
    assert o.log.clean(), o.log.summary()


def test_fullscreen_toggle_changes_the_layout(open_story):
    o = open_story(seed_story())
    o.settled_at(0)
    assert o.page.text_content("#story-fullscreen") == "Fullskjerm"
    o.page.click("#story-fullscreen")
    o.wait("document.getElementById('story-fullscreen').textContent === 'Avslutt fullskjerm'")
    assert o.page.evaluate(
        "Boolean(document.fullscreenElement) || document.body.classList.contains('story-max')"
    )
    o.page.click("#story-fullscreen")
    o.wait("document.getElementById('story-fullscreen').textContent === 'Fullskjerm'")
    assert o.log.clean(), o.log.summary()


KZ = Place(
    "country:KZ", "Kazakhstan", 51.18, 71.45, "country", "KZ", labels=(("nb", "Kasakhstan"),)
)
XSS = (
    "Angrep </script><script>alert(1)</script> i Kasakhstan\n\n"
    'I Kasakhstan: <img src=x onerror=alert(2)> og `${alert(3)}` </style> <!-- & "q".\n'
)


def xss_story() -> Story:
    mentions = []
    start = 0
    while (i := XSS.find("Kasakhstan", start)) >= 0:
        mentions.append(Mention("Kasakhstan", i, i + len("Kasakhstan"), KZ))
        start = i + 1
    return story_map(XSS, lang="nb", mentions=mentions, visits=[])


def test_article_text_is_shown_literally_and_runs_no_script(open_story):
    o = open_story(xss_story())
    o.settled_at(0)
    assert o.page.text_content("#story-title").startswith("Angrep </script><script>alert(1)")
    o.page.keyboard.press("ArrowRight")
    o.settled_at(1)
    text = o.page.text_content("#story-text")
    assert "<img src=x onerror=alert(2)>" in text and "`${alert(3)}`" in text
    assert o.page.evaluate("document.querySelectorAll('#story-text img').length") == 0
    o.page.wait_for_timeout(200)
    assert o.log.clean(), o.log.summary()


def test_story_renders_inside_the_notebook_iframe(open_story):
    o = open_story(seed_story(), name="notebook.html", wrap=True)
    frame = None
    end = time.monotonic() + 10
    while frame is None and time.monotonic() < end:
        frames = [f for f in o.page.frames if f != o.page.main_frame]
        if frames and frames[0].evaluate("Boolean(window.story && window.story.settled)"):
            frame = frames[0]
        else:
            o.page.wait_for_timeout(25)
    assert frame is not None, o.log.summary()
    assert frame.evaluate("window.story.count") == len(seed_story().steps)
    assert frame.text_content("#story-counter") == f"1 / {len(seed_story().steps)}"
    o.page.click("iframe")  # focus the story, as a teacher clicks the output
    o.page.keyboard.press("ArrowRight")
    end = time.monotonic() + 5
    while frame.evaluate("window.story.index") != 1 and time.monotonic() < end:
        o.page.wait_for_timeout(25)
    assert frame.evaluate("window.story.index") == 1
    assert o.log.clean(), o.log.summary()


def test_a_thematic_step_shades_landlocked_central_asia(open_story):
    steps = [*seed_story().steps[:2], landlocked_step(lang="nb")]
    o = open_story(story_map(steps, lang="nb"))
    o.settled_at(0)
    o.page.keyboard.press("End")
    o.settled_at(2)
    state = panel(o)
    assert state["kind"] == "theme" and state["title"] == "Kystløse land i Sentral-Asia"
    assert state["shaded"] >= 5
    assert sorted(state["labels"]) == sorted(
        ["Kasakhstan", "Kirgisistan", "Tadsjikistan", "Turkmenistan", "Usbekistan"]
    )
    assert o.log.clean(), o.log.summary()
