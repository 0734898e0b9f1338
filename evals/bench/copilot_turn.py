"""Benchmark: latency of a full offline copilot turn next to the time spent in tools.

Usage: python evals/bench/copilot_turn.py [--customers 2000] [--turns 40] [--data-dir DIR]
Builds a demo book, trains the models and ingests the knowledge corpus in a temporary data
dir (or uses an existing, initialised ``--data-dir``), then runs offline turns (no LLM) over
varied customers and intents, each to its approval interrupt. Prints p50/p95 turn latency,
the summed time of the tool and retrieval calls each turn made, and the overhead ratio
(turn / tools+retrieval), all from one run. Not a test: figures go in the README.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from copilot.turn import run_turn
from knowledge import ingest_corpus
from tools.book.generator import BookSpec, generate_book
from tools.book.models import Customer
from tools.book.schema import migrate
from tools.foundation.db import session_factory
from tools.foundation.settings import Settings, get_settings
from tools.training.run import train_all

MESSAGES = (
    "What should I offer this customer?",
    "Draft an email about their biggest gap",
    "Which coverage gaps do they have?",
    "Prepare a call script for my meeting",
    "Get me ready for the renewal",
    "What does cyber insurance exclude?",
    "Write a portal message inviting them to a review",
)
"""One message per intent family, cycled over the customers."""


def prepare(settings: Settings, customers: int) -> None:
    """Migrate, generate the demo book, train the models and ingest the corpus."""
    settings.ensure_dirs()
    migrate(settings)
    with session_factory(settings)() as session:
        generate_book(session, BookSpec(customers=customers, seed=42, as_of=date(2026, 11, 22)))
    train_all(settings)
    ingest_corpus(settings)


def sample_customers(settings: Settings, turns: int) -> list[tuple[str, str]]:
    """Return (advisor id, customer id) pairs spread over the book."""
    with session_factory(settings)() as session:
        rows = session.execute(select(Customer.advisor_id, Customer.id).order_by(Customer.id))
        pairs = [(advisor, customer) for advisor, customer in rows]
    step = max(1, len(pairs) // turns)
    return pairs[::step][:turns]


def percentile(values: list[float], share: float) -> float:
    """Return the nearest-rank percentile of a list."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def use_data_dir(data_dir: Path) -> Settings:
    """Make ``data_dir`` the process's data dir (the model tools read ``get_settings()``)."""
    os.environ["COPILOT_DATA_DIR"] = str(data_dir)
    os.environ.pop("COPILOT_DATABASE_URL", None)
    get_settings.cache_clear()
    return get_settings()


def run(settings: Settings, turns: int, now: datetime) -> tuple[list[float], list[float]]:
    """Run the turns; return turn latencies and tool+retrieval seconds, one per turn."""
    pairs = sample_customers(settings, turns)
    advisor, customer = pairs[0]
    run_turn(settings, advisor, customer, MESSAGES[0], now=now, llm=None)  # warm-up
    latencies, tool_times, errors = [], [], 0
    for index, (advisor, customer) in enumerate(pairs):
        started = time.perf_counter()
        result = run_turn(
            settings, advisor, customer, MESSAGES[index % len(MESSAGES)], now=now, llm=None
        )
        latencies.append(time.perf_counter() - started)
        tool_times.append(result.tool_seconds)
        errors += len(result.tool_errors)
    print(f"typed tool errors over the run: {errors} (e.g. churn of a customer with no policy)")
    return latencies, tool_times


def report(latencies: list[float], tool_times: list[float]) -> None:
    """Print the figures of one run."""
    ratios = [turn / tools for turn, tools in zip(latencies, tool_times, strict=True) if tools]
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}"
    )
    print(f"turns: {len(latencies)} offline turns (each to its approval interrupt)")
    print(
        f"turn latency: p50 {percentile(latencies, 0.5) * 1000:.0f} ms, "
        f"p95 {percentile(latencies, 0.95) * 1000:.0f} ms"
    )
    print(
        f"tools+retrieval per turn: p50 {percentile(tool_times, 0.5) * 1000:.0f} ms, "
        f"p95 {percentile(tool_times, 0.95) * 1000:.0f} ms"
    )
    print(
        f"overhead ratio (turn / tools+retrieval): median {statistics.median(ratios):.2f}, "
        f"sum-based {sum(latencies) / sum(tool_times):.2f}"
    )


def main() -> None:
    """Prepare or reuse a data dir, run the turns and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--turns", type=int, default=40)
    parser.add_argument("--data-dir", type=Path, default=None, help="An initialised data dir.")
    args = parser.parse_args()
    now = datetime(2026, 11, 22, 9, 0)
    if args.data_dir:
        latencies, tool_times = run(use_data_dir(args.data_dir), args.turns, now)
    else:
        with tempfile.TemporaryDirectory() as folder:
            settings = use_data_dir(Path(folder))
            prepare(settings, args.customers)
            latencies, tool_times = run(settings, args.turns, now)
    report(latencies, tool_times)


if __name__ == "__main__":
    main()
