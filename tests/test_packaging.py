"""The project's packaging: environment.yml in step with pyproject.toml, clean notebooks."""

import json
import re
import tomllib
from pathlib import Path

import pytest
import yaml

import mapping

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_lists_every_runtime_and_notebook_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_name(r) for r in project["dependencies"]}
    wanted |= {_name(r) for r in project["optional-dependencies"]["notebooks"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = {_name(dep) for dep in env["dependencies"] if isinstance(dep, str)}
    missing = wanted - conda
    assert not missing, f"add to environment.yml: {sorted(missing)}"
    extra = conda - wanted - {"python", "pip"}
    assert not extra, f"environment.yml has packages pyproject.toml lacks: {sorted(extra)}"
    for core in ("jupyterlab", "geopandas", "folium", "geopy"):
        assert core in conda


def test_public_api_is_listed_in_all():
    for name in mapping.__all__:
        assert getattr(mapping, name) is not None, name


def test_import_does_not_load_geopandas():
    import subprocess
    import sys

    code = "import sys, mapping; mapping.geoparse; print('geopandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_notebooks_are_committed_without_outputs_and_paired():
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    for nb_path in notebooks:
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert cell.get("outputs") == [], f"{nb_path.name} has outputs"
                assert cell.get("execution_count") is None, f"{nb_path.name} has counts"
        paired = nb_path.with_suffix(".py")
        assert paired.exists(), f"{nb_path.name} has no jupytext py:percent pair"
        assert "# %%" in paired.read_text(encoding="utf-8")


MODULES = sorted(
    f"mapping.{p.stem}" for p in (ROOT / "src" / "mapping").glob("*.py") if p.stem != "__init__"
)


@pytest.mark.parametrize("module", MODULES)
def test_docstring_examples_run(module, tmp_path, monkeypatch):
    """Every public docstring example runs and prints what it shows (examples that write
    files, open a browser or need the network are marked +SKIP in the docstring)."""
    import doctest
    import importlib

    monkeypatch.chdir(tmp_path)
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} failing examples in {module}"
