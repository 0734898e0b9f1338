"""Versioned model registry: artifacts, metadata, generated model cards, a current pointer.

A leaf package: it reads no process-wide settings (every function takes the models
directory) and imports no model package (builders of derived objects are passed in).
"""

from tools.registry.built import build_current, build_version
from tools.registry.card import render_model_card
from tools.registry.errors import ModelArtifactUnreadable, ModelNotTrained
from tools.registry.fairness import fairness_check
from tools.registry.metadata import FairnessCheck, ModelKind, ModelMetadata
from tools.registry.store import (
    CHALLENGER_FILE,
    LoadedModel,
    challenger_version,
    clear_challenger,
    current_version,
    list_versions,
    load_current,
    load_metadata,
    load_version,
    model_card_path,
    new_version,
    pointer_stamp,
    save_model,
    set_challenger,
)

__all__ = [
    "CHALLENGER_FILE",
    "FairnessCheck",
    "LoadedModel",
    "ModelKind",
    "ModelArtifactUnreadable",
    "ModelMetadata",
    "ModelNotTrained",
    "build_current",
    "build_version",
    "challenger_version",
    "clear_challenger",
    "current_version",
    "fairness_check",
    "list_versions",
    "load_current",
    "load_metadata",
    "load_version",
    "model_card_path",
    "new_version",
    "pointer_stamp",
    "render_model_card",
    "save_model",
    "set_challenger",
]
