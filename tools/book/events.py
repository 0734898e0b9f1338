"""Ingest one business event into the book: validated by type, recorded once (idempotent).

Types and their payloads: ``headcount_change`` and ``revenue_change`` ``{from, to}``,
``location_added`` ``{locations_from, locations_to}``, ``portal_login`` and
``document_download`` (any small payload), ``quote_request`` ``{product}`` and, with no
customer, ``industry_incident`` ``{industry, kind, headline}``. Sending the same event twice
(same customer, type, time and payload) records it once.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from tools.book.models import BusinessEvent, Customer
from tools.catalogue import load_catalogue
from tools.foundation.clock import naive_utc, utc_now
from tools.foundation.errors import InvalidInput, UnknownCustomer

EventType = Literal[
    "headcount_change",
    "revenue_change",
    "location_added",
    "portal_login",
    "document_download",
    "quote_request",
    "industry_incident",
]
REQUIRED: dict[str, tuple[str, ...]] = {
    "headcount_change": ("from", "to"),
    "revenue_change": ("from", "to"),
    "location_added": ("locations_from", "locations_to"),
    "quote_request": ("product",),
    "industry_incident": ("industry", "kind", "headline"),
}
NUMERIC = frozenset({"from", "to", "locations_from", "locations_to"})
MAX_PAYLOAD_CHARS = 2000


class EventCreate(BaseModel):
    """A business event to record."""

    event_type: EventType = Field(description="What happened.")
    customer_id: str | None = Field(
        None, max_length=16, description="The customer (none for an industry incident)."
    )
    occurred_at: datetime | None = Field(None, description="When (default now).")
    payload: dict[str, Any] = Field(default_factory=dict, description="The event's figures.")

    @model_validator(mode="after")
    def _check_payload(self) -> EventCreate:
        if len(json.dumps(self.payload, default=str)) > MAX_PAYLOAD_CHARS:
            raise ValueError(f"payload is longer than {MAX_PAYLOAD_CHARS} characters")
        incident = self.event_type == "industry_incident"
        if incident == (self.customer_id is not None):
            raise ValueError("an industry incident has no customer_id; every other event has one")
        missing = [k for k in REQUIRED.get(self.event_type, ()) if k not in self.payload]
        if missing:
            raise ValueError(f"payload of {self.event_type} needs {', '.join(missing)}")
        for key in NUMERIC & self.payload.keys():
            value = self.payload[key]
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"payload {key} must be a whole number, 0 or more")
        return self


def _check_references(event: EventCreate) -> None:
    catalogue = load_catalogue()
    if event.event_type == "quote_request":
        catalogue.product(str(event.payload["product"]))
    if event.event_type == "industry_incident":
        industry = str(event.payload["industry"])
        if industry not in catalogue.industries:
            known = ", ".join(catalogue.industries)
            raise InvalidInput(f"Unknown industry {industry!r}; known: {known}.")


def record_event(session: Session, event: EventCreate) -> tuple[BusinessEvent, bool]:
    """Record an event once; return it and whether it is new.

    Raises:
        UnknownCustomer: the customer is not in the book.
        UnknownProduct, InvalidInput: the payload names an unknown product or industry.
    """
    if event.customer_id is not None and session.get(Customer, event.customer_id) is None:
        raise UnknownCustomer(event.customer_id)
    _check_references(event)
    at = naive_utc(event.occurred_at) if event.occurred_at else utc_now()
    same = session.scalars(
        select(BusinessEvent).where(
            BusinessEvent.event_type == event.event_type,
            BusinessEvent.occurred_at == at,
            BusinessEvent.customer_id.is_(None)
            if event.customer_id is None
            else BusinessEvent.customer_id == event.customer_id,
        )
    )
    for existing in same:
        if (existing.payload or {}) == event.payload:
            return existing, False
    row = BusinessEvent(
        customer_id=event.customer_id,
        event_type=event.event_type,
        occurred_at=at,
        payload=dict(event.payload),
    )
    session.add(row)
    session.flush()
    return row, True


def affected_customers(session: Session, event: BusinessEvent) -> list[str]:
    """Return the customers an event concerns: its customer, or every one of its industry."""
    if event.customer_id is not None:
        return [event.customer_id]
    industry = (event.payload or {}).get("industry")
    query = select(Customer.id).where(Customer.industry_code == industry).order_by(Customer.id)
    return list(session.scalars(query))
