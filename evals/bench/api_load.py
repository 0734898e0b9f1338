"""Benchmark: the HTTP API under load from a second process on loopback, for a bounded time.

Usage: python evals/bench/api_load.py --data-dir DIR [--seconds 60] [--clients 4] [--json]

Starts ``copilot serve`` on a free port over an initialised data dir (``copilot init``, or the
``--data-dir`` of ``copilot_turn.py``), then this process drives it with ``--clients`` threads,
each signed in as a demo advisor and cycling over customers of that advisor's book: the
profile (``GET /api/customers/{id}``), the recommendations and an offline turn. Prints
requests per second, p50/p95 per endpoint and the errors; with ``--json`` the last line is
one JSON object with the figures. Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx
from sqlalchemy import select

from copilot.users import demo_tokens
from tools.book.models import Customer
from tools.book.schema import migrate
from tools.foundation.db import session_scope
from tools.foundation.settings import Settings

ENDPOINTS = ("profile", "recommendations", "turn")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def percentile(values: list[float], share: float) -> float:
    """Return the nearest-rank percentile of a list (0 for an empty one)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def _start(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "COPILOT_DATA_DIR": str(data_dir), "COPILOT_LOG_LEVEL": "WARNING"}
    env.pop("COPILOT_LLM_BASE_URL", None)
    command = [sys.executable, "-m", "copilot.cli", "serve", "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start within 60 s")


def _books(settings: Settings, clients: int) -> list[tuple[str, list[str]]]:
    migrate(settings)
    tokens = demo_tokens(settings)
    advisors = sorted(a for a in tokens if a != "compliance")[:clients]
    with session_scope(settings) as session:
        return [
            (
                tokens[a],
                list(
                    session.scalars(select(Customer.id).where(Customer.advisor_id == a).limit(200))
                ),
            )
            for a in advisors
        ]


def drive(base: str, token: str, customers: list[str], until: float, out: dict) -> None:
    """Cycle profile, recommendations and a turn over the customers until the deadline."""
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, headers=headers, timeout=60) as client:
        index = 0
        while time.monotonic() < until:
            customer = customers[index % len(customers)]
            index += 1
            for name in ENDPOINTS:
                started = time.perf_counter()
                if name == "turn":
                    answer = client.post(
                        f"/api/customers/{customer}/turns",
                        json={"message": "What should I offer them next?"},
                    )
                else:
                    suffix = "/recommendations" if name == "recommendations" else ""
                    answer = client.get(f"/api/customers/{customer}{suffix}")
                out[name].append((time.perf_counter() - started) * 1000)
                if answer.status_code != 200:
                    out["errors"].append(f"{name} {answer.status_code}")


def main() -> None:
    """Start the server, drive it for the bounded time, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, required=True, help="An initialised data dir.")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--json", action="store_true", help="End with one JSON line.")
    args = parser.parse_args()
    settings = Settings(data_dir=args.data_dir)
    books = _books(settings, args.clients)
    port = _free_port()
    server = _start(args.data_dir, port)
    results: dict[str, list] = defaultdict(list)
    try:
        until = time.monotonic() + args.seconds
        started = time.monotonic()
        threads = [
            threading.Thread(
                target=drive, args=(f"http://127.0.0.1:{port}", token, ids, until, results)
            )
            for token, ids in books
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    total = sum(len(results[name]) for name in ENDPOINTS)
    figures = {
        "seconds": round(elapsed, 1),
        "clients": len(books),
        "requests": total,
        "requests_per_s": round(total / elapsed, 1),
        "errors": len(results["errors"]),
        **{f"{n}_p50_ms": round(percentile(results[n], 0.5), 1) for n in ENDPOINTS},
        **{f"{n}_p95_ms": round(percentile(results[n], 0.95), 1) for n in ENDPOINTS},
        "machine": f"{platform.machine()}, {os.cpu_count()} cores,"
        f" python {platform.python_version()}",
        "load_average": round(os.getloadavg()[0], 2),
    }
    print(f"machine: {figures['machine']}; load average {figures['load_average']}")
    print(
        f"{figures['requests']} requests in {figures['seconds']} s from {figures['clients']}"
        f" clients: {figures['requests_per_s']} requests/s, {figures['errors']} errors"
    )
    for name in ENDPOINTS:
        print(
            f"{name}: n={len(results[name])}, p50 {figures[f'{name}_p50_ms']} ms,"
            f" p95 {figures[f'{name}_p95_ms']} ms"
        )
    if results["errors"]:
        print("errors:", ", ".join(sorted(set(results["errors"]))[:10]))
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
