"""Shared pytest fixtures.

Browser fixtures (for tests marked ``@pytest.mark.browser``)
------------------------------------------------------------
``browser``
    One headless Debian Chromium per test module, driven by Playwright
    (``/usr/bin/chromium`` or ``$MAPPING_CHROMIUM``; a browser is never downloaded).
``browser_page`` (alias ``open_html``)
    A function ``open_html(path, *, allow_hosts=(), width=1280, height=800)`` that opens
    a local HTML file in a fresh page with **every network request blocked** (only
    ``file:`` and ``data:`` URLs load) and returns ``(page, log)``. ``log`` is a
    :class:`BrowserLog` collecting console errors, page errors (uncaught exceptions),
    dialogs (``alert``/``confirm``/``prompt``, dismissed) and the blocked requests.
    It waits until Leaflet has drawn the map. Pages are closed after the test.

Example::

    @pytest.mark.browser
    def test_map_opens(tmp_path, browser_page):
        path = save_html(my_map, tmp_path / "map.html")
        page, log = browser_page(path)
        assert log.clean(), log.summary()
        assert page.locator("path.mapping-marker").count() == 3

Without Chromium the browser tests are skipped locally, and fail when ``CI`` is set.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from mapping.errors import BrowserNotFoundError
from mapping.export import CHROMIUM_ARGS, find_chromium

DATA = Path(__file__).parent / "data"


@dataclass
class BrowserLog:
    """What a page reported while it was open."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)

    def clean(self, *, allow_blocked: Callable[[str], bool] | None = None) -> bool:
        """No console error, page error or dialog; no blocked request unless allowed.

        Console messages caused by requests the test blocked on purpose (allowed by
        ``allow_blocked``, e.g. online tiles) are not counted.
        """
        blocked = [u for u in self.blocked_requests if not (allow_blocked and allow_blocked(u))]
        console = self.console_errors
        if allow_blocked and len(blocked) == 0:
            console = [c for c in console if "net::ERR_FAILED" not in c]
        return not (console or self.page_errors or self.dialogs or blocked)

    def summary(self) -> str:
        """A readable account for assertion messages."""
        return (
            f"console errors: {self.console_errors}\npage errors: {self.page_errors}\n"
            f"dialogs: {self.dialogs}\nblocked requests: {self.blocked_requests[:20]}"
        )


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium shared by the tests of one module.

    Module scope, not session: Playwright's sync API cannot start while another sync
    Playwright runs in the same thread, and some tests drive their own browser.
    """
    try:
        executable = find_chromium()
    except BrowserNotFoundError as exc:
        if os.environ.get("CI"):
            pytest.fail(str(exc))
        pytest.skip(str(exc))
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def browser_page(browser: Any) -> Iterator[Callable[..., tuple[Any, BrowserLog]]]:
    """Open local HTML files with the network blocked; see the module docstring."""
    contexts: list[Any] = []

    def open_html(
        path: str | os.PathLike[str],
        *,
        width: int = 1280,
        height: int = 800,
        wait_for: str | None = ".leaflet-container",
    ) -> tuple[Any, BrowserLog]:
        log = BrowserLog()
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()

        def route(r: Any) -> None:
            url = r.request.url
            if url.startswith(("file:", "data:", "blob:", "about:")):
                r.continue_()
            else:
                log.blocked_requests.append(url)
                r.abort()

        page.route("**/*", route)
        page.on(
            "console",
            lambda msg: log.console_errors.append(msg.text) if msg.type == "error" else None,
        )
        page.on("pageerror", lambda exc: log.page_errors.append(str(exc)))

        def on_dialog(dialog: Any) -> None:
            log.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(Path(path).resolve().as_uri(), wait_until="load")
        if wait_for:
            page.wait_for_selector(wait_for, state="attached", timeout=15_000)
        return page, log

    yield open_html
    for context in contexts:
        context.close()


@pytest.fixture
def open_html(browser_page: Callable[..., tuple[Any, BrowserLog]]):
    """Alias of :func:`browser_page`."""
    return browser_page
