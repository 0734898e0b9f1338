import json
from collections.abc import Callable

import httpx2
import pytest

from copilot.llm.client import LLMClient
from copilot.llm.errors import LLMUnavailable
from copilot.llm.planning import PlanProposal, check_proposal, propose_plan
from tests.copilot.llm.conftest import chat_response

CODES = ["GL", "PI", "CYBER"]
Build = Callable[..., LLMClient]


def _proposal(**overrides: object) -> PlanProposal:
    fields: dict[str, object] = {
        "intent": "recommend",
        "products": ["CYBER"],
        "channel": None,
        "tools": ["coverage_gaps"],
    }
    return PlanProposal.model_validate({**fields, **overrides})


def test_check_proposal_marks_the_plan_as_llm_made() -> None:
    assert check_proposal(_proposal(), CODES).source == "llm"


def test_check_proposal_removes_duplicate_tools_keeping_order() -> None:
    plan = check_proposal(_proposal(tools=["quote", "coverage_gaps", "quote"]), CODES)
    assert plan.tools == ["quote", "coverage_gaps"]


def test_check_proposal_rejects_a_tool_outside_toolname() -> None:
    with pytest.raises(LLMUnavailable) as caught:
        check_proposal(_proposal(tools=["send_email"]), CODES)
    assert caught.value.reason == "invalid_plan"


def test_check_proposal_rejects_a_product_outside_the_catalogue() -> None:
    with pytest.raises(LLMUnavailable) as caught:
        check_proposal(_proposal(products=["CRYPTO"]), CODES)
    assert caught.value.reason == "invalid_plan"


def test_propose_plan_maps_an_unknown_tool_from_the_server_to_invalid_plan(
    scripted_llm: Build,
) -> None:
    answer = json.dumps(
        {"intent": "recommend", "products": [], "channel": None, "tools": ["delete_customer"]}
    )
    llm = scripted_llm(lambda request: httpx2.Response(200, json=chat_response(answer)))
    with pytest.raises(LLMUnavailable) as caught:
        propose_plan(llm, "What should I offer?", CODES)
    assert caught.value.reason == "invalid_plan"


def test_propose_plan_returns_the_plan_prompt_ref(scripted_llm: Build) -> None:
    answer = json.dumps({"intent": "recommend", "products": [], "channel": None, "tools": []})
    llm = scripted_llm(lambda request: httpx2.Response(200, json=chat_response(answer)))
    assert propose_plan(llm, "What should I offer?", CODES).prompt.id == "plan"
