"""Vendor the JavaScript/CSS assets that offline map exports inline.

Downloads pinned packages from the npm registry with ``npm pack`` (the ordinary
npm client), copies the few files the maps need plus each package's licence into
``src/mapping/assets/vendor/<package>/`` and writes ``MANIFEST.json`` listing
package, version, licence, tarball integrity and the SHA-256 of every copied file.

The result is committed, so a fresh install needs neither npm nor the network.
Run it again only to change a version::

    .venv/bin/python scripts/vendor_assets.py

Output is deterministic: the same pinned versions give byte-identical files.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "src" / "mapping" / "assets" / "vendor"

#: package, version, licence (SPDX), files to keep (paths inside the npm tarball's package/).
PACKAGES: list[tuple[str, str, str, tuple[str, ...]]] = [
    (
        "leaflet",
        "1.9.4",
        "BSD-2-Clause",
        (
            "LICENSE",
            "dist/leaflet.js",
            "dist/leaflet.css",
            "dist/images/layers.png",
            "dist/images/layers-2x.png",
            "dist/images/marker-icon.png",
            "dist/images/marker-icon-2x.png",
            "dist/images/marker-shadow.png",
        ),
    ),
    (
        "leaflet.fullscreen",
        "3.0.0",
        "MIT",
        ("LICENSE", "Control.FullScreen.js", "Control.FullScreen.css", "icon-fullscreen.svg"),
    ),
    # folium.Popup builds its content with jQuery: only inlined when a map uses it.
    ("jquery", "3.7.1", "MIT", ("LICENSE.txt", "dist/jquery.min.js")),
    (
        "leaflet-polylinedecorator",
        "1.6.0",
        "MIT",
        ("LICENSE", "dist/leaflet.polylineDecorator.js"),
    ),
    # folium.plugins.MarkerCluster (same version folium links).
    (
        "leaflet.markercluster",
        "1.1.0",
        "MIT",
        (
            "MIT-LICENCE.txt",
            "dist/leaflet.markercluster.js",
            "dist/MarkerCluster.css",
            "dist/MarkerCluster.Default.css",
        ),
    ),
    # folium.Icon markers: inlined only when a map uses them (no icon font is shipped).
    (
        "leaflet.awesome-markers",
        "2.0.5",
        "MIT",
        (
            "LICENSE",
            "dist/leaflet.awesome-markers.min.js",
            "dist/leaflet.awesome-markers.css",
            "dist/images/markers-soft.png",
            "dist/images/markers-soft@2x.png",
            "dist/images/markers-shadow.png",
            "dist/images/markers-shadow@2x.png",
        ),
    ),
]


def _npm_pack(spec: str, workdir: Path) -> tuple[Path, str]:
    """Fetch ``spec`` with ``npm pack``; return the tarball path and its integrity."""
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm is not installed: install Node.js/npm (apt-get install npm) and retry.")
    result = subprocess.run(
        [npm, "pack", "--json", spec],
        cwd=workdir,
        check=True,
        capture_output=True,
        text=True,
    )
    info = json.loads(result.stdout)[0]
    return workdir / info["filename"], info["integrity"]


def main() -> int:
    """Vendor every package of :data:`PACKAGES` and write the manifest."""
    manifest = []
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        for name, version, licence, files in PACKAGES:
            tarball, integrity = _npm_pack(f"{name}@{version}", tmpdir)
            target = VENDOR / name
            if target.exists():
                shutil.rmtree(target)
            kept = {}
            with tarfile.open(tarball) as tar:
                for rel in files:
                    member = tar.extractfile(f"package/{rel}")
                    if member is None:
                        sys.exit(f"{name}@{version}: {rel} missing from the tarball")
                    data = member.read()
                    out = target / Path(rel).name
                    out.parent.mkdir(parents=True, exist_ok=True)
                    out.write_bytes(data)
                    kept[Path(rel).name] = hashlib.sha256(data).hexdigest()
            manifest.append(
                {
                    "package": name,
                    "version": version,
                    "license": licence,
                    "source": f"https://registry.npmjs.org/{name}/-/{tarball.name}",
                    "integrity": integrity,
                    "files": dict(sorted(kept.items())),
                }
            )
            print(f"vendored {name}@{version} ({len(kept)} files)")
    (VENDOR / "MANIFEST.json").write_text(
        json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"wrote {VENDOR / 'MANIFEST.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
