"""The server ``make dashboard`` runs: read-only share links, a kernel cap, orphan shutdown.

The server is started exactly as ``speedfirst dashboard`` starts it (the front
server with Voila as its child), with a cap of two live kernels and a short
orphan timeout so the tests see the cap and the shutdown quickly. Waits are
bounded; nothing here is a timing budget (those are in ``make bench``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from speedfirst.front.pages import kernel_tag
from speedfirst.readonly import ADJUST_TEXT, BUSY_TEXT
from speedfirst.report import ICON_SVG
from speedfirst.serve import free_port
from tests.browser.conftest import (
    chart_fit,
    foreign_requests,
    shutdown_kernels_seen,
    wait_for_dashboard,
)
from tests.processes import reachable, stop_group

MAX_KERNELS = 2
ORPHAN_AFTER_S = 6
RACE_DATE = dt.date.today() + dt.timedelta(weeks=26)
RACE_DATE += dt.timedelta(days=(6 - RACE_DATE.weekday()) % 7)  # a Sunday, room for 21 weeks
SHARE_QUERY = f"5k=17:30&peak=60&goal=2:45:00&race_date={RACE_DATE.isoformat()}"
PHONE = {"width": 390, "height": 844}


def _get(url: str, timeout: float = 120) -> tuple[int, dict[str, str], str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode("utf-8")


def _status(base: str) -> dict:
    return json.loads(_get(base + "sf-status", 30)[2])


def _wait(predicate, timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out after {timeout_s:.0f} s waiting for: {what}")


@pytest.fixture(scope="module")
def front(tmp_path_factory) -> Iterator[str]:
    port = free_port()
    log = tmp_path_factory.mktemp("front") / "front.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "speedfirst.serve", "--port", str(port),
             "--max-kernels", str(MAX_KERNELS), "--pool", "1",
             "--orphan-after", str(ORPHAN_AFTER_S),
             "--unconnected-after", str(ORPHAN_AFTER_S)],
            stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
            start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait(lambda: proc.poll() is None and reachable(base + "sf-status"), 120,
              f"the front server to answer (log: {log})")
        yield base
    finally:
        stop_group(proc)  # the whole group at once (front, Voila, kernels)


def test_the_default_plan_is_rendered_before_anyone_asks(front):
    # the front renders the default page (and imports pandas and plotly) as it starts,
    # so the first reader of any link does not pay for the imports
    deadline = time.monotonic() + 60
    while _status(front)["cached_pages"] < 1 and time.monotonic() < deadline:
        time.sleep(0.2)
    status, headers, body = _get(f"{front}plan")
    assert status == 200 and headers["X-Speedfirst-Cache"] == "hit"
    assert ADJUST_TEXT in body


def test_a_share_link_is_read_without_a_kernel(front):
    status, headers, body = _get(f"{front}plan?{SHARE_QUERY}")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert ADJUST_TEXT in body and "peak 60 mi a week" in body
    assert f"race on {RACE_DATE.isoformat()}" in body and "Sunday" in body
    # plotly.js comes from this server, fetched only when a plotly chart is needed
    assert 'script.src = "sf-static/plotly-basic-' in body and "<script src=" not in body
    src = re.search(r'script\.src = "(sf-static/plotly-basic-[0-9.]+\.min\.js)"', body)[1]
    status, js_headers, js = _get(front + src)  # the basic bundle (1.2 MB), cached for good
    assert status == 200 and js.startswith("/**\n* plotly.js (basic - minified) v")
    assert "immutable" in js_headers["Cache-Control"]
    assert body.count('class="sf-bar"') == 21  # the weekly distance needs no script
    assert headers["X-Speedfirst-Cache"] == "miss"
    # the same link with its parameters in another order is the same page, from the cache
    reordered = "&".join(reversed(SHARE_QUERY.split("&")))
    status, headers, again = _get(f"{front}plan?{reordered}")
    assert status == 200 and headers["X-Speedfirst-Cache"] == "hit" and again == body
    assert _status(front)["live"] == []  # readers started no kernel


def test_the_icon_is_the_fronts_own(front):
    """The read-only page carries its icon inline; ``/favicon.ico`` (asked for by pages
    that name none) is answered by the front itself, never passed on to Voila."""
    _, _, body = _get(f"{front}plan?{SHARE_QUERY}")
    assert '<link rel="icon" type="image/svg+xml" href="data:image/svg+xml,%3Csvg' in body
    status, headers, icon = _get(front + "favicon.ico")
    assert status == 200 and headers["Content-Type"] == "image/svg+xml"
    assert icon == ICON_SVG


def test_a_hostile_share_link_is_shown_safely(front):
    evil = "%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E"
    status, _, body = _get(f"{front}plan?peak={evil}&{evil}=1&5k=99:99:99")
    assert status == 200
    assert "<script>window.__pwned" not in body
    assert "Ignored from the link" in body and "Traceback" not in body


def test_past_the_cap_visitors_get_the_read_only_plan(front):
    _wait(lambda: _status(front)["live"] == [], 60, "no live kernel at the start")
    pages = [_get(front, 180) for _ in range(MAX_KERNELS)]
    assert all(code == 200 and "jupyter-config-data" in body for code, _, body in pages)
    code, headers, body = _get(f"{front}?{SHARE_QUERY}")
    assert code == 503 and headers["Retry-After"] == "60"
    assert BUSY_TEXT in body and ADJUST_TEXT in body and "peak 60 mi a week" in body
    state = _status(front)
    assert len(state["live"]) == MAX_KERNELS and state["refused"] >= 1
    # nobody connected to those pages: their kernels go, and the dashboard is free again
    _wait(lambda: _status(front)["live"] == [], ORPHAN_AFTER_S + 30,
          "kernels of pages that never connected shut down")
    assert _status(front)["shut_down"] >= MAX_KERNELS
    assert _get(front, 180)[0] == 200


def test_phone_reads_the_plan_and_adjusts_it_live(front, browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    try:
        page.goto(f"{front}plan?{SHARE_QUERY}")
        # the weekly distance is SVG in the page itself: one bar per week, no script
        bars = page.locator("svg.sf-svg-chart rect.sf-bar")
        assert bars.count() == 21
        assert "Week 21 · Taper" in bars.nth(20).inner_html()
        drawn = "() => document.querySelectorAll('.js-plotly-plot .main-svg').length"
        assert page.evaluate(drawn) < 3  # the plotly charts further down wait for the reader
        for chart in range(3):  # ... and are drawn as they come near the screen
            page.locator(f"#sf-chart-{chart}").scroll_into_view_if_needed()
        page.wait_for_function(f"() => ({drawn})() >= 3", timeout=60_000)
        # laid out for the phone: legends clear of titles, ticks apart, no mode bar
        charts = chart_fit(page, ".sf-lazy-chart.js-plotly-plot")
        assert len(charts) >= 1, charts
        for chart in charts:
            assert not (chart["legendOnTitle"] or chart["titleCut"] or chart["crowdedTicks"]
                        or chart["modebar"]), chart
        # nothing runs off the side of a phone: wide tables scroll inside their box
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE["width"], width
        assert page.locator(".modebar").count() == 0
        page.get_by_role("link", name=ADJUST_TEXT).click()
        wait_for_dashboard(page, 1, timeout_ms=180_000)
        readout = page.locator(".sf-peak .widget-readout").inner_text().strip()
        assert readout == "60"
        assert page.locator(".sf-5k input").input_value() == "17:30"
        assert foreign_requests(seen) == []
        kernel = page.evaluate(
            "() => JSON.parse(document.getElementById('jupyter-config-data').textContent)"
            ".kernelId")
        assert kernel_tag(kernel) in _status(front)["live"]
    finally:
        context.close()
    # the tab is gone without a word to the server: its kernel goes within the orphan time
    _wait(lambda: kernel_tag(kernel) not in _status(front)["live"], ORPHAN_AFTER_S + 30,
          "the closed page's kernel shut down")
    shutdown_kernels_seen(seen)
