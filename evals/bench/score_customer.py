"""Benchmark: scoring one customer through the registered models, fast path vs pandas path.

Usage: python evals/bench/score_customer.py [--customers 2000] [--sample 200]
       [--pandas-sample 30] [--seed 42] [--data-dir DIR] [--json]
       (``--data-dir`` reuses a book and its models; ``--json`` ends with one JSON line)

Generates (or reuses) a book, trains the three models when none is registered, then scores a
random sample of customers (prospects and lapsed customers included) three ways and prints
per-customer p50/p95 in milliseconds:

- ``score_snapshot``: the models on numpy arrays, from a snapshot already read (once a turn);
- ``snapshot + score + outputs``: reading the snapshot, scoring, and building the
  propensity, risk-profile and churn/CLV outputs;
- ``pandas path``: what the tools did before, the book-level functions (``score_book``,
  ``risk_book``, ``churn_book``) on the customer's frames (without the book-wide peer query
  the old tools added on top).

Not a test: the figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import random
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from datetime import time as clock_time
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from tools.book.generator import BookSpec, generate_book
from tools.book.models import Customer
from tools.book.repository import book_as_of
from tools.book.schema import migrate
from tools.catalogue.loader import load_catalogue
from tools.churn.scoring import churn_book
from tools.credibility.profile import risk_book
from tools.foundation.db import session_factory
from tools.foundation.errors import NotEligible
from tools.foundation.settings import Settings
from tools.propensity.book_frames import active_at, load_book_frames
from tools.propensity.scoring import score_book
from tools.scores import (
    CustomerScores,
    ModelSet,
    churn_clv_of,
    load_model_set,
    propensity_scores,
    risk_profile_of,
    score_snapshot,
)
from tools.snapshot import CustomerSnapshot, load_snapshot
from tools.training.run import train_all


def _book(folder: Path, customers: int, seed: int) -> Settings:
    settings = Settings(data_dir=folder)
    settings.ensure_dirs()
    migrate(settings)
    with session_factory(settings)() as session:
        if session.scalar(select(Customer.id).limit(1)) is None:
            print(f"generating a book of {customers:,} customers in {folder} ...")
            generate_book(
                session, BookSpec(customers=customers, seed=seed, as_of=date(2026, 11, 22))
            )
    if not load_model_set(settings.models_dir).versions:
        print("training the models ...")
        train_all(settings)
    return settings


def _outputs(scores: CustomerScores) -> None:
    catalogue = load_catalogue()
    propensity_scores(scores, catalogue)
    risk_profile_of(scores)
    with contextlib.suppress(NotEligible):  # a prospect or lapsed customer: nothing to churn
        churn_clv_of(scores, catalogue)


def _pandas_path(session: Session, customer_id: str, at: date, models: ModelSet) -> None:
    frames = load_book_frames(session, [customer_id])
    risk_book(frames, at, models_dir=models.models_dir)
    if active_at(frames.policies, at).any():  # the book functions give others no row
        score_book(frames, at, models_dir=models.models_dir)
        churn_book(frames, at, models_dir=models.models_dir)


def _timed(run: Callable[[str], object], ids: list[str]) -> list[float]:
    run(ids[0])  # warm: caches and lazy imports
    out = []
    for customer_id in ids:
        started = time.perf_counter()
        run(customer_id)
        out.append((time.perf_counter() - started) * 1000.0)
    return out


def _figures(name: str, ms: list[float]) -> dict[str, float]:
    return {
        f"{name}_p50_ms": float(np.percentile(ms, 50)),
        f"{name}_p95_ms": float(np.percentile(ms, 95)),
    }


def measure(settings: Settings, sample: int, seed: int, pandas_sample: int) -> dict[str, Any]:
    """Time the three paths on a random sample of the book's customers.

    Args:
        settings: The book and its models.
        sample: Customers timed on the fast paths.
        seed: Seed of the sample.
        pandas_sample: The first this many of them are also timed on the (slow) pandas path.
    """
    catalogue, models = load_catalogue(), load_model_set(settings.models_dir)
    with session_factory(settings)() as session:
        ids = list(session.scalars(select(Customer.id).order_by(Customer.id)))
        chosen = random.Random(seed).sample(ids, min(sample, len(ids)))
        at = book_as_of(session)
        moment = datetime.combine(at, clock_time(12))
        snapshots: dict[str, CustomerSnapshot] = {
            c: load_snapshot(session, c, moment) for c in chosen
        }
        fast = _timed(lambda c: score_snapshot(snapshots[c], models, catalogue), chosen)
        turn = _timed(
            lambda c: _outputs(
                score_snapshot(load_snapshot(session, c, moment), models, catalogue)
            ),
            chosen,
        )
        slow = chosen[:pandas_sample]
        pandas = _timed(lambda c: _pandas_path(session, c, at, models), slow)
    return {
        "customers": len(ids),
        "sample": len(chosen),
        "pandas_sample": len(slow),
        **_figures("score_snapshot", fast),
        **_figures("snapshot_score_outputs", turn),
        **_figures("pandas_path", pandas),
        "versions": models.versions,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"python {platform.python_version()}",
        "load_average": round(os.getloadavg()[0], 2),
    }


def report(result: dict[str, Any]) -> None:
    """Print the figures for a person."""
    print(f"machine: {result['machine']}; load average {result['load_average']}")
    print(
        f"book: {result['customers']:,} customers; {result['sample']} sampled customers "
        f"({result['pandas_sample']} on the pandas path)"
    )
    print(f"{'per customer':<34}{'p50 ms':>10}{'p95 ms':>10}")
    for name, label in (
        ("score_snapshot", "score_snapshot (numpy)"),
        ("snapshot_score_outputs", "snapshot + score + outputs"),
        ("pandas_path", "pandas path (book functions)"),
    ):
        print(f"{label:<34}{result[f'{name}_p50_ms']:>10.2f}{result[f'{name}_p95_ms']:>10.2f}")
    speed_up = result["pandas_path_p50_ms"] / result["snapshot_score_outputs_p50_ms"]
    print(f"speed-up at p50, pandas path / snapshot + score + outputs: {speed_up:,.0f}x")


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=2_000)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--pandas-sample", type=int, default=30)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--json", action="store_true", help="End with one JSON line.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        settings = _book(args.data_dir or Path(folder), args.customers, args.seed)
        result = measure(settings, args.sample, args.seed, args.pandas_sample)
    report(result)
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
