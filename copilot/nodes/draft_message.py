"""Node 5: draft the message (LLM or offline templates), streaming tokens to the caller."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from copilot.context import RunContext
from copilot.drafting.writer import write_draft
from copilot.state import TurnState


def draft_message(state: TurnState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Write the first draft: every cover claim cites a retrieved chunk, every figure a tool."""
    context = runtime.context
    return write_draft(state, context.llm, context.settings.insurer_name, runtime.stream_writer)
