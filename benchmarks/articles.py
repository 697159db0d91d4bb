"""Benchmark the geoparser on whole pasted news articles with gold place lists (tests/data/places).

Each article (``*.txt``) has a JSON beside it, written by a second author who never read the
geoparser's rules: every distinct surface form that names a place (``text``, as written, e.g.
"Russlands"), its kind, country and an approximate point, and what looks like a place but is
not (surnames, agencies, photo credits). The articles carry real page furniture: bylines,
photo credits, repeated captions, ad markers and teasers.

Scored per distinct surface form, as a teacher sees the places table:

- found: precision, recall and F1 of the place forms ``mapping.geoparse`` returns (page
  furniture skipped, demonyms not counted), against the gold forms; the same for geotext and
  flashgeotext in the same run (their forms are the text of their spans), and the ratios;
- resolved: the share of correctly found forms whose place is the right one: a country with
  the gold country code; any other place with the gold English name, or within 161 km of the
  gold point (within 400 km for states, regions, seas and continents, whose gold points are
  approximate middles).

A place named only in a teaser line ("Les også: ...", "Read more: ...", a link to another
article, which the toolkit drops as page furniture) is not scored. An English genitive counts as its name ("Norway's" and "Norway" are one form), as in GeoVirus.

Run: .venv/bin/python benchmarks/articles.py [--verbose] [--prefix places1-nb]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
DATA = ROOT / "tests" / "data" / "places"
# "Les også: ..." / "Read more: ..." link to other articles: page furniture, not scored
_TEASER_RE = re.compile(r"(?im)^(?:les også|les òg|read more|read also|see also):.*$")
_AREAS = ("admin", "region", "sea", "continent", "union", "island")


def load_cases(prefix: str = "") -> list[tuple[str, dict, str]]:
    """(name, gold JSON, article text) for every annotated article, sorted by name."""
    return [
        (
            jp.stem,
            json.loads(jp.read_text(encoding="utf-8")),
            jp.with_suffix(".txt").read_text("utf-8"),
        )
        for jp in sorted(DATA.glob(f"{prefix}*.json"))
    ]


def _ours(text: str, lang: str) -> dict[str, Any]:
    """Each place form ``mapping.geoparse`` finds (furniture skipped), with its place."""
    from mapping.geoparse import geoparse

    out: dict[str, Any] = {}
    for m in geoparse(text, lang=lang):
        if m.kind == "place":
            out.setdefault(m.text, m.place)
    return out


def _peer(make: Callable[[], tuple[str, Callable[[str], list[Any]]]]) -> Callable[[str], dict]:
    _, run = make()
    return lambda text: {text[a:b]: None for a, b, _ in run(text)}


def _form(text: str) -> str:
    """English genitives count as the name: "Norway's" is found when "Norway" is."""
    for apo in ("'s", "’s", "'", "’"):
        if text.endswith(apo) and len(text) > len(apo) + 1:
            return text[: -len(apo)]
    return text


def _right_place(gold: dict, place: Any) -> bool:
    from geopy.distance import geodesic

    if place is None:
        return False
    if gold["kind"] == "country":
        return place.kind == "country" and place.country_code == gold.get("country_code")
    names = {place.name.casefold(), *(label.casefold() for _, label in place.labels)}
    if str(gold.get("name_en", "")).casefold() in names:
        return True  # a sea or a continent has no one middle: its name says enough
    km = geodesic((gold["lat"], gold["lon"]), (place.lat, place.lon)).km
    return km <= (400 if gold["kind"] in _AREAS else 161)


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(*, verbose: bool = False, prefix: str = "", peers: bool = True) -> dict[str, float]:
    """Print the figures (overall, per language, per article) and return the overall ones."""
    from geoparse import flashgeotext_system, geotext_system

    systems: dict[str, Callable[[str, str], dict]] = {"ours": _ours}
    if peers:
        for name, make in (("geotext", geotext_system), ("flashgeotext", flashgeotext_system)):
            run = _peer(make)
            systems[name] = lambda t, lang, run=run: run(t)
    systems["ours"]("Putin er i Astana.", "nb")  # load once: speed is per article, warm
    totals: dict[tuple[str, str], list[int]] = {}
    resolved = [0, 0]
    seconds = chars = 0.0
    for name, gold, text in load_cases(prefix):
        body = _TEASER_RE.sub("", text)
        gold_forms = {
            _form(g["text"]): g
            for g in gold["places"]
            if re.search(rf"(?<!\w){re.escape(g['text'])}(?!\w)", body)
        }
        for sys_name, run in systems.items():
            t0 = time.perf_counter()
            pred = {_form(f): p for f, p in run(text, gold["lang"]).items()}
            if sys_name == "ours":
                seconds += time.perf_counter() - t0
                chars += len(text)
            tp = [f for f in pred if f in gold_forms]
            for group in ("all", gold["lang"]):
                t = totals.setdefault((sys_name, group), [0, 0, 0])
                t[0] += len(tp)
                t[1] += len(pred)
                t[2] += len(gold_forms)
            if sys_name != "ours":
                continue
            right = [f for f in tp if _right_place(gold_forms[f], pred[f])]
            resolved[0] += len(right)
            resolved[1] += len(tp)
            p, r, f1 = _prf(len(tp), len(pred), len(gold_forms))
            print(f"  {name}: P {p:.2f} R {r:.2f} F1 {f1:.2f}; resolved {len(right)}/{len(tp)}")
            if verbose:
                for f in sorted(set(gold_forms) - set(pred)):
                    print(f"      missed  {f!r} ({gold_forms[f]['kind']})")
                for f in sorted(set(pred) - set(gold_forms)):
                    place = pred[f]
                    print(f"      extra   {f!r} -> {place.name if place else None}")
                for f in sorted(set(tp) - set(right)):
                    place = pred[f]
                    where = (
                        f"{place.name} ({place.kind}, {place.country_code})" if place else "None"
                    )
                    print(f"      wrong   {f!r} -> {where}")
    out: dict[str, float] = {}
    print()
    for (sys_name, group), (tp, n_pred, n_gold) in sorted(totals.items()):
        p, r, f1 = _prf(tp, n_pred, n_gold)
        out[f"{sys_name}_{group}_f1"] = f1
        print(f"{sys_name:12} {group:3}  P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  ({n_gold} gold forms)")
    if peers:
        for group in sorted({g for _, g in totals}):
            mine = out[f"ours_{group}_f1"]
            ratios = ", ".join(
                f"{peer} x{mine / out[f'{peer}_{group}_f1']:.2f}"
                for peer in ("geotext", "flashgeotext")
                if out.get(f"{peer}_{group}_f1")
            )
            print(f"F1 ratio ours/peer, {group}: {ratios}")
    if resolved[1]:
        out["resolved"] = resolved[0] / resolved[1]
        print(f"resolved to the right place: {resolved[0]}/{resolved[1]} = {out['resolved']:.3f}")
    if seconds:
        print(f"speed (ours, one call per article): {chars / seconds:,.0f} chars/s")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--verbose", "-v", action="store_true", help="list misses, extras, wrong places"
    )
    ap.add_argument("--prefix", default="", help="only articles whose file name starts so")
    ap.add_argument("--no-peers", action="store_true", help="skip geotext and flashgeotext")
    args = ap.parse_args()
    if not DATA.is_dir() or not any(DATA.glob("*.json")):
        print(f"no annotated articles in {DATA}; nothing to benchmark.")
        return 0
    score(verbose=args.verbose, prefix=args.prefix, peers=not args.no_peers)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
