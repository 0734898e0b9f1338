from datetime import UTC, datetime
from pathlib import Path

import pytest

from tools.registry import (
    ModelArtifactUnreadable,
    ModelMetadata,
    ModelNotTrained,
    fairness_check,
    list_versions,
    load_current,
    model_card_path,
    new_version,
    save_model,
)


def _meta(version: str) -> ModelMetadata:
    return ModelMetadata(
        kind="propensity",
        version=version,
        trained_at=datetime.now(UTC),
        data_snapshot="2026-01-01",
        data_source="test",
        n_rows=3,
        features=["employees", "industry"],
        learner="test",
        metrics={"CYBER": {"auc": 0.8}},
        calibration={"CYBER": [{"bin": 1, "n": 3, "mean_predicted": 0.1, "observed_rate": 0.0}]},
        fairness=fairness_check(["employees", "industry"], {"employees": 0.5, "industry": 0.5}),
    )


def test_load_current_returns_the_saved_object(tmp_path: Path) -> None:
    save_model({"w": 1}, _meta("propensity-1"), models_dir=tmp_path)
    loaded = load_current("propensity", models_dir=tmp_path)
    assert loaded.model == {"w": 1} and loaded.metadata.version == "propensity-1"


def test_current_points_at_the_latest_saved_version(tmp_path: Path) -> None:
    save_model({"w": 1}, _meta("propensity-1"), models_dir=tmp_path)
    save_model({"w": 2}, _meta("propensity-2"), models_dir=tmp_path)
    assert load_current("propensity", models_dir=tmp_path).model == {"w": 2}
    assert [m.version for m in list_versions("propensity", models_dir=tmp_path)] == [
        "propensity-1",
        "propensity-2",
    ]


def test_missing_model_raises_typed_error_naming_the_command(tmp_path: Path) -> None:
    with pytest.raises(ModelNotTrained, match="copilot models train"):
        load_current("churn", models_dir=tmp_path)


def test_an_artifact_this_code_cannot_unpickle_is_a_typed_error(tmp_path: Path) -> None:
    folder = save_model({"w": 1}, _meta("propensity-1"), models_dir=tmp_path)
    (folder / "model.joblib").write_bytes(b"not a pickle")
    with pytest.raises(ModelArtifactUnreadable, match="copilot models train"):
        load_current("propensity", models_dir=tmp_path)


def test_metadata_of_an_older_schema_is_a_typed_error(tmp_path: Path) -> None:
    folder = save_model({"w": 1}, _meta("propensity-1"), models_dir=tmp_path)
    (folder / "metadata.json").write_text('{"kind": "propensity"}', encoding="utf-8")
    with pytest.raises(ModelArtifactUnreadable, match="propensity-1"):
        load_current("propensity", models_dir=tmp_path)


def test_an_unreadable_version_is_left_out_of_the_list(tmp_path: Path) -> None:
    save_model({"w": 1}, _meta("propensity-1"), models_dir=tmp_path)
    broken = save_model({"w": 2}, _meta("propensity-2"), models_dir=tmp_path)
    (broken / "metadata.json").write_text("{}", encoding="utf-8")
    versions = list_versions("propensity", models_dir=tmp_path)
    assert [m.version for m in versions] == ["propensity-1"]


def test_model_card_lists_metrics_and_fairness(tmp_path: Path) -> None:
    save_model({}, _meta("propensity-1"), models_dir=tmp_path)
    card = model_card_path("propensity", models_dir=tmp_path).read_text()
    assert "| CYBER | 0.8000 |" in card and "## Fairness" in card and "passed" in card


def test_new_versions_are_unique() -> None:
    assert new_version("churn") != new_version("propensity")


def test_fairness_check_flags_a_protected_feature() -> None:
    check = fairness_check(["owner_gender", "employees"], {"employees": 1.0})
    assert not check.passed and check.protected_features_found == ["owner_gender"]


def test_fairness_check_flags_a_dominant_proxy() -> None:
    check = fairness_check(["country", "employees"], {"country": 0.6, "employees": 0.4})
    assert not check.passed
