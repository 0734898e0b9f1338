"""Load the demo book idempotently: generate once, keep it on later runs, redo a broken run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from tools.book.generator import BookSpec, generate_book
from tools.book.models import Base, Customer
from tools.book.repository import book_meta


@dataclass(frozen=True)
class LoadResult:
    """What ``ensure_demo_book`` did."""

    generated: bool
    customers: int
    seed: int
    as_of: date


BOOK_DATA_TABLES = frozenset(
    {
        "book_meta",
        "advisors",
        "customers",
        "contacts",
        "policies",
        "claims",
        "business_events",
        "offers",
        "demands_needs",
        "contact_log",
        "ground_truth",
        "action_items",
    }
)
"""The tables a reload of the book replaces. Users, the audit log and the copilot's records
are not among them: a new book never erases who did what."""


def clear_book(session: Session) -> None:
    """Delete every row of the book's tables (children first) in one transaction."""
    for table in reversed(Base.metadata.sorted_tables):
        if table.name in BOOK_DATA_TABLES:
            session.execute(delete(table))
    session.commit()


def ensure_demo_book(
    session: Session,
    spec: BookSpec,
    *,
    reset: bool = False,
    progress: Callable[[int], None] | None = None,
) -> LoadResult:
    """Generate the demo book unless a complete book is already loaded.

    A book is complete when its metadata row exists (written last by the generator); rows
    without metadata are the remains of an interrupted run and are cleared and redone.
    """
    meta = book_meta(session)
    if "customers" in meta and not reset:
        return LoadResult(
            False,
            int(meta["customers"]),
            int(meta.get("seed", 0)),
            date.fromisoformat(meta["as_of"]),
        )
    if reset or session.scalar(select(func.count()).select_from(Customer)):
        clear_book(session)
    generate_book(session, spec, progress)
    return LoadResult(True, spec.customers, spec.seed, spec.as_of)
