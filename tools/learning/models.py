"""SQLAlchemy models of presented offers and their outcomes (migration ``0007_offers``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tools.book.models import Base


class PresentedOffer(Base):
    """One product presented to a customer on one channel, with what produced the offer."""

    __tablename__ = "offer_presentations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Plain ids, no foreign keys: the learning record must outlive a reload of the book
    # (``copilot init --reset``), like the audit trail. The contact id names a row of the
    # contacts table by value only.
    approval_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    book_offer_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    customer_id: Mapped[str] = mapped_column(String(16), index=True)
    contact_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    advisor_id: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    product_code: Mapped[str] = mapped_column(String(32), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    trigger_type: Mapped[str] = mapped_column(String(32))
    urgency: Mapped[str | None] = mapped_column(String(8), nullable=True)
    triggered_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    presented_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    model_version: Mapped[str] = mapped_column(String(64))
    propensity: Mapped[float | None] = mapped_column(Float, nullable=True)
    rule_pack_id: Mapped[str] = mapped_column(String(64))
    rule_pack_version: Mapped[str] = mapped_column(String(32))
    arm: Mapped[str] = mapped_column(String(16))  # champion, challenger, control


class OfferOutcome(Base):
    """What became of a presented offer; an offer may collect several (quote, then accepted)."""

    __tablename__ = "offer_outcomes"
    __table_args__ = (UniqueConstraint("offer_id", "outcome", "occurred_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer_presentations.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(24))
    occurred_at: Mapped[datetime] = mapped_column(DateTime)
    source: Mapped[str] = mapped_column(String(16))  # api, import, system
    recorded_by: Mapped[str] = mapped_column(String(32))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)


class LearningAlert(Base):
    """An alert of the learning loop: a product stopped converting, or a model's scores drift."""

    __tablename__ = "learning_alerts"
    __table_args__ = (UniqueConstraint("kind", "subject", "window_end"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))  # conversion_below_priority, score_drift
    subject: Mapped[str] = mapped_column(String(64))  # product code or model version
    value: Mapped[float] = mapped_column(Float)
    threshold: Mapped[float] = mapped_column(Float)
    window_start: Mapped[datetime] = mapped_column(DateTime)
    window_end: Mapped[datetime] = mapped_column(DateTime)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    raised_at: Mapped[datetime] = mapped_column(DateTime, index=True)
