"""Node 8: wait for compliance's decision on a draft the advisor approved (maker-checker)."""

from __future__ import annotations

from typing import Any, Literal

from langgraph.types import interrupt

from copilot.nodes.await_approval import approval_request
from copilot.state import ReviewDecision, TurnState


def await_review(state: TurnState) -> dict[str, Any]:
    """Interrupt for compliance; resume with approve / reject / request changes.

    Nothing with side effects happens before ``interrupt()`` (the node re-runs on resume).
    """
    request = approval_request(state) | {
        "step": "compliance",
        "advisor_decision": state["decision"].model_dump(mode="json"),
        "queued_because": list(state.get("review_reasons", [])),
    }
    review = ReviewDecision.model_validate(interrupt(request))
    return {"review": review, "decisions": [review]}


def route_after_review(
    state: TurnState,
) -> Literal["release_message", "record_outcome", "await_approval"]:
    """Approve -> out it goes; reject -> record it; changes requested -> back to the advisor."""
    verdict = state["review"].decision
    if verdict == "approve":
        return "release_message"
    return "record_outcome" if verdict == "reject" else "await_approval"
