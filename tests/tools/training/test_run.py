import pytest

from tools.registry import current_version, load_current, model_card_path

pytestmark = pytest.mark.slow


def test_train_all_makes_one_current_version_per_kind(trained_models) -> None:
    settings, report = trained_models
    for kind in ("propensity", "credibility", "churn"):
        assert current_version(kind, settings.models_dir) == report.versions[kind]


def test_propensity_metadata_reports_holdout_metrics_per_product(trained_models) -> None:
    meta = load_current("propensity", trained_models[0].models_dir).metadata
    assert 0.0 <= meta.metrics["CYBER"]["auc"] <= 1.0
    assert "brier" in meta.metrics["CYBER"] and "capture_top20" in meta.metrics["CYBER"]


def test_propensity_card_has_fairness_and_calibration(trained_models) -> None:
    card = model_card_path("propensity", models_dir=trained_models[0].models_dir).read_text()
    assert "## Fairness" in card and "Protected attributes among the features: none" in card
    assert "mean predicted" in card


def test_no_protected_attribute_is_a_feature(trained_models) -> None:
    for kind in ("propensity", "churn", "credibility"):
        meta = load_current(kind, trained_models[0].models_dir).metadata
        assert meta.fairness is not None and meta.fairness.protected_features_found == []
