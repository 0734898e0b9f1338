"""Growth signals of the trigger lookback: revenue > +30%, headcount > +50%, a new location.

Growth is the one definition of ``tools.growth`` (first recorded value to last in the window,
percent to one decimal, sites gained) read over ``growth.lookback_days`` of ``triggers.yaml``:
``growth_trends`` for one customer, ``growth_columns`` for many. A signal fires when its
growth is above the seed's threshold. Both paths describe the growth with ``describe_growth``
on a row holding the ``GROWTH_COLUMNS`` values, the signal flags and the signal count.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

from tools.gaps.pack import Metric, MetricRule
from tools.growth import GROWTH_COLUMNS, EventLike, growth_columns, growth_trends
from tools.nba.config import TriggerConfig
from tools.snapshot.frames import BookFrames

SIGNAL_METRICS: dict[str, Metric] = {
    "revenue_jump": "revenue_growth_pct",
    "headcount_jump": "headcount_growth_pct",
    "new_location": "locations_added",
}
"""Each growth signal of the seed and the growth metric it reads."""
GrowthRow = Mapping[str, Any]
"""One customer's growth: ``GROWTH_COLUMNS`` (NaN when not observed), the flags, ``signals``."""


def _thresholds(config: TriggerConfig) -> dict[str, float]:
    rules = config.growth
    return {
        "revenue_jump": rules.revenue_jump_pct,
        "headcount_jump": rules.headcount_jump_pct,
        "new_location": 0.0,
    }


def growth_signals(frames: BookFrames, config: TriggerConfig) -> pd.DataFrame:
    """Return one row per customer that grew (revenue, headcount or sites) in the lookback.

    Columns: ``GROWTH_COLUMNS``, the signal flags of ``SIGNAL_METRICS`` and ``signals``, the
    count of the seed's growth signals (0 when the growth fires only a rule of the gaps pack,
    e.g. headcount +30%), indexed by customer id.
    """
    growth = growth_columns(frames.events, frames.now, config.growth.lookback_days)
    for flag, above in _thresholds(config).items():
        growth[flag] = growth[SIGNAL_METRICS[flag]].gt(above)
    growth["signals"] = growth[list(SIGNAL_METRICS)].sum(axis=1).astype(int)
    grew = (
        growth["revenue_growth_pct"].gt(0)
        | growth["headcount_growth_pct"].gt(0)
        | growth["new_location"]
    )
    return growth[grew]


def customer_growth(
    events: Iterable[EventLike], now: datetime, config: TriggerConfig
) -> dict[str, Any] | None:
    """Return one customer's row of ``growth_signals`` (None when it did not grow).

    Args:
        events: The customer's business events (any order; other types are ignored).
        now: The decision moment, end of the lookback.
        config: The trigger configuration.
    """
    trends = growth_trends(events, now, config.growth.lookback_days)
    row: dict[str, Any] = dict.fromkeys(GROWTH_COLUMNS, math.nan)
    for measure, change in (
        ("headcount", trends.headcount),
        ("revenue", trends.revenue),
        ("locations", trends.locations),
    ):
        if change is None:
            continue
        row[f"{measure}_from"], row[f"{measure}_to"] = (
            float(change.from_value),
            float(change.to_value),
        )
        if measure == "locations":
            row["locations_added"] = float(change.to_value - change.from_value)
        else:
            row[f"{measure}_growth_pct"] = change.growth_pct
    for flag, above in _thresholds(config).items():
        row[flag] = row[SIGNAL_METRICS[flag]] > above
    row["signals"] = sum(bool(row[flag]) for flag in SIGNAL_METRICS)
    grew = row["revenue_growth_pct"] > 0 or row["headcount_growth_pct"] > 0 or row["new_location"]
    return row if grew else None


def rule_fires(growth: pd.DataFrame, rule: MetricRule) -> np.ndarray:
    """Return, per row of a growth frame, whether a growth metric rule of the pack fires."""
    return growth[rule.metric].gt(rule.above).to_numpy(dtype=bool)


def customer_rule_fires(row: GrowthRow, rule: MetricRule) -> bool:
    """Return whether a growth metric rule of the pack fires on one customer's growth row."""
    return bool(row[rule.metric] > rule.above)


def describe_growth(
    row: GrowthRow, metrics: Iterable[Metric] | None = None
) -> tuple[dict[str, object], str]:
    """Return the evidence and the plain-words reason of one customer's growth.

    Args:
        row: The customer's row of ``growth_signals`` (or of ``customer_growth``).
        metrics: The metrics to describe; default the customer's growth signals.
    """
    if metrics is None:
        metrics = [m for flag, m in SIGNAL_METRICS.items() if row[flag]]
    chosen = set(metrics)
    evidence: dict[str, object] = {}
    parts: list[str] = []
    if "revenue_growth_pct" in chosen:
        low, high, pct = int(row["revenue_from"]), int(row["revenue_to"]), row["revenue_growth_pct"]
        evidence |= {
            "revenue_from_eur": low,
            "revenue_to_eur": high,
            "revenue_change_pct": round(float(pct), 1),
        }
        parts.append(f"revenue EUR {low:,} -> {high:,} (+{pct:.0f}%)")
    if "headcount_growth_pct" in chosen:
        low, high = int(row["headcount_from"]), int(row["headcount_to"])
        pct = row["headcount_growth_pct"]
        evidence |= {
            "employees_from": low,
            "employees_to": high,
            "employees_change_pct": round(float(pct), 1),
        }
        parts.append(f"employees {low} -> {high} (+{pct:.0f}%)")
    if "locations_added" in chosen:
        evidence["new_location"] = True
        parts.append("a new location opened")
    return evidence, "Growth: " + "; ".join(parts)


def growth_timing(signals: int, now: datetime, config: TriggerConfig) -> tuple[str, datetime]:
    """Return the urgency and deadline of a customer's growth actions.

    Two or more of the seed's signals make growth high priority, answered like a claim
    (within 48 hours); otherwise the consultation is due within two weeks.
    """
    if signals >= config.growth.high_priority_min_signals:
        return "high", now + timedelta(hours=config.claim.respond_within_hours)
    return "medium", now + timedelta(days=config.growth.consultation_within_days)
