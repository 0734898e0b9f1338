"""Fixtures of the LLM adapter tests: a client over a scripted HTTP transport, and vcrpy."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx2
import pytest
import vcr

from copilot.llm.client import LLMClient
from tools.foundation.settings import Settings

CASSETTES = Path(__file__).resolve().parents[2] / "cassettes"
RECORD_PORT = 18080
RECORD_MODEL = "qwen2.5-coder-1.5b-instruct-q4_k_m"

Handler = Callable[[httpx2.Request], httpx2.Response]


def chat_response(content: str | None, finish_reason: str = "stop") -> dict[str, Any]:
    """Return an OpenAI chat.completion body with one choice."""
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 0,
        "model": "scripted",
        "choices": [
            {
                "index": 0,
                "finish_reason": finish_reason,
                "message": {"role": "assistant", "content": content},
            }
        ],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }


def sse_body(deltas: list[str]) -> bytes:
    """Return a text/event-stream body streaming the deltas, then [DONE]."""
    events = []
    for index, delta in enumerate(deltas):
        finish = "stop" if index == len(deltas) - 1 else None
        chunk = {
            "id": "chatcmpl-test",
            "object": "chat.completion.chunk",
            "created": 0,
            "model": "scripted",
            "choices": [{"index": 0, "delta": {"content": delta}, "finish_reason": finish}],
        }
        events.append(f"data: {json.dumps(chunk)}\n\n")
    events.append("data: [DONE]\n\n")
    return "".join(events).encode()


@pytest.fixture
def scripted_llm() -> Callable[..., LLMClient]:
    """Return a factory of clients whose HTTP traffic goes to a scripted handler."""

    def build(handler: Handler, max_retries: int = 0) -> LLMClient:
        settings = Settings(
            llm_base_url="http://llm.test/v1",
            llm_model="scripted-model",
            llm_timeout_s=5,
            llm_max_retries=max_retries,
        )
        transport = httpx2.MockTransport(handler)
        return LLMClient(settings, http_client=httpx2.Client(transport=transport))

    return build


@pytest.fixture
def recorded_llm() -> LLMClient:
    """Return a client aimed at the recording server (replayed from cassettes in CI)."""
    settings = Settings(
        llm_base_url=f"http://127.0.0.1:{RECORD_PORT}/v1",
        llm_model=RECORD_MODEL,
        llm_api_key="recording-key",
        llm_timeout_s=600,
        llm_max_retries=0,
    )
    return LLMClient(settings)


@pytest.fixture(scope="session")
def cassette_vcr() -> vcr.VCR:
    """Return the vcrpy config: replay only unless COPILOT_VCR_RECORD_MODE says otherwise."""
    return vcr.VCR(
        cassette_library_dir=str(CASSETTES),
        record_mode=os.environ.get("COPILOT_VCR_RECORD_MODE", "none"),
        match_on=["method", "uri", "body"],
        filter_headers=["authorization", "api-key", "openai-organization", "cookie"],
        decode_compressed_response=True,
    )
