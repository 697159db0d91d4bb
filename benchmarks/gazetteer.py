"""Benchmark the embedded gazetteer: load time, size, name coverage and point accuracy.

Run from the repository root::

    .venv/bin/python benchmarks/gazetteer.py [--quick] [--missed N]

Prints:

* load time of ``load_gazetteer()`` in a fresh process (median of runs; target <= 0.25 s),
  and of ``geometry.countries()``;
* the size of ``geodata/``;
* coverage: the share of gold place names that ``lookup`` finds, on NorNE nb/nn dev
  (GPE_LOC + GPE_ORG + LOC spans; also after stripping a genitive -s) and GeoVirus;
* on GeoVirus, Acc@161km and the median error of the first candidate (geodesic).

The corpora are read from ../shared/corpora (or $MAPPING_CORPORA); when absent, the
corpus figures are skipped with a message.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = Path(os.environ.get("MAPPING_CORPORA", ROOT.parent / "shared" / "corpora"))
PLACE_TAGS = ("GPE_LOC", "GPE_ORG", "LOC")


def fresh(code: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return float(out.stdout.strip().splitlines()[-1])


def timings(runs: int) -> None:
    load = (
        "import time, mapping.gazetteer as G\n"
        "t = time.perf_counter(); g = G.load_gazetteer(); g.lookup('Oslo')\n"
        "print(time.perf_counter() - t)"
    )
    both = (
        "import time; t = time.perf_counter()\n"
        "import mapping.gazetteer as G; G.load_gazetteer().lookup('Oslo')\n"
        "print(time.perf_counter() - t)"
    )
    keys = (
        "import time, mapping.gazetteer as G\n"
        "t = time.perf_counter(); G.load_gazetteer().name_keys()\n"
        "print(time.perf_counter() - t)"
    )
    geom = (
        "import time, mapping.geometry as M\n"
        "t = time.perf_counter(); M.countries(detail='110m')\n"
        "print(time.perf_counter() - t)"
    )
    for label, code in [
        ("load_gazetteer() + first lookup", load),
        ("import mapping.gazetteer + load + lookup", both),
        ("load_gazetteer() + name_keys()", keys),
        ("geometry.countries(detail='110m') (incl. geopandas import)", geom),
    ]:
        values = [fresh(code) for _ in range(runs)]
        print(f"{label:58s} median {statistics.median(values):.3f} s (n={runs})")
    from mapping.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    names = [n for p in gaz.places("country") for n in gaz.names(p)][:2000]
    t = time.perf_counter()
    for name in names:
        gaz.lookup(name)
    dt = time.perf_counter() - t
    print(f"{'lookup() throughput':58s} {len(names) / dt:,.0f} names/s")
    size = sum(p.stat().st_size for p in (ROOT / "geodata").iterdir() if p.is_file())
    print(
        f"{'geodata/ size':58s} {size / 1e6:.2f} MB; gazetteer: {len(gaz)} places, "
        f"{len(gaz.name_keys())} keys, max_tokens={gaz.max_tokens}"
    )


def norne_spans(path: Path) -> list[str]:
    """Gold place spans of a NorNE CoNLL-U file, as surface strings."""
    spans, current = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            if current:
                spans.append(current)
            current = None
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        tag = re.search(r"name=([BIO])-?([A-Z_]*)", cols[9])
        bio, label = (tag.group(1), tag.group(2)) if tag else ("O", "")
        if bio == "B" or (bio == "I" and current is None):
            if current:
                spans.append(current)
            current = cols[1] if label in PLACE_TAGS else None
        elif bio == "I" and current is not None:
            current += " " + cols[1]
        else:
            if current:
                spans.append(current)
            current = None
    if current:
        spans.append(current)
    return spans


def coverage(gaz, names: list[str], missed: int, label: str) -> None:
    exact = [n for n in names if gaz.lookup(n)]
    strip = [n for n in names if gaz.lookup(n) or (n.endswith("s") and gaz.lookup(n[:-1]))]
    print(
        f"{label:28s} gold place spans {len(names):5d}  found {len(exact) / len(names):.3f}"
        f"  (+genitive -s stripped {len(strip) / len(names):.3f})"
    )
    if missed:
        miss = Counter(n for n in names if n not in set(strip))
        print(
            "   most frequent misses:", ", ".join(f"{n} ({c})" for n, c in miss.most_common(missed))
        )


def geovirus(gaz, missed: int) -> None:
    from geopy.distance import geodesic

    root = ET.parse(CORPORA / "geovirus" / "GeoVirus.xml").getroot()
    gold = [
        (loc.findtext("name"), float(loc.findtext("lat")), float(loc.findtext("lon")))
        for loc in root.iter("location")
    ]
    coverage(gaz, [g[0] for g in gold], missed, "GeoVirus")
    point_errors, center_errors = [], []
    for name, lat, lon in gold:
        found = gaz.lookup(name)
        if found:
            point_errors.append(geodesic((lat, lon), found[0].latlon).km)
            center_errors.append(geodesic((lat, lon), gaz.center(found[0])).km)
    for label, errors in [("Place point", point_errors), ("Gazetteer.center", center_errors)]:
        acc = sum(e <= 161 for e in errors) / len(errors)
        print(
            f"{'GeoVirus 1st cand. ' + label:28s} Acc@161km {acc:.3f}  median error "
            f"{statistics.median(errors):.0f} km  (over {len(errors)} found names)"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer timing runs")
    parser.add_argument("--missed", type=int, default=0, help="print the N most frequent misses")
    args = parser.parse_args(argv)
    timings(3 if args.quick else 7)
    if not CORPORA.is_dir():
        print(f"corpora not found at {CORPORA}: coverage figures skipped")
        return 0
    from mapping.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    for lang, file in [("nb", "no_bokmaal-ud-dev.conllu"), ("nn", "no_nynorsk-ud-dev.conllu")]:
        path = CORPORA / "norne" / file
        if path.exists():
            coverage(gaz, norne_spans(path), args.missed, f"NorNE {lang} dev")
    if (CORPORA / "geovirus" / "GeoVirus.xml").exists():
        geovirus(gaz, args.missed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
