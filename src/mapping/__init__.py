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
    # data types and errors
    "Place": "mapping.model",
    "Mention": "mapping.model",
    "errors": "mapping.errors",
    # text and articles
    "tokenize": "mapping.text",
    "sentences": "mapping.text",
    "read_article": "mapping.article",
    "sample_article": "mapping.article",
    "sample_article_path": "mapping.article",
    # geoparsing
    "places_frame": "mapping.geoparse",
    "unresolved": "mapping.geoparse",
    "detect_language": "mapping.geoparse",
    # gazetteer, geometry, geocoders
    "Gazetteer": "mapping.gazetteer",
    "load_gazetteer": "mapping.gazetteer",
    "countries": "mapping.geometry",
    "land": "mapping.geometry",
    "lakes": "mapping.geometry",
    "place_geometry": "mapping.geometry",
    "GazetteerGeocoder": "mapping.geocoder",
    "online_geocoder": "mapping.geocoder",
    # maps and export
    "article_map": "mapping.maps",
    "base_map": "mapping.maps",
    "country_layer": "mapping.maps",
    "add_legend": "mapping.maps",
    "add_unresolved_panel": "mapping.maps",
    "save_html": "mapping.export",
    "save_png": "mapping.export",
    # leader visits
    "Visit": "mapping.visits",
    "extract_visits": "mapping.visits",
    "visits_frame": "mapping.visits",
    "visits_from_frame": "mapping.visits",
    "load_leaders": "mapping.visits",
    "visits_map": "mapping.journeys",
    "add_visits": "mapping.journeys",
    # landlocked countries
    "landlocked_frame": "mapping.landlocked",
    "landlocked_map": "mapping.landlocked",
    # map story
    "Story": "mapping.story",
    "StoryStep": "mapping.story",
    "story_steps": "mapping.story",
    "story_map": "mapping.story",
    "save_story": "mapping.story",
    "landlocked_step": "mapping.story",
    # notebooks
    "load_article": "mapping.notebook",
    "show_map": "mapping.notebook",
    "export_map": "mapping.notebook",
    "article_widget": "mapping.notebook",
    "run_student_notebook": "mapping.notebook",
}

# A function named like its module must be bound eagerly: importing the submodule
# would otherwise rebind ``mapping.geoparse`` to the module. geoparse imports no heavy
# package at module level.
from mapping.geoparse import geoparse as geoparse  # noqa: E402

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
