"""Write and read the copilot's records: pending approvals, decisions, drafts, evidence."""

from __future__ import annotations

import difflib
from datetime import datetime, timedelta
from typing import Any

from pydantic_core import to_jsonable_python
from sqlalchemy import and_, or_, update
from sqlalchemy.orm import Session

from copilot.records.models import ApprovalRecord, DraftRecord, EvidenceRecord
from copilot.router import router_words
from copilot.state import Draft, TurnState
from copilot.turn_facts import turn_facts
from tools.book.models import Offer
from tools.foundation.errors import Conflict, NotFound

DECISION_STATUS = {"approve": "approved", "edit": "edited", "reject": "rejected"}
PENDING, DECIDING = "pending", "deciding"
"""Status of a turn waiting for a decision, and of one a reviewer has claimed to decide."""
STALE_CLAIM = timedelta(minutes=15)
"""A claim older than this belongs to a process that died mid-decision: it may be taken."""


class UnknownApproval(NotFound):
    """No turn is waiting under this approval id."""

    def __init__(self, approval_id: str) -> None:
        super().__init__(
            f"Unknown approval id {approval_id!r}: check the id `copilot ask` printed."
        )


class ApprovalAlreadyDecided(Conflict):
    """The approval was decided already (or is being decided right now); a decision is final."""

    def __init__(self, record: ApprovalRecord) -> None:
        when = f"{record.decided_at:%Y-%m-%d %H:%M}" if record.decided_at else "just now"
        if record.status == DECIDING:
            text = f"is being decided by {record.reviewer} ({when}); reload to see the outcome"
        else:
            text = f"was already decided ({record.status} by {record.reviewer} at {when})"
        super().__init__(f"Approval {record.id!r} {text}.")


def create_pending(
    session: Session, approval_id: str, state: TurnState, created_at: datetime
) -> ApprovalRecord:
    """Store a pending approval so any process can find and resume the turn."""
    record = ApprovalRecord(
        id=approval_id,
        advisor_id=state["advisor_id"],
        customer_id=state["customer_id"],
        status=PENDING,
        escalated=bool(state.get("escalated")),
        message=state["message"],
        created_at=created_at,
    )
    session.add(record)
    return record


def pending_approval(session: Session, approval_id: str) -> ApprovalRecord:
    """Return the pending approval with this id.

    Raises:
        UnknownApproval: no such approval.
        ApprovalAlreadyDecided: it was decided already.
    """
    record = session.get(ApprovalRecord, approval_id)
    if record is None:
        raise UnknownApproval(approval_id)
    if record.status not in (PENDING, DECIDING):
        raise ApprovalAlreadyDecided(record)
    return record


def claim_pending(session: Session, approval_id: str, reviewer: str, at: datetime) -> None:
    """Claim a pending approval for one decision, atomically (compare-and-set in the database).

    Of two decisions racing on one approval exactly one claims it; the other gets
    ``ApprovalAlreadyDecided``. A claim left by a process that died mid-decision is taken
    over once it is older than ``STALE_CLAIM``. Commits on its own, so the claim is visible
    to every other process at once.

    Raises:
        UnknownApproval: no such approval.
        ApprovalAlreadyDecided: it is decided, or another decision holds a fresh claim.
    """
    claimable = or_(
        ApprovalRecord.status == PENDING,
        and_(ApprovalRecord.status == DECIDING, ApprovalRecord.decided_at < at - STALE_CLAIM),
    )
    won = session.execute(
        update(ApprovalRecord)
        .where(ApprovalRecord.id == approval_id, claimable)
        .values(status=DECIDING, reviewer=reviewer, decided_at=at)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    if won.rowcount == 1:  # type: ignore[attr-defined]
        return
    record = session.get(ApprovalRecord, approval_id)
    if record is None:
        raise UnknownApproval(approval_id)
    session.refresh(record)
    raise ApprovalAlreadyDecided(record)


def release_claim(session: Session, approval_id: str) -> None:
    """Give a claimed approval back (the decision failed before it was recorded)."""
    session.execute(
        update(ApprovalRecord)
        .where(ApprovalRecord.id == approval_id, ApprovalRecord.status == DECIDING)
        .values(status=PENDING, reviewer=None, decided_at=None)
        .execution_options(synchronize_session=False)
    )
    session.commit()


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


def record_decision(session: Session, state: TurnState) -> str:
    """Store the decision, every draft, the edit diff, the evidence and the offer as presented.

    Returns:
        The approval id the records are stored under.
    """
    decision = state["decision"]
    approval_id = state["request_id"]
    record = pending_approval(session, approval_id)
    record.status = DECISION_STATUS[decision.decision]
    record.decided_at, record.reviewer, record.reason = (
        decision.decided_at,
        decision.reviewer,
        decision.reason,
    )
    drafts = state.get("drafts", [])
    rows = [_draft_row(approval_id, d, final=d is drafts[-1]) for d in drafts]
    final_row, original = rows[-1], full_text(state["draft"])
    if decision.decision != "reject":
        final_row.final_text = decision.edited_text or original
    if decision.decision == "edit" and decision.edited_text is not None:
        final_row.edit_diff = edit_diff(original, decision.edited_text)
    session.add_all(rows)
    session.add(_evidence(state, decision.decision, decision.decided_at))
    if decision.decision != "reject":
        session.add_all(_offer_rows(state, decision.decided_at))
    return approval_id


class ApprovalBlocked(Conflict):
    """The decision would let a text through that fails the compliance gate."""

    def __init__(self, approval_id: str, rules: list[str]) -> None:
        super().__init__(
            f"Approval {approval_id!r} cannot be approved as is: the text fails the compliance "
            f"gate ({', '.join(rules)}). Edit it (--decision edit --text FILE) or reject it."
        )
        self.rules = rules
