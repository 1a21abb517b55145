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
        Base URL of the (first) Voila child, e.g. ``http://127.0.0.1:48123/``.
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
    upstreams : tuple of str
        Base URLs of every Voila child, ``upstream`` first. Left empty, it is
        ``(upstream,)``: one child, as ``speedfirst dashboard`` without
        ``--processes``. With more than one, each new page goes to the child
        with the fewest live kernels, and every later request that names a
        kernel goes to the child that owns it (:class:`KernelGuard`).
    """

    upstream: str
    max_kernels: int = 8
    max_starting: int = 2
    orphan_after_s: float = 45.0
    unconnected_after_s: float = 90.0
    sweep_every_s: float = 5.0
    readonly: bool = True
    today: dt.date | None = None
    upstreams: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.upstreams:
            self.upstreams = (self.upstream,)
        elif self.upstreams[0] != self.upstream:
            raise ValueError("upstreams must start with upstream")


@dataclasses.dataclass
class _Kernel:
    sockets: int = 0
    connected: bool = False
    idle_since: float = dataclasses.field(default_factory=time.monotonic)


class KernelGuard:
    """Counts live kernels, admits page loads under the cap, shuts down orphans.

    With several Voila children (``settings.upstreams``) it also knows which
    child owns which kernel: :meth:`pick` sends a page load to the child with
    the fewest kernels, :meth:`seen` and :meth:`loaded` record the owner of the
    kernel the page named, and :meth:`owner` answers for later requests. The
    cap (``max_kernels``, ``max_starting``) is over all children together.

    Parameters
    ----------
    settings : FrontSettings
    """

    def __init__(self, settings: FrontSettings) -> None:
        self.settings = settings
        self.live: dict[str, _Kernel] = {}
        self.owners: dict[str, int] = {}
        self.loading = 0
        self.loading_on = [0] * len(settings.upstreams)
        self.refused = 0
        self.shut_down = 0
        self._next_any = 0

    @property
    def children(self) -> int:
        """How many Voila children there are."""
        return len(self.settings.upstreams)

    def admit(self) -> bool:
        """Whether one more page load may start a kernel (and count it if so)."""
        if (len(self.live) + self.loading >= self.settings.max_kernels
                or self.loading >= self.settings.max_starting):
            self.refused += 1
            return False
        self.loading += 1
        return True

    def pick(self) -> int:
        """The child an admitted page load goes to: the one with the fewest kernels.

        Kernels of pages still loading count, so loads at the same moment are
        spread too; ties go to the lowest index. Counted until :meth:`loaded`.

        Returns
        -------
        int
            Index into ``settings.upstreams``.
        """
        if self.children == 1:
            child = 0
        else:
            counts = self.per_child()
            child = min(range(self.children),
                        key=lambda c: (counts[c] + self.loading_on[c], c))
        self.loading_on[child] += 1
        return child

    def seen(self, kernel_id: str, child: int) -> None:
        """A page being served by ``child`` named its kernel (before the page ends)."""
        self.owners.setdefault(kernel_id, child)

    def loaded(self, kernel_id: str | None, child: int = 0) -> None:
        """A page load admitted by :meth:`admit` finished, with its kernel (if seen).

        Parameters
        ----------
        kernel_id : str or None
            The kernel the page named; None if the load failed before it did.
        child : int, default 0
            The child that served it (from :meth:`pick`).
        """
        self.loading = max(0, self.loading - 1)
        if 0 <= child < self.children:
            self.loading_on[child] = max(0, self.loading_on[child] - 1)
        if kernel_id:
            self.owners.setdefault(kernel_id, child)
            if kernel_id not in self.live:
                self.live[kernel_id] = _Kernel()

    def owner(self, kernel_id: str) -> int | None:
        """The child that owns ``kernel_id``, or None for a kernel the front never served.

        With one child every kernel is its: the answer is 0, as before there
        were several (Voila itself then answers for a kernel it does not know).
        """
        if self.children == 1:
            return 0
        return self.owners.get(kernel_id)

    def any_child(self) -> int:
        """A child for a request that needs no particular one (static files): in turn."""
        if self.children == 1:
            return 0
        self._next_any = (self._next_any + 1) % self.children
        return self._next_any

    def per_child(self) -> list[int]:
        """Live kernels of each child, in the order of ``settings.upstreams``."""
        counts = [0] * self.children
        for kid in self.live:
            counts[self.owners.get(kid, 0)] += 1
        return counts

    def upstream_of(self, kernel_id: str) -> str:
        """Base URL of the child that owns ``kernel_id`` (the first child if unknown)."""
        return self.settings.upstreams[self.owner(kernel_id) or 0]

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
        self.owners.pop(kernel_id, None)

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
                urllib.parse.urljoin(self.upstream_of(kid), f"voila/api/shutdown/{kid}"),
                method="POST", body=b"", request_timeout=30,
                headers={"Cookie": f"_xsrf={xsrf}", "X-XSRFToken": xsrf})
            response = await client.fetch(request, raise_error=False)
            self.gone(kid)  # counted against the cap until Voila has answered
            if response.code in (204, 404):  # 404: Voila had already let it go
                self.shut_down += 1
                log.info("shut down kernel %s: its page is gone", kid)
            else:
                log.warning("could not shut down kernel %s (HTTP %s)", kid, response.code)


