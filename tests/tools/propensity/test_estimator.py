import numpy as np
import pandas as pd
import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks

from tools.propensity.estimator import PropensityClassifier


@parametrize_with_checks([PropensityClassifier()])
def test_sklearn_estimator_contract(estimator, check) -> None:
    check(estimator)


def _mixed(n: int = 400, seed: int = 0) -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "employees": rng.integers(1, 200, n).astype(float),
            "industry": rng.choice(["it", "retail", "construction"], n),
            "noise": rng.normal(size=n),
        }
    )
    logit = -1.0 + 0.01 * frame["employees"] + np.where(frame["industry"] == "it", 1.5, 0.0)
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    return frame, y


def test_contributions_sum_to_the_log_odds() -> None:
    frame, y = _mixed()
    model = PropensityClassifier(C=1.0).fit(frame, y)
    total = model.contributions(frame).sum(axis=1) + model.intercept_logit()
    np.testing.assert_allclose(total, model.decision_function(frame), atol=1e-8)


def test_contributions_have_one_column_per_input() -> None:
    frame, y = _mixed()
    model = PropensityClassifier().fit(frame, y)
    assert list(model.contributions(frame.head(3)).columns) == ["employees", "noise", "industry"]


def test_strong_categorical_signal_gets_positive_contribution() -> None:
    frame, y = _mixed(2000)
    model = PropensityClassifier(C=1.0).fit(frame, y)
    contrib = model.contributions(frame)
    assert contrib.loc[frame["industry"] == "it", "industry"].mean() > 0.3


def test_missing_values_and_unseen_levels_are_scored() -> None:
    frame, y = _mixed()
    model = PropensityClassifier().fit(frame, y)
    new = pd.DataFrame({"employees": [np.nan], "industry": ["mining"], "noise": [0.0]})
    proba = model.predict_proba(new)
    assert proba.shape == (1, 2) and 0 < proba[0, 1] < 1


def test_contributions_refuse_multiclass() -> None:
    X = np.random.default_rng(0).normal(size=(30, 2))
    model = PropensityClassifier().fit(X, np.arange(30) % 3)
    with pytest.raises(ValueError, match="binary"):
        model.contributions(X)
