"""Huge articles: geoparse time and peak memory for 1, 5 and 10 MB of text (linear, bounded).

Each size runs in a fresh process. The text is NorNE Bokmål dev sentences (from
``../shared/corpora``), each line numbered so that no sentence repeats (repeated sentences
are dropped as captions); without the corpora, the embedded sample article's sentences.

    .venv/bin/python benchmarks/huge_text.py
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NORNE = ROOT.parent / "shared" / "corpora" / "norne" / "no_bokmaal-ud-dev.conllu"

_CHILD = """
import json, resource, sys, time
from pathlib import Path
from mapping import geoparse, sample_article
from mapping.text import sentences
size, norne = int(sys.argv[1]), Path(sys.argv[2])
if norne.exists():
    lines = [l[9:].strip() for l in norne.read_text(encoding="utf-8").splitlines()
             if l.startswith("# text = ")]
else:
    lines = sentences(sample_article())
parts, n, i = [], 0, 0
while n < size:
    s = f"Del {i}: {lines[i % len(lines)]}\\n"
    parts.append(s); n += len(s); i += 1
text = "".join(parts)
geoparse("Oslo", lang="nb")
t = time.perf_counter()
mentions = geoparse(text, lang="nb")
dt = time.perf_counter() - t
print(json.dumps({"chars": len(text), "seconds": dt, "mentions": len(mentions),
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> int:
    print(f"source: {'NorNE nb dev' if NORNE.exists() else 'sample article (no ../shared)'}")
    print(f"{'MB':>4} {'seconds':>8} {'chars/s':>10} {'mentions':>9} {'peak MB':>8}")
    for mb in (1, 5, 10):
        out = subprocess.run(
            [sys.executable, "-c", _CHILD, str(mb * 1_000_000), str(NORNE)],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(out.stdout)
        print(
            f"{mb:>4} {r['seconds']:>8.1f} {r['chars'] / r['seconds']:>10,.0f} "
            f"{r['mentions']:>9} {r['maxrss_mb']:>8.0f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
