"""Fixtures that drive a Voila-served notebook in headless Chromium.

Every test collected under this directory is marked ``browser``.

Fixtures
--------
chromium_path
    Path of the system Chromium; skips (or fails under ``CI``) when missing.
voila_server
    Factory: ``voila_server(notebook, **options)`` starts Voila (once per
    notebook and options for the whole session) and returns its base URL, a
    ``str`` ending in ``/`` that also carries the process, log and kernel helpers
    (see :class:`VoilaServer`).
browser
    One headless Chromium for the session.
page
    A fresh page (in its own browser context) per test. ``page.requests_seen``
    lists every URL the page requested, ``page.console_errors`` every console
    error and uncaught page error.

Helpers
-------
wait_for_dashboard(page, n_charts, timeout_ms)
    Wait until Voila has finished and ``n_charts`` plotly charts are drawn.
foreign_requests(urls)
    The URLs that go to any host but this machine's loopback server.
shutdown_kernel(base_url, kernel_id), shutdown_kernels_seen(urls)
    Shut down kernels (the ``page`` fixture does it for its own at teardown).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from speedfirst.serve import voila_command, voila_env

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 10.0
HERE = Path(__file__).resolve().parent
_KERNEL_URL = re.compile(r"/api/kernels/([0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})")


# --------------------------------------------------------------------------- hooks


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``browser`` marker (also declared in pyproject.toml)."""
    config.addinivalue_line("markers", "browser: drives the real dashboard in headless Chromium")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test in this directory ``browser``."""
    for item in items:
        if Path(str(item.path)).resolve().is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Attach the tail of each running Voila log to a failing test's report."""
    report = yield
    if report.failed and "voila_server" in getattr(item, "fixturenames", ()):
        for server in _RUNNING.values():
            report.sections.append((f"voila log {server.log_path}", server.log_tail()))
    return report


# --------------------------------------------------------------------------- Chromium


def _playwright_chromium() -> str | None:
    """Playwright's own Chromium, if one was downloaded on this machine."""
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            return p.chromium.executable_path
    except Exception:
        return None


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path of the system Chromium executable.

    Returns
    -------
    str
        ``$SPEEDFIRST_CHROMIUM`` if set, else ``/usr/bin/chromium``, else
        Playwright's own Chromium if one was downloaded.

    Notes
    -----
    When it is missing the test fails under CI (which must run browser tests)
    and is skipped elsewhere.
    """
    finders = (lambda: os.environ.get("SPEEDFIRST_CHROMIUM"), lambda: CHROMIUM,
               _playwright_chromium)
    for find in finders:
        candidate = find()
        if candidate and Path(candidate).is_file():
            return str(candidate)
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} missing under CI: .ci/run must install the chromium package")
    pytest.skip("Chromium not installed; .ci/run installs it")


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    """One headless Chromium (Playwright ``Browser``) for the whole session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            raise
        pytest.skip("playwright not installed (pip install -e '.[test]')")
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh Playwright ``Page`` in its own context, recording its traffic.

    Attributes added to the page: ``requests_seen`` (every requested URL, in
    order) and ``console_errors`` (console errors and uncaught exceptions).
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    pg = context.new_page()
    pg.requests_seen = []
    pg.console_errors = []
    pg.on("request", lambda request: pg.requests_seen.append(request.url))
    pg.on(
        "console",
        lambda msg: pg.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    pg.on("pageerror", lambda exc: pg.console_errors.append(f"pageerror: {exc}"))
    yield pg
    context.close()
    # A closed tab leaves its kernel running until culled (600 s by default).
    shutdown_kernels_seen(pg.requests_seen)


def shutdown_kernels_seen(urls: Iterable[str]) -> int:
    """Shut down every kernel a page talked to (found from its ``/api/kernels/<id>`` URLs).

    The ``page`` fixture calls it at teardown; call it yourself for pages made
    from ``browser.new_context()`` so kernels do not pile up during a session.

    Parameters
    ----------
    urls : iterable of str
        Requested URLs, e.g. ``page.requests_seen``.

    Returns
    -------
    int
        How many kernels Voila confirmed shut down.
    """
    done = 0
    for url in dict.fromkeys(urls):
        parts = urlsplit(url)
        kernel = _KERNEL_URL.search(parts.path)
        if kernel and parts.hostname in LOCAL_HOSTS:
            done += shutdown_kernel(f"http://{parts.netloc}/", kernel.group(1))
    return done


def foreign_requests(urls: Iterable[str]) -> list[str]:
    """Return the URLs that would leave this machine.

    ``data:`` and ``blob:`` URLs are local by construction; everything else
    must be ``http``/``ws`` to a loopback host.

    Parameters
    ----------
    urls : iterable of str
        URLs recorded by a page (``page.requests_seen``).

    Returns
    -------
    list of str
        The offending URLs, in the order seen.
    """
    foreign = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            continue
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname in LOCAL_HOSTS:
            continue
        foreign.append(url)
    return foreign


_STATE_JS = """
() => {
  const loading = document.getElementById('loading');
  const cells = document.getElementById('rendered_cells');
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  return {
    loadingText: loading ? loading.innerText.trim() : null,
    cellsShown: !!cells && cells.style.display !== 'none',
    outputAreas: document.querySelectorAll('.jp-OutputArea').length,
    plots: plots.length,
    drawn: plots.filter(p => p.querySelector('.main-svg')).length,
  };
}
"""


# Each drawn chart: does its legend cover its title, is the title cut at the top, and do
# x tick labels run into each other (on a phone the chart widget lays them out anew)?
_CHART_FIT_JS = """
(selector) => [...document.querySelectorAll(selector)]
  .filter(g => g.offsetWidth > 0).map(g => {
    const box = e => e ? e.getBoundingClientRect() : null;
    const overlap = (a, b) => a && b && a.left < b.right && b.left < a.right
      && a.top < b.bottom && b.top < a.bottom;
    const title = box(g.querySelector('.gtitle'));
    const legend = box(g.querySelector('.legend'));
    const ticks = [...g.querySelectorAll('.xtick text')].map(box)
      .filter(b => b.width > 0).sort((a, b) => a.top - b.top || a.left - b.left);
    let crowded = 0;
    for (let i = 1; i < ticks.length; i++) {
      if (Math.abs(ticks[i].top - ticks[i - 1].top) < 2 && ticks[i].left < ticks[i - 1].right - 1)
        crowded++;
    }
    return {chart: g.getAttribute('aria-label'), legendOnTitle: !!overlap(title, legend),
            titleCut: !!title && title.top < g.getBoundingClientRect().top - 1,
            crowdedTicks: crowded, modebar: g.querySelector('.modebar') !== null};
  })
"""


def chart_fit(page: Any, selector: str) -> list[dict]:
    """For each drawn plotly chart matching ``selector`` on screen: whether its legend
    covers its title (``legendOnTitle``), its title is cut at the top (``titleCut``),
    how many x tick labels run into their neighbour (``crowdedTicks``), and whether it
    shows a mode bar (``modebar``)."""
    return page.evaluate(_CHART_FIT_JS, selector)


def wait_for_dashboard(page: Any, n_charts: int = 1, timeout_ms: float = 60_000) -> dict:
    """Wait until Voila finished executing and ``n_charts`` plotly charts are drawn.

    Parameters
    ----------
    page : playwright.sync_api.Page
        Page that has navigated to the dashboard.
    n_charts : int, default 1
        Minimum number of ``.js-plotly-plot`` elements with a drawn
        ``.main-svg`` to wait for; 0 waits only for Voila to finish.
    timeout_ms : float, default 60000
        Give up after this long.

    Returns
    -------
    dict
        Page state once ready: ``plots``, ``drawn``, ``outputAreas`` ...

    Raises
    ------
    AssertionError
        On timeout, with the last state seen (e.g. the spinner still saying
        ``Executing 3 of 7``).
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    ready_js = f"""
    () => {{
      const s = ({_STATE_JS})();
      return s.loadingText === null && s.cellsShown && s.outputAreas > 0
        && s.drawn >= {int(n_charts)};
    }}
    """
    try:
        page.wait_for_function(ready_js, timeout=timeout_ms, polling=100)
    except PlaywrightTimeoutError:
        state = page.evaluate(_STATE_JS)
        raise AssertionError(
            f"dashboard not ready after {timeout_ms / 1000:.0f} s "
            f"(wanted {n_charts} drawn charts): {state}"
        ) from None
    return page.evaluate(_STATE_JS)


# --------------------------------------------------------------------------- Voila


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class VoilaServer(str):
    """Base URL (``http://127.0.0.1:PORT/``) of a running Voila, plus its handles.

    Being a ``str``, it can be used directly: ``page.goto(server)``,
    ``server + "voila/files/x.png"``.

    Attributes
    ----------
    process : subprocess.Popen
        The Voila process (leader of its own process group).
    log_path : Path
        File receiving Voila's stdout and stderr.
    connection_root : Path
        Directory holding the kernels' connection files; every kernel started by
        this server has it on its command line, which is how strays are found.
    """

    process: subprocess.Popen[bytes]
    log_path: Path
    connection_root: Path

    def log_tail(self, lines: int = 80) -> str:
        """Return the last ``lines`` lines of the Voila log."""
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            return f"(no log: {exc})"
        return "\n".join(text.splitlines()[-lines:])

    def kernel_pids(self) -> list[int]:
        """Return the PIDs of kernel processes started by this server."""
        # A kernel's command line holds "<connection_root>/voila_xxx/kernel-<id>.json";
        # Voila's own holds only "<connection_root>".
        marker = f"{self.connection_root}{os.sep}".encode()
        pids = []
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit() or int(proc.name) == self.process.pid:
                continue
            try:
                cmdline = (proc / "cmdline").read_bytes()
            except OSError:
                continue
            if marker in cmdline:
                pids.append(int(proc.name))
        return sorted(pids)

    def stop(self) -> None:
        """Stop Voila (SIGTERM to its process group, then SIGKILL) and any stray kernel."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(STOP_TIMEOUT_S)
        # Kernels run in sessions of their own, so the group kill misses them
        # when Voila could not shut them down itself.
        for pid in self.kernel_pids():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


_RUNNING: dict[tuple[Any, ...], VoilaServer] = {}


def _launch(notebook: Path, workdir: Path, options: dict[str, Any]) -> VoilaServer:
    """Start Voila on a free port, logging to a file in ``workdir``."""
    port = _free_port()
    connection_root = workdir / f"kernels-{port}"
    connection_root.mkdir(parents=True, exist_ok=True)
    log_path = workdir / f"voila-{port}.log"
    argv = [
        *voila_command(notebook, port, **options),
        f"--Voila.connection_dir_root={connection_root}",
    ]
    with open(log_path, "wb") as log:
        log.write(f"$ {' '.join(argv)}\n".encode())
        log.flush()
        process = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=voila_env(),
            cwd=notebook.parent,
            start_new_session=True,
        )
    server = VoilaServer(f"http://127.0.0.1:{port}/")
    server.process = process
    server.log_path = log_path
    server.connection_root = connection_root
    return server


def _wait_ready(server: VoilaServer) -> str | None:
    """Poll ``/`` until it answers 200; return None when ready, else why not."""
    why = "no answer"
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            return f"Voila exited with code {server.process.returncode}"
        try:
            with urllib.request.urlopen(server, timeout=30) as response:
                if response.status == 200:
                    html = response.read().decode("utf-8", "replace")
                    _release_kernel(server, html)
                    return None
                why = f"HTTP {response.status}"
        except urllib.error.HTTPError as exc:
            why = f"HTTP {exc.code}"
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            why = repr(exc)
        time.sleep(0.2)
    return f"no 200 on / within {START_TIMEOUT_S:.0f} s (last: {why})"


def _start_voila(notebook: Path, workdir: Path, options: dict[str, Any]) -> VoilaServer:
    """Start Voila and wait for it; retry only when another process took the port."""
    for _attempt in range(3):
        server = _launch(notebook, workdir, options)
        why = _wait_ready(server)
        if why is None:
            return server
        server.stop()
        tail = server.log_tail()
        if "already in use" not in tail:
            break
    pytest.fail(f"Voila failed to start ({why}); log {server.log_path}:\n{tail}", pytrace=False)


def _release_kernel(server: VoilaServer, html: str) -> None:
    """Shut down the kernel the readiness probe's page took, as a closing tab does.

    Voila's shutdown endpoint is XSRF-protected: the ``_xsrf`` cookie must be
    echoed in the ``X-XSRFToken`` header (any matching pair will do).
    """
    kernel = re.search(r'"kernelId":\s*"([0-9a-f-]+)"', html)
    if kernel:
        shutdown_kernel(server, kernel.group(1))


def shutdown_kernel(base_url: str, kernel_id: str) -> bool:
    """Ask Voila to shut down one kernel, as its page does when unloaded.

    Parameters
    ----------
    base_url : str
        Server base URL ending in ``/``.
    kernel_id : str
        Kernel UUID (in a page: ``jupyter-config-data``'s ``kernelId``).

    Returns
    -------
    bool
        Whether Voila answered 204. The endpoint is XSRF-protected: the
        ``_xsrf`` cookie must be echoed in ``X-XSRFToken`` (any matching pair).
    """
    xsrf = secrets.token_hex(16)
    request = urllib.request.Request(
        f"{base_url}voila/api/shutdown/{kernel_id}",
        method="POST",
        data=b"",
        headers={"Cookie": f"_xsrf={xsrf}", "X-XSRFToken": xsrf},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status == 204
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


@pytest.fixture(scope="session")
def voila_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[..., VoilaServer]]:
    """Factory starting Voila for a notebook; one server per notebook and options.

    Call it as ``voila_server(notebook, preheat=True, cull_idle_s=600,
    cull_interval_s=60)`` (keywords as in :func:`speedfirst.serve.voila_command`).
    The first call for a given notebook and options starts the server (on a
    free port, waiting up to 60 s for ``/`` to answer 200) and later calls
    return the same one. All servers, and any kernels they leave behind, are
    stopped at the end of the session.

    Yields
    ------
    callable
        ``(notebook, **options) -> VoilaServer`` (a ``str``: the base URL).
    """
    workdir = tmp_path_factory.mktemp("voila")

    def start(notebook: str | Path, **options: Any) -> VoilaServer:
        path = Path(notebook).resolve()
        if not path.is_file():
            pytest.fail(f"notebook not found: {path}")
        key = (str(path), *sorted(options.items()))
        if key not in _RUNNING:
            _RUNNING[key] = _start_voila(path, workdir, options)
        return _RUNNING[key]

    try:
        yield start
    finally:
        while _RUNNING:
            _, server = _RUNNING.popitem()
            server.stop()


__all__ = [
    "CHROMIUM_ARGS",
    "VoilaServer",
    "foreign_requests",
    "shutdown_kernel",
    "shutdown_kernels_seen",
    "wait_for_dashboard",
]
