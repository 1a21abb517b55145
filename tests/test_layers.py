"""The architecture holds: imports point down the layers, no cycles, pure layers stay light.

The layers are those of the README's "How the code is laid out". Every
``import`` and ``from ... import`` in the package is read with :mod:`ast`,
function-level ones included (a lazy import is still an arrow); imports under
``if TYPE_CHECKING:`` are annotations only and are skipped.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "speedfirst"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("version", "units", "errors", "text"),
    ("limits",),
    ("results",),
    ("equivalence", "vickers_range", "vickers", "readiness", "mileage", "zones",
     "critical_speed", "training_load"),
    ("templates",),
    ("plan",),
    ("analysis",),
    ("io",),
    ("figures",),
    ("report", "downloads"),
    ("widgets",),
    ("readonly",),
    ("cli", "serve", "front", "kernel"),
)
"""Top-level modules and packages of speedfirst, lowest layer first."""
PURE_LAYERS = 8
"""The first layers (up to ``io``) never import plotly or ipywidgets."""
HEAVY = ("plotly", "ipywidgets")


def _layer(top: str) -> int:
    for i, names in enumerate(LAYERS):
        if top in names:
            return i
    raise AssertionError(f"speedfirst.{top} is in no layer: add it to LAYERS and the README")


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[str, int]]:
    """(imported module, line) for every runtime import in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip |= {id(n) for child in node.body for n in ast.walk(child)}
    package = _module_name(path).rsplit(".", 0 if path.name == "__init__.py" else 1)[0]
    out = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1]
                                + ([base] if base else []))
            out.append((base, node.lineno))
            if base in ("speedfirst", "speedfirst.widgets", "speedfirst.io"):  # submodules
                out += [(f"{base}.{a.name}", node.lineno) for a in node.names]
    return out


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))
SUBMODULES = {p.stem for p in PACKAGE.glob("*.py")} | {
    d.name for d in PACKAGE.iterdir() if (d / "__init__.py").exists()}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module_name(p))
def test_imports_point_down_the_layers(path):
    me = _module_name(path)
    if me == "speedfirst":
        return  # the package's public API re-exports from the pure layers
    mine = _layer(me.split(".")[1])
    for target, line in _imports(path):
        if not target.startswith("speedfirst."):
            continue
        top = target.split(".")[1]
        if top == "__init__" or target == "speedfirst":
            raise AssertionError(f"{me}:{line} imports the package root")
        if top not in SUBMODULES:
            continue  # a name imported from the package root, e.g. a function
        assert _layer(top) <= mine, f"{me}:{line} imports {target}, a higher layer"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module_name(p))
def test_pure_layers_do_not_import_plotly_or_ipywidgets(path):
    me = _module_name(path)
    if me == "speedfirst" or _layer(me.split(".")[1]) >= PURE_LAYERS:
        return
    for target, line in _imports(path):
        assert target.split(".")[0] not in HEAVY, f"{me}:{line} imports {target}"


def test_no_import_cycles():
    graph: dict[str, set[str]] = {}
    names = {_module_name(p) for p in MODULES}
    for path in MODULES:
        me = _module_name(path)
        graph[me] = set()
        for target, _ in _imports(path):
            while target and target not in names:
                target = target.rpartition(".")[0]
            # a package's __init__ re-exporting its own modules is not a cycle
            if target and target != me and not me.startswith(target + "."):
                graph[me].add(target)
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt):], nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)


def test_the_test_can_fail(tmp_path, monkeypatch):
    """A module of a low layer that imports a high one is caught."""
    bad = PACKAGE / "units.py"
    fake = tmp_path / "speedfirst" / "units.py"
    fake.parent.mkdir()
    fake.write_text(bad.read_text() + "\nfrom speedfirst.widgets import dashboard\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", tmp_path / "speedfirst")
    with pytest.raises(AssertionError, match="higher layer"):
        test_imports_point_down_the_layers(fake)
