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


def clear_book(session: Session) -> None:
    """Delete every row of every table (children first) in one transaction."""
    for table in reversed(Base.metadata.sorted_tables):
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
