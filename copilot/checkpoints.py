"""Durable checkpoints of copilot turns: SQLite by default, PostgreSQL when the book is there.

A turn interrupted for approval is resumed from these checkpoints, possibly days later and
in another process; the serializer is told which of our models it may rebuild. One saver is
opened per process and database (``checkpointer_for``) and shared by every turn: SQLite in WAL
mode with a busy timeout on one thread-safe connection, PostgreSQL through a connection pool.
"""

from __future__ import annotations

import atexit
import sqlite3
import threading
from typing import Any

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

from tools.foundation.db import SQLITE_BUSY_TIMEOUT_MS
from tools.foundation.settings import Settings

STATE_MODELS: tuple[tuple[str, str], ...] = (
    ("copilot.plan", "Plan"),
    ("copilot.state", "CustomerFacts"),
    ("copilot.state", "ContactFacts"),
    ("copilot.turn_facts", "ToolError"),
    ("copilot.turn_facts", "TurnFacts"),
    ("copilot.state", "Recommendation"),
    ("copilot.state", "SuppressedAction"),
    ("copilot.state", "Draft"),
    ("copilot.state", "ApprovalDecision"),
    ("copilot.state", "ReviewDecision"),
    ("copilot.compliance.models", "ComplianceReport"),
    ("copilot.compliance.models", "Finding"),
    ("copilot.compliance.models", "RuleRef"),
    ("knowledge.search", "Chunk"),
    ("prompts.registry", "PromptRef"),
)
"""The pydantic models the graph state holds (allowed when reading a checkpoint back)."""

_LOCK = threading.Lock()
_SAVERS: dict[str, tuple[BaseCheckpointSaver[str], Any]] = {}


def serializer() -> JsonPlusSerializer:
    """Return the checkpoint serializer that may rebuild exactly our state models."""
    return JsonPlusSerializer(allowed_msgpack_modules=list(STATE_MODELS))


def _postgres_url(settings: Settings) -> str:
    """Return the libpq URL of the SQLAlchemy URL (``postgresql+psycopg://`` -> ``postgresql://``)."""
    scheme, rest = settings.db_url.split("://", 1)
    return f"{scheme.split('+')[0]}://{rest}"


def _open_postgres(settings: Settings) -> tuple[BaseCheckpointSaver[str], Any]:
    from langgraph.checkpoint.postgres import PostgresSaver
    from psycopg.rows import dict_row
    from psycopg_pool import ConnectionPool

    pool = ConnectionPool(
        _postgres_url(settings),
        min_size=1,
        max_size=8,
        kwargs={"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row},
        open=True,
    )
    saver = PostgresSaver(pool, serde=serializer())  # type: ignore[arg-type]
    saver.setup()
    return saver, pool


def _open_sqlite(settings: Settings) -> tuple[BaseCheckpointSaver[str], Any]:
    from langgraph.checkpoint.sqlite import SqliteSaver

    settings.checkpoint_path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(
        settings.checkpoint_path,
        check_same_thread=False,
        timeout=SQLITE_BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
    )
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    saver = SqliteSaver(connection, serde=serializer())
    saver.setup()
    return saver, connection


def _location(settings: Settings) -> str:
    return settings.db_url if settings.is_postgres else str(settings.checkpoint_path.resolve())


def checkpointer_for(settings: Settings) -> BaseCheckpointSaver[str]:
    """Return the process's checkpoint saver of the deployment (opened and set up once)."""
    key = _location(settings)
    with _LOCK:
        if key not in _SAVERS:
            opener = _open_postgres if settings.is_postgres else _open_sqlite
            _SAVERS[key] = opener(settings)
        return _SAVERS[key][0]


def close_checkpointers() -> None:
    """Close every saver this process opened (at exit, or between tests)."""
    with _LOCK:
        for _, handle in _SAVERS.values():
            handle.close()
        _SAVERS.clear()


atexit.register(close_checkpointers)
