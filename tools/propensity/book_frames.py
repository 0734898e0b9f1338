"""Read the book of business into pandas frames, column-wise, for all models.

One query per table (optionally restricted to some customers), so scoring 100k customers
costs a handful of queries, not one per customer. The ground-truth table is never read here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from tools.book.models import BusinessEvent, Claim, Customer, Policy

CUSTOMER_COLUMNS = (
    Customer.id,
    Customer.country,
    Customer.industry_code,
    Customer.industry_label,
    Customer.employees,
    Customer.turnover_eur,
    Customer.founded,
    Customer.customer_since,
    Customer.is_prospect,
    Customer.advisor_id,
)


@dataclass
class BookFrames:
    """The tables the models read, as DataFrames with parsed dates."""

    customers: pd.DataFrame  # index: customer id
    policies: pd.DataFrame
    claims: pd.DataFrame
    events: pd.DataFrame

    def restrict(self, customer_ids: Sequence[str]) -> BookFrames:
        """Return the frames of some customers only."""
        ids = pd.Index(customer_ids)
        return BookFrames(
            customers=self.customers.loc[self.customers.index.intersection(ids)],
            policies=self.policies[self.policies["customer_id"].isin(ids)],
            claims=self.claims[self.claims["customer_id"].isin(ids)],
            events=self.events[self.events["customer_id"].isin(ids)],
        )


def _frame(session: Session, query: Any, columns: list[str]) -> pd.DataFrame:
    rows = session.execute(query).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=columns)


def _dates(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    for column in columns:
        frame[column] = pd.to_datetime(frame[column])
    return frame


POLICY_COLUMNS = (
    Policy.customer_id,
    Policy.product_code,
    Policy.status,
    Policy.annual_premium_eur,
    Policy.start_date,
    Policy.end_date,
)
CLAIM_COLUMNS = (Claim.customer_id, Claim.product_code, Claim.claim_date, Claim.amount_eur,
                 Claim.status)  # fmt: skip
EVENT_COLUMNS = (BusinessEvent.customer_id, BusinessEvent.event_type, BusinessEvent.occurred_at)
PAYLOAD_EVENTS = ("headcount_change", "revenue_change")
"""Event types whose payload the features read; other payloads are not fetched (speed)."""


def _read(session: Session, columns: tuple[Any, ...], ids: Sequence[str] | None) -> pd.DataFrame:
    query = select(*columns)
    if ids is not None:
        query = query.where(columns[0].in_(list(ids)))
    return _frame(session, query, [c.key for c in columns])


def _read_events(session: Session, ids: Sequence[str] | None) -> pd.DataFrame:
    # Industry-wide events have no customer; only growth events need their JSON payload.
    plain = _read(session, EVENT_COLUMNS, ids)
    plain = plain[plain["customer_id"].notna() & ~plain["event_type"].isin(PAYLOAD_EVENTS)]
    query = select(*EVENT_COLUMNS, BusinessEvent.payload).where(
        BusinessEvent.event_type.in_(PAYLOAD_EVENTS), BusinessEvent.customer_id.is_not(None)
    )
    if ids is not None:
        query = query.where(BusinessEvent.customer_id.in_(list(ids)))
    growth = _frame(session, query, [*(c.key for c in EVENT_COLUMNS), "payload"])
    frames = [f for f in (plain.assign(payload=None), growth) if not f.empty]
    if not frames:
        return growth
    return pd.concat(frames, ignore_index=True)


def load_book_frames(session: Session, customer_ids: Sequence[str] | None = None) -> BookFrames:
    """Read customers, policies, claims and customer events into frames.

    Args:
        session: An open session on the book.
        customer_ids: Restrict to these customers (default the whole book).

    Returns:
        The frames; dates are pandas timestamps.
    """
    customers = _read(session, CUSTOMER_COLUMNS, customer_ids)
    return BookFrames(
        customers=_dates(customers, "founded", "customer_since").set_index("id"),
        policies=_dates(_read(session, POLICY_COLUMNS, customer_ids), "start_date", "end_date"),
        claims=_dates(_read(session, CLAIM_COLUMNS, customer_ids), "claim_date"),
        events=_dates(_read_events(session, customer_ids), "occurred_at"),
    )


def active_at(policies: pd.DataFrame, at: date) -> pd.Series:
    """Return a boolean mask of policies in force on a date (started, not yet ended)."""
    when = pd.Timestamp(at)
    ended = policies["end_date"].notna() & (policies["end_date"] <= when)
    return (policies["start_date"] <= when) & ~ended


def holdings_matrix(policies: pd.DataFrame, at: date, codes: list[str]) -> pd.DataFrame:
    """Return a customers x products 0/1 frame of products in force on a date."""
    live = policies[active_at(policies, at)]
    matrix = pd.crosstab(live["customer_id"], live["product_code"]).clip(upper=1)
    return matrix.reindex(columns=codes, fill_value=0)


def bought_between(
    policies: pd.DataFrame, start: date, end: date, codes: list[str]
) -> pd.DataFrame:
    """Return a customers x products 0/1 frame of policies started in (start, end]."""
    starts = policies["start_date"]
    new = policies[(starts > pd.Timestamp(start)) & (starts <= pd.Timestamp(end))]
    matrix = pd.crosstab(new["customer_id"], new["product_code"]).clip(upper=1)
    return matrix.reindex(columns=codes, fill_value=0)


def exposure_years(policies: pd.DataFrame, at: date, years: float) -> pd.Series:
    """Return each policy's years in force within the ``years`` before ``at``."""
    end = pd.Timestamp(at)
    begin = pd.Timestamp(at - timedelta(days=int(365.25 * years)))
    lo = policies["start_date"].clip(lower=begin)
    hi = policies["end_date"].fillna(end).clip(upper=end)
    return pd.Series(np.clip((hi - lo).dt.days.to_numpy() / 365.25, 0, None), index=policies.index)
