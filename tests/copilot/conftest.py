"""Graph fixtures: a private book with an ingested knowledge store, and a scripted fake LLM."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import pytest
from pydantic import BaseModel

from copilot.llm.errors import LLMUnavailable
from copilot.llm.scripted import ScriptedLLM as Scripted
from tests.data_dirs import copy_data_dir
from tools.foundation.settings import Settings

AS_OF = date(2026, 11, 22)
NOW = datetime(2026, 11, 22, 9, 0)
SEED_ADVISOR = "ADV-001"
ModelT = TypeVar("ModelT", bound=BaseModel)


@pytest.fixture(scope="session")
def shared_settings(template_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Return settings of a session-wide copy for tests that only ask (no approvals)."""
    target = tmp_path_factory.mktemp("copilot-shared") / "data"
    copy_data_dir(template_data_dir, target)
    return Settings(data_dir=target, review_sample_rate=0.0)


@pytest.fixture
def turn_settings(template_data_dir: Path, tmp_path: Path) -> Settings:
    """Return settings of a private copy of the book and store (tests that write)."""
    target = tmp_path / "data"
    copy_data_dir(template_data_dir, target)
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
