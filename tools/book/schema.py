"""The book database's schema: Alembic migrations, run at ``copilot init`` or server start-up.

Commands that only read or write rows do not migrate; they check once that the schema is at
the newest revision (``ensure_schema``) and otherwise ask the user to run ``copilot init``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from tools.foundation.db import get_engine
from tools.foundation.errors import SchemaNotReady
from tools.foundation.settings import Settings

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    """Build an Alembic config for a database URL (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


_READY: set[str] = set()
"""Database URLs this process has seen at the newest revision (checked once each)."""


def migrate(settings: Settings) -> None:
    """Create or upgrade the database schema to the newest migration (idempotent)."""
    if not settings.database_url:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(settings.db_url), "heads")
    _READY.add(settings.db_url)


@lru_cache(maxsize=1)
def head_revisions() -> frozenset[str]:
    """Return the newest migration revision(s) this code ships."""
    return frozenset(ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads())


def current_revisions(settings: Settings) -> frozenset[str]:
    """Return the revisions the database is at (empty when it has no schema)."""
    with get_engine(settings).connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return frozenset()
        rows = connection.execute(text("SELECT version_num FROM alembic_version"))
        return frozenset(str(row[0]) for row in rows)


def ensure_schema(settings: Settings) -> None:
    """Check, once per process and database, that the schema is at the newest revision.

    Raises:
        SchemaNotReady: the database has no schema or an older one; the message says to run
            ``copilot init``.
    """
    if settings.db_url in _READY:
        return
    found, heads = current_revisions(settings), head_revisions()
    if found != heads:
        raise SchemaNotReady(",".join(sorted(found)) or None, ",".join(sorted(heads)))
    _READY.add(settings.db_url)
