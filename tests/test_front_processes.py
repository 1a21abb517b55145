"""``speedfirst dashboard --processes 2``: pages spread over two Voila processes, kernels kept.

The front is started as ``speedfirst dashboard`` starts it, with two Voila
children. Two plain GETs of the page must land on different children
(``/sf-status`` says which child holds which kernel, by hash), and each
kernel's websocket, opened through the front, must reach the child that owns
the kernel: only that child can answer a ``kernel_info_request`` (the other
one does not have the kernel and refuses the socket). No browser; waits are
bounded.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from speedfirst.front import FrontSettings, KernelGuard
from speedfirst.front.app import STOP_WATCHDOG_TEXT
from speedfirst.front.pages import kernel_tag
from speedfirst.front.proxy import UNKNOWN_KERNEL_TEXT, child_for
from speedfirst.serve import free_port
from tests.processes import reachable, stop_group

PROCESSES = 2
KERNEL_IN_PAGE = re.compile(r'"kernelId":\s*"([0-9a-f-]{36})"')
A, B, C = (f"{c * 8}-0000-0000-0000-{'0' * 12}" for c in "abc")


# ----------------------------------------------------------------- the guard alone


def _guard(children: int, **kw) -> KernelGuard:
    ups = tuple(f"http://127.0.0.1:{1000 + i}/" for i in range(children))
    return KernelGuard(FrontSettings(upstream=ups[0], upstreams=ups, **kw))


def test_pages_go_to_the_child_with_fewest_kernels_and_stay_there():
    g = _guard(2, max_kernels=2, max_starting=2)
    assert g.admit() and g.pick() == 0
    assert g.admit() and g.pick() == 1  # the first load is still in flight on child 0
    g.loaded(A, 0)
    g.loaded(B, 1)
    assert g.per_child() == [1, 1] and (g.owner(A), g.owner(B)) == (0, 1)
    assert not g.admit()  # the cap is over both children together
    g.gone(A)
    assert g.admit() and g.pick() == 0  # child 0 has room again, child 1 has not
    g.loaded(C, 0)
    assert g.per_child() == [1, 1] and g.loading_on == [0, 0]
    assert g.owner("d" * 8 + A[8:]) is None  # never served here
    assert child_for(g, f"/api/kernels/{B}/channels") == 1
    assert child_for(g, f"/voila/api/shutdown/{C}") == 0
    assert child_for(g, f"/api/kernels/{A}") is None  # gone: no child owns it
    assert {child_for(g, "/voila/static/voila.js") for _ in range(4)} == {0, 1}


def test_one_child_routes_everything_to_it_as_before():
    g = _guard(1)
    assert g.admit() and g.pick() == 0
    assert child_for(g, f"/api/kernels/{A}/channels") == 0  # Voila answers for unknown ids
    assert g.upstream_of(A) == "http://127.0.0.1:1000/"


# ----------------------------------------------------------------- the real server


def _get(url: str, timeout: float = 60) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


def _status(base: str) -> dict:
    return json.loads(_get(base + "sf-status", 10)[1])


def _children_of(pid: int) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                stat = (proc / "stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(proc.name))
    return found


def _kernel_processes(kernel_ids: list[str]) -> list[int]:
    """Processes whose command line names one of the kernels (its connection file)."""
    marks = [f"kernel-{k}".encode() for k in kernel_ids]
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            with contextlib.suppress(OSError):
                cmdline = (proc / "cmdline").read_bytes()
                if any(m in cmdline for m in marks):
                    found.append(int(proc.name))
    return found


@pytest.fixture(scope="module")
def front(tmp_path_factory) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = free_port()
    log = tmp_path_factory.mktemp("front-processes") / "front.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "speedfirst.serve", "--port", str(port),
             "--processes", str(PROCESSES), "--max-kernels", "4", "--pool", "1"],
            stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
            start_new_session=True)
    proc.log_path = log  # type: ignore[attr-defined]
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 40
        while not reachable(base + "sf-status"):
            assert proc.poll() is None, f"the front exited; log: {log.read_text()[-2000:]}"
            assert time.monotonic() < deadline, f"the front did not answer; log: {log}"
            time.sleep(0.3)
        yield base, proc
    finally:
        stop_group(proc)


@pytest.fixture(scope="module")
def two_pages(front) -> list[str]:
    """Kernel ids of two pages fetched one after the other."""
    base, _ = front
    kernels = []
    for _ in range(2):
        code, body = _get(base, 90)
        assert code == 200, body[:500]
        found = KERNEL_IN_PAGE.search(body)
        assert found, "no kernelId in the page"
        kernels.append(found.group(1))
    return kernels


def test_two_pages_get_kernels_in_different_processes(front, two_pages):
    base, _ = front
    state = _status(base)
    assert len(state["processes"]) == PROCESSES
    owners = [[i for i, p in enumerate(state["processes"]) if kernel_tag(k) in p["live"]]
              for k in two_pages]
    assert owners[0] != owners[1] and sorted(owners) == [[0], [1]], state
    assert sorted(state["live"]) == sorted(kernel_tag(k) for k in two_pages)
    text = json.dumps(state)
    assert not any(k in text for k in two_pages)  # hashes only, never the ids


def _kernel_info(url: str) -> dict:
    msg_id = uuid.uuid4().hex
    request = {
        "header": {"msg_id": msg_id, "username": "test", "session": uuid.uuid4().hex,
                   "msg_type": "kernel_info_request", "version": "5.3",
                   "date": dt.datetime.now(dt.UTC).isoformat()},
        "parent_header": {}, "metadata": {}, "content": {}, "channel": "shell", "buffers": [],
    }
    deadline = time.monotonic() + 30
    with connect(url, open_timeout=20, max_size=None) as ws:
        ws.send(json.dumps(request))
        while True:
            reply = json.loads(ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            if reply["parent_header"].get("msg_id") == msg_id and reply["channel"] == "shell":
                return reply


def test_each_kernel_websocket_reaches_the_process_that_owns_it(front, two_pages):
    base, _ = front
    ws_base = base.replace("http://", "ws://", 1)
    for kernel in two_pages:
        reply = _kernel_info(f"{ws_base}api/kernels/{kernel}/channels")
        assert reply["header"]["msg_type"] == "kernel_info_reply"
        assert reply["content"]["status"] == "ok"
        assert reply["content"]["protocol_version"].startswith("5.")


def test_an_unknown_kernel_id_gets_a_short_404(front):
    base, _ = front
    unknown = str(uuid.uuid4())
    code, body = _get(f"{base}api/kernels/{unknown}")
    # Voila would answer 404 too: the text tells that the front refused it itself
    assert code == 404 and body == UNKNOWN_KERNEL_TEXT
    with pytest.raises(InvalidStatus) as refused:
        connect(f"{base.replace('http://', 'ws://', 1)}api/kernels/{unknown}/channels",
                open_timeout=20)
    assert refused.value.response.status_code == 404
    assert refused.value.response.body.decode() == UNKNOWN_KERNEL_TEXT


def test_hashed_front_end_files_may_be_kept_by_the_browser(front):
    """Files named by their content's hash are cached for good; other files are not."""
    import anywidget

    base, _ = front
    static = Path(anywidget.__file__).parent / "labextension" / "static"
    if not static.is_dir():  # installed as data files only
        static = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "anywidget" / "static"
    entry = next(static.glob("remoteEntry.*.js")).name
    with urllib.request.urlopen(f"{base}voila/labextensions/anywidget/static/{entry}",
                                timeout=30) as response:
        assert response.status == 200 and response.read()
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    with urllib.request.urlopen(f"{base}voila/labextensions/anywidget/package.json",
                                timeout=30) as response:
        assert response.status == 200
        assert "immutable" not in (response.headers.get("Cache-Control") or "")


def test_sigterm_stops_every_voila_process_and_kernel(front, two_pages):
    base, proc = front
    children = _children_of(proc.pid)
    assert len(children) == PROCESSES, children  # the two Voila processes
    assert len(_kernel_processes(two_pages)) == 2
    proc.send_signal(signal.SIGTERM)  # the front alone, as a service manager does
    assert proc.wait(40) == 128 + signal.SIGTERM
    log = proc.log_path.read_text(errors="replace")
    if STOP_WATCHDOG_TEXT in log:  # stopped, but only through the watchdog: show why
        warnings.warn("the front's graceful stop hung; its threads:\n"
                      + log[log.index(STOP_WATCHDOG_TEXT):][:4000], stacklevel=1)
    assert not reachable(base + "sf-status")
    deadline = time.monotonic() + 20
    while (_kernel_processes(two_pages) or any(Path(f"/proc/{c}").exists() for c in children)
           ) and time.monotonic() < deadline:
        time.sleep(0.25)
    assert [c for c in children if Path(f"/proc/{c}").exists()] == []
    assert _kernel_processes(two_pages) == []


def test_a_stop_that_hangs_still_ends_and_shows_where(tmp_path):
    """A worker thread that never returns would keep the front alive after SIGTERM
    (the interpreter joins its threads on the way out); the watchdog ends it."""
    code = textwrap.dedent("""
        import threading, time
        from speedfirst.front import app
        app.STOP_GRACE_S = 0.5
        threading.Thread(target=lambda: time.sleep(60)).start()  # not a daemon
        app._arm_stop_watchdog(143)
        raise SystemExit(143)
    """)
    t = time.monotonic()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=30)
    assert done.returncode == 143 and time.monotonic() - t < 20
    assert STOP_WATCHDOG_TEXT in done.stderr
    assert "in <lambda>" in done.stderr  # the stuck thread's stack
