"""Notebook hygiene: every notebook in speedfirst/notebooks/ is thin and stored clean.

Running them is nbval's job (``pytest --nbval-lax notebooks/``); this module
checks what is stored:

* code cells define no functions, classes or lambdas (logic belongs in the
  package, where it is tested), run to at most :data:`MAX_LINES` lines and
  are plain Python (no magics);
* no cell carries CSS (``<style``);
* nothing is stored from a run: no outputs, no execution counts, no widget
  state;
* the teaching notebooks keep their shape (numbered sections, each ending
  with a question to try; pinned dates; exports to a temporary folder).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest

from speedfirst.serve import NOTEBOOKS_DIR

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
MAX_LINES = 15
FORBIDDEN_NODES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def problems(nb: nbformat.NotebookNode) -> list[str]:
    """Every rule a notebook breaks, one line each (empty when it is clean)."""
    found = []
    if "widgets" in nb.metadata:
        found.append("notebook metadata holds widget state")
    for i, cell in enumerate(nb.cells):
        where = f"cell {i} ({cell.cell_type})"
        if "<style" in cell.source.lower():
            found.append(f"{where}: contains CSS (<style)")
        if cell.cell_type != "code":
            continue
        if cell.get("outputs"):
            found.append(f"{where}: stored with outputs")
        if cell.get("execution_count") is not None:
            found.append(f"{where}: stored with an execution count")
        lines = cell.source.splitlines()
        if len(lines) > MAX_LINES:
            found.append(f"{where}: {len(lines)} lines (at most {MAX_LINES})")
        try:
            tree = ast.parse(cell.source)
        except SyntaxError as exc:
            found.append(f"{where}: not plain Python ({exc.msg})")
            continue
        for node in ast.walk(tree):
            if isinstance(node, FORBIDDEN_NODES):
                kind = type(node).__name__
                found.append(f"{where}: defines a {kind} on line {node.lineno}")
    return found


def read(path: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    return nb


def test_the_notebooks_are_there():
    names = {p.name for p in NOTEBOOKS}
    assert {"dashboard.ipynb", "explore.ipynb", "periodization.ipynb"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_thin_and_clean(path):
    nb = read(path)
    assert problems(nb) == []
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    assert any(c.cell_type == "markdown" for c in nb.cells)


# --------------------------------------------------------------------------
# the checker itself
# --------------------------------------------------------------------------
def _nb(*sources: str, **code_fields) -> nbformat.NotebookNode:
    cells = [nbformat.v4.new_markdown_cell("# t")]
    for s in sources:
        cell = nbformat.v4.new_code_cell(s)
        cell.update(code_fields)
        cells.append(cell)
    return nbformat.v4.new_notebook(cells=cells)


@pytest.mark.parametrize(("source", "expected"), [
    ("def f():\n    return 1", "FunctionDef"),
    ("async def f():\n    return 1", "AsyncFunctionDef"),
    ("class A:\n    pass", "ClassDef"),
    ("f = lambda x: x", "Lambda"),
    ("x = [\n" + "1,\n" * 15 + "]", "lines"),
    ("from IPython.display import HTML\nHTML('<style>p {}</style>')", "CSS"),
    ("%matplotlib inline", "not plain Python"),
])
def test_checker_catches(source, expected):
    found = problems(_nb(source))
    assert len(found) == 1 and expected in found[0], found


def test_checker_catches_stored_runs():
    out = nbformat.v4.new_output("stream", name="stdout", text="1\n")
    found = problems(_nb("print(1)", outputs=[out], execution_count=3))
    assert any("outputs" in f for f in found) and any("execution count" in f for f in found)
    nb = _nb("x = 1")
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {}}
    assert problems(nb) == ["notebook metadata holds widget state"]
    md = nbformat.v4.new_markdown_cell("<STYLE>h1 {color: red}</STYLE>")
    assert problems(nbformat.v4.new_notebook(cells=[md])) == [
        "cell 0 (markdown): contains CSS (<style)"]


def test_checker_accepts_a_thin_notebook():
    assert problems(_nb("import speedfirst as sf", "plan = sf.build_plan()\nplan")) == []


# --------------------------------------------------------------------------
# the teaching notebooks keep their shape
# --------------------------------------------------------------------------
def _sections(nb: nbformat.NotebookNode) -> dict[str, list[nbformat.NotebookNode]]:
    sections: dict[str, list[nbformat.NotebookNode]] = {}
    current = None
    for cell in nb.cells:
        m = re.match(r"## (\d+)\. ", cell.source) if cell.cell_type == "markdown" else None
        if m:
            current = m.group(1)
            sections[current] = []
        if current is not None:
            sections[current].append(cell)
    return sections


def test_periodization_has_seven_sections_each_ending_with_a_question():
    nb = read(NOTEBOOKS_DIR / "periodization.ipynb")
    sections = _sections(nb)
    assert list(sections) == [str(i) for i in range(1, 8)]
    for number, cells in sections.items():
        questions = [c for c in cells if c.cell_type == "markdown" and "**Try:**" in c.source]
        assert len(questions) == 1, f"section {number}"
        last_md = [c for c in cells if c.cell_type == "markdown"][-1]
        assert last_md is questions[0], f"section {number} does not end with its question"
        assert "?" in questions[0].source.split("**Try:**")[1]
    # every section's interactive figure is a tab of the one widget the notebook shows
    # (Voila loses widgets displayed by later cells; see speedfirst.widgets.lessons.tabs)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert code.count("lessons.course(") == 1
    from speedfirst.widgets import lessons

    tab = lessons.course()
    assert len(tab.children) == 7
    assert [tab.get_title(i)[0] for i in range(7)] == [str(i) for i in range(1, 8)]


def test_each_notebook_displays_one_widget():
    builders = re.compile(r"lessons\.(tabs|course)\(|Dashboard\.from_request\(")
    single = re.compile(r"^lessons\.(two_ways|specificity|speed_reserve|rep_volume|eighty_twenty|"
                        r"taper_form|model_offsets|what_if|chart)\(")
    for path in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        code = [c.source for c in read(path).cells if c.cell_type == "code"]
        assert sum(len(builders.findall(s)) for s in code) == 1, path.name
        for s in code:
            assert not single.match(s.strip().splitlines()[-1]), (path.name, s)
