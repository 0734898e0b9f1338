"""Objects derived from a stored version are built once; the registry stays a leaf."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.tools.registry.test_store import _meta
from tools.registry import (
    LoadedModel,
    ModelArtifactUnreadable,
    ModelNotTrained,
    build_current,
    pointer_stamp,
    save_model,
)

REGISTRY = Path(__file__).resolve().parents[3] / "tools" / "registry"


def _double(loaded: LoadedModel) -> int:
    return int(loaded.model["w"]) * 2


def _refuse(loaded: LoadedModel) -> int:
    raise TypeError("not what this builder reads")


def test_a_derived_object_is_built_once_per_version(tmp_path: Path) -> None:
    calls: list[str] = []

    def build(loaded: LoadedModel) -> list[str]:
        calls.append(loaded.metadata.version)
        return list(calls)

    save_model({"w": 1}, _meta("propensity-1"), tmp_path)
    first = build_current("propensity", tmp_path, build)
    assert build_current("propensity", tmp_path, build) is first
    save_model({"w": 2}, _meta("propensity-2"), tmp_path)
    assert build_current("propensity", tmp_path, build) == ["propensity-1", "propensity-2"]


def test_the_built_object_comes_from_the_current_artifact(tmp_path: Path) -> None:
    save_model({"w": 21}, _meta("propensity-1"), tmp_path)
    assert build_current("propensity", tmp_path, _double) == 42


def test_a_builder_that_cannot_use_the_artifact_makes_it_unreadable(tmp_path: Path) -> None:
    save_model({"w": 1}, _meta("propensity-1"), tmp_path)
    with pytest.raises(ModelArtifactUnreadable, match="copilot models train"):
        build_current("propensity", tmp_path, _refuse)


def test_building_without_a_model_says_to_train(tmp_path: Path) -> None:
    with pytest.raises(ModelNotTrained, match="copilot models train"):
        build_current("churn", tmp_path, _double)


def test_the_pointer_stamp_changes_when_another_version_is_made_current(tmp_path: Path) -> None:
    assert pointer_stamp("propensity", tmp_path) is None
    save_model({"w": 1}, _meta("propensity-1"), tmp_path)
    first = pointer_stamp("propensity", tmp_path)
    save_model({"w": 2}, _meta("propensity-2"), tmp_path)
    assert first is not None and pointer_stamp("propensity", tmp_path) != first


def test_the_registry_reads_no_settings_and_imports_no_model_package() -> None:
    imported: set[str] = set()
    for path in REGISTRY.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
    ours = {m for m in imported if m.split(".")[0] in ("tools", "copilot", "knowledge", "api")}
    assert all(m.startswith(("tools.registry", "tools.foundation.errors")) for m in ours), ours
