"""Versioned model artifacts on disk: ``<models_dir>/<kind>/<version>/`` plus a ``current`` file.

Each version folder holds ``model.joblib`` (the fitted object), ``metadata.json``
(:class:`ModelMetadata`) and ``model_card.md`` (generated). ``<kind>/current`` names the
version the tools load. Writing goes to a temporary folder first and is renamed into
place, so a reader never sees half a version.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import joblib
from pydantic import ValidationError

from tools.registry.card import render_model_card
from tools.registry.errors import ModelArtifactUnreadable, ModelNotTrained
from tools.registry.metadata import ModelKind, ModelMetadata

logger = logging.getLogger(__name__)

CURRENT_FILE = "current"
CHALLENGER_FILE = "challenger"
"""Names the version that scores the challenger arm's customers (absent: none)."""
# What unpickling an artifact written by other code (or a truncated file) raises.
UNREADABLE = (
    pickle.UnpicklingError,
    AttributeError,
    ImportError,
    EOFError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
)


@dataclass(frozen=True)
class LoadedModel:
    """A model object with the metadata it was saved with."""

    model: Any
    metadata: ModelMetadata


def new_version(kind: ModelKind, trained_at: datetime | None = None) -> str:
    """Return a fresh, sortable version id for a model kind.

    Args:
        kind: The model family.
        trained_at: Training time (default now, UTC).

    Returns:
        An id like ``propensity-20261122T040000-3f2a9c``.
    """
    when = trained_at or datetime.now(UTC)
    salt = hashlib.sha256(f"{kind}{when.isoformat()}{os.getpid()}".encode()).hexdigest()[:6]
    return f"{kind}-{when.strftime('%Y%m%dT%H%M%S')}-{salt}"


def _kind_dir(kind: str, models_dir: Path) -> Path:
    return models_dir / kind


def save_model(
    model: Any, metadata: ModelMetadata, models_dir: Path, make_current: bool = True
) -> Path:
    """Write a model version (artifact, metadata, model card) and optionally make it current.

    Args:
        model: Any picklable fitted object.
        metadata: Its metadata; ``metadata.version`` names the folder.
        models_dir: Root of the registry (``settings.models_dir``).
        make_current: Point ``<kind>/current`` at this version.

    Returns:
        The version folder.
    """
    kind_dir = _kind_dir(metadata.kind, models_dir)
    kind_dir.mkdir(parents=True, exist_ok=True)
    final = kind_dir / metadata.version
    staging = kind_dir / f".{metadata.version}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    joblib.dump(model, staging / "model.joblib", compress=3)
    (staging / "metadata.json").write_text(metadata.model_dump_json(indent=2), encoding="utf-8")
    (staging / "model_card.md").write_text(render_model_card(metadata), encoding="utf-8")
    staging.rename(final)
    if make_current:
        _point(kind_dir, CURRENT_FILE, metadata.version)
    return final


def _point(kind_dir: Path, pointer: str, version: str) -> None:
    pointer_tmp = kind_dir / f".{pointer}.tmp"
    pointer_tmp.write_text(version + "\n", encoding="utf-8")
    pointer_tmp.replace(kind_dir / pointer)


def set_challenger(kind: ModelKind, version: str, models_dir: Path) -> None:
    """Make a stored version the challenger: it scores the challenger arm's customers.

    Raises:
        ModelNotTrained: no such stored version.
    """
    load_metadata(kind, version, models_dir)
    _point(_kind_dir(kind, models_dir), CHALLENGER_FILE, version)


def clear_challenger(kind: ModelKind, models_dir: Path) -> None:
    """Remove the challenger: every arm is scored by the current version again."""
    (_kind_dir(kind, models_dir) / CHALLENGER_FILE).unlink(missing_ok=True)


def challenger_version(kind: ModelKind, models_dir: Path) -> str | None:
    """Return the version the ``challenger`` pointer names (None: no challenger)."""
    pointer = _kind_dir(kind, models_dir) / CHALLENGER_FILE
    if not pointer.is_file():
        return None
    return pointer.read_text(encoding="utf-8").strip() or None


def current_version(kind: ModelKind, models_dir: Path) -> str:
    """Return the version id the ``current`` pointer names.

    Raises:
        ModelNotTrained: No version of this kind has been made current.
    """
    pointer = _kind_dir(kind, models_dir) / CURRENT_FILE
    if not pointer.is_file():
        raise ModelNotTrained(kind)
    return pointer.read_text(encoding="utf-8").strip()


def pointer_stamp(
    kind: ModelKind, models_dir: Path, pointer: str = CURRENT_FILE
) -> tuple[int, int] | None:
    """Return a cheap fingerprint of a pointer, ``current`` by default (None: there is none).

    The pointer is replaced by a rename, so its inode and modification time change whenever
    another version is made current: a cache compares stamps instead of reading the file.
    """
    try:
        stat = (_kind_dir(kind, models_dir) / pointer).stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns


def artifact_path(kind: ModelKind, version: str, models_dir: Path) -> Path:
    """Return the path of a stored version's artifact (it may not exist)."""
    return _kind_dir(kind, models_dir) / version / "model.joblib"


def load_metadata(kind: ModelKind, version: str, models_dir: Path) -> ModelMetadata:
    """Return the metadata of one stored version.

    Raises:
        ModelNotTrained: The version folder does not exist.
    """
    path = _kind_dir(kind, models_dir) / version / "metadata.json"
    if not path.is_file():
        raise ModelNotTrained(kind, version)
    try:
        return ModelMetadata.model_validate_json(path.read_text(encoding="utf-8"))
    except ValidationError as error:
        raise ModelArtifactUnreadable(kind, version, error) from error


@lru_cache(maxsize=16)
def _load_artifact(path: Path, mtime_ns: int) -> Any:
    # Versions are immutable once written; the mtime guards against a re-created folder.
    return joblib.load(path)


def load_version(kind: ModelKind, version: str, models_dir: Path) -> LoadedModel:
    """Load one stored version (model object and metadata); artifacts are cached in memory.

    Raises:
        ModelNotTrained: The version folder or its artifact does not exist.
        ModelArtifactUnreadable: This code cannot read the stored files (an older release's
            artifact, or a damaged one).
    """
    metadata = load_metadata(kind, version, models_dir)
    path = artifact_path(kind, version, models_dir).resolve()
    if not path.is_file():
        raise ModelNotTrained(kind, version)
    try:
        model = _load_artifact(path, path.stat().st_mtime_ns)
    except UNREADABLE as error:
        raise ModelArtifactUnreadable(kind, version, error) from error
    return LoadedModel(model=model, metadata=metadata)


def load_current(kind: ModelKind, models_dir: Path) -> LoadedModel:
    """Load the current version of a model kind.

    Raises:
        ModelNotTrained: Nothing trained yet; the message says to run ``copilot models train``.
    """
    return load_version(kind, current_version(kind, models_dir), models_dir)


def list_versions(kind: ModelKind, models_dir: Path) -> list[ModelMetadata]:
    """Return the metadata of every readable stored version of a kind, oldest first.

    A version whose metadata this code cannot read is left out with a warning in the log.
    """
    kind_dir = _kind_dir(kind, models_dir)
    if not kind_dir.is_dir():
        return []
    found = []
    for folder in sorted(kind_dir.iterdir()):
        if folder.is_dir() and not folder.name.startswith("."):
            try:
                found.append(load_metadata(kind, folder.name, models_dir))
            except ModelArtifactUnreadable as error:
                logger.warning("%s", error)
            except ModelNotTrained:
                continue  # a folder without metadata is not a version
    return sorted(found, key=lambda m: m.trained_at)


def model_card_path(kind: ModelKind, models_dir: Path, version: str | None = None) -> Path:
    """Return the path of a version's model card (default the current version)."""
    chosen = version or current_version(kind, models_dir)
    path = _kind_dir(kind, models_dir) / chosen / "model_card.md"
    if not path.is_file():
        raise ModelNotTrained(kind, chosen)
    return path
