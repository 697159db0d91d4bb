"""Benchmark the leader-visit extractor on the annotated articles in tests/data/visits.

A predicted visit is correct when its leader (surname), leader country and destination
country all match a gold visit of the same article; each (leader, destination country) pair
counts once. Articles marked "heldout" in their JSON were written after the rules were
tuned on the others ("dev") and are reported apart; an article's "set" field (e.g. "blind":
written by a second author before reading the rules) names its own group. Prints precision, recall and F1 overall, per language and per article, the
status and date agreement on the matched visits, and the time per article.

Run: .venv/bin/python benchmarks/visits.py [--verbose] [--prefix blind-]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "visits"


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.casefold())
    return "".join(c for c in s if not unicodedata.combining(c)).replace("ø", "o")


def same_leader(gold: str, pred: str, gold_country: str, pred_country: str) -> bool:
    """Same person: same country and the gold surname in the predicted name (or the
    prediction names nobody: "Brasils president")."""
    if gold_country != pred_country:
        return False
    g, p = fold(gold).split(), fold(pred)
    # a one-word name ("Mary") names somebody: only a role phrase is "nobody"
    return any(tok in p.split() for tok in g if len(tok) > 2) or (
        " " in pred.strip() and not any(c.isupper() for c in pred[1:])
    )


def load_cases(prefix: str = "") -> list[tuple[str, dict, str]]:
    cases = []
    for jp in sorted(DATA.glob(f"{prefix}*.json")):
        gold = json.loads(jp.read_text(encoding="utf-8"))
        src = ROOT / gold["source"] if "source" in gold else jp.with_suffix(".txt")
        cases.append((jp.stem, gold, src.read_text(encoding="utf-8")))
    return cases


def score(verbose: bool = False, prefix: str = "") -> dict[str, float]:
    from mapping.visits import extract_visits

    totals = {"all": [0, 0, 0]}
    status_ok = status_n = 0
    t_total = 0.0
    rows = []
    for name, gold, text in load_cases(prefix):
        t0 = time.perf_counter()
        pred = extract_visits(text, lang=gold["lang"], published=gold["published"])
        t_total += time.perf_counter() - t0
        gold_pairs = {}
        for g in gold["visits"]:
            gold_pairs.setdefault((g["leader"], g["leader_country"], g["destination_country"]), g)
        pred_pairs = {}
        for v in pred:
            key = (v.leader, v.leader_country, v.destination.country_code)
            pred_pairs.setdefault(key, v)
        matched_gold = set()
        tp = 0
        fps = []
        for (pl, pc, pd), v in pred_pairs.items():
            hit = next(
                (
                    k
                    for k in gold_pairs
                    if k not in matched_gold and k[2] == pd and same_leader(k[0], pl, k[1], pc)
                ),
                None,
            )
            if hit is None:
                fps.append(f"FP {pl} {pc}->{pd}")
                continue
            matched_gold.add(hit)
            tp += 1
            status_n += 1
            status_ok += v.status == gold_pairs[hit]["status"]
            if v.status != gold_pairs[hit]["status"]:
                fps.append(
                    f"(status) {pl} ->{pd}: {v.status} != {gold_pairs[hit]['status']}"
                    f" [{v.when_text}]"
                )
        fns = [f"{k[0]} {k[1]}->{k[2]}" for k in gold_pairs if k not in matched_gold]
        fp, fn = len(pred_pairs) - tp, len(gold_pairs) - tp

        split = gold.get("set") or ("heldout" if gold.get("heldout") else "dev")
        for key in ("all", gold["lang"], split):
            t = totals.setdefault(key, [0, 0, 0])
            t[0] += tp
            t[1] += fp
            t[2] += fn
        rows.append((name, tp, fp, fn, fps, fns))
    print(f"{'article':34s} {'tp':>3s} {'fp':>3s} {'fn':>3s}")
    for name, tp, fp, fn, fps, fns in rows:
        print(f"{name:34s} {tp:3d} {fp:3d} {fn:3d}")
        if verbose:
            for s in fps:
                print(f"    {s}")
            for s in fns:
                print(f"    FN {s}")
    out = {}
    print()
    for key, (tp, fp, fn) in totals.items():
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(
            f"{key:7s} visits: precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  (tp {tp}, fp {fp}, fn {fn})"
        )
        out[key] = f
        if key == "all":
            out.update(precision=p, recall=r)
    if status_n:
        print(
            f"status agreement on matched visits: {status_ok}/{status_n} = {status_ok / status_n:.3f}"
        )
    print(
        f"articles: {len(rows)}; mean time per article {1000 * t_total / max(1, len(rows)):.0f} ms "
        "(first includes loading the gazetteer and tagger)"
    )
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", "-v", action="store_true", help="list false positives/negatives")
    ap.add_argument(
        "--prefix", default="", help="score only articles whose file name starts with this"
    )
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"no annotated articles in {DATA}; nothing to score")
        return 0
    score(verbose=args.verbose, prefix=args.prefix)
    return 0


if __name__ == "__main__":
    sys.exit(main())
