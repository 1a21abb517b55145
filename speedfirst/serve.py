"""Serve the dashboard notebook with Voila, locked down for offline use.

``python -m speedfirst.serve [--port N] [notebook]`` replaces itself with a
Voila process (``sys.executable -m voila``) configured so that:

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

The template lives in a per-user cache directory written on demand by
:func:`template_root`; :func:`voila_env` puts it on ``JUPYTER_PATH``. Without
that environment Voila refuses to start ("No template sub-directory ..."), so
a missing step fails loudly instead of silently using the CDN template.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import socket
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

__all__ = [
    "DEFAULT_NOTEBOOK",
    "DEFAULT_PORT",
    "REPO_ROOT",
    "SESSION_ENDED_TEXT",
    "TEMPLATE_NAME",
    "main",
    "port_in_use",
    "template_root",
    "voila_command",
    "voila_env",
]

REPO_ROOT = Path(__file__).resolve().parent.parent
"""Root of the source checkout this module was loaded from."""

DEFAULT_NOTEBOOK = REPO_ROOT / "notebooks" / "dashboard.ipynb"
"""Notebook served when none is named on the command line."""

DEFAULT_PORT = 8866
"""Port used when neither ``--port`` nor the ``PORT`` variable is given."""

TEMPLATE_NAME = "speedfirst-offline"
"""Name of the Voila template written by :func:`template_root`."""

# Voila's own lab template with the two CDN stylesheet links removed. The block
# is rendered by the parent and the links are cut out of its text, so any other
# upstream change to the block is kept. If upstream changes the links, the
# browser test that records every request fails and points here.
_CDN_LINKS = (
    '<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/@fortawesome/'
    'fontawesome-free@^5/css/all.min.css" type="text/css" />',
    '<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/@fortawesome/'
    'fontawesome-free@^5/css/v4-shims.min.css" type="text/css" />',
)
# Voila shows nothing when a kernel dies under a page: the server restarts it empty
# and the widgets silently stop answering. This script, loaded before Voila's own,
# watches the page's kernel websocket for the "restarting"/"dead" status the server
# sends and then greys the dashboard out under a "session ended, reload" banner.
# Frames are only peeked at (the first 4 KB of status messages); nothing is sent.
# It also sets the ``_xsrf`` cookie Voila's page-unload shutdown request echoes
# (double-submit: any random value works) so closed tabs free their kernels at once.
SESSION_ENDED_TEXT = "This session has ended: the dashboard's kernel stopped."
"""Text of the banner shown when the page's kernel stops (browser tests look for it)."""

_SESSION_WATCH = """<script>
(function () {
  if (!/(^|;\\s*)_xsrf=/.test(document.cookie) && window.crypto) {
    var bytes = window.crypto.getRandomValues(new Uint8Array(16));
    var token = Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
    document.cookie = "_xsrf=" + token + "; path=/; SameSite=Strict";
  }
})();
(function () {
  var Native = window.WebSocket;
  if (!Native || !window.TextDecoder) { return; }
  var decoder = new TextDecoder();
  var STATUS = /"msg_type":\\s*"status"/;
  var ENDED = /"execution_state":\\s*"(restarting|autorestarting|dead)"/;
  var shown = false;
  function ended() {
    if (shown) { return; }
    shown = true;
    var box = document.createElement("div");
    box.className = "sf-session-ended";
    box.setAttribute("role", "alert");
    box.textContent = "@ENDED_TEXT@ Reload the page to start a new session. ";
    var button = document.createElement("button");
    button.textContent = "Reload";
    button.addEventListener("click", function () { window.location.reload(); });
    box.appendChild(button);
    document.body.appendChild(box);
    document.body.classList.add("sf-ended");
  }
  function watch(ws, url) {
    if (!/\\/api\\/kernels\\/[^/]+\\/channels/.test(url)) { return; }
    ws.addEventListener("message", function (event) {
      var data = event.data, head;
      if (typeof data === "string") { head = data.slice(0, 4096); }
      else if (data instanceof ArrayBuffer) {
        head = decoder.decode(new Uint8Array(data, 0, Math.min(data.byteLength, 4096)));
      } else { return; }
      if (STATUS.test(head) && ENDED.test(head)) { ended(); }
    });
  }
  function Watched(url, protocols) {
    var ws = protocols === undefined ? new Native(url) : new Native(url, protocols);
    try { watch(ws, String(url)); } catch (err) { /* never break the page */ }
    return ws;
  }
  Watched.prototype = Native.prototype;
  ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (k) { Watched[k] = Native[k]; });
  window.WebSocket = Watched;
})();
</script>
<style>
.sf-session-ended { position: fixed; top: 0; left: 0; right: 0; z-index: 10000;
  padding: 12px 20px; background: #D55E00; color: white; font: 15px sans-serif; }
.sf-session-ended button { margin-left: 12px; font: inherit; }
body.sf-ended #rendered_cells { opacity: 0.45; pointer-events: none; }
</style>""".replace("@ENDED_TEXT@", SESSION_ENDED_TEXT)

_INDEX_TEMPLATE = (
    "{#- Generated by speedfirst/serve.py; edits are overwritten. -#}\n"
    "{%- extends 'voila/templates/lab/index.html.j2' -%}\n"
    "{%- block notebook_css -%}\n"
    "{{ super()" + "".join(f" | replace('{link}', '')" for link in _CDN_LINKS) + " }}\n"
    "{%- endblock notebook_css -%}\n"
    "{%- block html_head_js_logs -%}\n"
    "{{ super() }}\n"
    "{% raw %}" + _SESSION_WATCH + "{% endraw %}\n"
    "{%- endblock html_head_js_logs -%}\n"
)
_TEMPLATE_FILES = {
    "conf.json": '{"base_template": "lab"}\n',
    "index.html.j2": _INDEX_TEMPLATE,
}


def template_root(cache_dir: str | Path | None = None) -> Path:
    """Write the offline Voila template (if needed) and return its Jupyter data root.

    Parameters
    ----------
    cache_dir : str or Path, optional
        Where to keep the template. Defaults to ``$XDG_CACHE_HOME/speedfirst``
        (``~/.cache/speedfirst``). A sub-directory named after a hash of the
        template text is used, so different versions never overwrite each other.

    Returns
    -------
    Path
        A directory laid out like ``share/jupyter``: it holds
        ``voila/templates/speedfirst-offline/``. Put it on ``JUPYTER_PATH``.

    Notes
    -----
    Files are written to a temporary name and renamed into place, so several
    processes starting at once never see a half-written template.
    """
    if cache_dir is None:
        xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        cache_dir = Path(xdg) / "speedfirst"
    digest = hashlib.sha256(repr(sorted(_TEMPLATE_FILES.items())).encode()).hexdigest()[:12]
    root = Path(cache_dir) / f"jupyter-{digest}"
    template_dir = root / "voila" / "templates" / TEMPLATE_NAME
    template_dir.mkdir(parents=True, exist_ok=True)
    for name, text in _TEMPLATE_FILES.items():
        target = template_dir / name
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            continue
        tmp = template_dir / f".{name}.{os.getpid()}.tmp"
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    return root


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
        ``voila.utils.get_query_string()`` to read the visitor's query string.
    cull_idle_s : int, default 600
        Shut down kernels with no open connection that have been idle this
        many seconds (a closed tab leaves its kernel running until then).
    cull_interval_s : int, default 60
        How often, in seconds, to look for such kernels.
    host : str, default "127.0.0.1"
        Interface to bind to.

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
        "--pool_size=1",
        # Serve no side files: the only allow-list pattern, "(?!)", matches no path,
        # and every path is deny-listed as well.
        # (List options take their items as separate arguments in traitlets 5.)
        "--VoilaConfiguration.file_allowlist",
        "(?!)",
        "--VoilaConfiguration.file_denylist",
        ".*",
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


def main(argv: Sequence[str] | None = None) -> None:
    """Replace this process with Voila serving the dashboard.

    Parameters
    ----------
    argv : sequence of str, optional
        Command-line arguments (defaults to ``sys.argv[1:]``):
        ``[--port N] [notebook]``. The port defaults to the ``PORT``
        environment variable, else 8866; the notebook to
        ``notebooks/dashboard.ipynb`` in the repository.
    """
    parser = argparse.ArgumentParser(
        prog="python -m speedfirst.serve", description="Serve the dashboard with Voila."
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
        "notebook", nargs="?", default=str(DEFAULT_NOTEBOOK), help="notebook to serve"
    )
    args = parser.parse_args(argv)
    if not Path(args.notebook).is_file():
        parser.error(f"notebook not found: {args.notebook}")
    if port_in_use(args.host, args.port):
        parser.exit(1, f"speedfirst: port {args.port} on {args.host} is already in use "
                       f"(is the dashboard already running?). Stop that server or choose "
                       f"another port, e.g. PORT={args.port + 1} make dashboard\n")
    command = voila_command(args.notebook, args.port, host=args.host)
    print(f"Serving {args.notebook} on http://{args.host}:{args.port}/", flush=True)
    os.execve(command[0], command, voila_env())


if __name__ == "__main__":
    main()
