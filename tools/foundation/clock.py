"""The one clock of the product: how a tool's ``now`` is read, and the default moment.

The book stores naive UTC timestamps. An aware moment is converted to UTC (not just stripped),
a date means that day at noon, and with no moment the decision moment is the book's as-of date
at noon (``tools.book.clock.resolve_now`` reads that date from the book).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from tools.foundation.errors import InvalidDate

NOON = time(12, 0)
"""The time of day a bare date stands for."""

Moment = datetime | date | str | None
"""What the tools accept as ``now``: a datetime, a date, an ISO 8601 string, or None."""


def naive_utc(moment: datetime) -> datetime:
    """Return a naive UTC datetime (an aware moment is converted, not just stripped)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def at_noon(day: date) -> datetime:
    """Return the moment a bare date stands for: that day at 12:00."""
    return datetime.combine(day, NOON)


def parse_moment(value: datetime | date | str) -> datetime:
    """Return a naive UTC datetime from a datetime, a date (taken at noon) or an ISO string.

    Args:
        value: the moment to read; strings must be ISO 8601 (``2026-11-22`` or
            ``2026-11-22T09:30:00``, with or without an offset).

    Raises:
        InvalidDate: the value is not a date, a datetime or an ISO 8601 string.
    """
    if isinstance(value, datetime):
        return naive_utc(value)
    if isinstance(value, date):
        return at_noon(value)
    if not isinstance(value, str):
        raise InvalidDate(value)
    text = value.strip()
    try:
        if len(text) == 10:
            return at_noon(date.fromisoformat(text))
        return naive_utc(datetime.fromisoformat(text))
    except ValueError:
        raise InvalidDate(value) from None


def utc_now() -> datetime:
    """Return the wall clock as a naive UTC datetime, to the second (for records)."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def utc_instant() -> datetime:
    """Return the wall clock as a naive UTC datetime with microseconds (for logs)."""
    return datetime.now(UTC).replace(tzinfo=None)
