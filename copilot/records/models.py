"""SQLAlchemy models of the copilot's records (migration ``0003_copilot_records``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tools.book.models import Base


class ApprovalRecord(Base):
    """One turn waiting for, or past, a human decision; the id is the graph's thread id."""

    __tablename__ = "copilot_approvals"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    # Plain ids, no foreign keys: the audit trail must neither block nor vanish with a
    # reload of the book (``copilot init --reset`` clears the book tables it knows).
    advisor_id: Mapped[str] = mapped_column(String(16), index=True)
    customer_id: Mapped[str] = mapped_column(String(16), index=True)
    status: Mapped[str] = mapped_column(
        String(16), index=True
    )  # pending, approved, edited, rejected
    escalated: Mapped[bool] = mapped_column(Boolean, default=False)
    message: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    reviewer: Mapped[str | None] = mapped_column(String(120), nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)


class DraftRecord(Base):
    """Every draft of a turn (first draft and revision) with its provenance and verdict."""

    __tablename__ = "copilot_drafts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    approval_id: Mapped[str] = mapped_column(ForeignKey("copilot_approvals.id"), index=True)
    attempt: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(8))
    subject: Mapped[str | None] = mapped_column(Text, nullable=True)
    body: Mapped[str] = mapped_column(Text)
    citations: Mapped[list[str]] = mapped_column(JSON, default=list)
    source: Mapped[str] = mapped_column(String(16))  # offline, llm
    model: Mapped[str | None] = mapped_column(String(120), nullable=True)
    prompt_id: Mapped[str] = mapped_column(String(64))
    prompt_version: Mapped[int] = mapped_column(Integer)
    prompt_sha256: Mapped[str] = mapped_column(String(64))
    final: Mapped[bool] = mapped_column(Boolean, default=False)
    final_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    edit_diff: Mapped[str | None] = mapped_column(Text, nullable=True)


class EvidenceRecord(Base):
    """What a decision rested on: facts, citations, rules, model and prompt versions, offer."""

    __tablename__ = "copilot_evidence"
    approval_id: Mapped[str] = mapped_column(ForeignKey("copilot_approvals.id"), primary_key=True)
    decision: Mapped[str] = mapped_column(String(16))
    plan: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    tools_called: Mapped[list[str]] = mapped_column(JSON, default=list)
    tool_errors: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    facts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    citations: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    recommendations: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    suppressed: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    rule_pack_id: Mapped[str] = mapped_column(String(64))
    rule_pack_version: Mapped[str] = mapped_column(String(32))
    checked_rules: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    findings: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    model_versions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    offer: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    notices: Mapped[list[str]] = mapped_column(JSON, default=list)
    recorded_at: Mapped[datetime] = mapped_column(DateTime)


class DecisionRecord(Base):
    """One decision on a turn's draft: the advisor's (maker) or compliance's (checker)."""

    __tablename__ = "copilot_decisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    approval_id: Mapped[str] = mapped_column(ForeignKey("copilot_approvals.id"), index=True)
    step: Mapped[str] = mapped_column(String(16))  # advisor, compliance
    decision: Mapped[str] = mapped_column(String(24))
    actor_id: Mapped[str] = mapped_column(String(120))
    actor_role: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    reason_code: Mapped[str | None] = mapped_column(String(48), nullable=True)
    text: Mapped[str | None] = mapped_column(Text, nullable=True)
    decided_at: Mapped[datetime] = mapped_column(DateTime)
    versions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
