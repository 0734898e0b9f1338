"""The numpy twin of the classifier gives its log-odds and contributions exactly."""

import numpy as np
import pandas as pd
import pytest

from tools.propensity.estimator import PropensityClassifier
from tools.propensity.linear import LinearScorer


def _training(n: int = 500, seed: int = 1) -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "employees": rng.integers(1, 200, n).astype(float),
            "growth": rng.normal(size=n),
            "empty": np.full(n, np.nan),
            "owns": rng.integers(0, 2, n),
            # "c" and "d" are rarer than min_category_frequency: pooled as infrequent.
            "industry": rng.choice(["a", "b", "c", "d"], n, p=[0.6, 0.38, 0.01, 0.01]),
            "country": rng.choice(["SE", "NO"], n),
        }
    )
    frame.loc[rng.random(n) < 0.2, "growth"] = np.nan
    logit = -1.0 + 0.01 * frame["employees"] + np.where(frame["industry"] == "a", 1.0, 0.0)
    return frame, (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)


def _scored(frame: pd.DataFrame, scorer: LinearScorer) -> tuple[np.ndarray, np.ndarray]:
    numeric = frame[list(scorer.numeric)].to_numpy(dtype=float)
    categorical = frame[list(scorer.categorical)].to_numpy(dtype=object).tolist()
    encoded = scorer.encode(numeric, categorical)
    return scorer.decision(encoded), scorer.contributions(encoded)


def _new_rows(seed: int = 2, n: int = 200) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "employees": rng.integers(1, 400, n).astype(float),
            "growth": rng.normal(size=n),
            "empty": rng.normal(size=n),
            "owns": rng.integers(0, 2, n),
            "industry": rng.choice(["a", "b", "c", "d", "unseen"], n),
            "country": rng.choice(["SE", "NO", "FI"], n),  # FI never seen, nothing infrequent
        }
    )
    for column in ("employees", "growth", "empty"):
        frame.loc[rng.random(n) < 0.25, column] = np.nan
    frame.loc[rng.random(n) < 0.1, "industry"] = np.nan  # imputed as the level "missing"
    return frame


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_numpy_scorer_equals_the_classifier_on_random_rows(seed: int) -> None:
    frame, y = _training(seed=seed)
    model = PropensityClassifier(C=0.5).fit(frame, y)
    scorer = LinearScorer.from_classifier(model)
    rows = _new_rows(seed)
    decision, contributions = _scored(rows, scorer)
    np.testing.assert_allclose(decision, model.decision_function(rows), rtol=0, atol=1e-12)
    expected = model.contributions(rows)
    assert list(expected.columns) == list(scorer.features)
    np.testing.assert_allclose(contributions, expected.to_numpy(), rtol=0, atol=1e-12)


def test_infrequent_and_unseen_levels_share_the_pooled_column() -> None:
    frame, y = _training()
    scorer = LinearScorer.from_classifier(PropensityClassifier().fit(frame, y))
    industry = scorer.levels[scorer.categorical.index("industry")]
    assert industry.column("c") == industry.column("d") == industry.column("unseen")
    assert industry.column("a") != industry.column("c")


def test_unseen_level_without_infrequent_ones_encodes_to_zeros() -> None:
    frame, y = _training()
    scorer = LinearScorer.from_classifier(PropensityClassifier().fit(frame, y))
    assert scorer.levels[scorer.categorical.index("country")].column("FI") is None


def test_baseline_is_the_intercept_logit() -> None:
    frame, y = _training()
    model = PropensityClassifier().fit(frame, y)
    assert LinearScorer.from_classifier(model).baseline() == pytest.approx(model.intercept_logit())


def test_multiclass_classifiers_are_refused() -> None:
    X = np.random.default_rng(0).normal(size=(30, 2))
    model = PropensityClassifier().fit(X, np.arange(30) % 3)
    with pytest.raises(ValueError, match="binary"):
        LinearScorer.from_classifier(model)
