"""Decide one chunk of the book (a range of customer ids), in this process or a worker."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from tools.batch.gap_columns import gap_matrix
from tools.book.models import Customer
from tools.catalogue.loader import load_catalogue
from tools.decision.book import decide_frames
from tools.foundation.db import engine_for
from tools.gaps.pack import load_gap_rules
from tools.scores.book import load_model_inputs
from tools.snapshot.frames import load_frames, restrict


@dataclass(frozen=True)
class Chunk:
    """An inclusive range of customer ids decided together."""

    low: str
    high: str
    customers: int


@dataclass(frozen=True)
class ChunkResult:
    """The decisions of one chunk."""

    decided: pd.DataFrame
    customers: int
    gaps: int
    ranking_basis: str


def plan_chunks(session: Session, size: int) -> list[Chunk]:
    """Split the book's customer ids, in order, into chunks of at most ``size``."""
    ids = list(session.scalars(select(Customer.id).order_by(Customer.id)))
    return [
        Chunk(ids[i], ids[min(i + size, len(ids)) - 1], min(size, len(ids) - i))
        for i in range(0, len(ids), size)
    ]


def decide_chunk(
    session: Session,
    moment: datetime,
    chunk: Chunk,
    advisor_id: str | None,
    models_dir: Path | None,
) -> ChunkResult:
    """Run one chunk through triggers, eligibility, gaps, models and arbitration."""
    frames = load_frames(session, moment, id_range=(chunk.low, chunk.high))
    if advisor_id is not None:
        frames = restrict(frames, frames.customers["advisor_id"] == advisor_id)
    inputs = load_model_inputs(
        session, moment, frames.customers["customer_id"].tolist(), models_dir
    )
    gaps = gap_matrix(session, frames, load_catalogue(), load_gap_rules())
    decided = decide_frames(frames, inputs).merge(
        frames.customers[["customer_id", "advisor_id"]], on="customer_id"
    )
    # Per item: the challenger arm's customers were ranked by the challenger model.
    decided["ranking_basis"] = decided["customer_id"].map(inputs.basis_of)
    return ChunkResult(
        decided, len(frames.customers), int(gaps.to_numpy().sum()), inputs.ranking_basis
    )


def decide_chunk_at(
    url: str, moment: datetime, chunk: Chunk, advisor_id: str | None, models_dir: Path | None
) -> ChunkResult:
    """Decide a chunk on its own connection (the entry point of a worker process)."""
    with Session(engine_for(url)) as session:
        return decide_chunk(session, moment, chunk, advisor_id, models_dir)
