"""Versioned model registry: artifacts, metadata, generated model cards, a current pointer."""

from tools.registry.card import render_model_card
from tools.registry.errors import ModelArtifactUnreadable, ModelNotTrained
from tools.registry.fairness import fairness_check
from tools.registry.metadata import FairnessCheck, ModelKind, ModelMetadata
from tools.registry.store import (
    LoadedModel,
    current_version,
    list_versions,
    load_current,
    load_metadata,
    load_version,
    model_card_path,
    new_version,
    save_model,
)

__all__ = [
    "FairnessCheck",
    "LoadedModel",
    "ModelKind",
    "ModelArtifactUnreadable",
    "ModelMetadata",
    "ModelNotTrained",
    "current_version",
    "fairness_check",
    "list_versions",
    "load_current",
    "load_metadata",
    "load_version",
    "model_card_path",
    "new_version",
    "render_model_card",
    "save_model",
]
