"""What a finished turn records: decisions, drafts, the edit diff, evidence and offers.

The offers as presented are recorded only when the message went out (the outbox).
"""

from __future__ import annotations

import difflib
from datetime import datetime
from typing import Any

from pydantic_core import to_jsonable_python
from sqlalchemy.orm import Session

from copilot.records.models import DecisionRecord, DraftRecord, EvidenceRecord
from copilot.records.presented import record_presented
from copilot.records.store import DECISION_STATUS, pending_approval
from copilot.router import router_words
from copilot.state import ApprovalDecision, Draft, ReviewDecision, TurnState
from copilot.turn_facts import turn_facts
from tools.book.models import Offer


def full_text(draft: Draft) -> str:
    """Return the draft as one text: subject line (if any) and body."""
    return f"Subject: {draft.subject}\n\n{draft.body}" if draft.subject else draft.body


def edit_diff(original: str, edited: str) -> str:
    """Return the unified diff of a reviewer's edit."""
    lines = difflib.unified_diff(
        original.splitlines(keepends=True), edited.splitlines(keepends=True), "draft", "edited"
    )
    return "".join(lines)


def _draft_row(approval_id: str, draft: Draft, final: bool) -> DraftRecord:
    return DraftRecord(
        approval_id=approval_id,
        attempt=draft.attempt,
        channel=draft.channel,
        language=draft.language,
        subject=draft.subject,
        body=draft.body,
        citations=list(draft.citations),
        source=draft.source,
        model=draft.model,
        prompt_id=draft.prompt.id,
        prompt_version=draft.prompt.version,
        prompt_sha256=draft.prompt.sha256,
        final=final,
    )


def model_versions(facts: dict[str, Any]) -> dict[str, Any]:
    """Return every model/pack version the tool outputs report, keyed by tool."""
    found: dict[str, Any] = {}
    for tool, output in facts.items():
        if isinstance(output, dict):
            versions = {k: v for k, v in output.items() if k.endswith("version")}
            if versions:
                found[tool] = versions
    return found


def _offer(state: TurnState, decision: str) -> dict[str, Any]:
    """Return the offer as presented: products with their quoted figures and the channel."""
    draft = state["draft"]
    presented = decision != "reject"
    return {
        "presented": presented,
        "channel": draft.channel,
        "products": list(draft.products),
        "quote": turn_facts(state).jsonable().get("quote"),
    }


def _evidence(state: TurnState, decision: str, recorded_at: datetime) -> EvidenceRecord:
    report = state["compliance"]
    plan_prompt = state.get("plan_prompt")
    return EvidenceRecord(
        approval_id=state["request_id"],
        decision=decision,
        plan=state["plan"].model_dump(mode="json"),
        tools_called=list(state.get("tools_called", [])),
        tool_errors=to_jsonable_python(state.get("tool_errors", [])),
        facts=turn_facts(state).jsonable(),
        citations=[
            {"chunk_id": c.chunk_id, "doc_id": c.doc_id, "version": c.version, "title": c.title}
            for c in state.get("chunks", [])
            if c.chunk_id in state["draft"].citations
        ],
        recommendations=to_jsonable_python(state.get("recommendations", [])),
        suppressed=to_jsonable_python(state.get("suppressed", [])),
        rule_pack_id=report.rule_pack.id,
        rule_pack_version=report.rule_pack.version,
        checked_rules=to_jsonable_python(report.checked_rules),
        findings=to_jsonable_python(report.findings),
        model_versions={
            **model_versions(turn_facts(state).jsonable()),
            "draft_model": state["draft"].model,
            "draft_prompt": state["draft"].prompt.model_dump(),
            "plan_prompt": plan_prompt.model_dump()
            if plan_prompt
            else f"router@{router_words().version}",
        },
        offer=_offer(state, decision),
        notices=list(state.get("notices", [])),
        recorded_at=recorded_at,
    )


def _offer_rows(state: TurnState, presented_at: datetime) -> list[Offer]:
    """Return the book's offer rows for the products an approved draft presents."""
    versions = model_versions(turn_facts(state).jsonable())
    triggers = {r.product: r.action or "recommendation" for r in state.get("recommendations", [])}
    return [
        Offer(
            customer_id=state["customer_id"],
            advisor_id=state["advisor_id"],
            product_code=code,
            status="presented",
            channel=state["draft"].channel,
            trigger=triggers.get(code, state["plan"].intent),
            model_version=str(versions.get("propensity", {}).get("model_version", "rules")),
            presented_at=presented_at,
        )
        for code in state["draft"].products
    ]


def final_text(state: TurnState) -> str:
    """Return the text that goes out: compliance's edit, else the advisor's, else the draft."""
    review = state.get("review")
    if review is not None and review.edited_text:
        return review.edited_text
    decision = state.get("decision")
    if decision is not None and decision.edited_text:
        return decision.edited_text
    return full_text(state["draft"])


def outcome_status(state: TurnState) -> str:
    """Return the turn's final status: rejected by either step, else the advisor's verdict."""
    review = state.get("review")
    if review is not None and review.decision == "reject":
        return "rejected"
    return DECISION_STATUS[state["decision"].decision]


def _decision_row(
    approval_id: str, entry: ApprovalDecision | ReviewDecision, versions: dict[str, Any]
) -> DecisionRecord:
    compliance = isinstance(entry, ReviewDecision)
    return DecisionRecord(
        approval_id=approval_id,
        step="compliance" if compliance else "advisor",
        decision=entry.decision,
        actor_id=entry.reviewer,
        actor_role=entry.reviewer_role,
        reason=entry.comment if isinstance(entry, ReviewDecision) else entry.reason,
        reason_code=entry.reason_code if isinstance(entry, ReviewDecision) else None,
        text=entry.edited_text,
        decided_at=entry.decided_at,
        versions=versions,
    )


def record_decision(session: Session, state: TurnState) -> str:
    """Store every decision and draft, the edit diff, the evidence, and the offers if sent.

    Returns:
        The approval id the records are stored under.
    """
    approval_id, last = state["request_id"], (state.get("decisions") or [state["decision"]])[-1]
    record = pending_approval(session, approval_id)
    record.status = outcome_status(state)
    record.decided_at, record.reviewer = last.decided_at, last.reviewer
    record.reason = last.comment if isinstance(last, ReviewDecision) else last.reason
    drafts = state.get("drafts", [])
    rows = [_draft_row(approval_id, d, final=d is drafts[-1]) for d in drafts]
    original, final = full_text(state["draft"]), final_text(state)
    if record.status != "rejected":
        rows[-1].final_text = final
        if final != original:
            rows[-1].edit_diff = edit_diff(original, final)
    session.add_all(rows)
    evidence = _evidence(state, record.status, last.decided_at)
    session.add(evidence)
    decisions = state.get("decisions") or [state["decision"]]
    session.add_all(_decision_row(approval_id, d, evidence.model_versions) for d in decisions)
    if state.get("released"):
        record_presented(session, state, _offer_rows(state, last.decided_at))
    return approval_id
