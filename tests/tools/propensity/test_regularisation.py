import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from tools.propensity.regularisation import C_GRID, inner_log_loss, select_C


def _make(C: float) -> LogisticRegression:
    return LogisticRegression(C=C, solver="newton-cholesky", warm_start=True)


def _data(seed: int, signal: float) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(500, 8))
    y = (rng.random(500) < 1 / (1 + np.exp(-(signal * X[:, 0] - 1.5)))).astype(int)
    return X, y


def test_downhill_walk_finds_the_whole_grid_minimum() -> None:
    for seed, signal in [(0, 0.0), (1, 0.5), (2, 3.0)]:
        X, y = _data(seed, signal)
        chosen, _ = select_C(_make, X, y, np.ones(len(y)))
        folds = list(StratifiedKFold(3, shuffle=True, random_state=0).split(X, y))
        full = {
            C: inner_log_loss(C, [_make(C) for _ in folds], folds, X, y, np.ones(len(y)))
            for C in C_GRID
        }
        assert chosen == min(full, key=lambda C: full[C])


def test_tried_values_are_reported_with_their_loss() -> None:
    X, y = _data(3, 1.0)
    chosen, losses = select_C(_make, X, y, np.ones(len(y)))
    assert chosen in losses and losses[chosen] == min(losses.values())


def test_a_class_with_one_row_falls_back_to_the_middle_of_the_grid() -> None:
    X, y = _data(4, 1.0)
    y = np.zeros(len(y), dtype=int)
    y[0] = 1
    assert select_C(_make, X, y, np.ones(len(y))) == (C_GRID[len(C_GRID) // 2], {})
