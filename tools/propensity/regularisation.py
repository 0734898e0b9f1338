"""Choose the L2 strength of a logistic regression by inner cross-validation.

Why: how much to shrink depends on how much signal a data set carries. A fixed C over-fits
noisy, low-signal data (the CoIL 2000 Caravan set prefers C=0.01) and under-fits clear data,
so :class:`~tools.propensity.estimator.PropensityClassifier` learns it at fit time: weighted
log loss (what the model optimises, so the pick keeps probabilities calibrated) over a few
stratified inner folds of the already-encoded training rows, then one refit on all rows.
Scaling and one-hot levels are learned once on all training rows (they see no labels).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from sklearn import config_context
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.utils import assert_all_finite

C_GRID = (0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
"""Candidate strengths: half-decade steps, from heavy shrinkage to nearly none."""


def select_C(
    make_logistic: Callable[[float], LogisticRegression],
    encoded: np.ndarray,
    y: np.ndarray,
    weight: np.ndarray,
    grid: tuple[float, ...] = C_GRID,
    n_folds: int = 3,
) -> tuple[float, dict[float, float]]:
    """Return the grid value with the lowest inner-cross-validated log loss, and the losses.

    The loss is U-shaped in log C, so the search starts mid-grid and walks downhill, each
    fold's fit warm-started from the previous one: a few cheap fits per fold. With fewer
    than two rows of some class it returns the grid's middle value and no losses.

    Args:
        make_logistic: Builds an unfitted, warm-starting logistic regression for a C.
        encoded: The encoded (numeric, finite) training rows.
        y: Their labels.
        weight: Their weights; zero-weight rows are dropped first, so they move no fold.
        grid: Candidate strengths.
        n_folds: Inner folds (fewer when a class has fewer rows).
    """
    values = sorted(float(c) for c in grid)
    keep = weight > 0
    encoded, y, weight = encoded[keep], y[keep], weight[keep]
    classes, counts = np.unique(y, return_counts=True)
    n_folds = int(min(n_folds, counts.min()))
    if n_folds < 2 or len(classes) < 2:
        return values[len(values) // 2], {}
    assert_all_finite(encoded)
    folds = list(StratifiedKFold(n_folds, shuffle=True, random_state=0).split(encoded, y))
    models = [make_logistic(values[0]) for _ in folds]
    losses: dict[float, float] = {}

    def loss_at(i: int) -> float:
        if values[i] not in losses:
            losses[values[i]] = inner_log_loss(values[i], models, folds, encoded, y, weight)
        return losses[values[i]]

    start = best = (len(values) - 1) // 2
    # The inner fits are many and small: skip sklearn's per-call checks (the input was
    # checked just above, the parameters are ours), which cost more than the solver.
    with config_context(assume_finite=True, skip_parameter_validation=True):
        for step in (1, -1):
            while 0 <= best + step < len(values) and loss_at(best + step) < loss_at(best):
                best += step
            if best != start:
                break
    return values[best], dict(sorted(losses.items()))


def inner_log_loss(
    C: float,
    models: list[LogisticRegression],
    folds: list[tuple[np.ndarray, np.ndarray]],
    encoded: np.ndarray,
    y: np.ndarray,
    weight: np.ndarray,
) -> float:
    """Return the weighted out-of-fold log loss of strength ``C``, refitting each fold's model.

    Args:
        C: The strength.
        models: One logistic regression per fold (refitted in place, warm-started).
        folds: (train, test) row positions of each fold.
        encoded: Encoded rows.
        y: Labels.
        weight: Row weights.
    """
    row_loss = np.zeros(len(y))
    for logistic, (train, test) in zip(models, folds, strict=True):
        logistic.set_params(C=C).fit(encoded[train], y[train], sample_weight=weight[train])
        proba = logistic.predict_proba(encoded[test])
        picked = proba[np.arange(len(test)), np.searchsorted(logistic.classes_, y[test])]
        row_loss[test] = -np.log(np.clip(picked, 1e-15, None))
    return float(np.average(row_loss, weights=weight))
