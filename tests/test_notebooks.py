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
    # each section shows its own figure: one lesson widget, after the section's
    # prose and before its question (the lessons read top to bottom)
    for number, cells in sections.items():
        shown = [i for i, c in enumerate(cells) if c.cell_type == "code"
                 and LESSON_CALL.match(c.source.strip().splitlines()[-1])]
        assert len(shown) == 1, f"section {number}"
        question = next(i for i, c in enumerate(cells) if "**Try:**" in c.source)
        assert 0 < shown[0] < question, f"section {number}"


LESSON_CALL = re.compile(r"^lessons\.(two_ways|specificity|speed_reserve|rep_volume|"
                         r"eighty_twenty|taper_form|model_offsets|what_if|chart)\(")


def test_no_reader_facing_cell_asserts():
    # the facts nbval and test_notebook_facts check are outputs a reader can see
    for path in NOTEBOOKS:
        for cell in read(path).cells:
            if cell.cell_type == "code":
                nodes = ast.walk(ast.parse(cell.source))
                assert not any(isinstance(n, ast.Assert) for n in nodes), (path.name, cell.source)


def test_explore_shows_each_chart_in_its_step():
    nb = read(NOTEBOOKS_DIR / "explore.ipynb")
    sections = _sections(nb)
    charts = {n: sum(bool(LESSON_CALL.match(c.source.strip().splitlines()[-1]))
                     for c in cells if c.cell_type == "code") for n, cells in sections.items()}
    # goal check, pace zones, ramp + intensity, what-if: each under its own heading
    assert charts == {"1": 0, "2": 0, "3": 1, "4": 1, "5": 0, "6": 2, "7": 1, "8": 0}


# --------------------------------------------------------------------------
# the facts a reader sees printed (nbval runs the notebooks; this reads them)
# --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def ran():
    """Each teaching notebook executed once, as a reader's kernel runs it."""
    from nbclient import NotebookClient

    done = {}
    for name in ("explore.ipynb", "periodization.ipynb"):
        nb = read(NOTEBOOKS_DIR / name)
        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(NOTEBOOKS_DIR)}}).execute()
        done[name] = nb
    return done


def _shown(nb: nbformat.NotebookNode, source_part: str) -> str:
    """Everything the one code cell containing ``source_part`` printed or showed as text."""
    cells = [c for c in nb.cells if c.cell_type == "code" and source_part in c.source]
    assert len(cells) == 1, source_part
    parts = []
    for out in cells[0].outputs:
        parts.append(out.get("text", "") if out.output_type == "stream"
                     else out.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


def test_explore_prints_the_published_numbers(ran):
    nb = ran["explore.ipynb"]
    spread = _shown(nb, "model_disagreement(")
    rows = {line.split()[1]: line.split()[2:] for line in spread.splitlines()[1:]}
    # Daniels & Gilbert from the nearer race, the 37:40 10K (VDOT 55.7): 2:53:58,
    # between the published tables' VDOT 55 and 56 marathons; nothing modelled where raced
    assert rows["marathon"][0] == "2:53:58"
    assert rows["10K"][:3] == ["37:40"] * 3
    goal = _shown(nb, "sf.assess_goal(")
    assert "verdict: stretch" in goal
    built = _shown(nb, "sf.build_plan(race_date")
    assert built.startswith("21 weeks, first week starting 07 Dec 2026, last day: race")
    assert _shown(nb, "written = sorted(").strip() == \
        "['plan.csv', 'plan.html', 'plan.ics', 'plan.weeks.csv']"


def test_periodization_prints_the_worked_case(ran):
    nb = ran["periodization.ipynb"]
    worked = _shown(nb, "worked = sf.assess_goal(")
    assert "verdict: not yet realistic" in worked
    # 2:35:00 needs a 16:10 5K: the Daniels equivalent of a 2:35 marathon
    assert "5K that would make 2:35 realistic: 16:10" in worked
