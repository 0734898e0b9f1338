"""Outside benchmark: PropensityClassifier on the CoIL 2000 Caravan data (ISLP).

Run: ``python evals/bench/caravan.py``. Needs ``pip install --no-deps ISLP`` (the data set
ships inside that package; licence: non-commercial research and education only, so it is
loaded at run time and never committed). Prints 10-fold cross-validated AUC and the number
of buyers captured in the top 20% of out-of-fold scores, with a bootstrap interval, beside
the CoIL 2000 reference figures (shared/OFFLINE.md), for the shipped defaults (``C="auto"``:
the regularisation is chosen by inner cross-validation within each outer training fold, so
the outer folds stay unseen) and for fixed strengths. The CoIL task selected 800 of 4,000
test customers (238 buyers); our top-20% capture is also rescaled to that test set's 238
buyers so the figures are comparable in kind (they are not the same customers).
"""

from __future__ import annotations

import sys
import time
from collections import Counter
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
    model: ClassifierMixin,
    X: pd.DataFrame,
    y: np.ndarray,
    fitted: list[ClassifierMixin] | None = None,
) -> tuple[np.ndarray, list[float]]:
    """Return out-of-fold probabilities and the per-fold AUCs of a 10-fold stratified CV.

    Args:
        model: The learner (cloned for each fold).
        X: Features.
        y: 0/1 target.
        fitted: When given, each fold's fitted model is appended to it.
    """
    scores = np.zeros(len(y))
    aucs = []
    for train, test in StratifiedKFold(10, shuffle=True, random_state=2000).split(X, y):
        fold_model = clone(model).fit(X.iloc[train], y[train])
        scores[test] = fold_model.predict_proba(X.iloc[test])[:, 1]
        aucs.append(roc_auc_score(y[test], scores[test]))
        if fitted is not None:
            fitted.append(fold_model)
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
    fitted: list[ClassifierMixin] = []
    scores, aucs = out_of_fold(model, X, y, fitted)
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
    if getattr(model, "C", None) == "auto":
        chosen = Counter(float(m.C_) for m in fitted)
        print(
            "  C chosen by the inner CV, per outer fold: "
            + ", ".join(f"{c:g} x{n}" for c, n in sorted(chosen.items()))
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
    report(
        "PropensityClassifier (shipped default, C chosen by inner CV)", PropensityClassifier(), X, y
    )
    for C, note in ((0.1, "the default until 2026-12-04"), (0.01, ""), (1.0, "")):
        label = f"PropensityClassifier, fixed C={C:g}" + (f" ({note})" if note else "")
        report(label, PropensityClassifier(C=C), X, y)
    gbm = HistGradientBoostingClassifier(random_state=0)
    report(
        "Untuned HistGradientBoosting (comparison only)",
        gbm,
        X.astype(float, errors="ignore").apply(pd.to_numeric),
        y,
    )


if __name__ == "__main__":
    main()
