"""The registered models of one models directory, loaded once per process (``ModelSet``).

Each kind's current version becomes its fast scorer, built once per version; the set is
cached per models directory and rebuilt only when a ``current`` pointer changes (a ``stat``
per kind, no file read). A kind that is not trained, or whose stored artifact this code
cannot read (an older release's), is None: the tools then say "not trained" and the ranking
falls back to the catalogue prior. Nothing here reads process-wide settings.

A propensity *challenger* (``copilot models challenger VERSION``) scores the customers of the
experiment's challenger arm (``for_arm``); everyone else is scored by the current version.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from tools.churn.scorer import ChurnScorer, churn_scorer
from tools.credibility.scorer import CredibilityScorer, credibility_scorer
from tools.experiment.arms import Arm
from tools.propensity.scorer import PropensityScorer, propensity_scorer
from tools.registry import (
    CHALLENGER_FILE,
    ModelArtifactUnreadable,
    ModelKind,
    ModelNotTrained,
    build_version,
    challenger_version,
    pointer_stamp,
)

logger = logging.getLogger(__name__)

KINDS: tuple[ModelKind, ...] = ("propensity", "credibility", "churn")
T = TypeVar("T")
Stamps = tuple[tuple[int, int] | None, ...]

_sets: dict[str, tuple[Stamps, ModelSet]] = {}
_lock = threading.Lock()


@dataclass(frozen=True, eq=False)
class ModelSet:
    """The current version of each model kind, as fast scorers (None: not trained)."""

    models_dir: Path
    """The registry the models were loaded from."""
    propensity: PropensityScorer | None = None
    """The propensity model."""
    credibility: CredibilityScorer | None = None
    """The credibility model."""
    churn: ChurnScorer | None = None
    """The churn model."""
    propensity_challenger: PropensityScorer | None = None
    """The propensity version that scores the challenger arm (None: no challenger)."""

    def for_arm(self, arm: Arm) -> ModelSet:
        """Return the models that score a customer of this strategy arm.

        The challenger arm gets the challenger propensity model when one is set; every other
        arm, and the challenger arm without one, gets the current models.
        """
        if arm != "challenger" or self.propensity_challenger is None:
            return self
        return replace(self, propensity=self.propensity_challenger, propensity_challenger=None)

    @property
    def versions(self) -> dict[str, str]:
        """Return the version of each trained kind."""
        kinds = (
            ("propensity", self.propensity),
            ("credibility", self.credibility),
            ("churn", self.churn),
        )
        return {kind: model.version for kind, model in kinds if model is not None}


def _optional(kind: ModelKind, load: Callable[[Path], T], models_dir: Path) -> T | None:
    try:
        return load(models_dir)
    except ModelArtifactUnreadable as error:
        logger.warning("%s", error)
        return None
    except ModelNotTrained:
        return None


def _challenger(models_dir: Path) -> PropensityScorer:
    version = challenger_version("propensity", models_dir)
    if version is None:
        raise ModelNotTrained("propensity", "challenger")
    return build_version("propensity", version, models_dir, PropensityScorer.from_loaded)


def load_model_set(models_dir: Path) -> ModelSet:
    """Return the current models of a registry (cached; reloaded when a pointer changes).

    Args:
        models_dir: Root of the model registry (``settings.models_dir``).

    Returns:
        The set; each kind is None when not trained or not readable (logged as a warning).
    """
    key = os.path.abspath(models_dir)
    stamps = (
        *(pointer_stamp(kind, models_dir) for kind in KINDS),
        pointer_stamp("propensity", models_dir, CHALLENGER_FILE),
    )
    with _lock:
        cached = _sets.get(key)
    if cached is not None and cached[0] == stamps:
        return cached[1]
    models = ModelSet(
        models_dir=models_dir,
        propensity=_optional("propensity", propensity_scorer, models_dir),
        credibility=_optional("credibility", credibility_scorer, models_dir),
        churn=_optional("churn", churn_scorer, models_dir),
        propensity_challenger=_optional("propensity", _challenger, models_dir),
    )
    with _lock:
        _sets[key] = (stamps, models)
    return models


def as_model_set(models: ModelSet | Path) -> ModelSet:
    """Return ``models`` itself, or the current models of a models directory."""
    return models if isinstance(models, ModelSet) else load_model_set(models)
