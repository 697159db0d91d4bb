"""Benchmark mapping.landlocked: timing of ``landlocked_frame()`` and the distance table.

Run from the repository root::

    .venv/bin/python benchmarks/landlocked.py [--runs N]

Prints:

* the time of the first ``landlocked_frame()`` call in a fresh process (median of ``--runs``
  processes), split into (a) the call with nothing loaded but the Python libraries imported,
  which includes reading the geometry and the gazetteer, and (b) the analysis alone, with
  geometry and gazetteer already loaded; target <= 2 s;
* the cached call (median of 200 calls; target <= 50 ms);
* the building time and HTML size of the Central Asia map;
* the distance table for the five Central Asian states, and the landlocked counts.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = """
import json, time
import geopandas, shapely, pyproj, pandas, numpy  # library imports are not timed
preload = {preload}
if preload:
    from mapping import geometry
    from mapping.gazetteer import load_gazetteer
    load_gazetteer(); geometry.countries(detail="50m"); geometry.land(detail="50m")
from mapping.landlocked import landlocked_frame
t, c = time.perf_counter(), time.process_time()
landlocked_frame()
print(json.dumps([time.perf_counter() - t, time.process_time() - c]))
"""


def fresh(preload: bool) -> tuple[float, float]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD.format(preload=preload)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if out.returncode:
        sys.exit(f"the timing process failed:\n{out.stderr}")
    wall, cpu = json.loads(out.stdout.strip().splitlines()[-1])
    return float(wall), float(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per timing")
    args = parser.parse_args()

    print(f"load average (1 min) {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    first = [fresh(False) for _ in range(args.runs)]
    analysis = [fresh(True) for _ in range(args.runs)]
    for label, runs in (
        ("landlocked_frame() first call, fresh process  ", first),
        ("  of which the analysis (geometry preloaded) ", analysis),
    ):
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        print(f"{label}: {wall:6.2f} s wall, {cpu:5.2f} s CPU  (target <= 2 s)")

    from mapping.export import save_html
    from mapping.landlocked import landlocked_frame, landlocked_map, ports

    landlocked_frame()
    times = []
    for _ in range(200):
        t = time.perf_counter()
        landlocked_frame()
        times.append(time.perf_counter() - t)
    print(
        f"landlocked_frame() cached call, median of 200  : {statistics.median(times) * 1000:6.2f} ms"
        "  (target <= 50 ms)"
    )

    t = time.perf_counter()
    m = landlocked_map("Central Asia", lang="nb", tiles=None)
    with tempfile.TemporaryDirectory() as tmp:
        path = save_html(m, Path(tmp) / "central-asia.html")
        size = path.stat().st_size
    print(
        f"landlocked_map('Central Asia') build + save   : {time.perf_counter() - t:6.2f} s, "
        f"{size / 1e6:.2f} MB HTML"
    )

    frame = landlocked_frame()
    port_names = {p.id: p.name_en for p in ports()}
    print()
    print("Distances to the sea, geodesic km (Natural Earth 1:50m coast; the Caspian is a lake)")
    header = f"{'country':<13}{'capital':<10}{'capital->sea':>13}{'border->sea':>12}  nearest port"
    print(header)
    print("-" * (len(header) + 20))
    for code in ("KZ", "KG", "TJ", "TM", "UZ"):
        row = frame.loc[code]
        port = f"{port_names[row['nearest_port']]} ({row['capital_to_port_km']:,.0f} km)"
        print(
            f"{row['name']:<13}{row['capital']:<10}{row['capital_to_coast_km']:>13,.0f}"
            f"{row['border_to_coast_km']:>12,.0f}  {port}"
        )
    print()
    landlocked = frame[frame["landlocked"]]
    print(
        f"landlocked: {int(landlocked['recognised'].sum())} recognised states "
        f"(+ {', '.join(sorted(landlocked.index[~landlocked['recognised']]))}); "
        f"doubly landlocked: {', '.join(sorted(frame.index[frame['doubly_landlocked']]))}"
    )


if __name__ == "__main__":
    main()
