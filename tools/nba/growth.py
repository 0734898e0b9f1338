"""Vectorised growth signals: revenue > +30%, headcount > +50%, a new location."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd

from tools.nba.config import TriggerConfig
from tools.nba.frames import BookFrames


def _latest_change(events: pd.DataFrame, kind: str) -> pd.DataFrame:
    rows = events[events["event_type"] == kind].sort_values(["customer_id", "occurred_at"])
    rows = rows.drop_duplicates("customer_id", keep="last")
    before = pd.to_numeric([p.get("from") for p in rows["payload"]], errors="coerce")
    after = pd.to_numeric([p.get("to") for p in rows["payload"]], errors="coerce")
    frame = pd.DataFrame({"from": before, "to": after}, index=rows["customer_id"].to_numpy())
    frame["pct"] = (frame["to"] - frame["from"]) / frame["from"] * 100
    return frame


def growth_signals(frames: BookFrames, config: TriggerConfig) -> pd.DataFrame:
    """Return one row per customer with a growth signal in the lookback window.

    Columns: revenue_from/to/pct, headcount_from/to/pct, locations_added, new_location,
    revenue_jump, headcount_jump, signals (count), indexed by customer id.
    """
    rules = config.growth
    start = pd.Timestamp(frames.now) - timedelta(days=rules.lookback_days)
    events = frames.events[frames.events["occurred_at"] >= start]
    revenue = _latest_change(events, "revenue_change").add_prefix("revenue_")
    headcount = _latest_change(events, "headcount_change").add_prefix("headcount_")
    added = events.loc[events["event_type"] == "location_added", "customer_id"].value_counts()
    signals = revenue.join(headcount, how="outer")
    signals = signals.reindex(signals.index.union(added.index))
    signals["locations_added"] = added.reindex(signals.index).fillna(0).astype(int)
    signals["new_location"] = signals["locations_added"] > 0
    signals["revenue_jump"] = signals["revenue_pct"].gt(rules.revenue_jump_pct)
    signals["headcount_jump"] = signals["headcount_pct"].gt(rules.headcount_jump_pct)
    flags = signals[["revenue_jump", "headcount_jump", "new_location"]]
    signals["signals"] = flags.sum(axis=1).astype(int)
    signals.index.name = "customer_id"
    return signals[signals["signals"] > 0]


def describe_growth(row: pd.Series) -> tuple[dict[str, object], str]:
    """Return the evidence and the plain-words reason of one customer's growth signals."""
    evidence: dict[str, object] = {}
    parts: list[str] = []
    if row["revenue_jump"]:
        evidence |= {
            "revenue_from_eur": int(row["revenue_from"]),
            "revenue_to_eur": int(row["revenue_to"]),
            "revenue_change_pct": round(float(row["revenue_pct"]), 1),
        }
        parts.append(
            f"revenue EUR {int(row['revenue_from']):,} -> {int(row['revenue_to']):,} "
            f"(+{row['revenue_pct']:.0f}%)"
        )
    if row["headcount_jump"]:
        evidence |= {
            "employees_from": int(row["headcount_from"]),
            "employees_to": int(row["headcount_to"]),
            "employees_change_pct": round(float(row["headcount_pct"]), 1),
        }
        parts.append(
            f"employees {int(row['headcount_from'])} -> {int(row['headcount_to'])} "
            f"(+{row['headcount_pct']:.0f}%)"
        )
    if row["new_location"]:
        evidence["new_location"] = True
        parts.append("a new location opened")
    return evidence, "Growth: " + "; ".join(parts)
