"""The one automatic revision after the gate failed a draft."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from copilot.context import RunContext
from copilot.drafting.writer import write_draft
from copilot.state import TurnState


def revise_draft(state: TurnState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Revise once: the LLM gets the findings; the offline drafter writes a review invitation.

    The offline revision drops offers and prices (an invitation to a cover review), which
    removes every selling finding; findings it cannot fix (consent, objection) go to a human.
    """
    context = runtime.context
    findings = [
        f"{f.rule}: {f.message}" for f in state["compliance"].findings if f.severity == "block"
    ]
    return write_draft(
        state,
        context.llm,
        context.settings.insurer_name,
        runtime.stream_writer,
        attempt=state["draft"].attempt + 1,
        findings=findings,
        sell=False,
    )
