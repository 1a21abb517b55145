"""The dashboard as a person uses it: real Voila, real Chromium."""

from __future__ import annotations

import re
import time
import urllib.request
from pathlib import Path

import pytest

from speedfirst.serve import DEFAULT_NOTEBOOK
from tests.browser.conftest import (
    chart_fit,
    foreign_requests,
    shutdown_kernels_seen,
    wait_for_dashboard,
)

NOTEBOOK = DEFAULT_NOTEBOOK
N_CHARTS = 1  # the Plan tab; the other tabs draw when opened

RAMP_TOTAL_JS = """
() => {
  const el = document.querySelector('.sf-chart-ramp .js-plotly-plot');
  if (!el || !el.data) return null;
  return el.data.filter(t => t.type === 'bar')
    .reduce((s, t) => s + t.y.reduce((a, b) => a + b, 0), 0);
}
"""


@pytest.fixture(scope="module")
def server(voila_server):
    return voila_server(NOTEBOOK)


def _open(page, url):
    page.goto(url)
    return wait_for_dashboard(page, N_CHARTS, timeout_ms=90_000)


def _wait_change(page, js, before, timeout_s=20.0):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        now = page.evaluate(js)
        if now is not None and now != before:
            return now
        time.sleep(0.05)
    raise AssertionError(f"value did not change from {before!r}")


def test_loads_with_every_chart_and_no_foreign_request(server, page):
    state = _open(page, server)
    assert state["drawn"] >= N_CHARTS
    assert foreign_requests(page.requests_seen) == []
    text = page.inner_text("body")
    assert "Traceback" not in text and "Error" not in text.replace("sf-error", "")
    assert page.locator(".sf-table table tr").count() == 22  # header + 21 weeks
    for tab in ("Plan", "Paces", "Intensity", "Compare", "Goal", "Share & export"):
        assert page.get_by_role("tab", name=tab).count() == 1
    # each tab draws its charts when opened
    for tab, chart in (("Paces", "zones"), ("Intensity", "intensity"), ("Intensity", "fitness"),
                       ("Compare", "compare"), ("Goal", "goal")):
        page.get_by_role("tab", name=tab).click()
        page.wait_for_function(
            f"document.querySelectorAll('.sf-chart-{chart} .js-plotly-plot .main-svg').length",
            timeout=30_000)
    assert page.evaluate("document.querySelectorAll('.js-plotly-plot .main-svg').length") >= 6
    # the Goal tab's readiness table is HTML under its chart (the basic bundle has no tables)
    assert page.locator(".sf-goal-table table.sf-readiness tr").count() == 5
    # the charts draw with the basic bundle the template ships; the 4.8 MB chunk of the
    # jupyterlab-plotly extension (the full plotly.js) is never fetched
    from speedfirst.figures import plotly_basic_version

    assert page.evaluate("() => Plotly.version") == plotly_basic_version()
    fetched = [u for u in page.requests_seen if "plotly" in u]
    assert fetched and all("/static/plotly-basic.min.js?v=" in u for u in fetched), fetched
    # ... and run once for the whole page, not once per chart widget (anywidget gives
    # each widget a module instance of its own; chart.js keeps its state on the page)
    assert page.evaluate("() => document.querySelectorAll('script[src*=\"plotly\"]').length") == 1
    # every control has a visible label
    for label in ("5K time", "Goal time", "Peak weekly mileage (mi)", "Race date",
                  "General Preparation (weeks)", "Taper (weeks)", "Runs per week"):
        assert page.get_by_text(label, exact=True).first.is_visible()


def test_slider_moves_the_chart(server, page):
    _open(page, server)
    before = page.evaluate(RAMP_TOTAL_JS)
    handle = page.locator(".sf-peak .noUi-handle")
    handle.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    readout = page.locator(".sf-peak .widget-readout")
    deadline = time.monotonic() + 20
    while readout.inner_text().strip() != "60" and time.monotonic() < deadline:
        time.sleep(0.05)
    assert readout.inner_text().strip() == "60"
    # peak 55 -> 60 mi: the training weeks scale with the peak (the race does not)
    expected = (before - 42.195 / 1.609344) * 60 / 55 + 42.195 / 1.609344
    deadline = time.monotonic() + 20
    after = page.evaluate(RAMP_TOTAL_JS)
    while abs(after - expected) > 0.01 * expected and time.monotonic() < deadline:
        time.sleep(0.05)
        after = page.evaluate(RAMP_TOTAL_JS)
    assert after == pytest.approx(expected, rel=0.01)


CHART_BOX_JS = """
() => {
  const graph = document.querySelector('.sf-chart-ramp .js-plotly-plot');
  const table = document.querySelector('.sf-table');
  return {peak: graph.layout.meta.peak, box: graph.offsetHeight, plot: graph._fullLayout.height,
          gap: table.getBoundingClientRect().top - graph.getBoundingClientRect().bottom,
          relayouts: window.__sfRelayouts};
}
"""


def test_chart_keeps_its_box_and_is_drawn_once_per_move(server, page):
    """Each move redraws the chart in place, inside a box as high as the plot.

    plotly.js recomputes a private ``_hasZeroHeight`` whenever it is given a config
    (plotly.js#4856): redrawn with one, the graph's box fell to 0 px on every other
    move, the week table slid under the chart, and a resize drew the chart again.
    """
    _open(page, server)
    page.evaluate("""() => { window.__sfRelayouts = 0;
        document.querySelector('.sf-chart-ramp .js-plotly-plot')
          .on('plotly_relayout', () => { window.__sfRelayouts += 1; }); }""")
    handle = page.locator(".sf-peak .noUi-handle")
    for peak in (56, 57, 58):
        handle.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            f"() => document.querySelector('.sf-chart-ramp .js-plotly-plot')"
            f".layout.meta.peak === {peak}", timeout=20_000)
        time.sleep(0.3)  # a resize would come 100 ms after the draw
        state = page.evaluate(CHART_BOX_JS)
        assert state["peak"] == peak, state
        assert state["box"] == state["plot"] > 300, state
        assert state["gap"] >= 0, state
    assert state["relayouts"] == 0


def test_week_table_follows_the_slider_in_place(server, page):
    """A move rewrites the changed cells of the week table; its rows stay the same elements."""
    _open(page, server)
    rows = page.locator(".sf-table table.sf-weeks tbody tr")
    assert rows.count() == 21
    first = rows.nth(8).locator("td").nth(5).inner_text()  # week 9's distance
    page.evaluate("() => { window.__sfRow = document.querySelectorAll('.sf-table tbody tr')[8]; }")
    handle = page.locator(".sf-peak .noUi-handle")
    handle.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('.sf-chart-ramp .js-plotly-plot').layout.meta.peak === 60",
        timeout=20_000)
    cell = rows.nth(8).locator("td").nth(5)
    deadline = time.monotonic() + 20
    while cell.inner_text() == first and time.monotonic() < deadline:
        time.sleep(0.05)
    # week 9 scales with the peak (55 -> 60 mi), within the table's rounding
    assert float(cell.inner_text()) == pytest.approx(float(first) * 60 / 55, abs=0.11)
    assert page.evaluate(
        "() => window.__sfRow === document.querySelectorAll('.sf-table tbody tr')[8]")
    assert page.locator(".sf-table th").nth(5).inner_text() == "Distance (mi)"
    # numbers are aligned right, and a cell is text, never markup
    assert page.evaluate("() => getComputedStyle(document.querySelector("
                         "'.sf-table tbody td.sf-num')).textAlign") == "right"


def test_bad_time_shows_message_and_keeps_chart(server, page):
    _open(page, server)
    before = page.evaluate(RAMP_TOTAL_JS)
    box = page.locator(".sf-5k input")
    box.fill("18:6O")
    box.press("Enter")
    msg = page.locator(".sf-error-5k .sf-error-text")
    msg.wait_for(timeout=20_000)
    assert "18:6O" in msg.inner_text() and "m:ss" in msg.inner_text()
    assert page.evaluate(RAMP_TOTAL_JS) == before
    assert "last valid plan" in page.locator(".sf-status").inner_text()
    box.fill("17:30")
    box.press("Enter")
    page.locator(".sf-error-5k .sf-error-text").wait_for(state="detached", timeout=20_000)


def test_share_link_restores_settings(server, page):
    _open(page, server + "?peak=70&5k=19%3A00&units=mi&taper_weeks=2")
    assert page.locator(".sf-peak .widget-readout").inner_text().strip() == "70"
    assert page.locator(".sf-5k input").input_value() == "19:00"
    page.get_by_role("tab", name="Share & export").click()
    href = page.locator(".sf-share-link").get_attribute("href")
    assert "peak=70" in href and "taper_weeks=2" in href


def test_garbage_query_is_ignored_and_never_runs(server, page):
    evil = "%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E"
    junk = "&".join(f"k{i}=" + "x" * 50 for i in range(200))
    _open(page, server + f"?peak={evil}&{evil}=1&goal=%E2%9C%93&{junk}")
    assert page.evaluate("window.__pwned") is None
    note = " ".join(page.locator(".sf-ignored").all_inner_texts())
    assert "Ignored from the link" in note and "peak" in note and "more parameters" in note
    assert page.locator(".sf-peak .widget-readout").inner_text().strip() == "55"


def test_download_calendar(server, page, tmp_path):
    _open(page, server)
    page.get_by_role("tab", name="Share & export").click()
    page.get_by_role("button", name="Prepare downloads").click()
    link = page.locator("a.sf-download", has_text=".ics")
    link.wait_for(timeout=30_000)
    with page.expect_download() as info:
        link.click()
    path = tmp_path / "plan.ics"
    info.value.save_as(path)
    import icalendar

    cal = icalendar.Calendar.from_ical(path.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert len(events) > 100
    assert any(str(e["SUMMARY"]).startswith("Race") for e in events)


def test_download_watch_workouts(server, page, tmp_path):
    import io
    import zipfile

    from garmin_fit_sdk import Decoder, Stream

    _open(page, server)
    page.get_by_role("tab", name="Share & export").click()
    page.get_by_role("button", name="Prepare downloads").click()
    link = page.locator("a.sf-download", has_text=".workouts.zip")
    link.wait_for(timeout=30_000)
    assert "GARMIN/NEWFILES" in page.locator(".sf-watch-note").inner_text()
    with page.expect_download() as info:
        link.click()
    path = tmp_path / "workouts.zip"
    info.value.save_as(path)
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        assert len(names) > 20 and all(n.endswith(".fit") for n in names)
        messages, errors = Decoder(Stream.from_byte_array(bytearray(zf.read(names[0])))).read()
    assert errors == []
    assert messages["workout_mesgs"][0]["wkt_name"].startswith(names[0][:10])
    assert len(messages["workout_step_mesgs"]) >= 3
    text = page.locator("a.sf-download", has_text=".workouts.txt")
    with page.expect_download() as info:
        text.click()
    body = Path(info.value.path()).read_text(encoding="utf-8")
    assert body.startswith("# ") and "Warm up" in body and "Pace" in body
    assert io.StringIO(body).readline().strip()[2:12] == names[0][:10]


def test_no_files_served_beside_the_notebook(server):
    for path in ("voila/files/dashboard.ipynb", "voila/files/../README.md"):
        try:
            with urllib.request.urlopen(server + path, timeout=10) as response:
                status = response.status
        except urllib.error.HTTPError as exc:
            status = exc.code
        assert status in (403, 404), path


def test_no_traceback_in_page_source(server):
    with urllib.request.urlopen(server, timeout=60) as response:
        html = response.read().decode()
    assert not re.search(r"Traceback \(most recent call last\)", html)


_SIDEWAYS_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('#rendered_cells *')]
    .filter(e => e.offsetParent !== null && e.getBoundingClientRect().right > width + 1
            && !e.closest('.sf-table, .sf-goal-table, .sf-week-view, .sf-downloads, '
                          + '.modebar-container'))
    .slice(0, 5).map(e => (e.getAttribute('class') || e.tagName).slice(0, 80));
  return {page: document.documentElement.scrollWidth, width, wide,
          cut: [...document.querySelectorAll('.lm-TabBar-tabLabel')]
            .filter(l => l.scrollWidth > l.clientWidth + 1).map(l => l.innerText),
          modebars: [...document.querySelectorAll('.modebar-container')]
            .filter(m => getComputedStyle(m).display !== 'none').length};
}
"""


def test_on_a_phone_nothing_runs_off_the_side(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    try:
        _open(page, server)
        for title in ("Plan", "Week", "Paces", "Intensity", "Compare", "Goal",
                      "Share & export"):
            page.get_by_role("tab", name=title).click()
            page.wait_for_timeout(300)
            if title != "Share & export":  # the open tab's chart (or day table) is drawn
                page.wait_for_function(
                    "() => [...document.querySelectorAll("
                    "'.js-plotly-plot .main-svg, .sf-week-days-html table')]"
                    ".some(e => e.getClientRects().length > 0)", timeout=30_000)
            state = page.evaluate(_SIDEWAYS_JS)
            assert state["page"] <= state["width"] and state["wide"] == [], (title, state)
            assert state["cut"] == [] and state["modebars"] == 0, (title, state)
            charts = chart_fit(page, ".sf-graph.js-plotly-plot")
            if title in ("Plan", "Paces", "Intensity", "Compare", "Goal"):
                assert charts, title
            for chart in charts:
                assert not (chart["legendOnTitle"] or chart["titleCut"] or chart["crowdedTicks"]
                            or chart["modebar"]), (title, chart)
    finally:
        context.close()
        shutdown_kernels_seen(seen)
