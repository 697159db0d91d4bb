"""The ``mapping`` command line: places, maps, visits, landlocked, story, notebook, demo."""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mapping.errors import MappingError

__all__ = ["main"]


def _read(source: str) -> str:
    from mapping.article import read_article

    return read_article(source)


def _lang(args: argparse.Namespace, text: str) -> str:
    from mapping.geoparse import detect_language

    return args.lang or detect_language(text)


def _atomic_write_text(path: Path, data: str) -> None:
    from mapping._io import atomic_write

    atomic_write(path, data.encode("utf-8"))


def _emit(data: str, output: str | None) -> None:
    if output and output != "-":
        _atomic_write_text(Path(output), data)
        print(f"wrote {output}", file=sys.stderr)
    else:
        sys.stdout.write(data)
        if not data.endswith("\n"):
            sys.stdout.write("\n")


def _places_output(mentions: list[Any], fmt: str, lang: str) -> str:
    from mapping.geoparse import flat_places, places_frame, unresolved

    flat = flat_places(places_frame(mentions, lang=lang))
    if fmt == "geojson":
        return flat.to_json(indent=2, ensure_ascii=False, drop_id=True) + "\n"
    plain = flat.drop(columns=["geometry"])
    if fmt == "csv":
        return plain.to_csv(index=False)
    if fmt == "json":
        records = plain.to_dict(orient="records")
        data = {"places": records, "unresolved": unresolved(mentions)}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    table = plain[["label", "kind", "country_code", "lat", "lon", "mentions", "forms"]]
    lines = table.to_string(index=False, float_format=lambda x: f"{x:.3f}")
    names = unresolved(mentions)
    if names:
        lines += "\n\nUnresolved: " + ", ".join(names)
    return lines + "\n"


def _cmd_places(args: argparse.Namespace) -> int:
    from mapping.geoparse import geoparse

    text = _read(args.article)
    lang = _lang(args, text)
    mentions = geoparse(text, lang=lang)
    _emit(_places_output(mentions, args.format, lang), args.output)
    return 0


def _cmd_map(args: argparse.Namespace) -> int:
    from mapping.export import save_html, save_png
    from mapping.geoparse import geoparse
    from mapping.maps import article_map

    text = _read(args.article)
    lang = _lang(args, text)
    mentions = geoparse(text, lang=lang)
    m = article_map(mentions, text=text, lang=lang, online_tiles=args.online_tiles)
    if args.visits:
        from mapping.journeys import add_visits
        from mapping.visits import extract_visits

        add_visits(m, extract_visits(text, lang=lang, published=args.published), lang=lang)
    save_html(m, args.output)
    print(f"wrote {args.output}", file=sys.stderr)
    if args.png:
        save_png(m, args.png)
        print(f"wrote {args.png}", file=sys.stderr)
    return 0


def _cmd_visits(args: argparse.Namespace) -> int:
    from mapping.visits import extract_visits, visits_frame

    text = _read(args.article)
    lang = _lang(args, text)
    visits = extract_visits(text, lang=lang, published=args.published)
    df = visits_frame(visits, lang=lang)
    if args.format == "csv":
        data = df.to_csv(index=False)
    elif args.format == "json":
        data = df.to_json(orient="records", force_ascii=False, indent=2, date_format="iso") + "\n"
    else:
        columns = ["leader", "role", "leader_country", "status", "origin", "destination"]
        columns += ["when_text", "date", "confidence"]
        shown = df[[c for c in columns if c in df.columns]]
        data = shown.to_string(index=False) + "\n" if len(df) else "No visits found.\n"
    _emit(data, args.output)
    return 0


def _cmd_landlocked(args: argparse.Namespace) -> int:
    from mapping.export import save_html
    from mapping.landlocked import landlocked_map

    region: Any = args.region
    if "," in region or (len(region) == 2 and region.isupper()):
        region = [c.strip() for c in region.split(",") if c.strip()]
    m = landlocked_map(region, lang=args.lang or "nb")
    save_html(m, args.output)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def _cmd_story(args: argparse.Namespace) -> int:
    from mapping.story import save_story, story_map

    text = _read(args.article)
    lang = _lang(args, text)
    story = story_map(text, lang=lang, published=args.published)
    save_story(story, args.output)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def _cmd_notebook(args: argparse.Namespace) -> int:
    from mapping.notebook import run_student_notebook

    out = run_student_notebook(args.article, Path(args.output))
    print(f"wrote {out}", file=sys.stderr)
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from mapping.demo import run_demo

    for path in run_demo(Path(args.output)):
        print(f"wrote {path}")
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="mapping",
        description="Turn a news article into classroom maps (Norwegian Bokmål, Nynorsk, English).",
    )
    sub = p.add_subparsers(dest="command", required=True)

    def article_cmd(name: str, help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_, description=help_)
        sp.add_argument("article", help="article file (.txt or .html), or - for standard input")
        sp.add_argument(
            "--lang", choices=["nb", "nn", "en"], help="article language (default: detect)"
        )
        return sp

    sp = article_cmd("places", "List the places an article mentions.")
    sp.add_argument("--format", choices=["table", "json", "csv", "geojson"], default="table")
    sp.add_argument("-o", "--output", help="write to this file instead of standard output")
    sp.set_defaults(func=_cmd_places)

    sp = article_cmd("map", "Make the article's map as a standalone HTML file.")
    sp.add_argument("-o", "--output", required=True, help="HTML file to write")
    sp.add_argument("--png", help="also save a PNG picture (needs Chromium)")
    sp.add_argument(
        "--online-tiles",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="offer online map tiles on top of the offline base map (default: yes)",
    )
    sp.add_argument("--visits", action="store_true", help="draw the leader visits too")
    sp.add_argument("--published", help="the article's date, YYYY-MM-DD (for --visits)")
    sp.set_defaults(func=_cmd_map)

    sp = article_cmd("visits", "List the leader visits an article reports.")
    sp.add_argument("--published", help="the article's date, YYYY-MM-DD, to resolve 'torsdag'")
    sp.add_argument("--format", choices=["table", "json", "csv"], default="table")
    sp.add_argument("-o", "--output", help="write to this file instead of standard output")
    sp.set_defaults(func=_cmd_visits)

    sp = sub.add_parser("landlocked", help="Map landlocked countries and their way to the sea.")
    sp.add_argument(
        "--region",
        default="Central Asia",
        help='"Central Asia", "Africa", "South America", "Europe" or ISO codes "KZ,UZ"',
    )
    sp.add_argument("--lang", choices=["nb", "nn", "en"], default="nb")
    sp.add_argument("-o", "--output", required=True, help="HTML file to write")
    sp.set_defaults(func=_cmd_landlocked)

    sp = article_cmd("story", "Make a step-by-step map story of the article (one HTML file).")
    sp.add_argument("-o", "--output", required=True, help="HTML file to write")
    sp.add_argument("--published", help="the article's date, YYYY-MM-DD")
    sp.set_defaults(func=_cmd_story)

    sp = sub.add_parser("notebook", help="Run the student notebook on an article.")
    sp.add_argument("article", help="article file")
    sp.add_argument("-o", "--output", default="notebook-output", help="folder to write to")
    sp.set_defaults(func=_cmd_notebook)

    sp = sub.add_parser("demo", help="Run everything on the embedded sample article.")
    sp.add_argument("-o", "--output", default="output", help="folder to write to (default: output)")
    sp.set_defaults(func=_cmd_demo)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 2 a problem with the input)."""
    args = _parser().parse_args(argv)
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        try:
            return int(args.func(args) or 0)
        except MappingError as exc:
            print(f"mapping: error: {exc}", file=sys.stderr)
            return 2
        except BrokenPipeError:  # pragma: no cover - e.g. piped into head
            return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
