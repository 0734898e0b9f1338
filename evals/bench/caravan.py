"""Outside benchmark: PropensityClassifier on the CoIL 2000 Caravan data (ISLP).

Run: ``python evals/bench/caravan.py``. Needs ``pip install --no-deps ISLP`` (the data set
ships inside that package; licence: non-commercial research and education only, so it is
loaded at run time and never committed). Prints 10-fold cross-validated AUC and the number
of buyers captured in the top 20% of out-of-fold scores, with a bootstrap interval, beside
the CoIL 2000 reference figures (shared/OFFLINE.md). The CoIL task selected 800 of 4,000 test
customers (238 buyers); our top-20% capture is also rescaled to that test set's 238 buyers so
the figures are comparable in kind (they are not the same customers).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

import numpy as np
import pandas as pd
from sklearn.base import ClassifierMixin, clone
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

from tools.propensity.estimator import PropensityClassifier

COIL = {"winner (naive Bayes)": 121, "field median": 103, "random": 47.6, "untuned GBM": 120}
COIL_TEST_BUYERS = 238
CATEGORICAL = ("MOSTYPE", "MOSHOOFD")  # customer subtype / main type: codes, not quantities


def load_caravan() -> tuple[pd.DataFrame, np.ndarray]:
    """Return the Caravan features (subtype codes as categories) and the 0/1 target."""
    try:
        from ISLP import load_data
    except ImportError:
        sys.exit(
            "ISLP is not installed. Install it with `pip install --no-deps ISLP` "
            "(non-commercial licence; the data is loaded at run time, never committed)."
        )
    data = load_data("Caravan")
    y = (data["Purchase"] == "Yes").to_numpy().astype(int)
    X = data.drop(columns=["Purchase"])
    for column in CATEGORICAL:
        X[column] = X[column].astype(str)
    return X, y


def out_of_fold(
    model: ClassifierMixin, X: pd.DataFrame, y: np.ndarray
) -> tuple[np.ndarray, list[float]]:
    """Return out-of-fold probabilities and the per-fold AUCs of a 10-fold stratified CV."""
    scores = np.zeros(len(y))
    aucs = []
    for train, test in StratifiedKFold(10, shuffle=True, random_state=2000).split(X, y):
        fitted = clone(model).fit(X.iloc[train], y[train])
        scores[test] = fitted.predict_proba(X.iloc[test])[:, 1]
        aucs.append(roc_auc_score(y[test], scores[test]))
    return scores, aucs


def top_capture(scores: np.ndarray, y: np.ndarray, share: float = 0.2) -> int:
    """Return how many buyers are among the top ``share`` of scores."""
    top = np.argsort(-scores, kind="stable")[: int(round(share * len(y)))]
    return int(y[top].sum())


def bootstrap(
    stat: Callable[[np.ndarray], float], n: int, rounds: int = 1000
) -> tuple[float, float]:
    """Return the 2.5% and 97.5% percentiles of a statistic over bootstrap resamples."""
    rng = np.random.default_rng(7)
    values = [stat(rng.integers(0, n, n)) for _ in range(rounds)]
    low, high = np.percentile(values, [2.5, 97.5])
    return float(low), float(high)


def report(name: str, model: ClassifierMixin, X: pd.DataFrame, y: np.ndarray) -> None:
    """Cross-validate one model and print its AUC and top-20% capture with intervals."""
    started = time.perf_counter()
    scores, aucs = out_of_fold(model, X, y)
    captured = top_capture(scores, y)
    cap_lo, cap_hi = bootstrap(lambda idx: top_capture(scores[idx], y[idx]), len(y))
    auc_lo, auc_hi = bootstrap(lambda idx: roc_auc_score(y[idx], scores[idx]), len(y), 300)
    scale = COIL_TEST_BUYERS / y.sum()
    print(f"\n{name}  ({time.perf_counter() - started:.1f} s)")
    print(
        f"  10-fold CV AUC: {np.mean(aucs):.3f} (fold sd {np.std(aucs):.3f}); "
        f"pooled out-of-fold AUC {roc_auc_score(y, scores):.3f} [95% {auc_lo:.3f}-{auc_hi:.3f}]"
    )
    print(
        f"  buyers in top 20% ({int(round(0.2 * len(y)))} of {len(y)}): {captured} of {y.sum()} "
        f"({captured / y.sum():.1%}) [95% bootstrap {cap_lo:.0f}-{cap_hi:.0f}]"
    )
    print(
        f"  rescaled to CoIL test (238 buyers): {captured * scale:.0f} "
        f"[{cap_lo * scale:.0f}-{cap_hi * scale:.0f}]"
    )


def main() -> None:
    """Run the benchmark for the shipped learner and the comparison learners."""
    X, y = load_caravan()
    print(
        f"Caravan (CoIL 2000 training set): {len(y)} customers, {y.sum()} buyers ({y.mean():.2%})"
    )
    print(
        "CoIL reference, buyers among 800 of 4,000 test customers: "
        + ", ".join(f"{k} {v}" for k, v in COIL.items())
    )
    report("PropensityClassifier (shipped default, C=0.1)", PropensityClassifier(), X, y)
    report("PropensityClassifier, C=0.01 (more regularised)", PropensityClassifier(C=0.01), X, y)
    report("PropensityClassifier, C=1.0 (less regularised)", PropensityClassifier(C=1.0), X, y)
    gbm = HistGradientBoostingClassifier(random_state=0)
    report(
        "Untuned HistGradientBoosting (comparison only)",
        gbm,
        X.astype(float, errors="ignore").apply(pd.to_numeric),
        y,
    )


if __name__ == "__main__":
    main()
