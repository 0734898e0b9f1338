"""An LLM fault never reaches the advisor: the turn completes offline and says so."""

from __future__ import annotations

from tests.copilot.conftest import NOW, SEED_ADVISOR, ScriptedLLM, unavailable
from tests.copilot.graph.test_compliance_loop import PLAN
from tests.copilot.turns import run_turn
from tools.foundation.settings import Settings


def test_planning_timeout_falls_back_to_the_router(shared_settings: Settings) -> None:
    llm = ScriptedLLM(plans=[unavailable("timeout")])

    result = run_turn(shared_settings, SEED_ADVISOR, "S000002", "Draft an email", now=NOW, llm=llm)

    assert result.plan.source == "router"
    assert result.llm.fallback and result.llm.model == "offline"
    assert result.draft is not None and result.draft.source == "offline"
    assert result.passed
    assert any("did not answer in time" in notice for notice in result.notices)


def test_plan_naming_an_unknown_tool_falls_back(shared_settings: Settings) -> None:
    llm = ScriptedLLM(plans=[{**PLAN, "tools": ["send_email", "quote"]}])

    result = run_turn(shared_settings, SEED_ADVISOR, "S000002", "Draft an email", now=NOW, llm=llm)

    assert result.plan.source == "router"
    assert "send_email" not in result.tools_called
    assert result.llm.fallback
    assert any("unknown tools" in notice for notice in result.notices)


def test_draft_server_error_falls_back_to_the_offline_drafter(shared_settings: Settings) -> None:
    llm = ScriptedLLM(plans=[PLAN], drafts=[unavailable("server_error")])

    result = run_turn(
        shared_settings, SEED_ADVISOR, "S000002", "email about cyber", now=NOW, llm=llm
    )

    assert result.plan.source == "llm"
    assert result.draft is not None and result.draft.source == "offline"
    assert result.llm.fallback
    assert result.passed
