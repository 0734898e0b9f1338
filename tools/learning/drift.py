"""The population stability index of two score samples (a model's drift measure).

``PSI = sum over bins of (a - e) * ln(a / e)``, with ``e`` the reference sample's share and
``a`` the current sample's share of each bin; the bins are the reference's deciles (ten
equal-count bins), and an empty bin counts as a share of 0.0001 so the log stays finite.
Common reading: under 0.1 stable, 0.1-0.25 moderate shift, above 0.25 a large one.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

BINS = 10
FLOOR = 1e-4


def population_stability(reference: ArrayLike, current: ArrayLike) -> float:
    """Return the PSI of ``current`` against ``reference`` (both non-empty)."""
    ref, cur = np.asarray(reference, float), np.asarray(current, float)
    edges = np.unique(np.quantile(ref, np.linspace(0, 1, BINS + 1)[1:-1]))
    expected = np.bincount(np.searchsorted(edges, ref, side="right"), minlength=len(edges) + 1)
    actual = np.bincount(np.searchsorted(edges, cur, side="right"), minlength=len(edges) + 1)
    e = np.maximum(expected / len(ref), FLOOR)
    a = np.maximum(actual / len(cur), FLOOR)
    return float(np.sum((a - e) * np.log(a / e)))
