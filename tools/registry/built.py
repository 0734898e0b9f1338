"""Objects derived from a stored model version (e.g. a fast scorer), built once per process.

A version folder never changes once written, so whatever is derived from its artifact can be
kept for the life of the process: the key is the models directory, the kind, the version, the
artifact's modification time (a re-created folder is rebuilt) and the builder.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from tools.registry.errors import ModelArtifactUnreadable, ModelNotTrained
from tools.registry.metadata import ModelKind
from tools.registry.store import (
    UNREADABLE,
    LoadedModel,
    artifact_path,
    current_version,
    load_version,
)

T = TypeVar("T")
MAX_BUILT = 32
"""Built objects kept at most (a few kinds x a few versions x a few models directories)."""

_built: dict[tuple[Any, ...], Any] = {}
_lock = threading.Lock()


def build_version(
    kind: ModelKind, version: str, models_dir: Path, build: Callable[[LoadedModel], T]
) -> T:
    """Return ``build(<that version>)``, computed once per version, artifact and builder.

    Args:
        kind: The model family.
        version: The stored version.
        models_dir: Root of the registry.
        build: Derives the object from the loaded model (raises ``TypeError``,
            ``AttributeError``, ``ValueError``... when the artifact is not what it expects).

    Raises:
        ModelNotTrained: the version or its artifact does not exist.
        ModelArtifactUnreadable: the artifact cannot be read, or ``build`` cannot use it.
    """
    path = artifact_path(kind, version, models_dir)
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise ModelNotTrained(kind, version) from None
    key = (os.path.abspath(models_dir), kind, version, mtime, build)
    with _lock:
        if key in _built:
            return _built[key]
    try:
        built = build(load_version(kind, version, models_dir))
    except UNREADABLE as error:
        raise ModelArtifactUnreadable(kind, version, error) from error
    with _lock:
        if len(_built) >= MAX_BUILT:
            _built.pop(next(iter(_built)))
        _built[key] = built
    return built


def build_current(kind: ModelKind, models_dir: Path, build: Callable[[LoadedModel], T]) -> T:
    """Return ``build(<current version>)``, built once per version (see :func:`build_version`).

    Raises:
        ModelNotTrained: nothing of this kind is current; the message says how to train.
        ModelArtifactUnreadable: the current artifact cannot be read or used.
    """
    return build_version(kind, current_version(kind, models_dir), models_dir, build)
