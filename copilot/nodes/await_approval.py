"""Node 7: wait for a human decision on the draft (the graph stops here until resumed)."""

from __future__ import annotations

from typing import Any

from langgraph.types import interrupt
from pydantic_core import to_jsonable_python

from copilot.state import ApprovalDecision, TurnState


def approval_request(state: TurnState) -> dict[str, Any]:
    """Return what the reviewer sees: the draft, its findings and its evidence."""
    return to_jsonable_python(
        {
            "approval_id": state["request_id"],
            "draft": state["draft"],
            "escalated": bool(state.get("escalated")),
            "findings": state["compliance"].findings,
            "rule_pack": state["compliance"].rule_pack,
            "citations": [
                c for c in state.get("chunks", []) if c.chunk_id in state["draft"].citations
            ],
            "recommendations": state.get("recommendations", []),
        }
    )


def await_approval(state: TurnState) -> dict[str, Any]:
    """Interrupt with the draft and its evidence; resume with approve / edit / reject.

    Nothing with side effects happens before ``interrupt()``: the node re-runs from its top
    when the turn is resumed (possibly days later, in another process).
    """
    answer = interrupt(approval_request(state))
    return {"decision": ApprovalDecision.model_validate(answer)}
