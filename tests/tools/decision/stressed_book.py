"""Add random, edge-heavy rows to a private book, so the parity tests meet every branch.

Several growth events per customer in the lookback (rising and falling), incidents of several
kinds and industries (two for the same cover), recent and open claims, outreach today, offers
this month on every channel, quote requests (lower case, unknown codes, repeats), unknown or
refused consent, objections, care flags and duplicate policies of one product.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tools.book.models import BusinessEvent, Claim, ContactLog, Customer, Offer, Policy

CHANNELS = ("email", "phone", "portal")
INDUSTRIES = ("it_services", "manufacturing", "retail", "construction", "consulting")
INCIDENTS = ("ransomware", "data_breach", "fire", "product_recall", "flood")


def _at(as_of: date, days: int, hour: int = 9) -> datetime:
    return datetime.combine(as_of - timedelta(days=days), time(hour))


def _growth(rng: random.Random, customer: Customer, as_of: date) -> list[BusinessEvent]:
    events = []
    for _ in range(rng.randint(0, 3)):
        kind = rng.choice(["headcount_change", "revenue_change", "location_added"])
        low = rng.randint(1, 40) if kind != "revenue_change" else rng.randint(5, 60) * 100_000
        high = max(0, int(low * rng.choice([0.8, 1.0, 1.2, 1.3, 1.6, 2.0])))
        keys = ("locations_from", "locations_to") if kind == "location_added" else ("from", "to")
        payload = {keys[0]: low, keys[1]: high}
        at = _at(as_of, rng.randint(0, 120), rng.randint(6, 18))
        events.append(
            BusinessEvent(customer_id=customer.id, event_type=kind, occurred_at=at, payload=payload)
        )
    return events


def _activity(rng: random.Random, customer: Customer, as_of: date) -> list[object]:
    rows: list[object] = []
    for _ in range(rng.choice([0, 0, 1, 2])):
        code = rng.choice(["pi", "CYBER", "GL", "unicorn", "PROPERTY", "DO"])
        at = _at(as_of, rng.randint(0, 45))
        rows.append(
            BusinessEvent(
                customer_id=customer.id,
                event_type="quote_request",
                occurred_at=at,
                payload={"product": code},
            )
        )
    for _ in range(rng.choice([0, 0, 0, 2, 5])):
        kind = rng.choice(["portal_login", "document_download"])
        rows.append(
            BusinessEvent(
                customer_id=customer.id,
                event_type=kind,
                occurred_at=_at(as_of, rng.randint(0, 100)),
                payload={},
            )
        )
    for _ in range(rng.choice([0, 0, 1])):
        status = rng.choice(["open", "closed", "rejected"])
        rows.append(
            Claim(
                customer_id=customer.id,
                product_code=rng.choice(["GL", "PROPERTY", "CYBER"]),
                claim_date=as_of - timedelta(days=rng.randint(0, 60)),
                amount_eur=1000.0,
                status=status,
            )
        )
    for _ in range(rng.choice([0, 0, 1, 2, 3])):
        at = _at(as_of, rng.choice([0, 0, 3, 15, 40, 200]), rng.randint(6, 11))
        rows.append(
            Offer(
                customer_id=customer.id,
                product_code=rng.choice(["TRAVEL", "GL", "HEALTH"]),
                status=rng.choice(["presented", "accepted", "declined"]),
                channel=rng.choice(CHANNELS),
                trigger="test",
                model_version="test",
                presented_at=at,
            )
        )
    if rng.random() < 0.1:
        kind = rng.choice(["sales", "service", "care"])
        rows.append(
            ContactLog(
                customer_id=customer.id,
                channel=rng.choice(CHANNELS),
                kind=kind,
                contacted_at=_at(as_of, 0, 8),
            )
        )
    return rows


def _incidents(rng: random.Random, as_of: date) -> list[BusinessEvent]:
    events = []
    for _ in range(8):
        payload = {
            "industry": rng.choice(INDUSTRIES),
            "kind": rng.choice(INCIDENTS),
            "headline": f"Incident {rng.randint(1, 99)}",
        }
        at = _at(as_of, rng.randint(0, 20), rng.randint(0, 23))
        events.append(
            BusinessEvent(
                customer_id=None, event_type="industry_incident", occurred_at=at, payload=payload
            )
        )
    return events


def _duplicate_policy(session: Session, customer: Customer) -> None:
    live = session.scalars(
        select(Policy).where(Policy.customer_id == customer.id, Policy.status == "active")
    ).first()
    if live is not None:
        session.add(
            Policy(
                customer_id=customer.id,
                product_code=live.product_code,
                status="active",
                annual_premium_eur=live.annual_premium_eur + 100,
                limit_eur=live.limit_eur,
                deductible_eur=live.deductible_eur,
                start_date=live.start_date,
                renewal_date=live.renewal_date,
                end_date=None,
            )
        )


def stress_book(session: Session, as_of: date, seed: int = 5) -> None:
    """Add the random rows to the book and commit."""
    rng = random.Random(seed)
    session.add_all(_incidents(rng, as_of))
    for customer in session.scalars(select(Customer).order_by(Customer.id)).all():
        session.add_all([*_growth(rng, customer, as_of), *_activity(rng, customer, as_of)])
        if rng.random() < 0.1:
            _duplicate_policy(session, customer)
        changes = {f"consent_{c}": rng.choice([True, True, False, None]) for c in CHANNELS}
        changes["objection_to_marketing"] = rng.random() < 0.05
        changes["care_flag"] = rng.random() < 0.05
        session.execute(update(Customer).where(Customer.id == customer.id).values(**changes))
    session.commit()
