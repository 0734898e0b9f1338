"""The ``action_items`` table: each advisor's action list written by the nightly batch."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tools.book.models import Base


class ActionItem(Base):
    """One chosen action on an advisor's list for a run date (migration 0002)."""

    __tablename__ = "action_items"
    __table_args__ = (Index("ix_action_items_run_advisor", "run_date", "advisor_id", "priority"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_date: Mapped[date] = mapped_column(Date)
    advisor_id: Mapped[str] = mapped_column(ForeignKey("advisors.id"))
    priority: Mapped[int] = mapped_column(Integer)  # position on the advisor's list, 1 = first
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    rank: Mapped[int] = mapped_column(Integer)  # position in the customer's conversation
    action_id: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(32))
    product: Mapped[str | None] = mapped_column(String(32), nullable=True)
    trigger: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text)
    urgency: Mapped[str] = mapped_column(String(8))
    due_by: Mapped[datetime] = mapped_column(DateTime)
    delivery: Mapped[str] = mapped_column(String(32))
    merged_into: Mapped[str | None] = mapped_column(String(120), nullable=True)
    score: Mapped[float] = mapped_column(Float)
    expected_value_eur: Mapped[float] = mapped_column(Float)
    policy_version: Mapped[str] = mapped_column(String(32))
    trigger_version: Mapped[str] = mapped_column(String(32))
    ranking_basis: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
