"""Each intent takes its own path through the real graph (offline router and drafter)."""

from __future__ import annotations

import pytest

from copilot.drafting.templates import load_phrases
from copilot.drafting.why_now import product_name
from tests.copilot.conftest import NOW, SEED_ADVISOR
from tests.copilot.turns import run_turn
from tools.foundation.db import session_scope
from tools.foundation.settings import Settings
from tools.gaps import coverage_gaps

CASES = [
    ("What should I offer this customer?", "recommend", ["arbitrate", "quote"], None),
    (
        "Which coverage gaps does this customer have?",
        "explain_gap",
        ["coverage_gaps"],
        "talking_points",
    ),
    (
        "What does cyber insurance exclude?",
        "product_question",
        ["check_eligibility"],
        "talking_points",
    ),
    (
        "Are we allowed to contact them under the consent rules?",
        "compliance_question",
        [],
        "talking_points",
    ),
    ("Draft an email about cyber", "draft_outreach", ["arbitrate", "quote"], "email"),
    (
        "Prepare a call script for my meeting",
        "prepare_call",
        ["churn_clv", "arbitrate"],
        "call_script",
    ),
    ("Get me ready for the renewal", "renewal_prep", ["churn_clv", "risk_profile"], None),
]


@pytest.mark.parametrize(("message", "intent", "tools", "channel"), CASES)
def test_intent_runs_its_tools_and_drafts(
    shared_settings: Settings, message: str, intent: str, tools: list[str], channel: str | None
) -> None:
    result = run_turn(shared_settings, SEED_ADVISOR, "S000001", message, now=NOW, llm=None)

    assert result.plan.intent == intent
    assert result.tools_called[0] == "contact_policy"
    assert set(tools) <= set(result.tools_called)
    assert set(result.tools_called) - {"contact_policy"} <= set(result.plan.tools)
    assert result.draft is not None
    if channel:
        assert result.draft.channel == channel
    assert result.approval_id == result.request_id
    assert result.tool_errors == []


def test_advisor_only_intents_do_not_arbitrate(shared_settings: Settings) -> None:
    result = run_turn(
        shared_settings, SEED_ADVISOR, "S000001", "Which gaps does it have?", now=NOW, llm=None
    )

    assert "arbitrate" not in result.tools_called
    assert result.recommendations == []


def test_offline_turn_passes_the_gate_and_cites_retrieved_chunks(shared_settings: Settings) -> None:
    result = run_turn(
        shared_settings, SEED_ADVISOR, "S000002", "Draft an email about cyber", now=NOW, llm=None
    )

    assert result.passed, result.findings
    assert result.draft is not None and result.draft.citations
    assert all(f"[{cid}]" in result.draft.text for cid in result.draft.citations)
    assert result.llm.model == "offline" and not result.llm.fallback


def test_gap_explanation_lists_the_top_gaps_from_the_tool(shared_settings: Settings) -> None:
    with session_scope(shared_settings) as session:
        top = coverage_gaps(session, "S000001", now=NOW).gaps[0]

    result = run_turn(
        shared_settings, SEED_ADVISOR, "S000001", "Which gaps does it have?", now=NOW, llm=None
    )

    why = load_phrases("sv").gaps[top.kind]  # the customer's language, the tool's gap kind
    assert result.draft is not None and result.draft.language == "sv"
    assert f"{product_name(top.product, 'sv')}: {why}" in result.draft.text
    assert result.passed, result.findings
