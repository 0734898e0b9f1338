"""Node progress and draft tokens stream to the caller before the result."""

from __future__ import annotations

from copilot.turn import stream_turn
from tests.copilot.conftest import NOW, SEED_ADVISOR, ScriptedLLM, unavailable
from tests.copilot.graph.test_compliance_loop import PLAN
from tools.foundation.settings import Settings


def test_stream_yields_nodes_in_order_then_tokens_then_the_result(
    shared_settings: Settings,
) -> None:
    events = list(
        stream_turn(shared_settings, SEED_ADVISOR, "S000002", "Draft an email", now=NOW, llm=None)
    )

    nodes = [e["node"] for e in events if e["event"] == "node"]
    tokens = "".join(e["text"] for e in events if e["event"] == "draft_token")
    assert nodes[:6] == [
        "understand_request",
        "gather_facts",
        "retrieve_knowledge",
        "recommend_actions",
        "draft_message",
        "check_compliance",
    ]
    assert events[-1]["event"] == "result"
    assert tokens.strip() == events[-1]["result"].draft.text.split("\n\n", 1)[-1].strip()


def test_stream_broken_mid_draft_resets_and_finishes_offline(shared_settings: Settings) -> None:
    llm = ScriptedLLM(plans=[PLAN], drafts=[("Subject: Marketing", unavailable("connection"))])

    events = list(
        stream_turn(shared_settings, SEED_ADVISOR, "S000002", "email about cyber", now=NOW, llm=llm)
    )

    kinds = [e["event"] for e in events]
    assert kinds.index("draft_reset") > kinds.index("draft_token")
    result = events[-1]["result"]
    assert result.draft.source == "offline" and result.llm.fallback and result.passed
