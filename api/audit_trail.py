"""Write the API's audit entries (each in its own transaction, or the caller's)."""

from __future__ import annotations

from typing import Any

from copilot.audit import append
from copilot.users import Actor
from tools.foundation.db import session_scope
from tools.foundation.settings import Settings

ANONYMOUS = Actor(user_id="anonymous", name="anonymous", role="operations")
"""The actor of a failed sign-in (no user is known)."""


def audit(
    settings: Settings,
    actor: Actor,
    action: str,
    subject_type: str,
    subject_id: str,
    reason: str = "",
    detail: dict[str, Any] | None = None,
) -> None:
    """Append one audit entry in its own transaction."""
    with session_scope(settings) as session:
        append(session, actor, action, subject_type, subject_id, reason, detail)
