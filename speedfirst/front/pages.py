"""The front server's own pages: the read-only view, plotly.js, the status."""

from __future__ import annotations

import hashlib
from typing import Any

import tornado.httpclient
import tornado.httputil
import tornado.web
import tornado.websocket

from speedfirst.front.guard import KernelGuard
from speedfirst.readonly import ReadOnlyCache

__all__ = ["IconHandler", "PlotlyJsHandler", "ReadOnlyHandler", "StatusHandler", "kernel_tag",
           "plotly_js_name"]


def plotly_js_name() -> str:
    """File name of plotly.js's basic bundle (:data:`speedfirst.figures.PLOTLY_BASIC_JS`)
    for the read-only pages, versioned so browsers may cache it for good."""
    from speedfirst.figures import plotly_basic_version

    return f"plotly-basic-{plotly_basic_version()}.min.js"


class _Base(tornado.web.RequestHandler):
    @property
    def front(self) -> dict[str, Any]:
        return self.application.settings["front"]


def kernel_tag(kernel_id: str) -> str:
    """A kernel's name in ``/sf-status``: a hash, never the id itself.

    A kernel id is all it takes to open that kernel's websocket, so the status
    page, which anyone can read, must not list them.

    >>> len(kernel_tag("a" * 36)), kernel_tag("a" * 36) != "a" * 12
    (12, True)
    """
    return hashlib.sha256(kernel_id.encode("ascii")).hexdigest()[:12]


class StatusHandler(_Base):
    """``/sf-status``: live kernels, loads in flight, cap and cache, as JSON (for tests).

    ``processes`` has one entry per Voila child (``--processes``), in order:
    its live kernels (as :func:`kernel_tag` hashes) and its page loads in flight.
    """

    def get(self) -> None:
        guard: KernelGuard = self.front["guard"]
        cache: ReadOnlyCache | None = self.front["cache"]
        processes: list[dict[str, Any]] = [{"live": [], "loading": n} for n in guard.loading_on]
        for kid in guard.live:
            processes[guard.owners.get(kid, 0)]["live"].append(kernel_tag(kid))
        for entry in processes:
            entry["live"].sort()
        self.set_header("Cache-Control", "no-store")
        self.write({"live": sorted(kernel_tag(k) for k in guard.live), "loading": guard.loading,
                    "max_kernels": guard.settings.max_kernels,
                    "max_starting": guard.settings.max_starting, "refused": guard.refused,
                    "shut_down": guard.shut_down,
                    "cached_pages": len(cache) if cache else 0,
                    "processes": processes})


class PlotlyJsHandler(_Base):
    """The plotly.js the read-only pages load: the basic bundle shipped with speedfirst."""

    _body: bytes | None = None

    def get(self) -> None:
        if PlotlyJsHandler._body is None:
            from speedfirst.figures import PLOTLY_BASIC_JS

            PlotlyJsHandler._body = PLOTLY_BASIC_JS.read_bytes()
        self.set_header("Content-Type", "text/javascript; charset=utf-8")
        self.set_header("Cache-Control", "public, max-age=31536000, immutable")
        self.write(PlotlyJsHandler._body)


class IconHandler(_Base):
    """``/favicon.ico``: speedfirst's icon (:data:`speedfirst.report.ICON_SVG`).

    Browsers ask for it with every page they show that names no icon of its own
    (``/sf-status``, for one). Answered here, the request no longer travels to
    Voila, which refused it with a 403 and two log lines per page load.
    """

    def get(self) -> None:
        from speedfirst.report import ICON_SVG

        self.set_header("Content-Type", "image/svg+xml")
        self.set_header("Cache-Control", "public, max-age=86400")
        self.write(ICON_SVG)


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


