"""The viewer's query string is read as Voila reads it, without Voila in the kernel."""

from __future__ import annotations

import json
import os
import threading

import pytest
from websockets.sync.server import ServerConnection, serve

from speedfirst.widgets import request
from tests.processes import imported_by

VOILA_VARS = ("VOILA_PREHEAT", "VOILA_KERNEL_ID", "VOILA_APP_PORT", "VOILA_APP_IP",
              "VOILA_SERVER_URL", "VOILA_WS_BASE_URL", "VOILA_WS_PROTOCOL", "QUERY_STRING",
              "SERVER_PORT")


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in VOILA_VARS:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_outside_voila_the_query_string_is_empty(clean_env: pytest.MonkeyPatch) -> None:
    assert request.query_string() == ""


def test_a_kernel_started_for_a_request_reads_its_environment(
        clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("VOILA_PREHEAT", "False")
    clean_env.setenv("QUERY_STRING", "5k=18:08&peak=55")
    assert request.query_string() == "5k=18:08&peak=55"


def test_a_preheated_kernel_waits_for_the_request(clean_env: pytest.MonkeyPatch) -> None:
    paths: list[str] = []

    def handler(socket: ServerConnection) -> None:
        paths.append(socket.request.path)
        socket.send(json.dumps({"QUERY_STRING": "goal=2:45:00", "SERVER_PORT": "9999"}))

    with serve(handler, "127.0.0.1", 0) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        port = server.socket.getsockname()[1]
        clean_env.setenv("VOILA_PREHEAT", "True")
        clean_env.setenv("VOILA_KERNEL_ID", "k-123")
        clean_env.setenv("VOILA_APP_PORT", str(port))
        clean_env.setenv("VOILA_SERVER_URL", "/base/")
        try:
            got = request.query_string()
        finally:
            server.shutdown()
    assert got == "goal=2:45:00"
    assert paths == ["/base/voila/query/k-123"]
    assert os.environ["SERVER_PORT"] == "9999"  # the request's variables, as Voila sets them


def test_no_server_means_defaults_and_a_log_line(clean_env: pytest.MonkeyPatch,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    clean_env.setenv("VOILA_PREHEAT", "True")
    clean_env.setenv("VOILA_APP_PORT", str(port))
    with caplog.at_level("WARNING"):
        assert request.query_string() == ""
    assert "could not read the request" in caplog.text


def test_the_dashboard_kernel_does_not_import_voila() -> None:
    """Importing Voila's helper cost every viewer's kernel ~44 MB."""
    code = ("from speedfirst.widgets.dashboard import Dashboard\n"
            "Dashboard.from_request()")
    assert imported_by(code, ("voila", "jupyter_server", "jupyterlab_server"),
                       env={"PATH": "/usr/bin:/bin"}) == []
