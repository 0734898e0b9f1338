"""The nightly batch: every customer through triggers, eligibility, gaps and arbitration.

Each chunk of customers is read column-wise from SQL and decided column-wise
(``tools.decision.book.decide_frames``, held equal to the one-customer tools by parity
tests); the chosen actions become each advisor's list in ``action_items``, replacing that
run date's items in one transaction. A run over the whole book then does the learning loop's
nightly upkeep in a second transaction (so a failure there never loses the lists): offers
waiting ``outcome_no_response_days`` get ``no_response``, and the alert rules are checked on
the window ending now (``tools/learning``).
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd
from sqlalchemy.orm import Session

from tools.batch.chunks import Chunk, ChunkResult, decide_chunk, decide_chunk_at, plan_chunks
from tools.batch.report import BatchReport
from tools.batch.store import write_items
from tools.book.clock import resolve_now
from tools.book.repository import resolve_advisor
from tools.contact_policy.pack import load_contact_policy
from tools.foundation.clock import utc_now
from tools.foundation.db import session_scope
from tools.foundation.settings import Settings
from tools.learning.alert_rules import alert_rules
from tools.learning.alerts import check_alerts
from tools.learning.outcomes import mark_no_response
from tools.nba.config import load_trigger_config
from tools.scores.book import ModelInputs

Progress = Callable[[int, int], None]
CHUNK_CUSTOMERS = 25_000
# Chunks are independent, so worker processes add throughput without changing any answer.
WORKERS = min(2, os.cpu_count() or 1)


@dataclass(frozen=True)
class BookDecision:
    """Every candidate of the book with its decision, and how it was ranked."""

    decided: pd.DataFrame
    customers: int
    ranking_basis: str
    gaps: int


def _combine(results: list[ChunkResult]) -> BookDecision:
    parts = [r.decided for r in results]
    decided = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    basis = results[-1].ranking_basis if results else ModelInputs().ranking_basis
    return BookDecision(
        decided, sum(r.customers for r in results), basis, sum(r.gaps for r in results)
    )


def decide_book(
    session: Session,
    moment: datetime,
    models_dir: Path | None,
    advisor_id: str | None = None,
    progress: Progress | None = None,
    chunk_size: int = CHUNK_CUSTOMERS,
) -> BookDecision:
    """Return every candidate of the book with its decision (see ``decide_frames``), in turn.

    Args:
        session: Open session on the book.
        moment: Decision moment.
        models_dir: The registered models that score the candidates; None ranks by the
            catalogue prior.
        advisor_id: Only this advisor's customers.
        progress: Called with (customers done, customers total) after each chunk.
        chunk_size: Customers decided together (bounds memory).
    """
    chunks = plan_chunks(session, chunk_size)
    total, done, results = sum(c.customers for c in chunks), 0, []
    for chunk in chunks:
        results.append(decide_chunk(session, moment, chunk, advisor_id, models_dir))
        done += chunk.customers
        if progress is not None:
            progress(done, total)
    return _combine(results)


def decide_book_parallel(
    url: str,
    chunks: list[Chunk],
    moment: datetime,
    advisor_id: str | None,
    progress: Progress | None,
    workers: int,
    models_dir: Path | None,
) -> BookDecision:
    """Return the same as ``decide_book``, deciding the chunks in worker processes."""
    total, done = sum(c.customers for c in chunks), 0
    # spawn, not fork: a forked child would share the parent's pooled database connections.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = {
            pool.submit(decide_chunk_at, url, moment, chunk, advisor_id, models_dir): k
            for k, chunk in enumerate(chunks)
        }
        results: dict[int, ChunkResult] = {}
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            done += chunks[futures[future]].customers
            if progress is not None:
                progress(done, total)
    return _combine([results[k] for k in sorted(results)])


def run_batch(
    settings: Settings,
    now: datetime | date | str | None = None,
    progress: Progress | None = None,
    *,
    advisor_id: str | None = None,
    workers: int = WORKERS,
    chunk_size: int = CHUNK_CUSTOMERS,
) -> BatchReport:
    """Score the whole book and write each advisor's action list for the run date.

    Re-running for the same date (and advisor) replaces its items in one transaction.

    Args:
        settings: Settings of the book database (migrated).
        now: Decision moment; default the book's as-of date at 12:00.
        progress: Called with (customers done, customers total) after each chunk.
        advisor_id: Only this advisor's customers and list.
        workers: Processes deciding chunks in parallel (1: in this process).
        chunk_size: Customers decided together (bounds memory per process).

    Raises:
        UnknownAdvisor: no such advisor.
        InvalidDate: ``now`` is not a valid date.
    """
    started = time.perf_counter()
    with session_scope(settings) as session:
        moment = resolve_now(session, now)
        if advisor_id is not None:
            advisor_id = resolve_advisor(session, advisor_id).id
        chunks = plan_chunks(session, chunk_size)
        if workers > 1 and len(chunks) > 1:
            book = decide_book_parallel(
                settings.db_url, chunks, moment, advisor_id, progress, workers, settings.models_dir
            )
        else:
            book = decide_book(
                session, moment, settings.models_dir, advisor_id, progress, chunk_size
            )
        decided, scored = book.decided, book.customers
        chosen = decided[decided["rank"].notna()] if len(decided) else decided
        per_advisor = write_items(session, moment, chosen, book.ranking_basis, advisor_id)
    marked, alerts = _learning_upkeep(settings) if advisor_id is None else (0, 0)
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
        no_response_marked=marked,
        alerts_raised=alerts,
    )


def _learning_upkeep(settings: Settings) -> tuple[int, int]:
    # The learning loop's records carry wall-clock times, so its upkeep reads the wall clock
    # (as ``copilot outcomes sweep`` and ``copilot report alerts --check`` do).
    now = utc_now()
    with session_scope(settings) as session:
        marked = mark_no_response(session, now, settings.outcome_no_response_days)
        raised = check_alerts(session, now, alert_rules(settings))
    return marked, len(raised)
