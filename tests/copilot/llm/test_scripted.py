import json

import pytest

from copilot.llm.errors import LLMUnavailable
from copilot.llm.planning import PlanProposal, propose_plan
from copilot.llm.scripted import ScriptedLLM
from prompts.registry import load_prompt

CODES = ["GL", "PI", "CYBER"]
PROPOSAL = PlanProposal(intent="recommend", products=["CYBER"], channel=None, tools=["quote"])
DRAFT_VARS = {
    "facts": {"email": "a@b.se", "premium_eur": 1850},
    "documents": "(none)",
    "request": "x",
    "insurer": "Fjord",
    "language": "Swedish",
    "words": "180 words",
    "reference": "Hej Sarah,",
}


def test_scripted_plan_goes_through_the_same_checks() -> None:
    plan = propose_plan(ScriptedLLM({"plan": PROPOSAL}), "What to offer?", CODES).parsed
    assert (plan.intent, plan.tools, plan.source) == ("recommend", ["quote"], "llm")


def test_scripted_fault_is_raised() -> None:
    llm = ScriptedLLM({"plan": LLMUnavailable("timeout", "scripted")})
    with pytest.raises(LLMUnavailable) as caught:
        propose_plan(llm, "What to offer?", CODES)
    assert caught.value.reason == "timeout"


def test_scripted_answers_in_a_list_are_used_in_order() -> None:
    llm = ScriptedLLM({"draft_email": ["first", "second"]})
    texts = [llm.complete(load_prompt("draft_email"), DRAFT_VARS).text for _ in range(2)]
    assert texts == ["first", "second"]


def test_scripted_calls_record_the_minimised_messages() -> None:
    llm = ScriptedLLM({"draft_email": "Hello"})
    llm.complete(load_prompt("draft_email"), DRAFT_VARS)
    assert "a@b.se" not in json.dumps(llm.calls[0].messages)


def test_scripted_stream_yields_the_text_word_by_word() -> None:
    stream = ScriptedLLM({"draft_email": "Hello there Anna"}).stream(
        load_prompt("draft_email"), DRAFT_VARS
    )
    assert (list(stream), stream.generation.text) == (
        ["Hello", " there", " Anna"],
        "Hello there Anna",
    )


def test_scripted_missing_answer_is_an_empty_fault() -> None:
    with pytest.raises(LLMUnavailable) as caught:
        ScriptedLLM({}).complete(load_prompt("draft_email"), DRAFT_VARS)
    assert caught.value.reason == "empty"
