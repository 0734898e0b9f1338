"""Contract: a json_schema plan call replayed from a real llama.cpp recording."""

import hashlib

import pytest
import vcr

from copilot.llm.client import LLMClient
from copilot.llm.errors import LLMUnavailable
from copilot.llm.planning import PlanProposal, propose_plan
from prompts.registry import PROMPTS_DIR, load_prompt
from tests.copilot.llm.contract_data import PLAN_MESSAGE
from tools.catalogue.loader import load_catalogue


def test_recorded_plan_is_schema_valid_and_traced(
    recorded_llm: LLMClient, cassette_vcr: vcr.VCR
) -> None:
    with cassette_vcr.use_cassette("plan_draft_outreach.yaml"):
        answer = propose_plan(recorded_llm, PLAN_MESSAGE, load_catalogue().codes)
    plan_file = (PROMPTS_DIR / "plan.v1.md").read_bytes()
    assert answer.parsed.source == "llm"
    assert answer.prompt.sha256 == hashlib.sha256(plan_file).hexdigest()
    assert answer.usage is not None and answer.usage.completion_tokens > 0


def test_recorded_plan_classifies_an_email_request(
    recorded_llm: LLMClient, cassette_vcr: vcr.VCR
) -> None:
    with cassette_vcr.use_cassette("plan_draft_outreach.yaml"):
        plan = propose_plan(recorded_llm, PLAN_MESSAGE, load_catalogue().codes).parsed
    assert (plan.intent, plan.products, plan.channel) == ("draft_outreach", ["CYBER"], "email")


def test_recorded_plan_names_only_known_tools_in_order(
    recorded_llm: LLMClient, cassette_vcr: vcr.VCR
) -> None:
    with cassette_vcr.use_cassette("plan_draft_outreach.yaml"):
        plan = propose_plan(recorded_llm, PLAN_MESSAGE, load_catalogue().codes).parsed
    assert plan.tools == ["customer_profile", "coverage_gaps", "next_best_actions"]


def test_recorded_truncated_json_is_malformed(
    recorded_llm: LLMClient, cassette_vcr: vcr.VCR
) -> None:
    # Recorded honestly: the real server stopped at max_tokens=8 mid-JSON.
    variables = {"message": PLAN_MESSAGE, "products": "GL, PI, CYBER"}
    with (
        cassette_vcr.use_cassette("plan_truncated.yaml"),
        pytest.raises(LLMUnavailable) as caught,
    ):
        recorded_llm.structured(load_prompt("plan"), variables, PlanProposal, max_tokens=8)
    assert caught.value.reason == "malformed"
    assert "max_tokens" in caught.value.detail


def test_a_request_over_the_plans_budget_is_refused_before_sending(
    recorded_llm: LLMClient, cassette_vcr: vcr.VCR
) -> None:
    # llama.cpp answers 400 when a prompt exceeds n_ctx (4096); the adapter now refuses any
    # request over the prompt's budget itself, so nothing is sent (the cassette is empty).
    variables = {"message": "cover " * 4500, "products": "GL"}
    with (
        cassette_vcr.use_cassette("plan_draft_outreach.yaml"),
        pytest.raises(LLMUnavailable) as caught,
    ):
        recorded_llm.structured(load_prompt("plan"), variables, PlanProposal)
    assert caught.value.reason == "too_long"
    assert "budget 1200" in caught.value.detail
