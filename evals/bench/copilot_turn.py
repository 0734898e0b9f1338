"""Benchmark: warm copilot turns, the time inside their tools and retrieval, and one search.

Usage: python evals/bench/copilot_turn.py [--customers 2000] [--turns 40] [--data-dir DIR] [--json]

Builds a book of N generated customers (plus the five seed customers), trains the models and
ingests the knowledge corpus in a temporary data dir (or reuses an initialised ``--data-dir``),
then runs offline turns (no LLM) through the turn service over customers spread across the book
and the intents, each to its approval interrupt, after one warm-up turn. Prints p50/p95 of the
turn latency, of the time spent in tools and retrieval per turn, and the p50 of one knowledge
search; with ``--json`` the last line is one JSON object with the figures. Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from copilot.service import TurnRequest, TurnService
from knowledge import ingest_corpus, search
from tools.book.generator import BookSpec, generate_book
from tools.book.models import Customer
from tools.book.schema import migrate
from tools.foundation.db import session_factory
from tools.foundation.settings import Settings
from tools.training import train_all

AS_OF = date(2026, 11, 22)
NOW = datetime(2026, 11, 22, 9, 0)
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
SEARCHES = 50
"""Knowledge searches timed on their own."""


def prepare(settings: Settings, customers: int) -> None:
    """Migrate, generate the book, train the models and ingest the corpus."""
    settings.ensure_dirs()
    migrate(settings)
    with session_factory(settings)() as session:
        generate_book(session, BookSpec(customers=customers, seed=42, as_of=AS_OF))
    train_all(settings)
    ingest_corpus(settings)


def sample_customers(settings: Settings, turns: int) -> tuple[list[tuple[str, str]], int]:
    """Return (advisor id, customer id) pairs spread over the book, and the book's size."""
    with session_factory(settings)() as session:
        rows = session.execute(select(Customer.advisor_id, Customer.id).order_by(Customer.id))
        pairs = [(advisor, customer) for advisor, customer in rows]
    step = max(1, len(pairs) // turns)
    return pairs[::step][:turns], len(pairs)


def percentile(values: list[float], share: float) -> float:
    """Return the nearest-rank percentile of a list."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def run_turns(service: TurnService, pairs: list[tuple[str, str]]) -> tuple[list[float], ...]:
    """Run one warm-up turn and then the timed turns; return latencies and tool seconds."""

    def request(index: int, advisor: str, customer: str) -> TurnRequest:
        message = MESSAGES[index % len(MESSAGES)]
        return TurnRequest(advisor_id=advisor, customer_id=customer, message=message, now=NOW)

    service.start(request(0, *pairs[0]))
    latencies, tools, errors = [], [], 0
    for index, (advisor, customer) in enumerate(pairs):
        started = time.perf_counter()
        result = service.start(request(index, advisor, customer))
        latencies.append(time.perf_counter() - started)
        tools.append(result.tool_seconds)
        errors += len(result.tool_errors)
    print(f"typed tool errors over the run: {errors} (e.g. churn of a customer with no policy)")
    return latencies, tools


def time_searches(settings: Settings) -> list[float]:
    """Time single knowledge searches (the advisor's question, filtered by country)."""
    queries = [f"{m} ({k})" for k in range(SEARCHES // len(MESSAGES) + 1) for m in MESSAGES]
    search(queries[0], countries=["SE"], k=4, settings=settings)  # warm
    out = []
    for query in queries[:SEARCHES]:
        started = time.perf_counter()
        search(query, countries=["SE"], k=4, settings=settings)
        out.append(time.perf_counter() - started)
    return out


def figures(latencies: list[float], tools: list[float], searches: list[float], n: int) -> dict:
    """Return the figures of one run, in milliseconds."""
    ms = 1000.0
    return {
        "customers": n,
        "turns": len(latencies),
        "turn_p50_ms": round(percentile(latencies, 0.5) * ms, 1),
        "turn_p95_ms": round(percentile(latencies, 0.95) * ms, 1),
        "tools_p50_ms": round(percentile(tools, 0.5) * ms, 1),
        "tools_p95_ms": round(percentile(tools, 0.95) * ms, 1),
        "search_p50_ms": round(percentile(searches, 0.5) * ms, 1),
        "search_p95_ms": round(percentile(searches, 0.95) * ms, 1),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"python {platform.python_version()}",
        "load_average": round(os.getloadavg()[0], 2),
    }


def measure(settings: Settings, turns: int) -> dict:
    """Run the turns and the searches on an initialised data dir."""
    pairs, size = sample_customers(settings, turns)
    service = TurnService(settings, llm=None)
    latencies, tools = run_turns(service, pairs)
    return figures(latencies, tools, time_searches(settings), size)


def report(result: dict) -> None:
    """Print the figures for a person."""
    print(f"machine: {result['machine']}; load average {result['load_average']}")
    print(f"book: {result['customers']:,} customers; {result['turns']} warm offline turns")
    print(f"turn latency: p50 {result['turn_p50_ms']} ms, p95 {result['turn_p95_ms']} ms")
    print(
        f"tools + retrieval per turn: p50 {result['tools_p50_ms']} ms, "
        f"p95 {result['tools_p95_ms']} ms"
    )
    print(
        f"one knowledge search: p50 {result['search_p50_ms']} ms, p95 {result['search_p95_ms']} ms"
    )


def main() -> None:
    """Prepare or reuse a data dir, run the turns and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--turns", type=int, default=40)
    parser.add_argument("--data-dir", type=Path, default=None, help="An initialised data dir.")
    parser.add_argument("--json", action="store_true", help="End with one JSON line.")
    args = parser.parse_args()
    if args.data_dir:
        result = measure(Settings(data_dir=args.data_dir), args.turns)
    else:
        with tempfile.TemporaryDirectory() as folder:
            settings = Settings(data_dir=Path(folder))
            prepare(settings, args.customers)
            result = measure(settings, args.turns)
    report(result)
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
