"""A viewer cannot run code: the dashboard kernel ignores execute requests from the page."""

from __future__ import annotations

import asyncio
import json
import re
import threading
import urllib.request
import uuid
from pathlib import Path

from speedfirst.serve import DEFAULT_NOTEBOOK

NOTEBOOK = DEFAULT_NOTEBOOK


def _message(msg_type: str, content: dict) -> dict:
    return {
        "header": {"msg_id": uuid.uuid4().hex, "username": "viewer", "session": uuid.uuid4().hex,
                   "msg_type": msg_type, "version": "5.3", "date": ""},
        "parent_header": {}, "metadata": {}, "channel": "shell", "content": content,
    }


async def _talk(url: str, marker: Path) -> dict[str, list[str]]:
    import websockets

    seen: dict[str, list[str]] = {}
    async with websockets.connect(url) as ws:
        info = _message("kernel_info_request", {})
        code = f"open({str(marker)!r}, 'w').write('ran')"
        run = _message("execute_request", {
            "code": code, "silent": False, "store_history": False, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True})
        await ws.send(json.dumps(info))
        await ws.send(json.dumps(run))
        try:
            while True:
                reply = json.loads(await asyncio.wait_for(ws.recv(), 5))
                parent = reply.get("parent_header", {}).get("msg_id")
                seen.setdefault(parent, []).append(reply["msg_type"])
        except TimeoutError:
            pass
    return {"info": seen.get(info["header"]["msg_id"], []),
            "run": seen.get(run["header"]["msg_id"], [])}


def test_execute_request_from_a_page_does_not_run(voila_server, tmp_path):
    server = voila_server(NOTEBOOK)
    with urllib.request.urlopen(server, timeout=60) as response:
        html = response.read().decode()
    kernel = re.search(r'"kernelId":\s*"([0-9a-f-]+)"', html).group(1)
    url = f"{server.replace('http', 'ws', 1)}api/kernels/{kernel}/channels?session_id=x"
    marker = tmp_path / "ran.txt"
    # its own thread and event loop: Playwright's sync API may be running one in this thread
    result: dict[str, dict[str, list[str]]] = {}
    worker = threading.Thread(target=lambda: result.update(seen=asyncio.run(_talk(url, marker))))
    worker.start()
    worker.join(60)
    seen = result["seen"]
    # the channel is live (the kernel answers what a page may ask) ...
    assert "kernel_info_reply" in seen["info"]
    # ... but the code never runs
    assert not marker.exists()
    assert "execute_input" not in seen["run"] and "execute_reply" not in seen["run"]
