"""The main job: every output for the embedded sample article, written to one folder."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from mapping._io import atomic_write

__all__ = ["run_demo", "SAMPLE_PUBLISHED"]

#: Publication date of the embedded sample article (NTB, Thursday 9 November 2023).
SAMPLE_PUBLISHED = _dt.date(2023, 11, 9)


def run_demo(output: Path, *, text: str | None = None, lang: str | None = None) -> list[Path]:
    """Write the places table, GeoJSON, maps and story of an article (default: the sample).

    Returns the paths written, in order.

    Examples
    --------
    >>> paths = run_demo(Path("output"))  # doctest: +SKIP
    """
    from mapping.article import sample_article
    from mapping.export import save_html
    from mapping.geoparse import detect_language, flat_places, geoparse, places_frame
    from mapping.journeys import visits_map
    from mapping.landlocked import landlocked_frame, landlocked_map
    from mapping.maps import article_map
    from mapping.story import save_story, story_map
    from mapping.visits import extract_visits, visits_frame

    published = SAMPLE_PUBLISHED if text is None else None
    text = sample_article() if text is None else text
    lang = lang or detect_language(text)
    output.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def write(name: str, data: str) -> None:
        written.append(atomic_write(output / name, data.encode("utf-8")))

    mentions = geoparse(text, lang=lang)
    places = flat_places(places_frame(mentions, lang=lang))
    write("places.csv", places.drop(columns="geometry").to_csv(index=False))
    write("places.geojson", places.to_json(indent=1, ensure_ascii=False, drop_id=True) + "\n")

    written.append(
        save_html(article_map(mentions, text=text, lang=lang), output / "article_map.html")
    )

    visits = extract_visits(text, lang=lang, published=published)
    write("visits.csv", visits_frame(visits, lang=lang).to_csv(index=False))
    written.append(save_html(visits_map(visits, lang=lang), output / "visits_map.html"))

    land = landlocked_frame()
    central = land[land["iso_a2"].isin(["KZ", "KG", "TJ", "TM", "UZ"])].drop(columns="geometry")
    write("central_asia_landlocked.csv", central.to_csv(index=False))
    written.append(
        save_html(landlocked_map("Central Asia", lang=lang), output / "central_asia_map.html")
    )

    story = story_map(text, lang=lang, published=published)
    written.append(save_story(story, output / "story.html"))
    return [Path(p) for p in written]
