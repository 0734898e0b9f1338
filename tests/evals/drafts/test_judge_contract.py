"""Contract: the usefulness judge's three votes on a Swedish draft, replayed from real llama.cpp
recordings (``tests/cassettes/judge_draft_sv.yaml``).

The three requests are identical (same prompt, draft and rubric; temperature 0.7), so the
cassette holds the three answers the server gave, in order. The verdict is the majority.
"""

from __future__ import annotations

import json
from pathlib import Path

import vcr
import yaml

from copilot.llm.client import LLMClient
from evals.drafts.dataset import load_dataset
from evals.drafts.judge import VOTES, judge_draft
from prompts.budget import approx_message_tokens
from prompts.registry import load_prompt
from tests.copilot.llm.conftest import CASSETTES, cassette_vcr, recorded_llm

__all__ = ["cassette_vcr", "recorded_llm"]  # the contract fixtures, shared with tests/copilot/llm

CASSETTE = "judge_draft_sv.yaml"
DRAFT_SV = (Path(__file__).parent / "judge_draft_sv.txt").read_text(encoding="utf-8")
"""The offline Swedish e-mail to Sarah of the drafts suite's first case (markers removed)."""


def test_the_recorded_judge_votes_three_times_on_the_rubric(
    recorded_llm: LLMClient, cassette_vcr: vcr.VCR
) -> None:
    rubric = load_dataset().cases[0].rubric
    with cassette_vcr.use_cassette(CASSETTE):
        verdict = judge_draft(recorded_llm, DRAFT_SV, "email", "sv", rubric)

    assert verdict.votes == VOTES
    assert set(verdict.met) == {criterion.id for criterion in rubric}
    # Recorded: single votes disagreed (one missed the greeting, one the trigger and the next
    # step); the majority marks every criterion of this draft met.
    assert all(verdict.met.values()), verdict.met
    assert (verdict.prompt.id, verdict.prompt.version) == ("judge_draft", 1)


def test_the_recorded_judge_requests_fit_the_budget_the_server_counted() -> None:
    document = yaml.safe_load((CASSETTES / CASSETTE).read_text(encoding="utf-8"))
    interactions = document["interactions"]
    budget = load_prompt("judge_draft").max_prompt_tokens

    assert len(interactions) == VOTES
    for interaction in interactions:
        body = json.loads(interaction["request"]["body"])
        served = json.loads(interaction["response"]["body"]["string"])["usage"]["prompt_tokens"]
        assert served <= approx_message_tokens(body["messages"]) <= budget
