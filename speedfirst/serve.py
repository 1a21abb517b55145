"""Serve the dashboard notebook with Voila, locked down for offline use.

``speedfirst dashboard [--port N] [--host H] [--max-kernels K] [--pool P]
[--processes N] [NOTEBOOK]`` (or ``python -m speedfirst.serve``) starts a Voila
process (``sys.executable -m voila``) on a private port behind the front server
of :mod:`speedfirst.front` (read-only share links at ``/plan``, a cap on live
kernels, prompt shutdown of kernels whose page is gone); with ``--processes N``,
N of them, each page and its kernel's traffic kept on one (``docs/deploy.md``).
Voila is configured so that:

* the page is rendered by a small template derived from Voila's ``lab``
  template that drops the Font Awesome stylesheets the stock template pulls
  from a public CDN, so a browser talks to nobody but this server;
* kernels are pre-heated (a rendered page is ready before the first visitor);
* kernels of closed tabs are culled after a period of idleness;
* a page whose kernel stopped (killed, crashed, restarted by the server) says
  so and offers a reload, instead of showing controls that no longer answer;
* closing or reloading a page shuts its kernel down at once (Voila's own
  request is refused for want of an ``_xsrf`` cookie, voila#1458, which would
  leave the kernel running until culled);
* tracebacks are not sent to the browser;
* ``/voila/files/`` serves nothing (the dashboard needs no side files, and a
  symlink next to the notebook would otherwise leak its target);
* visitors cannot switch template or theme through the query string.

The template is package data (``speedfirst/share/voila/templates/
speedfirst-offline``: a Jinja file, a script and a stylesheet), as are the
notebooks, so ``speedfirst dashboard`` works from an installed wheel as from
a source checkout. :func:`voila_env` puts the template on ``JUPYTER_PATH``;
without it Voila refuses to start ("No template sub-directory ..."), so a
missing step fails loudly instead of silently using the CDN template.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

__all__ = [
    "DEFAULT_NOTEBOOK",
    "DEFAULT_PORT",
    "NOTEBOOKS",
    "SESSION_ENDED_TEXT",
    "TEMPLATE_NAME",
    "main",
    "port_in_use",
    "resolve_notebook",
    "template_root",
    "voila_command",
    "voila_env",
]

PACKAGE_DIR = Path(__file__).resolve().parent
"""The installed package: notebooks and the Voila template are package data."""

NOTEBOOKS_DIR = PACKAGE_DIR / "notebooks"
"""Where the dashboard and lesson notebooks are installed."""

NOTEBOOKS = {name: NOTEBOOKS_DIR / f"{name}.ipynb"
             for name in ("dashboard", "explore", "periodization")}
"""The notebooks ``speedfirst dashboard NAME`` serves by name."""

DEFAULT_NOTEBOOK = NOTEBOOKS["dashboard"]
"""Notebook served when none is named on the command line."""

DEFAULT_PORT = 8866
"""Port used when neither ``--port`` nor the ``PORT`` variable is given."""

TEMPLATE_NAME = "speedfirst-offline"
"""Name of the Voila template shipped in ``speedfirst/share/voila/templates``."""

SESSION_ENDED_TEXT = "This session has ended: the dashboard's kernel stopped."
"""Text of the banner shown when the page's kernel stops (the template's
``session_watch.js`` writes it; browser tests look for it)."""


def template_root() -> Path:
    """The Jupyter data directory that holds the offline Voila template.

    Laid out like ``share/jupyter`` (``voila/templates/speedfirst-offline/``:
    ``index.html.j2``, ``session_watch.js``, ``session_watch.css`` and
    ``conf.json``) and shipped inside the package, so an installed wheel
    serves the same page as a source checkout. Put it on ``JUPYTER_PATH``
    (:func:`voila_env` does). It also holds ``kernels/python3``, the kernel
    spec that makes the dashboard's kernels :mod:`speedfirst.kernel` (IPython's
    kernel without its debugger, about 8 MB less per live viewer).
    """
    return PACKAGE_DIR / "share"


def resolve_notebook(name_or_path: str | Path) -> Path:
    """A notebook by name (``dashboard``, ``explore``, ``periodization``) or path.

    >>> resolve_notebook("explore").name
    'explore.ipynb'
    """
    text = str(name_or_path)
    if text in NOTEBOOKS:
        return NOTEBOOKS[text]
    return Path(text)


def voila_env(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """Return the environment a Voila process from :func:`voila_command` needs.

    Parameters
    ----------
    base : Mapping, optional
        Environment to start from; defaults to ``os.environ``.

    Returns
    -------
    dict
        A copy of ``base`` with :func:`template_root` first on ``JUPYTER_PATH``.
    """
    env = dict(os.environ if base is None else base)
    paths = [str(template_root())]
    if env.get("JUPYTER_PATH"):
        paths.append(env["JUPYTER_PATH"])
    env["JUPYTER_PATH"] = os.pathsep.join(paths)
    return env


def voila_command(
    notebook: str | Path,
    port: int,
    *,
    preheat: bool = True,
    cull_idle_s: int = 600,
    cull_interval_s: int = 60,
    host: str = "127.0.0.1",
    pool_size: int = 1,
) -> list[str]:
    """Build the argument vector that serves ``notebook`` with Voila.

    Run it with the environment from :func:`voila_env`.

    Parameters
    ----------
    notebook : str or Path
        Notebook to serve; made absolute.
    port : int
        TCP port to listen on.
    preheat : bool, default True
        Keep one kernel per notebook started and the page rendered before a
        visitor arrives. While the notebook runs in a pre-heated kernel,
        ``os.environ["QUERY_STRING"]`` is empty; use
        ``speedfirst.widgets.request.query_string()`` to read the visitor's query string.
    cull_idle_s : int, default 600
        Shut down kernels with no open connection that have been idle this
        many seconds (a closed tab leaves its kernel running until then).
    cull_interval_s : int, default 60
        How often, in seconds, to look for such kernels.
    host : str, default "127.0.0.1"
        Interface to bind to.
    pool_size : int, default 1
        Pre-heated kernels kept ready (with ``preheat``).

    Returns
    -------
    list of str
        ``[sys.executable, "-m", "voila", ...]``.

    Examples
    --------
    >>> argv = voila_command("dash.ipynb", 8870, cull_idle_s=5)
    >>> argv[1:3]
    ['-m', 'voila']
    >>> "--MappingKernelManager.cull_idle_timeout=5" in argv
    True
    """
    notebook = Path(notebook).resolve()
    return [
        sys.executable,
        "-m",
        "voila",
        str(notebook),
        "--no-browser",
        f"--Voila.ip={host}",
        f"--port={int(port)}",
        # Fail if the port is taken instead of silently moving to another one.
        "--Voila.port_retries=0",
        # Read voila.json/voila.py only from beside the notebook, never from the
        # current directory or ~/.jupyter; the options below win over the file.
        "--Voila.config_file_paths",
        str(notebook.parent),
        f"--template={TEMPLATE_NAME}",
        "--theme=light",
        "--VoilaConfiguration.allow_template_override=NO",
        "--VoilaConfiguration.allow_theme_override=NO",
        "--show_tracebacks=False",
        f"--preheat_kernel={bool(preheat)}",
        f"--pool_size={int(pool_size)}",
        # Serve no side files: the only allow-list pattern, "(?!)", matches no path,
        # and every path is deny-listed as well.
        # (List options take their items as separate arguments in traitlets 5.)
        "--VoilaConfiguration.file_allowlist",
        "(?!)",
        "--VoilaConfiguration.file_denylist",
        ".*",
        # The page does not load the jupyterlab-plotly extension: its one chunk
        # holds the full plotly.js (4.8 MB), which every page load fetched and
        # parsed; the chart widget draws with the basic bundle the template ships.
        "--VoilaConfiguration.extension_denylist",
        "jupyterlab-plotly",
        f"--MappingKernelManager.cull_idle_timeout={int(cull_idle_s)}",
        f"--MappingKernelManager.cull_interval={int(cull_interval_s)}",
        "--MappingKernelManager.cull_connected=False",
    ]


def port_in_use(host: str, port: int) -> bool:
    """Whether a server already listens on ``host``:``port``.

    The check binds the way the server will (``SO_REUSEADDR``), so the
    connections a just-stopped server left in TIME_WAIT do not block a restart.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


def default_max_kernels() -> int:
    """Live kernels the machine can hold: about 250 MB each of the memory available, 2 to 16."""
    try:
        with open("/proc/meminfo") as fh:
            info = dict(line.split(":", 1) for line in fh)
        available_mb = int(info["MemAvailable"].split()[0]) / 1024
    except (OSError, KeyError, ValueError):
        return 8
    return max(2, min(16, int(available_mb // 250)))


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now (for the private Voila child)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def _free_ports(n: int, host: str = "127.0.0.1") -> list[int]:
    """``n`` distinct ports nobody listens on right now (one per Voila child)."""
    ports: list[int] = []
    while len(ports) < n:
        port = free_port(host)
        if port not in ports:
            ports.append(port)
    return ports


def main(argv: Sequence[str] | None = None) -> int:
    """Serve the dashboard (or a lesson): Voila on a private port, the front on ``--port``.

    Parameters
    ----------
    argv : sequence of str, optional
        Command-line arguments (defaults to ``sys.argv[1:]``): ``[--port N] [--host H]
        [--max-kernels K] [--max-starting S] [--pool P] [--orphan-after S]
        [--unconnected-after S] [--processes N] [NOTEBOOK]``. The port defaults to the ``PORT``
        environment variable, else 8866; ``NOTEBOOK`` is a path or one of the installed
        notebooks by name (``dashboard``, the default; ``explore``; ``periodization``),
        all served with the same hardening.

    Returns
    -------
    int
        Exit status (Voila's).
    """
    from speedfirst import front

    parser = argparse.ArgumentParser(
        prog="speedfirst dashboard", description="Serve the dashboard (or a lesson) with Voila."
    )
    parser.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("PORT") or DEFAULT_PORT),
        help="port to listen on (default: $PORT or %(default)s)",
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="interface to bind to (default: %(default)s)"
    )
    parser.add_argument(
        "--max-kernels", type=int, default=default_max_kernels(),
        help="most live dashboard sessions at once; past it visitors get the read-only "
             "plan and a 'busy' note (default: from available memory, %(default)s here)")
    parser.add_argument("--pool", type=int, default=2,
                        help="pre-heated kernels kept ready by each Voila process (default: "
                             "%(default)s, at most --max-kernels)")
    parser.add_argument("--max-starting", type=int, default=os.cpu_count() or 2,
                        help="most page loads in flight at once; past it visitors get the "
                             "read-only plan at once (default: CPU cores, %(default)s here)")
    parser.add_argument("--orphan-after", type=float, default=45.0,
                        help="seconds a kernel may live after its page closed "
                             "(default: %(default)s)")
    parser.add_argument("--unconnected-after", type=float, default=90.0,
                        help="seconds a kernel may wait for its page to connect "
                             "(default: %(default)s)")
    parser.add_argument("--processes", type=int, default=1,
                        help="Voila processes behind the front; each page and its kernel "
                             "stay on one, the cap is over all (default: %(default)s)")
    parser.add_argument(
        "notebook", nargs="?", default="dashboard",
        help="dashboard (default), explore, periodization, or a notebook's path",
    )
    args = parser.parse_args(argv)
    args.notebook = str(resolve_notebook(args.notebook))
    if not Path(args.notebook).is_file():
        parser.error(f"notebook not found: {args.notebook}")
    if (args.max_kernels < 1 or args.max_starting < 1 or args.pool < 0
            or args.orphan_after <= 0 or args.processes < 1):
        parser.error("--max-kernels, --max-starting and --processes must be at least 1, "
                     "--pool at least 0 and --orphan-after above 0")
    pool = min(args.pool, args.max_kernels)
    if port_in_use(args.host, args.port):
        parser.exit(1, f"speedfirst: port {args.port} on {args.host} is already in use "
                       f"(is the dashboard already running?). Stop that server or choose "
                       f"another port, e.g. PORT={args.port + 1} make dashboard\n")
    child_ports = _free_ports(args.processes)
    commands = [voila_command(args.notebook, child_port, host="127.0.0.1",
                              preheat=pool > 0, pool_size=max(pool, 1))
                for child_port in child_ports]
    upstreams = tuple(f"http://127.0.0.1:{child_port}/" for child_port in child_ports)
    settings = front.FrontSettings(
        upstream=upstreams[0], upstreams=upstreams, max_kernels=args.max_kernels,
        max_starting=args.max_starting, orphan_after_s=args.orphan_after,
        unconnected_after_s=max(args.unconnected_after, args.orphan_after),
        readonly=Path(args.notebook).resolve() == NOTEBOOKS["dashboard"].resolve())
    print(f"Serving {args.notebook}", flush=True)
    return front.run(commands, voila_env(), settings, args.host, args.port)


if __name__ == "__main__":
    sys.exit(main())
