"""The teaching notebooks render in Voila: every chart drawn, no error anywhere.

Each notebook is served by :func:`speedfirst.serve.voila_command` (through the
``voila_server`` fixture) and opened in headless Chromium. The page renders
off-screen cells only when they scroll into view (and may drop them again),
so the test scrolls down the whole notebook like a reader, collecting the
titles of the charts drawn on the way. A page passes when every chart was
drawn, no output is an error, a traceback or a widget that could not be
shown, the console is clean and nothing is fetched from another host. One
interaction per notebook checks that the lesson widgets answer in the real
page too.

Why each notebook shows one widget
----------------------------------
Measured with Voila 0.5.13 / ipywidgets 8.1.9 / plotly 7.1 on a 2-core box:
when a notebook displays widgets from several cells, some page loads show
"Error displaying widget: model not found" in place of the widgets of the
later cells (2–5 of 7 per load, with or without a pre-heated kernel), while
the same seven lessons inside one displayed widget drew every chart on every
load. So each notebook gathers its interactive parts in the tabs of one
widget (:func:`speedfirst.widgets.lessons.tabs`), and these tests fail, without
retrying, if a widget ever cannot be shown.
"""

from __future__ import annotations

import pytest

from speedfirst.serve import NOTEBOOKS_DIR
from tests.browser.conftest import foreign_requests, wait_for_dashboard

NOTEBOOK_DIR = NOTEBOOKS_DIR
CHARTS = {
    # goal check, pace zones, mileage ramp, intensity, what-if
    "explore.ipynb": 5,
    # two ways (2), specificity, speed reserve, reps, 80/20, taper, offsets
    "periodization.ipynb": 8,
}
LOAD_TIMEOUT_MS = 120_000

_AT_END_JS = """
() => [...document.querySelectorAll('*')]
  .filter(e => e.scrollHeight > e.clientHeight + 5
          && /(auto|scroll)/.test(getComputedStyle(e).overflowY))
  .every(e => e.scrollTop + e.clientHeight >= e.scrollHeight - 5)
"""

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

_SEEN_JS = """
() => {
  const plots = [...document.querySelectorAll('.js-plotly-plot')]
    .filter(p => p.querySelector('.main-svg') && p.layout);
  const texts = [...document.querySelectorAll('.jp-OutputArea-output')].map(o => o.innerText);
  return {
    titles: plots.map(p => (p.layout.title && p.layout.title.text) || '(untitled)'),
    broken: texts.filter(t => /Error displaying widget|Loading widget/.test(t))
      .map(t => t.slice(0, 120)),
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


def _open(voila_server, page, name: str) -> set[str]:
    """Load the notebook, scroll to its end and return the titles of all charts drawn."""
    server = voila_server(NOTEBOOK_DIR / name)
    page.goto(server)
    wait_for_dashboard(page, 1, timeout_ms=LOAD_TIMEOUT_MS)
    page.mouse.move(640, 450)
    titles: set[str] = set()
    still = 0
    for _ in range(300):
        titles |= set(page.evaluate(_SEEN_JS)["titles"])
        at_end = page.evaluate(_AT_END_JS)
        if len(titles) >= CHARTS[name] and at_end:
            break
        still = still + 1 if at_end else 0
        if still > 40:  # at the end for 10 s and charts still missing
            break
        page.mouse.wheel(0, 500)
        page.wait_for_timeout(250)
    # widgets still loading settle within seconds; one that cannot be shown never does
    for _ in range(40):
        broken = page.evaluate(_SEEN_JS)["broken"]
        if not broken:
            break
        page.wait_for_timeout(250)
    assert broken == []
    return titles


def _assert_clean(page) -> None:
    errors = page.evaluate(_ERRORS_JS)
    assert errors == {"stderr": 0, "suspicious": [], "lessonErrors": []}
    assert page.console_errors == [], page.console_errors
    assert foreign_requests(page.requests_seen) == []


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_notebook_renders_every_chart_without_errors(voila_server, page, name):
    titles = _open(voila_server, page, name)
    assert len(titles) >= CHARTS[name], sorted(titles)
    _assert_clean(page)


def test_explore_what_if_answers_a_click(voila_server, page):
    _open(voila_server, page, "explore.ipynb")
    page.get_by_role("tab", name="What if").click()
    lesson = page.locator(".sf-lesson-what-if")
    lesson.scroll_into_view_if_needed()
    before = page.evaluate(_TRACE_Y_JS, ["what-if", "changed"])
    assert before == page.evaluate(_TRACE_Y_JS, ["what-if", "your plan"])
    lesson.get_by_role("button", name="Traditional").click()
    page.wait_for_function(
        f"() => JSON.stringify(({_TRACE_Y_JS})(['what-if', 'changed'])) !== "
        f"JSON.stringify({before})", timeout=30_000)
    assert "traditional" not in page.locator(".sf-lesson-what-if .sf-lesson-error").inner_text()
    _assert_clean(page)


def test_periodization_rep_lesson_answers_a_click(voila_server, page):
    _open(voila_server, page, "periodization.ipynb")
    page.get_by_role("tab", name="4 Reps").click()
    page.locator(".sf-lesson-rep-volume").scroll_into_view_if_needed()
    note = page.locator(".sf-lesson-rep-volume .sf-lesson-note")
    assert "(jog)" in note.inner_text()
    page.locator(".sf-lesson-rep-volume").get_by_role("button", name="stand").click()
    page.wait_for_function(
        "() => document.querySelector('.sf-lesson-rep-volume .sf-lesson-note')"
        ".innerText.includes('(stand)')", timeout=30_000)
    _assert_clean(page)

