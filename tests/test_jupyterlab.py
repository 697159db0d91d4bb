"""A real JupyterLab: open notebook 01 in headless Chromium, run all cells, see the map.

The server runs on 127.0.0.1 with a token, on a copy of ``notebooks/``; the browser may talk to
that server only (every other request is aborted), so the map must draw from inlined assets.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from mapping.export import CHROMIUM_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS_DIR = ROOT / "notebooks"
DATA = Path(__file__).resolve().parent / "data"
CHROMIUM = os.environ.get("MAPPING_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = list(CHROMIUM_ARGS)


@dataclass(frozen=True)
class Lab:
    base: str
    token: str
    root: Path
    log: Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_until_up(lab: Lab, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"jupyter lab exited:\n{lab.log.read_text()[-3000:]}")
        try:
            url = f"{lab.base}/api/status?token={lab.token}"
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    raise AssertionError(f"jupyter lab did not start:\n{lab.log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """JupyterLab serving a copy of notebooks/; always stopped afterwards, kernels included."""
    tmp_path = tmp_path_factory.mktemp("lab")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    root = tmp_path / "notebooks"
    root.mkdir()
    for nb in NOTEBOOKS_DIR.glob("*.ipynb"):
        shutil.copy2(nb, root / nb.name)
    shutil.copytree(NOTEBOOKS_DIR / "artikler", root / "artikler")
    home = tmp_path / "home"
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "IPYTHONDIR": str(home / "ipython"),
    }
    # a fresh user: start the notebook's kernel without asking, no news pop-up
    settings = home / "settings" / "@jupyterlab"
    for rel, value in {
        "notebook-extension/tracker.jupyterlab-settings": {"autoStartDefaultKernel": True},
        "apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false"},
    }.items():
        (settings / rel).parent.mkdir(parents=True, exist_ok=True)
        (settings / rel).write_text(json.dumps(value), encoding="utf-8")
    port = _free_port()
    lab = Lab(f"http://127.0.0.1:{port}", secrets.token_hex(16), root, tmp_path / "lab.log")
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        f"--IdentityProvider.token={lab.token}",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        "--ip=127.0.0.1",
        f"--ServerApp.root_dir={root}",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.news_url=None",
        "--LabApp.extension_manager=readonly",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # CI containers run as root
        cmd.append("--allow-root")
    with lab.log.open("wb") as log:
        proc = subprocess.Popen(
            cmd, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
    try:
        _wait_until_up(lab, proc)
        yield lab
    finally:
        proc.send_signal(signal.SIGINT)  # a clean shutdown stops the kernels too
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        try:  # anything left in the server's own process group (a stuck kernel)
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _leaflet_markers(page, frames: str) -> int:
    """The most interactive Leaflet shapes drawn in the iframes ``frames`` selects (0: no map)."""
    best = 0
    for i in range(page.locator(frames).count()):
        inner = page.frame_locator(frames).nth(i)
        if inner.locator(".leaflet-pane").count():
            best = max(best, inner.locator("path.leaflet-interactive").count())
    return best


def _wait_for_markers(page, lab: Lab, frames: str, at_least: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    markers = 0
    while time.monotonic() < deadline and markers < at_least:
        page.wait_for_timeout(500)
        markers = _leaflet_markers(page, frames)
    if markers < at_least:
        page.screenshot(path=str(lab.log.with_suffix(".png")), full_page=True)
    assert markers >= at_least, f"no Leaflet map with the article's places (see {lab.log})"


@contextlib.contextmanager
def _lab_page(lab: Lab) -> Iterator:
    """A Chromium page that may talk to the lab server only."""
    from playwright.sync_api import sync_playwright

    local = (lab.base + "/", lab.base.replace("http", "ws") + "/")

    def guard(route):
        url = route.request.url
        if url.startswith(local) or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            route.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.route("**/*", guard)
            try:
                yield page
            except BaseException:
                page.screenshot(path=str(lab.log.with_suffix(".png")), full_page=True)
                raise
        finally:
            browser.close()


#: the notebook on show (a restored workspace may hold other, hidden, notebook tabs)
_SHOWN = ".jp-NotebookPanel:not(.lm-mod-hidden)"
_IDLE = re.compile(r"Python 3 \(ipykernel\) \| Idle")


def _open_and_run_all(page, lab: Lab, name: str) -> None:
    """Open a notebook, wait for its kernel, Run > Run All Cells, wait until all have run."""
    page.goto(f"{lab.base}/lab/tree/{name}?reset&token={lab.token}")
    page.wait_for_selector(f"{_SHOWN} .jp-Cell", timeout=90_000)
    # the kernel is up when the status bar names it and says Idle
    page.get_by_text(_IDLE).wait_for(timeout=90_000)
    page.locator(f"{_SHOWN} .jp-Cell").first.click()  # the notebook has focus
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator("li.lm-Menu-item[data-command='runmenu:run-all']:not(.lm-mod-disabled)").click()
    nb = json.loads((NOTEBOOKS_DIR / name).read_text(encoding="utf-8"))
    n_code = sum(c["cell_type"] == "code" for c in nb["cells"])
    # every code cell numbered, none queued ([*])
    page.wait_for_function(
        """([shown, n]) => {
            const prompts = [...document.querySelectorAll(
                shown + ' .jp-CodeCell .jp-InputPrompt')].map(e => e.textContent);
            return prompts.length === n && prompts.every(t => /\\[\\d+\\]/.test(t));
        }""",
        arg=[_SHOWN, n_code],
        timeout=120_000,
    )


def _assert_no_kernel_error(page) -> None:
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    assert errors.count() == 0, errors.all_inner_texts()
    page.get_by_text(_IDLE).wait_for(timeout=30_000)  # the kernel survived the run


def test_notebook_01_runs_in_jupyterlab_and_draws_the_map(lab):
    with _lab_page(lab) as page:
        _open_and_run_all(page, lab, "01_artikkel_til_kart.ipynb")
        _wait_for_markers(page, lab, f"{_SHOWN} .jp-OutputArea-output iframe", at_least=5)
        _assert_no_kernel_error(page)


def test_lag_kart_button_maps_pasted_text_in_jupyterlab(lab):
    text = (DATA / "english_article.txt").read_text(encoding="utf-8")
    with _lab_page(lab) as page:
        _open_and_run_all(page, lab, "04_din_egen_artikkel.ipynb")
        _assert_no_kernel_error(page)
        page.locator(f"{_SHOWN} .widget-textarea textarea").fill(text)
        page.locator(f"{_SHOWN} button.widget-button", has_text="Lag kart").click()
        _wait_for_markers(page, lab, f"{_SHOWN} .widget-html iframe", at_least=3)
        result = page.locator(f"{_SHOWN} .widget-html", has_text="Zambia")
        for place in ("Zambia", "Angola", "Lusaka"):
            assert place in result.inner_text()
