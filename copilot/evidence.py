"""What a reviewer sees of a turn: the draft with its full evidence, pending or decided."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from copilot.compliance.models import ComplianceReport
from copilot.plan import Plan
from copilot.records.models import ApprovalRecord
from copilot.state import (
    ApprovalDecision,
    ContactFacts,
    Draft,
    Recommendation,
    ReviewDecision,
    SuppressedAction,
    ToolError,
    TurnState,
)
from copilot.turn_facts import turn_facts
from knowledge import Chunk


class TurnSummary(BaseModel):
    """One turn in a list (pending or escalated drafts, an advisor's recent drafts)."""

    approval_id: str = Field(description="Id of the turn and of its approval.")
    advisor_id: str = Field(description="Advisor who asked (from the authenticated request).")
    customer_id: str = Field(description="Customer the turn is about.")
    status: str = Field(description="pending, deciding, approved, edited or rejected.")
    escalated: bool = Field(description="Failed the gate twice: a person must edit or reject.")
    message: str = Field(description="The advisor's request.")
    created_at: datetime = Field(description="When the turn ran.")
    decided_at: datetime | None = Field(description="When it was decided, if it was.")
    reviewer: str | None = Field(description="Who decided, if anyone has.")


class TurnEvidence(TurnSummary):
    """A turn's draft with everything it rests on: facts, passages, rules, versions."""

    plan: Plan | None = Field(description="The understood request.")
    recipient: ContactFacts | None = Field(
        None, description="The contact person the message is addressed to, if any."
    )
    draft: Draft | None = Field(description="The draft awaiting (or past) the decision.")
    drafts: list[Draft] = Field(description="Every draft of the turn: first and revision.")
    compliance: ComplianceReport | None = Field(description="The gate's report on the draft.")
    facts: dict[str, Any] = Field(description="Every tool output of the turn, by tool name.")
    tools_called: list[str] = Field(description="Tools in the order they ran.")
    tool_errors: list[ToolError] = Field(description="Expected tool errors the turn went past.")
    citations: list[Chunk] = Field(description="The passages the draft cites.")
    recommendations: list[Recommendation] = Field(description="Ranked recommendations.")
    suppressed: list[SuppressedAction] = Field(description="Suppressed candidates, why not.")
    notices: list[str] = Field(description="Messages shown to the advisor.")
    reason: str | None = Field(description="The decision's reason, if decided.")
    decisions: list[ApprovalDecision | ReviewDecision] = Field(
        description="Every decision on the draft in order: the advisor's, then compliance's."
    )

    def latest_decisions(self) -> tuple[ApprovalDecision | None, ReviewDecision | None]:
        """Return the advisor's latest decision and compliance's on it (None: not yet).

        A draft sent back for changes and approved again starts a new round: compliance's
        earlier decision does not belong to the advisor's new one.
        """
        advisor: ApprovalDecision | None = None
        review: ReviewDecision | None = None
        for entry in self.decisions:
            if isinstance(entry, ApprovalDecision):
                advisor, review = entry, None
            else:
                review = entry
        return advisor, review


def summary(record: ApprovalRecord) -> TurnSummary:
    """Return the list entry of an approval row."""
    return TurnSummary(**_row(record))


def _row(record: ApprovalRecord) -> dict[str, Any]:
    return {
        "approval_id": record.id,
        "advisor_id": record.advisor_id,
        "customer_id": record.customer_id,
        "status": record.status,
        "escalated": record.escalated,
        "message": record.message,
        "created_at": record.created_at,
        "decided_at": record.decided_at,
        "reviewer": record.reviewer,
    }


def evidence(record: ApprovalRecord, state: TurnState) -> TurnEvidence:
    """Return a turn's evidence from its approval row and its checkpointed state."""
    draft = state.get("draft")
    cited = set(draft.citations) if draft is not None else set()
    return TurnEvidence(
        **_row(record),
        plan=state.get("plan"),
        recipient=state.get("recipient"),
        draft=draft,
        drafts=list(state.get("drafts", [])),
        compliance=state.get("compliance"),
        facts=turn_facts(state).jsonable(),
        tools_called=list(state.get("tools_called", [])),
        tool_errors=list(state.get("tool_errors", [])),
        citations=[c for c in state.get("chunks", []) if c.chunk_id in cited],
        recommendations=list(state.get("recommendations", [])),
        suppressed=list(state.get("suppressed", [])),
        notices=list(state.get("notices", [])),
        reason=record.reason,
        decisions=list(state.get("decisions", [])),
    )
