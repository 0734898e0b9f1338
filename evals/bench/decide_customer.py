"""Benchmark: deciding one customer's next best actions, scalar path vs the batch's pandas path.

Usage: python evals/bench/decide_customer.py [--customers 2000] [--sample 300]
       [--pandas-sample 30] [--seed 42] [--data-dir DIR] [--json]
       (``--data-dir`` reuses a generated book; ``--json`` ends with one JSON line)

Generates (or reuses) a book, then times a random sample of customers and prints
per-customer p50/p95 in milliseconds:

- ``candidates``: ``detect_customer_candidates`` on a snapshot already read;
- ``decide``: candidates + ``customer_policy_status`` + ``arbitrate_customer`` (what a turn
  runs once its snapshot is read), ranked by the catalogue prior;
- ``decide (given scores)``: the same with made-up model scores given as plain values, as a
  turn passes the scores it computed once;
- ``snapshot + decide``: reading the snapshot (seven queries) and deciding;
- ``session tools``: ``next_best_actions`` + ``arbitrate`` (each reads its own snapshot and
  the registered models' inputs);
- ``pandas path``: the batch's column-wise code on the customer's one-row frames
  (``load_frames`` + ``decide_frames``), what the tools ran before.

Not a test: the figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
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

from tools.book.generator import BookSpec, generate_book
from tools.book.models import Customer
from tools.book.repository import book_as_of
from tools.book.schema import migrate
from tools.catalogue.loader import load_catalogue
from tools.contact_policy import customer_policy_status, load_contact_policy
from tools.decision import arbitrate, arbitrate_customer
from tools.decision.book import decide_frames
from tools.foundation.db import session_factory
from tools.foundation.settings import Settings
from tools.gaps.pack import load_gap_rules
from tools.nba import GivenScores, ModelView, detect_customer_candidates, next_best_actions
from tools.nba.config import load_trigger_config
from tools.snapshot import CustomerSnapshot, load_snapshot
from tools.snapshot.frames import load_frames

PATHS = {
    "candidates": "candidates (snapshot read)",
    "decide": "decide (snapshot read)",
    "decide_given_scores": "decide, given scores",
    "snapshot_decide": "snapshot + decide",
    "session_tools": "session tools (nba+arbitrate)",
    "pandas_path": "pandas path (one-row frames)",
}


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
    return settings


def _candidates(snapshot: CustomerSnapshot, scores: ModelView | None) -> list[Any]:
    catalogue, policy = load_catalogue(), load_contact_policy()
    return detect_customer_candidates(
        snapshot, scores, catalogue, load_trigger_config(), policy, load_gap_rules()
    )


def _decide(snapshot: CustomerSnapshot, scores: ModelView | None) -> object:
    catalogue, policy = load_catalogue(), load_contact_policy()
    candidates = _candidates(snapshot, scores)
    status = customer_policy_status(snapshot, policy)
    return arbitrate_customer(snapshot, candidates, status, policy, catalogue, scores)


def _given_scores(rng: random.Random) -> GivenScores:
    codes = load_catalogue().codes
    return GivenScores(
        propensity={code: rng.random() for code in codes},
        worst_quintile=frozenset(code for code in codes if rng.random() < 0.1),
        ranking_basis="model bench",
        credibility_version="bench",
    )


def _timed(run: Callable[[str], object], ids: list[str]) -> list[float]:
    run(ids[0])  # warm: caches and lazy imports
    out = []
    for customer_id in ids:
        started = time.perf_counter()
        run(customer_id)
        out.append((time.perf_counter() - started) * 1000.0)
    return out


def measure(settings: Settings, sample: int, seed: int, pandas_sample: int) -> dict[str, Any]:
    """Time the paths on a random sample of the book's customers.

    Args:
        settings: The book.
        sample: Customers timed on the scalar paths.
        seed: Seed of the sample and of the made-up scores.
        pandas_sample: The first this many are also timed on the session tools and pandas.
    """
    rng = random.Random(seed)
    with session_factory(settings)() as session:
        ids = list(session.scalars(select(Customer.id).order_by(Customer.id)))
        chosen = rng.sample(ids, min(sample, len(ids)))
        moment = datetime.combine(book_as_of(session), clock_time(12))
        snaps = {c: load_snapshot(session, c, moment) for c in chosen}
        given = {c: _given_scores(rng) for c in chosen}
        slow = chosen[:pandas_sample]
        ms = {
            "candidates": _timed(lambda c: _candidates(snaps[c], None), chosen),
            "decide": _timed(lambda c: _decide(snaps[c], None), chosen),
            "decide_given_scores": _timed(lambda c: _decide(snaps[c], given[c]), chosen),
            "snapshot_decide": _timed(
                lambda c: _decide(load_snapshot(session, c, moment), None), chosen
            ),
            "session_tools": _timed(
                lambda c: arbitrate(
                    session,
                    c,
                    next_best_actions(session, c, now=moment, models_dir=None),
                    now=moment,
                    models_dir=None,
                ),
                slow,
            ),
            "pandas_path": _timed(lambda c: decide_frames(load_frames(session, moment, [c])), slow),
        }
    figures = {
        f"{name}_{q}_ms": float(np.percentile(values, pct))
        for name, values in ms.items()
        for q, pct in (("p50", 50), ("p95", 95))
    }
    return {
        "customers": len(ids),
        "sample": len(chosen),
        "pandas_sample": len(slow),
        **figures,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"python {platform.python_version()}",
        "load_average": round(os.getloadavg()[0], 2),
    }


def report(result: dict[str, Any]) -> None:
    """Print the figures for a person."""
    print(f"machine: {result['machine']}; load average {result['load_average']}")
    print(
        f"book: {result['customers']:,} customers; {result['sample']} sampled customers "
        f"({result['pandas_sample']} on the session tools and the pandas path)"
    )
    print(f"{'per customer':<34}{'p50 ms':>10}{'p95 ms':>10}")
    for name, label in PATHS.items():
        print(f"{label:<34}{result[f'{name}_p50_ms']:>10.2f}{result[f'{name}_p95_ms']:>10.2f}")
    speed_up = result["pandas_path_p50_ms"] / result["decide_p50_ms"]
    print(f"speed-up at p50, pandas path / decide: {speed_up:,.0f}x")


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=2_000)
    parser.add_argument("--sample", type=int, default=300)
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
