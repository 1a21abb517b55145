"""The lesson notebooks in JupyterLab: run every cell, every chart widget draws.

The chart widget (``speedfirst/widgets/static/chart.js``) borrows plotly.js from
the jupyterlab-plotly extension already on the page; in Voila and in JupyterLab
that extension is reached the same way, and this test is the JupyterLab half.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest

from speedfirst.serve import NOTEBOOKS, free_port
from tests.processes import stop_group

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("lab")
    shutil.copy(NOTEBOOKS["explore"], root / "explore.ipynb")
    port = free_port()
    log = root / "lab.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
             "--ServerApp.ip=127.0.0.1", "--ServerApp.token=", "--ServerApp.password=",
             "--allow-root", f"--ServerApp.root_dir={root}", "--LabApp.news_url=None",
             "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
            stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
            start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert proc.poll() is None, log.read_text()[-2000:]
            with contextlib.suppress(OSError):
                urllib.request.urlopen(base + "api/status", timeout=5)
                break
            assert time.monotonic() < deadline, log.read_text()[-2000:]
            time.sleep(0.5)
        yield base, log
    finally:
        stop_group(proc)


PROMPTS_JS = ("() => [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]"
              ".map(p => p.textContent.trim())")


def test_explore_runs_in_jupyterlab_and_draws_every_chart(lab, browser):
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    lab, log = lab
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(lab + "lab/tree/explore.ipynb")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle'], "
                               "#jp-main-statusbar :text('Idle')", timeout=90_000)
        page.click("div.lm-MenuBar-itemLabel:text('Run')")
        page.click("li.lm-Menu-item:has-text('Run All Cells')")
        # every code cell ran (its prompt holds a number) and every chart widget drew
        try:
            page.wait_for_function(
                f"() => {{ const prompts = ({PROMPTS_JS})();"
                " return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p)); }",
                timeout=180_000)
        except PlaywrightTimeoutError:  # say which cells did not run, and why if we can
            raise AssertionError(
                f"cells not run after 180 s: prompts {page.evaluate(PROMPTS_JS)}, "
                f"console errors {errors[-5:]}, JupyterLab log: "
                f"{log.read_text(errors='replace')[-3000:]}") from None
        page.wait_for_function(
            "() => { const w = document.querySelectorAll('.sf-graph');"
            " return w.length > 0 && [...w].every(g => g.querySelector('.main-svg')); }",
            timeout=60_000)
        state = page.evaluate(
            "() => ({charts: document.querySelectorAll('.sf-graph').length,"
            " titles: [...document.querySelectorAll('.sf-graph')]"
            ".map(g => g.getAttribute('aria-label')),"
            " tracebacks: document.querySelectorAll("
            "'[data-mime-type=\"application/vnd.jupyter.stderr\"]').length})")
    finally:
        context.close()
    # JupyterLab only keeps cells near the screen in the page: count those drawn
    assert state["charts"] >= 3, state
    assert all(state["titles"]), state  # each graph carries its figure's title
    assert state["tracebacks"] == 0, state
    assert not [e for e in errors if "speedfirst chart" in e or "anywidget" in e], errors
