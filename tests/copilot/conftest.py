"""Graph fixtures: a private book with an ingested knowledge store, and a scripted fake LLM."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import pytest
from pydantic import BaseModel

from copilot.llm.errors import LLMUnavailable
from copilot.llm.scripted import ScriptedLLM as Scripted
from knowledge import ingest_corpus
from tools.book.generator import BookSpec, generate_book
from tools.book.schema import migrate
from tools.foundation.db import session_factory
from tools.foundation.settings import Settings
from tools.training.run import train_all

AS_OF = date(2026, 11, 22)
NOW = datetime(2026, 11, 22, 9, 0)
SEED_ADVISOR = "ADV-001"
ModelT = TypeVar("ModelT", bound=BaseModel)


def _copy_data_dir(source: Path, target: Path) -> None:
    """Copy a data dir; the SQLite book through the backup API (its WAL may be open)."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("copilot.db*"))
    with (
        sqlite3.connect(source / "copilot.db") as src,
        sqlite3.connect(target / "copilot.db") as dst,
    ):
        src.backup(dst)


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


@pytest.fixture(scope="session")
def shared_settings(template_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Return settings of a session-wide copy for tests that only ask (no approvals)."""
    target = tmp_path_factory.mktemp("copilot-shared") / "data"
    _copy_data_dir(template_data_dir, target)
    return Settings(data_dir=target, review_sample_rate=0.0)


@pytest.fixture
def turn_settings(template_data_dir: Path, tmp_path: Path) -> Settings:
    """Return settings of a private copy of the book and store (tests that write)."""
    target = tmp_path / "data"
    _copy_data_dir(template_data_dir, target)
    return Settings(data_dir=target, review_sample_rate=0.0)


@pytest.fixture
def cli_env(turn_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """Point the process settings (``get_settings``) at a private copy, for CLI tests."""
    from tools.foundation.settings import get_settings

    monkeypatch.setenv("COPILOT_DATA_DIR", str(turn_settings.data_dir))
    monkeypatch.delenv("COPILOT_DATABASE_URL", raising=False)
    monkeypatch.delenv("COPILOT_LLM_BASE_URL", raising=False)
    monkeypatch.setenv("COPILOT_REVIEW_SAMPLE_RATE", "0")
    get_settings.cache_clear()
    yield turn_settings
    get_settings.cache_clear()


def ScriptedLLM(  # noqa: N802 - reads as the fake it builds
    plans: list[Any] | None = None,
    drafts: list[Any] | None = None,
    reviews: list[Any] | None = None,
) -> Scripted:
    """Return the adapter's scripted fake: plans, drafts and reviews answered in order.

    Args:
        plans: Plan proposals (dicts or models) or faults, in order.
        drafts: Draft texts, functions of the prompt variables, faults, or ``(partial text,
            fault)`` for a stream that breaks mid-way, in order.
        reviews: Answers of the review prompt (default: no findings).
    """
    return Scripted(
        answers={
            "plan": list(plans or []),
            "draft": list(drafts or []),
            "review": list(reviews or []),
        },
        model="fake-model",
        defaults={"review": {"findings": []}},
    )


def unavailable(reason: str = "timeout") -> LLMUnavailable:
    """Return the adapter's typed fault, as the fake raises it."""
    return LLMUnavailable(reason, "scripted fault")  # type: ignore[arg-type]
