"""Draw business events, past offers and the contact log of one batch."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import numpy as np

from tools.book.generator.firmographics import FirmBatch
from tools.book.generator.holdings import Holdings


def _moment(
    rng: np.random.Generator, as_of: date, days_back_low: int, days_back_high: int
) -> datetime:
    back = int(rng.integers(days_back_low, max(days_back_high, days_back_low + 1)))
    minute = int(rng.integers(7 * 60, 19 * 60))
    return datetime.combine(as_of - timedelta(days=back), time(minute // 60, minute % 60))


def _growth_events(
    rng: np.random.Generator, firms: FirmBatch, i: int, as_of: date
) -> list[dict[str, Any]]:
    cid, when = firms.ids[i], _moment(rng, as_of, 20, 500)
    if rng.uniform() < 0.5:
        before = max(1, int(round(firms.employees[i] / rng.uniform(1.5, 2.2))))
        payload = {"from": before, "to": int(firms.employees[i])}
        kind = "headcount_change"
    else:
        before = int(round(float(firms.turnover[i]) / rng.uniform(1.3, 1.8), -3))
        payload = {"from": before, "to": int(firms.turnover[i])}
        kind = "revenue_change"
    return [{"customer_id": cid, "event_type": kind, "occurred_at": when, "payload": payload}]


def event_rows(
    rng: np.random.Generator, firms: FirmBatch, holdings: Holdings, as_of: date
) -> list[dict[str, Any]]:
    """Draw growth and location events (the self-service ones are in ``self_service``)."""
    rows: list[dict[str, Any]] = []
    for i in range(len(firms)):
        if holdings.grew[i]:
            rows += _growth_events(rng, firms, i, as_of)
        if firms.industry[i] in ("retail", "hospitality") and rng.uniform() < 0.05:
            rows.append(
                {
                    "customer_id": firms.ids[i],
                    "event_type": "location_added",
                    "occurred_at": _moment(rng, as_of, 10, 300),
                    "payload": {"locations_from": 1, "locations_to": 2},
                }
            )
    return rows


def offer_and_contact_rows(
    rng: np.random.Generator,
    firms: FirmBatch,
    holdings: Holdings,
    advisor_of: list[str],
    as_of: date,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Draw a recent offer history (response history per channel) and contact log."""
    offers: list[dict[str, Any]] = []
    contacts: list[dict[str, Any]] = []
    for i in range(len(firms)):
        cid, channel = firms.ids[i], str(firms.preferred_channel[i])
        if rng.uniform() < 0.12:
            candidates = np.flatnonzero(holdings.in_target[i] & ~holdings.owned[i])
            if candidates.size:
                code = holdings.codes[int(rng.choice(candidates))]
                when = _moment(rng, as_of, 5, 180)
                status = str(
                    rng.choice(
                        ["accepted", "declined", "deferred", "presented"], p=[0.2, 0.4, 0.2, 0.2]
                    )
                )
                offers.append(
                    {
                        "customer_id": cid,
                        "advisor_id": advisor_of[i],
                        "product_code": code,
                        "status": status,
                        "channel": channel,
                        "trigger": "campaign",
                        "model_version": "history",
                        "presented_at": when,
                        "decided_at": None if status == "presented" else when,
                    }
                )
        if rng.uniform() < 0.2:
            contacts.append(
                {
                    "customer_id": cid,
                    "advisor_id": advisor_of[i],
                    "channel": channel,
                    "kind": str(rng.choice(["service", "renewal", "sales"])),
                    "contacted_at": _moment(rng, as_of, 2, 120),
                    "subject": "Routine contact",
                }
            )
    return offers, contacts
