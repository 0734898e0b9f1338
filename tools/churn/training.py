"""Train the 12-month churn model (same estimator and features as propensity).

Label: a customer with a policy in force on the snapshot date (12 months before the book
date) who has no policy in force on the book date has churned. Features are measured on
the snapshot date only. The card reports two holdouts: 5-fold cross-validation over the latest
window's customers, and a time-based one (fitted on the window a year earlier, tested on the
latest), which the synthetic book allows now that it spreads churn over the customers' tenure.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from tools.catalogue.loader import Catalogue
from tools.propensity.book_frames import BookFrames, holdings_matrix
from tools.propensity.estimator import PropensityClassifier
from tools.propensity.features import CATEGORICAL, COMMON_NUMERIC, customer_features
from tools.propensity.metrics import ranking_metrics, reliability_table
from tools.registry import ModelMetadata, fairness_check, new_version

HORIZON_DAYS = 365
CHURN_C = 0.01  # strong shrinkage: churn has little observable signal (5-fold CV)
LIMITS = [
    "Trained on the synthetic book: figures describe the generator, not real customers.",
    "churn_12m_5fold_customer_cv is cross-validated over the latest window's customers (those"
    " in force a year before the book date); churn_12m_time_holdout is fitted on the window a"
    " year earlier and tested on the latest one (absent when a window has no churner).",
    "Synthetic churn is driven mostly by a latent hazard that no recorded feature carries;"
    " the card compares with a ranking by that hidden hazard.",
    "Churn means every policy ended; partial lapses (one product dropped) are not churn here.",
]


def churn_columns(codes: list[str]) -> list[str]:
    """Return the churn model's input columns."""
    return [*COMMON_NUMERIC, *CATEGORICAL, *[f"own_{c}" for c in codes]]


def churn_window(
    frames: BookFrames, book_date: date, codes: list[str]
) -> tuple[pd.DataFrame, np.ndarray]:
    """Return features a year before ``book_date`` and whether each customer left by then."""
    snapshot = book_date - timedelta(days=HORIZON_DAYS)
    common = customer_features(frames, snapshot, codes)
    still = holdings_matrix(frames.policies, book_date, codes).sum(axis=1) > 0
    label = ~common.index.isin(still[still].index)
    return common[churn_columns(codes)], label.astype(int)


def _holdout_metrics(
    y: np.ndarray, scores: np.ndarray, ids: pd.Index, hazard: dict[str, float] | None
) -> dict[str, float]:
    metrics = ranking_metrics(y, scores)
    if hazard is not None and 0 < y.sum() < len(y):
        # Ranking by the generator's hidden churn hazard alone (no observable feature carries it).
        latent = np.array([hazard.get(str(c), 0.0) for c in ids])
        metrics["latent_hazard_auc"] = float(roc_auc_score(y, latent))
    return {k: round(float(v), 4) for k, v in metrics.items()}


def _time_holdout(
    frames: BookFrames, book_date: date, codes: list[str], hazard: dict[str, float] | None
) -> dict[str, float] | None:
    earlier = book_date - timedelta(days=HORIZON_DAYS)
    X_old, y_old = churn_window(frames, earlier, codes)
    X_new, y_new = churn_window(frames, book_date, codes)
    if not (0 < y_old.sum() < len(y_old)) or not (0 < y_new.sum() < len(y_new)):
        return None
    scores = PropensityClassifier(C=CHURN_C).fit(X_old, y_old).predict_proba(X_new)[:, 1]
    return _holdout_metrics(y_new, scores, X_new.index, hazard)


def train_churn(
    frames: BookFrames,
    book_date: date,
    catalogue: Catalogue,
    data_source: str,
    hazard: dict[str, float] | None = None,
) -> tuple[PropensityClassifier, ModelMetadata]:
    """Evaluate on a customer holdout, refit on all customers, and describe the model.

    Args:
        frames: The book frames.
        book_date: The book's as-of date.
        catalogue: The catalogue (product codes).
        data_source: Where the data came from.
        hazard: The synthetic generator's latent churn hazard per customer, for the oracle
            comparison in the card only (never a feature).

    Returns:
        The fitted classifier and its metadata.
    """
    X, y = churn_window(frames, book_date, catalogue.codes)
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    estimator = PropensityClassifier(C=CHURN_C)
    scores = cross_val_predict(estimator, X, y, cv=folds, method="predict_proba")[:, 1]
    model = PropensityClassifier(C=CHURN_C).fit(X, y)
    shares = model.contributions(X).abs().mean()
    metrics: dict[str, Any] = {
        "churn_12m_5fold_customer_cv": _holdout_metrics(y, scores, X.index, hazard),
        "churn_rate": round(float(y.mean()), 4),
    }
    later = _time_holdout(frames, book_date, catalogue.codes, hazard)
    if later is not None:
        metrics["churn_12m_time_holdout"] = later
    trained_at = datetime.now(UTC)
    metadata = ModelMetadata(
        kind="churn",
        version=new_version("churn", trained_at),
        trained_at=trained_at,
        data_snapshot=(book_date - timedelta(days=HORIZON_DAYS)).isoformat(),
        data_source=data_source,
        n_rows=len(y),
        features=list(X.columns),
        learner=f"PropensityClassifier (L2 logistic regression, C={CHURN_C})",
        metrics=metrics,
        calibration={"churn, out-of-fold (5-fold)": reliability_table(y, scores)},
        fairness=fairness_check(list(X.columns), (shares / shares.sum()).to_dict()),
        limits=LIMITS,
        notes={
            "CLV": "CLV = expected discounted margin over the expected remaining lifetime"
            " plus cross-sell potential; see tools/churn/clv.py for the assumptions."
        },
    )
    return model, metadata
