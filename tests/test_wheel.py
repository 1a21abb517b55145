"""The wheel is the product: built, installed in a fresh venv, it serves the dashboard.

A fresh venv gets only the wheel (``--no-deps --no-index``); the heavy
dependencies (pandas, Voila, ...) come from this environment through a ``.pth``
line, and Voila's base templates through ``JUPYTER_PATH``. A ``.pth`` file
inside that directory is not processed from there, so the source checkout's
editable install stays out of reach: the speedfirst the server and its
kernels import is the wheel's.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w",
                    str(tmp / "dist"), str(ROOT)], check=True, timeout=600)
    (wheel,) = (tmp / "dist").glob("speedfirst-*.whl")
    env_dir = tmp / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()"
                           "['purelib'])"], capture_output=True, text=True, check=True)
    deps = sysconfig.get_paths()["purelib"]
    (Path(site.stdout.strip()) / "speedfirst_test_deps.pth").write_text(deps + "\n")
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    str(wheel)], check=True, timeout=300)
    return wheel, env_dir


def test_wheel_holds_the_notebooks_the_template_and_the_licence(installed):
    wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for nb in ("dashboard", "explore", "periodization"):
        assert f"speedfirst/notebooks/{nb}.ipynb" in names
    template = "speedfirst/share/voila/templates/speedfirst-offline/"
    for part in ("index.html.j2", "session_watch.js", "session_watch.css", "conf.json"):
        assert template + part in names
    assert any(n.endswith("LICENSE") for n in names)
    assert "speedfirst/plan/build.py" in names and "speedfirst/widgets/dashboard.py" in names
    assert "speedfirst/widgets/static/chart.js" in names  # the chart widget's front end
    assert "speedfirst/figures/narrow.js" in names  # its phone layout, shared with /plan
    assert "speedfirst/share/kernels/python3/kernel.json" in names  # the debugger-free kernel


def test_installed_wheel_serves_the_dashboard(installed, tmp_path):
    _, env_dir = installed
    python = env_dir / "bin" / "python"
    where = subprocess.run([str(python), "-c", "import speedfirst; print(speedfirst.__file__)"],
                           capture_output=True, text=True, check=True, cwd=tmp_path)
    assert where.stdout.strip().startswith(str(env_dir))  # the wheel's, not the checkout's
    port = _free_port()
    server = subprocess.Popen(
        [str(env_dir / "bin" / "speedfirst"), "dashboard", "--port", str(port)],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
        # Voila's own base templates are data files of this environment's Voila
        env={**os.environ, "HOME": str(tmp_path),
             "JUPYTER_PATH": str(Path(sys.prefix) / "share" / "jupyter")})
    try:
        page = ""
        deadline = time.monotonic() + 120  # bounds the wait; a slow machine only waits longer
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=60) as r:
                    assert r.status == 200
                    page = r.read().decode("utf-8")
                break
            except (ConnectionError, urllib.error.URLError):
                assert server.poll() is None, server.stdout.read()
                time.sleep(0.5)
        assert "speedfirst dashboard" in page  # the notebook's title, rendered
        assert "application/vnd.jupyter.widget-view+json" in page  # the Dashboard widget
        assert "sf-session-ended" in page  # the package's template, with its script
        assert "cdn.jsdelivr.net" not in page  # ... and without the CDN stylesheets
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:  # Voila waits for its kernels; do not wait longer
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=15)
