"""Helpers for tests that start a process of their own (front, JupyterLab, a fresh Python)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterable, Mapping


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


def imported_by(code: str, modules: Iterable[str], env: Mapping[str, str] | None = None
                ) -> list[str]:
    """Which of ``modules`` a fresh Python process has imported after running ``code``."""
    names = sorted(modules)
    probe = f"{code}\nimport sys\nprint(','.join(m for m in {names!r} if m in sys.modules))\n"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, env=None if env is None else dict(env))
    return [m for m in out.stdout.strip().split(",") if m]
