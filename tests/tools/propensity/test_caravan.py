import importlib.util

import pytest
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from tools.propensity.estimator import PropensityClassifier

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(importlib.util.find_spec("ISLP") is None, reason="ISLP is not installed"),
]


def test_estimator_ranks_caravan_buyers_better_than_chance() -> None:
    from ISLP import load_data

    data = load_data("Caravan")
    y = (data["Purchase"] == "Yes").astype(int).to_numpy()
    X = data.drop(columns=["Purchase"]).astype({"MOSTYPE": str, "MOSHOOFD": str})
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.3, stratify=y, random_state=0
    )
    scores = PropensityClassifier().fit(X_train, y_train).predict_proba(X_test)[:, 1]
    assert roc_auc_score(y_test, scores) > 0.68
