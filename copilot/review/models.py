"""The review queue table (migration ``0005_api``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tools.book.models import Base


class ReviewItem(Base):
    """A draft an advisor approved that compliance must decide before it may go out."""

    __tablename__ = "copilot_reviews"
    approval_id: Mapped[str] = mapped_column(ForeignKey("copilot_approvals.id"), primary_key=True)
    status: Mapped[str] = mapped_column(
        String(24), index=True
    )  # waiting, approved, rejected, changes_requested
    queued_because: Mapped[list[str]] = mapped_column(JSON, default=list)
    advisor_id: Mapped[str] = mapped_column(String(16), index=True)
    customer_id: Mapped[str] = mapped_column(String(16))
    country: Mapped[str] = mapped_column(String(2), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    products: Mapped[list[str]] = mapped_column(JSON, default=list)
    failed_rules: Mapped[list[str]] = mapped_column(JSON, default=list)
    maker_id: Mapped[str] = mapped_column(String(120))
    queued_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    checker_id: Mapped[str | None] = mapped_column(String(120), nullable=True)
    reason_code: Mapped[str | None] = mapped_column(String(48), nullable=True)
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)
