from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tools.growth import growth_trends

NOW = datetime(2026, 11, 22, 12, 0)


@dataclass
class Event:
    event_type: str
    occurred_at: datetime
    payload: dict[str, Any] = field(default_factory=dict)


def test_headcount_growth_runs_from_the_first_to_the_last_change() -> None:
    events = [
        Event("headcount_change", datetime(2026, 1, 1), {"from": 8, "to": 10}),
        Event("headcount_change", datetime(2026, 6, 1), {"from": 10, "to": 15}),
    ]
    trends = growth_trends(events, NOW, 730)
    assert trends.headcount is not None
    assert (trends.headcount.from_value, trends.headcount.to_value) == (8, 15)
    assert trends.headcount.growth_pct == 87.5


def test_events_before_the_window_are_ignored() -> None:
    events = [Event("revenue_change", datetime(2020, 1, 1), {"from": 100, "to": 200})]
    assert growth_trends(events, NOW, 730).revenue is None


def test_locations_added_is_the_number_of_new_sites() -> None:
    events = [
        Event("location_added", datetime(2026, 10, 1), {"locations_from": 3, "locations_to": 4})
    ]
    assert growth_trends(events, NOW, 730).metric("locations_added") == (1.0, 3, 4)
