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
