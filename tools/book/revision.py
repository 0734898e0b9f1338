"""The book revision: a counter bumped by every write to customers or policies.

Database triggers (migration ``0004``) bump it on every insert, update or delete, so caches of
book-level aggregates know when the book changed, in-place edits included.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def book_revision(session: Session) -> int:
    """Return the book's current revision (one indexed read)."""
    value = session.execute(text("SELECT revision FROM book_revision WHERE id = 1")).scalar()
    return int(value or 0)
