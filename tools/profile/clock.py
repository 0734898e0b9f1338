"""Resolve the moment a tool reasons about: an explicit date, or the book's as-of date at noon."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from sqlalchemy.orm import Session

from tools.book.repository import book_as_of
from tools.errors import InvalidDate

NOON = time(12, 0)

Moment = datetime | date | str | None
"""What the tools accept as ``now``: a datetime, a date, an ISO 8601 string, or None."""


def _naive_utc(moment: datetime) -> datetime:
    # The book stores naive UTC timestamps; an aware moment is converted, not just stripped.
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def parse_moment(value: datetime | date | str) -> datetime:
    """Return a naive datetime from a datetime, a date (taken at noon) or an ISO 8601 string.

    Args:
        value: the moment to read; strings must be ISO 8601 (``2026-11-22`` or
            ``2026-11-22T09:30:00``).

    Raises:
        InvalidDate: the value is not a date, a datetime or an ISO 8601 string.
    """
    if isinstance(value, datetime):
        return _naive_utc(value)
    if isinstance(value, date):
        return datetime.combine(value, NOON)
    if not isinstance(value, str):
        raise InvalidDate(value)
    text = value.strip()
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), NOON)
        return _naive_utc(datetime.fromisoformat(text))
    except ValueError:
        raise InvalidDate(value) from None


def resolve_now(session: Session, now: Moment) -> datetime:
    """Return ``now`` as a datetime, defaulting to the book's as-of date at 12:00.

    Raises:
        InvalidDate: ``now`` cannot be read as a date.
    """
    if now is None:
        return datetime.combine(book_as_of(session), NOON)
    return parse_moment(now)
