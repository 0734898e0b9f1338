"""Shared fixtures: isolated settings, and generated books of business on real SQLite."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from knowledge import ingest_corpus
from tools.book.generator import BookSpec, generate_book
from tools.book.schema import migrate
from tools.foundation.db import session_factory
from tools.foundation.settings import Settings, get_settings
from tools.training.run import train_all

AS_OF = date(2026, 11, 22)
BOOK_CUSTOMERS = 300
BOOK_SEED = 7


def _settings_for(data_dir: Path) -> Settings:
    os.environ["COPILOT_DATA_DIR"] = str(data_dir)
    os.environ.pop("COPILOT_DATABASE_URL", None)
    get_settings.cache_clear()
    settings = get_settings()
    settings.ensure_dirs()
    return settings


def build_book(data_dir: Path, customers: int, seed: int = BOOK_SEED) -> Settings:
    """Migrate a SQLite book in ``data_dir`` and fill it with a generated book."""
    settings = _settings_for(data_dir)
    migrate(settings)
    with session_factory(settings)() as session:
        generate_book(session, BookSpec(customers=customers, seed=seed, as_of=AS_OF))
    return settings


@pytest.fixture(scope="session")
def as_of() -> date:
    """Return the as-of date of the test books."""
    return AS_OF


@pytest.fixture(scope="session")
def book_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """Return settings of a shared, read-only book: 300 customers + the five seed customers.

    Its data dir is also the process default (``COPILOT_DATA_DIR``) so code that calls
    ``get_settings()`` sees the same book; tests that write must use ``fresh_book``.
    """
    settings = build_book(tmp_path_factory.mktemp("book"), BOOK_CUSTOMERS)
    yield settings
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def book_session(book_settings: Settings) -> Iterator[Session]:
    """Return a session on the shared read-only book."""
    with session_factory(book_settings)() as session:
        yield session


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """Return settings with an empty, private data dir (the environment is restored after)."""
    monkeypatch.setenv("COPILOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("COPILOT_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    current = get_settings()
    current.ensure_dirs()
    yield current
    monkeypatch.undo()
    get_settings.cache_clear()


@pytest.fixture
def fresh_book(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[int], tuple[Settings, Session]]]:
    """Return a factory of private, writable books: ``fresh_book(customers) -> (settings, s)``."""
    sessions: list[Session] = []
    monkeypatch.setenv("COPILOT_DATA_DIR", str(tmp_path / "fresh"))

    def make(customers: int = 50) -> tuple[Settings, Session]:
        settings = build_book(tmp_path / "fresh", customers)
        session = session_factory(settings)()
        sessions.append(session)
        return settings, session

    yield make
    for session in sessions:
        session.close()
    monkeypatch.undo()
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """Return the URL of a private PostgreSQL cluster (skips when no server binaries exist)."""
    from tests.postgres_cluster import postgres_cluster

    # Not under pytest's private temp root: the server runs as the postgres user.
    folder = Path(tempfile.mkdtemp(prefix="copilot-pg-"))
    folder.chmod(0o755)
    try:
        with postgres_cluster(folder) as url:
            if url is None:
                pytest.skip("PostgreSQL server binaries are not installed")
            yield url
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _ingested_store(request: pytest.FixtureRequest, target: Settings) -> None:
    """Ingest the corpus into ``target``, reusing pytest's cache of an earlier ingest.

    Ingest is idempotent (unchanged documents are skipped by hash), so a cached store that
    is up to date costs a hash check; a changed corpus is re-ingested for real.
    """
    pytest_cache = getattr(request.config, "cache", None)  # absent with -p no:cacheprovider
    if pytest_cache is not None:
        cache = Settings(data_dir=Path(pytest_cache.mkdir("copilot-knowledge")))
        cache.ensure_dirs()
        ingest_corpus(cache)
        shutil.copytree(cache.chroma_dir, target.chroma_dir, dirs_exist_ok=True)
    ingest_corpus(target)


@pytest.fixture(scope="session")
def template_data_dir(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """Build once per session: a migrated book (300 + 5 seed customers), trained models and
    the ingested corpus."""
    data_dir = tmp_path_factory.mktemp("copilot-template")
    settings = Settings(data_dir=data_dir)
    settings.ensure_dirs()
    migrate(settings)
    with session_factory(settings)() as session:
        generate_book(session, BookSpec(customers=300, seed=7, as_of=AS_OF))
    train_all(settings)
    _ingested_store(request, settings)
    return data_dir
