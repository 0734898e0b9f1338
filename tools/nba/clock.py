"""The decision moment: an explicit ``now`` or the book's as-of date at noon."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy.orm import Session

from tools.book.repository import book_as_of
from tools.errors import InvalidDate

BOOK_NOON = time(12, 0)


def resolve_now(session: Session, now: datetime | date | str | None) -> datetime:
    """Return the decision moment as a naive datetime.

    Args:
        session: Open session on the book (for its as-of date).
        now: A datetime, a date (read as noon), an ISO 8601 string (a bare date reads as
            noon), or None for the book's as-of date at 12:00.

    Raises:
        InvalidDate: the string is not ISO 8601 or the value is not a date.
    """
    if now is None:
        return datetime.combine(book_as_of(session), BOOK_NOON)
    if isinstance(now, str):
        now = _parse(now)
    if isinstance(now, datetime):
        return now.replace(tzinfo=None) if now.tzinfo is None else _naive_utc(now)
    if isinstance(now, date):
        return datetime.combine(now, BOOK_NOON)
    raise InvalidDate(now)


def _parse(text: str) -> datetime | date:
    value = text.strip()
    try:
        # A bare date reads as that day at noon, like a ``date`` argument.
        return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
    except ValueError:
        raise InvalidDate(text) from None


def _naive_utc(moment: datetime) -> datetime:
    # The book stores naive timestamps; an aware value is compared in its own wall time.
    return moment.replace(tzinfo=None)
