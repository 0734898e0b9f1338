"""LLM faults through a real HTTP server on loopback: every turn completes on the offline
path with a notice the advisor sees (timeouts, 429, 500, malformed JSON, empty content)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.api.conftest import SEED_CUSTOMER, api_settings_for, make_tokens
from tests.data_dirs import copy_data_dir

MODES = ("timeout", "429", "500", "malformed", "empty")


def _completion(content: str) -> bytes:
    body = {
        "id": "chatcmpl-fault",
        "object": "chat.completion",
        "created": 0,
        "model": "fault-server",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": content},
            }
        ],
    }
    return json.dumps(body).encode()


def _chunk(content: str, finish: str | None) -> bytes:
    body = {
        "id": "chatcmpl-fault",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "fault-server",
        "choices": [{"index": 0, "delta": {"content": content}, "finish_reason": finish}],
    }
    return f"data: {json.dumps(body)}\n\n".encode()


class FaultyLLM(BaseHTTPRequestHandler):
    """An OpenAI-compatible endpoint that fails the way its ``mode`` says."""

    mode = "500"

    def log_message(self, format: str, *args: object) -> None:  # quiet
        return

    def _send(self, status: int, body: bytes, kind: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:  # noqa: N802 - the http.server API
        length = int(self.headers.get("Content-Length", 0))
        request = json.loads(self.rfile.read(length) or b"{}")
        if self.mode == "timeout":
            time.sleep(1.5)
            self._send(200, _completion("too late"))
        elif self.mode in ("429", "500"):
            self._send(int(self.mode), b'{"error": {"message": "fault server"}}')
        elif self.mode == "malformed":
            self._send(200, b'{"choices": [ this is not json')
        elif request.get("stream"):
            body = _chunk("", None) + _chunk("", "stop") + b"data: [DONE]\n\n"
            self._send(200, body, "text/event-stream")
        else:
            self._send(200, _completion(""))


@pytest.fixture
def fault_server() -> Iterator[tuple[str, type[FaultyLLM]]]:
    handler = type("Handler", (FaultyLLM,), {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1", handler
    server.shutdown()
    server.server_close()


def test_every_fault_falls_back_to_the_offline_path_with_a_notice(
    template_data_dir: Path, tmp_path: Path, fault_server: tuple[str, type[FaultyLLM]]
) -> None:
    url, handler = fault_server
    target = tmp_path / "data"
    copy_data_dir(template_data_dir, target)
    settings = api_settings_for(
        target, llm_base_url=url, llm_model="fault-model", llm_timeout_s=0.5, llm_max_retries=0
    )
    results = {}
    with TestClient(create_app(settings)) as client:
        headers = make_tokens(settings).header("advisor")
        for mode in MODES:
            handler.mode = mode
            answer = client.post(
                f"/api/customers/{SEED_CUSTOMER}/turns",
                json={"message": "Draft an email about their growth"},
                headers=headers,
            )
            results[mode] = answer

    for mode, answer in results.items():
        assert answer.status_code == 200, (mode, answer.text)
        result = answer.json()
        assert result["approval_id"] and result["draft"]["source"] == "offline", mode
        assert result["llm"]["fallback"] is True and result["notices"], mode
