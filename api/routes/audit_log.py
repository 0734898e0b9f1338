"""Read the audit log (admin and compliance): newest first, filtered by action or subject."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy import select

from api.deps import SettingsDep, role
from api.schemas import AuditEntryPublic
from copilot.audit import AuditEntry
from copilot.audit.chain import as_record
from copilot.users import Actor
from tools.foundation.db import session_scope

router = APIRouter(tags=["audit"])
AuditReader = Annotated[Actor, Depends(role("admin", "compliance"))]


@router.get("/api/audit")
def audit_entries(
    actor: AuditReader,
    settings: SettingsDep,
    action: Annotated[str | None, Query(max_length=48, description="e.g. turn.decide")] = None,
    subject_id: Annotated[
        str | None, Query(max_length=64, description="A customer, turn, ...")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[AuditEntryPublic]:
    """Return audit entries, newest first (reading the log is not itself audited)."""
    query = select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(limit)
    if action:
        query = query.where(AuditEntry.action == action)
    if subject_id:
        query = query.where(AuditEntry.subject_id == subject_id)
    with session_scope(settings) as session:
        return [public(entry) for entry in session.scalars(query)]


def public(entry: AuditEntry) -> AuditEntryPublic:
    """Return an audit entry as the API shows it."""
    return AuditEntryPublic.model_validate(as_record(entry))
