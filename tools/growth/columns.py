"""The column-wise twin of ``growth_trends``: growth of many customers at once (pandas).

Same definition (first change's ``from`` to last change's ``to`` in the window, percent to one
decimal, locations added as sites gained); ``tests/tools/growth`` holds the two equal.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd

from tools.growth.trends import MEASURES

GROWTH_COLUMNS = [
    "headcount_from",
    "headcount_to",
    "headcount_growth_pct",
    "revenue_from",
    "revenue_to",
    "revenue_growth_pct",
    "locations_from",
    "locations_to",
    "locations_added",
]
"""Columns of ``growth_columns``, NaN where the measure was not observed in the window."""


def growth_columns(events: pd.DataFrame, now: datetime, window_days: int) -> pd.DataFrame:
    """Return the growth of each customer with a change event in the window.

    Args:
        events: Columns customer_id, event_type, occurred_at (timestamps), payload (dict).
        now: End of the window.
        window_days: How far back the window reaches.

    Returns:
        One row per customer (index ``customer_id``) with ``GROWTH_COLUMNS``.
    """
    start = pd.Timestamp(now - timedelta(days=window_days))
    inside = events[events["occurred_at"].between(start, pd.Timestamp(now))]
    parts = []
    for kind, (measure, low, high) in MEASURES.items():
        rows = inside[inside["event_type"] == kind]
        rows = rows.assign(
            low=pd.to_numeric([p.get(low) for p in rows["payload"]], errors="coerce"),
            high=pd.to_numeric([p.get(high) for p in rows["payload"]], errors="coerce"),
        ).dropna(subset=["low", "high"])
        grouped = rows.sort_values("occurred_at", kind="stable").groupby("customer_id")
        first = grouped["low"].first().astype(int).astype(float)
        last = grouped["high"].last().astype(int).astype(float)
        part = pd.DataFrame({f"{measure}_from": first, f"{measure}_to": last})
        if measure == "locations":
            part["locations_added"] = last - first
        else:
            pct = (100.0 * (last - first) / first.where(first != 0)).round(1).fillna(0.0)
            part[f"{measure}_growth_pct"] = pct
        parts.append(part)
    out = pd.concat(parts, axis=1) if parts else pd.DataFrame()
    out = out.reindex(columns=GROWTH_COLUMNS)
    out.index.name = "customer_id"
    return out
