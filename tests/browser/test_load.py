"""Load and fault tests: many viewers, closed tabs, killed kernels, hostile links.

Marked ``load`` (and ``browser``, like everything in this directory). Bounded:
at most 10 viewers, 20 slider moves each, every wait has a deadline, and every
page, context and kernel a test starts is closed or shut down before it ends.
Only the loopback Voila servers of ``conftest.py`` are contacted.

Kernel processes are counted with :meth:`VoilaServer.kernel_pids`; the servers
run with a pre-heated pool of one kernel (``--pool_size=1``).
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import time
import urllib.error
import urllib.request
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from speedfirst.serve import DEFAULT_NOTEBOOK, SESSION_ENDED_TEXT
from tests.browser.conftest import shutdown_kernels_seen, wait_for_dashboard

pytestmark = pytest.mark.load

NOTEBOOK = DEFAULT_NOTEBOOK
N_CHARTS = 1  # the Plan tab; the other tabs draw when opened
N_VIEWERS = 10
N_MOVES = 20
POOL_SIZE = 1
CULL_IDLE_S = 20
"""Voila culls a kernel idle and unconnected this long. It must exceed the time a
page takes to connect under load: with 3 s, a page served from the pre-heated
kernel but not yet connected had its kernel culled under it (CI, 2026-12-01:
the page drew no chart and its websocket got 404 'Kernel does not exist')."""
CULL_INTERVAL_S = 1

RAMP_JS = """
() => {
  const el = document.querySelector('.sf-chart-ramp .js-plotly-plot');
  if (!el || !el.data || !el.layout) return null;
  const total = el.data.filter(t => t.type === 'bar')
    .reduce((s, t) => s + t.y.reduce((a, b) => a + b, 0), 0);
  return {peak: el.layout.meta && el.layout.meta.peak, total: total};
}
"""
KERNEL_ID_JS = (
    "() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
)
RACE_MI = 42.195 / 1.609344
PRESS_KEYS_JS = """
({keys, gap}) => {
  const handle = document.querySelector('.sf-peak .noUi-handle');
  handle.focus();
  window.__sfKeysDone = 0;
  keys.forEach((key, i) => setTimeout(() => {
    for (const type of ['keydown', 'keyup']) {
      handle.dispatchEvent(new KeyboardEvent(type, {key, code: key, bubbles: true}));
    }
    window.__sfKeysDone += 1;
  }, 50 + i * gap));
}
"""


@pytest.fixture(scope="module")
def server(voila_server):
    return voila_server(NOTEBOOK)


@pytest.fixture(scope="module")
def culling_server(voila_server):
    return voila_server(NOTEBOOK, cull_idle_s=CULL_IDLE_S, cull_interval_s=CULL_INTERVAL_S)


def _new_page(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(60_000)
    page = context.new_page()
    page.requests_seen = []
    page.page_errors = []
    page.on("request", lambda request: page.requests_seen.append(request.url))
    page.on("pageerror", lambda exc: page.page_errors.append(str(exc)))
    return page


@contextlib.contextmanager
def _viewers(browser: Any, n: int) -> Iterator[list[Any]]:
    """``n`` pages, each in its own browser context; closed and their kernels shut down."""
    pages = [_new_page(browser) for _ in range(n)]
    try:
        yield pages
    finally:
        for page in pages:
            with contextlib.suppress(Exception):
                page.context.close()
            shutdown_kernels_seen(page.requests_seen)


OPEN_TIMEOUT_MS = 240_000
"""How long ten viewers opening at once may take on a busy 2-core machine before the
test gives up. It bounds the wait; it is not a budget (make bench measures load times):
the page can be slow here and still be right."""


STALL_TIMEOUT_MS = 90_000
"""A page still without its outputs after this long is stalled, not slow: see below."""


MAX_RELOADS = 2
"""Reloads of one stalled page before the test gives up (see :func:`_open_all`)."""


def _open_all(pages: list[Any], url: str, timeout_ms: float = OPEN_TIMEOUT_MS) -> None:
    """Start every page loading at once, then wait for each to draw its charts.

    A page that Voila finished without any of the notebook's outputs (or that
    shows none after :data:`STALL_TIMEOUT_MS`) is reloaded, as a person would,
    up to :data:`MAX_RELOADS` times: with ten pages at once on two cores Voila
    sometimes stops executing a page's notebook with the kernel idle
    (voila#1395; its log then says "Timeout waiting for IOPub output";
    reproduced outside the project with plain GET requests,
    docs/voila-lost-widgets.md, "Confounders"), and on a busy machine the
    reload of such a page, still among nine other loads, stalled once more
    (fresh-clone CI, 2026-12-02). Every page must still come up, and each
    reload is reported as a warning. This is bare Voila: ``speedfirst
    dashboard``'s front admits only ``--max-starting`` page loads at once, which
    keeps the stall from happening there.
    """
    for page in pages:
        page.goto(url, wait_until="commit")
    deadline = time.monotonic() + timeout_ms / 1000
    for page in pages:
        for _ in range(MAX_RELOADS):
            left = max(1_000.0, (deadline - time.monotonic()) * 1000)
            if not _stalled(page, min(left, STALL_TIMEOUT_MS)):
                break
            warnings.warn("a viewer's page stalled in Voila (executed, no outputs) and was "
                          "reloaded", stacklevel=2)
            page.reload(wait_until="commit")
        wait_for_dashboard(page, N_CHARTS,
                           timeout_ms=max(1_000.0, (deadline - time.monotonic()) * 1000))


def _stalled(page: Any, timeout_ms: float) -> bool:
    """Whether Voila finished the page (spinner gone, cells shown) without any output.

    A stalled page is final: nothing more arrives for it. Recognising it as soon as
    Voila is done, instead of waiting out a timeout, keeps the test short.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    try:
        page.wait_for_function(
            "() => document.getElementById('loading') === null"
            " && !!document.getElementById('rendered_cells')"
            " && document.getElementById('rendered_cells').style.display !== 'none'",
            timeout=timeout_ms, polling=100)
        page.wait_for_function("() => document.querySelectorAll('.jp-OutputArea').length > 0",
                               timeout=5_000, polling=100)
    except PlaywrightTimeoutError:
        return page.evaluate("() => document.querySelectorAll('.jp-OutputArea').length") == 0
    return False


def _wait_for(predicate: Any, timeout_s: float, what: str, interval_s: float = 0.1) -> Any:
    deadline = time.monotonic() + timeout_s
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout_s:.0f} s (last {value!r})")
        time.sleep(interval_s)


def _expected_total(before: dict, peak: float) -> float:
    """Ramp bar total after a peak change: training weeks scale, the race does not."""
    return (before["total"] - RACE_MI) * peak / before["peak"] + RACE_MI


def _kernel_pid(server: Any, kernel_id: str) -> int:
    for pid in server.kernel_pids():
        with contextlib.suppress(OSError):
            if kernel_id.encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                return pid
    raise AssertionError(f"no process for kernel {kernel_id}")


def _assert_healthy(page: Any) -> None:
    assert page.page_errors == []
    assert page.locator(".sf-error-text").count() == 0
    assert page.locator(".sf-session-ended").count() == 0
    assert "Traceback" not in page.inner_text("body")


# --------------------------------------------------------------------------- load


def test_ten_viewers_move_sliders_without_cross_talk(server, browser):
    with _viewers(browser, N_VIEWERS) as pages:
        _open_all(pages, server)
        before = [page.evaluate(RAMP_JS) for page in pages]
        assert all(b and b["peak"] == 55 for b in before), before
        # viewer i ends at 55 + 2i: (10 + i) steps right and (10 - i) left in its own
        # shuffled order, 80 ms apart. The key presses are queued inside every page
        # first and then all run at once, so the ten kernels work at the same time.
        for i, page in enumerate(pages):
            keys = random.Random(i).sample(["ArrowRight"] * (10 + i) + ["ArrowLeft"] * (10 - i),
                                           N_MOVES)
            page.evaluate(PRESS_KEYS_JS, {"keys": keys, "gap": 80})
        targets = [55 + 2 * i for i in range(N_VIEWERS)]
        for page, target, b in zip(pages, targets, before, strict=True):
            # all its keys pressed first: a shuffled sequence can pass through its target
            # on the way, which would let the checks below run before the last key
            _wait_for(lambda p=page: p.evaluate("window.__sfKeysDone") == N_MOVES, 60,
                      "every key pressed")
            readout = page.locator(".sf-peak .widget-readout")
            _wait_for(lambda r=readout, t=target: r.inner_text().strip() == str(t), 40,
                      f"peak readout {target}")
            expected = _expected_total(b, target)
            state = _wait_for(
                lambda p=page, t=target, e=expected: (
                    (s := p.evaluate(RAMP_JS)) and s["peak"] == t
                    and abs(s["total"] - e) <= 0.01 * e and s),
                40, f"ramp chart for peak {target}")
            assert state["peak"] == target  # its own value, not another viewer's
            assert page.evaluate("window.__sfKeysDone") == N_MOVES
            _assert_healthy(page)


# --------------------------------------------------------------------------- kernels


def test_closed_viewers_leave_no_kernel_behind(culling_server, browser):
    server = culling_server
    _wait_for(lambda: len(server.kernel_pids()) == POOL_SIZE, 30, "pool kernel only at start")
    pages = [_new_page(browser) for _ in range(3)]
    try:
        _open_all(pages, server)
        assert len(server.kernel_pids()) >= 3
        # close like a person does: the tab goes away, nobody calls the shutdown API
        pages[0].close(run_before_unload=True)
        for page in pages:
            page.context.close()
        limit = CULL_IDLE_S + 3 * CULL_INTERVAL_S + 20  # cull window + a kernel restart
        _wait_for(lambda: len(server.kernel_pids()) == POOL_SIZE, limit,
                  "kernel count back to the pre-heated pool size")
    finally:
        for page in pages:
            shutdown_kernels_seen(page.requests_seen)


def test_killed_kernel_ends_the_session_and_a_reload_works(server, browser):
    with _viewers(browser, 2) as (victim, other):
        _open_all([victim, other], server)
        kernel_id = victim.evaluate(KERNEL_ID_JS)
        os.kill(_kernel_pid(server, kernel_id), signal.SIGKILL)
        banner = victim.locator(".sf-session-ended")
        banner.wait_for(timeout=30_000)
        assert SESSION_ENDED_TEXT in banner.inner_text()
        assert "Reload" in banner.inner_text()
        # the other viewer is unaffected and the server keeps serving
        before = other.evaluate(RAMP_JS)
        other.locator(".sf-peak .noUi-handle").focus()
        for _ in range(3):
            other.keyboard.press("ArrowRight")
        expected = _expected_total(before, 58)
        _wait_for(lambda: (s := other.evaluate(RAMP_JS)) and s["peak"] == 58
                  and abs(s["total"] - expected) <= 0.01 * expected, 30,
                  "other viewer's chart follows its slider")
        _assert_healthy(other)
        # a reload gives a working dashboard on a fresh kernel
        victim.get_by_role("button", name="Reload").click()
        wait_for_dashboard(victim, N_CHARTS, timeout_ms=OPEN_TIMEOUT_MS)
        assert victim.evaluate(KERNEL_ID_JS) != kernel_id
        victim.locator(".sf-peak .noUi-handle").focus()
        victim.keyboard.press("ArrowLeft")
        _wait_for(lambda: (s := victim.evaluate(RAMP_JS)) and s["peak"] == 54, 30,
                  "reloaded dashboard answers its slider")
        assert victim.locator(".sf-session-ended").count() == 0
        assert victim.locator(".sf-error-text").count() == 0
        # the restarted, orphaned kernel went away with the old page
        _wait_for(lambda: not any(kernel_id.encode() in _cmdline(pid)
                                  for pid in server.kernel_pids()), 30,
                  "old kernel shut down after the reload")


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


# --------------------------------------------------------------------------- hostile links


def test_ten_thousand_parameters_are_refused_before_any_code_runs(server):
    # Tornado (6.5+) parses at most 1000 query arguments and answers 400 beyond that,
    # before Voila or a kernel sees the request: nothing runs, nothing is started.
    kernels = len(server.kernel_pids())
    query = "s=%3Cscript%3Ewindow.x%3D1%3C%2Fscript%3E&" + "&".join(["q=1"] * 9_999)  # 40 KB
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{server}?{query}", timeout=30)
    assert refused.value.code == 400
    assert b"script" not in refused.value.read()
    assert len(server.kernel_pids()) == kernels


def test_hostile_link_is_ignored_and_never_runs(server, browser):
    evil = "%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E"
    long_value = "9" * 5_000
    junk = "&".join(["q=%00%E2%80%AE1"] * 990)  # as many as the server parses (1000)
    url = (f"{server}?5k={long_value}&peak={evil}&goal=%F0%9F%8F%83%E2%9C%93"
           f"&{evil}=%22%3E%3Cimg%20src%3Dx%20onerror%3D__pwned%3D2%3E&{junk}")
    with _viewers(browser, 1) as (page,):
        page.goto(url)
        wait_for_dashboard(page, N_CHARTS, timeout_ms=OPEN_TIMEOUT_MS)
        assert page.evaluate("window.__pwned") is None
        assert page.locator("img[src=x]").count() == 0
        note = " ".join(page.locator(".sf-ignored").all_inner_texts())
        assert "Ignored from the link" in note and "more parameters" in note
        assert "peak" in note and "5k" in note
        assert page.locator(".sf-peak .widget-readout").inner_text().strip() == "55"
        assert page.locator(".sf-5k input").input_value() == "18:08"
        assert page.page_errors == []
        assert "Traceback" not in page.inner_text("body")
        ramp = page.evaluate(RAMP_JS)
        assert ramp and ramp["peak"] == 55
