"""mapping: turn a news article into interactive classroom maps.

The public API is re-exported here. Heavy modules (geopandas, folium) are imported
lazily, on first use of a name that needs them, so ``from mapping import geoparse``
stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# name -> module that defines it
_EXPORTS: dict[str, str] = {
    "Place": "mapping.model",
    "Mention": "mapping.model",
    "errors": "mapping.errors",
    "tokenize": "mapping.text",
    "sentences": "mapping.text",
    "read_article": "mapping.article",
    "sample_article": "mapping.article",
    "sample_article_path": "mapping.article",
    "places_frame": "mapping.geoparse",
    "unresolved": "mapping.geoparse",
    "detect_language": "mapping.geoparse",
}

# A function named like its module must be bound eagerly: importing the submodule
# would otherwise rebind ``mapping.geoparse`` to the module. geoparse imports no heavy
# package at module level.
from mapping.geoparse import geoparse  # noqa: E402

__all__ = sorted([*_EXPORTS, "geoparse"]) + ["__version__"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'mapping' has no attribute {name!r}")
    if name == module.rsplit(".", 1)[-1]:
        value: Any = importlib.import_module(module)
    else:
        value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
