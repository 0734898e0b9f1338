"""The users table (migration ``0005_api``)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, get_args

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from tools.book.models import Base

Role = Literal["advisor", "compliance", "admin", "operations"]
"""What a user may do: advisors their own book; compliance the review queue and every draft's
evidence; admin users, rule packs and models; operations business events."""
ROLES: tuple[str, ...] = get_args(Role)


class User(Base):
    """A person (or system) with an API token."""

    __tablename__ = "copilot_users"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16))
    # Plain id, no foreign key: users must survive a reload of the demo book.
    advisor_id: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    @property
    def active(self) -> bool:
        """Return whether the user's token still works."""
        return self.revoked_at is None
