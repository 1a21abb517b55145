"""The dashboard's kernel (:mod:`speedfirst.kernel`): IPython's kernel without debugpy."""

from __future__ import annotations

import json

import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import start_new_kernel

from speedfirst.serve import template_root, voila_env


def test_the_dashboard_server_resolves_python3_to_the_speedfirst_kernel(monkeypatch):
    env = voila_env({"PATH": "/usr/bin"})
    monkeypatch.setenv("JUPYTER_PATH", env["JUPYTER_PATH"])
    spec = KernelSpecManager().get_kernel_spec("python3")
    assert spec.resource_dir == str(template_root() / "kernels" / "python3")
    assert spec.argv[:3] == ["python", "-m", "speedfirst.kernel"]
    assert "--HistoryManager.enabled=False" in spec.argv  # no history thread, no shared sqlite
    assert spec.language == "python" and spec.metadata["debugger"] is False


def test_without_the_server_python3_is_the_standard_kernel(monkeypatch):
    monkeypatch.delenv("JUPYTER_PATH", raising=False)
    spec = KernelSpecManager().get_kernel_spec("python3")
    assert "speedfirst.kernel" not in spec.argv  # JupyterLab and nbval are left alone


@pytest.fixture(scope="module")
def kernel():
    """A kernel started from the speedfirst spec, as Voila starts it under the server."""
    mp = pytest.MonkeyPatch()
    mp.setenv("JUPYTER_PATH", voila_env()["JUPYTER_PATH"])
    km, kc = start_new_kernel(kernel_name="python3", startup_timeout=120)
    try:
        yield kc
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        mp.undo()


def _run(kc, code: str) -> str:
    reply = kc.execute_interactive(code, timeout=60, output_hook=_collect)
    assert reply["content"]["status"] == "ok", reply["content"]
    return "".join(_collect.text)


def _collect(msg) -> None:
    if msg["msg_type"] == "stream":
        _collect.text.append(msg["content"]["text"])


_collect.text = []  # type: ignore[attr-defined]


def test_the_kernel_runs_the_dashboard_without_debugpy(kernel):
    _collect.text.clear()
    out = _run(kernel, "import sys, json\n"
                       "from speedfirst.widgets.dashboard import Dashboard\n"
                       "app = Dashboard()\n"
                       "print(json.dumps([sys.argv[0], sorted(m for m, mod in sys.modules.items()\n"
                       "    if mod is not None\n"
                       "    and m.split('.')[0] in ('debugpy', '_pydevd_bundle', 'pydevd')),\n"
                       "    app.plan is not None, get_ipython().history_manager.enabled]))")
    launcher, debug_modules, built, history = json.loads(out)
    assert launcher.endswith("speedfirst/kernel.py")
    assert debug_modules == [] and built is True
    assert history is False


def test_a_debug_request_gets_an_answer_not_a_crash(kernel):
    """ipykernel's own path for a kernel without debugpy: an empty reply, kernel alive."""
    msg = kernel.session.msg("debug_request", {"type": "request", "seq": 1,
                                               "command": "debugInfo", "arguments": {}})
    kernel.control_channel.send(msg)
    reply = kernel.get_control_msg(timeout=30)
    assert reply["msg_type"] == "debug_reply"
    assert reply["content"] == {}
    _collect.text.clear()
    assert _run(kernel, "print(6 * 7)").strip() == "42"
