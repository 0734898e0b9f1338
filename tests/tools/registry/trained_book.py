"""A session-wide fixture: the three models trained once on the shared 300-customer test book."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tools.foundation.settings import Settings, get_settings
from tools.training.run import TrainReport, train_all


@pytest.fixture(scope="session")
def trained_models(
    book_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Settings, TrainReport]]:
    """Train on the shared book into a private models dir; scoring sees it via the env."""
    data_dir: Path = tmp_path_factory.mktemp("models_data")
    saved = {k: os.environ.get(k) for k in ("COPILOT_DATA_DIR", "COPILOT_DATABASE_URL")}
    os.environ["COPILOT_DATA_DIR"] = str(data_dir)
    os.environ["COPILOT_DATABASE_URL"] = book_settings.db_url
    get_settings.cache_clear()
    settings = get_settings()
    report = train_all(settings)
    yield settings, report
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    get_settings.cache_clear()
