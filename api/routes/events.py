"""Business events from the CRM and the web analytics: recorded once, answered with actions."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import Operations, SettingsDep
from api.schemas import EventPublic
from copilot.audit import append
from tools.batch.events import actions_after
from tools.book.clock import resolve_now
from tools.book.events import EventCreate, affected_customers, record_event
from tools.foundation.db import session_scope

router = APIRouter(tags=["events"])


@router.post("/api/events")
def ingest_event(event: EventCreate, actor: Operations, settings: SettingsDep) -> EventPublic:
    """Record one event (idempotent) and return the actions it creates, most urgent first.

    The event's payload is data: it is stored and shown, never followed as an instruction.
    """
    with session_scope(settings) as session:
        row, new = record_event(session, event)
        customers = affected_customers(session, row)
        moment = max(resolve_now(session, None), row.occurred_at)
        actions = actions_after(session, row.event_type, customers, moment, settings.models_dir)
        detail = {"event_type": row.event_type, "new": new, "customers": len(customers)}
        append(session, actor, "event.ingest", "event", str(row.id), "", detail)
        return EventPublic(event_id=row.id, new=new, customers=len(customers), actions=actions)
