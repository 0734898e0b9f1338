"""Benchmark: synthetic book generation speed (customers per second) into SQLite.

Usage: python evals/bench/book_generation.py [--customers 100000] [--seed 42]
Prints customers/second, rows written and peak memory. Not a test: figures go in the README.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import tempfile
import time
from datetime import date
from pathlib import Path

from tools.book.generator import BookSpec, generate_book
from tools.book.schema import migrate
from tools.book.stats import table_counts
from tools.foundation.db import session_factory
from tools.foundation.settings import Settings


def main() -> None:
    """Generate a book in a temporary data dir and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(data_dir=Path(folder))
        migrate(settings)
        spec = BookSpec(customers=args.customers, seed=args.seed, as_of=date(2026, 11, 22))
        with session_factory(settings)() as session:
            started = time.perf_counter()
            generate_book(session, spec)
            elapsed = time.perf_counter() - started
            counts = table_counts(session)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cores = os.cpu_count()
    print(f"machine: {platform.machine()}, {cores} cores, python {platform.python_version()}")
    print(f"customers: {args.customers:,} (+5 seed) in {elapsed:.1f} s")
    print(f"customers/second: {args.customers / elapsed:,.0f}")
    print(f"rows written: {sum(counts.values()):,} ({counts})")
    print(f"peak memory: {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
