"""What the book's own rows say about a customer, read with plain queries.

Expectations are built from these facts, not from the recommender's snapshot or tools, so that
a bug in the code under test cannot move the answer it is scored against.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from evals.recommendations.dataset import Windows
from tools.book.models import BusinessEvent, Claim, ContactLog, Customer, Offer, Policy

CHANNELS = ("email", "phone", "portal")


@dataclass(frozen=True)
class CustomerFacts:
    """One customer's facts as of the decision moment."""

    customer: Customer
    """The customer row (firmographics, consent, objection, care flag)."""
    now: datetime
    """The decision moment."""
    held: frozenset[str]
    """Products with a policy in force today."""
    renewals: dict[str, date]
    """Renewal date of each product held."""
    open_claims: int
    """Claims still open."""
    last_claim: date | None
    """Date of the latest claim."""
    offers_this_month: int
    """Offers presented since the first of the month."""
    outreach_today: int
    """Non-service contacts and offers today."""
    events: list[BusinessEvent]
    """The customer's events up to now, newest first."""
    incidents: list[BusinessEvent]
    """Incidents in the customer's industry up to now, newest first."""

    @property
    def consented(self) -> frozenset[str]:
        """Return the channels with a recorded yes (unknown is no)."""
        return frozenset(c for c in CHANNELS if getattr(self.customer, f"consent_{c}") is True)

    def product_room(self, windows: Windows) -> int:
        """Return how many products may be recommended today (top 2, month's cap)."""
        left = windows.max_recommendations_per_month - self.offers_this_month
        return max(min(windows.present_top, left), 0)


def _in_force(policy: Policy, day: date) -> bool:
    return (
        policy.status == "active"
        and policy.start_date <= day
        and (policy.end_date is None or policy.end_date > day)
    )


def _events(session: Session, *where: Any) -> list[BusinessEvent]:
    query = select(BusinessEvent).where(*where).order_by(BusinessEvent.occurred_at.desc())
    return list(session.scalars(query))


def read_facts(session: Session, customer_id: str, now: datetime) -> CustomerFacts:
    """Read one customer's facts as of ``now`` from the book's tables."""
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise KeyError(customer_id)
    today = now.date()
    day_start = datetime.combine(today, datetime.min.time())
    month_start = datetime.combine(today.replace(day=1), datetime.min.time())
    policies = [
        p
        for p in session.scalars(select(Policy).where(Policy.customer_id == customer_id))
        if _in_force(p, today)
    ]
    claims = list(
        session.scalars(
            select(Claim).where(Claim.customer_id == customer_id, Claim.claim_date <= today)
        )
    )
    offers = list(
        session.scalars(
            select(Offer.presented_at).where(
                Offer.customer_id == customer_id,
                Offer.presented_at >= month_start,
                Offer.presented_at <= now,
            )
        )
    )
    contacts = session.scalars(
        select(ContactLog.id).where(
            ContactLog.customer_id == customer_id,
            ContactLog.kind != "service",
            ContactLog.contacted_at >= day_start,
            ContactLog.contacted_at <= now,
        )
    )
    incidents = [
        e
        for e in _events(
            session,
            BusinessEvent.customer_id.is_(None),
            BusinessEvent.event_type == "industry_incident",
            BusinessEvent.occurred_at <= now,
        )
        if (e.payload or {}).get("industry") == customer.industry_code
    ]
    return CustomerFacts(
        customer=customer,
        now=now,
        held=frozenset(p.product_code for p in policies),
        renewals={p.product_code: p.renewal_date for p in policies},
        open_claims=sum(c.status == "open" for c in claims),
        last_claim=max((c.claim_date for c in claims), default=None),
        offers_this_month=len(offers),
        outreach_today=len(list(contacts)) + sum(o >= day_start for o in offers),
        events=_events(
            session, BusinessEvent.customer_id == customer_id, BusinessEvent.occurred_at <= now
        ),
        incidents=incidents,
    )
