"""Read one customer's rows from the book as of a moment (the only I/O of the four tools)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tools.book.models import BusinessEvent, Claim, Customer, Policy
from tools.foundation.errors import UnknownCustomer


@dataclass(frozen=True)
class CustomerRecords:
    """The book rows one customer's facts are derived from, as of ``now``."""

    customer: Customer
    now: datetime
    policies: list[Policy]
    policies_in_force: list[Policy]
    claims: list[Claim]
    events: list[BusinessEvent]
    industry_events: list[BusinessEvent]

    @property
    def held_products(self) -> set[str]:
        """Return the product codes of the policies in force."""
        return {p.product_code for p in self.policies_in_force}

    @property
    def open_claims(self) -> list[Claim]:
        """Return the claims still open."""
        return [c for c in self.claims if c.status == "open"]


def in_force(policy: Policy, on: date) -> bool:
    """Return whether a policy is in force on a day (active, started, not ended)."""
    return (
        policy.status == "active"
        and policy.start_date <= on
        and (policy.end_date is None or policy.end_date > on)
    )


def get_customer(session: Session, customer_id: str) -> Customer:
    """Return the customer with this id.

    Raises:
        UnknownCustomer: no customer has this id.
    """
    customer = session.get(Customer, customer_id) if isinstance(customer_id, str) else None
    if customer is None:
        raise UnknownCustomer(customer_id)
    return customer


def load_records(session: Session, customer_id: str, now: datetime) -> CustomerRecords:
    """Load a customer's policies in force, claims and events up to ``now``.

    Raises:
        UnknownCustomer: no customer has this id.
    """
    customer = get_customer(session, customer_id)
    policies = list(
        session.scalars(
            select(Policy)
            .where(Policy.customer_id == customer_id, Policy.start_date <= now.date())
            .order_by(Policy.start_date)
        )
    )
    claims = session.scalars(
        select(Claim)
        .where(Claim.customer_id == customer_id, Claim.claim_date <= now.date())
        .order_by(Claim.claim_date.desc())
    )
    events = session.scalars(
        select(BusinessEvent)
        .where(BusinessEvent.customer_id == customer_id, BusinessEvent.occurred_at <= now)
        .order_by(BusinessEvent.occurred_at.desc())
    )
    return CustomerRecords(
        customer=customer,
        now=now,
        policies=policies,
        policies_in_force=[p for p in policies if in_force(p, now.date())],
        claims=list(claims),
        events=list(events),
        industry_events=_industry_events(session, customer.industry_code, now),
    )


def _industry_events(session: Session, industry: str, now: datetime) -> list[BusinessEvent]:
    rows = session.scalars(
        select(BusinessEvent)
        .where(
            BusinessEvent.customer_id.is_(None),
            BusinessEvent.event_type == "industry_incident",
            BusinessEvent.occurred_at <= now,
        )
        .order_by(BusinessEvent.occurred_at.desc())
    )
    return [e for e in rows if (e.payload or {}).get("industry") == industry]
