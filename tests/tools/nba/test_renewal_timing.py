"""A renewal review is due before the policy renews; the batch twin agrees row by row."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from tools.nba.renewal_timing import renewal_due_by, renewal_due_by_column

NOW = datetime(2026, 12, 3, 12, 0)
CASES = [
    (date(2027, 1, 30), 168, datetime(2026, 12, 10, 12, 0)),  # far off: the response window
    (date(2026, 12, 4), 48, datetime(2026, 12, 4, 0, 0)),  # renews tomorrow: before that day
    (date(2026, 12, 3), 48, NOW),  # renews today: due now, not in the past
]


@pytest.mark.parametrize(("renewal", "hours", "expected"), CASES)
def test_a_review_is_never_due_after_the_renewal(
    renewal: date, hours: int, expected: datetime
) -> None:
    assert renewal_due_by(NOW, renewal, hours) == expected


def test_the_batch_twin_equals_the_rule() -> None:
    renewals = pd.Series([pd.Timestamp(r) for r, _, _ in CASES])
    hours = pd.Series([h for _, h, _ in CASES])

    column = renewal_due_by_column(NOW, renewals, hours)

    assert list(column) == [pd.Timestamp(renewal_due_by(NOW, r, h)) for r, h, _ in CASES]
