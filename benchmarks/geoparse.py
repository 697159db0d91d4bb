"""Benchmark the geoparser on NorNE (nb, nn dev) and GeoVirus (en), against geotext and flashgeotext.

Run from the project root::

    .venv/bin/python benchmarks/geoparse.py            # everything (about 2 minutes)
    .venv/bin/python benchmarks/geoparse.py --quick    # a subset, for a quick look
    .venv/bin/python benchmarks/geoparse.py --corpus geovirus

Prints, per corpus, P/R/F1 with exact and overlap span matching, for us and for the two
baselines (and the ratio ours / theirs), Acc@161km and the median error of the resolved places
(GeoVirus), throughput in characters per second, load time (import + first call, in a fresh
process) and peak memory (max RSS of a fresh process that geoparses the whole NorNE Bokmål dev).

Place metric on NorNE (the issue's): a predicted place span is correct when it exactly matches
(or, for the overlap variant, overlaps) a gold GPE_LOC, GPE_ORG or LOC span; precision =
correct / predicted; recall = gold GPE_LOC + GPE_ORG spans matched / all such gold spans.

The corpora are read from ``../shared/corpora`` (or ``--corpora``); without them the benchmark
prints a message and exits 0. They are never copied into the project.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mapping.tagger import bio_spans

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora"
PLACE_TYPES = ("GPE_LOC", "GPE_ORG", "LOC")
RECALL_TYPES = ("GPE_LOC", "GPE_ORG")

# A prediction: (start, end, resolved mapping.model.Place or None)
Pred = tuple[int, int, Any]


@dataclass
class Doc:
    text: str
    gold: list[tuple[int, int, str]]  # (start, end, type) ; type "place" for GeoVirus
    points: list[tuple[float, float] | None]  # gold (lat, lon) per gold span (GeoVirus)


# --------------------------------------------------------------------------------------------
# Corpora
# --------------------------------------------------------------------------------------------


def read_conllu(path: Path) -> list[Doc]:
    """NorNE CoNLL-U dev file -> one Doc per sentence (its ``# text``), gold spans by offsets."""
    docs: list[Doc] = []
    text = ""
    toks: list[tuple[str, str]] = []

    def flush() -> None:
        pos = 0
        offs = []
        for form, _ in toks:
            i = text.find(form, pos)
            i = pos if i < 0 else i
            offs.append((i, i + len(form)))
            pos = i + len(form)
        labels = [tag for _, tag in toks]
        spans = [(offs[a][0], offs[b - 1][1], typ) for a, b, typ in bio_spans(labels)]
        docs.append(Doc(text, spans, [None] * len(spans)))

    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("# text = "):
                text = line[9:]
            elif line.startswith("#"):
                continue
            elif not line.strip():
                if toks:
                    flush()
                toks = []
            else:
                cols = line.split("\t")
                if "-" in cols[0] or "." in cols[0]:
                    continue
                tag = next((x[5:] for x in cols[9].split("|") if x.startswith("name=")), "O")
                toks.append((cols[1], tag))
    if toks:
        flush()
    return docs


def read_geovirus(path: Path) -> list[Doc]:
    """GeoVirus XML -> Docs; the gold offsets run one character late, so realign to the name."""
    docs = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        gold, points = [], []
        for loc in art.iter("location"):
            name = loc.findtext("name") or ""
            start = int(loc.findtext("start") or 0)
            for d in (-1, 0, -2, 1, 2):
                if text[start + d : start + d + len(name)] == name:
                    start += d
                    break
            else:
                continue
            gold.append((start, start + len(name), "place"))
            points.append((float(loc.findtext("lat")), float(loc.findtext("lon"))))
        docs.append(Doc(text, gold, points))
    return docs


# --------------------------------------------------------------------------------------------
# Systems
# --------------------------------------------------------------------------------------------


def ours(lang: str) -> tuple[str, Callable[[str], list[Pred]]]:
    """mapping.geoparse.geoparse if it works, else mapping.tagger.tag (flagged)."""
    try:
        from mapping.geoparse import geoparse

        geoparse("Putin er på besøk i Kasakhstan.", lang="nb")

        def run(text: str) -> list[Pred]:
            return [
                (m.start, m.end, m.place)
                for m in geoparse(text, lang=lang, skip_furniture=False)
                if m.kind == "place"
            ]

        return "mapping.geoparse", run
    except Exception as exc:  # noqa: BLE001 - fall back to the tagger, and say so
        print(f"  !! geoparse unavailable ({type(exc).__name__}: {exc}); scoring tagger.tag only")
        from mapping.tagger import tag

        def run_tag(text: str) -> list[Pred]:
            return [(s.start, s.end, None) for s in tag(text, lang=lang) if s.label == "place"]

        return "mapping.tagger.tag (FALLBACK: no resolution)", run_tag


def geotext_system() -> tuple[str, Callable[[str], list[Pred]]]:
    import re

    from geotext import GeoText

    index = GeoText.index
    city_regex = re.compile(r"[A-ZÀ-Ú]+[a-zà-ú]+[ \-]?(?:d[a-u].)?(?:[A-ZÀ-Ú]+[a-zà-ú]+)*")

    def run(text: str) -> list[Pred]:
        found = GeoText(text)  # the library's own extraction (names only, no offsets)
        wanted = {c.lower() for c in found.countries} | {c.lower() for c in found.cities}
        out = []
        for m in city_regex.finditer(text):  # the same regex, for the offsets
            cand = m.group().strip()
            if cand.lower() in wanted and (
                cand.lower() in index.countries or cand.lower() in index.cities
            ):
                out.append((m.start(), m.start() + len(cand), None))
        return out

    return "geotext", run


def flashgeotext_system() -> tuple[str, Callable[[str], list[Pred]]]:
    import logging

    logging.getLogger("flashgeotext").setLevel(logging.ERROR)
    from flashgeotext.geotext import GeoText

    engine = GeoText()

    def run(text: str) -> list[Pred]:
        out = []
        for group in engine.extract(input_text=text, span_info=True).values():
            for meta in group.values():
                out.extend((a, b, None) for a, b in meta["span_info"])
        return out

    return "flashgeotext", run


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _prf(c: int, p: int, rc: int, g: int) -> tuple[float, float, float]:
    prec = c / p if p else 0.0
    rec = rc / g if g else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def score(docs: list[Doc], preds: list[list[Pred]]) -> dict[str, float]:
    ex_c = ov_c = n_pred = ex_r = ov_r = n_gold = 0
    errors: list[float] = []
    area_errors: list[float] = []
    center_errors: list[float] = []
    for doc, pred in zip(docs, preds, strict=True):
        place_gold = [(a, b) for a, b, t in doc.gold if t in PLACE_TYPES or t == "place"]
        rec_idx = [k for k, (_, _, t) in enumerate(doc.gold) if t in RECALL_TYPES or t == "place"]
        spans = [(a, b) for a, b, _ in pred]
        n_pred += len(spans)
        gold_set = set(place_gold)
        ex_c += sum(s in gold_set for s in spans)
        ov_c += sum(any(_overlaps(s, g) for g in place_gold) for s in spans)
        span_set = set(spans)
        for k in rec_idx:
            g = doc.gold[k][:2]
            n_gold += 1
            ex_r += g in span_set
            hits = [p for p in pred if _overlaps((p[0], p[1]), g)]
            if hits:
                ov_r += 1
                if doc.points[k] is not None and hits[0][2] is not None:
                    km = _km(doc.points[k], hits[0][2])
                    errors.append(km)
                    area_errors.append(0.0 if _inside(doc.points[k], hits[0][2]) else km)
                    center_errors.append(_center_km(doc.points[k], hits[0][2], km))
    p, r, f = _prf(ex_c, n_pred, ex_r, n_gold)
    op, orr, of = _prf(ov_c, n_pred, ov_r, n_gold)
    out = {"P": p, "R": r, "F1": f, "oP": op, "oR": orr, "oF1": of, "pred": n_pred, "gold": n_gold}
    if errors:
        out["acc161"] = sum(e <= 161 for e in errors) / len(errors)
        out["median_km"] = statistics.median(errors)
        out["resolved"] = len(errors)
        out["acc161_area"] = sum(e <= 161 for e in area_errors) / len(area_errors)
        out["acc161_center"] = sum(e <= 161 for e in center_errors) / len(center_errors)
        out["median_km_center"] = statistics.median(center_errors)
    return out


def _km(point: tuple[float, float], place: Any) -> float:
    from geopy.distance import geodesic

    return geodesic(point, (place.lat, place.lon)).km


_AREA_KINDS = ("country", "union", "region", "continent")


def _center_km(point: tuple[float, float], place: Any, km: float) -> float:
    """Distance to the middle of a country's main landmass (Gazetteer.center), if available."""
    try:
        from geopy.distance import geodesic

        from mapping.gazetteer import load_gazetteer

        center = load_gazetteer().center(place)
    except Exception:  # noqa: BLE001 - older gazetteer without center(): use the point
        return km
    return geodesic(point, center).km if center else km


def _inside(point: tuple[float, float], place: Any) -> bool:
    """True when the gold (lat, lon) lies in the resolved country/region polygon (50m)."""
    if place.kind not in _AREA_KINDS:
        return False
    try:
        from shapely.geometry import Point

        from mapping.geometry import place_geometry

        shape = _shape_cache.get(place.id)
        if shape is None and place.id not in _shape_cache:
            shape = _shape_cache[place.id] = place_geometry(place, detail="50m")
        return shape is not None and shape.contains(Point(point[1], point[0]))
    except Exception:  # noqa: BLE001 - geometry is optional for this benchmark
        return False


_shape_cache: dict[str, Any] = {}


def run_system(
    run: Callable[[str], list[Pred]], docs: list[Doc], *, as_one: bool
) -> tuple[list[list[Pred]], float, float | None]:
    """Predictions per doc, chars/s of that first pass (cold caches, one call per text) and,
    for NorNE, chars/s of the whole dev set as one long article (no per-call overhead)."""
    t0 = time.perf_counter()
    preds = [run(d.text) for d in docs]
    elapsed = time.perf_counter() - t0
    first = sum(len(d.text) for d in docs) / elapsed if elapsed > 0 else float("inf")
    one: float | None = None
    if as_one:
        big = "\n".join(d.text for d in docs)
        t0 = time.perf_counter()
        run(big)
        elapsed = time.perf_counter() - t0
        one = len(big) / elapsed if elapsed > 0 else float("inf")
    return preds, first, one


def _speed(first: float, one: float | None) -> str:
    s = f"{first:,.0f} chars/s (first pass, one call per text)"
    if one is not None:
        s += f"; {one:,.0f} chars/s (whole set as one text)"
    return s


def fmt(res: dict[str, float]) -> str:
    s = (
        f"exact P={res['P']:.3f} R={res['R']:.3f} F1={res['F1']:.3f} | "
        f"overlap P={res['oP']:.3f} R={res['oR']:.3f} F1={res['oF1']:.3f} "
        f"(pred {res['pred']}, gold {res['gold']})"
    )
    if "acc161" in res:
        s += (
            f" | Acc@161km={res['acc161']:.3f} median={res['median_km']:.1f} km"
            f" (n={res['resolved']}, the Place point);"
            f" Acc@161km counting a gold point inside the resolved country/region polygon as 0 km"
            f"={res['acc161_area']:.3f}; with Gazetteer.center for countries:"
            f" Acc@161km={res['acc161_center']:.3f} median={res['median_km_center']:.1f} km"
        )
    return s


# --------------------------------------------------------------------------------------------
# Fresh-process measurements
# --------------------------------------------------------------------------------------------

_LOAD_SNIPPET = """
import json, sys, time
sys.path.insert(0, {src!r})
t = time.perf_counter()
try:
    from mapping.geoparse import geoparse
    geoparse("Putin er på besøk i Kasakhstan.", lang="nb")
    what = "geoparse"
except Exception:
    from mapping.tagger import tag
    tag("Putin er på besøk i Kasakhstan.", lang="nb")
    what = "tagger"
print(json.dumps({{"load_s": time.perf_counter() - t, "what": what}}))
"""

_MEM_SNIPPET = """
import json, resource, sys
sys.path.insert(0, {src!r})
sys.path.insert(0, {bench!r})
from geoparse import read_conllu
from pathlib import Path
text = "\\n".join(d.text for d in read_conllu(Path({path!r})))
try:
    from mapping.geoparse import geoparse
    geoparse(text, lang="nb")
except Exception:
    from mapping.tagger import tag
    tag(text, lang="nb")
print(json.dumps({{"maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def fresh(snippet: str, **kw: str) -> dict:
    code = snippet.format(src=str(ROOT / "src"), bench=str(ROOT / "benchmarks"), **kw)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT
    )
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1:]}
    return json.loads(out.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------------------------


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Geoparser benchmark (see module docstring).")
    ap.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    ap.add_argument("--quick", action="store_true", help="a subset of every corpus, no baselines")
    ap.add_argument(
        "--corpus", choices=("all", "nb", "nn", "geovirus"), default="all", help="which corpus"
    )
    args = ap.parse_args(list(argv) if argv is not None else None)
    corpora: Path = args.corpora
    if not (corpora / "norne").is_dir() and not (corpora / "geovirus").is_dir():
        print(f"corpora not found at {corpora}; nothing to benchmark (skipped).")
        return 0

    sets: list[tuple[str, str, list[Doc]]] = []
    wanted = ("nb", "nn", "geovirus") if args.corpus == "all" else (args.corpus,)
    files = {
        "nb": corpora / "norne" / "no_bokmaal-ud-dev.conllu",
        "nn": corpora / "norne" / "no_nynorsk-ud-dev.conllu",
        "geovirus": corpora / "geovirus" / "GeoVirus.xml",
    }
    for name in wanted:
        path = files[name]
        if not path.is_file():
            print(f"{path} not found; {name} skipped.")
            continue
        docs = read_geovirus(path) if name == "geovirus" else read_conllu(path)
        if args.quick:
            docs = docs[: 60 if name == "geovirus" else 600]
        sets.append((name, "en" if name == "geovirus" else name, docs))

    baselines = [] if args.quick else [geotext_system(), flashgeotext_system()]
    for name, lang, docs in sets:
        print(f"\n== {name} ({len(docs)} texts, {sum(len(d.text) for d in docs)} chars)")
        label, run = ours(lang)
        preds, cps, cps_one = run_system(run, docs, as_one=name != "geovirus")
        mine = score(docs, preds)
        print(f"  ours [{label}]: {fmt(mine)}")
        print(f"  ours throughput: {_speed(cps, cps_one)}")
        for bname, brun in baselines:
            bpreds, bcps, bcps_one = run_system(brun, docs, as_one=name != "geovirus")
            theirs = score(docs, bpreds)
            print(f"  {bname}: {fmt(theirs)}")
            print(f"  {bname} throughput: {_speed(bcps, bcps_one)}")
            ratios = ", ".join(
                f"{k} {mine[k] / theirs[k]:.2f}" if theirs[k] else f"{k} inf" for k in ("F1", "oF1")
            )
            print(f"  ratio ours/{bname}: {ratios}, speed {cps / bcps:.2f}")

    load = fresh(_LOAD_SNIPPET)
    print(f"\nload time (fresh process, import + first call): {load}")
    if files["nb"].is_file():
        mem = fresh(_MEM_SNIPPET, path=str(files["nb"]))
        print(f"peak memory (fresh process, whole nb dev as one text): {mem}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
