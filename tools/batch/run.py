"""The nightly batch: every customer through triggers, eligibility, gaps and arbitration.

Each chunk of customers is read column-wise from SQL and decided with the same functions as
the single-customer tools (``tools.decision.book.decide_frames``); the chosen actions become
each advisor's list in ``action_items``, replacing that run date's items in one transaction.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from copilot.settings import Settings
from tools.batch.gap_columns import gap_matrix
from tools.batch.report import BatchReport
from tools.batch.store import write_items
from tools.book.db import session_scope
from tools.book.models import Customer
from tools.book.repository import resolve_advisor
from tools.catalogue.loader import load_catalogue
from tools.decision.book import decide_frames
from tools.decision.config import load_contact_policy
from tools.decision.model_inputs import ModelInputs, load_model_inputs
from tools.gaps.pack import load_gap_rules
from tools.nba.clock import resolve_now
from tools.nba.config import load_trigger_config
from tools.nba.frames import load_frames, restrict

Progress = Callable[[int, int], None]
CHUNK_CUSTOMERS = 25_000


def _chunks(session: Session, size: int) -> list[tuple[str, str, int]]:
    ids = list(session.scalars(select(Customer.id).order_by(Customer.id)))
    return [
        (ids[i], ids[min(i + size, len(ids)) - 1], min(size, len(ids) - i))
        for i in range(0, len(ids), size)
    ]


def decide_book(
    session: Session,
    moment: datetime,
    advisor_id: str | None = None,
    progress: Progress | None = None,
    chunk_size: int = CHUNK_CUSTOMERS,
) -> BookDecision:
    """Return every candidate of the book with its decision (see ``decide_frames``).

    Args:
        session: Open session on the book.
        moment: Decision moment.
        advisor_id: Only this advisor's customers.
        progress: Called with (customers done, customers total) after each chunk.
        chunk_size: Customers decided together (bounds memory).
    """
    chunks = _chunks(session, chunk_size)
    total, done, scored, parts, gaps = sum(n for *_, n in chunks), 0, 0, [], 0
    basis = ModelInputs().ranking_basis
    catalogue, gap_rules = load_catalogue(), load_gap_rules()
    for low, high, count in chunks:
        frames = load_frames(session, moment, id_range=(low, high))
        if advisor_id is not None:
            frames = restrict(frames, frames.customers["advisor_id"] == advisor_id)
        scored += len(frames.customers)
        inputs = load_model_inputs(session, moment, frames.customers["customer_id"].tolist())
        basis = inputs.ranking_basis
        gaps += int(gap_matrix(session, frames, catalogue, gap_rules).to_numpy().sum())
        parts.append(
            decide_frames(frames, inputs).merge(
                frames.customers[["customer_id", "advisor_id"]], on="customer_id"
            )
        )
        done += count
        if progress is not None:
            progress(done, total)
    decided = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    return BookDecision(decided, scored, basis, gaps)


@dataclass(frozen=True)
class BookDecision:
    """Every candidate of the book with its decision, and how it was ranked."""

    decided: pd.DataFrame
    customers: int
    ranking_basis: str
    gaps: int


def run_batch(
    settings: Settings,
    now: datetime | date | str | None = None,
    progress: Progress | None = None,
    *,
    advisor_id: str | None = None,
) -> BatchReport:
    """Score the whole book and write each advisor's action list for the run date.

    Re-running for the same date (and advisor) replaces its items in one transaction.

    Args:
        settings: Settings of the book database (migrated).
        now: Decision moment; default the book's as-of date at 12:00.
        progress: Called with (customers done, customers total) after each chunk.
        advisor_id: Only this advisor's customers and list.

    Raises:
        UnknownAdvisor: no such advisor.
        InvalidDate: ``now`` is not a valid date.
    """
    started = time.perf_counter()
    with session_scope(settings) as session:
        moment = resolve_now(session, now)
        if advisor_id is not None:
            advisor_id = resolve_advisor(session, advisor_id).id
        book = decide_book(session, moment, advisor_id, progress)
        decided, scored = book.decided, book.customers
        chosen = decided[decided["rank"].notna()] if len(decided) else decided
        per_advisor = write_items(session, moment, chosen, book.ranking_basis, advisor_id)
    suppressed = decided["suppressed_by"].value_counts() if len(decided) else pd.Series()
    return BatchReport(
        run_date=moment.date(),
        decided_at=moment,
        customers=scored,
        candidates=len(decided),
        gaps=book.gaps,
        chosen=len(chosen),
        suppressed={str(k): int(v) for k, v in suppressed.items()},
        items_per_advisor=per_advisor,
        seconds=round(time.perf_counter() - started, 3),
        policy_version=load_contact_policy().version,
        trigger_version=load_trigger_config().version,
        ranking_basis=book.ranking_basis,
    )
