"""Helpers for tests that start a server of their own (front, JupyterLab)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import urllib.request


def reachable(url: str) -> bool:
    """Whether ``url`` answers an HTTP GET (any status below 400) within 5 s."""
    try:
        with urllib.request.urlopen(url, timeout=5):
            return True
    except OSError:
        return False


def stop_group(proc: subprocess.Popen[bytes]) -> None:
    """Stop ``proc`` and everything in its process group (a server, its children,
    their kernels), as Ctrl-C in a terminal does; SIGKILL after 30 s."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(30)
