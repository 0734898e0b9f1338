"""The models suite judges the current versions' holdout figures; it can fail."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from evals.models import run
from evals.models.suite import expected_calibration_error
from evals.results import suite_thresholds
from evals.runner import run_suites
from tools.foundation.errors import InvalidInput
from tools.foundation.settings import Settings
from tools.registry.store import current_version, load_metadata


@pytest.mark.slow
def test_the_demo_books_models_meet_the_release_thresholds(demo_data_dir: Path) -> None:
    result = run_suites(Settings(data_dir=demo_data_dir), ["models"])

    suite = result.suites[0]
    assert suite.passed, [v for v in suite.verdicts if not v.passed]
    assert suite.result.versions["propensity"].startswith("propensity-")
    assert any(c.kind == "line" for c in suite.result.charts)  # calibration
    assert any("lift" in c.title for c in suite.result.charts)


def test_a_worse_model_misses_its_thresholds(template_data_dir: Path, tmp_path: Path) -> None:
    models = tmp_path / "data" / "models"
    shutil.copytree(template_data_dir / "models", models)
    settings = Settings(data_dir=tmp_path / "data")
    version = current_version("propensity", settings.models_dir)
    meta = load_metadata("propensity", version, settings.models_dir)
    meta.metrics["time_holdout"]["mean_auc"] = 0.52  # a model no better than chance
    (models / "propensity" / version / "metadata.json").write_text(meta.model_dump_json())

    result = run_suites(settings, ["models"])

    missed = {v.name for v in result.suites[0].verdicts if not v.passed}
    assert "propensity_auc" in missed and not result.passed


def test_without_trained_models_it_says_to_train_them(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="copilot init"):
        run(Settings(data_dir=tmp_path))


def test_coil_2000_is_skipped_with_a_notice_when_islp_is_missing(
    template_data_dir: Path,
) -> None:
    result = run(Settings(data_dir=template_data_dir))

    if "coil_auc" not in result.scores:
        assert any("ISLP is not installed" in n for n in result.notices)
    assert suite_thresholds("models")["coil_hits_rescaled"].optional


def test_expected_calibration_error_weights_bins_by_count() -> None:
    table = [
        {"n": 3, "mean_predicted": 0.1, "observed_rate": 0.1},
        {"n": 1, "mean_predicted": 0.5, "observed_rate": 0.1},
    ]

    assert expected_calibration_error(table) == pytest.approx(0.1)
