"""The advisors' ratings table (migration ``0005_api``).

Written by ``copilot.ratings`` (the API), read by the next training run (``feedback.py``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tools.book.models import Base


class RatingRecord(Base):
    """One rating by one user of a recommendation or a draft."""

    __tablename__ = "copilot_ratings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), index=True)
    advisor_id: Mapped[str] = mapped_column(String(16), index=True)
    customer_id: Mapped[str] = mapped_column(String(16), index=True)
    subject_type: Mapped[str] = mapped_column(String(16))  # recommendation, draft
    subject_id: Mapped[str] = mapped_column(String(64), index=True)
    product: Mapped[str | None] = mapped_column(String(32), nullable=True)
    score: Mapped[int] = mapped_column(Integer)
    reason_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    reason_codes_version: Mapped[str] = mapped_column(String(16))
    comment: Mapped[str] = mapped_column(Text, default="")
    model_version: Mapped[str | None] = mapped_column(String(64), nullable=True)
    rated_at: Mapped[datetime] = mapped_column(DateTime)
