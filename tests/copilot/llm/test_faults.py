"""Every failure of the endpoint or the output maps to one typed LLMUnavailable reason."""

import json
from collections.abc import Callable

import httpx2
import pytest

from copilot.llm.client import LLMClient
from copilot.llm.errors import LLMUnavailable
from copilot.llm.planning import PlanProposal
from prompts.registry import load_prompt
from tests.copilot.llm.conftest import chat_response

PLAN_VARS = {"message": "What is PI?", "products": "PI"}
Build = Callable[..., LLMClient]


def _status(code: int) -> Callable[[httpx2.Request], httpx2.Response]:
    return lambda request: httpx2.Response(code, json={"error": {"message": f"status {code}"}})


def _content(content: str | None, finish: str = "stop") -> Callable[..., httpx2.Response]:
    return lambda request: httpx2.Response(200, json=chat_response(content, finish))


def _raise(error: Exception) -> Callable[[httpx2.Request], httpx2.Response]:
    def handler(request: httpx2.Request) -> httpx2.Response:
        raise error

    return handler


def _fault(llm: LLMClient) -> LLMUnavailable:
    with pytest.raises(LLMUnavailable) as caught:
        llm.structured(load_prompt("plan"), PLAN_VARS, PlanProposal)
    return caught.value


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (429, "rate_limited"),
        (500, "server_error"),
        (503, "server_error"),
        (400, "rejected"),
        (401, "rejected"),
    ],
)
def test_http_status_maps_to_reason(scripted_llm: Build, code: int, reason: str) -> None:
    assert _fault(scripted_llm(_status(code))).reason == reason


def test_read_timeout_maps_to_timeout(scripted_llm: Build) -> None:
    assert _fault(scripted_llm(_raise(httpx2.ReadTimeout("slow")))).reason == "timeout"


def test_refused_connection_maps_to_connection(scripted_llm: Build) -> None:
    assert _fault(scripted_llm(_raise(httpx2.ConnectError("refused")))).reason == "connection"


def test_garbage_body_maps_to_malformed(scripted_llm: Build) -> None:
    def garbage(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, content=b"<html>proxy error</html>")

    assert _fault(scripted_llm(garbage)).reason == "malformed"


def test_non_json_content_maps_to_malformed(scripted_llm: Build) -> None:
    assert _fault(scripted_llm(_content("Sure! The intent is recommend."))).reason == "malformed"


def test_schema_invalid_json_maps_to_malformed(scripted_llm: Build) -> None:
    answer = json.dumps({"intent": "sell_everything", "products": [], "channel": None, "tools": []})
    assert _fault(scripted_llm(_content(answer))).reason == "malformed"


def test_blank_content_maps_to_empty(scripted_llm: Build) -> None:
    assert _fault(scripted_llm(_content("  "))).reason == "empty"


def test_missing_content_maps_to_empty_for_text(scripted_llm: Build) -> None:
    llm = scripted_llm(_content(None))
    with pytest.raises(LLMUnavailable) as caught:
        llm.complete(
            load_prompt("draft_email"),
            {
                "facts": {},
                "documents": "",
                "request": "x",
                "insurer": "Fjord",
                "language": "English",
                "words": "180 words",
                "reference": "Hi,",
            },
        )
    assert caught.value.reason == "empty"


def test_sdk_retry_is_the_only_retry_layer(scripted_llm: Build) -> None:
    calls: list[int] = []

    def failing(request: httpx2.Request) -> httpx2.Response:
        calls.append(1)
        return httpx2.Response(
            500, json={"error": {"message": "boom"}}, headers={"retry-after-ms": "1"}
        )

    _fault(scripted_llm(failing, max_retries=1))
    assert len(calls) == 2


def test_fault_message_tells_the_advisor_why() -> None:
    assert "rate limiting" in str(LLMUnavailable("rate_limited", "HTTP 429"))


def test_a_body_that_is_not_json_maps_to_malformed(scripted_llm: Build) -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(
            200, content=b'{"choices": [ not json', headers={"content-type": "application/json"}
        )

    assert _fault(scripted_llm(handler)).reason == "malformed"
