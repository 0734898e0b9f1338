"""The authenticated caller of a request: who acts, in which role, on whose book."""

from __future__ import annotations

from pydantic import BaseModel, Field

from copilot.users.models import Role, User


class Actor(BaseModel):
    """Identity of the caller, from the authenticated token or session (never from a body)."""

    user_id: str = Field(description="The user's id.")
    name: str = Field(description="The user's name, as recorded with decisions.")
    role: Role = Field(description="advisor, compliance, admin or operations.")
    advisor_id: str | None = Field(None, description="The advisor's book (advisors only).")

    @classmethod
    def of(cls, user: User) -> Actor:
        """Return the actor of a user row."""
        return cls(user_id=user.id, name=user.name, role=user.role, advisor_id=user.advisor_id)


SYSTEM = Actor(user_id="system", name="system", role="admin")
"""The actor of work the product does by itself (the CLI's operator, start-up)."""
