"""The front server's bookkeeping: settings, live kernels, the cap, orphans."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import secrets
import time
import urllib.parse

import tornado.httpclient
import tornado.httputil
import tornado.web
import tornado.websocket

log = logging.getLogger("speedfirst.front")

__all__ = ["FrontSettings", "KernelGuard"]


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
    unconnected_after_s : float
        Shut a kernel down if its page has not connected this long after it
        was served (a ``curl`` of the page, a browser that gave up). Longer
        than ``orphan_after_s``: under load a browser may take a while to
        connect, and its kernel must still be there when it does.
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
    unconnected_after_s: float = 90.0
    sweep_every_s: float = 5.0
    readonly: bool = True
    today: dt.date | None = None


@dataclasses.dataclass
class _Kernel:
    sockets: int = 0
    connected: bool = False
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
        k = self.live.setdefault(kernel_id, _Kernel())
        k.sockets += 1
        k.connected = True

    def closed(self, kernel_id: str) -> None:
        k = self.live.get(kernel_id)
        if k is not None:
            k.sockets = max(0, k.sockets - 1)
            if k.sockets == 0:
                k.idle_since = time.monotonic()

    def gone(self, kernel_id: str) -> None:
        self.live.pop(kernel_id, None)

    def orphans(self, now: float | None = None) -> list[str]:
        """Kernels whose page closed ``orphan_after_s`` ago, or never connected in
        ``unconnected_after_s``."""
        now = time.monotonic() if now is None else now
        return [kid for kid, k in self.live.items()
                if k.sockets == 0 and now - k.idle_since > (
                    self.settings.orphan_after_s if k.connected
                    else self.settings.unconnected_after_s)]

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


