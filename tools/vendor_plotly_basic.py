"""Fetch plotly.js's official "basic" bundle (bar, scatter, pie) into the package.

The dashboard's charts use only bar and scatter traces, and the full plotly.js
that the jupyterlab-plotly extension brings (4.8 MB) took about 1.2 s to load
and evaluate in Chromium on our 2-core machine, against about 0.3 s for the
basic bundle (1.2 MB), on the main thread of every page load. So speedfirst
ships the basic bundle of the same plotly.js version that the installed plotly
package pairs with.

Run ``make vendor-plotly`` after upgrading plotly: it reads that version from
plotly (``plotly.offline.get_plotlyjs_version()``), downloads the
``plotly.js-basic-dist-min`` package of that version from the npm registry,
checks the tarball against the registry's sha512 integrity, and writes the
bundle, its licence and ``plotly-basic.json`` (version and integrity) next to
the Voila template's other static files. Nothing here runs at install or test
time: the files are committed.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import sys
import tarfile
import urllib.request

from plotly.offline import get_plotlyjs_version

from speedfirst.figures import PLOTLY_BASIC_JS
from speedfirst.io.files import atomic_write, bytes_writer

PACKAGE = "plotly.js-basic-dist-min"
REGISTRY = "https://registry.npmjs.org"
STATIC = PLOTLY_BASIC_JS.parent


def fetch(version: str) -> dict[str, bytes]:
    """The bundle, licence and metadata of ``PACKAGE`` at ``version``, integrity checked."""
    with urllib.request.urlopen(f"{REGISTRY}/{PACKAGE}/{version}", timeout=60) as r:
        meta = json.load(r)
    dist = meta["dist"]
    algorithm, _, expected = dist["integrity"].partition("-")
    if algorithm != "sha512":
        raise SystemExit(f"unexpected integrity algorithm {algorithm!r} for {PACKAGE}@{version}")
    with urllib.request.urlopen(dist["tarball"], timeout=120) as r:
        tarball = r.read()
    got = base64.b64encode(hashlib.sha512(tarball).digest()).decode("ascii")
    if got != expected:
        raise SystemExit(f"{PACKAGE}@{version}: sha512 {got} does not match the registry's "
                         f"{expected}")
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as tar:
        def member(name: str) -> bytes:
            f = tar.extractfile(f"package/{name}")
            if f is None:
                raise SystemExit(f"{PACKAGE}@{version} has no {name}")
            return f.read()

        bundle, licence = member("plotly-basic.min.js"), member("LICENSE")
    info = {"package": PACKAGE, "version": version, "integrity": dist["integrity"],
            "tarball": dist["tarball"]}
    return {"plotly-basic.min.js": bundle, "plotly-basic.LICENSE.txt": licence,
            "plotly-basic.json": (json.dumps(info, indent=2) + "\n").encode("utf-8")}


def main() -> int:
    version = get_plotlyjs_version()
    files = fetch(version)
    STATIC.mkdir(parents=True, exist_ok=True)
    atomic_write({STATIC / name: bytes_writer(data) for name, data in files.items()})
    print(f"{PACKAGE}@{version} -> {STATIC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
