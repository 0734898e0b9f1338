"""Node 7: wait for the advisor's decision on the draft (the graph stops here until resumed)."""

from __future__ import annotations

from typing import Any, Literal

from langgraph.runtime import Runtime
from langgraph.types import interrupt
from pydantic_core import to_jsonable_python

from copilot.context import RunContext
from copilot.review.policy import review_reasons
from copilot.state import ApprovalDecision, TurnState


def approval_request(state: TurnState) -> dict[str, Any]:
    """Return what the advisor sees: the draft, its findings, its evidence, review notes."""
    review = state.get("review")
    return to_jsonable_python(
        {
            "approval_id": state["request_id"],
            "step": "advisor",
            "draft": state["draft"],
            "escalated": bool(state.get("escalated")),
            "findings": state["compliance"].findings,
            "rule_pack": state["compliance"].rule_pack,
            "citations": [
                c for c in state.get("chunks", []) if c.chunk_id in state["draft"].citations
            ],
            "recommendations": state.get("recommendations", []),
            "changes_requested": review.comment if review is not None else None,
        }
    )


def await_approval(state: TurnState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    """Interrupt with the draft and its evidence; resume with approve / edit / reject.

    Nothing with side effects happens before ``interrupt()``: the node re-runs from its top
    when the turn is resumed (possibly days later, in another process).
    """
    decision = ApprovalDecision.model_validate(interrupt(approval_request(state)))
    reasons = []
    if decision.decision != "reject":
        reasons = review_reasons(state, runtime.context.settings.review_sample_rate)
    return {"decision": decision, "decisions": [decision], "review_reasons": reasons}


def route_after_approval(
    state: TurnState,
) -> Literal["record_outcome", "await_review", "release_message"]:
    """Reject -> record it; review needed -> compliance first; else -> out it goes."""
    if state["decision"].decision == "reject":
        return "record_outcome"
    return "await_review" if state.get("review_reasons") else "release_message"
