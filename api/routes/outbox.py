"""What may now be sent, for the CRM or the e-mail platform to pick up (nothing sends here)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.audit_trail import audit
from api.deps import AnyUser, SettingsDep
from copilot.outbox.store import OutboxPublic, outbox
from tools.foundation.db import session_scope

router = APIRouter(tags=["outbox"])


@router.get("/api/outbox")
def list_outbox(
    actor: AnyUser,
    settings: SettingsDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[OutboxPublic]:
    """Return released messages with their evidence, newest first (an advisor's own only)."""
    book = actor.advisor_id if actor.role == "advisor" else None
    with session_scope(settings) as session:
        found = outbox(session, book, limit)
    audit(settings, actor, "outbox.list", "outbox", book or "*")
    return found
