"""Vectorised growth signals: revenue > +30%, headcount > +50%, a new location."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

import numpy as np
import pandas as pd

from tools.gaps.pack import Metric, MetricRule
from tools.nba.config import TriggerConfig
from tools.snapshot.frames import BookFrames

# The growth-signal column each growth metric of the gaps rule pack reads.
METRIC_COLUMNS: dict[Metric, str] = {
    "headcount_growth_pct": "headcount_pct",
    "revenue_growth_pct": "revenue_pct",
    "locations_added": "locations_added",
}
SIGNAL_METRICS: dict[str, Metric] = {
    "revenue_jump": "revenue_growth_pct",
    "headcount_jump": "headcount_growth_pct",
    "new_location": "locations_added",
}


def rule_fires(growth: pd.DataFrame, rule: MetricRule) -> np.ndarray:
    """Return, per row of a growth frame, whether a growth metric rule of the pack fires."""
    return growth[METRIC_COLUMNS[rule.metric]].gt(rule.above).to_numpy(dtype=bool)


def _latest_change(events: pd.DataFrame, kind: str) -> pd.DataFrame:
    rows = events[events["event_type"] == kind].sort_values(["customer_id", "occurred_at"])
    rows = rows.drop_duplicates("customer_id", keep="last")
    before = pd.to_numeric([p.get("from") for p in rows["payload"]], errors="coerce")
    after = pd.to_numeric([p.get("to") for p in rows["payload"]], errors="coerce")
    frame = pd.DataFrame({"from": before, "to": after}, index=rows["customer_id"].to_numpy())
    frame["pct"] = (frame["to"] - frame["from"]) / frame["from"] * 100
    return frame


def growth_signals(frames: BookFrames, config: TriggerConfig) -> pd.DataFrame:
    """Return one row per customer that grew (revenue, headcount or sites) in the lookback.

    Columns: revenue_from/to/pct, headcount_from/to/pct, locations_added, new_location,
    revenue_jump, headcount_jump and signals, the count of the seed's growth signals (0 when
    the growth fires only a rule of the gaps pack, e.g. headcount +30%), indexed by customer.
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
    signals["signals"] = signals[list(SIGNAL_METRICS)].sum(axis=1).astype(int)
    signals.index.name = "customer_id"
    grew = signals["revenue_pct"].gt(0) | signals["headcount_pct"].gt(0) | signals["new_location"]
    return signals[grew]


def describe_growth(
    row: pd.Series, metrics: Iterable[Metric] | None = None
) -> tuple[dict[str, object], str]:
    """Return the evidence and the plain-words reason of one customer's growth.

    Args:
        row: The customer's row of ``growth_signals``.
        metrics: The metrics to describe; default the customer's growth signals.
    """
    if metrics is None:
        metrics = [m for flag, m in SIGNAL_METRICS.items() if row[flag]]
    chosen = set(metrics)
    evidence: dict[str, object] = {}
    parts: list[str] = []
    if "revenue_growth_pct" in chosen:
        evidence |= {
            "revenue_from_eur": int(row["revenue_from"]),
            "revenue_to_eur": int(row["revenue_to"]),
            "revenue_change_pct": round(float(row["revenue_pct"]), 1),
        }
        parts.append(
            f"revenue EUR {int(row['revenue_from']):,} -> {int(row['revenue_to']):,} "
            f"(+{row['revenue_pct']:.0f}%)"
        )
    if "headcount_growth_pct" in chosen:
        evidence |= {
            "employees_from": int(row["headcount_from"]),
            "employees_to": int(row["headcount_to"]),
            "employees_change_pct": round(float(row["headcount_pct"]), 1),
        }
        parts.append(
            f"employees {int(row['headcount_from'])} -> {int(row['headcount_to'])} "
            f"(+{row['headcount_pct']:.0f}%)"
        )
    if "locations_added" in chosen:
        evidence["new_location"] = True
        parts.append("a new location opened")
    return evidence, "Growth: " + "; ".join(parts)
