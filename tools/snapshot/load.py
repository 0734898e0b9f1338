"""Read one customer's snapshot from the book (the only I/O the per-customer tools need)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tools.book.models import BusinessEvent, Claim, ContactLog, Customer, Offer, Policy
from tools.book.revision import book_revision
from tools.foundation.errors import UnknownCustomer
from tools.snapshot.rows import ClaimRow, ContactRow, CustomerRow, EventRow, OfferRow, PolicyRow
from tools.snapshot.snapshot import CustomerSnapshot

RECENT_DAYS = 365
"""Offers and contacts older than this are not read (the contact policy looks back a month)."""
CUSTOMER_COLUMNS = tuple(getattr(Customer, name) for name in CustomerRow.__dataclass_fields__)
POLICY_COLUMNS = tuple(getattr(Policy, name) for name in PolicyRow.__dataclass_fields__)
CLAIM_COLUMNS = tuple(getattr(Claim, name) for name in ClaimRow.__dataclass_fields__)
EVENT_COLUMNS = tuple(getattr(BusinessEvent, name) for name in EventRow.__dataclass_fields__)


def _customer(session: Session, customer_id: str) -> CustomerRow:
    row = session.execute(select(*CUSTOMER_COLUMNS).where(Customer.id == customer_id)).first()
    if row is None:
        raise UnknownCustomer(customer_id)
    return CustomerRow(*row)


def _events(session: Session, query: Any) -> tuple[EventRow, ...]:
    rows = session.execute(query.order_by(BusinessEvent.occurred_at.desc(), BusinessEvent.id))
    return tuple(EventRow(i, kind, at, dict(payload or {})) for i, kind, at, payload in rows)


def load_snapshot(session: Session, customer_id: str, now: datetime) -> CustomerSnapshot:
    """Read the customer's rows as of ``now`` (seven indexed queries).

    Args:
        session: Open session on the book.
        customer_id: The customer's id (resolved by the caller; names are not read here).
        now: The decision moment; nothing after it is read.

    Raises:
        UnknownCustomer: no customer has this id.
    """
    if not isinstance(customer_id, str):
        raise UnknownCustomer(customer_id)
    customer = _customer(session, customer_id)
    day, since = now.date(), now - timedelta(days=RECENT_DAYS)
    policies = session.execute(
        select(*POLICY_COLUMNS)
        .where(Policy.customer_id == customer_id, Policy.start_date <= day)
        .order_by(Policy.start_date, Policy.id)
    )
    claims = session.execute(
        select(*CLAIM_COLUMNS)
        .where(Claim.customer_id == customer_id, Claim.claim_date <= day)
        .order_by(Claim.claim_date.desc(), Claim.id)
    )
    events = _events(
        session,
        select(*EVENT_COLUMNS).where(
            BusinessEvent.customer_id == customer_id, BusinessEvent.occurred_at <= now
        ),
    )
    incidents = _events(
        session,
        select(*EVENT_COLUMNS).where(
            BusinessEvent.customer_id.is_(None),
            BusinessEvent.event_type == "industry_incident",
            BusinessEvent.occurred_at <= now,
        ),
    )
    offers = session.execute(
        select(Offer.product_code, Offer.status, Offer.channel, Offer.presented_at).where(
            Offer.customer_id == customer_id,
            Offer.presented_at <= now,
            Offer.presented_at >= since,
        )
    )
    contacts = session.execute(
        select(ContactLog.channel, ContactLog.kind, ContactLog.contacted_at).where(
            ContactLog.customer_id == customer_id,
            ContactLog.contacted_at <= now,
            ContactLog.contacted_at >= since,
        )
    )
    return CustomerSnapshot(
        customer=customer,
        now=now,
        policies=tuple(PolicyRow(*row) for row in policies),
        claims=tuple(ClaimRow(*row) for row in claims),
        events=events,
        industry_events=tuple(
            e for e in incidents if e.payload.get("industry") == customer.industry_code
        ),
        offers=tuple(OfferRow(*row) for row in offers),
        contacts=tuple(ContactRow(*row) for row in contacts),
        book_revision=book_revision(session),
    )
