"""A real JupyterLab: open notebook 01 in headless Chromium, run all cells, see the map.

The server runs on 127.0.0.1 with a token, on a copy of ``notebooks/``; the browser may talk to
that server only (every other request is aborted), so the map must draw from inlined assets.
"""

from __future__ import annotations

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

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS_DIR = ROOT / "notebooks"
NOTEBOOK = "01_artikkel_til_kart.ipynb"
CHROMIUM = os.environ.get("MAPPING_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


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


@pytest.fixture()
def lab(tmp_path: Path) -> Iterator[Lab]:
    """JupyterLab serving a copy of notebooks/; always stopped afterwards, kernels included."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    root = tmp_path / "notebooks"
    root.mkdir()
    shutil.copy2(NOTEBOOKS_DIR / NOTEBOOK, root / NOTEBOOK)
    shutil.copytree(NOTEBOOKS_DIR / "artikler", root / "artikler")
    home = tmp_path / "home"
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "IPYTHONDIR": str(home / "ipython"),
        "MPLCONFIGDIR": str(home / "matplotlib"),
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


def _leaflet_markers(page) -> int:
    """The most interactive Leaflet shapes drawn in any output iframe (0 when no map)."""
    best = 0
    frames = page.locator(".jp-OutputArea-output iframe")
    for i in range(frames.count()):
        inner = page.frame_locator(".jp-OutputArea-output iframe").nth(i)
        if inner.locator(".leaflet-pane").count():
            best = max(best, inner.locator("path.leaflet-interactive").count())
    return best


def test_notebook_01_runs_in_jupyterlab_and_draws_the_map(lab):
    from playwright.sync_api import sync_playwright

    local = (lab.base + "/", lab.base.replace("http", "ws") + "/")
    blocked: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(local) or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.route("**/*", guard)
            page.goto(f"{lab.base}/lab/tree/{NOTEBOOK}?token={lab.token}")
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
            # the kernel is up when the status bar names it and says Idle
            page.get_by_text(re.compile(r"Python 3 \(ipykernel\) \| Idle")).wait_for(timeout=90_000)
            page.locator(".jp-Notebook .jp-Cell").first.click()  # the notebook has focus
            page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
            page.locator(
                "li.lm-Menu-item[data-command='runmenu:run-all']:not(.lm-mod-disabled)"
            ).click()
            page.wait_for_function(
                "() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]"
                ".some(e => /\\[(\\*|\\d+)\\]/.test(e.textContent))",
                timeout=30_000,
            )

            deadline = time.monotonic() + 120
            markers = 0
            while time.monotonic() < deadline and markers < 5:
                page.wait_for_timeout(500)
                markers = _leaflet_markers(page)
            if markers < 5:
                page.screenshot(path=str(lab.log.with_suffix(".png")), full_page=True)
            assert markers >= 5, f"no Leaflet map with the article's places (see {lab.log})"

            # wait for the whole notebook: every code cell numbered, none queued
            nb = json.loads((NOTEBOOKS_DIR / NOTEBOOK).read_text(encoding="utf-8"))
            n_code = sum(c["cell_type"] == "code" for c in nb["cells"])
            page.wait_for_function(
                """n => {
                    const prompts = [...document.querySelectorAll(
                        '.jp-CodeCell .jp-InputPrompt')].map(e => e.textContent);
                    return prompts.length === n && prompts.every(t => /\\[\\d+\\]/.test(t));
                }""",
                arg=n_code,
                timeout=120_000,
            )
            errors = page.locator(
                ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
            )
            assert errors.count() == 0, errors.all_inner_texts()
            # the kernel survived the run
            page.get_by_text(re.compile(r"Python 3 \(ipykernel\) \| Idle")).wait_for(timeout=30_000)
        finally:
            browser.close()
