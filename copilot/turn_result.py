"""The JSON contract of one turn (``copilot ask --json``) and of an approval."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from copilot.compliance.models import Finding
from copilot.plan import Channel, Plan
from copilot.records.outcome import full_text
from copilot.state import ContactFacts, Recommendation, SuppressedAction, ToolError, TurnState
from prompts.registry import PromptRef


class DraftPublic(BaseModel):
    """The draft as the advisor sees it."""

    channel: Channel = Field(description="Outreach format.")
    language: str = Field(description="Language code of the text.")
    subject: str | None = Field(None, description="Subject line (emails).")
    text: str = Field(description="The message text (subject line first for emails).")
    citations: list[str] = Field(description="Chunk ids the text cites.")
    source: str = Field(description="offline or llm.")
    prompt: PromptRef = Field(description="Prompt or template id, version and hash.")
    attempt: int = Field(description="1 = first draft, 2 = revised after the gate.")


class LLMUse(BaseModel):
    """Which language model the turn used."""

    model: str = Field(description="`offline` or the model name.")
    fallback: bool = Field(description="A model fault made the turn fall back to offline.")


class TurnResult(BaseModel):
    """One turn's answer: plan, tools, recommendations, draft, findings, approval id."""

    request_id: str = Field(description="Id of the turn (also its thread id).")
    advisor_id: str = Field(description="Advisor who asked (from the request).")
    customer_id: str = Field(description="Customer the turn is about (from the request).")
    plan: Plan = Field(description="The understood request.")
    recipient: ContactFacts | None = Field(
        None,
        description="The contact person the message is addressed to (the requested one, else"
        " the primary contact); null when the customer has no contacts.",
    )
    tools_called: list[str] = Field(description="Tool names in the order they ran.")
    tool_errors: list[ToolError] = Field(description="Expected tool errors the turn went past.")
    recommendations: list[Recommendation] = Field(
        description="Chosen product recommendations (not held), ranked 1..n."
    )
    actions: list[Recommendation] = Field(
        description="Every chosen next-best action with a product (reviews too), arbitration rank."
    )
    suppressed: list[SuppressedAction] = Field(description="Suppressed candidates and rules.")
    draft: DraftPublic | None = Field(description="The draft awaiting approval.")
    passed: bool = Field(description="The draft passed the compliance gate.")
    escalated: bool = Field(description="Failed the gate twice: a person must edit or reject.")
    findings: list[Finding] = Field(description="The gate's findings on the draft.")
    rule_pack: str | None = Field(description="Rule pack id@version applied by the gate.")
    approval_id: str | None = Field(description="Id to pass to `copilot approve`; null if none.")
    llm: LLMUse = Field(description="offline or the model, and whether a fallback happened.")
    notices: list[str] = Field(description="Messages for the advisor (fallbacks, escalation).")
    tool_seconds: float = Field(description="Time spent inside tools and retrieval.")


class ApprovalResult(BaseModel):
    """The recorded decision on a pending turn."""

    approval_id: str = Field(description="The approval that was decided.")
    decision: str = Field(description="approve, edit or reject.")
    reviewer: str = Field(description="Who decided.")
    reason: str = Field(description="Why.")
    decided_at: datetime = Field(description="When.")
    record_id: str | None = Field(description="Id the records are stored under (when final).")
    status: str = Field(
        description="pending (back to the advisor), in_review (waiting for compliance),"
        " approved, edited or rejected."
    )
    released: bool = Field(description="The message went to the outbox.")


def _draft_public(state: TurnState) -> DraftPublic | None:
    draft = state.get("draft")
    if draft is None:
        return None
    text = full_text(draft)
    return DraftPublic(
        channel=draft.channel,
        language=draft.language,
        subject=draft.subject,
        text=text,
        citations=draft.citations,
        source=draft.source,
        prompt=draft.prompt,
        attempt=draft.attempt,
    )


def turn_result(state: TurnState, *, waiting: bool, model: str | None) -> TurnResult:
    """Build the contract from the final (or interrupted) state of a turn."""
    report = state.get("compliance")
    fallback = bool(state.get("llm_fallback"))
    draft = state.get("draft")
    used = draft.model if draft is not None and draft.source == "llm" else None
    return TurnResult(
        request_id=state["request_id"],
        advisor_id=state["advisor_id"],
        customer_id=state["customer_id"],
        plan=state["plan"],
        recipient=state.get("recipient"),
        tools_called=state.get("tools_called", []),
        tool_errors=state.get("tool_errors", []),
        recommendations=state.get("recommendations", []),
        actions=state.get("actions", []),
        suppressed=state.get("suppressed", []),
        draft=_draft_public(state),
        passed=bool(report and report.passed),
        escalated=bool(state.get("escalated")),
        findings=report.findings if report else [],
        rule_pack=f"{report.rule_pack.id}@{report.rule_pack.version}" if report else None,
        approval_id=state["request_id"] if waiting else None,
        llm=LLMUse(
            model=used or ("offline" if fallback or model is None else model), fallback=fallback
        ),
        notices=state.get("notices", []),
        tool_seconds=round(state.get("tool_seconds", 0.0), 4),
    )
