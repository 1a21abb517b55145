"""The viewer's query string under Voila, read without importing Voila.

A pre-heated Voila kernel runs the notebook before anyone asks for the page;
the notebook learns the viewer's request (its query string: a share link's
settings) by connecting to the server's ``/voila/query/<kernel id>`` websocket,
which answers once a viewer has claimed the kernel. Voila's own helper,
``voila.utils.get_query_string``, does exactly that, but importing
``voila.utils`` also imports jupyter_server, jupyterlab_server and their
dependencies into the kernel: about 44 MB of resident memory in every viewer's
kernel (measured: 52 MB for an idle kernel, 96 MB after ``import voila.utils``),
for one websocket read. :func:`query_string` is that read on its own, with the
``websockets`` client Voila itself uses, and the same environment variables
(those set by Voila's ``voila/voila_kernel_manager.py`` when it pre-heats).
"""

from __future__ import annotations

import json
import logging
import os

__all__ = ["query_string"]

log = logging.getLogger(__name__)

OPEN_TIMEOUT_S = 5.0
"""How long to wait for the server to accept the websocket [s] (Voila's value)."""


def _query_url() -> str:
    """The server's request-info websocket for this kernel (as Voila builds it)."""
    protocol = os.getenv("VOILA_WS_PROTOCOL", "ws")
    server_ip = os.getenv("VOILA_APP_IP", "127.0.0.1")
    server_port = os.getenv("VOILA_APP_PORT", "8866")
    server_url = os.getenv("VOILA_SERVER_URL", "/")
    ws_base_url = os.getenv("VOILA_WS_BASE_URL", server_url)
    kernel_id = os.getenv("VOILA_KERNEL_ID", "")
    return f"{protocol}://{server_ip}:{server_port}{ws_base_url}voila/query/{kernel_id}"


def query_string() -> str:
    """The query string of the page this kernel serves ("" when there is none).

    In a kernel Voila started for a request, the query string is already in
    ``QUERY_STRING``. In a pre-heated kernel (``VOILA_PREHEAT=True``) this
    blocks until a viewer claims the kernel, then copies the request's
    variables into ``os.environ`` as Voila's helper does. Outside Voila
    (JupyterLab, nbval, tests) it returns at once.

    Returns
    -------
    str
        The raw query string, without the ``?``.
    """
    if os.getenv("VOILA_PREHEAT", "False") != "False":
        from websockets.exceptions import WebSocketException
        from websockets.sync.client import connect

        url = _query_url()
        try:
            with connect(url, open_timeout=OPEN_TIMEOUT_S) as socket:
                info = socket.recv()
        except (OSError, TimeoutError, WebSocketException):
            log.warning("could not read the request from %s", url, exc_info=True)
        else:
            for key, value in json.loads(info).items():
                os.environ[key] = value
    return os.getenv("QUERY_STRING", "")
