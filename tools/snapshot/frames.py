"""Column-wise features of a book (or of one customer) from SQL into pandas.

The nightly batch and the portfolio lists read these frames (a chunk of the book, or all of
it); one customer's tools read its ``CustomerSnapshot`` instead. Consent, objection and care
are decoded by ``tools.contactability``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import String, and_, or_, select, type_coerce
from sqlalchemy.orm import Session

from tools.book.models import BusinessEvent, Claim, ContactLog, Customer, Offer, Policy
from tools.contactability import consent_columns, marketing_columns

# Events older than this never fire a trigger (the longest lookback in triggers.yaml is 90 days
# of growth plus 12 baseline weeks of behaviour); a year keeps a margin.
EVENT_HORIZON_DAYS = 365
PORTAL_EVENTS = frozenset({"portal_login", "document_download"})
CUSTOMER_COLUMNS = (
    Customer.id,
    Customer.name,
    Customer.advisor_id,
    Customer.industry_code,
    Customer.country,
    Customer.employees,
    Customer.turnover_eur,
    Customer.preferred_channel,
    Customer.consent_email,
    Customer.consent_phone,
    Customer.consent_portal,
    Customer.objection_to_marketing,
    Customer.care_flag,
    Customer.is_prospect,
)


@dataclass(frozen=True)
class BookFrames:
    """The columns the triggers, the contact policy and the arbitration read."""

    now: datetime
    customers: pd.DataFrame
    policies: pd.DataFrame
    claims: pd.DataFrame
    events: pd.DataFrame
    incidents: pd.DataFrame
    offers: pd.DataFrame
    contacts: pd.DataFrame


def _frame(session: Session, query: Any, columns: list[str]) -> pd.DataFrame:
    rows = session.execute(query).all()
    if not rows:
        return pd.DataFrame({name: pd.Series(dtype=object) for name in columns})
    values = zip(*rows, strict=True)
    return pd.DataFrame({name: list(column) for name, column in zip(columns, values, strict=True)})


def _raw(column: Any) -> Any:
    # Dates, timestamps and JSON come back as driver values (ISO text on SQLite) and are parsed
    # column-wise in pandas: per-row type processing dominates the read time otherwise.
    return type_coerce(column, String)


def _when(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values, format="ISO8601")


def _payload(value: Any) -> dict[str, Any]:
    return json.loads(value) if isinstance(value, str) else dict(value or {})


@dataclass(frozen=True)
class Scope:
    """Which customers to read: listed ids, an inclusive id range, or (both None) all."""

    ids: Sequence[str] | None = None
    id_range: tuple[str, str] | None = None


def _scoped(query: Any, column: Any, scope: Scope) -> Any:
    if scope.ids is not None:
        query = query.where(column.in_(list(scope.ids)))
    if scope.id_range is not None:
        query = query.where(column.between(*scope.id_range))
    return query


def _customers(session: Session, ids: Scope) -> pd.DataFrame:
    query = _scoped(select(*CUSTOMER_COLUMNS).order_by(Customer.id), Customer.id, ids)
    frame = _frame(session, query, [c.key for c in CUSTOMER_COLUMNS])
    frame = frame.rename(columns={"id": "customer_id"})
    # Consent, objection and care as tools.contactability decides them (unknown consent: no).
    consent, marketing = consent_columns(frame), marketing_columns(frame)
    for column in consent:
        frame[column] = consent[column]
    frame["objection_to_marketing"] = marketing["objection_to_marketing"]
    frame["care_flag"] = marketing["care_flag"]
    return frame


def _policies(session: Session, ids: Scope, now: datetime) -> pd.DataFrame:
    # In force on the day, as the profile, eligibility and gap tools read it.
    day = now.date()
    live = and_(
        Policy.status == "active",
        Policy.start_date <= day,
        or_(Policy.end_date.is_(None), Policy.end_date > day),
    )
    cols = [
        Policy.customer_id,
        Policy.product_code,
        Policy.annual_premium_eur,
        _raw(Policy.renewal_date),
        Policy.limit_eur,
    ]
    query = _scoped(select(*cols).where(live), Policy.customer_id, ids)
    columns = ["customer_id", "product", "premium_eur", "renewal_date", "limit_eur"]
    frame = _frame(session, query, columns)
    frame["renewal_date"] = _when(frame["renewal_date"])
    return frame


def _claims(session: Session, ids: Scope, now: datetime) -> pd.DataFrame:
    cols = [Claim.customer_id, Claim.product_code, _raw(Claim.claim_date), Claim.status]
    query = _scoped(select(*cols).where(Claim.claim_date <= now.date()), Claim.customer_id, ids)
    frame = _frame(session, query, ["customer_id", "product", "claim_date", "status"])
    frame["claim_date"] = _when(frame["claim_date"])
    return frame


def _events(session: Session, ids: Scope, now: datetime) -> pd.DataFrame:
    cols = [BusinessEvent.customer_id, BusinessEvent.event_type, _raw(BusinessEvent.occurred_at)]
    window = and_(
        BusinessEvent.occurred_at <= now,
        BusinessEvent.occurred_at >= now - timedelta(days=EVENT_HORIZON_DAYS),
        BusinessEvent.customer_id.is_not(None),
    )
    query = _scoped(
        select(*cols, _raw(BusinessEvent.payload)).where(window), BusinessEvent.customer_id, ids
    )
    frame = _frame(session, query, ["customer_id", "event_type", "occurred_at", "payload"])
    frame["occurred_at"] = _when(frame["occurred_at"])
    # Only growth, location and quote events carry a payload the triggers read.
    frame["payload"] = [
        {} if kind in PORTAL_EVENTS else _payload(value)
        for kind, value in zip(frame["event_type"], frame["payload"], strict=True)
    ]
    return frame


def _incidents(session: Session, now: datetime) -> pd.DataFrame:
    window = and_(
        BusinessEvent.event_type == "industry_incident",
        BusinessEvent.customer_id.is_(None),
        BusinessEvent.occurred_at <= now,
        BusinessEvent.occurred_at >= now - timedelta(days=EVENT_HORIZON_DAYS),
    )
    query = select(_raw(BusinessEvent.occurred_at), _raw(BusinessEvent.payload)).where(window)
    frame = _frame(session, query, ["occurred_at", "payload"])
    frame["payload"] = [_payload(value) for value in frame["payload"]]
    frame["industry"] = [p.get("industry") for p in frame["payload"]]
    frame["incident_kind"] = [p.get("kind") for p in frame["payload"]]
    frame["occurred_at"] = _when(frame["occurred_at"])
    return frame


def _offers(session: Session, ids: Scope, now: datetime) -> pd.DataFrame:
    cols = [
        Offer.customer_id,
        Offer.product_code,
        Offer.status,
        Offer.channel,
        _raw(Offer.presented_at),
    ]
    window = and_(
        Offer.presented_at <= now, Offer.presented_at >= now - timedelta(days=EVENT_HORIZON_DAYS)
    )
    query = _scoped(select(*cols).where(window), Offer.customer_id, ids)
    frame = _frame(session, query, ["customer_id", "product", "status", "channel", "presented_at"])
    frame["presented_at"] = _when(frame["presented_at"])
    return frame


def _contacts(session: Session, ids: Scope, now: datetime) -> pd.DataFrame:
    cols = [
        ContactLog.customer_id,
        ContactLog.channel,
        ContactLog.kind,
        _raw(ContactLog.contacted_at),
    ]
    day_start = datetime.combine(now.date(), datetime.min.time())
    window = and_(ContactLog.contacted_at >= day_start, ContactLog.contacted_at <= now)
    query = _scoped(select(*cols).where(window), ContactLog.customer_id, ids)
    frame = _frame(session, query, ["customer_id", "channel", "kind", "contacted_at"])
    frame["contacted_at"] = _when(frame["contacted_at"])
    return frame


def load_frames(
    session: Session,
    now: datetime,
    customer_ids: Sequence[str] | None = None,
    *,
    id_range: tuple[str, str] | None = None,
) -> BookFrames:
    """Read the columns every decision needs, for some customers or (None) the whole book.

    Args:
        session: Open session on the book.
        now: The moment of the decision; nothing after it is read.
        customer_ids: Customers to read, or None for every customer.
        id_range: Only customers whose id lies in this inclusive range (batch chunks).

    Returns:
        The frames, one row per record, ordered by customer id where it matters.
    """
    scope = Scope(customer_ids, id_range)
    return BookFrames(
        now=now,
        customers=_customers(session, scope),
        policies=_policies(session, scope, now),
        claims=_claims(session, scope, now),
        events=_events(session, scope, now),
        incidents=_incidents(session, now),
        offers=_offers(session, scope, now),
        contacts=_contacts(session, scope, now),
    )


def restrict(frames: BookFrames, keep: pd.Series) -> BookFrames:
    """Return the frames of the customers where ``keep`` (aligned to ``frames.customers``) holds."""
    ids = set(frames.customers.loc[keep, "customer_id"])
    tables = ("policies", "claims", "events", "offers", "contacts")
    return replace(
        frames,
        customers=frames.customers[keep],
        **{
            name: getattr(frames, name)[getattr(frames, name)["customer_id"].isin(ids)]
            for name in tables
        },
    )
