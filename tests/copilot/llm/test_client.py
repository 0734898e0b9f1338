"""The adapter's calls: provenance, structured parsing, streaming, and what goes on the wire."""

import json
from collections.abc import Callable

import httpx2
import pytest

from copilot.llm.client import LLMClient, build_llm, prepare_variables
from copilot.llm.errors import LLMUnavailable
from copilot.llm.planning import PlanProposal
from prompts.registry import load_prompt
from tests.copilot.llm.conftest import chat_response, sse_body
from tools.foundation.settings import Settings

Build = Callable[..., LLMClient]
PLAN_JSON = json.dumps(
    {"intent": "product_question", "products": ["PI"], "channel": None, "tools": []}
)
DRAFT_VARS = {
    "facts": {"premium_eur": 1850},
    "documents": "(none)",
    "request": "x",
    "insurer": "Fjord Mutual Insurance Ltd",
    "language": "English",
    "words": "180 words",
    "reference": "Hi Sarah,",
}


class _Recorder:
    def __init__(self, response: httpx2.Response) -> None:
        self.response = response
        self.bodies: list[dict] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.bodies.append(json.loads(request.content))
        return self.response


def test_build_llm_returns_none_without_an_endpoint() -> None:
    assert build_llm(Settings(llm_base_url=None)) is None


def test_build_llm_returns_a_client_for_an_endpoint() -> None:
    assert isinstance(build_llm(Settings(llm_base_url="http://127.0.0.1:1/v1")), LLMClient)


def test_structured_returns_the_parsed_model_and_prompt_ref(scripted_llm: Build) -> None:
    llm = scripted_llm(_Recorder(httpx2.Response(200, json=chat_response(PLAN_JSON))))
    answer = llm.structured(
        load_prompt("plan"), {"message": "What is PI?", "products": "PI"}, PlanProposal
    )
    assert answer.parsed.intent == "product_question"
    assert answer.prompt == load_prompt("plan").ref


def test_structured_sends_a_strict_json_schema(scripted_llm: Build) -> None:
    recorder = _Recorder(httpx2.Response(200, json=chat_response(PLAN_JSON)))
    scripted_llm(recorder).structured(
        load_prompt("plan"), {"message": "m", "products": "PI"}, PlanProposal
    )
    assert recorder.bodies[0]["response_format"]["json_schema"]["strict"] is True


def test_complete_uses_the_prompts_token_cap(scripted_llm: Build) -> None:
    recorder = _Recorder(httpx2.Response(200, json=chat_response("Hello")))
    scripted_llm(recorder).complete(load_prompt("draft_email"), DRAFT_VARS)
    assert recorder.bodies[0]["max_tokens"] == load_prompt("draft_email").max_tokens


def test_complete_records_model_usage_and_latency(scripted_llm: Build) -> None:
    llm = scripted_llm(_Recorder(httpx2.Response(200, json=chat_response("Hello"))))
    draft = llm.complete(load_prompt("draft_email"), DRAFT_VARS)
    assert (draft.model, draft.usage is not None, draft.latency_ms >= 0) == (
        "scripted-model",
        True,
        True,
    )


def test_personal_data_never_reaches_the_request_body(scripted_llm: Build) -> None:
    recorder = _Recorder(httpx2.Response(200, json=chat_response("Hello")))
    variables = {
        **DRAFT_VARS,
        "facts": {"email": "a@b.se", "notes": "x", "premium_eur": 1850},
        "request": "mail a@b.se, ring +46 70 123 45 67, pnr 850612-1234",
    }
    scripted_llm(recorder).complete(load_prompt("draft_email"), variables)
    body = json.dumps(recorder.bodies[0])
    assert not [s for s in ("a@b.se", "123 45 67", "850612-1234", "notes") if s in body]


def test_stream_yields_deltas_then_the_whole_generation(scripted_llm: Build) -> None:
    response = httpx2.Response(
        200, content=sse_body(["Hel", "lo", "!"]), headers={"content-type": "text/event-stream"}
    )
    stream = scripted_llm(_Recorder(response)).stream(load_prompt("draft_email"), DRAFT_VARS)
    assert (list(stream), stream.generation.text) == (["Hel", "lo", "!"], "Hello!")


def test_prepare_variables_serialises_facts_as_minimised_json() -> None:
    prepared = prepare_variables({"facts": {"notes": "x", "premium_eur": 1850}})
    assert json.loads(prepared["facts"]) == {"premium_eur": 1850}


def test_stream_without_text_raises_empty(scripted_llm: Build) -> None:
    response = httpx2.Response(
        200, content=sse_body([""]), headers={"content-type": "text/event-stream"}
    )
    stream = scripted_llm(_Recorder(response)).stream(load_prompt("draft_email"), DRAFT_VARS)
    with pytest.raises(LLMUnavailable) as caught:
        list(stream)
    assert caught.value.reason == "empty"


def test_stream_generation_is_unavailable_before_iteration(scripted_llm: Build) -> None:
    response = httpx2.Response(
        200, content=sse_body(["Hi"]), headers={"content-type": "text/event-stream"}
    )
    stream = scripted_llm(_Recorder(response)).stream(load_prompt("draft_email"), DRAFT_VARS)
    with pytest.raises(RuntimeError):
        _ = stream.generation


def test_stream_to_a_refused_endpoint_fails_before_any_token(scripted_llm: Build) -> None:
    def refuse(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ConnectError("refused")

    with pytest.raises(LLMUnavailable) as caught:
        scripted_llm(refuse).stream(load_prompt("draft_email"), DRAFT_VARS)
    assert caught.value.reason == "connection"


def test_error_event_mid_stream_maps_to_server_error(scripted_llm: Build) -> None:
    body = sse_body(["Hel"]).replace(
        b"data: [DONE]", b'event: error\ndata: {"error": {"message": "slot crashed"}}'
    )
    response = httpx2.Response(200, content=body, headers={"content-type": "text/event-stream"})
    stream = scripted_llm(_Recorder(response)).stream(load_prompt("draft_email"), DRAFT_VARS)
    with pytest.raises(LLMUnavailable) as caught:
        list(stream)
    assert caught.value.reason == "server_error"
