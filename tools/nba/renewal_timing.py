"""When a renewal review is due: inside the response window, and before the policy renews.

A review due after the renewal date is too late to change anything.

``renewal_due_by`` decides one policy; ``renewal_due_by_column`` is its column-wise twin for
the nightly batch (a parity test holds the two equal).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pandas as pd


def renewal_due_by(now: datetime, renewal: date, hours: int) -> datetime:
    """Return the review's deadline: ``now + hours``, at the latest the renewal day's start.

    Never before ``now``: a policy renewing today is due at once.
    """
    renews = datetime.combine(renewal, time.min)
    return min(now + timedelta(hours=hours), max(now, renews))


def renewal_due_by_column(now: datetime, renewals: pd.Series, hours: pd.Series) -> pd.Series:
    """Return ``renewal_due_by`` for every row (renewal dates and hours aligned)."""
    moment = pd.Timestamp(now)
    window = moment + pd.to_timedelta(hours, unit="h")
    renews = pd.to_datetime(renewals).dt.normalize().clip(lower=moment)
    return window.where(window <= renews, renews)
