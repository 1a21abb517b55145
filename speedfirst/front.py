"""The server in front of Voila: read-only share links, a bounded pool of live kernels.

Voila gives every page load a kernel of its own (a Python process of about
170 MB), keeps it until an idle cull, and has no cap (voila#617): ten
athletes opening a coach's link at once queue behind each other on a small
machine, and a loop of plain GETs can start kernels until memory runs out.
This Tornado server listens on the public port and runs Voila as a child on
a private one:

* ``/plan?<query>`` is the read-only view of a share link
  (:mod:`speedfirst.readonly`): no kernel, rendered once per distinct query
  and cached, so any number of readers get it in milliseconds. Its
  "Adjust this plan" link opens the live dashboard with the same settings.
* ``/`` (the live dashboard) and everything under it are proxied to Voila,
  HTTP and websockets alike. A page load is let through only while fewer
  than ``max_kernels`` live kernels exist; past the cap the visitor gets the
  read-only view with a "busy, try again in a minute" notice (HTTP 503).
* The server learns each page's kernel from the page it proxies and watches
  that kernel's websockets. A kernel whose page never connected, or whose
  last websocket closed, is shut down after ``orphan_after_s`` seconds, not
  at the 10-minute idle cull.
* ``/sf-static/plotly-<version>.min.js`` serves plotly.js to the read-only
  pages (cached by the browser for a year; the name changes with the version).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import logging
import re
import secrets
import subprocess
import time
import urllib.parse
from collections.abc import Sequence
from typing import Any

import tornado.httpclient
import tornado.httputil
import tornado.web
import tornado.websocket

from speedfirst.readonly import ReadOnlyCache

__all__ = ["FrontSettings", "KernelGuard", "make_app", "plotly_js_name"]

log = logging.getLogger("speedfirst.front")

HOP_BY_HOP = frozenset({
    "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
    "transfer-encoding", "upgrade", "content-length",
})
"""Headers that belong to one connection and are never forwarded."""

_WS_OWN = frozenset({"sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions",
                     "sec-websocket-protocol"})
_KERNEL_IN_PAGE = re.compile(rb'"kernelId":\s*"([0-9a-f-]{36})"')
_KERNEL_IN_PATH = re.compile(r"/api/kernels/([0-9a-f-]{36})/channels$")
_SHUTDOWN_PATH = re.compile(r"/voila/api/shutdown/([0-9a-f-]{36})$")
MAX_MESSAGE = 256 * 1024 * 1024
"""Largest websocket message passed through (a kernel message with figures)."""


def plotly_js_name() -> str:
    """File name of the bundled plotly.js, versioned so browsers may cache it for good."""
    import plotly

    return f"plotly-{plotly.__version__}.min.js"


@dataclasses.dataclass
class FrontSettings:
    """How the front server behaves.

    Attributes
    ----------
    upstream : str
        Base URL of the Voila child, e.g. ``http://127.0.0.1:48123/``.
    max_kernels : int
        Most live kernels (pages being served or open) at once.
    max_starting : int
        Most page loads in flight at once. A load that finds no pre-heated
        kernel starts one (about a second of CPU, then the notebook runs), so
        on a small machine more of them at once only queue behind each other;
        past this number a visitor gets the read-only plan at once instead.
    orphan_after_s : float
        Shut a kernel down once its page has had no open websocket this long.
    sweep_every_s : float
        How often to look for such kernels.
    readonly : bool
        Serve ``/plan`` (the dashboard's read-only view); off for lessons.
    today : datetime.date or None
        Fixed "today" for the read-only view (tests); None is the real date.
    """

    upstream: str
    max_kernels: int = 8
    max_starting: int = 2
    orphan_after_s: float = 45.0
    sweep_every_s: float = 5.0
    readonly: bool = True
    today: dt.date | None = None


@dataclasses.dataclass
class _Kernel:
    sockets: int = 0
    idle_since: float = dataclasses.field(default_factory=time.monotonic)


class KernelGuard:
    """Counts live kernels, admits page loads under the cap, shuts down orphans.

    Parameters
    ----------
    settings : FrontSettings
    """

    def __init__(self, settings: FrontSettings) -> None:
        self.settings = settings
        self.live: dict[str, _Kernel] = {}
        self.loading = 0
        self.refused = 0
        self.shut_down = 0

    def admit(self) -> bool:
        """Whether one more page load may start a kernel (and count it if so)."""
        if (len(self.live) + self.loading >= self.settings.max_kernels
                or self.loading >= self.settings.max_starting):
            self.refused += 1
            return False
        self.loading += 1
        return True

    def loaded(self, kernel_id: str | None) -> None:
        """A page load admitted by :meth:`admit` finished, with its kernel (if seen)."""
        self.loading = max(0, self.loading - 1)
        if kernel_id and kernel_id not in self.live:
            self.live[kernel_id] = _Kernel()

    def opened(self, kernel_id: str) -> None:
        self.live.setdefault(kernel_id, _Kernel()).sockets += 1

    def closed(self, kernel_id: str) -> None:
        k = self.live.get(kernel_id)
        if k is not None:
            k.sockets = max(0, k.sockets - 1)
            if k.sockets == 0:
                k.idle_since = time.monotonic()

    def gone(self, kernel_id: str) -> None:
        self.live.pop(kernel_id, None)

    def orphans(self, now: float | None = None) -> list[str]:
        """Kernels with no open websocket for longer than ``orphan_after_s``."""
        now = time.monotonic() if now is None else now
        return [kid for kid, k in self.live.items()
                if k.sockets == 0 and now - k.idle_since > self.settings.orphan_after_s]

    async def sweep(self, client: tornado.httpclient.AsyncHTTPClient) -> None:
        """Shut every orphan down through Voila's own shutdown endpoint."""
        for kid in self.orphans():
            xsrf = secrets.token_hex(16)
            request = tornado.httpclient.HTTPRequest(
                urllib.parse.urljoin(self.settings.upstream, f"voila/api/shutdown/{kid}"),
                method="POST", body=b"", request_timeout=30,
                headers={"Cookie": f"_xsrf={xsrf}", "X-XSRFToken": xsrf})
            response = await client.fetch(request, raise_error=False)
            self.gone(kid)  # counted against the cap until Voila has answered
            if response.code in (204, 404):  # 404: Voila had already let it go
                self.shut_down += 1
                log.info("shut down kernel %s: its page is gone", kid)
            else:
                log.warning("could not shut down kernel %s (HTTP %s)", kid, response.code)


class _Base(tornado.web.RequestHandler):
    @property
    def front(self) -> dict[str, Any]:
        return self.application.settings["front"]


class StatusHandler(_Base):
    """``/sf-status``: live kernels, loads in flight, cap and cache, as JSON (for tests)."""

    def get(self) -> None:
        guard: KernelGuard = self.front["guard"]
        cache: ReadOnlyCache | None = self.front["cache"]
        self.set_header("Cache-Control", "no-store")
        self.write({"live": sorted(guard.live), "loading": guard.loading,
                    "max_kernels": guard.settings.max_kernels,
                    "max_starting": guard.settings.max_starting, "refused": guard.refused,
                    "shut_down": guard.shut_down,
                    "cached_pages": len(cache) if cache else 0})


class PlotlyJsHandler(_Base):
    """The plotly.js the read-only pages load, from the installed plotly package."""

    _body: bytes | None = None

    def get(self) -> None:
        if PlotlyJsHandler._body is None:
            from plotly.offline import get_plotlyjs

            PlotlyJsHandler._body = get_plotlyjs().encode("utf-8")
        self.set_header("Content-Type", "text/javascript; charset=utf-8")
        self.set_header("Cache-Control", "public, max-age=31536000, immutable")
        self.write(PlotlyJsHandler._body)


class ReadOnlyHandler(_Base):
    """``/plan?<query>``: the read-only view of a share link."""

    def get(self) -> None:
        self._page(busy=False, status=200)

    def _page(self, *, busy: bool, status: int) -> None:
        cache: ReadOnlyCache = self.front["cache"]
        body, hit = cache.page(self.request.query, today=self.front["settings"].today,
                               busy=busy)
        self.set_status(status)
        if busy:
            self.set_header("Retry-After", "60")
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store" if busy else "public, max-age=300")
        self.set_header("X-Speedfirst-Cache", "hit" if hit else "miss")
        self.write(body)


class ProxyHandler(ReadOnlyHandler):
    """Everything else: passed to Voila as it came, and its answer streamed back.

    A GET of the notebook page (``/``) starts a kernel, so it is admitted by
    the :class:`KernelGuard`; past the cap the visitor gets the read-only view
    (or, for lessons, a short busy page) with status 503.
    """

    SUPPORTED_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")

    async def get(self) -> None:
        await self._proxy()

    async def head(self) -> None:
        await self._proxy()

    async def post(self) -> None:
        await self._proxy()

    async def put(self) -> None:
        await self._proxy()

    async def patch(self) -> None:
        await self._proxy()

    async def delete(self) -> None:
        await self._proxy()

    async def options(self) -> None:
        await self._proxy()

    def _is_page(self) -> bool:
        return self.request.method == "GET" and self.request.path in ("/", "/index.html")

    async def _proxy(self) -> None:
        guard: KernelGuard = self.front["guard"]
        page = self._is_page()
        if page and not guard.admit():
            if self.front["cache"] is not None:
                self._page(busy=True, status=503)
            else:
                self.set_status(503)
                self.set_header("Retry-After", "60")
                self.write("<!DOCTYPE html><title>Busy</title><p>Every live session is "
                           "taken right now. Please try again in a minute.</p>")
            return
        self._kernel: str | None = None
        self._head = b""
        self._started = False
        try:
            await self._forward(page)
        finally:
            if page:
                guard.loaded(self._kernel)
        shutdown = _SHUTDOWN_PATH.search(self.request.path)
        if shutdown and self.get_status() == 204:
            guard.gone(shutdown.group(1))

    async def _forward(self, page: bool) -> None:
        headers = tornado.httputil.HTTPHeaders()
        for name, value in self.request.headers.get_all():
            if name.lower() not in HOP_BY_HOP:
                headers.add(name, value)
        method = self.request.method or "GET"
        body = self.request.body if method in ("POST", "PUT", "PATCH") else None
        if method in ("POST", "PUT", "PATCH") and body is None:
            body = b""
        self._status_line: tuple[int, str] | None = None
        self._headers_in = tornado.httputil.HTTPHeaders()
        request = tornado.httpclient.HTTPRequest(
            self.front["settings"].upstream.rstrip("/") + self.request.uri,
            method=method, headers=headers, body=body, follow_redirects=False,
            decompress_response=False, allow_nonstandard_methods=True,
            connect_timeout=30, request_timeout=900,
            header_callback=self._on_header_line,
            streaming_callback=lambda chunk: self._on_chunk(chunk, page))
        client: tornado.httpclient.AsyncHTTPClient = self.front["client"]
        try:
            response = await client.fetch(request, raise_error=False)
        except (OSError, tornado.httpclient.HTTPClientError) as exc:
            if not self._started:
                self.set_status(502)
                self.write(f"The dashboard server is not answering ({type(exc).__name__}).")
            return
        if not self._started:
            self._start_response(response.code)

    def _on_header_line(self, line: str) -> None:
        if line.startswith("HTTP/"):
            self._headers_in = tornado.httputil.HTTPHeaders()
            parts = line.split(" ", 2)
            self._status_line = (int(parts[1]), parts[2].strip() if len(parts) > 2 else "")
        elif line.strip():
            self._headers_in.parse_line(line)

    def _start_response(self, code: int | None = None) -> None:
        self._started = True
        status = self._status_line[0] if self._status_line else (code or 502)
        reason = self._status_line[1] if self._status_line else None
        self.set_status(status, reason or None)
        self.clear_header("Content-Type")
        self.clear_header("Server")
        for name, value in self._headers_in.get_all():
            if name.lower() not in HOP_BY_HOP:
                self.add_header(name, value)

    def _on_chunk(self, chunk: bytes, page: bool) -> None:
        if not self._started:
            self._start_response()
        if page and self._kernel is None and len(self._head) < 256 * 1024:
            self._head += chunk
            found = _KERNEL_IN_PAGE.search(self._head)
            if found:
                self._kernel = found.group(1).decode("ascii")
        self.write(chunk)
        self.flush()


class WebSocketProxy(tornado.websocket.WebSocketHandler):
    """A websocket to Voila (kernel channels, the pre-heat query socket), passed through.

    The upstream connection is made before the handshake is answered, so the
    browser gets the subprotocol Voila chose. Kernel channel sockets are
    counted by the :class:`KernelGuard`.
    """

    upstream_ws: tornado.websocket.WebSocketClientConnection | None = None

    @property
    def front(self) -> dict[str, Any]:
        return self.application.settings["front"]

    async def prepare(self) -> None:
        settings: FrontSettings = self.front["settings"]
        url = settings.upstream.replace("http", "ws", 1).rstrip("/") + self.request.uri
        headers = tornado.httputil.HTTPHeaders()
        for name, value in self.request.headers.get_all():
            if name.lower() not in HOP_BY_HOP and name.lower() not in _WS_OWN:
                headers.add(name, value)
        offered = [p.strip() for p in
                   self.request.headers.get("Sec-WebSocket-Protocol", "").split(",") if p.strip()]
        try:
            self.upstream_ws = await tornado.websocket.websocket_connect(
                tornado.httpclient.HTTPRequest(url, headers=headers, connect_timeout=30,
                                               request_timeout=60),
                subprotocols=offered or None, max_message_size=MAX_MESSAGE)
        except (OSError, tornado.httpclient.HTTPClientError, tornado.websocket.WebSocketError
                ) as exc:
            code = getattr(exc, "code", 502) or 502
            raise tornado.web.HTTPError(code if 400 <= code < 600 else 502) from None

    def select_subprotocol(self, subprotocols: list[str]) -> str | None:
        chosen = self.upstream_ws.selected_subprotocol if self.upstream_ws else None
        return chosen if chosen in subprotocols else None

    def open(self, *args: Any) -> None:
        found = _KERNEL_IN_PATH.search(self.request.path)
        self.kernel_id = found.group(1) if found else None
        if self.kernel_id:
            self.front["guard"].opened(self.kernel_id)
        self._pump = asyncio.ensure_future(self._from_upstream())

    async def _from_upstream(self) -> None:
        ws = self.upstream_ws
        assert ws is not None
        while True:
            message = await ws.read_message()
            if message is None:
                break
            try:
                await self.write_message(message, binary=isinstance(message, bytes))
            except tornado.websocket.WebSocketClosedError:
                break
        self.close()

    async def on_message(self, message: str | bytes) -> None:
        if self.upstream_ws is not None:
            with contextlib.suppress(tornado.websocket.WebSocketClosedError):
                await self.upstream_ws.write_message(message, binary=isinstance(message, bytes))

    def on_close(self) -> None:
        if self.upstream_ws is not None:
            self.upstream_ws.close()
        if getattr(self, "kernel_id", None):
            self.front["guard"].closed(self.kernel_id)

    def on_connection_close(self) -> None:
        # a refused handshake never opened: release the upstream socket all the same
        super().on_connection_close()
        if self.upstream_ws is not None and not getattr(self, "_pump", None):
            self.upstream_ws.close()


def make_app(settings: FrontSettings) -> tornado.web.Application:
    """The front server's Tornado application (not yet listening)."""
    guard = KernelGuard(settings)
    cache = (ReadOnlyCache(plotlyjs=f"sf-static/{plotly_js_name()}", live_url="./")
             if settings.readonly else None)
    front = {"settings": settings, "guard": guard, "cache": cache,
             "client": tornado.httpclient.AsyncHTTPClient(max_clients=200)}
    routes: list[Any] = [
        (r"/sf-status", StatusHandler),
        (r"/sf-static/plotly-[0-9.]+\.min\.js", PlotlyJsHandler),
        (r"/api/kernels/[0-9a-f-]{36}/channels", WebSocketProxy),
        (r"/voila/query/[0-9a-f-]{36}", WebSocketProxy),
        (r".*", ProxyHandler),
    ]
    if settings.readonly:
        routes.insert(0, (r"/plan", ReadOnlyHandler))
    return tornado.web.Application(routes, front=front, websocket_max_message_size=MAX_MESSAGE,
                                   compress_response=False)


async def serve(settings: FrontSettings, host: str, port: int,
                child: subprocess.Popen[bytes] | None = None) -> None:
    """Listen on ``host:port`` and sweep orphans until the child exits (or forever)."""
    app = make_app(settings)
    app.listen(port, address=host, xheaders=False, max_buffer_size=16 * 1024 * 1024)
    front = app.settings["front"]
    while child is None or child.poll() is None:
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


def _stop(signum: int, _frame: Any) -> None:
    raise SystemExit(128 + signum)


def run(command: Sequence[str], env: dict[str, str], settings: FrontSettings, host: str,
        port: int) -> int:
    """Start Voila (``command``), wait for it, then serve the front until Voila exits.

    SIGTERM and SIGINT stop both; the Voila child (and through it its kernels)
    is terminated on the way out, and on Linux also if this process is killed.
    """
    import signal
    import sys

    signal.signal(signal.SIGTERM, _stop)
    child = subprocess.Popen(list(command), env=env,
                             preexec_fn=_die_with_parent if sys.platform == "linux" else None)
    try:
        # any answer will do, but not the page itself: that would take a kernel
        wait_for(urllib.parse.urljoin(settings.upstream, "voila/api/shutdown/none"), 120, child)
        print(f"Serving on http://{host}:{port}/ (share links: http://{host}:{port}/plan?...)",
              flush=True)
        asyncio.run(serve(settings, host, port, child))
    except KeyboardInterrupt:
        pass
    finally:
        if child.poll() is None:
            child.terminate()
            try:
                child.wait(15)
            except subprocess.TimeoutExpired:
                child.kill()
    return child.returncode or 0
