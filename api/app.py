"""The FastAPI application factory: settings, schema, one turn service per worker process.

``create_app(settings)`` migrates the database at start-up (idempotent; with several workers
on PostgreSQL Alembic's version table serialises them), opens the turn service once, and in
development creates the demo users. Every route is in ``api/routes``; every error maps to a
status in ``api/errors.py``.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api.errors import install_error_handlers
from api.metrics import record_request
from api.routes import (
    action_lists,
    audit_log,
    customers,
    events,
    health,
    learning,
    login,
    outbox,
    panel,
    panel_actions,
    ratings,
    review,
    review_item,
    review_pages,
    team,
    turns,
    users,
)
from api.security_headers import security_headers
from copilot.service import TurnService
from copilot.users import demo_tokens
from tools.book.schema import migrate
from tools.foundation.settings import Settings, get_settings

logger = logging.getLogger(__name__)
ROUTERS = (
    health,
    login,
    customers,
    turns,
    review,
    ratings,
    action_lists,
    events,
    outbox,
    users,
    audit_log,
    panel,
    panel_actions,
    review_pages,
    review_item,
    learning,
    team,
)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the HTTP API for a deployment's settings (default: the environment's)."""
    chosen = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        chosen.ensure_dirs()
        migrate(chosen)
        demo_tokens(chosen)
        app.state.service = TurnService(chosen)
        yield

    app = FastAPI(
        title="Advisor copilot",
        version="1.0",
        description="Advisor copilot for a Nordic SME insurer: advisors' books, turns, "
        "maker-checker approvals, the review queue, ratings, events and the audit log.",
        lifespan=lifespan,
    )
    app.state.settings = chosen
    install_error_handlers(app)
    app.middleware("http")(record_request)
    app.middleware("http")(security_headers(chosen))
    for module in ROUTERS:
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    return app
