"""Project hygiene: pyproject and environment.yml agree; the package stays light."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _name(req: str) -> str:
    return re.split(r"[<>=!~ \[]", req.strip(), maxsplit=1)[0].lower()


def _pyproject() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = data["dependencies"] + data["optional-dependencies"]["test"]
    return {_name(r): r.replace(" ", "") for r in reqs}


def _environment() -> dict[str, str]:
    deps = {}
    for line in (ROOT / "environment.yml").read_text().splitlines():
        m = re.match(r"^(?:  |      )- ([A-Za-z0-9_.\-]+[<>=!~].*)$", line)
        if m and not m.group(1).startswith("python"):
            deps[_name(m.group(1))] = m.group(1).replace(" ", "")
    return deps


def test_environment_yml_mirrors_pyproject():
    assert _environment() == _pyproject()


def test_lower_bounds_only():
    for req in _pyproject().values():
        assert "==" not in req and "<" not in req, req


def test_import_does_not_load_plotting_or_widgets():
    code = ("import sys, speedfirst; "
            "print(sorted(m for m in ('plotly', 'ipywidgets') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
