"""The notebooks render in Voila: every widget shown, every chart drawn, no error.

Each notebook is served by :func:`speedfirst.serve.voila_command` (through the
``voila_server`` fixture, pre-heated as ``make dashboard`` serves it) and opened
in headless Chromium. A page passes when every chart was drawn, no output is an
error, a traceback or a widget that could not be shown ("model not found"), the
console is clean and nothing is fetched from another host. One interaction per
teaching notebook checks that the lesson widgets answer in the real page too.

Lost widgets
------------
Voila 0.5.13 with ipywidgets 8.1.9 used to lose widgets displayed by several
cells ("Error displaying widget: model not found"): Voila renders widget
outputs while the widget manager is still restoring the models, and the
manager's bounded poll gives up when plotly blocks the page (the whole story
is in ``docs/voila-lost-widgets.md``). Our template renders widget outputs only
after the restore, so each lesson section shows its own widget under its own
prose. :func:`test_every_load_shows_every_widget` loads each notebook ten
times, each in a fresh browser context, and fails on any lost widget or
missing chart, without retrying.
"""

from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from speedfirst.serve import NOTEBOOKS_DIR
from tests.browser.conftest import foreign_requests, shutdown_kernels_seen, wait_for_dashboard

NOTEBOOK_DIR = NOTEBOOKS_DIR
CHARTS = {
    # the Plan tab; the other tabs draw when opened
    "dashboard.ipynb": 1,
    # goal check, pace zones, mileage ramp, intensity, what-if
    "explore.ipynb": 5,
    # two ways (2), specificity, speed reserve, reps, 80/20, taper, offsets
    "periodization.ipynb": 8,
}
LOADS = 10
LOAD_TIMEOUT_MS = 120_000

_ERRORS_JS = """
() => {
  const outs = [...document.querySelectorAll('.jp-OutputArea-output')];
  return {
    stderr: document.querySelectorAll(
      '[data-mime-type="application/vnd.jupyter.stderr"]').length,
    suspicious: outs.map(o => o.innerText).filter(
      t => /Traceback|Error:|Exception/.test(t)).map(t => t.slice(0, 200)),
    lessonErrors: [...document.querySelectorAll('.sf-lesson-error')]
      .map(e => e.innerText.trim()).filter(t => t),
  };
}
"""

_TRACE_Y_JS = """
([lesson, name]) => {
  const plot = document.querySelector(`.sf-lesson-${lesson} .js-plotly-plot`);
  const trace = plot && plot.data ? plot.data.find(t => t.name === name) : null;
  return trace ? Array.from(trace.y) : null;
}
"""


def _open(voila_server, page, name: str, lesson: str) -> None:
    """Load the notebook and bring one lesson's drawn chart into view."""
    page.goto(voila_server(NOTEBOOK_DIR / name))
    wait_for_dashboard(page, 1, timeout_ms=LOAD_TIMEOUT_MS)
    page.locator(f".sf-lesson-{lesson}").scroll_into_view_if_needed()
    page.locator(f".sf-lesson-{lesson} .js-plotly-plot .main-svg").first.wait_for()


def _assert_clean(page) -> None:
    errors = page.evaluate(_ERRORS_JS)
    assert errors == {"stderr": 0, "suspicious": [], "lessonErrors": []}
    assert page.console_errors == [], page.console_errors
    assert foreign_requests(page.requests_seen) == []


def test_explore_what_if_answers_a_click(voila_server, page):
    _open(voila_server, page, "explore.ipynb", "what-if")
    lesson = page.locator(".sf-lesson-what-if")
    before = page.evaluate(_TRACE_Y_JS, ["what-if", "changed"])
    assert before == page.evaluate(_TRACE_Y_JS, ["what-if", "your plan"])
    lesson.get_by_role("button", name="Traditional").click()
    page.wait_for_function(
        f"() => JSON.stringify(({_TRACE_Y_JS})(['what-if', 'changed'])) !== "
        f"JSON.stringify({before})", timeout=30_000)
    assert "traditional" not in page.locator(".sf-lesson-what-if .sf-lesson-error").inner_text()
    _assert_clean(page)


def test_periodization_rep_lesson_answers_a_click(voila_server, page):
    _open(voila_server, page, "periodization.ipynb", "rep-volume")
    note = page.locator(".sf-lesson-rep-volume .sf-lesson-note")
    assert "(jog)" in note.inner_text()
    page.locator(".sf-lesson-rep-volume").get_by_role("button", name="stand").click()
    page.wait_for_function(
        "() => document.querySelector('.sf-lesson-rep-volume .sf-lesson-note')"
        ".innerText.includes('(stand)')", timeout=30_000)
    _assert_clean(page)



_LOADED_JS = """
() => {
  const plots = [...document.querySelectorAll('.js-plotly-plot')]
    .filter(p => p.querySelector('.main-svg') && p.layout);
  const texts = [...document.querySelectorAll('.jp-OutputArea-output')].map(o => o.innerText);
  const loading = document.getElementById('loading');
  return {
    executed: !loading || loading.innerText.trim() === '',
    titles: plots.map(p => (p.layout.title && p.layout.title.text) || '(untitled)'),
    lost: texts.filter(t => /Error displaying widget|model not found/.test(t)).length,
    pending: document.querySelectorAll(
      'script[type="application/vnd.voila.deferred-widget+json"]').length,
  };
}
"""


def _load(browser, server: str, charts: int) -> dict:
    """One reader: a fresh context, tall enough that every section is on screen.

    Waits until the page executed, every deferred widget was rendered and
    ``charts`` charts are drawn, or a widget was lost (bounded by
    :data:`LOAD_TIMEOUT_MS`, never by a budget). Returns the page state plus
    its errors, console errors and requests to other hosts.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 16_000})
    page = context.new_page()
    seen: list[str] = []
    console: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    page.on("console", lambda msg: console.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: console.append(f"pageerror: {exc}"))
    try:
        page.goto(server)
        with contextlib.suppress(PlaywrightTimeoutError):
            page.wait_for_function(
                f"() => {{ const s = ({_LOADED_JS})(); return s.lost > 0 || "
                f"(s.executed && s.pending === 0 && s.titles.length >= {charts}); }}",
                timeout=LOAD_TIMEOUT_MS, polling=250)
        state = page.evaluate(_LOADED_JS)
        state.update(errors=page.evaluate(_ERRORS_JS), console=console,
                     foreign=foreign_requests(seen))
        return state
    finally:
        with contextlib.suppress(Exception):
            page.close(run_before_unload=True)  # as a person closes the tab
        context.close()
        shutdown_kernels_seen(seen)


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_every_load_shows_every_widget(voila_server, browser, name):
    # two pre-heated kernels: the next reader's kernel is ready while this one loads
    server = voila_server(NOTEBOOK_DIR / name, pool_size=2)
    clean = {"stderr": 0, "suspicious": [], "lessonErrors": []}
    failed = []
    for i in range(LOADS):
        state = _load(browser, server, CHARTS[name])
        if (state["lost"] or state["pending"] or len(state["titles"]) < CHARTS[name]
                or state["errors"] != clean or state["console"] or state["foreign"]):
            failed.append((i, state))
        # every chart of a lesson is a different figure: none drawn twice, none missing
        assert len(set(state["titles"])) == len(state["titles"]), state["titles"]
    assert failed == [], f"{len(failed)} of {LOADS} loads incomplete or unclean: {failed}"
