"""Everything else goes to Voila: HTTP streamed through, websockets passed on."""

from __future__ import annotations

import asyncio
import contextlib
import re
from typing import Any

import tornado.httpclient
import tornado.httputil
import tornado.web
import tornado.websocket

from speedfirst.front.guard import FrontSettings, KernelGuard
from speedfirst.front.pages import ReadOnlyHandler

__all__ = ["HOP_BY_HOP", "IMMUTABLE", "MAX_MESSAGE", "UNKNOWN_KERNEL_TEXT", "ProxyHandler",
           "WebSocketProxy", "child_for", "is_hashed_asset", "is_page_request", "kernel_in_path"]

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
_KERNEL_SCOPED = re.compile(
    r"^/(?:api/kernels|voila/api/shutdown|voila/query|voila/execution)/([0-9a-f-]{36})(?:/|$)")
_HASHED_ASSET = re.compile(r"^/voila/labextensions/.+/static/[^/]*\.[0-9a-f]{8,}\.(?:js|css)$")
IMMUTABLE = "public, max-age=31536000, immutable"
"""Cache-Control given to front-end files whose name carries a hash of their content."""
MAX_MESSAGE = 256 * 1024 * 1024
"""Largest websocket message passed through (a kernel message with figures)."""

UNKNOWN_KERNEL_TEXT = ("Unknown session: this server does not know that kernel (it has ended, "
                       "or it was never served here). Reload the page.")
"""Body of the 404 for a request naming a kernel no Voila child owns (several children)."""


def kernel_in_path(path: str) -> str | None:
    """The kernel id a request path names, if it is one of Voila's per-kernel paths.

    >>> kernel_in_path("/api/kernels/" + "0" * 36 + "/channels") == "0" * 36
    True
    >>> kernel_in_path("/voila/api/shutdown/" + "a" * 36) == "a" * 36
    True
    >>> kernel_in_path("/voila/static/voila.js") is None
    True
    """
    found = _KERNEL_SCOPED.match(path)
    return found.group(1) if found else None


def is_hashed_asset(path: str) -> bool:
    """Whether ``path`` is a labextension file named by a hash of its content.

    The page loads about twenty such files (webpack chunks of the widget manager,
    anywidget and plotly's renderer, 5 MB in all). Jupyter's file handler sends
    them with ``Cache-Control: no-cache`` unless the URL carries ``?v=``, which
    webpack's chunk loader does not add, so every page load fetched all of them
    again through the front and Voila. A new version of a file gets a new name,
    so the front lets browsers keep them.

    >>> is_hashed_asset("/voila/labextensions/anywidget/static/528.d9f5934c.js")
    True
    >>> is_hashed_asset("/voila/labextensions/jupyterlab-plotly/static/style.js")
    False
    """
    return _HASHED_ASSET.match(path) is not None


def child_for(guard: KernelGuard, path: str) -> int | None:
    """The Voila child a request that is not a page load goes to.

    A path that names a kernel goes to the child that owns it (None: no child
    does); any other path (static files, themes) goes to any child, in turn.
    With one child, always 0.
    """
    if guard.children == 1:
        return 0
    kernel = kernel_in_path(path)
    return guard.any_child() if kernel is None else guard.owner(kernel)


VOILA_NON_PAGES = ("/api/", "/voila/", "/login", "/logout")
"""Path prefixes Voila answers without rendering the notebook (APIs, static files)."""


def is_page_request(method: str, path: str) -> bool:
    """Whether Voila answers this request by rendering the notebook (so, a new kernel).

    Voila serving one notebook renders it for *every* GET path its own routes
    do not claim (its catch-all is ``/(.*)``), so ``/x`` costs a kernel just as
    ``/`` does and must be admitted the same way.

    >>> is_page_request("GET", "/"), is_page_request("GET", "/anything/else")
    (True, True)
    >>> is_page_request("GET", "/voila/static/voila.js"), is_page_request("POST", "/")
    (False, False)
    """
    return method in ("GET", "HEAD") and not path.startswith(VOILA_NON_PAGES)


class ProxyHandler(ReadOnlyHandler):
    """Everything else: passed to Voila as it came, and its answer streamed back.

    A GET of the notebook page (``/``) starts a kernel, so it is admitted by
    the :class:`KernelGuard`; past the cap the visitor gets the read-only view
    (or, for lessons, a short busy page) with status 503. With several Voila
    children a page goes to the one with the fewest kernels and a request that
    names a kernel to its owner (:func:`child_for`); a kernel no child owns
    gets a 404 with :data:`UNKNOWN_KERNEL_TEXT`.
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
        return is_page_request(self.request.method or "", self.request.path)

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
        child = guard.pick() if page else child_for(guard, self.request.path)
        if child is None:
            self.set_status(404)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.write(UNKNOWN_KERNEL_TEXT)
            return
        self._child = child
        self._kernel: str | None = None
        self._head = b""
        self._started = False
        try:
            await self._forward(page)
        finally:
            if page:
                guard.loaded(self._kernel, child)
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
            self.front["settings"].upstreams[self._child].rstrip("/") + self.request.uri,
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
        immutable = status == 200 and is_hashed_asset(self.request.path)
        for name, value in self._headers_in.get_all():
            if name.lower() not in HOP_BY_HOP and not (
                    immutable and name.lower() in ("cache-control", "pragma", "expires")):
                self.add_header(name, value)
        if immutable:
            self.set_header("Cache-Control", IMMUTABLE)

    def _on_chunk(self, chunk: bytes, page: bool) -> None:
        if not self._started:
            self._start_response()
        if page and self._kernel is None and len(self._head) < 256 * 1024:
            self._head += chunk
            found = _KERNEL_IN_PAGE.search(self._head)
            if found:
                self._kernel = found.group(1).decode("ascii")
                self.front["guard"].seen(self._kernel, self._child)
        self.write(chunk)
        self.flush()


class WebSocketProxy(tornado.websocket.WebSocketHandler):
    """A websocket to Voila (kernel channels, the pre-heat query socket), passed through.

    The upstream connection is made before the handshake is answered, so the
    browser gets the subprotocol Voila chose. Kernel channel sockets are
    counted by the :class:`KernelGuard`. With several Voila children the
    socket goes to the child that owns the kernel in its path (a kernel lives
    in one Voila process's memory); a kernel no child owns gets a 404.
    """

    upstream_ws: tornado.websocket.WebSocketClientConnection | None = None

    @property
    def front(self) -> dict[str, Any]:
        return self.application.settings["front"]

    async def prepare(self) -> None:
        settings: FrontSettings = self.front["settings"]
        child = child_for(self.front["guard"], self.request.path)
        if child is None:
            self.set_status(404)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(UNKNOWN_KERNEL_TEXT)
            return
        upstream = settings.upstreams[child]
        url = upstream.replace("http", "ws", 1).rstrip("/") + self.request.uri
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


