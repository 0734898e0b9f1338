"""A session-wide fixture: the three models trained once on the shared 300-customer test book."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.foundation.settings import Settings
from tools.training.run import TrainReport, train_all


@pytest.fixture(scope="session")
def trained_models(
    book_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Settings, TrainReport]:
    """Train on the shared book into a private models dir; the process env is not touched.

    Returns settings whose ``db_url`` is the shared book and whose ``models_dir`` holds the
    models; tools get ``settings.models_dir`` (or a ``ModelSet`` of it) passed explicitly.
    """
    data_dir: Path = tmp_path_factory.mktemp("models_data")
    settings = Settings(data_dir=data_dir, database_url=book_settings.db_url)
    settings.ensure_dirs()
    return settings, train_all(settings)
