"""The decision moment of every tool and of the batch: an explicit ``now`` or the book's as-of.

One home for the clock (``tools.foundation.clock`` reads a moment; this adds the book's
default): profile, gaps, eligibility, quote, next best action, arbitration, the batch and the
turn service all resolve ``now`` here, so they agree on time zones and on the default.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from tools.book.repository import book_as_of
from tools.foundation.clock import Moment, at_noon, parse_moment


def resolve_now(session: Session, now: Moment) -> datetime:
    """Return ``now`` as a naive UTC datetime, defaulting to the book's as-of date at 12:00.

    Args:
        session: Open session on the book (for its as-of date).
        now: A datetime (an aware one is converted to UTC), a date (read as noon), an ISO 8601
            string, or None for the book's as-of date at noon.

    Raises:
        InvalidDate: ``now`` cannot be read as a date.
    """
    if now is None:
        return at_noon(book_as_of(session))
    return parse_moment(now)
