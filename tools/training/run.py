"""Train every model from the book in the configured database and register the versions.

``copilot models train`` and ``copilot init`` call :func:`train_all`. The BLAS thread pool
is limited to one thread: the models are small, and oversubscribed threads made the same
training several times slower on the 2-core machines.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session
from threadpoolctl import threadpool_limits

from tools.book.models import GroundTruth
from tools.book.repository import book_as_of
from tools.catalogue.loader import load_catalogue
from tools.foundation.clock import utc_now
from tools.foundation.db import session_factory
from tools.foundation.settings import Settings
from tools.registry.store import save_model, set_challenger

Progress = Callable[[str], None]


class TrainReport(BaseModel):
    """What one training run produced."""

    versions: dict[str, str] = Field(
        description="New version per model kind (current, or the challenger when asked)."
    )
    seconds: dict[str, float] = Field(description="Wall time per step, seconds.")
    book_date: str = Field(description="As-of date of the book the models were trained on.")
    customers: int = Field(description="Customers read from the book.")
    headline: dict[str, Any] = Field(description="A few key metrics per model.")


def _oracle(session: Session) -> tuple[dict[str, dict[str, float]] | None, dict[str, float] | None]:
    # Synthetic ground truth: read for the model cards' oracle comparisons only, never scored.
    rows = session.execute(
        select(GroundTruth.customer_id, GroundTruth.purchase_probability, GroundTruth.churn_hazard)
    ).all()
    if not rows:
        return None, None
    return {r[0]: dict(r[1] or {}) for r in rows}, {r[0]: float(r[2]) for r in rows}


def train_all(
    settings: Settings, progress: Progress | None = None, challenger: bool = False
) -> TrainReport:
    """Train propensity, credibility and churn models from the book and make them current.

    Args:
        settings: The book (``settings.db_url``) and the registry (``settings.models_dir``).
        progress: Called with a short description before each step.
        challenger: Train the propensity model only and make it the challenger (it scores the
            experiment's challenger arm) instead of the current version.

    Returns:
        The new versions, timings and headline metrics.
    """
    from tools.churn.training import train_churn
    from tools.credibility.pipeline import train_credibility
    from tools.learning.feedback import load_feedback
    from tools.learning.offsets import learn_from_loop
    from tools.propensity.book_frames import load_book_frames
    from tools.propensity.pipeline import train_propensity

    note = progress or (lambda _step: None)
    catalogue = load_catalogue()
    seconds: dict[str, float] = {}
    versions: dict[str, str] = {}
    headline: dict[str, Any] = {}
    source = settings.db_url.split("@")[-1]
    with session_factory(settings)() as session, threadpool_limits(1):
        started = time.perf_counter()
        note("Reading the book")
        frames = load_book_frames(session)
        book_date, (oracle, hazard) = book_as_of(session), _oracle(session)
        # What the learning loop recorded so far: settled offers, weighed by advisors' ratings.
        feedback = load_feedback(session, utc_now())
        seconds["read"] = time.perf_counter() - started
        steps = (
            (
                "propensity",
                lambda: learn_from_loop(
                    train_propensity(frames, book_date, catalogue, oracle, source),
                    frames,
                    feedback,
                    catalogue,
                ),
            ),
            ("credibility", lambda: train_credibility(frames, book_date, catalogue.codes, source)),
            ("churn", lambda: train_churn(frames, book_date, catalogue, source, hazard)),
        )
        for kind, step in steps[:1] if challenger else steps:
            note(f"Training the {kind} {'challenger' if challenger else 'model'}")
            started = time.perf_counter()
            model, metadata = step()
            save_model(model, metadata, settings.models_dir, make_current=not challenger)
            if challenger:
                set_challenger("propensity", metadata.version, settings.models_dir)
            versions[kind] = metadata.version
            headline[kind] = {k: v for k, v in metadata.metrics.items() if k in HEADLINE}
            seconds[kind] = round(time.perf_counter() - started, 2)
    return TrainReport(
        versions=versions,
        seconds=seconds,
        book_date=book_date.isoformat(),
        customers=len(frames.customers),
        headline=headline,
    )


HEADLINE = ("time_holdout", "same_window_holdout", "churn_12m_5fold_customer_cv", "GL", "PROPERTY")
