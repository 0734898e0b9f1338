"""Node progress and draft tokens stream to the caller before the result."""

from __future__ import annotations

import json

from copilot.events import DraftTokenEvent, NodeEvent, ResultEvent
from tests.copilot.conftest import NOW, SEED_ADVISOR, ScriptedLLM, unavailable
from tests.copilot.graph.test_compliance_loop import PLAN
from tests.copilot.turns import stream_turn
from tools.foundation.settings import Settings


def test_stream_yields_nodes_in_order_then_tokens_then_the_result(
    shared_settings: Settings,
) -> None:
    events = list(
        stream_turn(shared_settings, SEED_ADVISOR, "S000002", "Draft an email", now=NOW, llm=None)
    )

    nodes = [e.node for e in events if isinstance(e, NodeEvent)]
    tokens = "".join(e.text for e in events if isinstance(e, DraftTokenEvent))
    assert nodes[:6] == [
        "understand_request",
        "gather_facts",
        "recommend_actions",
        "retrieve_knowledge",
        "draft_message",
        "check_compliance",
    ]
    last = events[-1]
    assert isinstance(last, ResultEvent) and last.result.draft is not None
    assert tokens.strip() == last.result.draft.text.split("\n\n", 1)[-1].strip()


def test_every_event_has_a_kind_and_serialises_to_json(shared_settings: Settings) -> None:
    events = list(
        stream_turn(shared_settings, SEED_ADVISOR, "S000002", "Draft an email", now=NOW, llm=None)
    )

    kinds = {e.event for e in events}
    assert {"node", "draft_token", "result"} <= kinds
    assert all(json.loads(e.model_dump_json())["event"] == e.event for e in events)


def test_stream_broken_mid_draft_resets_and_finishes_offline(shared_settings: Settings) -> None:
    llm = ScriptedLLM(plans=[PLAN], drafts=[("Subject: Marketing", unavailable("connection"))])

    events = list(
        stream_turn(shared_settings, SEED_ADVISOR, "S000002", "email about cyber", now=NOW, llm=llm)
    )

    kinds = [e.event for e in events]
    assert kinds.index("draft_reset") > kinds.index("draft_token")
    assert "notice" in kinds  # the fallback is announced while it happens
    last = events[-1]
    assert isinstance(last, ResultEvent) and last.result.draft is not None
    result = last.result
    assert result.draft.source == "offline" and result.llm.fallback and result.passed
