"""Prometheus metrics of the API (``GET /metrics``), kept per worker process."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

from fastapi import Request, Response
from prometheus_client import CollectorRegistry, Counter, Histogram

REGISTRY = CollectorRegistry()
REQUESTS = Counter(
    "copilot_http_requests_total",
    "HTTP requests by route and status.",
    ["method", "route", "status"],
    registry=REGISTRY,
)
LATENCY = Histogram(
    "copilot_http_request_seconds",
    "HTTP request latency by route.",
    ["method", "route"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1.0, 2.5, 5.0),
    registry=REGISTRY,
)
TURNS = Counter("copilot_turns_total", "Copilot turns by outcome.", ["outcome"], registry=REGISTRY)
DECISIONS = Counter(
    "copilot_decisions_total",
    "Decisions on drafts by step and verdict.",
    ["step", "decision"],
    registry=REGISTRY,
)


def _route(request: Request) -> str:
    # The route template, not the path: ids must not explode the label set.
    route = request.scope.get("route")
    return getattr(route, "path", "unmatched")


async def record_request(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Middleware: count the request and time it by route."""
    started = time.perf_counter()
    response = await call_next(request)
    route = _route(request)
    REQUESTS.labels(request.method, route, str(response.status_code)).inc()
    LATENCY.labels(request.method, route).observe(time.perf_counter() - started)
    return response
