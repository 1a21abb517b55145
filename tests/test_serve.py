"""Serving: the Voila command line and a clear message when the port is taken."""

from __future__ import annotations

import socket
import subprocess
import sys

from speedfirst.serve import voila_command


def test_voila_command_locks_the_server_down(tmp_path):
    nb = tmp_path / "x.ipynb"
    argv = voila_command(nb, 9999, cull_idle_s=5, cull_interval_s=1)
    assert argv[:3] == [sys.executable, "-m", "voila"]
    assert "--show_tracebacks=False" in argv and "--preheat_kernel=True" in argv
    assert "--MappingKernelManager.cull_idle_timeout=5" in argv
    assert "--VoilaConfiguration.allow_template_override=NO" in argv
    i = argv.index("--VoilaConfiguration.file_allowlist")
    assert argv[i + 1] == "(?!)"  # matches no file: nothing beside the notebook is served
    assert "--port=9999" in argv and "--Voila.port_retries=0" in argv


def test_port_in_use_gives_a_clear_message():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = subprocess.run([sys.executable, "-m", "speedfirst.serve", "--port", str(port)],
                             capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 1
    assert f"port {port} on 127.0.0.1 is already in use" in run.stderr
    assert f"PORT={port + 1} make dashboard" in run.stderr
    assert "Traceback" not in run.stderr


def test_restart_right_after_stopping_is_not_blocked():
    # a server that just stopped leaves its connections in TIME_WAIT; the port check
    # must not mistake that for a running server (make dashboard run a second time)
    import threading
    import time
    import urllib.request
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    port = httpd.server_address[1]
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10).read()
    httpd.shutdown()
    httpd.server_close()  # the server closed first: its side of the connection is TIME_WAIT
    time.sleep(0.2)
    from speedfirst.serve import port_in_use

    assert not port_in_use("127.0.0.1", port)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        assert port_in_use("127.0.0.1", listening.getsockname()[1])
