"""Benchmark: the nightly batch path against the per-customer tools, from one run.

Usage: python evals/bench/batch_scoring.py [--customers 100000] [--sample 1000] [--seed 42]
       [--workers 2] [--data-dir DIR]   (reuse a generated book in DIR instead of generating one)

Generates (or reuses) a book, runs the batch over every customer (triggers, eligibility,
contact policy, arbitration and the write to ``action_items``), then calls
``next_best_actions`` + ``arbitrate`` for a random sample of customers, and prints both
rates side by side with their ratio, CPU time and peak memory. Target (issue 3): at least
100k customers a minute on 2 cores. The ratio to the per-customer tools was a target (50x)
while they ran the batch's pandas code on one customer; they now run the plain-Python path
(a few milliseconds each, issue 10), so the ratio is for information. Not a test: the
figures go in the README.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import select

from tools.batch import run_batch
from tools.batch.run import WORKERS
from tools.book.generator import BookSpec, generate_book
from tools.book.models import Customer
from tools.book.schema import migrate
from tools.decision import arbitrate
from tools.foundation.db import session_factory
from tools.foundation.settings import Settings
from tools.nba import next_best_actions


def _book(folder: Path, customers: int, seed: int) -> Settings:
    settings = Settings(data_dir=folder)
    migrate(settings)
    with session_factory(settings)() as session:
        if session.scalar(select(Customer.id).limit(1)) is None:
            spec = BookSpec(customers=customers, seed=seed, as_of=date(2026, 11, 22))
            print(f"generating a book of {customers:,} customers in {folder} ...")
            generate_book(session, spec)
    return settings


def _per_customer(settings: Settings, sample: int, seed: int) -> tuple[int, float]:
    with session_factory(settings)() as session:
        ids = list(session.scalars(select(Customer.id).order_by(Customer.id)))
        chosen = random.Random(seed).sample(ids, min(sample, len(ids)))
        started = time.perf_counter()
        for customer_id in chosen:
            candidates = next_best_actions(session, customer_id, models_dir=None)
            arbitrate(session, customer_id, candidates, models_dir=None)
        return len(chosen), time.perf_counter() - started


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def _report(args: argparse.Namespace, settings: Settings) -> None:
    cpu_start = _cpu_seconds()
    report = run_batch(settings, workers=args.workers)
    batch_cpu = _cpu_seconds() - cpu_start
    sampled, single_s = _per_customer(settings, args.sample, args.seed)
    batch_rate = report.customers / report.seconds
    single_rate = sampled / single_s
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}"
    )
    print(f"{'path':<34}{'customers':>11}{'seconds':>10}{'customers/s':>13}{'per minute':>13}")
    print(
        f"{'batch (run_batch, incl. write)':<34}{report.customers:>11,}{report.seconds:>10.1f}"
        f"{batch_rate:>13,.0f}{batch_rate * 60:>13,.0f}"
    )
    print(
        f"{'per-customer tools (nba+arbitrate)':<34}{sampled:>11,}{single_s:>10.1f}"
        f"{single_rate:>13,.1f}{single_rate * 60:>13,.0f}"
    )
    print(f"speed-up batch / per-customer: {batch_rate / single_rate:,.0f}x")
    print(
        f"batch CPU time, all processes: {batch_cpu:.1f} s "
        f"({report.customers / batch_cpu:,.0f} customers per CPU-second)"
    )
    print(
        f"actions written: {report.chosen:,} of {report.candidates:,} candidates; "
        f"suppressed: {report.suppressed}"
    )
    print(
        f"peak memory: {peak_mb:,.0f} MB main process, {worker_mb:,.0f} MB largest worker "
        f"({args.workers} workers)"
    )


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--workers", type=int, default=WORKERS)
    args = parser.parse_args()
    if args.data_dir is not None:
        _report(args, _book(args.data_dir, args.customers, args.seed))
        return
    with tempfile.TemporaryDirectory() as folder:
        _report(args, _book(Path(folder), args.customers, args.seed))


if __name__ == "__main__":
    main()
