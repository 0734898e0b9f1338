"""Durable checkpoints of copilot turns: SQLite by default, PostgreSQL when the book is there.

A turn interrupted for approval is resumed from these checkpoints, possibly days later and
in another process; the serializer is told which of our models it may rebuild.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

from tools.foundation.settings import Settings

STATE_MODELS: tuple[tuple[str, str], ...] = (
    ("copilot.plan", "Plan"),
    ("copilot.state", "CustomerFacts"),
    ("copilot.state", "ToolError"),
    ("copilot.state", "Recommendation"),
    ("copilot.state", "SuppressedAction"),
    ("copilot.state", "Draft"),
    ("copilot.state", "ApprovalDecision"),
    ("copilot.compliance.models", "ComplianceReport"),
    ("copilot.compliance.models", "Finding"),
    ("copilot.compliance.models", "RuleRef"),
    ("knowledge.search", "Chunk"),
    ("prompts.registry", "PromptRef"),
)
"""The pydantic models the graph state holds (allowed when reading a checkpoint back)."""


def serializer() -> JsonPlusSerializer:
    """Return the checkpoint serializer that may rebuild exactly our state models."""
    return JsonPlusSerializer(allowed_msgpack_modules=list(STATE_MODELS))


def _postgres_url(settings: Settings) -> str:
    """Return the libpq URL of the SQLAlchemy URL (``postgresql+psycopg://`` -> ``postgresql://``)."""
    scheme, rest = settings.db_url.split("://", 1)
    return f"{scheme.split('+')[0]}://{rest}"


@contextmanager
def open_checkpointer(settings: Settings) -> Iterator[BaseCheckpointSaver[str]]:
    """Open the checkpoint store of the deployment (tables created on first use)."""
    if settings.is_postgres:
        from langgraph.checkpoint.postgres import PostgresSaver

        with PostgresSaver.from_conn_string(_postgres_url(settings)) as saver:
            saver.serde = serializer()
            saver.setup()
            yield saver
        return
    from langgraph.checkpoint.sqlite import SqliteSaver

    settings.checkpoint_path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(settings.checkpoint_path, check_same_thread=False, timeout=30)
    try:
        sqlite_saver = SqliteSaver(connection, serde=serializer())
        sqlite_saver.setup()
        yield sqlite_saver
    finally:
        connection.close()
