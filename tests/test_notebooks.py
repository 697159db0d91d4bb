"""The classroom notebooks: stored clean and paired, and each runs top to bottom offline.

The execution tests run every notebook with nbclient in a copy of ``notebooks/`` (so the
repository stays clean) and check the exported maps; the student notebook is also run with
papermill, through ``mapping notebook``, on an English article written for the purpose.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import time
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS_DIR = ROOT / "notebooks"
DATA = Path(__file__).resolve().parent / "data"

#: notebook -> the files it must export (relative to the notebook's folder)
EXPORTS = {
    "01_artikkel_til_kart.ipynb": ("kart/artikkelkart.html", "kart/kartfortelling.html"),
    "02_lederbesok.ipynb": ("kart/lederbesok.html",),
    "03_kystlose_sentral_asia.ipynb": ("kart/sentral-asia.html",),
    "04_din_egen_artikkel.ipynb": ("kart/artikkelkart.html", "kart/kartfortelling.html"),
}
NOTEBOOKS = sorted(EXPORTS)
MAX_SECONDS = 60


def _read(name: str) -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOKS_DIR / name, as_version=4)


def _code_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [c for c in nb.cells if c.cell_type == "code"]


# --------------------------------------------------------------------------- stored form


def test_the_four_notebooks_exist_and_nothing_else():
    assert sorted(p.name for p in NOTEBOOKS_DIR.glob("*.ipynb")) == NOTEBOOKS


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_is_committed_without_outputs(name):
    nb = _read(name)
    nbformat.validate(nb)
    for cell in _code_cells(nb):
        assert cell.outputs == [], f"{name}: a cell has outputs: {cell.source[:60]!r}"
        assert cell.execution_count is None, f"{name}: a cell has an execution count"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_is_paired_with_an_identical_percent_script(name):
    import jupytext

    nb = _read(name)
    assert nb.metadata["jupytext"]["formats"] == "ipynb,py:percent"
    assert nb.metadata["kernelspec"]["name"] == "python3"
    script = jupytext.read(NOTEBOOKS_DIR / name.replace(".ipynb", ".py"))

    def cells(notebook):
        return [(c.cell_type, c.source, tuple(c.metadata.get("tags", ()))) for c in notebook.cells]

    assert cells(script) == cells(nb)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_imports_are_all_in_the_first_code_cell(name):
    cells = _code_cells(_read(name))
    first = ast.parse(cells[0].source)
    assert first.body and all(isinstance(s, ast.Import | ast.ImportFrom) for s in first.body)
    for cell in cells[1:]:
        tree = ast.parse(cell.source)
        imports = [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]
        assert not imports, f"{name}: import outside the first cell: {cell.source[:60]!r}"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_cells_are_short_and_call_no_library_internals(name):
    for cell in _code_cells(_read(name)):
        lines = [ln for ln in cell.source.splitlines() if ln.strip()]
        assert len(lines) <= 10, f"{name}: long cell: {cell.source[:60]!r}"
        assert not re.search(r"\bmapping\.\w+\._|\b_\w+\(", cell.source), cell.source


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_prose_is_norwegian(name):
    prose = " ".join(c.source for c in _read(name).cells if c.cell_type == "markdown")
    words = re.findall(r"[a-zæøå]+", prose.lower())
    norwegian = sum(w in {"og", "i", "er", "på", "som", "ikke", "til", "med", "det"} for w in words)
    english = sum(w in {"the", "and", "is", "with", "this", "that"} for w in words)
    assert norwegian > 10 * max(english, 1)


def test_student_notebook_has_one_parameters_cell_naming_the_article():
    nb = _read("04_din_egen_artikkel.ipynb")
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    values = {}
    for node in ast.parse(tagged[0].source).body:
        assert isinstance(node, ast.Assign)
        values[node.targets[0].id] = ast.literal_eval(node.value)
    assert values["article"] == "artikler/putin-kasakhstan.nb.txt"
    assert (NOTEBOOKS_DIR / values["article"]).is_file()
    assert set(values) == {"article", "output_dir", "published"}


def test_sample_article_copy_matches_the_packaged_one():
    from mapping import sample_article

    copy = (NOTEBOOKS_DIR / "artikler" / "putin-kasakhstan.nb.txt").read_text(encoding="utf-8")
    assert copy == sample_article()


# --------------------------------------------------------------------------- execution


@pytest.fixture()
def workdir(tmp_path: Path) -> Path:
    """A copy of notebooks/ (notebooks and articles, no outputs) to run in."""
    # Matplotlib's first use on a machine builds its font cache and says so on stderr;
    # build it here, once, so the notebooks' outputs show only what the cells print.
    import matplotlib.font_manager  # noqa: F401

    for nb in NOTEBOOKS_DIR.glob("*.ipynb"):
        shutil.copy2(nb, tmp_path / nb.name)
    shutil.copytree(NOTEBOOKS_DIR / "artikler", tmp_path / "artikler")
    return tmp_path


def _problems(nb: nbformat.NotebookNode) -> list[str]:
    """Errors, tracebacks and anything written to stderr (warnings) in the outputs."""
    found = []
    for cell in _code_cells(nb):
        for out in cell.outputs:
            if out.output_type == "error":
                found.append(f"{out.ename}: {out.evalue}")
            elif out.output_type == "stream" and out.name == "stderr":
                found.append(out.text)
            text = out.get("text", "") + json.dumps(out.get("data", {}).get("text/plain", ""))
            if re.search(r"Traceback|\w+Warning\b", text):
                found.append(text[:300])
    return found


@pytest.mark.notebook
@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_top_to_bottom_offline(name, workdir):
    from nbclient import NotebookClient

    nb = nbformat.read(workdir / name, as_version=4)
    client = NotebookClient(
        nb,
        timeout=MAX_SECONDS,
        kernel_name="python3",
        resources={"metadata": {"path": str(workdir)}},
    )
    start = time.monotonic()
    client.execute()
    elapsed = time.monotonic() - start
    assert elapsed <= MAX_SECONDS, f"{name} took {elapsed:.0f} s"
    assert _problems(nb) == []
    for rel in EXPORTS[name]:
        exported = workdir / rel
        assert exported.is_file(), f"{name} did not write {rel}"
        page = exported.read_text(encoding="utf-8")
        assert page.lstrip().lower().startswith("<!doctype html")
        assert not re.search(r"<script[^>]+src=[\"']https?://", page), "page loads a CDN script"
    html_outputs = [
        out["data"]["text/html"]
        for cell in _code_cells(nb)
        for out in cell.outputs
        if "text/html" in out.get("data", {})
    ]
    assert any("<iframe" in h and "leaflet" in h.lower() for h in html_outputs), (
        "no map shown inline"
    )


@pytest.mark.notebook
@pytest.mark.slow
def test_article_notebook_maps_the_sample_articles_places(workdir):
    from nbclient import NotebookClient

    nb = nbformat.read(workdir / "01_artikkel_til_kart.ipynb", as_version=4)
    NotebookClient(
        nb, timeout=MAX_SECONDS, resources={"metadata": {"path": str(workdir)}}
    ).execute()
    page = (workdir / "kart" / "artikkelkart.html").read_text(encoding="utf-8")
    for label in ("Kasakhstan", "Usbekistan", "Russland", "Pakistan", "Gaza"):
        assert label in page


@pytest.mark.notebook
@pytest.mark.slow
def test_student_notebook_with_an_english_article_via_the_cli(tmp_path):
    from mapping.cli import main

    article = tmp_path / "zambia.txt"
    shutil.copy2(DATA / "english_article.txt", article)
    out = tmp_path / "elevkart"
    assert main(["notebook", str(article), "-o", str(out)]) == 0
    executed = nbformat.read(out / "04_din_egen_artikkel.ipynb", as_version=4)
    assert _problems(executed) == []
    injected = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and str(article) in injected[0].source
    page = (out / "artikkelkart.html").read_text(encoding="utf-8")
    for label in ("Zambia", "Angola", "Tanzania", "Lusaka", "Luanda"):
        assert label in page, label
    assert "Kasakhstan" not in page and "Kazakhstan" not in page
    assert (out / "kartfortelling.html").is_file()
