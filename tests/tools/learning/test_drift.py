"""The population stability index: near 0 for the same distribution, large for a shift."""

from __future__ import annotations

import numpy as np

from tools.learning.drift import population_stability


def test_the_same_distribution_is_stable() -> None:
    rng = np.random.default_rng(1)
    assert population_stability(rng.beta(2, 8, 2000), rng.beta(2, 8, 2000)) < 0.02


def test_a_shifted_distribution_drifts() -> None:
    rng = np.random.default_rng(1)
    assert population_stability(rng.beta(2, 8, 2000), rng.beta(5, 5, 2000)) > 0.5
