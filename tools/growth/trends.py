"""Growth of one customer from its headcount, revenue and location events (see the package)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any, Protocol

from pydantic import BaseModel, Field


class EventLike(Protocol):
    """What the trend reader needs of a business event."""

    @property
    def event_type(self) -> str:
        """The event type, e.g. headcount_change."""

    @property
    def occurred_at(self) -> datetime:
        """When it happened (naive UTC)."""

    @property
    def payload(self) -> dict[str, Any]:
        """The event's figures."""


class Change(BaseModel):
    """How one measure moved over the trend window (first recorded value to last)."""

    from_value: int = Field(description="Value before the first change in the window.")
    to_value: int = Field(description="Value after the last change in the window.")
    growth_pct: float = Field(description="Relative change in percent, e.g. 87.5 for 8 -> 15.")
    since: datetime = Field(description="When the first change in the window was recorded.")
    events: int = Field(description="How many change events the window holds.")


class GrowthTrends(BaseModel):
    """Growth signals of the trend window; a measure is None when nothing was recorded."""

    window_days: int = Field(description="How far back the trend reaches, in days.")
    headcount: Change | None = Field(description="Headcount change, from headcount events.")
    revenue: Change | None = Field(description="Turnover change, from revenue events (EUR).")
    locations: Change | None = Field(description="Number of sites, from location events.")

    def metric(self, name: str) -> tuple[float, int, int] | None:
        """Return ``(value, from, to)`` of a rule metric, or None when it was not observed.

        Args:
            name: ``headcount_growth_pct``, ``revenue_growth_pct`` or ``locations_added``.
        """
        if name == "locations_added":
            if self.locations is None:
                return None
            loc = self.locations
            return float(loc.to_value - loc.from_value), loc.from_value, loc.to_value
        change = self.headcount if name == "headcount_growth_pct" else self.revenue
        if change is None:
            return None
        return change.growth_pct, change.from_value, change.to_value


MEASURES: dict[str, tuple[str, str, str]] = {
    "headcount_change": ("headcount", "from", "to"),
    "revenue_change": ("revenue", "from", "to"),
    "location_added": ("locations", "locations_from", "locations_to"),
}
"""Event type -> (measure, payload key of the value before, payload key of the value after)."""


def growth_pct(first: float, last: float) -> float:
    """Return the growth from ``first`` to ``last`` in percent, one decimal (0 when from 0)."""
    return round(100.0 * (last - first) / first, 1) if first else 0.0


def _change(rows: list[tuple[datetime, int, int]]) -> Change | None:
    if not rows:
        return None
    rows.sort(key=lambda row: row[0])
    first, last = rows[0], rows[-1]
    return Change(
        from_value=first[1],
        to_value=last[2],
        growth_pct=growth_pct(first[1], last[2]),
        since=first[0],
        events=len(rows),
    )


def growth_trends(events: Iterable[EventLike], now: datetime, window_days: int) -> GrowthTrends:
    """Return the growth signals recorded in the ``window_days`` before ``now``.

    Args:
        events: the customer's business events (any order; other types are ignored).
        now: the end of the window.
        window_days: how far back to look.
    """
    start = now - timedelta(days=window_days)
    found: dict[str, list[tuple[datetime, int, int]]] = {m: [] for m, _, _ in MEASURES.values()}
    for event in events:
        if event.event_type not in MEASURES or not start <= event.occurred_at <= now:
            continue
        measure, low, high = MEASURES[event.event_type]
        payload = event.payload or {}
        if payload.get(low) is not None and payload.get(high) is not None:
            found[measure].append((event.occurred_at, int(payload[low]), int(payload[high])))
    return GrowthTrends(
        window_days=window_days,
        headcount=_change(found["headcount"]),
        revenue=_change(found["revenue"]),
        locations=_change(found["locations"]),
    )
