"""The database engine and sessions of the book (SQLite by default, PostgreSQL by URL).

One engine per database URL per process (cached). SQLite runs in WAL mode with a busy
timeout, so readers never block the writer and two writers wait instead of failing; foreign
keys are enforced.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from tools.foundation.settings import Settings

SQLITE_BUSY_TIMEOUT_MS = 10_000
"""How long a SQLite connection waits for a lock before failing."""


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


@lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    """Return the process's engine for a database URL (SQLite: WAL, busy timeout, FKs)."""
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def get_engine(settings: Settings) -> Engine:
    """Return the engine of the configured book database."""
    return engine_for(settings.db_url)


@lru_cache(maxsize=8)
def _factory(url: str) -> sessionmaker[Session]:
    return sessionmaker(bind=engine_for(url), expire_on_commit=False)


def session_factory(settings: Settings) -> sessionmaker[Session]:
    """Return the (cached) session factory bound to the configured database."""
    return _factory(settings.db_url)


@contextmanager
def session_scope(settings: Settings) -> Iterator[Session]:
    """Open a session that commits on success and rolls back on any error."""
    session = session_factory(settings)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
