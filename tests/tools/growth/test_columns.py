"""The column-wise growth twin equals the one-customer definition."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

import pandas as pd
import pytest
from sqlalchemy.orm import Session

from tools.growth import GrowthTrends, growth_columns, growth_trends
from tools.snapshot.frames import load_frames

NOW = datetime(2026, 11, 22, 12, 0)


@dataclass
class Event:
    event_type: str
    occurred_at: datetime
    payload: dict[str, Any] = field(default_factory=dict)


def _frame(rows: dict[str, list[Event]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "customer_id": cid,
                "event_type": e.event_type,
                "occurred_at": e.occurred_at,
                "payload": e.payload,
            }
            for cid, events in rows.items()
            for e in events
        ],
        columns=["customer_id", "event_type", "occurred_at", "payload"],
    )


def _expected(trends: GrowthTrends) -> dict[str, float]:
    out: dict[str, float] = {}
    for measure, change in (
        ("headcount", trends.headcount),
        ("revenue", trends.revenue),
        ("locations", trends.locations),
    ):
        if change is None:
            continue
        out[f"{measure}_from"], out[f"{measure}_to"] = change.from_value, change.to_value
        if measure == "locations":
            out["locations_added"] = change.to_value - change.from_value
        else:
            out[f"{measure}_growth_pct"] = change.growth_pct
    return out


def _observed(row: pd.Series) -> dict[str, float]:
    return {k: float(v) for k, v in row.items() if not (isinstance(v, float) and math.isnan(v))}


def _random_events(rng: random.Random) -> list[Event]:
    kinds = [
        ("headcount_change", "from", "to"),
        ("revenue_change", "from", "to"),
        ("location_added", "locations_from", "locations_to"),
        ("portal_login", "", ""),
    ]
    events = []
    for _ in range(rng.randint(0, 6)):
        kind, low, high = rng.choice(kinds)
        at = NOW - timedelta(days=rng.randint(0, 900), hours=rng.randint(0, 23))
        start = rng.randint(0, 60)
        payload = {low: start, high: start + rng.randint(-5, 40)} if low else {}
        events.append(Event(kind, at, payload))
    return events


def test_the_twin_equals_the_definition_on_random_histories() -> None:
    rng = random.Random(11)
    histories = {f"C{k:04d}": _random_events(rng) for k in range(300)}
    for window in (90, 730):
        table = growth_columns(_frame(histories), NOW, window)
        for cid, events in histories.items():
            expected = _expected(growth_trends(events, NOW, window))
            observed = _observed(table.loc[cid]) if cid in table.index else {}
            assert observed == pytest.approx(expected), (cid, window)


def test_the_twin_equals_the_definition_on_the_book(book_session: Session, as_of: date) -> None:
    now = datetime.combine(as_of, time(12))
    events = load_frames(book_session, now).events
    table = growth_columns(events, now, 730)
    for cid, rows in events.groupby("customer_id"):
        history = [
            Event(k, t.to_pydatetime(), p)
            for k, t, p in zip(
                rows["event_type"], rows["occurred_at"], rows["payload"], strict=True
            )
        ]
        expected = _expected(growth_trends(history, now, 730))
        observed = _observed(table.loc[cid]) if cid in table.index else {}
        assert observed == pytest.approx(expected), cid


def test_a_change_from_zero_is_zero_growth() -> None:
    frame = _frame({"C1": [Event("headcount_change", NOW, {"from": 0, "to": 5})]})
    assert growth_columns(frame, NOW, 90).loc["C1", "headcount_growth_pct"] == 0.0
