"""The registered models are loaded once per process and reloaded when a pointer moves."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from tools.registry import current_version, load_current, save_model
from tools.scores import load_model_set

pytestmark = pytest.mark.slow


@pytest.fixture
def registry(trained_models, tmp_path: Path) -> Path:
    """Return a private copy of the trained models (safe to change)."""
    return Path(shutil.copytree(trained_models[0].models_dir, tmp_path / "models"))


def test_an_empty_registry_has_no_models(tmp_path: Path) -> None:
    models = load_model_set(tmp_path)
    assert models.propensity is None and models.credibility is None and models.churn is None
    assert models.versions == {}


def test_the_set_carries_the_current_versions(registry: Path, trained_models) -> None:
    assert load_model_set(registry).versions == trained_models[1].versions


def test_the_set_is_cached_while_no_pointer_changes(registry: Path) -> None:
    assert load_model_set(registry) is load_model_set(registry)


def test_a_new_current_version_is_picked_up(registry: Path) -> None:
    first = load_model_set(registry)
    loaded = load_current("churn", registry)
    metadata = loaded.metadata.model_copy(update={"version": "churn-20990101T000000-abcdef"})
    save_model(loaded.model, metadata, registry)
    second = load_model_set(registry)
    assert second is not first and second.versions["churn"] == "churn-20990101T000000-abcdef"
    assert second.propensity is first.propensity  # unchanged kinds are not rebuilt


def test_an_unreadable_artifact_counts_as_not_trained_with_a_warning(
    registry: Path, caplog: pytest.LogCaptureFixture
) -> None:
    version = current_version("propensity", registry)
    (registry / "propensity" / version / "model.joblib").write_bytes(b"not a pickle")
    (registry / "propensity" / "current").write_text(version + "\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="tools.scores.models"):
        models = load_model_set(registry)
    assert models.propensity is None and models.churn is not None
    assert "copilot models train" in caplog.text
