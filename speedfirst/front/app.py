"""The front server put together: routes, the orphan sweep, Voila as child processes."""

from __future__ import annotations

import asyncio
import contextlib
import faulthandler
import os
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Sequence
from typing import Any

import tornado.httpclient
import tornado.httputil
import tornado.web
import tornado.websocket

from speedfirst.front.guard import FrontSettings, KernelGuard, log
from speedfirst.front.pages import (
    IconHandler,
    PlotlyJsHandler,
    ReadOnlyHandler,
    StatusHandler,
    plotly_js_name,
)
from speedfirst.front.proxy import MAX_MESSAGE, ProxyHandler, WebSocketProxy
from speedfirst.readonly import ReadOnlyCache

__all__ = ["make_app", "run", "serve", "wait_for"]


def make_app(settings: FrontSettings) -> tornado.web.Application:
    """The front server's Tornado application (not yet listening)."""
    guard = KernelGuard(settings)
    cache = (ReadOnlyCache(plotlyjs=f"sf-static/{plotly_js_name()}", live_url="./")
             if settings.readonly else None)
    front = {"settings": settings, "guard": guard, "cache": cache,
             "client": tornado.httpclient.AsyncHTTPClient(max_clients=200)}
    routes: list[Any] = [
        (r"/sf-status", StatusHandler),
        (r"/favicon\.ico", IconHandler),
        (r"/sf-static/plotly-basic-[0-9.]+\.min\.js", PlotlyJsHandler),
        (r"/api/kernels/[0-9a-f-]{36}/channels", WebSocketProxy),
        (r"/voila/query/[0-9a-f-]{36}", WebSocketProxy),
        (r".*", ProxyHandler),
    ]
    if settings.readonly:
        routes.insert(0, (r"/plan", ReadOnlyHandler))
    return tornado.web.Application(routes, front=front, websocket_max_message_size=MAX_MESSAGE,
                                   compress_response=False)


async def serve(settings: FrontSettings, host: str, port: int,
                child: subprocess.Popen[bytes] | Sequence[subprocess.Popen[bytes]] | None = None,
                ) -> None:
    """Listen on ``host:port`` and sweep orphans until a child exits (or forever).

    Parameters
    ----------
    settings : FrontSettings
    host, port : str, int
        Where to listen.
    child : Popen or sequence of Popen, optional
        The Voila child(ren); serving stops as soon as one of them has exited.
    """
    app = make_app(settings)
    app.listen(port, address=host, xheaders=False, max_buffer_size=16 * 1024 * 1024)
    front = app.settings["front"]
    if front["cache"] is not None:  # imports and a first render now, not for the first reader
        asyncio.get_running_loop().run_in_executor(None, _warm, front["cache"])
    children = [] if child is None else [child] if isinstance(child, subprocess.Popen) else child
    while all(c.poll() is None for c in children):
        await asyncio.sleep(settings.sweep_every_s)
        try:
            await front["guard"].sweep(front["client"])
        except Exception:  # a failed sweep is retried at the next one
            log.exception("orphan sweep failed")


def wait_for(url: str, timeout_s: float, child: subprocess.Popen[bytes] | None = None) -> None:
    """Block until ``url`` answers (any status), the child dies, or ``timeout_s`` passes."""
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if child is not None and child.poll() is not None:
            raise RuntimeError(f"Voila exited with code {child.returncode} before it answered")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.25)
    raise RuntimeError(f"Voila did not answer at {url} within {timeout_s:.0f} s")


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the Voila child gets SIGTERM should the front server die without cleaning up."""
    import ctypes
    import signal

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


STOP_GRACE_S = 30.0
"""Longest a stop may take before the front exits regardless [s]. Stopping waits
up to 15 s for the Voila children (:func:`_terminate`), then kills them."""
STOP_WATCHDOG_TEXT = "speedfirst front: stopping took over"
"""First words of the log line written when :data:`STOP_GRACE_S` runs out."""


def _stop(signum: int, _frame: Any) -> None:
    _arm_stop_watchdog(128 + signum)
    raise SystemExit(128 + signum)


def _arm_stop_watchdog(code: int) -> None:
    """Exit with ``code`` for certain once stopping has taken :data:`STOP_GRACE_S`.

    A service manager that sends SIGTERM expects the process to go within its own
    stop timeout. The graceful path (cancel the event loop's tasks, SIGTERM the
    Voila children and wait for them, join the thread pool) is bounded except
    for the last step, which waits for any job still running in a worker thread.
    Once a fresh-clone test run saw the front still there 40 s after SIGTERM; the
    cause was not found (it never came back in dozens of runs). Should it happen
    again, the watchdog writes every thread's stack to the log (stderr), so the
    hang can be read, and then leaves with ``os._exit``; the Voila children get
    SIGTERM from the kernel all the same (``PR_SET_PDEATHSIG``, :func:`_die_with_parent`).
    """
    def expire() -> None:
        time.sleep(STOP_GRACE_S)
        print(f"{STOP_WATCHDOG_TEXT} {STOP_GRACE_S:.0f} s; exiting now. Threads:",
              file=sys.stderr, flush=True)
        faulthandler.dump_traceback(file=sys.stderr, all_threads=True)
        sys.stderr.flush()
        os._exit(code)

    threading.Thread(target=expire, name="sf-stop-watchdog", daemon=True).start()


def _terminate(children: Sequence[subprocess.Popen[bytes]], timeout_s: float = 15) -> None:
    """SIGTERM every child still running, then wait for all (SIGKILL past ``timeout_s``)."""
    for child in children:
        if child.poll() is None:
            child.terminate()
    deadline = time.monotonic() + timeout_s
    for child in children:
        try:
            child.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def _warm(cache: ReadOnlyCache) -> None:
    """Render the default plan's read-only page (loading pandas and plotly on the way)."""
    try:
        cache.page("")
    except Exception:  # the first reader renders it then, and sees the error if any
        log.exception("could not render the default read-only page")


def run(command: Sequence[str] | Sequence[Sequence[str]], env: dict[str, str],
        settings: FrontSettings, host: str, port: int) -> int:
    """Start Voila, wait for it, then serve the front until Voila exits.

    Parameters
    ----------
    command : sequence of str, or sequence of them
        The Voila command line, or one per child: the i-th serves
        ``settings.upstreams[i]``. They are started at once and each is
        waited for (up to 120 s).
    env : dict
        Their environment.
    settings : FrontSettings
    host, port : str, int
        Where the front listens.

    Returns
    -------
    int
        Voila's exit status: that of a child that stopped on its own, else the
        first non-zero one of the children stopped on the way out (0 if none).

    Notes
    -----
    SIGTERM and SIGINT stop the front and every child; the Voila children
    (and through them their kernels) are terminated on the way out, and on
    Linux also if this process is killed. A stop takes at most
    :data:`STOP_GRACE_S` (:func:`_arm_stop_watchdog`). SIGUSR1 writes every
    thread's stack to stderr (``faulthandler``), for a server that seems stuck.
    Should one child exit on its own, the front stops and takes the others
    down with it, so that a supervisor (systemd, Kubernetes) restarts the
    whole server.
    """
    import signal

    commands = [command] if command and isinstance(command[0], str) else command
    if len(commands) != len(settings.upstreams):
        raise ValueError(f"{len(commands)} commands for {len(settings.upstreams)} upstreams")
    signal.signal(signal.SIGTERM, _stop)
    faulthandler.register(signal.SIGUSR1, all_threads=True)  # kill -USR1: stacks to the log
    children: list[subprocess.Popen[bytes]] = []
    ended: list[int] = []  # exit codes of the children that stopped on their own
    try:
        for argv in commands:
            children.append(subprocess.Popen(
                [str(a) for a in argv], env=env,
                preexec_fn=_die_with_parent if sys.platform == "linux" else None))
        for child, upstream in zip(children, settings.upstreams, strict=True):
            # any answer will do, but not the page itself: that would take a kernel
            wait_for(urllib.parse.urljoin(upstream, "voila/api/shutdown/none"), 120, child)
        print(f"Serving on http://{host}:{port}/ (share links: http://{host}:{port}/plan?...)"
              + (f" with {len(children)} Voila processes" if len(children) > 1 else ""),
              flush=True)
        asyncio.run(serve(settings, host, port, children))
        ended = [c.returncode for c in children if c.poll() is not None]
    except KeyboardInterrupt:
        pass
    finally:
        _terminate(children)
    return next((code for code in ended or [c.returncode for c in children] if code), 0)
