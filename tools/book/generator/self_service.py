"""Draw portal logins, document downloads and quote requests over the customer's history.

The events run at a steady rate over the last ``HISTORY_DAYS`` of the customer's tenure
(until they left, for churned customers), so the recent-activity features exist at every
snapshot, not only the latest. A quote request means the same at every date: most are
sent some weeks before buying the product (for a purchase in the past as for one the
customer is truly about to make, drawn from the ground-truth purchase probability), the
rest are browsing. Drawn from the history stream, so the other tables' draws do not move.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np

from tools.book.generator.firmographics import FirmBatch
from tools.book.generator.holdings import Holdings

HISTORY_DAYS = 3 * 365
"""How far back self-service events go: the portal has existed for three years."""
PORTAL_RATE = {"portal_login": 0.5, "document_download": 0.1}
"""Events per 90 days per unit of the latent engagement (mean engagement 2)."""
QUOTE_BEFORE_PURCHASE = 0.5
"""Chance that a purchase is preceded by a quote request for the product."""
QUOTE_LEAD_DAYS = (7, 120)
"""Days between the quote request and the policy start (uniform, upper bound exclusive)."""
BROWSE_PER_YEAR = 0.15
"""Quote requests per year that lead to no purchase (a product in the target market)."""
PORTAL = {"source": "mybusiness_portal"}
FIRST_MINUTE, LAST_MINUTE = 7 * 60, 19 * 60


def _history_starts(firms: FirmBatch, as_of: date) -> list[date]:
    return [max(since, as_of - timedelta(days=HISTORY_DAYS)) for since in firms.customer_since]


def _spread(
    rng: np.random.Generator, starts: Sequence[date], days: np.ndarray, counts: np.ndarray
) -> tuple[np.ndarray, list[datetime]]:
    # Vectorised over the batch: which customer each event belongs to and when it happened.
    owner = np.repeat(np.arange(len(counts)), counts)
    day = np.floor(rng.uniform(size=owner.size) * np.maximum(days, 1)[owner]).astype(np.int64)
    minute = rng.integers(FIRST_MINUTE, LAST_MINUTE, size=owner.size)
    base = np.array(starts, dtype="datetime64[D]").astype("datetime64[m]")
    moments = base[owner] + (day * 1440 + minute).astype("timedelta64[m]")
    return owner, moments.astype(datetime).tolist()


def _active_days(
    firms: FirmBatch, lapses: Sequence[date | None], as_of: date
) -> tuple[list[date], np.ndarray]:
    starts = _history_starts(firms, as_of)
    ends = [min(lapse or as_of, as_of) for lapse in lapses]
    days = np.array([max((e - s).days, 0) for s, e in zip(starts, ends, strict=True)])
    return starts, days


def portal_rows(
    rng: np.random.Generator,
    firms: FirmBatch,
    lapses: Sequence[date | None],
    as_of: date,
) -> list[dict[str, Any]]:
    """Draw logins and downloads at the customer's engagement rate over their history."""
    starts, days = _active_days(firms, lapses, as_of)
    rows: list[dict[str, Any]] = []
    for kind, rate in PORTAL_RATE.items():
        counts = rng.poisson(firms.engagement * rate * days / 90)
        owner, moments = _spread(rng, starts, days, counts)
        rows += [
            {
                "customer_id": firms.ids[i],
                "event_type": kind,
                "occurred_at": when,
                "payload": PORTAL,
            }
            for i, when in zip(owner.tolist(), moments, strict=True)
        ]
    return rows


def _quote(customer_id: str, code: str, when: datetime) -> dict[str, Any]:
    return {
        "customer_id": customer_id,
        "event_type": "quote_request",
        "occurred_at": when,
        "payload": {"product": code, "source": "webshop"},
    }


def _lead_moments(rng: np.random.Generator, starts: Sequence[date]) -> list[datetime]:
    # Each quote request some weeks before its policy start, at a working-day time.
    lead = rng.integers(*QUOTE_LEAD_DAYS, size=len(starts))
    minute = rng.integers(FIRST_MINUTE, LAST_MINUTE, size=len(starts))
    base = np.array(starts, dtype="datetime64[D]").astype("datetime64[m]")
    moments = base + (minute - lead * 1440).astype("timedelta64[m]")
    return list(moments.astype(datetime).tolist())


def purchase_quotes(
    rng: np.random.Generator,
    firms: FirmBatch,
    policies: Sequence[dict[str, Any]],
    as_of: date,
) -> list[dict[str, Any]]:
    """Draw the quote requests that preceded past purchases (the policies' start dates)."""
    index = {cid: i for i, cid in enumerate(firms.ids)}
    starts = _history_starts(firms, as_of)
    asks = rng.uniform(size=len(policies)) < QUOTE_BEFORE_PURCHASE
    moments = _lead_moments(rng, [p["start_date"] for p in policies])
    return [
        _quote(policy["customer_id"], policy["product_code"], when)
        for policy, ask, when in zip(policies, asks, moments, strict=True)
        if ask and when.date() >= starts[index[policy["customer_id"]]]
    ]


def intent_quotes(
    rng: np.random.Generator,
    firms: FirmBatch,
    holdings: Holdings,
    lapses: Sequence[date | None],
    as_of: date,
) -> list[dict[str, Any]]:
    """Draw quote requests ahead of the purchases customers will make in the next 12 months.

    A customer still in force buys a product they do not hold with its ground-truth
    probability, some day in the coming year; the purchase itself is not in the book, but
    the quote request before it is when it falls before ``as_of``.
    """
    held = holdings.owned | holdings.bought
    probability = np.where(held, 0.0, holdings.purchase_probability)
    customer, product = np.nonzero(rng.uniform(size=probability.shape) < probability)
    ahead = rng.integers(1, 366, size=customer.size)
    asks = rng.uniform(size=customer.size) < QUOTE_BEFORE_PURCHASE
    moments = _lead_moments(rng, [as_of + timedelta(days=int(d)) for d in ahead])
    return [
        _quote(firms.ids[i], holdings.codes[k], when)
        for i, k, ask, when in zip(customer, product, asks, moments, strict=True)
        if ask and lapses[int(i)] is None and when.date() < as_of
    ]


def browsing_quotes(
    rng: np.random.Generator,
    firms: FirmBatch,
    holdings: Holdings,
    lapses: Sequence[date | None],
    as_of: date,
) -> list[dict[str, Any]]:
    """Draw quote requests that lead nowhere, at a steady rate over the customer's history."""
    starts, days = _active_days(firms, lapses, as_of)
    open_targets = holdings.in_target & ~holdings.owned & ~holdings.bought
    counts = rng.poisson(BROWSE_PER_YEAR * days / 365) * open_targets.any(axis=1)
    owner, moments = _spread(rng, starts, days, counts)
    rows: list[dict[str, Any]] = []
    for i, when in zip(owner.tolist(), moments, strict=True):
        choices = np.flatnonzero(open_targets[i])
        code = holdings.codes[int(choices[rng.integers(choices.size)])]
        rows.append(_quote(firms.ids[i], code, when))
    return rows


def self_service_rows(
    rng: np.random.Generator,
    firms: FirmBatch,
    holdings: Holdings,
    policies: Sequence[dict[str, Any]],
    lapses: Sequence[date | None],
    as_of: date,
) -> list[dict[str, Any]]:
    """Draw every portal, download and quote-request event of one batch.

    Args:
        rng: The history stream (``tools.book.generator.lapses.history_stream``).
        firms: The batch's customers.
        holdings: Their holdings and ground-truth purchase probabilities.
        policies: The batch's policy rows (purchases, by start date).
        lapses: The day each customer left, or None.
        as_of: The book date; every event falls before it.
    """
    return [
        *portal_rows(rng, firms, lapses, as_of),
        *purchase_quotes(rng, firms, policies, as_of),
        *intent_quotes(rng, firms, holdings, lapses, as_of),
        *browsing_quotes(rng, firms, holdings, lapses, as_of),
    ]
